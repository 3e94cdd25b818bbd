import { describe, expect, it } from 'vitest';
import { fileForPath, internalPath, relativeLink } from './mirror-paths.ts';
import { rewriteCss, rewriteFeedOrSitemap, rewriteHtml, rewriteRobots } from './rewrite-links.ts';
import { filesToRefresh, indexOfManifest, MIRROR_FORMAT, type Manifest } from './mirror-manifest.ts';

const siteUrl = 'https://news.example';

describe('mirror paths', () => {
  it('maps pretty addresses to folders and files to themselves', () => {
    expect(fileForPath('/')).toBe('index.html');
    expect(fileForPath('/ru/')).toBe('ru/index.html');
    expect(fileForPath('/tag/economy')).toBe('tag/economy/index.html');
    expect(fileForPath('/tag/economy/feed.xml?x=1#y')).toBe('tag/economy/feed.xml');
    expect(fileForPath('/articles/%D0%BE%D0%B7%D0%B5%D1%80%D0%BE')).toBe('articles/озеро/index.html');
  });

  it('refuses what a folder cannot hold', () => {
    for (const bad of [
      '/../etc/passwd',
      '/a/%2e%2e/b',
      '/a//b',
      '//evil.example/x',
      'relative',
      '/a/%2Fb',
      '/%E0%A4%A',
    ]) {
      expect(fileForPath(bad), bad).toBeUndefined();
    }
  });

  it('links relatively, naming index.html, keeping the query and fragment', () => {
    expect(relativeLink('index.html', '/')).toBe('index.html');
    expect(relativeLink('articles/a/index.html', '/tag/x')).toBe('../../tag/x/index.html');
    expect(relativeLink('articles/a/index.html', '/articles/b#top')).toBe('../b/index.html#top');
    expect(relativeLink('tag/x/index.html', '/tag/x/feed.xml')).toBe('feed.xml');
    expect(relativeLink('search/index.html', '/search?q=a')).toBe('index.html?q=a');
  });

  it('knows internal URLs: origin-relative, or under SITE_URL', () => {
    expect(internalPath('/x', siteUrl)).toBe('/x');
    expect(internalPath('https://news.example', siteUrl)).toBe('/');
    expect(internalPath('https://news.example/a?b', siteUrl)).toBe('/a?b');
    expect(internalPath('https://news.example.evil/a', siteUrl)).toBeUndefined();
    expect(internalPath('//news.example/a', siteUrl)).toBeUndefined();
    expect(internalPath('https://other.example/a', siteUrl)).toBeUndefined();
  });
});

