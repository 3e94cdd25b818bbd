import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobQueue, defineJob, type JobQueue } from '../../src/adapters/jobs/index.ts';
import { jobBackendCases } from '../support/job-backends.ts';
import { storedJobs } from '../support/stored-jobs.ts';
import { openTestDb, type TestDb } from '../support/test-db.ts';

class RolledBack extends Error {}

/** Run `work` in a transaction that is then rolled back by a throw. */
async function inRolledBackTransaction(db: TestDb, work: (trx: Kysely<Database>) => Promise<void>) {
  await expect(
    db.kysely.transaction().execute(async (trx) => {
      await work(trx);
      throw new RolledBack();
    }),
  ).rejects.toBeInstanceOf(RolledBack);
}

describe.each(jobBackendCases)('transactional enqueue on %s (%s)', (dialect, backend) => {
  let db: TestDb;
  let queue: JobQueue;
  const ran: string[] = [];
  const open = async () => {
    db = await openTestDb(dialect);
    ran.length = 0;
    const note = defineJob({
      name: 'note',
      payload: z.object({ text: z.string() }),
      async handler({ text }) {
        ran.push(text);
      },
    });
    queue = createJobQueue(db, [note], { backend, pollIntervalMs: 20, shutdownGraceMs: 100 });
  };
  afterEach(async () => {
    await queue?.stop();
    await db?.destroy();
  });

  it('a job enqueued in a rolled-back transaction never exists; one in a committed transaction runs', async () => {
    await open();
    await inRolledBackTransaction(db, async (trx) => {
      await queue.enqueue('note', { text: 'rolled back' }, { trx });
      await queue.enqueue('note', { text: 'rolled back, keyed' }, { trx, key: 'k:1' });
    });
    expect(await storedJobs(db, backend)).toEqual([]);

    await db.kysely.transaction().execute(async (trx) => {
      await queue.enqueue('note', { text: 'committed' }, { trx });
    });
    expect((await storedJobs(db, backend)).map((j) => j.task)).toEqual(['note']);
    await queue.runUntilIdle?.();
    expect(ran).toEqual(['committed']);
    expect(await storedJobs(db, backend)).toEqual([]);
  });

  it('is not visible to a worker before the transaction commits', async () => {
    await open();
    // graphile-worker records a task's name on its first job; a worker registering the same name
    // would wait for that uncommitted row, so the name is recorded first.
    await queue.enqueue('note', { text: 'first' });
    await queue.runUntilIdle?.();
    ran.length = 0;
    await db.kysely.transaction().execute(async (trx) => {
      await queue.enqueue('note', { text: 'pending commit' }, { trx });
      // SQLite has one connection: a worker would wait for this transaction, so only PostgreSQL
      // can show a worker running while the job is uncommitted.
      if (dialect === 'postgres') {
        await queue.runUntilIdle?.();
        expect(ran).toEqual([]);
      }
    });
    await queue.runUntilIdle?.();
    expect(ran).toEqual(['pending commit']);
  });

  it('keeps the replace semantics of keyed jobs inside a transaction', async () => {
    await open();
    const later = new Date(Date.now() + 3_600_000);
    await queue.enqueue('note', { text: 'first' }, { key: 'k:1' });
    await db.kysely.transaction().execute(async (trx) => {
      await queue.enqueue('note', { text: 'second' }, { trx, key: 'k:1', runAt: later });
      await queue.enqueue('note', { text: 'third' }, { trx, key: 'k:1', runAt: later });
    });
    const stored = await storedJobs(db, backend);
    expect(stored).toHaveLength(1);
    expect(Math.abs(stored[0]!.runAt.getTime() - later.getTime())).toBeLessThan(1000);
    await queue.runUntilIdle?.();
    expect(ran).toEqual([]); // the replacement moved it to later
  });

  it('cancel(key, { trx }) removes the job only if the transaction commits', async () => {
    await open();
    const later = new Date(Date.now() + 3_600_000);
    await queue.enqueue('note', { text: 'embargoed' }, { key: 'publish:1', runAt: later });
    await inRolledBackTransaction(db, async (trx) => {
      await queue.cancel('publish:1', { trx });
    });
    expect((await storedJobs(db, backend)).map((j) => j.key)).toEqual(['publish:1']);

    await db.kysely.transaction().execute(async (trx) => {
      await queue.cancel('publish:1', { trx });
      await queue.cancel('publish:never-existed', { trx });
    });
    expect(await storedJobs(db, backend)).toEqual([]);
  });

  it('a started worker runs a job committed in a transaction without being asked', async () => {
    await open();
    await queue.start();
    await db.kysely.transaction().execute(async (trx) => {
      await queue.enqueue('note', { text: 'picked up' }, { trx });
    });
    const until = Date.now() + 5000;
    while (ran.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual(['picked up']);
  });
});
