import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { isContainerComplete, sniffImageType } from './sniff-image-type.ts';

const tiny = sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } });
const noisy = sharp({
  create: {
    width: 64,
    height: 48,
    channels: 3,
    background: '#000',
    noise: { type: 'gaussian', mean: 128, sigma: 60 },
  },
});

describe('sniffImageType', () => {
  it.each(['jpeg', 'png', 'webp', 'gif', 'avif'] as const)('recognises a real %s', async (format) => {
    const bytes = await tiny.clone().toFormat(format).toBuffer();
    expect(sniffImageType(bytes)).toBe(format);
  });

  it('recognises AVIF by a compatible brand and an image sequence by avis', () => {
    const ftyp = (major: string, ...compatible: string[]) => {
      const body = Buffer.from(['ftyp', major, '\0\0\0\0', ...compatible].join(''), 'latin1');
      const size = Buffer.alloc(4);
      size.writeUInt32BE(body.length + 4);
      return Buffer.concat([size, body, Buffer.alloc(32)]);
    };
    expect(sniffImageType(ftyp('mif1', 'mif1', 'avif'))).toBe('avif');
    expect(sniffImageType(ftyp('avis', 'msf1'))).toBe('avif');
    expect(sniffImageType(ftyp('heic', 'mif1', 'heic'))).toBeUndefined();
    expect(sniffImageType(ftyp('isom', 'mp41'))).toBeUndefined(); // an MP4 video
  });

  it.each([
    ['a text file named photo.jpg', Buffer.from('Hello, this is not a photo.\n')],
    ['an empty file', Buffer.alloc(0)],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n')],
    ['a TIFF', Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['a WAV (RIFF but not WEBP)', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00', 'latin1')],
    ['two bytes of a JPEG', Buffer.from([0xff, 0xd8])],
    ['a PNG signature alone', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined();
  });
});

describe('isContainerComplete', () => {
  it('accepts a whole PNG and refuses one cut anywhere, even inside its IEND chunk', async () => {
    const png = await tiny.clone().png().toBuffer();
    expect(isContainerComplete('png', png)).toBe(true);
    for (const cut of [1, 4, 12, 13, Math.floor(png.length / 2)]) {
      expect(isContainerComplete('png', png.subarray(0, png.length - cut))).toBe(false);
    }
  });

  it('accepts a whole JPEG, baseline or progressive, with or without a trailer after its end', async () => {
    for (const progressive of [false, true]) {
      const jpeg = await noisy.clone().jpeg({ progressive }).toBuffer();
      expect(isContainerComplete('jpeg', jpeg)).toBe(true);
      expect(isContainerComplete('jpeg', Buffer.concat([jpeg, Buffer.from('motion photo trailer')]))).toBe(
        true,
      );
    }
  });

  it('refuses a JPEG cut anywhere, even when only its end marker is missing', async () => {
    const jpeg = await noisy.clone().jpeg().toBuffer();
    for (const cut of [1, 2, 3, 100, Math.floor(jpeg.length / 2), jpeg.length - 4]) {
      expect(isContainerComplete('jpeg', jpeg.subarray(0, jpeg.length - cut))).toBe(false);
    }
  });

  it('is not fooled by an end marker inside a metadata segment (an EXIF thumbnail)', async () => {
    const jpeg = await noisy.clone().jpeg().toBuffer();
    const thumbnail = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0x00, 2 + thumbnail.length]), thumbnail]);
    const withThumb = Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
    expect(isContainerComplete('jpeg', withThumb)).toBe(true);
    expect(isContainerComplete('jpeg', withThumb.subarray(0, withThumb.length - 2))).toBe(false);
  });

  it('leaves other formats to their decoders', () => {
    expect(isContainerComplete('gif', Buffer.from('GIF89a'))).toBe(true);
  });
});