describe('rewriting links', () => {
  it('makes page links relative and keeps canonical-type metadata on SITE_URL', () => {
    const html = [
      '<link rel="canonical" href="https://news.example/articles/a">',
      '<link rel="alternate" hreflang="ru" href="https://news.example/ru/">',
      '<link rel="alternate" type="application/rss+xml" href="/feed.xml">',
      '<meta property="og:url" content="https://news.example/articles/a">',
      '<script type="application/ld+json">{"url":"https://news.example/","x":"<a href=\\"/y\\">"}</script>',
      '<a class="x" title="a > b" href="/tag/x">x</a>',
      '<a href="https://news.example/articles/b?x=1&amp;y=2">b</a>',
      '<a href="https://other.example/">elsewhere</a>',
      '<img src="/media/1/w400.jpg" srcset="/media/1/w400.jpg 400w, /media/1/w800.jpg 800w">',
      '<form action="/search" method="get"></form>',
      '<a href="/admin/">admin</a>',
    ].join('\n');
    const { body, links } = rewriteHtml(html, { file: 'articles/a/index.html', siteUrl });
    expect(body).toContain('<link rel="canonical" href="https://news.example/articles/a">');
    expect(body).toContain('<link rel="alternate" hreflang="ru" href="https://news.example/ru/">');
    expect(body).toContain('href="../../feed.xml"');
    expect(body).toContain('<meta property="og:url" content="https://news.example/articles/a">');
    expect(body).toContain('{"url":"https://news.example/","x":"<a href=\\"/y\\">"}');
    expect(body).toContain('<a class="x" title="a > b" href="../../tag/x/index.html">');
    expect(body).toContain('href="../b/index.html?x=1&amp;y=2"');
    expect(body).toContain('href="https://other.example/"');
    expect(body).toContain('srcset="../../media/1/w400.jpg 400w, ../../media/1/w800.jpg 800w"');
    expect(body).toContain('action="../../search/index.html"');
    expect(body).toContain('href="/admin/"');
    expect(links).toEqual(
      expect.arrayContaining(['/tag/x', '/articles/b?x=1&y=2', '/media/1/w800.jpg', '/search']),
    );
    expect(links).not.toContain('/admin/');
  });

  it('makes stylesheet URLs relative to the stylesheet', () => {
    const { body } = rewriteCss(
      'a{background:url(/assets/x.svg)} b{background:url("https://other.example/y.png")}',
      {
        file: 'assets/site.css',
        siteUrl,
      },
    );
    expect(body).toBe('a{background:url(x.svg)} b{background:url("https://other.example/y.png")}');
  });

  it('feeds: links relative to the feed or on the base URL, identifiers on SITE_URL', () => {
    const rss =
      '<?xml-stylesheet type="text/xsl" href="/feed.xsl"?><link>https://news.example/</link>' +
      '<guid isPermaLink="true">https://news.example/articles/a</guid><link>https://news.example/articles/a</link>' +
      '<content:encoded><![CDATA[<img src="https://news.example/media/1.jpg">]]></content:encoded>';
    const relative = rewriteFeedOrSitemap(rss, { file: 'tag/x/feed.xml', siteUrl }, 'xml').body;
    expect(relative).toContain('href="../../feed.xsl"');
    expect(relative).toContain('<link>../../index.html</link>');
    expect(relative).toContain('<guid isPermaLink="true">https://news.example/articles/a</guid>');
    expect(relative).toContain('<link>../../articles/a/index.html</link>');
    expect(relative).toContain('src="../../media/1.jpg"');
    const absolute = rewriteFeedOrSitemap(
      rss,
      { file: 'feed.xml', siteUrl, baseUrl: 'https://m.example/p' },
      'xml',
    );
    expect(absolute.body).toContain('<link>https://m.example/p/articles/a/index.html</link>');
    const json = rewriteFeedOrSitemap(
      '{"id":"https://news.example/articles/a","url":"https://news.example/articles/a","content_html":"<img src=\\"https://news.example/m.jpg\\">"}',
      { file: 'feed.json', siteUrl },
      'json',
    ).body;
    expect(json).toBe(
      '{"id":"https://news.example/articles/a","url":"articles/a/index.html","content_html":"<img src=\\"m.jpg\\">"}',
    );
  });

  it('robots.txt: Sitemap lines on the base URL, or left out', () => {
    const robots = 'User-agent: *\nAllow: /\nSitemap: https://news.example/sitemap.xml\n';
    expect(rewriteRobots(robots, { file: 'robots.txt', siteUrl }).body).toBe('User-agent: *\nAllow: /\n');
    expect(
      rewriteRobots(robots, { file: 'robots.txt', siteUrl, baseUrl: 'https://m.example' }).body,
    ).toContain('Sitemap: https://m.example/sitemap.xml');
  });
});

describe('files to refresh', () => {
  const manifest: Manifest = {
    format: MIRROR_FORMAT,
    version: 'v',
    siteUrl,
    baseUrl: null,
    changeFeed: null,
    files: {
      'articles/a/index.html': { path: '/articles/a', hash: 'h', tags: ['article:a', 'article:b'] },
      'articles/c/index.html': { path: '/articles/c', hash: 'h', tags: ['article:c'] },
      'index.html': { path: '/', hash: 'h', tags: ['listings', 'frontpage', 'article:c'] },
      'page/2/index.html': { path: '/page/2', hash: 'h', tags: ['listings', 'article:d'] },
      'tag/x/index.html': { path: '/tag/x', hash: 'h', tags: ['listings'] },
      'assets/site.css': { path: '/assets/site.css', hash: 'h', tags: [] },
    },
  };
  it('renders again what shows a changed article, and listing heads when a listing changed', () => {
    expect(filesToRefresh(indexOfManifest(manifest), new Set(['article:b']))).toEqual([
      'articles/a/index.html',
    ]);
    expect(filesToRefresh(indexOfManifest(manifest), new Set(['article:b', 'listings']))).toEqual([
      'articles/a/index.html',
      'index.html',
      'tag/x/index.html',
    ]);
    expect(filesToRefresh(indexOfManifest(manifest), new Set(['listings']), (path) => path === '/')).toEqual([
      'index.html',
    ]);
    expect(filesToRefresh(indexOfManifest(manifest), new Set(['article:d']))).toEqual(['page/2/index.html']);
    expect(filesToRefresh(indexOfManifest(manifest), new Set(['frontpage']))).toEqual(['index.html']);
  });
});
