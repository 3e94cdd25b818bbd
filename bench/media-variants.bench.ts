// Media: how long an editor waits for a 12-megapixel camera photo (4000x3000 JPEG with EXIF and
// GPS) to become a cleaned original plus 8 variants (400/800/1200/2000 px as WebP and JPEG).
// Median of 3 runs, in milliseconds. Run alone with `npx tsx bench/media-variants.bench.ts`.
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { cameraJpeg } from '../test/support/image-fixtures.ts';
import { DEFAULT_MEDIA_LIMITS } from '../src/modules/media/media-limits.ts';
import { encodeVariants, processImage } from '../src/modules/media/process-image.ts';
import { planVariants } from '../src/modules/media/variant-plan.ts';

const RUNS = 3;

export async function benchMediaVariants(): Promise<Record<string, number>> {
  const photo = await cameraJpeg(4000, 3000);
  const plan = planVariants({ width: 4000, height: 3000, hasAlpha: false });
  const input = { failOn: 'error' as const, limitInputPixels: DEFAULT_MEDIA_LIMITS.maxPixels };

  const variantsMs = await medianMs(() => encodeVariants(photo, input, plan.sizes, plan.fallback));
  const originalMs = await medianMs(() => sharp(photo, input).rotate().jpeg({ quality: 90 }).toBuffer());
  const processImageMs = await medianMs(() => processImage(photo));
  const processed = await processImage(photo);

  return {
    uploadBytes: photo.length,
    variants: processed.variants.length,
    variantBytesTotal: processed.variants.reduce((sum, v) => sum + v.bytes, 0),
    variantsMs,
    cleanOriginalMs: originalMs,
    processImageMs,
  };
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchMediaVariants(), null, 2));
}
