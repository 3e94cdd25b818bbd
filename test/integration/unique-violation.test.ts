import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, withUniqueAsConflict } from '../../src/db/unique-violation.ts';
import { ConflictError } from '../../src/domain/errors.ts';
import { toErrorResponse } from '../../src/web/error-handler.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

describe.each(testDatabases)('unique violations on %s', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => db?.destroy());

  const tag = (id: string, slug: string) =>
    db.kysely
      .insertInto('tags')
      .values({
        id,
        name: id,
        slug,
        description: '',
        is_section: 0,
        nav_order: null,
        created_at: '2026-11-29T10:00:00Z',
        updated_at: '2026-11-29T10:00:00Z',
      })
      .execute();

  it("recognises the driver's own error, and only that one", async () => {
    await tag('t1', 'taken');
    const duplicate = await tag('t2', 'taken').catch((err: unknown) => err);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(toErrorResponse(duplicate).status).toBe(409);
    await expect(withUniqueAsConflict(() => tag('t3', 'taken'), 'slug taken')).rejects.toBeInstanceOf(
      ConflictError,
    );

    const notNull = await db.kysely
      .insertInto('tags')
      .values({ id: 't4', name: null, slug: 'other' } as never)
      .execute()
      .catch((err: unknown) => err);
    expect(notNull).toBeInstanceOf(Error);
    expect(isUniqueViolation(notNull)).toBe(false);
    expect(toErrorResponse(notNull).status).toBe(500);
  });
});
