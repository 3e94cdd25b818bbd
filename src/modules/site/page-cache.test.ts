import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, deps, PageCache } from './page-cache.ts';

describe('PageCache', () => {
  it('stores compressed forms that decompress to the page', () => {
    const cache = new PageCache();
    const html = '<p>' + 'Reporting from the border. '.repeat(200) + '</p>';
    const entry = cache.set('/a', { body: html, contentType: 'text/html', deps: [deps.article('1')] });
    expect(gunzipSync(entry.gzip).toString()).toBe(html);
    expect(brotliDecompressSync(entry.br).toString()).toBe(html);
    expect(entry.br.length).toBeLessThan(html.length / 5);
  });

  it('invalidates exactly the entries that show a changed article', () => {
    const cache = new PageCache();
    cache.set('/articles/a', { body: 'a', contentType: 'text/html', deps: [deps.article('a')] });
    cache.set('/articles/b', {
      body: 'b',
      contentType: 'text/html',
      deps: [deps.article('b'), deps.article('a')],
    });
    cache.set('/articles/c', { body: 'c', contentType: 'text/html', deps: [deps.article('c')] });
    cache.set('/', { body: 'home', contentType: 'text/html', deps: [deps.listings] });
    expect(cache.invalidate(deps.article('a'))).toBe(2);
    expect(cache.get('/articles/c')?.body.toString()).toBe('c');
    expect(cache.get('/articles/b')).toBeUndefined();
    expect(cache.invalidate(deps.listings)).toBe(1);
    expect(cache.invalidate(deps.site)).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry beyond its limits, and expires old entries', () => {
    let now = 0;
    const cache = new PageCache({ maxEntries: 2, ttlMs: 1000, now: () => now });
    cache.set('1', { body: '1', contentType: 't', deps: [] });
    cache.set('2', { body: '2', contentType: 't', deps: [] });
    cache.get('1');
    cache.set('3', { body: '3', contentType: 't', deps: [] });
    expect(cache.get('2')).toBeUndefined();
    expect(cache.get('1')).toBeDefined();
    now = 5000;
    expect(cache.get('1')).toBeUndefined();
  });
});

describe('chooseEncoding', () => {
  it('prefers brotli, honours q-values and refusals', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=1')).toBe('gzip');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
    expect(chooseEncoding('*')).toBe('br');
  });

  it('keeps a render only if nothing was invalidated while it ran', async () => {
    const cache = new PageCache();
    const page = (body: string) => ({ body, contentType: 'text/html', deps: [deps.listings] });
    let release: () => void = () => {};
    const slow = cache.getOrRender('/', async () => {
      await new Promise<void>((r) => (release = r));
      return page('home before the story');
    });
    // A story is published (and the home page invalidated) while the old home is rendering.
    cache.invalidate(deps.article('new-story'));
    release();
    expect((await slow).body.toString()).toBe('home before the story');
    expect(cache.get('/')).toBeUndefined();

    const fresh = await cache.getOrRender('/', async () => page('home with the story'));
    expect(cache.get('/')).toBe(fresh);
    expect((await cache.getOrRender('/', async () => page('never rendered'))).body.toString()).toBe(
      'home with the story',
    );
  });
});
