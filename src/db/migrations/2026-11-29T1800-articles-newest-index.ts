import { sql, type Kysely } from 'kysely';

// The newsroom's article list (every status) is ordered by publication time, or the last change
// for work never published, newest first. Without an index on that expression each page sorted
// every article: at 100,000 articles about a second for the first page and seconds for deep ones.
// Both databases index an expression; the query (modules/articles/article-repository.ts) orders by
// exactly this expression so the planner can walk the index. Re-runnable: IF NOT EXISTS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS articles_newest ON articles ((coalesce(published_at, updated_at)) DESC, id DESC)`.execute(
    db,
  );
}
