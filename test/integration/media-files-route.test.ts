import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../src/adapters/storage/local-disk-storage.ts';
import { mediaFilesRoute } from '../../src/modules/media/media-files-route.ts';
import { createMediaService } from '../../src/modules/media/media-service.ts';
import { photoPixels } from '../support/image-fixtures.ts';
import type { PublicMedia } from '../../src/modules/media/public-media.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { tempDir } from '../support/temp-dir.ts';

let app: FastifyInstance;
let db: TestDb;
let parent: string;
let published: PublicMedia;
let storage: LocalDiskStorage;

beforeAll(async () => {
  parent = tempDir('route');
  writeFileSync(join(parent, 'secret.txt'), 'outside the media root');
  storage = new LocalDiskStorage(join(parent, 'media'));
  db = await openTestDb('sqlite');
  const media = createMediaService({ db, storage });
  const record = await media.upload({ bytes: await (await photoPixels(1000, 600)).jpeg().toBuffer() });
  published = media.toPublicMedia(record, '/media');
  app = Fastify();
  await app.register(mediaFilesRoute(storage));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await db.destroy();
});

describe('GET /media/*', () => {
  it('serves every published variant with its type and immutable caching', async () => {
    expect(published.url).toMatch(/^\/media\/\d{4}\/\d{2}\/[0-9a-f-]{36}\/w1000\.jpg$/);
    for (const variant of published.variants) {
      const res = await app.inject({ method: 'GET', url: variant.url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(`image/${variant.format}`);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers.etag).toMatch(/^".+"$/);
      const meta = await sharp(res.rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([variant.width, variant.height]);
    }
  });

  it('answers HEAD with the headers and length but no body', async () => {
    const get = await app.inject({ method: 'GET', url: published.url });
    const head = await app.inject({ method: 'HEAD', url: published.url });
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.rawPayload.length));
    expect(head.headers['content-type']).toBe('image/jpeg');
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const { headers } = await app.inject({ method: 'GET', url: published.url });
    for (const tag of [String(headers.etag), `W/${headers.etag}`, `"other", ${headers.etag}`, '*']) {
      const res = await app.inject({ method: 'GET', url: published.url, headers: { 'if-none-match': tag } });
      expect(res.statusCode).toBe(304);
      expect(res.rawPayload.length).toBe(0);
      expect(res.headers.etag).toBe(headers.etag);
    }
    const stale = await app.inject({
      method: 'GET',
      url: published.url,
      headers: { 'if-none-match': '"old"' },
    });
    expect(stale.statusCode).toBe(200);
  });

  it.each([
    '/media/2026/01/00000000-0000-0000-0000-000000000000/w400.webp',
    '/media/',
    '/media/2026',
    '/media/../secret.txt',
    '/media/..%2fsecret.txt',
    '/media/%2e%2e/secret.txt',
    '/media/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/media/..%5csecret.txt',
    '/media/a%00.jpg',
    '/media//etc/passwd',
    '/media/.hidden.jpg',
    '/media/%252e%252e%252fsecret.txt',
  ])('answers 404 for %s, never 500 and never a file outside the store', async (url) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('outside the media root');
      expect(res.body).not.toContain('root:');
    }
  });

  it('does not answer a malformed URL with a server error', async () => {
    const res = await app.inject({ method: 'GET', url: '/media/%E0%A4%A.jpg' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('stops serving a file once it is deleted from storage', async () => {
    await storage.put('2026/01/tmp/w400.webp', Buffer.from('RIFF'), 'image/webp');
    expect((await app.inject({ method: 'GET', url: '/media/2026/01/tmp/w400.webp' })).statusCode).toBe(200);
    await storage.delete('2026/01/tmp/w400.webp');
    expect((await app.inject({ method: 'GET', url: '/media/2026/01/tmp/w400.webp' })).statusCode).toBe(404);
  });
});
