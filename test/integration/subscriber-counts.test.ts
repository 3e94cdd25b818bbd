import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/staff/index.ts';
import { importSubscribers } from '../../src/modules/subscribers/subscriber-import.ts';
import { up as keepCounts } from '../../src/db/migrations/2026-12-02T0610-subscriber-counts.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { testDatabases } from '../support/test-db.ts';

// The newsletter counts the Admin API shows are kept by the database as rows change (triggers,
// migration 2026-12-02T0610), not counted at each request. Whatever writes the rows (signup,
// import, suppression, erasure, a bulk statement by hand), the kept counts must equal counting
// the rows there and then. Both databases.

type Counts = {
  subscribers: Record<string, number>;
  lists: Array<{ slug: string; recipients: number; by_status: Record<string, number> }>;
};

describe.each(testDatabases)('kept subscriber counts on %s', (dialect) => {
  let t: TestApp;
  const owner = { ...systemActor, role: 'owner' as const };
  const k = () => t.db.kysely;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => t?.close());

  /** The counts worked out from the rows, as the API did before it kept them. */
  async function counted(): Promise<Counts> {
    const people = await k()
      .selectFrom('subscribers')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .groupBy('status')
      .execute();
    const subs = await k()
      .selectFrom('subscriptions')
      .select(['newsletter_id', 'status', 'subscriber_status', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['newsletter_id', 'status', 'subscriber_status'])
      .execute();
    const lists = await k().selectFrom('newsletters').select(['id', 'slug']).orderBy('position').execute();
    const subscribers: Record<string, number> = { pending: 0, confirmed: 0, suppressed: 0 };
    for (const row of people) subscribers[row.status] = Number(row.n);
    return {
      subscribers,
      lists: lists.map((l) => {
        const by_status: Record<string, number> = { pending: 0, active: 0, paused: 0, unsubscribed: 0 };
        let recipients = 0;
        for (const row of subs.filter((r) => r.newsletter_id === l.id)) {
          const key = row.subscriber_status === 'suppressed' ? 'suppressed' : row.status;
          by_status[key] = (by_status[key] ?? 0) + Number(row.n);
          if (row.status === 'active' && row.subscriber_status === 'confirmed') recipients += Number(row.n);
        }
        return { slug: l.slug, recipients, by_status };
      }),
    };
  }

  async function expectKeptEqualsCounted(step: string) {
    const kept = (await t.services.subscribers.admin.counts(owner)) as Counts;
    expect(kept, step).toEqual(await counted());
  }

  it('follow every kind of write, and a migration over existing rows counts them once', async () => {
    await expectKeptEqualsCounted('empty');
    let n = 0;
    for (const email of [
      'ana@newsroom.org',
      'boris@newsroom.org',
      'chloe@newsroom.org',
      'dmitri@newsroom.org',
    ]) {
      await t.services.subscribers.signup.signup({
        email,
        lists: ['weekly', 'breaking'],
        source: '/newsletter',
        language: 'en',
        clientAddress: `10.1.${++n}.1`,
      });
    }
    await expectKeptEqualsCounted('after signups');

    const records = (async function* () {
      yield { line: 1, fields: ['email', 'name', 'language'] };
      for (let i = 0; i < 25; i++) yield { line: i + 2, fields: [`reader${i}@newsroom.org`, '', 'en'] };
    })();
    await importSubscribers(
      { db: t.db, keys: t.services.keys, privacy: t.services.subscribers.privacy },
      { listSlug: 'weekly', records, defaultLanguage: 'en', source: 'test import' },
    );
    await expectKeptEqualsCounted('after an import');

    const [first, second] = await k().selectFrom('subscribers').select('id').orderBy('id').limit(2).execute();
    await t.services.subscribers.admin.suppress(owner, first!.id, 'test');
    await expectKeptEqualsCounted('after a suppression');
    await t.services.subscribers.admin.delete(owner, second!.id);
    await expectKeptEqualsCounted('after an erasure');

    // Statements by hand, many rows at once: statuses, a move between lists, deletions.
    await sql`UPDATE subscriptions SET status = 'paused' WHERE subscriber_id IN
      (SELECT id FROM subscribers WHERE status = 'confirmed' ORDER BY id LIMIT 5)`.execute(k());
    await expectKeptEqualsCounted('after pausing five');
    await sql`UPDATE subscriptions SET status = 'unsubscribed' WHERE newsletter_id = 'nl-breaking'`.execute(
      k(),
    );
    await sql`UPDATE subscriptions SET status = status WHERE newsletter_id = 'nl-weekly'`.execute(k());
    await expectKeptEqualsCounted('after unsubscribing a list and a no-op update');
    await sql`UPDATE subscribers SET status = 'confirmed' WHERE status = 'pending'`.execute(k());
    await sql`UPDATE subscriptions SET subscriber_status = 'confirmed', status = 'active'
      WHERE subscriber_status = 'pending'`.execute(k());
    await expectKeptEqualsCounted('after confirming everyone pending');
    await sql`DELETE FROM subscriptions WHERE newsletter_id = 'nl-breaking'`.execute(k());
    await sql`DELETE FROM consents WHERE subscriber_id IN (SELECT id FROM subscribers ORDER BY id DESC LIMIT 3)`.execute(
      k(),
    );
    await sql`DELETE FROM subscriptions WHERE subscriber_id IN (SELECT id FROM subscribers ORDER BY id DESC LIMIT 3)`.execute(
      k(),
    );
    await sql`DELETE FROM subscribers WHERE id IN (SELECT id FROM subscribers ORDER BY id DESC LIMIT 3)`.execute(
      k(),
    );
    await expectKeptEqualsCounted('after deleting a list and three people');
    const kept = (await t.services.subscribers.admin.counts(owner)) as Counts;
    expect(kept.subscribers.confirmed).toBeGreaterThan(20);
    // Reading folded the appended changes into the totals.
    expect(await k().selectFrom('subscriber_count_changes').select('key').execute()).toEqual([]);

    // Folds running at once, while rows change, take each change once.
    await Promise.all([
      t.services.subscribers.foldCounts(),
      sql`UPDATE subscriptions SET status = 'paused' WHERE status = 'active'`.execute(k()),
      t.services.subscribers.foldCounts(),
      t.services.subscribers.signup.signup({
        email: 'elena@newsroom.org',
        lists: ['weekly'],
        source: '/newsletter',
        language: 'en',
        clientAddress: '10.1.9.1',
      }),
      t.services.subscribers.foldCounts(),
      t.services.subscribers.foldCounts(),
    ]);
    await expectKeptEqualsCounted('after folds at once with writes');

    // A fold of many changes at once (a big import) also clears them away on PostgreSQL.
    await sql`WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 12000)
      INSERT INTO subscriber_count_changes (key, d) SELECT 's:pending', 0 FROM seq`.execute(k());
    expect(
      Number(
        (await sql<{ n: number }>`SELECT count(*) AS n FROM subscriber_count_changes`.execute(k())).rows[0]!
          .n,
      ),
    ).toBe(12000);
    await t.services.subscribers.foldCounts();
    expect(await k().selectFrom('subscriber_count_changes').select('key').execute()).toEqual([]);
    await expectKeptEqualsCounted('after folding 12,000 changes');

    // The migration on a database that already has subscribers counts what is there.
    await sql`DELETE FROM subscriber_counts`.execute(k());
    await keepCounts(k(), dialect);
    await expectKeptEqualsCounted('after the migration ran again over existing rows');
  });
});
