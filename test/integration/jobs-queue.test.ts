import { join } from 'node:path';
import { sql } from 'kysely';
import { storedJobs } from '../support/stored-jobs.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connect, type Db } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import {
  createJobQueue,
  defineJob,
  type AnyJobDefinition,
  type JobQueue,
} from '../../src/adapters/jobs/index.ts';
import { claimJob } from '../../src/adapters/jobs/embedded-job-store.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';
import { jobBackendCases, type JobBackend } from '../support/job-backends.ts';
import { settle, waitFor } from '../support/wait-for.ts';
import { tempDir } from '../support/temp-dir.ts';

const LOCK_EXPIRY_MS = 60_000;
const GRAPHILE_LOCK_EXPIRY_MS = 4 * 3_600_000;

interface Call {
  payload: unknown;
  attempt: number;
}

/** One backend on one database, with a movable clock and a view into its storage. */
function harness(db: Db, backend: JobBackend) {
  let clock = Date.now();
  const queues: JobQueue[] = [];
  const graphileSchema = `${db.schema}_jobs`;
  const h = {
    now: () => new Date(clock),
    later: (ms: number) => new Date(clock + ms),
    queue(definitions: AnyJobDefinition[], onDb: Db = db, pollIntervalMs = 20): JobQueue {
      const queue = createJobQueue(onDb, definitions, {
        backend,
        pollIntervalMs,
        shutdownGraceMs: 100,
        embedded: { now: () => new Date(clock), lockExpiryMs: LOCK_EXPIRY_MS },
        graphile: { staleLockScanMs: 200 },
      });
      queues.push(queue);
      return queue;
    },
    /** Move time forward for the queue: graphile reads PostgreSQL's clock, so its jobs move back instead. */
    async advance(ms: number): Promise<void> {
      clock += ms;
      if (backend !== 'graphile') return;
      await sql`update ${sql.id(graphileSchema, '_private_jobs')}
        set run_at = run_at - ${ms} * interval '1 millisecond',
            locked_at = locked_at - ${ms} * interval '1 millisecond'`.execute(db.kysely);
    },
    /** Jobs not yet finished (pending or running), as stored. */
    stored: () => storedJobs(db, backend),
    /** What a worker process does right before it is killed: claim a job and never report back. */
    async claimAndDie(task: string): Promise<void> {
      if (backend === 'embedded') {
        const now = h.now().toISOString();
        const claimed = await claimJob(db.kysely, {
          tasks: [task],
          token: 'dead-process:1',
          now,
          expiredBefore: now,
          dialect: db.dialect,
        });
        expect(claimed).toBeDefined();
        return;
      }
      await sql`update ${sql.id(graphileSchema, '_private_jobs')}
        set locked_at = now(), locked_by = 'dead-process', attempts = attempts + 1`.execute(db.kysely);
    },
    lockExpiryMs: backend === 'graphile' ? GRAPHILE_LOCK_EXPIRY_MS : LOCK_EXPIRY_MS,
    async stopAll(): Promise<void> {
      await Promise.all(queues.map((q) => q.stop()));
    },
  };
  return h;
}

function recorder(name = 'greet', options: { fail?: string; maxAttempts?: number } = {}) {
  const calls: Call[] = [];
  const definition = defineJob({
    name,
    payload: z.object({ name: z.string().min(1) }),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    async handler(payload, ctx) {
      calls.push({ payload, attempt: ctx.attempt });
      if (options.fail) throw new Error(options.fail);
    },
  });
  return { calls, definition };
}

