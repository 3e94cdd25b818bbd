// The archive index's month counts (counted per UTC day by the database, the days a month begins
// on read article by article) against each published article's month asked one by one, on both
// databases, in zones either side of UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleToReaders } from '../../src/modules/articles/index.ts';
import { zonedYearMonth } from '../../src/i18n/index.ts';
import { publishedMonths } from '../../src/modules/site/site-queries.ts';
import { startSiteTestApp, type SiteTestApp } from '../support/site-test-app.ts';
import { testDatabases } from '../support/test-db.ts';

describe.each(testDatabases)('archive month counts on %s', (dialect) => {
  let t: SiteTestApp;

  beforeAll(async () => {
    t = await startSiteTestApp(dialect);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('match counting each article', async () => {
    const rows = await t.services.db.kysely
      .selectFrom('articles')
      .select('published_at')
      .where(visibleToReaders('articles'))
      .where('published_at', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    for (const zone of ['UTC', 'Europe/Moscow', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata']) {
      const expected = new Map<string, number>();
      for (const row of rows) {
        const { year, month } = zonedYearMonth(row.published_at!, zone);
        expected.set(`${year}-${month}`, (expected.get(`${year}-${month}`) ?? 0) + 1);
      }
      const months = await publishedMonths(t.services.db, zone);
      expect(new Map(months.map((m) => [`${m.year}-${m.month}`, m.count])), zone).toEqual(expected);
    }
  });
});
