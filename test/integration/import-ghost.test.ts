import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importArchive } from '../../src/cli/commands/import.ts';
import { cameraJpeg } from '../support/image-fixtures.ts';
import { serve, startImageStandIn, type ImageStandIn } from '../support/image-stand-in.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// An import copies photos and writes every article with its follow-ups: on a busy shared machine
// with PostgreSQL that can outlast the default limit (a limit, not a timed assertion).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

// `samizdat import ghost`: a Ghost 5 export with a Lexical post, a mobiledoc post (Ghost 4), a
// page, a newsletter-only post, internal #lang- tags, authors and posts_meta for the feature
// image's alt and caption; __GHOST_URL__ images fetched from a stand-in of the old site.

const quiet = () => new Writable({ write: (_c, _e, done) => done() }) as unknown as NodeJS.WriteStream;

const lexical = {
  root: {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Bold start', format: 1 },
          { type: 'text', text: ' and on.', format: 0 },
        ],
      },
      { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'The river', format: 0 }] },
      {
        type: 'image',
        src: '__GHOST_URL__/content/images/2023/01/river.jpg',
        alt: 'The river',
        caption: 'High water',
      },
      {
        type: 'embed',
        url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
        html: '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
      },
      { type: 'html', html: '<script>alert(1)</script><p>From an HTML card.</p>' },
    ],
  },
};
const mobiledoc = {
  version: '0.3.1',
  atoms: [],
  markups: [['a', ['href', 'https://example.org/source']], ['em']],
  cards: [['image', { src: '__GHOST_URL__/content/images/gone.jpg', caption: 'Lost' }]],
  sections: [
    [
      1,
      'p',
      [
        [0, [], 0, 'Plain, then '],
        [0, [0], 1, 'a link'],
        [0, [1], 1, ' and emphasis.'],
      ],
    ],
    [10, 0],
    [3, 'ul', [[[0, [], 0, 'one']], [[0, [], 0, 'two']]]],
  ],
};

function exportJson(title = 'Lexical story') {
  return JSON.stringify({
    db: [
      {
        meta: { exported_on: 1700000000000, version: '5.75.0' },
        data: {
          posts: [
            {
              id: 'p1',
              uuid: 'u1',
              title,
              slug: 'lexical-story',
              lexical: JSON.stringify(lexical),
              mobiledoc: null,
              html: null,
              feature_image: '__GHOST_URL__/content/images/2023/01/river.jpg',
              type: 'post',
              status: 'published',
              published_at: '2023-01-10T08:00:00.000Z',
              updated_at: '2023-01-11T08:00:00.000Z',
              custom_excerpt: 'The river rose.',
            },
            {
              id: 'p2',
              uuid: 'u2',
              title: 'Mobiledoc story',
              slug: 'mobiledoc-story',
              mobiledoc: JSON.stringify(mobiledoc),
              lexical: null,
              type: 'post',
              status: 'draft',
              published_at: null,
              updated_at: '2021-03-01T10:00:00.000Z',
            },
            {
              id: 'p3',
              uuid: 'u3',
              title: 'Contact',
              slug: 'contact',
              lexical: JSON.stringify({
                root: {
                  type: 'root',
                  children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Write to us.' }] }],
                },
              }),
              type: 'page',
              status: 'published',
              published_at: '2020-01-01T00:00:00.000Z',
            },
            {
              id: 'p4',
              uuid: 'u4',
              title: 'Newsletter only',
              slug: 'newsletter-only',
              html: '<p>Sent.</p>',
              type: 'post',
              status: 'sent',
            },
            {
              id: 'p5',
              uuid: 'u5',
              title: 'Broken body',
              slug: 'broken',
              lexical: '{"root": [',
              type: 'post',
              status: 'published',
              published_at: '2020-01-01T00:00:00.000Z',
            },
          ],
          posts_meta: [
            {
              id: 'm1',
              post_id: 'p1',
              feature_image_alt: 'Flooded road',
              feature_image_caption: 'Photo: <b>Ivan</b>',
            },
          ],
          tags: [
            { id: 't1', name: 'Floods', slug: 'floods', visibility: 'public' },
            { id: 't2', name: '#lang-ru', slug: 'hash-lang-ru', visibility: 'internal' },
          ],
          posts_tags: [
            { id: 'pt1', post_id: 'p1', tag_id: 't1', sort_order: 0 },
            { id: 'pt2', post_id: 'p2', tag_id: 't2', sort_order: 0 },
          ],
          users: [{ id: 'a1', name: 'Olga Petrova', slug: 'olga', bio: 'Covers the <i>river</i>.' }],
          posts_authors: [
            { id: 'pa1', post_id: 'p1', author_id: 'a1', sort_order: 0 },
            { id: 'pa2', post_id: 'p2', author_id: 'a1', sort_order: 0 },
          ],
        },
      },
    ],
  });
}

