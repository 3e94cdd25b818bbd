import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { checkManifest, migrationFiles, readManifest } from '../support/migration-manifest.ts';
import { openTestDb, testDatabases, withSchemaLock, type TestDb } from '../support/test-db.ts';

describe('landed migrations (src/db/migrations/landed.json)', () => {
  const manifest = readManifest();

  it('are never edited or removed once landed', () => {
    const { edited, missing } = checkManifest(manifest);
    expect(edited, 'edited after landing: write a new migration instead').toEqual([]);
    expect(missing, 'removed after landing').toEqual([]);
  });

  it('only grow at the end: an unsealed file is newer than every landed one', () => {
    const { unsealedOlder } = checkManifest(manifest);
    expect(unsealedOlder, 'older than the newest landed migration, yet not sealed').toEqual([]);
  });

  it('are the migrations the code runs, in file-name order', () => {
    expect(migrations.map((m) => `${m.name}.ts`)).toEqual(migrationFiles());
  });

  it('notices an edit, a removal and a file slipped in under landed ones', () => {
    const [first, second] = Object.keys(manifest).sort();
    const tampered = { ...manifest, [first!]: '0'.repeat(64), '2000-01-01T0000-ghost.ts': 'f'.repeat(64) };
    delete tampered[second!];
    const problems = checkManifest(tampered);
    expect(problems.edited).toContain(first);
    expect(problems.missing).toContain('2000-01-01T0000-ghost.ts');
    expect(problems.unsealedOlder).toContain(second);
  });
});

describe.each(testDatabases)('migrations on %s', (dialect) => {
  let db: TestDb;
  afterEach(async () => db?.destroy());

  it('run from empty, then again without doing anything', async () => {
    db = await openTestDb(dialect, { migrate: false });
    // Under the schema lock: Kysely's migrator introspects every schema (see test-db.ts).
    await withSchemaLock('shared', async () => {
      expect(await pendingMigrations(db)).toEqual(migrations.map((m) => m.name));
      expect(await migrateToLatest(db)).toEqual(migrations.map((m) => m.name));
      expect(await pendingMigrations(db)).toEqual([]);
      expect(await migrateToLatest(db)).toEqual([]);
    });
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
