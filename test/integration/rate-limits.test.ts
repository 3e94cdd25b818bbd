import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimits, type RateLimitPolicy } from '../../src/modules/rate-limits/index.ts';
import { openTestDb, testDatabases, type TestDb } from '../support/test-db.ts';

const policy: RateLimitPolicy = { name: 'probe', limit: 3, windowMs: 60_000 };

describe.each(testDatabases)('rate limits on %s', (dialect) => {
  let db: TestDb;
  let at = new Date('2026-11-30T10:00:00.000Z');
  const hashingKey = randomBytes(32);
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => db?.destroy());
  const limits = () => createRateLimits({ db, hashingKey, now: () => at });

  it('counts hits per key, refuses over the limit, and restarts after the window', async () => {
    const rl = limits();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.hit(policy, '203.0.113.0/24'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterMs).toBe(60_000);
    // Another subject has its own count.
    expect((await rl.hit(policy, '198.51.100.0/24')).allowed).toBe(true);
    at = new Date(at.getTime() + 60_000);
    expect(await rl.hit(policy, '203.0.113.0/24')).toEqual({ allowed: true, hits: 1, retryAfterMs: 0 });
  });

  it('counts concurrent hits exactly', async () => {
    const rl = limits();
    const many = await Promise.all(Array.from({ length: 10 }, () => rl.hit(policy, 'burst')));
    expect(many.map((r) => r.hits).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(many.filter((r) => r.allowed)).toHaveLength(3);
  });

  it('stores keyed hashes, never the subject, and sweeps ended windows', async () => {
    const rl = limits();
    await rl.hit(policy, 'someone@example.org');
    const rows = await db.kysely.selectFrom('rate_limit_counters').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('someone');
    expect(rows.map((r) => r.key)).toContain(rl.keyOf(policy, 'someone@example.org'));
    at = new Date(at.getTime() + 61_000);
    expect(await rl.sweep()).toBeGreaterThan(0);
    expect(await db.kysely.selectFrom('rate_limit_counters').selectAll().execute()).toEqual([]);
  });
});
