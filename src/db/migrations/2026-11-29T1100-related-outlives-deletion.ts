import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// related_articles.related_id no longer cascades from articles: deleting an article leaves the
// rows that list it in other articles' "Read more", so the related module's follow-up job can
// find those lists, recompute them, and then remove the rows (modules/related, refreshRelated).
// Readers never see such a row: every read joins `articles`. The article's own list
// (article_id) still goes with it. Re-runnable: nothing happens once the foreign key is gone.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ name: string }>`
      SELECT c.conname AS name FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.conrelid = 'related_articles'::regclass AND c.contype = 'f' AND a.attname = 'related_id'`.execute(
      db,
    );
    for (const { name } of rows)
      await sql`ALTER TABLE related_articles DROP CONSTRAINT ${sql.id(name)}`.execute(db);
    return;
  }
  const { rows } = await sql<{
    from: string;
  }>`SELECT "from" FROM pragma_foreign_key_list('related_articles')`.execute(db);
  if (!rows.some((r) => r.from === 'related_id')) return;
  // SQLite cannot drop a foreign key: rebuild the table (nothing references it).
  await db.transaction().execute(async (trx) => {
    await sql`CREATE TABLE related_articles_next (
      article_id text NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      related_id text NOT NULL,
      position integer NOT NULL,
      score real NOT NULL,
      CONSTRAINT related_articles_pk PRIMARY KEY (article_id, related_id))`.execute(trx);
    await sql`INSERT INTO related_articles_next (article_id, related_id, position, score)
      SELECT article_id, related_id, position, score FROM related_articles`.execute(trx);
    await sql`DROP TABLE related_articles`.execute(trx);
    await sql`ALTER TABLE related_articles_next RENAME TO related_articles`.execute(trx);
    await sql`CREATE INDEX IF NOT EXISTS related_articles_related ON related_articles (related_id)`.execute(
      trx,
    );
  });
}
