import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Related articles (modules/related). Re-runnable: every statement is IF NOT EXISTS.
// - related_articles_related: "which lists contain this article" when it is unpublished or
//   deleted, without scanning every list.
// - related_term_stats / related_term_sample: document frequencies counted over a sample of the
//   search index (modules/related/term-stats.ts), since counting common terms exactly per
//   computation is too slow at 100,000 articles.
// - SQLite only: article_search_vocab, a read-only view of the FTS5 index's terms with their
//   document counts (it stores nothing), to count rare terms exactly; and articles_related_lookup,
//   so checking thousands of full-text matches for status and language reads a small index
//   rather than each row, whose status and dates sit after the long body columns (overflow
//   pages). PostgreSQL keeps long values out of line, so its rows are small anyway.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS related_articles_related ON related_articles (related_id)`.execute(db);
  await sql`CREATE TABLE IF NOT EXISTS related_term_stats (term text PRIMARY KEY, sample_df integer NOT NULL)`.execute(
    db,
  );
  await sql`CREATE TABLE IF NOT EXISTS related_term_sample (id integer PRIMARY KEY CHECK (id = 1), documents integer NOT NULL, sampled integer NOT NULL, computed_at text NOT NULL)`.execute(
    db,
  );
  if (dialect === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS article_search_vocab USING fts5vocab(article_search, 'row')`.execute(
      db,
    );
    await sql`CREATE INDEX IF NOT EXISTS articles_related_lookup ON articles (id, status, language, published_at)`.execute(
      db,
    );
  }
}