describe.each(jobBackendCases)('job queue on %s (%s)', (dialect, backend) => {
  let db: TestDb;
  let h: ReturnType<typeof harness>;
  const open = async () => {
    db = await openTestDb(dialect);
    h = harness(db, backend);
  };
  afterEach(async () => {
    await h?.stopAll();
    await db?.destroy();
  });

  it('runs an enqueued job once, with its payload', async () => {
    await open();
    const { calls, definition } = recorder();
    const queue = h.queue([definition]);
    await queue.enqueue('greet', { name: 'Ada' });
    await queue.runUntilIdle?.();
    await queue.runUntilIdle?.();
    expect(calls).toEqual([{ payload: { name: 'Ada' }, attempt: 1 }]);
    expect(await h.stored()).toEqual([]);
  });

  it('refuses an invalid payload or an unknown task and stores nothing', async () => {
    await open();
    const queue = h.queue([recorder().definition]);
    await expect(queue.enqueue('greet', { name: '' })).rejects.toBeInstanceOf(ValidationError);
    await expect(queue.enqueue('greet', { nom: 'Ada' })).rejects.toThrow(/invalid payload for job "greet"/);
    await expect(queue.enqueue('greeet', { name: 'Ada' })).rejects.toThrow(/unknown job task "greeet"/);
    expect(await h.stored()).toEqual([]);
  });

  it('a started queue picks up a new job at once, not at the next poll', async () => {
    await open();
    const { calls, definition } = recorder();
    const queue = h.queue([definition], db, 60_000);
    await queue.start();
    await settle(50); // let the first (empty) poll pass
    const enqueuedAt = Date.now();
    await queue.enqueue('greet', { name: 'now' });
    await waitFor(() => calls.length === 1, { timeoutMs: 1500 });
    expect(Date.now() - enqueuedAt).toBeLessThan(1500);
  });

  it('does not run a job before its runAt, and runs it once due', async () => {
    await open();
    const { calls, definition } = recorder();
    const queue = h.queue([definition]);
    await queue.enqueue('greet', { name: 'Later' }, { runAt: h.later(60_000) });
    await queue.runUntilIdle?.();
    expect(calls).toHaveLength(0);
    await h.advance(61_000);
    await queue.runUntilIdle?.();
    expect(calls.map((c) => c.payload)).toEqual([{ name: 'Later' }]);
  });

  it('keeps one job per key (the later enqueue wins) and cancel(key) removes it', async () => {
    await open();
    const { calls, definition } = recorder();
    const queue = h.queue([definition]);
    await queue.enqueue('greet', { name: 'first' }, { key: 'publish:1', runAt: h.later(60_000) });
    await queue.enqueue('greet', { name: 'second' }, { key: 'publish:1', runAt: h.later(120_000) });
    const stored = await h.stored();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.runAt.getTime()).toBeGreaterThan(h.later(119_000).getTime());
    await h.advance(90_000);
    await queue.runUntilIdle?.();
    expect(calls).toHaveLength(0);
    await h.advance(60_000);
    await queue.runUntilIdle?.();
    expect(calls.map((c) => c.payload)).toEqual([{ name: 'second' }]);

    await queue.enqueue('greet', { name: 'cancelled' }, { key: 'publish:2', runAt: h.later(60_000) });
    await queue.cancel('publish:2');
    await queue.cancel('publish:never-existed');
    expect(await h.stored()).toEqual([]);
    await h.advance(120_000);
    await queue.runUntilIdle?.();
    expect(calls).toHaveLength(1);
  });

  it('retries a failing job with growing delays, then keeps it as failed with its last error', async () => {
    await open();
    const { calls, definition } = recorder('send', { fail: 'mail server said no', maxAttempts: 3 });
    const queue = h.queue([definition]);
    await queue.enqueue('send', { name: 'digest' });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      await queue.runUntilIdle?.();
      expect(calls).toHaveLength(attempt);
      const [row] = await h.stored();
      if (attempt < 3) {
        expect(row).toMatchObject({ attempts: attempt, lastError: 'mail server said no' });
        // Measured against the clock the backend used to compute run_at.
        delays.push(row!.runAt.getTime() - (backend === 'graphile' ? before : h.now().getTime()));
      } else {
        expect(row).toBeUndefined();
      }
      await h.advance(2 * 3_600_000);
    }
    expect(delays[0]).toBeGreaterThan(2000);
    expect(delays[1]).toBeGreaterThan(delays[0]! * 1.5);
    expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const failed = await queue.failed();
    expect(failed).toEqual([
      { id: expect.any(String), task: 'send', key: null, attempts: 3, lastError: 'mail server said no' },
    ]);
    await h.advance(24 * 3_600_000);
    await queue.runUntilIdle?.();
    expect(calls).toHaveLength(3);
  });

  it('runs a job again when the process that claimed it died mid-job, once its lock expires', async () => {
    await open();
    const { calls, definition } = recorder();
    await h.queue([definition]).enqueue('greet', { name: 'orphan' });
    await h.claimAndDie('greet');

    const survivor = h.queue([definition]);
    await survivor.runUntilIdle?.();
    expect(calls).toHaveLength(0); // the lock is still fresh: maybe that process is just slow
    await h.advance(h.lockExpiryMs + 60_000);
    await survivor.start();
    await waitFor(() => calls.length === 1);
    expect(calls[0]).toEqual({ payload: { name: 'orphan' }, attempt: 2 });
    await waitFor(async () => (await h.stored()).length === 0);
  });

  it('stop() with a job in flight hands it back, and another instance finishes it', async () => {
    await open();
    const calls: number[] = [];
    const definition = defineJob({
      name: 'slow',
      payload: z.object({}),
      async handler(_payload, { attempt, signal }) {
        calls.push(attempt);
        if (calls.length > 1) return;
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        throw new Error('interrupted');
      },
    });
    const first = h.queue([definition]);
    await first.enqueue('slow', {});
    await first.start();
    await waitFor(() => calls.length === 1);
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    expect(await h.stored()).toHaveLength(1);

    await h.advance(3_600_000);
    const second = h.queue([definition]);
    await second.runUntilIdle?.();
    expect(calls).toHaveLength(2);
    expect(await h.stored()).toEqual([]);
  });

  it('keeps a job across a restart: enqueue, close the database, reopen it, the job runs', async () => {
    await open();
    const { calls, definition } = recorder();
    const url = dialect === 'sqlite' ? join(tempDir('jobs'), 'jobs.sqlite') : process.env.TEST_DATABASE_URL!;
    const options = { url, ...(db.schema ? { schema: db.schema } : {}) };

    const before = await connect(options);
    if (dialect === 'sqlite') await migrateToLatest(before); // PostgreSQL: the test's schema, already migrated
    const writer = h.queue([definition], before);
    await writer.enqueue('greet', { name: 'durable' });
    await writer.stop();
    await before.close();

    const after = await connect(options);
    try {
      const reader = h.queue([definition], after);
      await reader.runUntilIdle?.();
      await reader.stop();
      expect(calls.map((c) => c.payload)).toEqual([{ name: 'durable' }]);
    } finally {
      await after.close();
    }
  });
});
