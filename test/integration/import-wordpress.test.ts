import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importArchive, type ImportCommandOptions } from '../../src/cli/commands/import.ts';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { serve, startImageStandIn, type ImageStandIn } from '../support/image-stand-in.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { wxr, type WxrItem } from '../support/wxr-fixtures.ts';

// An import copies photos and writes every article with its follow-ups: on a busy shared machine
// with PostgreSQL that can outlast the default limit (a limit, not a timed assertion).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

// `samizdat import wordpress` end to end, through the command's own function on a real app:
// a WXR with classic and Gutenberg bodies, shortcodes, attachments, drafts, a schedule, a private
// post, a page, hostile HTML; images downloaded from a stand-in of the old site on 127.0.0.1;
// old addresses answering 301 over real HTTP; a second run changing nothing.

const quiet = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  }) as unknown as NodeJS.WriteStream;

const news = { domain: 'category', nicename: 'news', name: 'News' };
const dams = { domain: 'post_tag', nicename: 'dams', name: 'Dams' };

function items(site: string): WxrItem[] {
  return [
    {
      id: 10,
      type: 'attachment',
      status: 'inherit',
      title: 'dam',
      excerpt: 'The dam at dawn',
      attachmentUrl: `${site}/wp-content/uploads/2019/05/dam.jpg`,
      meta: {
        _wp_attachment_image_alt: 'A concrete dam',
        _wp_attachment_metadata: 'a:1:{s:10:"image_meta";a:1:{s:6:"credit";s:8:"Jane Roe";}}',
      },
    },
    {
      id: 11,
      type: 'attachment',
      status: 'inherit',
      title: 'gone',
      attachmentUrl: `${site}/wp-content/uploads/gone.jpg`,
    },
    {
      id: 1,
      title: 'The dam holds',
      slug: 'the-dam',
      excerpt: 'Engineers say the <b>dam</b> will hold.',
      dateGmt: '2019-05-02 11:30:00',
      categories: [news, dams],
      comments: 2,
      meta: { _thumbnail_id: '10' },
      content: [
        'Water rose all night.',
        '',
        `[caption id="attachment_10" align="alignnone" width="640"]<img src="${site}/wp-content/uploads/2019/05/dam.jpg" alt="The dam" /> The dam at dawn[/caption]`,
        '',
        '[gallery ids="10,11"]',
        '',
        '[embed]https://www.youtube.com/watch?v=dQw4w9WgXcQ[/embed]',
        '',
        '<script>document.write("tracked")</script><iframe src="https://ads.example/frame"></iframe>',
        `<img src="https://stats.wp.com/b.gif?v=1" width="1" height="1" /><a href="#" onclick="steal()">Read on</a>`,
        '',
        '[unknown_widget foo="bar"]Kept words[/unknown_widget]',
      ].join('\n'),
    },
    {
      id: 2,
      title: 'Blocks in the river',
      slug: 'blocks',
      dateGmt: '2019-06-01 09:00:00',
      date: '2019-06-01 12:00:00',
      categories: [news],
      content: [
        '<!-- wp:paragraph --><p>A Gutenberg paragraph.</p><!-- /wp:paragraph -->',
        '<!-- wp:image {"id":10} --><figure class="wp-block-image"><img src="/wp-content/uploads/2019/05/dam.jpg" alt="Again"/><figcaption>Seen again</figcaption></figure><!-- /wp:image -->',
        '<!-- wp:embed {"url":"https://vimeo.com/76979871","type":"video","providerNameSlug":"vimeo"} --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://vimeo.com/76979871</div></figure><!-- /wp:embed -->',
      ].join('\n'),
    },
    {
      id: 3,
      title: 'An undated draft',
      status: 'draft',
      slug: '',
      date: '2019-07-01 10:00:00',
      dateGmt: '0000-00-00 00:00:00',
      content: 'Not yet.',
    },
    {
      id: 4,
      title: 'Coming later',
      status: 'future',
      slug: 'later',
      date: '2100-01-01 09:00:00',
      dateGmt: '2100-01-01 09:00:00',
      content: 'Soon.',
    },
    { id: 5, title: 'Members only', status: 'private', slug: 'private-one', content: 'Secret.' },
    { id: 6, type: 'page', title: 'About us', slug: 'about', content: 'We report.', link: `${site}/about/` },
    { id: 7, title: 'The dam, again', slug: 'the-dam', content: 'Same slug, another post.' },
    { id: 8, title: '', slug: '', content: 'A post whose author forgot the title but not the words.' },
    {
      id: 9,
      title: '<script>alert(1)</script>Budget <em>cuts</em> &amp; more',
      slug: 'budget',
      content: '<p onmouseover="x()">Cuts.</p>',
    },
    { id: 12, type: 'nav_menu_item', title: 'Menu', content: '' },
    {
      id: 13,
      title: 'Плотина выстояла',
      slug: '%d0%bf%d0%bb%d0%be%d1%82%d0%b8%d0%bd%d0%b0',
      categories: [{ domain: 'language', nicename: 'ru', name: 'Русский' }],
      content: 'Вода поднималась всю ночь.',
    },
  ];
}

