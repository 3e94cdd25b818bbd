// The SQL behind the embedded queue, one statement per state change of a row in `jobs`:
//   pending (locked_by null, locked_at null) -> claimed (locked_by = claim token, locked_at =
//   claim time or last heartbeat) -> deleted on success | pending again with a later run_at |
//   failed (attempts >= max_attempts, locked_by null, locked_at = when it failed, last_error).
// Every write by a worker names its claim token, so a worker whose lock expired and whose job
// was claimed again by someone else cannot complete, fail or release the new claim.
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/dialect.ts';
import type { Database } from '../../db/schema.ts';
import type { FailedJob } from './job-queue.types.ts';

type Executor = Kysely<Database>;

export interface NewJob {
  task: string;
  payload: string;
  runAt: string;
  maxAttempts: number;
  key: string | undefined;
  now: string;
}

export interface ClaimedJob {
  id: number;
  task: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
  token: string;
}

export const EXPIRED_LOCK_ERROR = 'the worker running it stopped without finishing (lock expired)';

/** The row of a job not yet run: pending, unclaimed. */
function pendingRow(job: NewJob) {
  return {
    task: job.task,
    payload: job.payload,
    job_key: job.key ?? null,
    run_at: job.runAt,
    attempts: 0,
    max_attempts: job.maxAttempts,
    locked_at: null,
    locked_by: null,
    last_error: null,
    created_at: job.now,
  };
}

/** Insert a job; a keyed job replaces the pending (or failed) job with that key. */
export async function insertJob(db: Executor, job: NewJob): Promise<void> {
  const row = pendingRow(job);
  if (job.key === undefined) {
    await db.insertInto('jobs').values(row).execute();
    return;
  }
  // A running job keeps running; it gives up the key so the new version queues behind it.
  await db
    .updateTable('jobs')
    .set({ job_key: null })
    .where('job_key', '=', job.key)
    .where('locked_by', 'is not', null)
    .execute();
  await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) =>
      oc.column('job_key').doUpdateSet({
        task: row.task,
        payload: row.payload,
        run_at: row.run_at,
        attempts: 0,
        max_attempts: row.max_attempts,
        locked_at: null,
        locked_by: null,
        last_error: null,
      }),
    )
    .execute();
}

/** Rows per statement when many keyed jobs are written at once (well under SQLite's parameter limit). */
const ROWS_PER_STATEMENT = 300;

/**
 * Insert many keyed jobs, as `insertJob` would one by one, in a few statements (an import's
 * batch of articles). The caller passes each key once.
 */
export async function insertKeyedJobs(
  db: Executor,
  jobs: ReadonlyArray<NewJob & { key: string }>,
): Promise<void> {
  for (let first = 0; first < jobs.length; first += ROWS_PER_STATEMENT) {
    const slice = jobs.slice(first, first + ROWS_PER_STATEMENT);
    await db
      .updateTable('jobs')
      .set({ job_key: null })
      .where(
        'job_key',
        'in',
        slice.map((j) => j.key),
      )
      .where('locked_by', 'is not', null)
      .execute();
    await db
      .insertInto('jobs')
      .values(slice.map(pendingRow))
      .onConflict((oc) =>
        oc.column('job_key').doUpdateSet((eb) => ({
          task: eb.ref('excluded.task'),
          payload: eb.ref('excluded.payload'),
          run_at: eb.ref('excluded.run_at'),
          attempts: 0,
          max_attempts: eb.ref('excluded.max_attempts'),
          locked_at: null,
          locked_by: null,
          last_error: null,
        })),
      )
      .execute();
  }
}

export interface ClaimOptions {
  tasks: readonly string[];
  token: string;
  now: string;
  /** Locks taken before this time belong to a worker presumed dead. */
  expiredBefore: string;
  dialect: DialectName;
}

/**
 * Atomically lock the next due job for `token` and count the attempt; undefined when none is due.
 * Only `tasks` this process has handlers for: during a rolling deploy, a job for a task only the
 * new version knows waits for a worker of the new version.
 */
