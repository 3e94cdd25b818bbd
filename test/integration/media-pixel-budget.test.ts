import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoPixels } from '../support/image-fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// MAX_IMAGE_MEGAPIXELS bounds what one upload may cost to decode: above it the upload is refused
// from the image's header with 413, before any pixel is decoded, and nothing is stored.

describe.each(testDatabases)('the pixel budget of an upload on %s', (dialect) => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { MAX_IMAGE_MEGAPIXELS: '1' } });
    key = await t.key('owner');
  });
  afterAll(async () => t?.close());

  const upload = async (width: number, height: number) => {
    const fd = new FormData();
    const bytes = await (await photoPixels(width, height)).jpeg().toBuffer();
    fd.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'p.jpg');
    return t.fetch('/api/admin/v1/media', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
      body: fd,
    });
  };

  it('refuses an image above MAX_IMAGE_MEGAPIXELS with 413 and stores nothing', async () => {
    const res = await upload(1200, 1000);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toMatch(/1200x1000 \(1\.2 megapixels\); the limit is 1\.0 megapixels/);
    expect(body.error.details).toMatchObject({ width: 1200, height: 1000, max_pixels: 1_000_000 });
    expect((await t.services.media.list()).total).toBe(0);
  });

  it('accepts an image within it', async () => {
    const res = await upload(1000, 1000);
    expect(res.status).toBe(201);
    await res.arrayBuffer(); // an unread body keeps its connection open past the server's close
  });
});
