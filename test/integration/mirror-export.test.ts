// `samizdat mirror export`: the demo publication exported, served by Debian's nginx under a
// sub-path, and crawled by a link checker written here: every internal link, image, stylesheet
// and form answers; nothing points at SITE_URL except canonical-type metadata; every exported
// page is reachable. Then: an incremental export after one edit touches only what shows the
// article; two exports are byte-identical; a full disk and an unwritable folder leave nothing
// half-written.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { exportMirror, MirrorError } from '../../src/web/mirror/index.ts';
import { nodeMirrorFs, type MirrorFs } from '../../src/web/mirror/mirror-files.ts';
import { MANIFEST_FILE, openManifest } from '../../src/web/mirror/mirror-manifest-store.ts';
import { STAGING_FOLDER } from '../../src/web/mirror/mirror-staging.ts';
import { startNginx, noNginxReason, type StaticServer } from '../support/nginx.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { TEST_SITE_URL } from '../support/test-app.ts';
import { tempDir } from '../support/temp-dir.ts';
import { testDatabases } from '../support/test-db.ts';

const SUB_PATH = '/some/path/';
const SITE_ORIGIN = new URL(TEST_SITE_URL).origin;

/** Every file under `dir` (relative, "/"-separated) with its bytes, the manifest left out. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full).split('\\').join('/'), readFileSync(full));
    }
  };
  walk(dir);
  out.delete(MANIFEST_FILE);
  return out;
}

const LINK_TAG = /<(a|link|img|source|script|form|area|iframe)\b[^>]*>/gi;

/** Every URL a page links or loads, with whether it is canonical-type metadata. */
function urlsOf(html: string): { url: string; metadata: boolean; tag: string }[] {
  const out: { url: string; metadata: boolean; tag: string }[] = [];
  for (const [tag] of html.matchAll(LINK_TAG)) {
    const metadata = /^<link\b/i.test(tag) && (/\srel="canonical"/i.test(tag) || /\shreflang=/i.test(tag));
    for (const m of tag.matchAll(/\s(href|src|srcset|action)="([^"]*)"/gi)) {
      const value = m[2]!.replace(/&amp;/g, '&');
      const urls = m[1] === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [value];
      for (const url of urls) out.push({ url, metadata, tag: tag.slice(0, 80) });
    }
  }
  return out;
}

