import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connect, type Db } from '../../src/db/connect.ts';
import {
  createJobQueue,
  defineJob,
  RecurringScheduler,
  type JobQueue,
  type RecurringSchedule,
} from '../../src/adapters/jobs/index.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { jobBackendCases } from '../support/job-backends.ts';
import { settle, waitFor } from '../support/wait-for.ts';

// Fridays 09:00 in Tbilisi (UTC+4) are 05:00 UTC. These Fridays are in the past, so the runs
// the scheduler enqueues are due at once on both queues (graphile-worker reads PostgreSQL's clock).
const FRIDAY_1 = '2025-11-07T05:00:00.000Z';
const FRIDAY_4 = '2025-11-28T05:00:00.000Z';
const digest: RecurringSchedule = {
  name: 'weekly-digest',
  cron: '0 9 * * 5',
  timeZone: 'Asia/Tbilisi',
  task: 'send-digest',
  payload: { edition: 'weekly' },
  catchUp: true,
};

describe.each(jobBackendCases)('recurring scheduler on %s (%s)', (dialect, backend) => {
  let db: TestDb;
  const cleanups: Array<() => Promise<void>> = [];
  const runs: unknown[] = [];
  const definition = defineJob({
    name: 'send-digest',
    payload: z.object({ edition: z.string() }),
    async handler(payload) {
      runs.push(payload);
    },
  });
  const queueOn = (on: Db): JobQueue => {
    const queue = createJobQueue(on, [definition], { backend, pollIntervalMs: 20 });
    cleanups.push(() => queue.stop());
    return queue;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    runs.length = 0;
    await db?.destroy();
  });

  it('enqueues a due run exactly once while two schedulers tick at the same time', async () => {
    db = await openTestDb(dialect);
    // On PostgreSQL the second scheduler has its own connection pool, as a second process would.
    const other = dialect === 'postgres' ? await connect({ url: db.url!, schema: db.schema! }) : db;
    if (other !== db) cleanups.push(() => other.close());
    let now = new Date('2025-11-06T12:00:00Z');
    const clock = { now: () => now };
    const queue = queueOn(db);
    const a = new RecurringScheduler(db, queue, [digest], clock);
    const b = new RecurringScheduler(other, queueOn(other), [digest], clock);

    expect(await a.tick()).toEqual([]); // first sight: nothing before now counts as missed
    now = new Date('2025-11-07T05:00:03Z');
    const keys = (await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])).flat();
    expect(keys).toEqual([`schedule:weekly-digest:${FRIDAY_1}`]);
    const row = await db.kysely.selectFrom('job_schedules').selectAll().executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'weekly-digest', last_fired_at: FRIDAY_1 });

    await queue.runUntilIdle?.();
    expect(runs).toEqual([{ edition: 'weekly' }]);
    now = new Date('2025-11-07T05:10:00Z');
    expect([...(await a.tick()), ...(await b.tick())]).toEqual([]);
  });

  it('after downtime, fires a catch-up schedule once at start and skips a schedule without catch-up', async () => {
    db = await openTestDb(dialect);
    const quiet: RecurringSchedule = { ...digest, name: 'quiet-digest', catchUp: false };
    // State left by the last process: both schedules ran on 7 November, then the server was
    // down for three Fridays.
    await db.kysely
      .insertInto('job_schedules')
      .values([
        { name: digest.name, last_fired_at: FRIDAY_1 },
        { name: quiet.name, last_fired_at: FRIDAY_1 },
      ])
      .execute();
    const now = new Date('2025-11-29T10:00:00Z');
    const queue = createJobQueue(db, [definition], {
      backend,
      pollIntervalMs: 20,
      schedules: [digest, quiet],
      scheduler: { now: () => now },
    });
    cleanups.push(() => queue.stop());

    await queue.start();
    await waitFor(() => runs.length >= 1);
    const rows = await db.kysely.selectFrom('job_schedules').selectAll().orderBy('name').execute();
    expect(rows).toEqual([
      { name: 'quiet-digest', last_fired_at: FRIDAY_4 },
      { name: 'weekly-digest', last_fired_at: FRIDAY_4 },
    ]);
    await settle(150); // room for a wrong second run to show up
    expect(runs).toEqual([{ edition: 'weekly' }]);
  });

  it('refuses a schedule that names an unknown task or is not a 5-field cron in a real time zone', async () => {
    db = await openTestDb(dialect);
    const queue = queueOn(db);
    expect(() => new RecurringScheduler(db, queue, [{ ...digest, task: 'nope' }])).toThrow(
      /unknown job task "nope"/,
    );
    expect(() => new RecurringScheduler(db, queue, [{ ...digest, cron: '0 0 9 * * 5' }])).toThrow(
      /weekly-digest.*5 fields/,
    );
    expect(() => new RecurringScheduler(db, queue, [{ ...digest, timeZone: 'Georgia/Tbilisi' }])).toThrow(
      /IANA time zone/,
    );
  });
});
