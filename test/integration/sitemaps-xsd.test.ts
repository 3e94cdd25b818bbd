import { describe, expect, it } from 'vitest';
import { validateXml, xmllintMissing } from '../fixtures/xsd/validate-xml.ts';

// The schemas in test/fixtures/xsd are only worth trusting if they refuse what the protocol
// forbids. Each case below breaks one rule of sitemaps.org or Google News.

const SM = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
const urlset = (urls: string, ns = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SM}"${ns}>${urls}</urlset>`;
const news = (inner: string) =>
  urlset(
    `<url><loc>https://news.example/a</loc><news:news>${inner}</news:news></url>`,
    ` xmlns:news="${NEWS}"`,
  );
const GOOD_NEWS =
  '<news:publication><news:name>Ilmara</news:name><news:language>en</news:language></news:publication>' +
  '<news:publication_date>2026-11-27T06:03:02Z</news:publication_date><news:title>Headline</news:title>';

describe.skipIf(xmllintMissing)('our sitemap XSDs', () => {
  it('accept the forms the protocol allows', () => {
    for (const lastmod of [
      '2026',
      '2026-11',
      '2026-11-27',
      '2026-11-27T06:03+03:00',
      '2026-11-27T06:03:02.5Z',
    ]) {
      const doc = urlset(`<url><loc>https://news.example/</loc><lastmod>${lastmod}</lastmod></url>`);
      expect(validateXml(doc, 'sitemap').valid, lastmod).toBe(true);
    }
    const full =
      '<url><loc>http://news.example/a?b=1&amp;c=2</loc><changefreq>daily</changefreq><priority>0.8</priority></url>';
    expect(validateXml(urlset(full), 'sitemap').valid).toBe(true);
    expect(validateXml(news(GOOD_NEWS), 'news').valid).toBe(true);
  });

  it('refuse sitemaps that break the protocol', () => {
    const bad = {
      'relative loc': '<url><loc>/articles/a</loc></url>',
      'missing loc': '<url><lastmod>2026-11-27</lastmod></url>',
      'impossible date': '<url><loc>https://news.example/</loc><lastmod>2026-13-40</lastmod></url>',
      'time without zone':
        '<url><loc>https://news.example/</loc><lastmod>2026-11-27T06:03:02</lastmod></url>',
      'unknown changefreq': '<url><loc>https://news.example/</loc><changefreq>often</changefreq></url>',
      'priority above 1': '<url><loc>https://news.example/</loc><priority>1.5</priority></url>',
      'children out of order': '<url><lastmod>2026-11-27</lastmod><loc>https://news.example/</loc></url>',
      'loc of 2,048 characters': `<url><loc>https://news.example/${'a'.repeat(2048 - 'https://news.example/'.length)}</loc></url>`,
    };
    for (const [rule, urls] of Object.entries(bad)) {
      expect(validateXml(urlset(urls), 'sitemap').valid, rule).toBe(false);
    }
    const tooMany = '<url><loc>https://news.example/</loc></url>'.repeat(50_001);
    expect(validateXml(urlset(tooMany), 'sitemap').valid).toBe(false);
    const emptyIndex = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SM}"></sitemapindex>`;
    expect(validateXml(emptyIndex, 'sitemap').valid).toBe(false);
  });

  it('refuse news entries that Google News would reject', () => {
    const bad = {
      'no title': GOOD_NEWS.replace('<news:title>Headline</news:title>', ''),
      'blank title': GOOD_NEWS.replace('Headline', '   '),
      'upper-case language': GOOD_NEWS.replace('>en<', '>EN<'),
      'regional language': GOOD_NEWS.replace('>en<', '>pt-br<'),
      'date without zone': GOOD_NEWS.replace('06:03:02Z', '06:03:02'),
      'no publication name': GOOD_NEWS.replace('<news:name>Ilmara</news:name>', ''),
    };
    for (const [rule, inner] of Object.entries(bad)) {
      expect(validateXml(news(inner), 'news').valid, rule).toBe(false);
    }
    // Without the news schema, the strict extension point refuses news elements it cannot check.
    expect(validateXml(news(GOOD_NEWS), 'sitemap').valid).toBe(false);
  });
});
