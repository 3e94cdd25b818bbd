import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importArchive } from '../../src/cli/commands/import.ts';
import { removeTempDir, tempDir } from '../support/temp-dir.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// An import copies photos and writes every article with its follow-ups: on a busy shared machine
// with PostgreSQL that can outlast the default limit (a limit, not a timed assertion).
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

// `samizdat import substack`: posts.csv and posts/<post_id>.html, as a folder and as the zip.

const quiet = () => new Writable({ write: (_c, _e, done) => done() }) as unknown as NodeJS.WriteStream;

const CSV = [
  'post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url',
  '1001.first-letter,2022-03-01T09:00:00.000Z,true,2022-03-01T09:00:00.000Z,,newsletter,everyone,First letter,"Why we write, again",',
  '1002.unsent,2022-04-01T09:00:00.000Z,false,,,newsletter,everyone,Unsent draft,,',
  '1003.no-body,2022-05-01T09:00:00.000Z,true,,,newsletter,only_paid,No body,,',
].join('\n');
const BODIES: Record<string, string> = {
  'posts/1001.first-letter.html':
    '<p>Dear readers,</p><img src="https://x.substackcdn.com/open?token=abc" width="1" height="1"><p>We are back.</p>',
  'posts/1002.unsent.html': '<p>Not yet.</p>',
};

describe.each(testDatabases)('samizdat import substack (%s)', (dialect) => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true });
    dir = tempDir('substack');
    mkdirSync(join(dir, 'export', 'posts'), { recursive: true });
    writeFileSync(join(dir, 'export', 'posts.csv'), CSV);
    for (const [name, html] of Object.entries(BODIES)) writeFileSync(join(dir, 'export', name), html);
    const files: Record<string, Uint8Array> = { 'posts.csv': strToU8(CSV) };
    for (const [name, html] of Object.entries(BODIES)) files[name] = strToU8(html);
    writeFileSync(join(dir, 'export.zip'), zipSync(files));
  });
  afterAll(async () => {
    await t?.close();
    removeTempDir(dir);
  });

  it('imports the folder: published and draft posts, /p/slug redirects, a missing body reported', async () => {
    const { report } = await importArchive(
      t.services,
      { platform: 'substack', path: join(dir, 'export') },
      quiet(),
    );
    expect(report.articles).toEqual({ imported: 2, updated: 0, unchanged: 0, failed: 1 });
    expect(report.errors[0]!.message).toMatch(/1003\.no-body\.html is missing/);
    expect(report.htmlRemoved.tracker).toBe(1);
    const first = (await t.services.articles.findBySlug('first-letter'))!;
    expect(first).toMatchObject({
      status: 'published',
      publishedAt: '2022-03-01T09:00:00.000Z',
      standfirst: 'Why we write, again',
    });
    expect((await t.services.articles.findBySlug('unsent'))!.status).toBe('draft');
    const res = await t.fetch('/p/first-letter', { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([301, '/articles/first-letter']);
  });

  it('the zip of the same export changes nothing (matched by post id)', async () => {
    const { report } = await importArchive(
      t.services,
      { platform: 'substack', path: join(dir, 'export.zip') },
      quiet(),
    );
    expect(report.articles).toEqual({ imported: 0, updated: 0, unchanged: 2, failed: 1 });
  });
});