export async function claimJob(db: Executor, options: ClaimOptions): Promise<ClaimedJob | undefined> {
  const { tasks, token, now, expiredBefore, dialect } = options;
  if (tasks.length === 0) return undefined;
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      locked_at: now,
      locked_by: token,
      attempts: eb('attempts', '+', 1),
      last_error: eb
        .case()
        .when('locked_by', 'is not', null)
        .then(EXPIRED_LOCK_ERROR)
        .else(eb.ref('last_error'))
        .end(),
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('task', 'in', tasks)
        .where('run_at', '<=', now)
        .whereRef('attempts', '<', 'max_attempts')
        .where((w) => w.or([w('locked_by', 'is', null), w('locked_at', '<', expiredBefore)]))
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        // Concurrent PostgreSQL workers skip each other's candidate instead of queueing on it.
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    // Re-checked on the row itself: whoever updates second finds it taken and claims nothing.
    .where((w) => w.or([w('locked_by', 'is', null), w('locked_at', '<', expiredBefore)]))
    .whereRef('attempts', '<', 'max_attempts')
    .returning(['id', 'task', 'payload', 'attempts', 'max_attempts'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, maxAttempts: row.max_attempts, token };
}

/** Keep a claim fresh while its handler runs, so a long job is not mistaken for a dead one. */
export async function heartbeat(db: Executor, job: ClaimedJob, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ locked_at: now })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.token)
    .execute();
}

export async function completeJob(db: Executor, job: ClaimedJob): Promise<void> {
  await db.deleteFrom('jobs').where('id', '=', job.id).where('locked_by', '=', job.token).execute();
}

/** Record a failed attempt: back to pending at `retryAt`, or kept as failed when out of attempts. */
export async function failJob(
  db: Executor,
  job: ClaimedJob,
  error: string,
  now: string,
  retryAt: string,
): Promise<void> {
  const exhausted = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set(
      exhausted
        ? { locked_by: null, locked_at: now, last_error: error }
        : { locked_by: null, locked_at: null, run_at: retryAt, last_error: error },
    )
    .where('id', '=', job.id)
    .where('locked_by', '=', job.token)
    .execute();
}

/** Give an interrupted job back, due now, without counting the interrupted attempt. */
export async function releaseJob(db: Executor, job: ClaimedJob): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({ locked_by: null, locked_at: null, attempts: eb('attempts', '-', 1) }))
    .where('id', '=', job.id)
    .where('locked_by', '=', job.token)
    .execute();
}

/**
 * A job whose worker died on its last attempt can never be claimed again: record it as failed
 * (with a reason) instead of leaving it looking locked forever.
 */
export async function failExpiredLastAttempts(db: Executor, expiredBefore: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ locked_by: null, last_error: EXPIRED_LOCK_ERROR })
    .where('locked_by', 'is not', null)
    .where('locked_at', '<', expiredBefore)
    .whereRef('attempts', '>=', 'max_attempts')
    .execute();
}

/** Delete the pending job with this key; a running one finishes but will not be retried. */
export async function cancelJob(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('jobs').where('job_key', '=', key).where('locked_by', 'is', null).execute();
  await db
    .updateTable('jobs')
    .set((eb) => ({ job_key: null, max_attempts: eb.ref('attempts') }))
    .where('job_key', '=', key)
    .execute();
}

/** `cancelJob` for many keys, in a few statements. */
export async function cancelJobs(db: Executor, keys: readonly string[]): Promise<void> {
  for (let first = 0; first < keys.length; first += ROWS_PER_STATEMENT) {
    const slice = keys.slice(first, first + ROWS_PER_STATEMENT);
    await db.deleteFrom('jobs').where('job_key', 'in', slice).where('locked_by', 'is', null).execute();
    await db
      .updateTable('jobs')
      .set((eb) => ({ job_key: null, max_attempts: eb.ref('attempts') }))
      .where('job_key', 'in', slice)
      .execute();
  }
}

export async function listFailedJobs(db: Executor): Promise<FailedJob[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['id', 'task', 'job_key', 'attempts', 'last_error'])
    .whereRef('attempts', '>=', 'max_attempts')
    .where('locked_by', 'is', null)
    .orderBy('locked_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    task: r.task,
    key: r.job_key,
    attempts: r.attempts,
    lastError: r.last_error,
  }));
}
