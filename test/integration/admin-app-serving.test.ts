import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAdmin } from '../support/admin-build.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { ADMIN_CSP, type AdminFiles } from '../../src/web/admin-app/index.ts';

// The built SPA served from memory under /admin/: the shell for every client route of the
// contract, 404 elsewhere, hashed assets cached for a year, the admin's strict CSP.
let app: TestApp;
let files: AdminFiles;

beforeAll(async () => {
  files = await builtAdmin();
  app = await startTestApp('sqlite', { server: { admin: files } });
});
afterAll(() => app?.close());

const CLIENT_ROUTES = [
  '/admin',
  '/admin/',
  '/admin/articles/new',
  '/admin/articles/abc',
  '/admin/articles/abc/revisions',
  '/admin/media',
  '/admin/tags',
  '/admin/authors',
  '/admin/staff',
  '/admin/keys',
  '/admin/settings',
  '/admin/audit',
  '/admin/account',
  '/admin/sign-in',
  '/admin/setup?token=xyz',
  '/admin/invite?token=xyz',
  '/admin/reset?token=xyz',
];

describe('the admin app served under /admin/', () => {
  it('answers every client route with index.html, its CSP and no caching', async () => {
    for (const path of CLIENT_ROUTES) {
      const response = await app.fetch(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(ADMIN_CSP);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const html = await response.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).toMatch(
        /<script type="module" crossorigin src="\/admin\/assets\/index-[\w-]+\.js"><\/script>/,
      );
    }
  });

  it('answers 404 for any other /admin path, including the build record', async () => {
    for (const path of [
      '/admin/nope',
      '/admin/articles',
      '/admin/build.json',
      '/admin/assets/missing.js',
      '/admin/index.html',
    ]) {
      const response = await app.fetch(path);
      expect(response.status, path).toBe(404);
    }
  });

  it('serves the hashed assets with long-lived caching, compressed', async () => {
    const html = await (await app.fetch('/admin/')).text();
    const refs = [...html.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
    expect(refs.some((r) => r.endsWith('.css'))).toBe(true);
    for (const ref of refs) {
      const response = await app.fetch(ref, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, ref).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(
        ref.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
      );
      const file = files.assets.get(ref.slice('/admin/'.length))!;
      if (file.body.length > 1024) expect(response.headers.get('content-encoding'), ref).toBe('gzip');
      // fetch decodes the gzip: the body is the file as built.
      expect(Buffer.from(await response.arrayBuffer()).equals(file.body)).toBe(true);
    }
  });

  it('answers a repeated request with 304 by ETag', async () => {
    const first = await app.fetch('/admin/tags');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const second = await app.fetch('/admin/tags', { headers: { 'if-none-match': etag! } });
    expect(second.status).toBe(304);
  });

  it('has nothing inline and names no other origin in index.html, scripts or styles', async () => {
    const html = files.index.body.toString('utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\sstyle=/);
    for (const [name, file] of [['index.html', files.index] as const, ...files.assets]) {
      const text = file.body.toString('utf8');
      // URLs a browser would fetch: src/href/url() to another origin (the code's own string
      // constants such as React's error-page link are not requests; check fetchable forms).
      expect(text, name).not.toMatch(/(?:src|href)=["']https?:\/\//);
      expect(text, name).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//);
      expect(text, name).not.toMatch(/@import\s+["']?(?:url\()?["']?(?:https?:)?\/\//);
    }
  });

  it('says the admin is not built (503) when there are no files, and still 404s other paths', async () => {
    const bare = await startTestApp('sqlite', { server: { admin: null } });
    try {
      const response = await bare.fetch('/admin/');
      expect(response.status).toBe(503);
      expect((await response.json()) as unknown).toMatchObject({ error: { code: 'admin_not_built' } });
      expect((await bare.fetch('/admin/nope')).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
