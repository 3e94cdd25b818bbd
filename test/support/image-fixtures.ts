// Images made on the fly for tests and the benchmark, so the repository holds no binary
// fixtures. Not a test file itself (no `.test.ts`): imported by tests.
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

export const SECRET_MARKERS = ['SECRET-ARTIST', 'SECRET-XMP-CREATOR', 'SECRET-IPTC-BYLINE', 'SN-0042424242'];

/** A photo-like image (noise at a quarter of the size, enlarged smoothly) of the given size. */
export async function photoPixels(width: number, height: number, channels: 3 | 4 = 3): Promise<Sharp> {
  const small = { width: Math.ceil(width / 4), height: Math.ceil(height / 4), channels };
  const noise = await sharp({
    create: { ...small, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .raw()
    .toBuffer();
  return sharp(noise, { raw: small }).resize(width, height, { fit: 'fill', kernel: 'cubic' });
}

/**
 * A JPEG carrying what a phone camera writes: EXIF with GPS coordinates, the camera's serial
 * number and the photographer's name, an XMP packet, an IPTC by-line, and a Display-P3 ICC
 * profile. `orientation` sets the EXIF Orientation tag (6 = rotate 90 degrees clockwise).
 */
export async function cameraJpeg(width: number, height: number, orientation = 1): Promise<Buffer> {
  const pixels = await (await photoPixels(width, height)).raw().toBuffer({ resolveWithObject: true });
  const jpeg = await sharp(pixels.data, { raw: pixels.info })
    .withIccProfile('p3')
    .withExif({
      IFD0: {
        Make: 'Camera',
        Model: 'Model X',
        Artist: SECRET_MARKERS[0]!,
        Orientation: String(orientation),
      },
      IFD2: { BodySerialNumber: SECRET_MARKERS[3]! },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 45/1 2100/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '37/1 37/1 0/1',
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        `<dc:creator>${SECRET_MARKERS[1]}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .jpeg({ quality: 85 })
    .toBuffer();
  const withOrientation =
    orientation === 1 ? jpeg : await sharp(jpeg).keepMetadata().withMetadata({ orientation }).toBuffer();
  return insertIptc(withOrientation, SECRET_MARKERS[2]!);
}

/** Adds a Photoshop APP13 segment holding an IPTC by-line right after the JPEG's SOI marker. */
function insertIptc(jpeg: Buffer, byline: string): Buffer {
  const text = Buffer.from(byline, 'latin1');
  const iptc = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, 0x00, text.length]), text]);
  const padded = iptc.length % 2 ? Buffer.concat([iptc, Buffer.from([0])]) : iptc;
  const resource = Buffer.concat([
    Buffer.from('8BIM', 'latin1'),
    Buffer.from([0x04, 0x04, 0x00, 0x00]), // resource 0x0404 (IPTC), empty pascal name
    u32(iptc.length),
    padded,
  ]);
  const body = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xed]), u16(body.length + 2), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** EXIF with GPS and the photographer's name, as a raw TIFF block (what a PNG eXIf chunk holds). */
async function gpsExifBlock(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
    .withExif({
      IFD0: { Artist: SECRET_MARKERS[0]! },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 0/1' },
    })
    .jpeg()
    .toBuffer();
  return (await sharp(jpeg).metadata()).exif!.subarray(6); // without "Exif\0\0"
}

/** A PNG with metadata where PNGs keep it: an eXIf chunk (GPS), a tEXt author and an iTXt XMP packet. */
export async function pngWithMetadata(width: number, height: number): Promise<Buffer> {
  const png = await (await photoPixels(width, height)).png().toBuffer();
  const chunks = [
    pngChunk('eXIf', await gpsExifBlock()),
    pngChunk('tEXt', Buffer.from(`Author\0${SECRET_MARKERS[0]}`, 'latin1')),
    pngChunk(
      'iTXt',
      Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>${SECRET_MARKERS[1]}</x:xmpmeta>`, 'latin1'),
    ),
  ];
  return Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]); // after the IHDR chunk
}

/** A WebP with EXIF (GPS) and XMP chunks. */
export async function webpWithMetadata(width: number, height: number): Promise<Buffer> {
  return (await photoPixels(width, height))
    .withExif({
      IFD0: { Artist: SECRET_MARKERS[0]! },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 0/1' },
    })
    .withXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/">${SECRET_MARKERS[1]}</x:xmpmeta>`)
    .webp()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typeAndData, u32(crc32(typeAndData) >>> 0)]);
}

/** Whether a raw EXIF block (as sharp's metadata() returns it) has a GPS IFD pointer (tag 0x8825). */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const read16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const read32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = read32(4);
  const entries = read16(ifd0);
  for (let i = 0; i < entries; i++) {
    if (read16(ifd0 + 2 + i * 12) === 0x8825) return true;
  }
  return false;
}

/** True when any of the secret markers, or an EXIF/XMP/IPTC block header, appears in the bytes. */
export function leaksMetadata(bytes: Buffer): boolean {
  const needles = [...SECRET_MARKERS, 'Exif\0\0', 'http://ns.adobe.com/xap/1.0/', 'Photoshop 3.0', 'eXIf'];
  return needles.some((needle) => bytes.includes(Buffer.from(needle, 'latin1')));
}

/**
 * A PNG whose header declares `width` x `height` but which holds almost no data: what a
 * decompression bomb looks like before decoding. The decoder must refuse it from the header.
 */
export async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29); // IHDR type + data
  return out;
}

/** A two-frame animated GIF (red, then blue), transparent corners. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width, height, channels: 4, background: colour } })
      .png()
      .toBuffer();
  return sharp([await frame('#ff000080'), await frame('#0000ff')], { join: { animated: true } })
    .gif()
    .toBuffer();
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
