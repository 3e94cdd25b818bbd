import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleStatus } from '../../src/db/schema.ts';
import { indexArticle, removeFromIndex, searchArticles } from '../../src/modules/search/index.ts';
import { hostileQueries } from '../support/hostile-queries.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

interface Fixture {
  id: string;
  language: string;
  status: ArticleStatus;
  title: string;
  standfirst?: string;
  body: string;
  day: number;
}

const fixtures: Fixture[] = [
  {
    id: 'en-title',
    language: 'en',
    status: 'published',
    title: 'Publishing under pressure',
    body: 'How an exiled newsroom keeps going when its site is blocked at home.',
    day: 1,
  },
  {
    id: 'en-body',
    language: 'en',
    status: 'published',
    title: 'Floods in the south',
    body: 'The regional paper published photographs of the damage before the authorities did.',
    day: 2,
  },
  {
    id: 'en-draft',
    language: 'en',
    status: 'draft',
    title: 'Publishing secrets of the ministry',
    body: 'Not ready: journalists are still checking the documents.',
    day: 3,
  },
  {
    id: 'en-scheduled',
    language: 'en',
    status: 'scheduled',
    title: 'Journalists publish the leak tomorrow',
    body: 'Embargoed until the morning.',
    day: 4,
  },
  {
    id: 'ru-title',
    language: 'ru',
    status: 'published',
    title: 'Журналисты под давлением',
    standfirst: 'Как работают редакции в изгнании.',
    body: 'Власти преследуют независимых репортёров, а редакция продолжает работу из Риги.',
    day: 5,
  },
  {
    id: 'ru-body',
    language: 'ru',
    status: 'published',
    title: 'Экономика войны',
    body: 'Бюджет растёт. Об этом рассказал журналист, пожелавший остаться неизвестным. Reporters Without Borders publishing data.',
    day: 6,
  },
  {
    id: 'ru-draft',
    language: 'ru',
    status: 'draft',
    title: 'Черновик',
    body: 'Разговор с журналистами, который ещё не вычитан.',
    day: 7,
  },
  {
    id: 'de-plain',
    language: 'de',
    status: 'published',
    title: 'Zeitungen unter Druck',
    body: 'Die Zeitungen berichten trotz Zensur.',
    day: 8,
  },
];

const page = { limit: 20, offset: 0 };
const ids = (r: { hits: Array<{ id: string }> }) => r.hits.map((h) => h.id);

async function insertArticle(db: TestDb, f: Fixture): Promise<void> {
  const at = new Date(Date.UTC(2026, 10, f.day)).toISOString();
  await db.kysely
    .insertInto('articles')
    .values({
      id: f.id,
      slug: f.id,
      language: f.language,
      title: f.title,
      standfirst: f.standfirst ?? '',
      body: '{"type":"doc","content":[]}',
      body_text: f.body,
      status: f.status,
      published_at: f.status === 'draft' ? null : at,
      created_at: at,
      updated_at: at,
      seo_title: '',
      seo_description: '',
      version: 1,
    })
    .execute();
}

async function indexFixture(db: TestDb, f: Fixture): Promise<void> {
  await indexArticle(db, {
    id: f.id,
    language: f.language,
    title: f.title,
    standfirst: f.standfirst ?? '',
    bodyText: f.body,
  });
}

