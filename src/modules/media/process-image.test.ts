import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { TooLargeError, UnsupportedMediaError, ValidationError } from '../../domain/errors.ts';
import { resolveMediaLimits } from './media-limits.ts';
import { processImage, type ProcessedImage } from './process-image.ts';
import {
  animatedGif,
  cameraJpeg,
  exifHasGps,
  leaksMetadata,
  photoPixels,
  pngDeclaring,
  pngWithMetadata,
  webpWithMetadata,
} from '../../../test/support/image-fixtures.ts';

const sizesOf = (p: ProcessedImage, format: string) =>
  p.variants.filter((v) => v.format === format).map((v) => `${v.width}x${v.height}`);

describe('processImage: a 4000x3000 camera JPEG with GPS', () => {
  let upload: Buffer;
  let processed: ProcessedImage;

  beforeAll(async () => {
    upload = await cameraJpeg(4000, 3000);
    processed = await processImage(upload);
  });

  it('starts from a fixture that really carries GPS, XMP, IPTC and an ICC profile', async () => {
    const meta = await sharp(upload).metadata();
    expect(exifHasGps(meta.exif)).toBe(true);
    expect(meta.xmp).toBeDefined();
    expect(meta.iptc).toBeDefined();
    expect(meta.hasProfile).toBe(true);
    expect(leaksMetadata(upload)).toBe(true);
  });

  it('stores an original and variants with no EXIF, GPS, XMP, IPTC or ICC profile left', async () => {
    for (const image of [processed.original, ...processed.variants]) {
      const meta = await sharp(image.data).metadata();
      expect({ exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc, icc: meta.icc }).toEqual({
        exif: undefined,
        xmp: undefined,
        iptc: undefined,
        icc: undefined,
      });
      expect(leaksMetadata(image.data)).toBe(false);
    }
  });

  it('re-encodes the original at full size in its own format', async () => {
    expect(processed.original).toMatchObject({
      format: 'jpeg',
      mime: 'image/jpeg',
      width: 4000,
      height: 3000,
    });
    expect(processed.original.bytes).toBe(processed.original.data.length);
    expect(processed.original.data.equals(upload)).toBe(false);
  });

  it('makes every standard width as WebP and JPEG, each really that size', async () => {
    const expected = ['400x300', '800x600', '1200x900', '2000x1500'];
    expect(sizesOf(processed, 'webp')).toEqual(expected);
    expect(sizesOf(processed, 'jpeg')).toEqual(expected);
    for (const variant of processed.variants) {
      const meta = await sharp(variant.data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([variant.format, variant.width, variant.height]);
      expect(variant.bytes).toBe(variant.data.length);
    }
  });
});

describe('processImage: metadata in other formats', () => {
  it.each([
    ['PNG (eXIf, tEXt, iTXt chunks)', () => pngWithMetadata(600, 400)],
    ['WebP (EXIF and XMP chunks)', () => webpWithMetadata(600, 400)],
  ])('strips it from a %s', async (_name, make) => {
    const upload = await make();
    const before = await sharp(upload).metadata();
    expect(exifHasGps(before.exif)).toBe(true);
    expect(before.xmp).toBeDefined();
    const processed = await processImage(upload);
    for (const image of [processed.original, ...processed.variants]) {
      const meta = await sharp(image.data).metadata();
      expect([meta.exif, meta.xmp, meta.comments]).toEqual([undefined, undefined, undefined]);
      expect(leaksMetadata(image.data)).toBe(false);
    }
  });
});

describe('processImage: orientation, colour and formats', () => {
  it('applies the EXIF orientation: a portrait photo stored sideways comes out portrait', async () => {
    // Stored landscape, left half red and right half blue, tagged "rotate 90 degrees clockwise".
    const sideways = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#f00' } })
      .composite([
        {
          input: { create: { width: 600, height: 900, channels: 3, background: '#00f' } },
          left: 600,
          top: 0,
        },
      ])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const processed = await processImage(sideways);
    expect(processed.original).toMatchObject({ width: 900, height: 1200 });
    expect(sizesOf(processed, 'webp')).toEqual(['400x533', '800x1067', '900x1200']);
    for (const image of [processed.original, ...processed.variants]) {
      const meta = await sharp(image.data).metadata();
      expect(meta.orientation).toBeUndefined();
      expect(meta.height).toBeGreaterThan(meta.width);
      // The stored left edge (red) is now the top, the right edge (blue) the bottom.
      const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
      const at = (y: number) => [...data.subarray(y * info.width * 3, y * info.width * 3 + 3)];
      expect(at(2)[0]).toBeGreaterThan(200);
      expect(at(info.height - 3)[2]).toBeGreaterThan(200);
    }
  });

  it('converts colours to sRGB before dropping the ICC profile', async () => {
    const srgb = { r: 40, g: 200, b: 60 };
    const p3 = await sharp({ create: { width: 64, height: 64, channels: 3, background: srgb } })
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const processed = await processImage(p3);
    const [r, g, b] = await sharp(processed.original.data).raw().toBuffer();
    expect((await sharp(processed.original.data).metadata()).hasProfile).toBe(false);
    expect(Math.abs(r! - srgb.r) + Math.abs(g! - srgb.g) + Math.abs(b! - srgb.b)).toBeLessThan(6);
  });

  it('never upscales: a small image gets one variant at its own size', async () => {
    const small = await (await photoPixels(300, 200)).png().toBuffer();
    const processed = await processImage(small);
    expect(processed.variants.map((v) => `${v.format} ${v.width}x${v.height}`)).toEqual([
      'webp 300x200',
      'jpeg 300x200',
    ]);
  });

  it('keeps transparency: PNG with alpha falls back to PNG, not JPEG', async () => {
    const png = await (await photoPixels(900, 600, 4)).ensureAlpha(0.5).png().toBuffer();
    const processed = await processImage(png);
    expect(processed.original.format).toBe('png');
    expect(sizesOf(processed, 'png')).toEqual(['400x267', '800x533', '900x600']);
    for (const variant of processed.variants)
      expect((await sharp(variant.data).metadata()).hasAlpha).toBe(true);
  });

  it('keeps an animated GIF original animated and makes variants from the first frame', async () => {
    const processed = await processImage(await animatedGif(500, 300));
    expect(processed.original).toMatchObject({ format: 'gif', animated: true, width: 500, height: 300 });
    expect((await sharp(processed.original.data).metadata()).pages).toBe(2);
    expect(sizesOf(processed, 'png')).toEqual(['400x240', '500x300']);
    const [r, , b] = await sharp(processed.variants[0]!.data).raw().toBuffer();
    expect([r! > 200, b! < 50]).toEqual([true, true]); // the red first frame
  });

  it.each(['webp', 'avif'] as const)('accepts %s uploads', async (format) => {
    const pixels = await photoPixels(640, 480);
    const bytes = await (format === 'avif' ? pixels.avif({ effort: 0 }) : pixels.webp()).toBuffer();
    const processed = await processImage(bytes);
    expect(processed.original).toMatchObject({ format, width: 640, height: 480 });
    expect(sizesOf(processed, 'jpeg')).toEqual(['400x300', '640x480']);
  });
});

describe('processImage: refusals', () => {
  it('refuses a text file named .jpg as unsupported', async () => {
    await expect(processImage(Buffer.from('I am a text file called photo.jpg\n'))).rejects.toBeInstanceOf(
      UnsupportedMediaError,
    );
  });

  it('refuses a JPEG signature followed by junk as damaged', async () => {
    const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41)]);
    await expect(processImage(junk)).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses truncated JPEGs, however little is missing', async () => {
    const jpeg = await (await photoPixels(800, 600)).jpeg().toBuffer();
    // Cutting only the end marker (2 bytes) is the case libjpeg itself does not always notice.
    for (const cut of [2, 3, 50, Math.floor(jpeg.length * 0.1), Math.floor(jpeg.length * 0.5)]) {
      await expect(processImage(jpeg.subarray(0, jpeg.length - cut))).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('refuses truncated PNGs, however little is missing', async () => {
    const png = await (await photoPixels(800, 600)).png().toBuffer();
    for (const cut of [1, 12, 100, Math.floor(png.length / 2)]) {
      await expect(processImage(png.subarray(0, png.length - cut))).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const bomb = await pngDeclaring(30_000, 30_000);
    expect(bomb.length).toBeLessThan(200);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(30_000);
    const started = performance.now();
    await expect(processImage(bomb)).rejects.toBeInstanceOf(TooLargeError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses images over a configured pixel limit', async () => {
    const bytes = await (await photoPixels(1000, 1000)).jpeg().toBuffer();
    await expect(processImage(bytes, resolveMediaLimits({ maxPixels: 999_999 }))).rejects.toBeInstanceOf(
      TooLargeError,
    );
  });

  it('refuses too many bytes before looking at them', async () => {
    const limits = resolveMediaLimits({ maxBytes: 1024 });
    await expect(processImage(Buffer.alloc(1025), limits)).rejects.toBeInstanceOf(TooLargeError);
    const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0xff);
    await expect(processImage(big)).rejects.toBeInstanceOf(TooLargeError);
  });
});