describe.each(testDatabases)('samizdat import ghost (%s)', (dialect) => {
  let t: TestApp;
  let site: ImageStandIn;
  let dir: string;
  let file: string;
  const run = (path = file) =>
    importArchive(t.services, { platform: 'ghost', path, siteUrl: site.origin }, quiet()).then(
      (r) => r.report,
    );

  beforeAll(async () => {
    site = await startImageStandIn({
      '/content/images/2023/01/river.jpg': serve('image/jpeg', await cameraJpeg(320, 240)),
    });
    t = await startTestApp(dialect, {
      site: true,
      env: { REMOTE_FETCH_ALLOW_ADDRESSES: '127.0.0.1', REMOTE_FETCH_TIMEOUT_S: '2' },
    });
    dir = tempDir('ghost');
    file = join(dir, 'ghost.json');
    writeFileSync(file, exportJson());
  });
  afterAll(async () => {
    await t?.close();
    await site?.close();
    removeTempDir(dir);
  });

  it('imports Lexical and mobiledoc bodies, authors, tags, the feature image and the language', async () => {
    const report = await run();
    expect(report.articles).toEqual({ imported: 3, updated: 0, unchanged: 0, failed: 1 });
    expect(report.errors.map((e) => e.id)).toEqual(['post:p5']);
    expect(report.skipped.map((s) => s.id)).toEqual(['post:p4']);
    expect(report.htmlRemoved.script).toBe(1);
    expect(report.imagesMissing.map((m) => m.url)).toEqual([`${site.origin}/content/images/gone.jpg`]);

    const lex = (await t.services.articles.findBySlug('lexical-story'))!;
    expect(lex).toMatchObject({
      status: 'published',
      publishedAt: '2023-01-10T08:00:00.000Z',
      standfirst: 'The river rose.',
    });
    expect((lex.body.content as Array<{ type: string }>).map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'figure',
      'embed',
      'paragraph',
    ]);
    expect(lex.authors.map((a) => [a.name, a.slug, a.bio])).toEqual([
      ['Olga Petrova', 'olga', 'Covers the river.'],
    ]);
    expect(lex.tags.map((g) => g.slug)).toEqual(['floods']);
    const hero = (await t.services.media.getMany([lex.heroMediaId!]))[0]!;
    expect([hero.alt, hero.caption]).toEqual(['Flooded road', 'Photo: Ivan']);

    const mob = (await t.services.articles.findBySlug('mobiledoc-story'))!;
    expect(mob).toMatchObject({ status: 'draft', language: 'ru' });
    expect(mob.bodyText).toContain('a link');
    expect((mob.body.content as Array<{ type: string }>).map((b) => b.type)).toEqual([
      'paragraph',
      'bulletList',
    ]);
    expect((await t.services.articles.findBySlug('contact'))!.tags.map((g) => g.slug)).toEqual(['pages']);

    const res = await t.fetch('/lexical-story/', { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([301, '/articles/lexical-story']);
  });

  it('runs again without duplicating, and updates what changed', async () => {
    expect((await run()).articles).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });
    writeFileSync(file, exportJson('Lexical story, corrected'));
    expect((await run()).articles).toMatchObject({ imported: 0, updated: 1, unchanged: 2 });
  });

  it('says so when the JSON is truncated or is not a Ghost export', async () => {
    const whole = exportJson();
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, whole.slice(0, Math.floor(whole.length / 2)));
    await expect(run(cut)).rejects.toThrow(/ends early|not a Ghost export/);
    const xml = join(dir, 'wp.json');
    writeFileSync(xml, '<?xml version="1.0"?><rss></rss>');
    await expect(run(xml)).rejects.toThrow(/not JSON/);
  });
});
