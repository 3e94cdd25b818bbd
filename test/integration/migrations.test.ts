import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

describe.each(testDatabases)('migrations on %s', (dialect) => {
  let db: TestDb;
  afterEach(async () => db?.destroy());

  it('run from empty, then again without doing anything', async () => {
    db = await openTestDb(dialect, { migrate: false });
    expect(await pendingMigrations(db)).toEqual(migrations.map((m) => m.name));
    expect(await migrateToLatest(db)).toEqual(migrations.map((m) => m.name));
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
    const now = new Date().toISOString();
    await db.kysely
      .insertInto('tags')
      .values({
        id: 't1',
        name: 'Economy',
        slug: 'economy',
        description: '',
        is_section: 1,
        nav_order: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const rows = await db.kysely.selectFrom('tags').selectAll().execute();
    expect(rows.map((r) => r.slug)).toEqual(['economy']);
  });

  it('enforce unique slugs in the database itself', async () => {
    db = await openTestDb(dialect);
    const now = new Date().toISOString();
    const tag = {
      name: 'X',
      slug: 'same',
      description: '',
      is_section: 0,
      nav_order: null,
      created_at: now,
      updated_at: now,
    };
    await db.kysely
      .insertInto('tags')
      .values({ id: 'a', ...tag })
      .execute();
    await expect(
      db.kysely
        .insertInto('tags')
        .values({ id: 'b', ...tag })
        .execute(),
    ).rejects.toThrow();
    const count = await db.kysely
      .selectFrom('tags')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
