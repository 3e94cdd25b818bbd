import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Listings, feeds and sitemaps read (status, published_at) ranges and only a few small columns.
// A covering index answers them without touching article rows, whose large body columns made a
// 50,000-URL sitemap child take about a second on SQLite at 100,000 articles (0.1 s with it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('articles_listing')
    .ifNotExists()
    .on('articles')
    .columns(['status', 'published_at', 'id', 'slug', 'updated_at', 'language'])
    .execute();
}
