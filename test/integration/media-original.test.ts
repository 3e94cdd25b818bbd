import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// The cleaned original at /media/…/original.* is served only when the newsroom asks for it
// (SERVE_ORIGINAL_MEDIA=true); otherwise that URL answers with the largest variant, and nothing
// public links to it either way.

interface Uploaded {
  id: string;
  originalKey: string;
  largestKey: string;
}

async function uploadAndPublish(t: TestApp): Promise<Uploaded> {
  const key = await t.key('owner');
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(await cameraJpeg(1400, 900))], { type: 'image/jpeg' }), 'a.jpg');
  fd.append('caption', 'The river at dusk');
  const res = await t.fetch('/api/admin/v1/media', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: fd,
  });
  expect(res.status).toBe(201);
  const { media } = (await res.json()) as { media: { id: string; url: string } };
  const article = await t.fetch('/api/admin/v1/articles', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'River story', status: 'published', hero_media_id: media.id }),
  });
  expect(article.status).toBe(201);
  const record = await t.services.media.get(media.id);
  return {
    id: media.id,
    originalKey: record.originalKey,
    largestKey: new URL(media.url).pathname.replace(/^\/media\//, ''),
  };
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe.each(testDatabases)('original media files on %s', (dialect) => {
  describe('by default (SERVE_ORIGINAL_MEDIA unset)', () => {
    let t: TestApp;
    let up: Uploaded;
    beforeAll(async () => {
      t = await startTestApp(dialect, { site: true });
      up = await uploadAndPublish(t);
    });
    afterAll(async () => t?.close());

    it('answers an original URL with the largest variant, never the original', async () => {
      expect(up.originalKey).toMatch(/\/original\.jpg$/);
      const original = (await t.services.storage.get(up.originalKey))!.bytes;
      const largest = (await t.services.storage.get(up.largestKey))!.bytes;
      const res = await t.fetch(`/media/${up.originalKey}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      const body = await bytesOf(res);
      expect(body.equals(original)).toBe(false);
      expect(body.equals(largest)).toBe(true);
      const head = await t.fetch(`/media/${up.originalKey}`, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe(String(largest.length));
    });

    it('answers 404 for an original key that names no upload, or not the upload’s own original', async () => {
      const other = up.originalKey.replace(up.id, '00000000-0000-4000-8000-000000000000');
      const wrongExtension = up.originalKey.replace(/\.jpg$/, '.png');
      for (const key of [other, wrongExtension]) {
        const res = await t.fetch(`/media/${key}`);
        expect(res.status).toBe(404);
        await res.text(); // the site's 404 page
      }
    });

    it('links to no original from pages, feeds or the APIs', async () => {
      const owner = await t.key('owner');
      const outputs = [
        '/',
        '/articles/river-story',
        '/feed.xml',
        '/atom.xml',
        '/feed.json',
        '/api/content/v1/articles',
        '/api/content/v1/articles/river-story',
      ].map((path) => t.fetch(path));
      outputs.push(
        t.fetch(`/api/admin/v1/media/${up.id}`, { headers: { authorization: `Bearer ${owner}` } }),
      );
      outputs.push(t.fetch('/api/admin/v1/media', { headers: { authorization: `Bearer ${owner}` } }));
      for (const res of await Promise.all(outputs)) {
        expect(res.status, res.url).toBe(200);
        const text = await res.text();
        expect(text, res.url).toContain(up.id); // the photo is there…
        expect(text, res.url).not.toContain('original'); // …but never its original
      }
    });
  });

  describe('with SERVE_ORIGINAL_MEDIA=true', () => {
    let t: TestApp;
    let up: Uploaded;
    beforeAll(async () => {
      t = await startTestApp(dialect, { site: true, env: { SERVE_ORIGINAL_MEDIA: 'true' } });
      up = await uploadAndPublish(t);
    });
    afterAll(async () => t?.close());

    it('serves the cleaned original at its URL', async () => {
      const original = (await t.services.storage.get(up.originalKey))!.bytes;
      const res = await t.fetch(`/media/${up.originalKey}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=300');
      expect((await bytesOf(res)).equals(original)).toBe(true);
    });

    it('still serves variants as immutable', async () => {
      const res = await t.fetch(`/media/${up.largestKey}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });
  });
});
