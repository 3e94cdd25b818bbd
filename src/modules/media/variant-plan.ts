// Which resized copies (variants) to make of an image, decided from its size alone.

/** The responsive widths readers' browsers choose from through srcset. */
export const VARIANT_WIDTHS: readonly number[] = [400, 800, 1200, 2000];
/** WebP cannot encode a side longer than this. */
export const MAX_VARIANT_SIDE = 16383;

export type VariantFormat = 'webp' | 'jpeg' | 'png';
export type FallbackFormat = 'jpeg' | 'png';

export interface VariantSize {
  width: number;
  height: number;
}

export interface VariantPlan {
  /** For browsers without WebP: JPEG for photos, PNG when transparency must survive. */
  fallback: FallbackFormat;
  /** Narrowest first; never wider than the original. */
  sizes: VariantSize[];
}

export interface VariantSource {
  /** Width and height as displayed, i.e. after EXIF orientation. */
  width: number;
  height: number;
  /** Whether the source has an alpha channel (only PNG, GIF, WebP and AVIF can). */
  hasAlpha: boolean;
}

/**
 * The standard widths that fit inside the original, never upscaled. An original narrower than
 * the widest standard width is also offered at its own width when that is more than 10% wider
 * than the largest standard width that fits (a 1000px photo yields 400, 800 and 1000), so no
 * detail is thrown away; an original narrower than 400px yields one variant at its own width.
 */
export function planVariants(source: VariantSource): VariantPlan {
  const { width, height } = source;
  if (!(width >= 1 && height >= 1)) throw new RangeError(`invalid image size ${width}x${height}`);
  const widths = VARIANT_WIDTHS.filter((w) => w <= width);
  const largest = widths.at(-1);
  if (largest === undefined || (width < VARIANT_WIDTHS.at(-1)! && width > largest * 1.1)) widths.push(width);

  let sizes = widths.map((w) => ({ width: w, height: scaledHeight(source, w) }));
  sizes = sizes.filter((s) => s.height <= MAX_VARIANT_SIDE);
  if (sizes.length === 0) {
    // A strip so tall that even the narrowest width exceeds the encoder's limit.
    const w = Math.max(1, Math.floor((MAX_VARIANT_SIDE * width) / height));
    sizes = [{ width: w, height: Math.min(MAX_VARIANT_SIDE, scaledHeight(source, w)) }];
  }
  return { fallback: source.hasAlpha ? 'png' : 'jpeg', sizes };
}

function scaledHeight(source: VariantSource, width: number): number {
  return Math.max(1, Math.round((source.height * width) / source.width));
}
