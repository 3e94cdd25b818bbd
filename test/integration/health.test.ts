import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// /readyz is for load balancers and operators' probes; it may be reachable from outside, so
// "not ready" answers in the shape of every error and tells nothing about the database server.

describe.each(testDatabases)('readiness (%s)', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('is ready on a migrated database', async () => {
    t = await startTestApp(dialect);
    const res = await t.fetch('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: dialect });
  });

  it('answers 503 in the error shape, without the driver message, when migrations are pending', async () => {
    t = await startTestApp(dialect);
    await sql`delete from kysely_migration where name = ${'2026-11-29T1400-meta'}`.execute(t.db.kysely);
    const res = await t.fetch('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: {
        code: 'unavailable',
        message: 'migrations are pending',
        details: { pending: ['2026-11-29T1400-meta'] },
      },
    });
  });

  it('answers 503 without the driver message when the database does not answer', async () => {
    t = await startTestApp(dialect);
    const executor = t.db.kysely.getExecutor();
    const execute = executor.executeQuery.bind(executor);
    executor.executeQuery = async () => {
      throw new Error('connect ECONNREFUSED 10.1.2.3:5432 user=samizdat');
    };
    try {
      const res = await t.fetch('/readyz');
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'unavailable', message: 'the database is unreachable', details: null },
      });
      expect(text).not.toContain('10.1.2.3');
    } finally {
      executor.executeQuery = execute;
    }
  });
});
