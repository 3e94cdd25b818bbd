import { describe, expect, it } from 'vitest';
import type { MediaRecord } from './media.types.ts';
import { toPublicMedia } from './public-media.ts';

const prefix = '2026/11/0b6f1c2e-7d1a-4c55-9a7e-1d2f3a4b5c6d';
const record: MediaRecord = {
  id: '0b6f1c2e-7d1a-4c55-9a7e-1d2f3a4b5c6d',
  mime: 'image/jpeg',
  width: 1000,
  height: 500,
  bytes: 123_456,
  originalKey: `${prefix}/original.jpg`,
  variants: [
    { key: `${prefix}/w1000.jpg`, width: 1000, height: 500, format: 'jpeg', bytes: 9 },
    { key: `${prefix}/w400.webp`, width: 400, height: 200, format: 'webp', bytes: 1 },
    { key: `${prefix}/w400.jpg`, width: 400, height: 200, format: 'jpeg', bytes: 2 },
    { key: `${prefix}/w1000.webp`, width: 1000, height: 500, format: 'webp', bytes: 8 },
  ],
  caption: 'Riot police outside the court',
  credit: 'Photographer / Agency',
  alt: 'Police in a line',
  createdAt: '2026-11-27T10:00:00.000Z',
};

describe('toPublicMedia', () => {
  it('points at the largest fallback and lists srcsets narrowest first', () => {
    const media = toPublicMedia(record, 'https://news.example/media/');
    expect(media).toMatchObject({
      id: record.id,
      url: `https://news.example/media/${prefix}/w1000.jpg`,
      width: 1000,
      height: 500,
      mime: 'image/jpeg',
      caption: 'Riot police outside the court',
      credit: 'Photographer / Agency',
      alt: 'Police in a line',
    });
    expect(media.srcset).toEqual({
      webp: `https://news.example/media/${prefix}/w400.webp 400w, https://news.example/media/${prefix}/w1000.webp 1000w`,
      fallback: `https://news.example/media/${prefix}/w400.jpg 400w, https://news.example/media/${prefix}/w1000.jpg 1000w`,
    });
    expect(media.variants.map((v) => [v.width, v.format])).toEqual([
      [400, 'webp'],
      [400, 'jpeg'],
      [1000, 'jpeg'],
      [1000, 'webp'],
    ]);
  });

  it('never reveals the original', () => {
    const json = JSON.stringify(toPublicMedia(record, '/media'));
    expect(json).not.toContain('original');
  });

  it('reports PNG when transparency made the fallback PNG', () => {
    const png = {
      ...record,
      variants: [{ key: `${prefix}/w400.png`, width: 400, height: 200, format: 'png' as const, bytes: 1 }],
    };
    expect(toPublicMedia(png, '/media')).toMatchObject({
      url: `/media/${prefix}/w400.png`,
      mime: 'image/png',
    });
  });
});
