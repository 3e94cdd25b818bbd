import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { adminClient, type AdminClient } from '../support/admin-client.ts';

// The preview: the public theme's page for any saved article, whatever its status, for whoever
// may edit it; never indexed, never cached (by us or anyone between).

describe.each(testDatabases)('article preview on %s', (dialect) => {
  let t: TestApp;
  let owner: AdminClient;
  let ownerKey: string;

  const preview = (id: string, key = ownerKey) =>
    t.fetch(`/api/admin/v1/articles/${id}/preview`, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    ownerKey = await t.key('owner');
    owner = adminClient(t, ownerKey);
  });
  afterAll(async () => t?.close());

  it('renders a draft as the public page would, with noindex and no-store', async () => {
    const a = (
      await owner.post('/articles', { title: 'Secret draft', body_html: '<p>Not yet for readers.</p>' })
    ).body.article;
    const res = await preview(a.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const html = await res.text();
    expect(html).toContain('<h1');
    expect(html).toContain('Secret draft');
    expect(html).toContain('Not yet for readers.');
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    // Readers still cannot see it.
    expect((await t.fetch(`/articles/${a.slug}`)).status).toBe(404);
  });

  it('shows the saved version at every request and never puts it in the page cache', async () => {
    const a = (await owner.post('/articles', { title: 'Version one', body_html: '<p>x</p>' })).body.article;
    expect(await (await preview(a.id)).text()).toContain('Version one');
    await owner.patch(`/articles/${a.id}`, { version: a.version, title: 'Version two' });
    const html = await (await preview(a.id)).text();
    expect(html).toContain('Version two');
    expect(html).not.toContain('Version one');
    expect(t.services.pageCache.get(`page:/articles/${a.slug}`)).toBeUndefined();
  });

  it('previews a withdrawn article too', async () => {
    const a = (await owner.post('/articles', { title: 'Taken down', status: 'published' })).body.article;
    await owner.post(`/articles/${a.id}/unpublish`);
    expect((await t.fetch(`/articles/${a.slug}`)).status).toBe(410);
    const res = await preview(a.id);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Taken down');
  });

  it('refuses whoever may not edit the article, and answers 404 for an unknown one', async () => {
    const a = (await owner.post('/articles', { title: 'Owner draft' })).body.article;
    const contributor = await t.key('contributor');
    const res = await preview(a.id, contributor);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await preview('no-such-article')).status).toBe(404);
    expect((await t.fetch(`/api/admin/v1/articles/${a.id}/preview`)).status).toBe(401);
  });
});
