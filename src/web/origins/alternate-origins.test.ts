import { describe, expect, it } from 'vitest';
import { AlternateOrigins } from './alternate-origins.ts';
import { parseOrigin, parseOriginList } from '../../lib/parse-origin.ts';

const ONION = `http://${'a'.repeat(56)}.onion`;

describe('parseOrigin', () => {
  it('accepts scheme, host and port, normalised', () => {
    expect(parseOrigin('HTTPS://Mirror.Example/')).toEqual({
      origin: 'https://mirror.example',
      host: 'mirror.example',
    });
    expect(parseOrigin('https://mirror.example:443')).toEqual({
      origin: 'https://mirror.example',
      host: 'mirror.example',
    });
    expect(parseOrigin('http://m.example:8080')).toEqual({
      origin: 'http://m.example:8080',
      host: 'm.example:8080',
    });
  });

  it('refuses paths, queries, credentials, other schemes and junk', () => {
    for (const bad of [
      'https://m.example/news',
      'https://m.example?x',
      'ftp://m.example',
      'https://u:p@m.example',
      'm.example',
      'https://',
      'https://a b',
    ]) {
      expect(parseOrigin(bad)).toHaveProperty('error');
    }
    expect(parseOriginList('https://a.example, https://b.example/x')).toHaveProperty('error');
    expect(parseOriginList('https://a.example, https://a.example/,')).toEqual({
      origins: ['https://a.example'],
    });
  });
});

describe('AlternateOrigins', () => {
  const origins = AlternateOrigins.fromConfig({
    SITE_URL: 'https://news.example',
    ALTERNATE_ORIGINS: 'https://cdn.example,http://m.example:8080',
    ONION_ADDRESS: `${ONION}/`,
  });

  it('matches a Host header exactly, the onion address included', () => {
    expect(origins.originFor('cdn.example')).toBe('https://cdn.example');
    expect(origins.originFor('CDN.example')).toBe('https://cdn.example');
    expect(origins.originFor('m.example:8080')).toBe('http://m.example:8080');
    expect(origins.originFor(`${'a'.repeat(56)}.onion`)).toBe(ONION);
  });

  it('never matches a Host with another port, a path or junk', () => {
    for (const host of [
      'news.example',
      'cdn.example:443',
      'cdn.example:8443',
      'm.example',
      'cdn.example/x',
      'cdn.example.evil',
      'evil.example',
      '',
      'cdn.example\r\nX: y',
      undefined,
    ]) {
      expect(origins.originFor(host)).toBeUndefined();
    }
  });

  it('rewrites links, keeps identity (canonical, og:url, hreflang, JSON-LD, ids)', () => {
    const html = [
      '<link rel="canonical" href="https://news.example/articles/a">',
      '<meta property="og:url" content="https://news.example/articles/a">',
      '<link rel="alternate" hreflang="ru" href="https://news.example/ru/">',
      '<script type="application/ld+json">{"url":"https://news.example/articles/a"}</script>',
      '<meta property="og:image" content="https://news.example/media/x.jpg">',
      '<a href="https://news.example/articles/b">b</a> https://news.example.evil/ https://news.examplex',
      '<guid isPermaLink="true">https://news.example/articles/a</guid><link>https://news.example/articles/a</link>',
      '<id>https://news.example/articles/a</id>{"id": "https://news.example/a", "url": "https://news.example/a"}',
    ].join('\n');
    const out = origins.rewrite(html, 'https://cdn.example');
    expect(out).toBe(
      [
        '<link rel="canonical" href="https://news.example/articles/a">',
        '<meta property="og:url" content="https://news.example/articles/a">',
        '<link rel="alternate" hreflang="ru" href="https://news.example/ru/">',
        '<script type="application/ld+json">{"url":"https://news.example/articles/a"}</script>',
        '<meta property="og:image" content="https://cdn.example/media/x.jpg">',
        '<a href="https://cdn.example/articles/b">b</a> https://news.example.evil/ https://news.examplex',
        '<guid isPermaLink="true">https://news.example/articles/a</guid><link>https://cdn.example/articles/a</link>',
        '<id>https://news.example/articles/a</id>{"id": "https://news.example/a", "url": "https://cdn.example/a"}',
      ].join('\n'),
    );
  });

  it('never alters a signed mirror list', () => {
    const list =
      '{\n  "format": "samizdat-mirrors/1",\n  "site": "https://news.example",\n  "mirrors": [{"url": "https://news.example/newsletter"}]\n}';
    expect(origins.rewrite(list, 'https://cdn.example')).toBe(list);
  });

  it('refuses a bad list at load', () => {
    expect(() =>
      AlternateOrigins.fromConfig({
        SITE_URL: 'https://news.example',
        ALTERNATE_ORIGINS: 'https://x.example/path',
      }),
    ).toThrow(/ALTERNATE_ORIGINS/);
  });
});
