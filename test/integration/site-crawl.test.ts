// A reader (or a search engine) following every link of the demo publication never meets a dead
// end: every page, stylesheet, image, feed and form target the site names, reached from the home
// page, answers 2xx or 3xx. The crawl uses the real wiring (startDemoSite, as `samizdat serve`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSite } from '../support/browser.ts';
import { TEST_SITE_URL, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

/**
 * Dead links the site has today, each a bug to fix, not a rule: the crawl fails if one of these
 * starts to answer (take it off the list) or if any other link is dead. Keys are "METHOD path".
 */
const KNOWN_DEAD_LINKS: Record<string, string> = {
  // Nothing a page links is dead: the newsletter and support blocks show only while their
  // features answer (src/modules/site/feature-routes.ts), which in the demo they do not.
};

/** Links the software hands out outside its pages, crawled as if a page linked them. */
const HANDED_OUT_LINKS: string[] = [];

/** More than the demo could ever link (it links a few hundred): stops a crawl that runs away. */
const MAX_URLS = 5000;

interface Found {
  /** Path and query on the test server. */
  target: string;
  method: 'GET' | 'POST';
  /** The first page that named it, for the failure message. */
  from: string;
}

/** Every URL a page names: links, stylesheets, icons, images (src and srcset), feeds, form actions. */
function urlsIn(html: string): Array<{ url: string; method: 'GET' | 'POST' }> {
  const found: Array<{ url: string; method: 'GET' | 'POST' }> = [];
  const attr = (tag: string, name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i')
      .exec(tag)
      ?.slice(1)
      .find((v) => v !== undefined);
  const decode = (value: string) =>
    value
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
  for (const [tag] of html.matchAll(/<(?:a|link|area)\s[^>]*>/gi)) {
    const href = attr(tag, 'href');
    if (href !== undefined) found.push({ url: decode(href), method: 'GET' });
  }
  for (const [tag] of html.matchAll(/<(?:img|source|script|iframe|video|audio)\s[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src !== undefined) found.push({ url: decode(src), method: 'GET' });
    for (const candidate of (attr(tag, 'srcset') ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) found.push({ url: decode(url), method: 'GET' });
    }
  }
  for (const [tag] of html.matchAll(/<form\s[^>]*>/gi)) {
    const method = (attr(tag, 'method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    found.push({ url: decode(attr(tag, 'action') ?? ''), method });
  }
  return found;
}

/** Everything reachable from the home page and robots.txt: "METHOD path" → status and referrer. */
async function crawl(t: TestApp): Promise<Map<string, { status: number; from: string }>> {
  const statuses = new Map<string, { status: number; from: string }>();
  const origin = new URL(t.baseUrl).origin;
  // From the home page, as a reader; from robots.txt, as a crawler (it names the sitemaps).
  const queue: Found[] = [
    { target: '/', method: 'GET', from: '(start)' },
    { target: '/robots.txt', method: 'GET', from: '(start)' },
    ...HANDED_OUT_LINKS.map((target) => ({ target, method: 'GET' as const, from: '(handed out)' })),
  ];
  const seen = new Set<string>(queue.map((q) => `${q.method} ${q.target}`));
  const enqueue = (raw: string, method: 'GET' | 'POST', from: string) => {
    if (raw.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(raw)) return;
    const url = new URL(raw, t.baseUrl + from);
    // The site names itself by its public address (canonical, feeds, sitemaps): same site.
    // (The scheme too: the public address is https, the test server http; with the host alone the
    // URL kept https and every absolute link, sitemaps included, was skipped as another site's.)
    if (url.origin === new URL(TEST_SITE_URL).origin) {
      url.protocol = new URL(origin).protocol;
      url.host = new URL(origin).host;
    }
    if (url.origin !== origin) return; // another site: not ours to check (and there are none)
    const target = url.pathname + url.search;
    const key = `${method} ${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push({ target, method, from });
  };
  while (queue.length > 0) {
    if (seen.size > MAX_URLS) throw new Error(`the crawl passed ${MAX_URLS} URLs: a link loop?`);
    const { target, method, from } = queue.shift()!;
    const res = await t.fetch(target, {
      method,
      redirect: 'manual',
      ...(method === 'POST'
        ? { body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
    });
    statuses.set(`${method} ${target}`, { status: res.status, from });
    const location = res.headers.get('location');
    if (location) enqueue(location, 'GET', target);
    const type = res.headers.get('content-type') ?? '';
    if (res.ok && type.startsWith('text/html')) {
      for (const { url, method: next } of urlsIn(await res.text())) enqueue(url, next, target);
    } else if (res.ok && type.startsWith('text/plain')) {
      for (const [, url] of (await res.text()).matchAll(/^Sitemap:\s*(\S+)/gim)) enqueue(url!, 'GET', target);
    } else if (res.ok && /xml/.test(type)) {
      // Feeds and sitemaps: their <link>, <loc> and enclosure URLs are links too.
      const xml = await res.text();
      for (const [, url] of xml.matchAll(/<(?:loc|link|id)>([^<]+)<\//g)) enqueue(url!, 'GET', target);
      for (const [, url] of xml.matchAll(/\s(?:href|url)="([^"]+)"/g)) {
        // In the feed stylesheet (/feed.xsl), "{...}" is filled from the feed by the browser:
        // those links are the feed's own, crawled from the feed.
        if (!url!.startsWith('{')) enqueue(url!.replace(/&amp;/g, '&'), 'GET', target);
      }
    } else {
      await res.arrayBuffer();
    }
  }
  return statuses;
}

/** The demo as it is, and with Russian switched off (the `languages` setting): no /ru/ pages. */
const CASES = testDatabases.flatMap((dialect) => [
  [dialect, 'every language'] as const,
  [dialect, 'Russian switched off'] as const,
]);

describe.each(CASES)('crawling the demo publication on %s, %s', (dialect, languages) => {
  const russianOff = languages === 'Russian switched off';
  let t: TestApp;
  /** "METHOD path" → status, for everything the crawl reached. */
  let statuses = new Map<string, { status: number; from: string }>();

  beforeAll(async () => {
    t = await startDemoSite(dialect);
    if (russianOff) await t.services.settings.set({ languages: [] });
    statuses = await crawl(t);
  }, 240_000);
  afterAll(async () => t?.close());

  const isAlive = (method: string, status: number) =>
    // A form posted empty may rightly answer 400 (it says what is missing); it must exist, though.
    status < 400 || (method === 'POST' && status !== 404 && status !== 405 && status < 500);

  it('reaches every kind of page from the home page', () => {
    const paths = [...statuses.keys()];
    for (const kind of [
      '/articles/',
      '/tag/',
      '/author/',
      '/archive',
      '/search',
      '/media/',
      '/assets/',
      'feed',
    ]) {
      expect(
        paths.some((p) => p.includes(kind)),
        kind,
      ).toBe(true);
    }
    // A home page, feeds and sitemaps per language, reached from the language switch and robots.txt;
    // none of them once the language is switched off.
    for (const kind of [
      '/ru/',
      '/ru/tag/',
      '/ru/author/',
      '/ru/feed.xml',
      '/ru/atom.xml',
      '/ru/feed.json',
      '/sitemaps/pages-ru-',
    ]) {
      expect(
        paths.some((p) => p.includes(kind)),
        kind,
      ).toBe(!russianOff);
    }
    expect(statuses.size).toBeGreaterThan(100);
    console.info(`crawl on ${dialect}: ${statuses.size} URLs`);
  });

  it('finds no dead link besides the known ones', () => {
    const dead = [...statuses]
      .filter(([key, { status }]) => !isAlive(key.split(' ')[0]!, status))
      .map(([key, { status, from }]) => `${key} → ${status} (linked from ${from})`);
    const unknown = dead.filter((line) => !(line.split(' → ')[0]! in KNOWN_DEAD_LINKS));
    expect(unknown).toEqual([]);
  });

  it('still has each known dead link (fixed ones come off the list)', () => {
    const fixed = Object.keys(KNOWN_DEAD_LINKS).filter((key) => {
      const found = statuses.get(key);
      return found === undefined || isAlive(key.split(' ')[0]!, found.status);
    });
    expect(fixed).toEqual([]);
  });
});
