import { z } from 'zod';
import { TooLargeError, ValidationError } from '../../domain/errors.ts';

/** What an upload may be. The pixel cap guards against decompression bombs: a few hundred
 * kilobytes of PNG can declare an image that takes gigabytes to decode. */
export interface MediaLimits {
  /** Largest upload accepted, in bytes. */
  maxBytes: number;
  /** Largest image accepted, in pixels (width x height of one frame). */
  maxPixels: number;
  /** Smallest width or height accepted, in pixels. */
  minDimension: number;
}

export const DEFAULT_MEDIA_LIMITS: Readonly<MediaLimits> = Object.freeze({
  maxBytes: 25 * 1024 * 1024,
  maxPixels: 50_000_000,
  minDimension: 1,
});

const limitsSchema = z
  .object({
    maxBytes: z.number().int().positive(),
    maxPixels: z.number().int().positive(),
    minDimension: z.number().int().positive(),
  })
  .partial()
  .strict();

/** Defaults overlaid with `overrides`; throws a plain Error for nonsense (a programming error). */
export function resolveMediaLimits(overrides: Partial<MediaLimits> = {}): MediaLimits {
  const parsed = limitsSchema.safeParse(overrides);
  if (!parsed.success) throw new Error(`invalid media limits: ${parsed.error.issues[0]?.message}`);
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_MEDIA_LIMITS, ...defined };
}

export function checkUploadSize(byteLength: number, limits: MediaLimits): void {
  if (byteLength > limits.maxBytes) {
    throw new TooLargeError(
      `the file is ${formatMb(byteLength)}; the limit is ${formatMb(limits.maxBytes)}`,
      {
        bytes: byteLength,
        max_bytes: limits.maxBytes,
      },
    );
  }
}

export function checkDimensions(width: number, height: number, limits: MediaLimits): void {
  if (!Number.isInteger(width) || !Number.isInteger(height)) {
    throw new ValidationError('the image has no usable dimensions');
  }
  if (width < limits.minDimension || height < limits.minDimension) {
    throw new ValidationError(
      `the image is ${width}x${height} pixels; each side must be at least ${limits.minDimension}`,
      {
        width,
        height,
      },
    );
  }
  if (width * height > limits.maxPixels) {
    throw new TooLargeError(
      `the image is ${width}x${height} (${formatMegapixels(width * height)}); the limit is ${formatMegapixels(limits.maxPixels)}`,
      { width, height, max_pixels: limits.maxPixels },
    );
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function formatMegapixels(pixels: number): string {
  return `${(pixels / 1_000_000).toFixed(1)} megapixels`;
}
