import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Services } from '../../src/container.ts';
import { systemActor } from '../../src/modules/staff/actor.ts';
import { createServices } from '../../src/web/services.ts';
import { tagCreateSchema } from '../../src/modules/tags/index.ts';
import { jobBackendCases } from '../support/job-backends.ts';
import { storedJobs } from '../support/stored-jobs.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

// An importer's batch (articles.batch): many saves in one transaction, each item in a savepoint.
// An item that fails leaves nothing behind (not its article, not its own writes, not its jobs);
// the items around it are kept, with the follow-up jobs each of them would have had alone.

describe.each(jobBackendCases)('an article batch on %s (%s jobs)', (dialect, backend) => {
  let db: TestDb | undefined;
  let services: Services | undefined;
  let dataDir = '';
  afterEach(async () => {
    await services?.close();
    await db?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the items that succeed and undoes, whole, the one that fails', { timeout: 60_000 }, async () => {
    db = await openTestDb(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'article-batch-'));
    const config = loadConfig({
      env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
      cwd: dataDir,
    });
    services = await createServices(config, { db, changeFeed: false, jobBackend: backend });
    const s = services;
    const tag = await s.tags.create(tagCreateSchema.parse({ name: 'Valley', slug: 'valley' }));
    const body = (n: number) => ({
      title: `Dispatch ${n}`,
      slug: `dispatch-${n}`,
      body_html: `<p>Dispatch ${n} from the valley.</p>`,
      tag_ids: [tag.id],
      status: 'published' as const,
    });
    const ids: string[] = [];
    const errors: string[] = [];
    await s.articles.batch(async (batch) => {
      for (const n of [1, 2, 3]) {
        try {
          await batch.item(async () => {
            const { id } = await batch.create(systemActor, body(n));
            ids.push(id);
            // The caller's own write in the item's savepoint, undone with it.
            await batch.trx
              .insertInto('redirects')
              .values({
                path: `/old/${n}`,
                target: `/dispatch-${n}`,
                article_id: id,
                status: 301,
                origin: 'test',
                created_at: new Date().toISOString(),
                updated_at: new Date().toISOString(),
              })
              .execute();
            if (n === 2) throw new Error('the second item fails after its writes');
          });
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
      // A later item may take the slug the failed one had written and lost.
      await batch.item(() => batch.create(systemActor, { ...body(4), slug: 'dispatch-2' }));
    });

    expect(errors).toEqual(['the second item fails after its writes']);
    const articles = await db.kysely.selectFrom('articles').select(['id', 'slug']).orderBy('slug').execute();
    expect(articles.map((a) => a.slug)).toEqual(['dispatch-1', 'dispatch-2', 'dispatch-3']);
    expect(articles.map((a) => a.id)).not.toContain(ids[1]);
    const redirects = await db.kysely.selectFrom('redirects').select('path').orderBy('path').execute();
    expect(redirects.map((r) => r.path)).toEqual(['/old/1', '/old/3']);
    const tagged = await db.kysely.selectFrom('article_tags').select('article_id').execute();
    expect(tagged).toHaveLength(3);
    const revisions = await db.kysely.selectFrom('article_revisions').select('article_id').execute();
    expect(new Set(revisions.map((r) => r.article_id))).toEqual(new Set(articles.map((a) => a.id)));

    // The follow-ups of the three kept articles, one of each, and none for the undone one.
    const jobs = await storedJobs(db, backend);
    for (const a of articles) {
      const keys = jobs.filter((j) => j.key?.includes(a.id)).map((j) => j.task);
      expect(keys).toEqual(expect.arrayContaining(['search.index-article', 'related.compute']));
    }
    expect(jobs.filter((j) => j.key?.includes(ids[1]!))).toEqual([]);
    const perKey = new Map<string, number>();
    for (const j of jobs) if (j.key) perKey.set(j.key, (perKey.get(j.key) ?? 0) + 1);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps nothing when the batch itself throws', { timeout: 60_000 }, async () => {
    db = await openTestDb(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'article-batch-'));
    const config = loadConfig({
      env: { DATA_DIR: dataDir, SITE_URL: 'https://news.example', LOG_LEVEL: 'silent' },
      cwd: dataDir,
    });
    services = await createServices(config, { db, changeFeed: false, jobBackend: backend });
    const s = services;
    await expect(
      s.articles.batch(async (batch) => {
        await batch.item(() => batch.create(systemActor, { title: 'Kept only if all is', slug: 'kept' }));
        throw new Error('the importer stopped');
      }),
    ).rejects.toThrow('the importer stopped');
    expect(await db.kysely.selectFrom('articles').select('id').execute()).toEqual([]);
    expect(await storedJobs(db, backend)).toEqual([]);
  });
});
