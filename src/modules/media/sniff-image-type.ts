// What an upload really is, decided from its first bytes and never from its file name or the
// type the browser claims: a text file renamed to .jpg is not an image.

export type ImageType = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export const IMAGE_MIME: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

export const IMAGE_EXTENSION: Record<ImageType, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'avif',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The image type the magic bytes announce, or undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 16 && b.subarray(0, 8).equals(PNG_SIGNATURE) && ascii(b, 12, 16) === 'IHDR') return 'png';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (
    b.length >= 16 &&
    ascii(b, 0, 4) === 'RIFF' &&
    ascii(b, 8, 12) === 'WEBP' &&
    ascii(b, 12, 15) === 'VP8'
  ) {
    return 'webp';
  }
  if (isAvif(b)) return 'avif';
  return undefined;
}

/** ISO-BMFF: the first box is `ftyp`, whose major or compatible brands include avif/avis. */
function isAvif(b: Buffer): boolean {
  if (b.length < 16 || ascii(b, 4, 8) !== 'ftyp') return false;
  const boxSize = b.readUInt32BE(0);
  if (boxSize < 16 || boxSize > b.length || boxSize > 4096 || boxSize % 4 !== 0) return false;
  if (AVIF_BRANDS.has(ascii(b, 8, 12))) return true;
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) {
    if (AVIF_BRANDS.has(ascii(b, offset, offset + 4))) return true;
  }
  return false;
}

/**
 * False when the container is visibly cut short. Decoders do not always notice: libjpeg may
 * finish the last rows without ever looking for the end marker, and a PNG cut inside its final
 * chunks decodes quietly. So JPEG markers are walked to EOI and PNG chunks to IEND (data after
 * the end, such as a phone's motion-photo trailer, is allowed: it is never decoded or stored).
 */
export function isContainerComplete(type: ImageType, bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'jpeg') return isJpegComplete(b);
  if (type === 'png') return isPngComplete(b);
  return true;
}

function isPngComplete(b: Buffer): boolean {
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= b.length) {
    const length = b.readUInt32BE(offset);
    const next = offset + 12 + length;
    if (length > 0x7fffffff || next > b.length) return false;
    if (ascii(b, offset + 4, offset + 8) === 'IEND') return true;
    offset = next;
  }
  return false;
}

const EOI = 0xd9;
const SOS = 0xda;

function isJpegComplete(b: Buffer): boolean {
  let offset = 2; // after SOI
  while (offset + 1 < b.length) {
    if (b[offset] !== 0xff) return false;
    const marker = b[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === EOI) return true;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // TEM / RSTn: no length
      continue;
    }
    if (offset + 4 > b.length) return false;
    offset += 2 + b.readUInt16BE(offset + 2); // segment (APPn, DQT, SOFn, DHT, SOS header...)
    if (offset > b.length) return false;
    if (marker === SOS) {
      // Entropy-coded data: 0xFF is always followed by 0x00 (stuffing) or RSTn inside it.
      for (;;) {
        const ff = b.indexOf(0xff, offset);
        if (ff === -1 || ff + 1 >= b.length) return false;
        const next = b[ff + 1]!;
        offset = ff;
        if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) break;
        offset += 2;
      }
    }
  }
  return false;
}

function ascii(b: Buffer, start: number, end: number): string {
  return b.toString('latin1', start, end);
}
