import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { validateXml, xmllintMissing } from '../../../../test/fixtures/xsd/validate-xml.ts';
import { buildNewsSitemap, MAX_NEWS_URLS, newsLanguageCode } from './build-news-sitemap.ts';
import { buildRobotsTxt } from './build-robots.ts';
import { buildSitemapIndex, buildUrlset, MAX_SITEMAP_URLS } from './build-sitemap.ts';
import { parseChildSitemap } from './sitemap-paths.ts';

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, isArray: (n) => ['url', 'sitemap'].includes(n) }).parse(xml);
const lint = it.skipIf(xmllintMissing);

describe('buildUrlset', () => {
  const doc = buildUrlset([
    { loc: 'https://news.example/articles/bread?a=1&b=<2>', lastmod: '2026-11-27T08:39:14.123Z' },
    { loc: 'https://news.example/tag/culture' },
  ]);

  it('escapes locations and writes lastmod as a W3C datetime', () => {
    const urls = parse(doc).urlset.url;
    expect(urls[0]).toEqual({
      loc: 'https://news.example/articles/bread?a=1&b=<2>',
      lastmod: '2026-11-27T08:39:14Z',
    });
    expect(urls[1]).toEqual({ loc: 'https://news.example/tag/culture' });
    expect(doc).toContain('?a=1&amp;b=&lt;2&gt;');
  });

  lint('validates against the sitemap schema', () => {
    expect(validateXml(doc, 'sitemap')).toEqual({ valid: true, messages: '- validates' });
  });

  it('refuses more URLs than the protocol allows in one file', () => {
    const many = Array.from({ length: MAX_SITEMAP_URLS + 1 }, (_, i) => ({ loc: `https://n.example/${i}` }));
    expect(() => buildUrlset(many)).toThrow(RangeError);
  });
});

describe('buildSitemapIndex', () => {
  lint('lists child sitemaps and validates', () => {
    const doc = buildSitemapIndex([
      { loc: 'https://news.example/sitemaps/pages-1.xml', lastmod: new Date('2026-11-27T00:00:00Z') },
      { loc: 'https://news.example/sitemaps/articles-1.xml', lastmod: null },
    ]);
    expect(parse(doc).sitemapindex.sitemap).toEqual([
      { loc: 'https://news.example/sitemaps/pages-1.xml', lastmod: '2026-11-27T00:00:00Z' },
      { loc: 'https://news.example/sitemaps/articles-1.xml' },
    ]);
    expect(validateXml(doc, 'sitemap').valid).toBe(true);
  });
});

describe('buildNewsSitemap', () => {
  const doc = buildNewsSitemap('Ilmara & Co', [
    {
      loc: 'https://news.example/articles/a',
      title: 'Observers <who> weren\u0001t',
      language: 'en',
      publishedAt: new Date('2026-11-27T06:03:02.500Z'),
    },
    { loc: 'https://news.example/articles/b', title: 'Озеро', language: 'pt-BR', publishedAt: new Date(0) },
  ]);

  it('names the publication, language, date and title of each article', () => {
    const [first, second] = parse(doc).urlset.url;
    expect(first['news:news']).toEqual({
      'news:publication': { 'news:name': 'Ilmara & Co', 'news:language': 'en' },
      'news:publication_date': '2026-11-27T06:03:02Z',
      'news:title': 'Observers <who> werent',
    });
    expect(second['news:news']['news:publication']['news:language']).toBe('pt');
  });

  lint('validates against the news sitemap schema', () => {
    expect(validateXml(doc, 'news')).toEqual({ valid: true, messages: '- validates' });
  });

  it('lists at most 1,000 articles and maps languages to Google News codes', () => {
    const many = Array.from({ length: MAX_NEWS_URLS + 5 }, (_, i) => ({
      loc: `https://n.example/${i}`,
      title: 't',
      language: 'en',
      publishedAt: new Date(),
    }));
    expect(parse(buildNewsSitemap('X', many)).urlset.url).toHaveLength(MAX_NEWS_URLS);
    expect(newsLanguageCode('zh-TW')).toBe('zh-tw');
    expect(newsLanguageCode('ru')).toBe('ru');
  });
});

describe('buildRobotsTxt', () => {
  it('allows everything but the admin, and names the sitemaps', () => {
    expect(buildRobotsTxt({ sitemapUrls: ['https://news.example/sitemap.xml'] })).toBe(
      'User-agent: *\nAllow: /\nDisallow: /api/admin/\nDisallow: /admin\n\nSitemap: https://news.example/sitemap.xml\n',
    );
  });
});

describe('parseChildSitemap', () => {
  it('accepts only the child sitemap names we produce', () => {
    expect(parseChildSitemap('articles-12.xml')).toEqual({ kind: 'articles', page: 12 });
    expect(parseChildSitemap('pages-1.xml')).toEqual({ kind: 'pages', page: 1 });
    for (const bad of [
      'articles-0.xml',
      'articles-01.xml',
      'articles-1.xml.gz',
      'tags-1.xml',
      'articles-x.xml',
    ]) {
      expect(parseChildSitemap(bad)).toBeUndefined();
    }
  });
});