describe.skipIf(noNginxReason).each(testDatabases)(
  'mirror export served by nginx under a sub-path on %s',
  (dialect) => {
    let t: SiteTestApp;
    let dir: string;
    let nginx: StaticServer;
    let first: Awaited<ReturnType<typeof exportMirror>>;

    beforeAll(async () => {
      t = await startSiteTestApp(dialect);
      dir = tempDir('mirror');
      chmodSync(dir, 0o755); // nginx's workers run as another user
      first = await exportMirror(t.services, { dir });
      nginx = await startNginx(dir, SUB_PATH);
    }, 120_000);

    afterAll(async () => {
      await nginx?.stop();
      await t?.close();
    });

    it('exports every kind of page, feed, sitemap and image', () => {
      expect(first).toMatchObject({ mode: 'full', deleted: 0, broken: [] });
      expect(first.written).toBe(first.files);
      const files = [...tree(dir).keys()];
      for (const expected of [
        'index.html',
        'page/2/index.html',
        'ru/index.html',
        'robots.txt',
        'sitemap.xml',
        'sitemap-news.xml',
        'feed.xml',
        'atom.xml',
        'feed.json',
        'ru/feed.xml',
        'feed.xsl',
        'search/index.html',
        'ru/search/index.html',
        'archive/index.html',
        'mirrors/index.html',
      ]) {
        expect(files, expected).toContain(expected);
      }
      const kinds = (re: RegExp) => files.filter((f) => re.test(f)).length;
      expect(kinds(/^articles\/[^/]+\/index\.html$/)).toBeGreaterThanOrEqual(20);
      expect(kinds(/^tag\/[^/]+\/index\.html$/)).toBeGreaterThanOrEqual(5);
      expect(kinds(/^tag\/[^/]+\/(feed\.xml|atom\.xml|feed\.json)$/)).toBeGreaterThanOrEqual(15);
      expect(kinds(/^author\/[^/]+\/index\.html$/)).toBeGreaterThanOrEqual(5);
      expect(kinds(/^archive\/\d{4}\/\d{2}\/index\.html$/)).toBeGreaterThanOrEqual(1);
      expect(kinds(/^sitemaps\/.+\.xml$/)).toBeGreaterThanOrEqual(2);
      expect(kinds(/^assets\/site\.[0-9a-f]+\.css$/)).toBe(1);
      expect(kinds(/^media\/.+\.webp$/)).toBeGreaterThanOrEqual(10);
      expect(kinds(/^media\/.+\.jpg$/)).toBeGreaterThanOrEqual(10);
      // Nothing of the server's own: no admin, no API, no temporary files left.
      expect(kinds(/^(admin|api)\//)).toBe(0);
      expect(kinds(/mirror-(tmp|probe)$/)).toBe(0);
    });

    it(
      'has no broken internal link, no request to SITE_URL, and every page reachable',
      { timeout: 120_000 },
      async () => {
        const broken: string[] = [];
        const toSite: string[] = [];
        const outside: string[] = [];
        const checked = new Map<string, number>();
        const pages = new Set<string>();
        const queue = [nginx.url, `${nginx.url}sitemap.xml`, `${nginx.url}feed.xml`];
        const get = async (url: string) => {
          const response = await fetch(url, { redirect: 'manual' });
          checked.set(url, response.status);
          return response;
        };
        while (queue.length > 0) {
          const url = queue.shift()!;
          if (checked.has(url)) continue;
          const response = await get(url);
          if (response.status !== 200) continue;
          const type = response.headers.get('content-type') ?? '';
          const body = await response.text();
          let found: { url: string; metadata: boolean; tag: string }[] = [];
          if (type.startsWith('text/html')) {
            pages.add(url);
            found = urlsOf(body);
          } else if (type.includes('xml') && url.includes('sitemap')) {
            found = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => ({
              url: m[1]!,
              metadata: false,
              tag: 'loc',
            }));
          } else if (type.includes('css')) {
            found = [...body.matchAll(/url\(["']?([^"')]+)["']?\)/g)].map((m) => ({
              url: m[1]!,
              metadata: false,
              tag: 'css',
            }));
          }
          for (const link of found) {
            if (/^(mailto|tel|data):/.test(link.url) || link.url.startsWith('#')) continue;
            const target = new URL(link.url, url);
            target.hash = '';
            if (link.metadata) {
              // Canonical and hreflang say where the original is: SITE_URL, never the mirror.
              expect(target.origin, link.tag).toBe(SITE_ORIGIN);
              continue;
            }
            if (target.origin === SITE_ORIGIN) toSite.push(`${url} -> ${link.url} (${link.tag})`);
            else if (target.origin !== nginx.origin) outside.push(target.origin);
            else if (!target.pathname.startsWith(SUB_PATH))
              broken.push(`${url} -> ${link.url} escapes ${SUB_PATH}`);
            else if (!checked.has(target.href)) queue.push(target.href);
          }
        }
        for (const [url, status] of checked) if (status !== 200) broken.push(`${url}: ${status}`);
        expect(broken).toEqual([]);
        // Every file is readable by the web server's user.
        for (const file of tree(dir).keys()) expect(statSync(join(dir, file)).mode & 0o644, file).toBe(0o644);
        expect(toSite).toEqual([]);
        // Every exported page is reachable from the home page, the sitemaps and the feed.
        const exportedPages = [...tree(dir).keys()]
          .filter((f) => f.endsWith('.html'))
          .map((f) => nginx.url + f);
        const reached = new Set([...pages].map((p) => (p.endsWith('/') ? `${p}index.html` : p)));
        expect(exportedPages.filter((p) => !reached.has(p))).toEqual([]);
        expect(pages.size).toBeGreaterThanOrEqual(60);
      },
    );

    it('keeps SITE_URL only where metadata names the original', () => {
      for (const [file, bytes] of tree(dir)) {
        if (!/\.(html|css|xml|json|txt|xsl)$/.test(file)) continue;
        let text = bytes.toString('utf8');
        if (file.endsWith('.html')) {
          text = text
            .replace(/<link\b[^>]*\srel="canonical"[^>]*>/g, '')
            .replace(/<link\b[^>]*\shreflang=[^>]*>/g, '')
            .replace(/<meta\b[^>]*>/g, '')
            .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '')
            // The mirror list names every address the publication is at, the original among them.
            .replace(/<ul class="mirror-list">[\s\S]*?<\/ul>/g, '');
        } else {
          // Feed item identifiers name the story, not where to fetch it.
          text = text.replace(/<(guid|id)\b[^>]*>[\s\S]*?<\/\1>/g, '').replace(/"id":"[^"]*"/g, '');
        }
        expect(text.includes(SITE_ORIGIN) ? file : '', file).toBe('');
      }
    });

    it('turns search into a page that says it needs the server and links the mirror list, in both languages', async () => {
      for (const [path, words] of [
        ['search/index.html', 'Search is not available on this copy'],
        ['ru/search/index.html', 'Поиск в этой копии недоступен'],
      ] as const) {
        const response = await fetch(nginx.url + path);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain(words);
        expect(html).not.toContain('<form');
        const list = /<main[\s\S]*<a href="([^"]*mirrors\/index\.html)"/.exec(html)?.[1];
        expect(list, path).toBeTruthy();
        expect((await fetch(new URL(list!, nginx.url + path))).status).toBe(200);
      }
    });

    it('gives feeds links relative to the feed, or absolute on --base-url', async () => {
      const feed = readFileSync(join(dir, 'tag/economy/feed.xml'), 'utf8');
      expect(feed).toMatch(/<link>\.\.\/\.\.\/articles\/[^<]+\/index\.html<\/link>/);
      expect(feed).toMatch(/<guid isPermaLink="true">https:\/\/news\.example\/articles\//);
      const withBase = tempDir('mirror-base');
      await exportMirror(t.services, { dir: withBase, baseUrl: 'https://mirror.example/some/path/' });
      const absolute = readFileSync(join(withBase, 'tag/economy/feed.xml'), 'utf8');
      expect(absolute).toMatch(
        /<link>https:\/\/mirror\.example\/some\/path\/articles\/[^<]+\/index\.html<\/link>/,
      );
      expect(readFileSync(join(withBase, 'robots.txt'), 'utf8')).toContain(
        'Sitemap: https://mirror.example/some/path/sitemap.xml',
      );
      expect(readFileSync(join(dir, 'robots.txt'), 'utf8')).not.toContain('Sitemap:');
    }, 120_000);
  },
);

