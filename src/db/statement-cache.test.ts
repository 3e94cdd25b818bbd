import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, type Db } from './connect.ts';

// SQLite's prepared statements are kept by SQL text (connect.ts): the same query is prepared once.

describe('the SQLite statement cache', () => {
  let db: Db | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await db?.close();
  });

  it('prepares a query once, however often it runs', async () => {
    db = await connect({ url: ':memory:' });
    await sql`create table t (n integer)`.execute(db.kysely);
    const prepare = vi.spyOn(SQLite.prototype, 'prepare');
    for (let n = 0; n < 20; n++) await sql`insert into t (n) values (${n})`.execute(db.kysely);
    expect(prepare).toHaveBeenCalledTimes(1);
    const { rows } = await sql<{ c: number }>`select count(*) as c from t`.execute(db.kysely);
    expect(rows[0]!.c).toBe(20);
  });
});
