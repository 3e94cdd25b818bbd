import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as relatedMigration } from '../../src/db/migrations/2026-11-27T1100-related.ts';
import {
  computeRelated,
  relatedArticleIds,
  refreshTermStats,
  storeRelated,
  termVector,
  type RelatedEntry,
} from '../../src/modules/related/index.ts';
import { documentFrequencies, termSample } from '../../src/modules/related/term-stats.ts';
import { indexArticle, removeFromIndex } from '../../src/modules/search/index.ts';
import { CORPUS, loadCorpus } from '../support/related-corpus.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

const byId = new Map(CORPUS.map((a) => [a.id, a]));
const subject = (id: string) => id.split('-').slice(0, 2).join('-'); // 'en-river', 'ru-grain', ...

describe.each(testDatabases)('related articles on %s', (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await relatedMigration(db.kysely, db.dialect); // until the migration is registered
    await loadCorpus(db, CORPUS);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it('gives a river-pollution story the other river-pollution stories first', async () => {
    const list = await computeRelated(db, 'en-river-factory');
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(
      list
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['en-river-court', 'en-river-fish']);
    expect(list[0]!.score).toBeGreaterThanOrEqual(list[1]!.score);
  });

  it('keeps each subject together, in English and in Russian', async () => {
    for (const id of ['en-grain-prices', 'en-press-blocked', 'ru-river-fish']) {
      const first = (await computeRelated(db, id))[0];
      expect(first && subject(first.id), id).toBe(subject(id));
    }
  });

  it('never lists the article itself, a draft, a scheduled article or another language', async () => {
    for (const article of CORPUS.filter((a) => a.status === 'published')) {
      const list = await computeRelated(db, article.id, { limit: 20 });
      for (const r of list) {
        const related = byId.get(r.id)!;
        expect(r.id).not.toBe(article.id);
        expect(related.status, `${article.id} → ${r.id}`).toBe('published');
        expect(related.language, `${article.id} → ${r.id}`).toBe(article.language);
      }
    }
    // The draft and the scheduled story are the closest matches of all, yet absent.
    const ids = (await computeRelated(db, 'en-river-factory', { limit: 20 })).map((r) => r.id);
    expect(ids).not.toContain('en-river-draft');
    expect(ids).not.toContain('en-river-scheduled');
  });

  it('computes nothing for an article that is not published or does not exist', async () => {
    expect(await computeRelated(db, 'en-river-draft')).toEqual([]);
    expect(await computeRelated(db, 'no-such-article')).toEqual([]);
  });

  it('reads an article that is not in the search index yet from its text', async () => {
    // Read more and indexing are separate jobs: either may run first.
    const article = byId.get('en-river-court')!;
    const indexed = (await computeRelated(db, article.id, { limit: 10 })).map((r) => r.id);
    await removeFromIndex(db, article.id);
    try {
      const ids = (await computeRelated(db, article.id, { limit: 10 })).map((r) => r.id);
      expect(ids.slice(0, 2).sort()).toEqual(['en-river-factory', 'en-river-fish']);
      expect(ids).toEqual(indexed);
    } finally {
      await indexArticle(db, { ...article, bodyText: article.body });
    }
  });

  it('lets shared tags decide between two copies of the same story', async () => {
    // Identical text and date; the untagged copy would win on id alone.
    const ids = (await computeRelated(db, 'en-press-detained', { limit: 10 })).map((r) => r.id);
    expect(ids.indexOf('en-press-wire-b')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('en-press-wire-b')).toBeLessThan(ids.indexOf('en-press-wire-a'));
  });

  it('gives the same list every time', async () => {
    const first = await computeRelated(db, 'en-grain-export');
    for (let i = 0; i < 3; i++) expect(await computeRelated(db, 'en-grain-export')).toEqual(first);
  });

  it('stores a list idempotently and reads it back in order, published articles only', async () => {
    const list = await computeRelated(db, 'en-river-factory');
    expect(await storeRelated(db, 'en-river-factory', list)).toBe(true);
    expect(await storeRelated(db, 'en-river-factory', list)).toBe(false);
    const rows = await db.kysely
      .selectFrom('related_articles')
      .select(['related_id', 'position'])
      .where('article_id', '=', 'en-river-factory')
      .orderBy('position')
      .execute();
    expect(rows.map((r) => r.related_id)).toEqual(list.map((r) => r.id));
    expect(await relatedArticleIds(db, 'en-river-factory')).toEqual(list.map((r) => r.id));
    expect(await relatedArticleIds(db, 'en-river-factory', 1)).toEqual([list[0]!.id]);

    // Unpublishing a related article removes it from what readers see at once, without recomputing.
    const gone = list[0]!.id;
    await db.kysely.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', gone).execute();
    try {
      const shown = await relatedArticleIds(db, 'en-river-factory');
      expect(shown).not.toContain(gone);
      expect(shown).toEqual(list.map((r) => r.id).filter((id) => id !== gone));
    } finally {
      await db.kysely.updateTable('articles').set({ status: 'published' }).where('id', '=', gone).execute();
    }
  });

  it('counts document frequencies over the index and recounts when the archive changes', async () => {
    const now = new Date();
    const sample = await refreshTermStats(db, { force: true, now });
    expect(sample).toEqual({ documents: CORPUS.length, sampled: CORPUS.length });
    expect(await termSample(db, new Date(now.getTime() + 1_000))).toEqual(sample); // unchanged: kept
    const river = await documentFrequencies(db, termVector(['river'], ['pollut', 'zzzunknown']));
    // Every article that mentions a river in English, drafts and the Russian one quoting English too.
    const expected = CORPUS.filter((a) => /river/i.test(`${a.title} ${a.standfirst} ${a.body}`)).length;
    expect(river.frequencies.get('river')).toBe(expected);
    expect(river.frequencies.get('zzzunknown')).toBe(0);

    await loadCorpus(db, [{ ...byId.get('en-grain-prices')!, id: 'en-grain-extra', status: 'draft' }]);
    try {
      // A small archive is checked on every computation: an import's first articles must not
      // leave a sample of one document in place for a minute.
      expect(await termSample(db, new Date(now.getTime() + 1_000))).toEqual({
        documents: CORPUS.length + 1,
        sampled: CORPUS.length + 1,
      });
    } finally {
      await db.kysely.deleteFrom('articles').where('id', '=', 'en-grain-extra').execute();
    }
  });

  it('replaces a stored list entirely, and an empty list clears it', async () => {
    const other: RelatedEntry[] = [{ id: 'en-grain-prices', score: 0.5 }];
    expect(await storeRelated(db, 'en-grain-export', other)).toBe(true);
    expect(await relatedArticleIds(db, 'en-grain-export')).toEqual(['en-grain-prices']);
    expect(await storeRelated(db, 'en-grain-export', [])).toBe(true);
    expect(await relatedArticleIds(db, 'en-grain-export')).toEqual([]);
  });
});
