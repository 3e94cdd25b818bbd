import type { SiteServices } from './site-services.ts';
import type { Article } from '../articles/index.ts';
import { hydrate, preferredTranslation, visibleToReaders } from '../articles/index.ts';
import { toCount } from '../../lib/count.ts';
import { startOfMonth } from '../../i18n/index.ts';
import { countByMonth, countDaysByMonth, mergeMonths } from './month-counts.ts';
import { sql } from 'kysely';
import type { MonthCount } from './views/archive-view.ts';

// Reads the public pages need that the article service does not offer (date ranges, language
// exclusions, distinct values). Only what readers may see, newest first, like every listing.

type Db = SiteServices['db'];

export async function publishedByIds(services: SiteServices, ids: string[]): Promise<Article[]> {
  if (ids.length === 0) return [];
  const page = await services.articles.list(
    { limit: Math.min(100, ids.length) },
    { readerVisible: true, ids },
    { count: false },
  );
  const byId = new Map(page.items.map((a) => [a.id, a]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function publishedInMonth(
  db: Db,
  /** `language`: the page's, for one article per translation group (preferring that language). */
  month: { year: number; month: number; timeZone: string; language: string },
  page: { limit: number; offset: number },
): Promise<{ items: Article[]; total: number }> {
  const from = startOfMonth(month.year, month.month, month.timeZone).toISOString();
  const to = startOfMonth(month.year, month.month + 1, month.timeZone).toISOString();
  const base = db.kysely
    .selectFrom('articles')
    .where(visibleToReaders('articles'))
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .where(preferredTranslation(month.language));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await hydrate(db.kysely, rows), total: toCount(count.n) };
}

/**
 * How many articles each month of the newsroom's calendar holds: counted per UTC day by the
 * database (a few thousand rows for 100,000 articles), each day put in its month, but the few days
 * a month begins on in the newsroom's zone, whose articles are read one by one.
 */
export async function publishedMonths(db: Db, timeZone: string): Promise<MonthCount[]> {
  // published_at is ISO text in UTC on both databases.
  const day = sql<string>`substr(published_at, 1, 10)`;
  const published = db.kysely
    .selectFrom('articles')
    .where(visibleToReaders('articles'))
    .where('published_at', 'is not', null);
  const days = await published
    .select((eb) => [day.as('day'), eb.fn.countAll().as('n')])
    .groupBy(day)
    .execute();
  const { months, split } = countDaysByMonth(
    days.map((d) => ({ day: String(d.day), count: toCount(d.n) })),
    timeZone,
  );
  if (split.length === 0) return months;
  const instants: Array<string | Date> = [];
  for (let i = 0; i < split.length; i += 200) {
    const rows = await published
      .select('published_at')
      .where((eb) =>
        eb.or(
          split.slice(i, i + 200).map((d) => {
            const from = `${d}T00:00:00.000Z`;
            const to = new Date(Date.parse(from) + 86_400_000).toISOString();
            return eb.and([eb('published_at', '>=', from), eb('published_at', '<', to)]);
          }),
        ),
      )
      .execute();
    for (const row of rows) instants.push(row.published_at!);
  }
  return mergeMonths(months, countByMonth(instants, timeZone));
}

export async function publishedLanguages(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('articles')
    .select('language')
    .distinct()
    .where(visibleToReaders('articles'))
    .orderBy('language')
    .execute();
  return rows.map((r) => r.language);
}

/** The newest published articles not in `language`. */
export async function latestInOtherLanguages(db: Db, language: string, limit: number): Promise<Article[]> {
  const rows = await db.kysely
    .selectFrom('articles')
    .selectAll()
    .where(visibleToReaders('articles'))
    .where('language', '!=', language)
    // Published articles always have published_at: this order walks the listing index backwards
    // and stops after `limit` rows (a coalesce() sorted every one: 650 ms at 100,000 articles).
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return hydrate(db.kysely, rows);
}