describe.each(testDatabases)('search index on %s', (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    for (const f of fixtures) {
      await insertArticle(db, f);
      await indexFixture(db, f);
    }
  });
  afterAll(async () => db?.destroy());

  it('finds English inflections and ranks a title match above a body-only match', async () => {
    for (const q of ['publishing', 'Published', 'publishes']) {
      const result = await searchArticles(db, { q, language: 'en', ...page });
      expect(ids(result)).toEqual(['en-title', 'en-body']);
      expect(result.hits[0]!.rank).toBeGreaterThan(result.hits[1]!.rank);
    }
    // Without a language the Russian article quoting "publishing" is found too, below the title.
    const all = await searchArticles(db, { q: 'publishing', ...page });
    expect(ids(all)[0]).toBe('en-title');
    expect(ids(all).sort()).toEqual(['en-body', 'en-title', 'ru-body']);
  });

  it('finds Russian inflections, folding ё, and ranks the title match first', async () => {
    for (const q of ['журналист', 'журналистами', 'Журналистов']) {
      expect(ids(await searchArticles(db, { q, ...page }))).toEqual(['ru-title', 'ru-body']);
    }
    expect(ids(await searchArticles(db, { q: 'репортеров', ...page }))).toEqual(['ru-title']);
    expect(ids(await searchArticles(db, { q: 'редакции изгнании', ...page }))).toEqual(['ru-title']);
  });

  it('requires every word to match', async () => {
    expect(ids(await searchArticles(db, { q: 'journalist pressure', ...page }))).toEqual([]);
    expect(ids(await searchArticles(db, { q: 'бюджет журналист', ...page }))).toEqual(['ru-body']);
  });

  it('never returns drafts or scheduled articles', async () => {
    const all = await searchArticles(db, { q: 'journalists', ...page });
    expect(ids(all)).toEqual([]);
    expect(ids(await searchArticles(db, { q: 'черновик', ...page }))).toEqual([]);
    expect(ids(await searchArticles(db, { q: 'secrets ministry', ...page }))).toEqual([]);
  });

  it('filters by language and stems in that language', async () => {
    const q = 'publishing';
    expect(ids(await searchArticles(db, { q, language: 'en', ...page }))).toEqual(['en-title', 'en-body']);
    expect(ids(await searchArticles(db, { q, language: 'ru', ...page }))).toEqual(['ru-body']);
    expect(ids(await searchArticles(db, { q, language: 'de', ...page }))).toEqual([]);
    // Unstemmed languages are found by their folded words, with or without the filter.
    expect(ids(await searchArticles(db, { q: 'ZEITUNGEN', ...page }))).toEqual(['de-plain']);
    expect(ids(await searchArticles(db, { q: 'zeitungen', language: 'de', ...page }))).toEqual(['de-plain']);
    expect(ids(await searchArticles(db, { q: 'zeitung', language: 'de', ...page }))).toEqual([]);
  });

  it('matches the last word as a prefix only when asked', async () => {
    expect(ids(await searchArticles(db, { q: 'photog', ...page }))).toEqual([]);
    expect(ids(await searchArticles(db, { q: 'photog', prefix: true, ...page }))).toEqual(['en-body']);
    expect(ids(await searchArticles(db, { q: 'журн', prefix: true, ...page }))).toEqual([
      'ru-title',
      'ru-body',
    ]);
  });

  it('answers every hostile query with results or an empty list', async () => {
    for (const q of hostileQueries) {
      for (const options of [{}, { language: 'en' }, { language: 'ru', prefix: true }]) {
        const result = await searchArticles(db, { q, ...options, ...page });
        expect(result.total).toBe(result.hits.length);
        for (const hit of result.hits) expect(['published']).toContain(statusOf(hit.id));
      }
    }
    expect(ids(await searchArticles(db, { q: "'; DROP TABLE articles; --", ...page }))).toEqual([]);
    expect(ids(await searchArticles(db, { q: 'war AND (publishing', ...page }))).toEqual([]);
    expect(ids(await searchArticles(db, { q: '"publishing" -pressure*', ...page }))).toEqual(['en-title']);
    // The articles table survived all of it.
    expect((await db.kysely.selectFrom('articles').select('id').execute()).length).toBe(fixtures.length);
  });

  it('pages through results with the right total', async () => {
    const q = 'publishing';
    const everything = await searchArticles(db, { q, limit: 100, offset: 0 });
    expect(everything.total).toBe(3);
    const first = await searchArticles(db, { q, limit: 2, offset: 0 });
    const second = await searchArticles(db, { q, limit: 2, offset: 2 });
    const beyond = await searchArticles(db, { q, limit: 2, offset: 10 });
    expect([first.total, second.total, beyond.total]).toEqual([3, 3, 3]);
    expect([...ids(first), ...ids(second)]).toEqual(ids(everything));
    expect(first.hits).toHaveLength(2);
    expect(beyond.hits).toEqual([]);
    expect(typeof first.total).toBe('number');
    expect(typeof first.hits[0]!.rank).toBe('number');
  });

  it('replaces on re-index, forgets on remove and when the article is deleted', async () => {
    const f = fixtures.find((x) => x.id === 'en-body')!;
    await indexFixture(db, { ...f, title: 'Drought in the north', body: 'Wells run dry across the region.' });
    expect(ids(await searchArticles(db, { q: 'photographs', ...page }))).toEqual([]);
    expect(ids(await searchArticles(db, { q: 'drought', ...page }))).toEqual(['en-body']);
    await indexFixture(db, { ...f, title: 'Drought in the north', body: 'Wells run dry across the region.' });
    expect((await searchArticles(db, { q: 'drought', ...page })).total).toBe(1);

    await removeFromIndex(db, 'en-body');
    expect(ids(await searchArticles(db, { q: 'drought', ...page }))).toEqual([]);
    await removeFromIndex(db, 'en-body');

    await indexFixture(db, f);
    expect(ids(await searchArticles(db, { q: 'photographs', ...page }))).toEqual(['en-body']);
    await db.kysely.deleteFrom('articles').where('id', '=', 'de-plain').execute();
    expect(ids(await searchArticles(db, { q: 'zeitungen', ...page }))).toEqual([]);
    await insertArticle(
      db,
      fixtures.find((x) => x.id === 'de-plain')!,
    );
    expect(ids(await searchArticles(db, { q: 'zeitungen', ...page }))).toEqual([]);
    await indexFixture(
      db,
      fixtures.find((x) => x.id === 'de-plain')!,
    );
    expect(ids(await searchArticles(db, { q: 'zeitungen', ...page }))).toEqual(['de-plain']);
  });

  it('refuses to index an article that does not exist', async () => {
    await expect(
      indexArticle(db, { id: 'ghost', language: 'en', title: 'Ghost', standfirst: '', bodyText: 'boo' }),
    ).rejects.toThrow();
    expect(ids(await searchArticles(db, { q: 'ghost', ...page }))).toEqual([]);
  });
});

function statusOf(id: string): ArticleStatus | undefined {
  return fixtures.find((f) => f.id === id)?.status;
}