describe.each(testDatabases)('samizdat import wordpress (%s)', (dialect) => {
  let t: TestApp;
  let site: ImageStandIn;
  let dir: string;
  let file: string;
  const run = (o: Partial<ImportCommandOptions> = {}) =>
    importArchive(t.services, { platform: 'wordpress', path: file, ...o }, quiet()).then((r) => r.report);
  const count = async (table: 'articles' | 'media' | 'redirects') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    site = await startImageStandIn({
      '/wp-content/uploads/2019/05/dam.jpg': serve('image/jpeg', await cameraJpeg(640, 480)),
    });
    t = await startTestApp(dialect, {
      site: true,
      env: {
        REMOTE_FETCH_ALLOW_ADDRESSES: '127.0.0.1',
        REMOTE_FETCH_TIMEOUT_S: '2',
        TIMEZONE: 'Europe/Riga',
      },
    });
    dir = tempDir('wxr');
    file = join(dir, 'export.xml');
    writeFileSync(file, wxr(site.origin, items(site.origin)));
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
    removeTempDir(dir);
  });

  it('a dry run reads everything and changes nothing', async () => {
    const report = await run({ dryRun: true });
    expect(report.articles).toMatchObject({ imported: 10, failed: 0 });
    expect([await count('articles'), await count('media'), await count('redirects')]).toEqual([0, 0, 0]);
  });

  it('imports posts, pages, drafts, the schedule, photos and their details, and reports what it removed', async () => {
    const report = await run();
    expect(report.errors).toEqual([]);
    expect(report.articles).toEqual({ imported: 10, updated: 0, unchanged: 0, failed: 0 });
    expect(report.comments.counted).toBe(2);
    expect(report.htmlRemoved).toMatchObject({ script: 1, iframe: 1, tracker: 1, title_markup: 1 });
    expect(report.htmlRemoved.event_handler).toBeGreaterThanOrEqual(2);
    expect(report.shortcodes).toMatchObject({ caption: 1, gallery: 1, embed: 1, unknown_widget: 1 });
    expect(report.imagesMissing.map((m) => m.url)).toEqual([`${site.origin}/wp-content/uploads/gone.jpg`]);
    expect(report.media.imported).toBe(1);
    expect(report.slugsChanged).toEqual([{ id: 'post:7', from: 'the-dam', to: 'the-dam-2' }]);
    expect(report.notes).toContain('1 private posts were imported as drafts');

    const dam = (await t.services.articles.findBySlug('the-dam'))!;
    expect(dam.status).toBe('published');
    expect(dam.publishedAt).toBe('2019-05-02T11:30:00.000Z');
    expect(dam.standfirst).toBe('Engineers say the dam will hold.');
    expect(dam.authors.map((a) => [a.name, a.slug])).toEqual([['Jane Roe', 'jane']]);
    expect(dam.tags.map((g) => [g.slug, g.isSection]).sort()).toEqual([
      ['dams', false],
      ['news', true],
    ]);
    const hero = (await t.services.media.getMany([dam.heroMediaId!]))[0]!;
    expect([hero.alt, hero.caption, hero.credit]).toEqual(['A concrete dam', 'The dam at dawn', 'Jane Roe']);
    const blocks = dam.body.content as Array<{ type: string; attrs?: Record<string, unknown> }>;
    const figures = blocks.filter((b) => b.type === 'figure');
    expect(figures.length).toBe(2); // the caption's figure and the gallery's reachable photo
    expect(figures[0]!.attrs).toMatchObject({ media_id: hero.id, caption: 'The dam at dawn' });
    expect(blocks.filter((b) => b.type === 'embed').map((b) => b.attrs!.provider)).toEqual(['youtube']);
    expect(dam.bodyText).toContain('Kept words');
    expect(dam.bodyText).not.toContain('tracked');
    expect(JSON.stringify(dam.body)).not.toMatch(/onclick|stats\.wp\.com|ads\.example/);

    const blocksPost = (await t.services.articles.findBySlug('blocks'))!;
    const types = (blocksPost.body.content as Array<{ type: string }>).map((b) => b.type);
    expect(types).toEqual(['paragraph', 'figure', 'embed']);

    const all = await t.services.articles.list({ limit: 50 });
    const byTitle = new Map(all.items.map((a) => [a.title, a]));
    expect(byTitle.get('An undated draft')).toMatchObject({ status: 'draft', slug: 'an-undated-draft' });
    expect(byTitle.get('Coming later')).toMatchObject({
      status: 'scheduled',
      publishedAt: '2100-01-01T09:00:00.000Z',
    });
    expect(byTitle.get('Members only')!.status).toBe('draft');
    expect(byTitle.get('About us')!.tags.map((g) => g.slug)).toEqual(['pages']);
    expect(byTitle.get('Budget cuts & more')!.slug).toBe('budget');
    expect([...byTitle.keys()].some((k) => k.startsWith('A post whose author forgot'))).toBe(true);
    expect(byTitle.get('Плотина выстояла')).toMatchObject({ language: 'ru', slug: 'plotina' });
  });

  it('answers the old addresses with a 301 to the new one', async () => {
    const expectRedirect = async (path: string, to: string) => {
      const res = await t.fetch(path, { redirect: 'manual' });
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location'), path).toBe(to);
    };
    await expectRedirect('/?p=1', '/articles/the-dam');
    await expectRedirect('/2019/05/02/the-dam/', '/articles/the-dam');
    await expectRedirect('/2019/05/02/the-dam?utm_source=x', '/articles/the-dam');
    await expectRedirect('/?page_id=6', '/articles/about');
    await expectRedirect('/about/', '/articles/about');
    expect((await t.fetch('/no-such-old-page/', { redirect: 'manual' })).status).toBe(404);
    expect((await t.fetch('/?p=999', { redirect: 'manual' })).status).toBe(200);
  });

  it('the newsroom edits, removes and exports the imported redirects (Admin API)', async () => {
    const editor = await t.key('editor');
    const api = (path: string, init: RequestInit = {}) =>
      t.fetch(`/api/admin/v1${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${editor}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
    const listed = (await (await api('/redirects?q=the-dam')).json()) as {
      redirects: Array<{ path: string; target: string; origin: string }>;
      total: number;
    };
    expect(listed.redirects.map((r) => r.path)).toContain('/2019/05/02/the-dam');
    expect(listed.redirects.every((r) => r.origin === 'import:wordpress')).toBe(true);

    const put = await api('/redirects', {
      method: 'PUT',
      body: JSON.stringify({ path: '/2019/05/02/the-dam/', target: '/articles/blocks' }),
    });
    expect(put.status).toBe(200);
    const moved = await t.fetch('/2019/05/02/the-dam/', { redirect: 'manual' });
    expect(moved.headers.get('location')).toBe('/articles/blocks');
    const removed = await api(`/redirects?path=${encodeURIComponent('/?p=7')}`, { method: 'DELETE' });
    expect(removed.status).toBeLessThan(300);
    expect((await t.fetch('/?p=7', { redirect: 'manual' })).status).not.toBe(301);

    const csv = await api('/redirects.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('path,location,status,origin,article_id');
    expect(lines.some((l) => l.startsWith('/2019/05/02/the-dam,/articles/blocks,301,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('/?p=7,'))).toBe(false);
    expect(lines.length - 1).toBe(await count('redirects'));
  });

  it('a second run changes nothing; a changed item is updated, once', async () => {
    const before = await count('articles');
    const again = await run();
    expect(again.articles).toEqual({ imported: 0, updated: 0, unchanged: 10, failed: 0 });
    expect(await count('articles')).toBe(before);
    const changed = items(site.origin).map((i) =>
      i.id === 2 ? { ...i, title: 'Blocks in the river, revised' } : i,
    );
    writeFileSync(file, wxr(site.origin, changed));
    const third = await run();
    expect(third.articles).toEqual({ imported: 0, updated: 1, unchanged: 9, failed: 0 });
    expect((await t.services.articles.findBySlug('blocks'))!.title).toBe('Blocks in the river, revised');
    expect(await count('articles')).toBe(before);
  });

  it('a truncated file: what came before the break is imported, the break reported', async () => {
    const whole = wxr(site.origin, [
      { id: 100, title: 'Before the break', slug: 'before-break', content: 'Kept.' },
      { id: 101, title: 'After the break', slug: 'after-break', content: 'Lost.' },
    ]);
    const truncated = join(dir, 'truncated.xml');
    writeFileSync(truncated, whole.slice(0, whole.indexOf('After the break') + 5));
    const report = await run({ path: truncated });
    expect(report.fatal).toMatch(/XML/);
    expect(report.articles.imported).toBe(1);
    expect(await t.services.articles.findBySlug('before-break')).toBeDefined();
    expect(await t.services.articles.findBySlug('after-break')).toBeUndefined();
  });

  it('reads an export in windows-1251, and refuses a file of another format clearly', async () => {
    const { default: iconv } = await import('iconv-lite');
    const cp1251 = join(dir, 'cp1251.xml');
    writeFileSync(
      cp1251,
      iconv.encode(
        wxr(site.origin, [{ id: 200, title: 'Новости долины', slug: 'novosti', content: 'Текст статьи.' }], {
          encoding: 'windows-1251',
        }),
        'win1251',
      ),
    );
    const report = await run({ path: cp1251 });
    expect(report.errors).toEqual([]);
    expect((await t.services.articles.findBySlug('novosti'))!.title).toBe('Новости долины');

    const json = join(dir, 'ghost.json');
    writeFileSync(json, '{"db":[]}');
    await expect(run({ path: json })).rejects.toThrow(/not a WordPress export/);
    const odd = join(dir, 'odd.xml');
    writeFileSync(odd, '<?xml version="1.0" encoding="x-klingon"?><rss></rss>');
    await expect(run({ path: odd })).rejects.toThrow(/x-klingon/);
  });
});