describe.each(testDatabases)('incremental, deterministic and atomic mirror export on %s', (dialect) => {
  let t: SiteTestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
    dir = tempDir('mirror');
    await exportMirror(t.services, { dir });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('writes the same bytes twice, and a second export with nothing changed writes nothing', async () => {
    const other = tempDir('mirror-again');
    const again = await exportMirror(t.services, { dir: other, full: true });
    expect(again.mode).toBe('full');
    const a = tree(dir);
    const b = tree(other);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, bytes] of a) expect(b.get(file)!.equals(bytes), file).toBe(true);
    const nothing = await exportMirror(t.services, { dir });
    expect(nothing).toMatchObject({ mode: 'incremental', written: 0, deleted: 0 });
  }, 120_000);

  it('after one edit re-renders only the pages showing the article, and matches a full export', async () => {
    const before = tree(dir);
    const store = openManifest(join(dir, MANIFEST_FILE))!;
    const manifest = { files: Object.fromEntries([...store.files()].map((f) => [f, store.entry(f)!])) };
    store.close();
    const { items } = await t.services.articles.list(
      { language: 'en', limit: 1, page: 1 },
      { readerVisible: true },
    );
    const article = items[0]!;
    await t.services.articles.update(systemActor, article.id, {
      version: article.version,
      title: 'A title changed for the mirror test',
    });
    const result = await exportMirror(t.services, { dir });
    expect(result.mode).toBe('incremental');
    const after = tree(dir);
    const changed = [...after.keys()].filter((f) => !before.get(f)?.equals(after.get(f)!));
    expect(changed).toContain(`articles/${article.slug}/index.html`);
    expect(changed).toContain('index.html');
    expect(changed).toContain('feed.xml');
    expect(result.written).toBe(changed.length);
    expect(result.deleted).toBe(0);
    // Only files that show the article (or list new stories at their top) changed.
    const showsIt = (file: string) => manifest.files[file]?.tags.includes(`article:${article.id}`);
    const head = (file: string) => manifest.files[file]?.tags.includes('listings');
    expect(changed.filter((f) => !showsIt(f) && !head(f))).toEqual([]);
    for (const file of changed.filter((f) => f.endsWith('.html'))) {
      expect(after.get(file)!.toString('utf8'), file).toContain('A title changed for the mirror test');
    }
    // The incremental result is what a full export gives.
    const full = tempDir('mirror-full');
    await exportMirror(t.services, { dir: full });
    const fresh = tree(full);
    expect([...fresh.keys()]).toEqual([...after.keys()]);
    for (const [file, bytes] of fresh) expect(after.get(file)!.equals(bytes), file).toBe(true);
  }, 120_000);

  it('withdrawing an article deletes its page; publishing one adds it', async () => {
    const { items } = await t.services.articles.list(
      { language: 'en', limit: 1, page: 1 },
      { readerVisible: true },
    );
    const article = items[0]!;
    await t.services.articles.unpublish(systemActor, article.id);
    const withdrawn = await exportMirror(t.services, { dir });
    expect(withdrawn.mode).toBe('incremental');
    expect(withdrawn.deleted).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(dir, `articles/${article.slug}/index.html`))).toBe(false);
    const created = await t.services.articles.create(systemActor, {
      title: 'A story published after the mirror',
      standfirst: 'Short.',
      body_html: '<p>Body.</p>',
      language: 'en',
      status: 'published',
    });
    const published = await exportMirror(t.services, { dir });
    expect(published.mode).toBe('incremental');
    expect(readFileSync(join(dir, `articles/${created.slug}/index.html`), 'utf8')).toContain(
      'A story published after the mirror',
    );
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain(`articles/${created.slug}/index.html`);
  }, 120_000);

  it('a disk that fills mid-export: a clear error, no temporary file, every file whole, the manifest intact', async () => {
    const { items } = await t.services.articles.list(
      { language: 'en', limit: 1, page: 1 },
      { readerVisible: true },
    );
    await t.services.articles.update(systemActor, items[0]!.id, {
      version: items[0]!.version,
      title: 'Edited before the disk fills',
    });
    const manifestBefore = readFileSync(join(dir, MANIFEST_FILE));
    const before = tree(dir);
    let writes = 0;
    const full: MirrorFs = {
      ...nodeMirrorFs,
      async writeFile(path, data) {
        // The first write is the folder's probe; the disk fills on the fourth.
        if (++writes > 3) {
          // Part of the bytes reach the disk, as on a real full disk.
          writeFileSync(path, Buffer.from(data).subarray(0, 10));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        return nodeMirrorFs.writeFile(path, data);
      },
    };
    const error = await exportMirror(t.services, { dir, fs: full }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MirrorError);
    expect((error as Error).message).toMatch(
      /^cannot write .+ in the mirror folder .+: no space left on the device \(ENOSPC\)$/,
    );
    // The live mirror is exactly as it was: the export's changes were staged aside, then dropped.
    const after = tree(dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, bytes] of after) expect(before.get(file)!.equals(bytes), file).toBe(true);
    expect(readFileSync(join(dir, MANIFEST_FILE)).equals(manifestBefore)).toBe(true);
    expect(existsSync(join(dir, '.samizdat-mirror.lock'))).toBe(false);
    expect(existsSync(join(dir, STAGING_FOLDER))).toBe(false);
    const expected = tree(
      await (async (d) => (await exportMirror(t.services, { dir: d }), d))(tempDir('mirror-ok')),
    );
    // The next export finishes the job.
    const next = await exportMirror(t.services, { dir });
    expect(next.mode).toBe('incremental');
    const done = tree(dir);
    for (const file of [`articles/${items[0]!.slug}/index.html`, 'index.html', 'feed.xml']) {
      expect(done.get(file)?.equals(expected.get(file)!), file).toBe(true);
    }
  }, 120_000);

  it('a crash after the commit point: the next export finishes moving the staged files into place', async () => {
    const { items } = await t.services.articles.list(
      { language: 'en', limit: 1, page: 1 },
      { readerVisible: true },
    );
    await t.services.articles.update(systemActor, items[0]!.id, {
      version: items[0]!.version,
      title: 'Edited before the crash',
    });
    const page = `articles/${items[0]!.slug}/index.html`;
    let renames = 0;
    // The process "dies" moving the third staged file into the live tree, after the commit point.
    const dying: MirrorFs = {
      ...nodeMirrorFs,
      async rename(from, to) {
        if (!from.endsWith('.mirror-tmp') && ++renames === 3) throw new Error('killed');
        return nodeMirrorFs.rename(from, to);
      },
    };
    await expect(exportMirror(t.services, { dir, fs: dying })).rejects.toThrow(/killed/);
    const staged = join(dir, STAGING_FOLDER);
    const commit = JSON.parse(readFileSync(join(staged, 'COMMIT.json'), 'utf8')) as { writes: string[] };
    expect(commit.writes).toContain(page);
    // What the dead export rendered: moved into place already, or still staged.
    const rendered = new Map(
      commit.writes.map((f) => [
        f,
        readFileSync(existsSync(join(staged, f)) ? join(staged, f) : join(dir, f)),
      ]),
    );
    expect([...rendered.keys()].filter((f) => existsSync(join(staged, f))).length).toBe(
      commit.writes.length - 2,
    );
    const next = await exportMirror(t.services, { dir });
    expect(next).toMatchObject({ mode: 'incremental', written: 0 });
    expect(existsSync(staged)).toBe(false);
    for (const [file, bytes] of rendered)
      expect(readFileSync(join(dir, file)).equals(bytes), file).toBe(true);
    expect(readFileSync(join(dir, page), 'utf8')).toContain('Edited before the crash');
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('Edited before the crash');
  }, 120_000);

  it('a folder that cannot be written: a clear error naming it', async () => {
    const file = join(tempDir('mirror-file'), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(exportMirror(t.services, { dir: join(file, 'mirror') })).rejects.toThrow(
      /^the mirror folder .+not-a-folder\/mirror cannot be created: a path component is a file, not a folder \(ENOTDIR\)$/,
    );
  });
});
