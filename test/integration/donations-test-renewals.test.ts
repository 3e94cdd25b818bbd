import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENEW_TEST_PLANS_TASK } from '../../src/modules/donations/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';
import { form } from '../support/form-post.ts';

// Recurring gifts on the TEST rail renew by themselves: the scheduled job bills each active plan
// whose period has begun, as the same `payment.succeeded` event a real rail's webhook brings, with
// a receipt, and the dashboard counts it. Paused and cancelled plans are left alone. A run that
// stops midway loses nothing; two runs at once, or a rerun, double nothing.

const DAY = 24 * 3600_000;

describe.each(testDatabases)('TEST-rail renewals on %s', (dialect) => {
  let t: TestApp;
  let key: string;
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const kysely = () => t.services.db.kysely;

  beforeAll(async () => {
    t = await startTestApp(dialect, { site: true, now: () => new Date(clock) });
    key = await t.key('owner');
  });
  afterAll(async () => t?.close());

  async function give(email: string, frequency: string, amount: string) {
    const start = await t.fetch(
      '/support/checkout',
      form({ frequency, currency: 'EUR', amount, rail: 'test', variant: 'r', source: 'page' }),
    );
    const path = new URL(start.headers.get('location')!, 'https://news.example').pathname;
    expect((await t.fetch(path, form({ outcome: 'succeed', email }))).status).toBe(303);
    const row = await kysely()
      .selectFrom('donations')
      .select('plan_id')
      .where('checkout_ref', '=', path.split('/').pop()!)
      .executeTakeFirstOrThrow();
    return row.plan_id!;
  }
  const renewals = async () =>
    kysely()
      .selectFrom('donations')
      .selectAll()
      .where('source', '=', 'renewal')
      .orderBy('plan_id')
      .orderBy('completed_at')
      .execute();
  const setStatus = (id: string, status: string) =>
    kysely().updateTable('donation_plans').set({ status }).where('id', '=', id).execute();
  const runJob = async () => {
    await t.services.jobs.enqueue(RENEW_TEST_PLANS_TASK, {});
    await t.services.jobs.runUntilIdle!();
  };

  let monthly: string[] = [];
  let annual = '';

  it('bills the due plans once a period has begun, with a receipt each, and the dashboard counts them', async () => {
    monthly = [
      await give('renew.one@example.org', 'monthly', '5'),
      await give('renew.two@example.org', 'monthly', '7'),
      await give('renew.three@example.org', 'monthly', '9'),
    ];
    annual = await give('renew.year@example.org', 'annual', '60');
    const paused = await give('renew.paused@example.org', 'monthly', '4');
    const cancelled = await give('renew.cancelled@example.org', 'monthly', '3');
    await setStatus(paused, 'paused');
    await setStatus(cancelled, 'cancelled');
    await t.services.jobs.runUntilIdle!();

    // Not yet due: nothing.
    clock += 30 * DAY;
    await runJob();
    expect(await renewals()).toEqual([]);

    clock += 2 * DAY; // 2027-01-02: December's gifts are due again.
    await runJob();
    const rows = await renewals();
    expect(rows.map((r) => [r.plan_id, r.amount_minor, r.completed_at])).toEqual(
      [
        [monthly[0], 500, '2027-01-01T10:00:00.000Z'],
        [monthly[1], 700, '2027-01-01T10:00:00.000Z'],
        [monthly[2], 900, '2027-01-01T10:00:00.000Z'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(rows.every((r) => r.status === 'completed' && r.test === 1 && r.rail === 'test')).toBe(true);

    await t.services.jobs.runUntilIdle!();
    const mail = (await t.services.outbox!.list()).filter((m) => m.to === 'renew.one@example.org');
    expect(mail.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^\[TEST\] Your receipt/),
      expect.stringMatching(/^\[TEST\] Your receipt/),
    ]);
    for (const who of ['renew.paused@example.org', 'renew.cancelled@example.org', 'renew.year@example.org']) {
      expect((await t.services.outbox!.list()).filter((m) => m.to === who)).toHaveLength(1);
    }

    const summary = await t.fetch('/api/admin/v1/donations/summary', {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await summary.json()) as { recurring_monthly: unknown };
    expect(body.recurring_monthly).toEqual([{ currency: 'EUR', amount_minor: 500 + 700 + 900 + 500 }]);

    // The same run again, or the job again: nothing more.
    await runJob();
    expect(await t.services.donations.renewTestPlans()).toEqual({ renewed: 0, due: 0 });
    expect(await renewals()).toHaveLength(3);
  });

  it('loses nothing when a run stops midway and doubles nothing when runs overlap', async () => {
    clock = Date.parse('2027-02-03T00:00:00Z');
    // A run that got through one plan and was killed.
    expect(await t.services.donations.renewTestPlans({ batch: 1 })).toEqual({ renewed: 1, due: 3 });
    expect(await renewals()).toHaveLength(4);
    // The next runs (two processes at once) finish the rest, once.
    const [a, b] = await Promise.all([
      t.services.donations.renewTestPlans(),
      t.services.donations.renewTestPlans(),
    ]);
    expect(a.renewed + b.renewed).toBe(2);
    const rows = await renewals();
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => `${r.plan_id} ${r.completed_at}`)).size).toBe(6);
    const events = await kysely()
      .selectFrom('payment_events')
      .select('event_id')
      .where('event_id', 'like', 'test_renewal:%')
      .execute();
    expect(events).toHaveLength(6);
    expect(await t.services.donations.renewTestPlans()).toEqual({ renewed: 0, due: 0 });
  });

  it('bills the changed amount; after months away only the latest period, and the annual plan a year on', async () => {
    await kysely()
      .updateTable('donation_plans')
      .set({ amount_minor: 1200 })
      .where('id', '=', monthly[0]!)
      .execute();
    clock = Date.parse('2027-12-05T00:00:00Z');
    await runJob();
    const rows = await renewals();
    const latest = rows.filter((r) => r.completed_at === '2027-12-01T10:00:00.000Z');
    expect(latest.map((r) => [r.plan_id, r.amount_minor]).sort()).toEqual(
      [
        [monthly[0], 1200],
        [monthly[1], 700],
        [monthly[2], 900],
        [annual, 6000],
      ].sort(),
    );
    expect(rows).toHaveLength(10);
  });
});
