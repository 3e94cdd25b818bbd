import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importArchive } from '../../src/cli/commands/import.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { wxr, type WxrItem } from '../support/wxr-fixtures.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

// A re-import after the old site changed posts' status: what was taken back to draft, made private
// or trashed there is taken down here (its address answers 410), what was published or
// rescheduled there is here too; a third run changes nothing. Real app, real HTTP.

const quiet = () => new Writable({ write: (_c, _e, done) => done() }) as unknown as NodeJS.WriteStream;
const SITE = 'https://old.example';

const post = (id: number, status: string, date = '2019-05-02 10:00:00'): WxrItem => ({
  id,
  status,
  title: `Post ${id}`,
  slug: `post-${id}`,
  date,
  dateGmt: date,
  content: `<p>Body of post ${id}.</p>`,
});

describe.each(testDatabases)('a re-import follows the source’s status (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;
  let file: string;
  const run = (items: WxrItem[]) => {
    writeFileSync(file, wxr(SITE, items));
    return importArchive(t.services, { platform: 'wordpress', path: file, download: false }, quiet()).then(
      (r) => r.report,
    );
  };
  const status = async (n: number) => (await t.services.articles.findBySlug(`post-${n}`))?.status;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    dir = tempDir('wxr-status');
    file = join(dir, 'export.xml');
  });
  afterAll(async () => {
    await t?.close();
    removeTempDir(dir);
  });

  it('takes down, publishes and reschedules as the source did, once', async () => {
    const first = await run([
      post(1, 'publish'),
      post(2, 'publish'),
      post(3, 'publish'),
      post(4, 'future', '2100-01-01 09:00:00'),
      post(5, 'draft'),
      post(6, 'trash'),
    ]);
    expect(first.articles).toEqual({ imported: 5, updated: 0, unchanged: 0, failed: 0 });
    expect(first.skipped).toEqual([
      { id: 'post:6', title: 'Post 6', reason: 'in the trash on the old site' },
    ]);
    expect(await Promise.all([1, 2, 3, 4, 5].map(status))).toEqual([
      'published',
      'published',
      'published',
      'scheduled',
      'draft',
    ]);
    expect(await status(6)).toBeUndefined();
    expect((await t.fetch('/articles/post-3')).status).toBe(200);

    const changed = [
      post(1, 'draft'),
      post(2, 'private'),
      post(3, 'trash'),
      post(4, 'publish', '2019-06-01 09:00:00'),
      post(5, 'publish'),
      post(6, 'trash'),
    ];
    const second = await run(changed);
    expect(second.articles).toEqual({ imported: 0, updated: 5, unchanged: 0, failed: 0 });
    expect(second.statusChanged.map((c) => [c.id, c.from, c.to])).toEqual([
      ['post:1', 'published', 'unpublished'],
      ['post:2', 'published', 'unpublished'],
      ['post:3', 'published', 'unpublished'],
      ['post:4', 'scheduled', 'published'],
      ['post:5', 'draft', 'published'],
    ]);
    expect(await Promise.all([1, 2, 3, 4, 5].map(status))).toEqual([
      'unpublished',
      'unpublished',
      'unpublished',
      'published',
      'published',
    ]);
    // Taken down: the address answers 410, and so does the old one's redirect target.
    expect((await t.fetch('/articles/post-3')).status).toBe(410);
    expect((await t.fetch('/articles/post-5')).status).toBe(200);
    const four = (await t.services.articles.findBySlug('post-4'))!;
    expect(four.publishedAt).toBe('2019-06-01T09:00:00.000Z');
    // The trashed post kept its words: only its status followed the source.
    const three = (await t.services.articles.get((await t.services.articles.findBySlug('post-3'))!.id))!;
    expect(JSON.stringify(three.body)).toContain('Body of post 3.');

    const third = await run(changed);
    expect(third.articles).toEqual({ imported: 0, updated: 0, unchanged: 5, failed: 0 });
    expect(third.statusChanged).toEqual([]);

    // Back from the trash: published again.
    const fourth = await run([...changed.slice(0, 2), post(3, 'publish'), ...changed.slice(3)]);
    expect(fourth.statusChanged.map((c) => [c.id, c.to])).toEqual([['post:3', 'published']]);
    expect(await status(3)).toBe('published');
    expect((await t.fetch('/articles/post-3')).status).toBe(200);
  });
});
