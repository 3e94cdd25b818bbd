import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { DomainError, TooLargeError, UnsupportedMediaError, ValidationError } from '../../domain/errors.ts';
import { checkDimensions, checkUploadSize, DEFAULT_MEDIA_LIMITS, type MediaLimits } from './media-limits.ts';
import { IMAGE_MIME, isContainerComplete, sniffImageType, type ImageType } from './sniff-image-type.ts';
import { planVariants, type VariantFormat, type VariantSize } from './variant-plan.ts';

export interface EncodedImage<F extends string> {
  data: Buffer;
  format: F;
  width: number;
  height: number;
  bytes: number;
}

export interface ProcessedImage {
  /** Re-encoded in the uploaded format, upright, sRGB, with every metadata block removed. */
  original: EncodedImage<ImageType> & { mime: string; animated: boolean };
  /** Each planned width as WebP and as the fallback format, narrowest first. */
  variants: Array<EncodedImage<VariantFormat>>;
}

// libvips keeps recent operations and their buffers for reuse; every upload is new input, so the
// cache only held memory after a burst of uploads.
sharp.cache(false);

// 'error' rejects truncated and undecodable data but tolerates the harmless warnings some
// cameras' JPEGs trigger ("extraneous bytes before marker"), which 'warning' would refuse.
const FAIL_ON = 'error' as const;

/**
 * Checks an upload and turns it into what Samizdat stores: a cleaned original and its variants.
 * Throws TooLargeError (bytes or pixels), UnsupportedMediaError (not a JPEG, PNG, WebP, GIF or
 * AVIF, whatever its name) or ValidationError (damaged, truncated, or too small).
 *
 * Nothing from the upload's metadata survives: the EXIF orientation is applied to the pixels
 * first, then every output is encoded without EXIF (GPS, camera serials), XMP, IPTC or ICC
 * profile; colours are converted to sRGB from the embedded profile before it is dropped.
 */
export async function processImage(
  bytes: Buffer,
  limits: MediaLimits = DEFAULT_MEDIA_LIMITS,
): Promise<ProcessedImage> {
  checkUploadSize(bytes.length, limits);
  const type = sniffImageType(bytes);
  if (!type) {
    throw new UnsupportedMediaError('the file is not a JPEG, PNG, WebP, GIF or AVIF image', {
      accepted: Object.values(IMAGE_MIME),
    });
  }
  if (!isContainerComplete(type, bytes)) throw damaged(type, 'the file ends before the image does');
  try {
    const meta = await sharp(bytes, { failOn: FAIL_ON, limitInputPixels: false }).metadata();
    checkDecoder(type, meta);
    checkDimensions(meta.width, meta.height, limits);
    const input: SharpOptions = { failOn: FAIL_ON, limitInputPixels: limits.maxPixels };
    const plan = planVariants({ ...meta.autoOrient, hasAlpha: meta.hasAlpha });
    const [original, variants] = await Promise.all([
      encodeOriginal(bytes, type, meta, input, limits),
      encodeVariants(bytes, input, plan.sizes, plan.fallback),
    ]);
    return { original, variants };
  } catch (err) {
    throw toDomainError(err, type);
  }
}

/** The decoder must agree with the magic bytes (e.g. an HEIC file claiming an AVIF brand). */
function checkDecoder(type: ImageType, meta: Metadata): void {
  const decoded = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (decoded !== type) throw new UnsupportedMediaError(`the file claims to be ${type} but is not`);
}

async function encodeOriginal(
  bytes: Buffer,
  type: ImageType,
  meta: Metadata,
  input: SharpOptions,
  limits: MediaLimits,
): Promise<ProcessedImage['original']> {
  // Animated GIF/WebP originals keep their frames when all of them together fit the pixel
  // budget (and no EXIF rotation is needed, which frames cannot take); otherwise frame one.
  const pages = meta.pages ?? 1;
  const animated =
    pages > 1 &&
    (type === 'gif' || type === 'webp') &&
    (meta.orientation ?? 1) === 1 &&
    meta.width * meta.height * pages <= limits.maxPixels;
  const pipeline = animated
    ? sharp(bytes, { ...input, animated: true, limitInputPixels: limits.maxPixels })
    : sharp(bytes, input).rotate();
  const { data, info } = await encodeAs(pipeline, type).toBuffer({ resolveWithObject: true });
  return {
    data,
    format: type,
    mime: IMAGE_MIME[type],
    width: info.width,
    height: animated ? (info.pageHeight ?? meta.height) : info.height,
    bytes: data.length,
    animated,
  };
}

function encodeAs(pipeline: Sharp, type: ImageType): Sharp {
  switch (type) {
    case 'jpeg':
      // Optimised Huffman tables need the whole image's coefficients in memory before writing:
      // for a 50-megapixel photo that was +325 MB and 2.6 s, against +44 MB and 0.6 s without
      // (the file is a few per cent larger; readers get the variants anyway).
      return pipeline.jpeg({ quality: 90, optimiseCoding: false });
    case 'png':
      return pipeline.png();
    case 'webp':
      return pipeline.webp({ quality: 90 });
    case 'gif':
      return pipeline.gif();
    case 'avif':
      return pipeline.avif({ quality: 60, effort: 2 }); // effort 4 takes ~10 s for 3 MP here
  }
}

/**
 * Decodes the upload once, at the largest variant size, into raw sRGB pixels, and derives every
 * variant from that in memory: the full-size image is never decoded more than once here.
 * Exported for the benchmark; processImage is the entrance that checks the input first.
 */
export async function encodeVariants(
  bytes: Buffer,
  input: SharpOptions,
  sizes: VariantSize[],
  fallback: 'jpeg' | 'png',
): Promise<Array<EncodedImage<VariantFormat>>> {
  const largest = sizes.at(-1)!;
  const master = await sharp(bytes, input)
    .rotate()
    .resize({ ...largest, fit: 'fill' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = master.info;
  // One encode at a time: the eight at once took +210 MB (each with its own libvips threads and
  // buffers) against +140 MB, for no gain in time on two cores.
  const encoded: Array<EncodedImage<VariantFormat>> = [];
  for (const size of sizes) {
    const frame = sharp(master.data, { raw: { width, height, channels } });
    const sized = size.width === width ? frame : frame.resize({ ...size, fit: 'fill' });
    encoded.push(await encodeVariant(sized.clone().webp({ quality: 80 }), 'webp'));
    encoded.push(
      await encodeVariant(
        fallback === 'png' ? sized.clone().png() : sized.clone().jpeg({ quality: 82, progressive: true }),
        fallback,
      ),
    );
  }
  return encoded;
}

async function encodeVariant(pipeline: Sharp, format: VariantFormat): Promise<EncodedImage<VariantFormat>> {
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { data, format, width: info.width, height: info.height, bytes: data.length };
}

function damaged(type: ImageType, reason: string): ValidationError {
  return new ValidationError(`the ${type.toUpperCase()} image is damaged or truncated`, { reason });
}

function toDomainError(err: unknown, type: ImageType): Error {
  if (err instanceof DomainError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) return new TooLargeError('the image has too many pixels');
  return damaged(type, message.split('\n')[0]!.slice(0, 200));
}
