// The static mirror reads every page of every listing from a listing snapshot (each listing read
// whole once) instead of one offset query per page. The mirror's bytes stay the same only if
// every page the snapshot answers is the page listArticles answers: same articles, same order,
// same total, with and without counting, in every reader language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleListQuery } from '../../src/modules/articles/article.types.ts';
import type { ArticleFilter } from '../../src/modules/articles/article-repository.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';

describe.each(testDatabases)('listing snapshot on %s', (dialect) => {
  let t: SiteTestApp;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers every page of every reader listing as listArticles does', async () => {
    const articles = t.services.articles;
    const snapshot = articles.listingSnapshot();
    const tags = (await t.services.tags.list()).map((tag) => tag.slug);
    const { items: sample } = await articles.list({ limit: 50 }, { readerVisible: true });
    const authors = [...new Set(sample.flatMap((a) => a.authors.map((au) => au.slug)))];
    const listings: ArticleListQuery[] = [
      {},
      { language: 'en' },
      { language: 'ru' },
      ...tags.slice(0, 4).map((tag) => ({ tag })),
      ...authors.slice(0, 3).map((author) => ({ author })),
    ];
    let pagesCompared = 0;
    for (const listing of listings) {
      for (const lang of ['en', 'ru']) {
        const fixed: ArticleFilter = { readerVisible: true, oneOfEachTranslation: lang };
        for (const limit of [3, 7]) {
          for (const count of [true, false]) {
            for (let page = 1; page <= 12; page++) {
              const query = { ...listing, limit, page };
              const expected = await articles.list(query, fixed, { count });
              const got = await snapshot.list(query, fixed, { count });
              expect(got, JSON.stringify({ query, lang, count })).toEqual(expected);
              pagesCompared++;
              if (expected.items.length < limit) break;
            }
          }
        }
      }
    }
    expect(pagesCompared).toBeGreaterThan(100);
  }, 120_000);
});
