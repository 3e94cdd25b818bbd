import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Who created each article (modules/staff/actor.ts actorRef: "api-key:<id>", "staff:<id>",
// "system"), so the permission rules can let contributors and authors change their own work and
// nobody else's. Existing articles keep NULL: they belong to nobody, so only roles that may change
// every article (editors and above) can change them. Re-runnable: the column is added only if
// missing.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const exists =
    dialect === 'postgres'
      ? (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'articles' AND column_name = 'created_by'`.execute(
            db,
          )
        ).rows[0]!.n > 0
      : (await sql<{ name: string }>`PRAGMA table_info(articles)`.execute(db)).rows.some(
          (c) => c.name === 'created_by',
        );
  if (!exists) await db.schema.alterTable('articles').addColumn('created_by', 'text').execute();
}
