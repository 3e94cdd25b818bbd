import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type AdminClient } from '../support/admin-client.ts';
import { cameraJpeg, SECRET_MARKERS } from '../support/image-fixtures.ts';
import {
  endless,
  redirect,
  serve,
  slowly,
  startImageStandIn,
  type ImageStandIn,
} from '../support/image-stand-in.ts';
import { startTestApp, TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// An image from another site in a saved article becomes our own media, or is removed with a
// warning; readers are never sent to the other site. The stand-in "other site" listens on
// 127.0.0.1, so the app that copies from it counts that one address as public (the test-only
// REMOTE_FETCH_ALLOW_ADDRESSES); every other private address stays refused, and the refusal of
// 127.0.0.1 itself is tested with the default.

interface Figure {
  type: 'figure';
  attrs: { src: string; alt: string; caption: string; credit: string; media_id: string | null };
}
interface Saved {
  article: { id: string; slug: string; version: number; body: { content: Array<{ type: string }> } };
  warnings: Array<{ code: string; origin?: string; reason?: string; message: string }>;
}

const figuresIn = (saved: Saved) =>
  saved.article.body.content.filter((n): n is Figure => n.type === 'figure');
const figureHtml = (src: string) =>
  `<figure><img src="${src}" alt="The dam at dawn"><figcaption>The dam <span class="credit">Jane Roe</span></figcaption></figure>`;

describe.each(testDatabases)('remote images in a saved article (%s)', (dialect) => {
  let site: ImageStandIn;
  let t: TestApp;
  let admin: AdminClient;
  let photo: Buffer;

  beforeAll(async () => {
    photo = await cameraJpeg(640, 480);
    site = await startImageStandIn({
      '/photo.jpg': serve('image/jpeg', photo),
      '/photo-with-wrong-type': serve('application/octet-stream', photo),
      '/slow.jpg': slowly(10_000, serve('image/jpeg', photo)),
      '/huge.jpg': endless,
      '/page.html': serve('text/html', '<html><body>Not an image</body></html>'),
      '/fake.png': serve('image/png', 'GIF89a? no: plain text pretending'),
      '/to-loopback.jpg': redirect('http://[::1]/secret'),
    });
    t = await startTestApp(dialect, {
      site: true,
      env: { REMOTE_FETCH_ALLOW_ADDRESSES: '127.0.0.1', REMOTE_FETCH_TIMEOUT_S: '1', MAX_UPLOAD_MB: '1' },
    });
    admin = adminClient(t, await t.key('editor'));
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
  });

  it('copies a remote image once, as our own media without its metadata, and points the figure at it', async () => {
    const before = site.requests.length;
    const url = `${site.origin}/photo.jpg`;
    const created = await admin.post<Saved>('/articles', {
      title: 'The dam',
      status: 'published',
      body_html: `<p>Water.</p>${figureHtml(url)}<p>More water.</p>${figureHtml(url)}`,
    });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([]);
    expect(site.requests.slice(before)).toEqual(['GET /photo.jpg']);
    const figures = figuresIn(created.body);
    expect(figures).toHaveLength(2);
    const { media_id: mediaId, src, alt, credit } = figures[0]!.attrs;
    expect(mediaId).toEqual(expect.any(String));
    expect(figures[1]!.attrs.media_id).toBe(mediaId);
    expect(src.startsWith(`${TEST_SITE_URL}/media/`)).toBe(true);
    expect([alt, credit]).toEqual(['The dam at dawn', 'Jane Roe']);

    const record = await t.services.media.get(mediaId!);
    expect(record.variants.length).toBeGreaterThan(0);
    expect(record.alt).toBe('The dam at dawn');
    const stored = await t.services.storage.get(record.originalKey);
    expect(stored).toBeDefined();
    const bytes = Buffer.from(stored!.bytes as Uint8Array).toString('latin1');
    for (const marker of SECRET_MARKERS) expect(bytes).not.toContain(marker);

    const page = await (await t.fetch(`/articles/${created.body.article.slug}`)).text();
    expect(page).toContain('/media/');
    expect(page).not.toContain(site.origin);
  });

  it('copies remote images in a body sent as a tree, on update', async () => {
    const created = await admin.post<Saved>('/articles', { title: 'Tree', body_html: '<p>First.</p>' });
    const { id, version } = created.body.article;
    const updated = await admin.patch<Saved>(`/articles/${id}`, {
      version,
      body: {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Now with a photo.' }] },
          { type: 'figure', attrs: { src: `${site.origin}/photo-with-wrong-type`, alt: 'Dam' } },
        ],
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.warnings).toEqual([]);
    const [figure] = figuresIn(updated.body);
    expect(figure!.attrs.media_id).toEqual(expect.any(String));
    expect(figure!.attrs.src.startsWith(`${TEST_SITE_URL}/media/`)).toBe(true);
  });

  it.each([
    ['slow to answer', '/slow.jpg', 'timeout'],
    ['endless (over MAX_UPLOAD_MB)', '/huge.jpg', 'too_large'],
    ['a web page', '/page.html', 'unwanted_type'],
    ['text calling itself image/png', '/fake.png', 'not_an_image'],
    ['missing (404)', '/gone.jpg', 'http_status'],
  ])('removes an image that is %s, warns, and saves the article', async (_what, path, reason) => {
    const started = Date.now();
    const created = await admin.post<Saved>('/articles', {
      title: `Bad image ${path}`,
      status: 'published',
      body_html: `<p>Before.</p>${figureHtml(site.origin + path)}<p>After.</p>`,
    });
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(created.body.warnings).toEqual([
      expect.objectContaining({ code: 'remote_image_dropped', origin: site.origin, reason }),
    ]);
    expect(figuresIn(created.body)).toEqual([]);
    const page = await t.fetch(`/articles/${created.body.article.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('After.');
    expect(html).not.toContain(site.origin);
  });

  it('removes an image whose redirect leads to a private address, without following it', async () => {
    const created = await admin.post<Saved>('/articles', {
      title: 'Redirected',
      body_html: `<p>Text.</p>${figureHtml(`${site.origin}/to-loopback.jpg`)}`,
    });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      expect.objectContaining({
        code: 'remote_image_dropped',
        origin: site.origin,
        reason: 'private_address',
      }),
    ]);
  });

  describe('with the default rule (private addresses refused)', () => {
    let strict: TestApp;
    let strictAdmin: AdminClient;
    beforeAll(async () => {
      strict = await startTestApp(dialect, { site: true, db: t.db });
      strictAdmin = adminClient(strict, await strict.key('editor'));
    });
    afterAll(async () => strict?.close());

    it('never sends a request to 127.0.0.1: the image is removed with a private_address warning', async () => {
      const before = site.requests.length;
      const created = await strictAdmin.post<Saved>('/articles', {
        title: 'Loopback',
        body_html: `<p>Text stays.</p>${figureHtml(`${site.origin}/photo.jpg`)}${figureHtml('http://localhost/x.jpg')}`,
      });
      expect(created.status).toBe(201);
      expect(created.body.warnings).toEqual([
        expect.objectContaining({
          code: 'remote_image_dropped',
          origin: site.origin,
          reason: 'private_address',
        }),
        expect.objectContaining({
          code: 'remote_image_dropped',
          origin: 'http://localhost',
          reason: 'private_address',
        }),
      ]);
      expect(figuresIn(created.body)).toEqual([]);
      expect(JSON.stringify(created.body.article.body)).toContain('Text stays.');
      expect(site.requests.length).toBe(before);
    });
  });
});
