import { randomBytes } from 'node:crypto';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheTags } from './cache-tags.ts';
import { PageCache } from './page-cache.ts';

describe('PageCache', () => {
  it('stores compressed forms that decompress to the page', () => {
    const cache = new PageCache();
    const html = '<p>' + 'Reporting from the border. '.repeat(200) + '</p>';
    const entry = cache.set('/a', { body: html, contentType: 'text/html', tags: [cacheTags.article('1')] });
    expect(gunzipSync(entry.gzip).toString()).toBe(html);
    expect(brotliDecompressSync(entry.br).toString()).toBe(html);
    expect(entry.br.length).toBeLessThan(html.length / 5);
  });

  it('invalidates exactly the entries that show a changed article', () => {
    const cache = new PageCache();
    cache.set('/articles/a', { body: 'a', contentType: 'text/html', tags: [cacheTags.article('a')] });
    cache.set('/articles/b', {
      body: 'b',
      contentType: 'text/html',
      tags: [cacheTags.article('b'), cacheTags.article('a')],
    });
    cache.set('/articles/c', { body: 'c', contentType: 'text/html', tags: [cacheTags.article('c')] });
    cache.set('/', { body: 'home', contentType: 'text/html', tags: [cacheTags.listings] });
    expect(cache.invalidate(cacheTags.article('a'))).toBe(2);
    expect(cache.get('/articles/c')?.body.toString()).toBe('c');
    expect(cache.get('/articles/b')).toBeUndefined();
    expect(cache.invalidate(cacheTags.listings)).toBe(1);
    expect(cache.invalidate(cacheTags.site)).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry beyond its limits, and expires old entries', () => {
    let now = 0;
    const cache = new PageCache({ maxEntries: 2, ttlMs: 1000, now: () => now });
    cache.set('1', { body: '1', contentType: 't', tags: [] });
    cache.set('2', { body: '2', contentType: 't', tags: [] });
    cache.get('1');
    cache.set('3', { body: '3', contentType: 't', tags: [] });
    expect(cache.get('2')).toBeUndefined();
    expect(cache.get('1')).toBeDefined();
    now = 5000;
    expect(cache.get('1')).toBeUndefined();
  });
});

describe('PageCache.getOrRender', () => {
  it('keeps a render only if nothing was invalidated while it ran', async () => {
    const cache = new PageCache();
    const page = (body: string) => ({ body, contentType: 'text/html', tags: [cacheTags.listings] });
    let release: () => void = () => {};
    const slow = cache.getOrRender('/', async () => {
      await new Promise<void>((r) => (release = r));
      return page('home before the story');
    });
    // A story is published (and the home page invalidated) while the old home is rendering.
    cache.invalidate(cacheTags.article('new-story'));
    release();
    expect((await slow).body.toString()).toBe('home before the story');
    expect(cache.get('/')).toBeUndefined();

    const fresh = await cache.getOrRender('/', async () => page('home with the story'));
    expect(cache.get('/')).toBe(fresh);
    expect((await cache.getOrRender('/', async () => page('never rendered'))).body.toString()).toBe(
      'home with the story',
    );
  });

  it('sends an answer marked store: false without keeping it', async () => {
    const cache = new PageCache();
    const entry = await cache.getOrRender('/?tag=made-up', async () => ({
      body: '{"articles":[]}',
      contentType: 'application/json',
      tags: [cacheTags.listings],
      store: false,
    }));
    expect(entry.body.toString()).toBe('{"articles":[]}');
    expect(cache.size).toBe(0);
    expect(cache.byteSize).toBe(0);
  });
});

describe('PageCache memory', () => {
  it('holds exactly the bytes it counts: no entry pins a larger zlib or pool allocation', () => {
    const cache = new PageCache();
    for (let i = 0; i < 50; i++) {
      const entry = cache.set(`k${i}`, { body: `{"n":${i}}`, contentType: 'application/json', tags: [] });
      for (const buffer of [entry.body, entry.gzip, entry.br]) {
        expect(buffer.buffer.byteLength).toBe(buffer.length);
      }
    }
    // 50 tiny answers: well under a kilobyte each, where a 16 KiB zlib buffer each would be 800 KiB.
    expect(cache.byteSize).toBeLessThan(50 * 1024);
    expect(cache.byteSize).toBeGreaterThan(50 * 100);
  });

  it('evicts the least recently used entries to stay within its byte budget', () => {
    const cache = new PageCache({ maxBytes: 64 * 1024 });
    // Incompressible-ish bodies of 8 KiB, so each entry holds about 24 KiB.
    const body = (i: number) => Buffer.from(Array.from({ length: 8192 }, (_, j) => (i * 7919 + j * j) % 251));
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, { body: body(i), contentType: 't', tags: [] });
    expect(cache.byteSize).toBeLessThanOrEqual(64 * 1024);
    expect(cache.get('k9')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
  });

  it('compresses a form when first asked for, counts it, and stays within budget when it does', () => {
    const cache = new PageCache({ maxBytes: 40 * 1024 });
    const bodies = Array.from({ length: 4 }, () => randomBytes(8192)); // incompressible
    const body = (i: number) => bodies[i]!;
    for (let i = 0; i < 4; i++) cache.set(`k${i}`, { body: body(i), contentType: 't', tags: [] });
    const before = cache.byteSize;
    expect(before).toBeLessThan(40 * 1024); // bodies only: nothing compressed yet
    const entry = cache.get('k3')!;
    const copy = { ...entry, cacheControl: 'public, max-age=60' };
    expect(brotliDecompressSync(copy.br).equals(body(3))).toBe(true);
    expect(gunzipSync(copy.gzip).equals(body(3))).toBe(true);
    // Two more 8 KiB forms counted (uncounted, all four would still fit): the oldest went.
    expect(cache.byteSize).toBeLessThanOrEqual(40 * 1024);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k3')).toBe(entry);
  });
});
