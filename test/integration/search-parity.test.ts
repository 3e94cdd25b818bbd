import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/db/dialect.ts';
import { indexArticle, searchArticles, type SearchOptions } from '../../src/modules/search/index.ts';
import { hostileQueries } from '../support/hostile-queries.ts';
import { syntheticArticleRow, syntheticArticles, syntheticQueries } from '../support/synthetic-articles.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

// The reason the application stems: SQLite and PostgreSQL must find the same articles for the
// same query. Rankings differ (bm25 against ts_rank_cd); the sets of results must not.

// Text where the two databases' own tokenizers disagree unless the application folds first.
const tricky = [
  'Café naïve élan, the ﬁnal report: x² and ½ of a million.',
  'За́мок и замо́к; ёлка, ещё; мой край, мои края.',
  'Visit example.com/path or mail editor@example.org; version 1.5.2, covid-19, 2024-11-27.',
  "O'Brien's journalists don't work state-run newsrooms.",
  'ΛΌΓΟΣ λόγος; हिन्दी समाचार; 記者 ① ⓫',
].map((bodyText, i) => ({
  id: `tricky${i}`,
  language: i === 1 ? 'ru' : i === 4 ? 'el' : 'en',
  title: `Tricky ${i}`,
  standfirst: '',
  bodyText,
  status: 'published' as const,
  publishedAt: new Date(Date.UTC(2026, 5, i + 1)).toISOString(),
}));
const articles = [...syntheticArticles(150, { bodyWords: 60, seed: 3 }), ...tricky];
const trickyQueries = [
  'cafe',
  'CAFÉ',
  'naive',
  'final',
  'x2',
  'замок',
  'елка',
  'мой',
  'мои',
  'example',
  'com',
  'example.com',
  'editor@example.org',
  '1.5.2',
  'covid-19',
  'covid',
  '19',
  '2024',
  "O'Brien",
  'brien',
  'state-run',
  'λογος',
  'ΛΌΓΟΣ',
  'हिन्दी',
  '記者',
  '11',
];

async function allIds(db: TestDb, options: Omit<SearchOptions, 'limit' | 'offset'>): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await searchArticles(db, { ...options, limit: 100, offset });
    out.push(...page.hits.map((h) => h.id));
    if (page.hits.length < 100) {
      expect(out.length).toBe(page.total);
      return out.sort();
    }
  }
}

describe.skipIf(testDatabases.length < 2)('search parity between SQLite and PostgreSQL', () => {
  const dbs = new Map<DialectName, TestDb>();

  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await openTestDb(dialect);
      for (const a of articles) {
        await db.kysely.insertInto('articles').values(syntheticArticleRow(a)).execute();
        await indexArticle(db, a);
      }
      dbs.set(dialect, db);
    }
  });
  afterAll(async () => {
    for (const db of dbs.values()) await db.destroy();
  });

  const queries = [
    ...syntheticQueries(40, 'broad'),
    ...syntheticQueries(40, 'narrow'),
    ...hostileQueries,
    'Журналистами',
    'ёлка',
    'publishing censorship',
    'ZEITUNGEN',
    ...trickyQueries,
  ];

  it.each([{}, { language: 'en' }, { language: 'ru' }, { language: 'de' }, { prefix: true }])(
    'finds the same articles with %j',
    async (options) => {
      let nonEmpty = 0;
      for (const q of queries) {
        const sqlite = await allIds(dbs.get('sqlite')!, { q, ...options });
        const postgres = await allIds(dbs.get('postgres')!, { q, ...options });
        expect(postgres, `query ${JSON.stringify(q.slice(0, 60))}`).toEqual(sqlite);
        if (sqlite.length > 0) nonEmpty++;
      }
      // The comparison means something only if many queries find articles.
      expect(nonEmpty).toBeGreaterThan(options.language ? 2 : 40);
    },
  );
});
