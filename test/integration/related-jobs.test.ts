import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobQueue, type JobQueue } from '../../src/adapters/jobs/index.ts';
import { up as relatedMigration } from '../../src/db/migrations/2026-11-27T1100-related.ts';
import {
  refreshRelated,
  relatedArticleIds,
  listsContaining,
  relatedJobKey,
  relatedJobs,
  HOLDERS_TO_REFRESH,
  storeRelated,
  RELATED_COMPUTE_TASK,
} from '../../src/modules/related/index.ts';
import { CORPUS, LATE_RIVER_STORY, loadCorpus, publishedAt } from '../support/related-corpus.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

describe.each(testDatabases)('related-article jobs on %s', (dialect) => {
  let db: TestDb;
  let queue: JobQueue;
  const changed: string[][] = [];

  async function storedList(id: string) {
    return db.kysely
      .selectFrom('related_articles')
      .select(['related_id', 'position', 'score'])
      .where('article_id', '=', id)
      .orderBy('position')
      .execute();
  }

  async function setStatus(id: string, status: 'published' | 'unpublished', at: string | null = null) {
    await db.kysely
      .updateTable('articles')
      .set({ status, ...(at ? { published_at: at } : {}) })
      .where('id', '=', id)
      .execute();
    await refreshLater(id);
    await queue.runUntilIdle!();
  }

  /** What the articles module enqueues with every change to an article. */
  async function refreshLater(articleId: string) {
    await queue.enqueue(RELATED_COMPUTE_TASK, { articleId }, { key: relatedJobKey(articleId) });
  }

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await relatedMigration(db.kysely, db.dialect); // until the migration is registered
    await loadCorpus(db, [...CORPUS, LATE_RIVER_STORY]);
    queue = createJobQueue(db, relatedJobs({ db, onChanged: (ids) => void changed.push(ids) }), {
      backend: 'embedded',
    });
    // What publishing the archive would have queued, one article at a time.
    for (const a of CORPUS) await refreshLater(a.id);
    await queue.runUntilIdle!();
  });

  afterAll(async () => {
    await queue?.stop();
    await db?.destroy();
  });

  it('stores a list for every published article once the jobs have run', async () => {
    expect(queue.tasks).toContain(RELATED_COMPUTE_TASK);
    const list = await relatedArticleIds(db, 'en-river-factory');
    expect(list.slice(0, 2).sort()).toEqual(['en-river-court', 'en-river-fish']);
    expect(list).not.toContain('en-river-late'); // still a draft
    expect(await storedList('en-river-draft')).toEqual([]);
    expect(changed.flat()).toContain('en-river-factory');
    expect(await queue.failed()).toEqual([]);
  });

  it('stores the same lists when a job runs again', async () => {
    const before = await Promise.all(CORPUS.map((a) => storedList(a.id)));
    changed.length = 0;
    await refreshLater('en-river-fish');
    await queue.runUntilIdle!();
    expect((await refreshRelated(db, 'en-river-fish')).changed).toEqual([]);
    expect(await Promise.all(CORPUS.map((a) => storedList(a.id)))).toEqual(before);
    expect(changed).toEqual([]); // nothing changed, no page to invalidate
  });

  it('puts a newly published story into the older stories about the same river', async () => {
    changed.length = 0;
    expect(await relatedArticleIds(db, 'en-river-factory')).not.toContain('en-river-late');
    await setStatus('en-river-late', 'published', publishedAt({ ...LATE_RIVER_STORY, status: 'published' }));
    expect(await relatedArticleIds(db, 'en-river-late')).toContain('en-river-factory');
    expect(await relatedArticleIds(db, 'en-river-factory')).toContain('en-river-late');
    expect(changed.flat()).toEqual(expect.arrayContaining(['en-river-late', 'en-river-factory']));
  });

  it('replaces an unpublished story in the lists that held it, and clears its own list', async () => {
    const holders = (
      await db.kysely
        .selectFrom('related_articles')
        .select('article_id')
        .where('related_id', '=', 'en-river-fish')
        .execute()
    ).map((r) => r.article_id);
    expect(holders).toContain('en-river-factory');
    changed.length = 0;
    await setStatus('en-river-fish', 'unpublished');
    const remaining = await db.kysely
      .selectFrom('related_articles')
      .select('article_id')
      .where('related_id', '=', 'en-river-fish')
      .execute();
    expect(remaining).toEqual([]);
    expect(await storedList('en-river-fish')).toEqual([]);
    expect(await relatedArticleIds(db, 'en-river-factory')).toContain('en-river-court');
    expect(changed.flat()).toEqual(expect.arrayContaining(['en-river-fish', ...holders]));

    // Published again: back in the river stories' lists.
    await setStatus('en-river-fish', 'published');
    expect(await relatedArticleIds(db, 'en-river-factory')).toContain('en-river-fish');
  });

  it('reports every list it recomputed when an earlier attempt failed to report', async () => {
    const reports: string[][] = [];
    const flaky = createJobQueue(
      db,
      relatedJobs({
        db,
        onChanged: (ids) => {
          reports.push(ids);
          if (reports.length === 1) throw new Error('page cache unavailable');
        },
      }),
      { backend: 'embedded', embedded: { retryDelay: () => 0 } },
    );
    await db.kysely
      .updateTable('articles')
      .set({ title: 'Grain prices fall' })
      .where('id', '=', 'en-grain-prices')
      .execute();
    await storeRelated(db, 'en-grain-prices', []); // as if its list had been stale
    await flaky.enqueue(RELATED_COMPUTE_TASK, { articleId: 'en-grain-prices' });
    await flaky.runUntilIdle!();
    await flaky.runUntilIdle!();
    expect(reports[0]).toEqual(['en-grain-prices']);
    expect(reports[1]).toEqual(expect.arrayContaining(['en-grain-prices', 'en-grain-export']));
    expect(await flaky.failed()).toEqual([]);
  });

  it('lets a deleted article go from every list that held it, and refills those lists', async () => {
    changed.length = 0;
    const holders = await listsContaining(db, 'en-grain-farmers', 50);
    expect(holders.length).toBeGreaterThan(0);
    // More lists hold it than one job recomputes (the first 20 by id): the rest must let it go too.
    const extra = Array.from(
      { length: HOLDERS_TO_REFRESH },
      (_, i) => `zz-extra-${String(i).padStart(2, '0')}`,
    );
    await loadCorpus(
      db,
      extra.map((id) => ({ ...LATE_RIVER_STORY, id, title: `Draft ${id}`, tags: [] })),
    );
    for (const id of extra) {
      await db.kysely
        .insertInto('related_articles')
        .values({ article_id: id, related_id: 'en-grain-farmers', position: 0, score: 0.5 })
        .execute();
    }
    // The articles module deletes only its own row: the rows listing it stay for this job.
    await db.kysely.deleteFrom('articles').where('id', '=', 'en-grain-farmers').execute();
    expect(await listsContaining(db, 'en-grain-farmers', 50)).toHaveLength(holders.length + extra.length);
    await refreshLater('en-grain-farmers');
    await queue.runUntilIdle!();
    expect(await queue.failed()).toEqual([]);
    expect(await listsContaining(db, 'en-grain-farmers', 50)).toEqual([]);
    for (const holder of holders) {
      expect((await storedList(holder)).map((r) => r.related_id)).not.toContain('en-grain-farmers');
    }
    // Recomputed, not just trimmed: each holder's list was stored anew (and its page invalidated).
    expect(changed.flat()).toEqual(expect.arrayContaining(holders));
    expect(await relatedArticleIds(db, 'en-grain-prices')).not.toContain('en-grain-farmers');
  });
});
