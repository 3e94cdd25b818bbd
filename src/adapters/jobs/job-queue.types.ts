// The job queue as the rest of Samizdat sees it. Two adapters implement it: the embedded
// queue (our `jobs` table, SQLite or PostgreSQL) and graphile-worker (PostgreSQL).
// Delivery is at-least-once: a job may run twice (a worker dies after the work but before
// recording it), never zero times. Handlers must therefore be idempotent.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';

export interface JobContext {
  /** The queue's id for this job; stable across retries. */
  jobId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** Aborted when the worker is shutting down: stop early and throw, the job will run again. */
  signal: AbortSignal;
}

/** A task: its name, the shape of its payload, and an idempotent handler. */
export interface JobDefinition<P> {
  name: string;
  /** Describes the payload as JSON (what is stored is `JSON.stringify` of the parsed value). */
  payload: z.ZodType<P>;
  /** Runs before the job is kept as failed. Default 10. */
  maxAttempts?: number;
  handler(payload: P, ctx: JobContext): Promise<void>;
}

/** Any definition, whatever its payload type; what `createJobQueue` accepts. */
export type AnyJobDefinition = JobDefinition<unknown>;

export interface EnqueueOptions {
  /** Not before this time. Default: now. */
  runAt?: Date;
  /**
   * At most one pending job per key: enqueueing the same key again replaces the pending job
   * (task, payload, runAt, attempts), which is how a job is rescheduled. If the keyed job is
   * running at that moment, it finishes and the new one is queued after it.
   */
  key?: string;
  /** Overrides the definition's maxAttempts. */
  maxAttempts?: number;
  /**
   * Enqueue as part of this Kysely transaction (on the same database as the queue): the job
   * exists only if the transaction commits. Use it to pair a domain write with its follow-up,
   * and always from inside a transaction: on SQLite a second transaction would wait for yours.
   */
  trx?: Kysely<Database>;
}

/** One of many jobs enqueued together. */
export interface KeyedJob {
  task: string;
  payload: unknown;
  key: string;
  runAt?: Date;
}

export interface CancelOptions {
  /** Cancel as part of this transaction: the pending job is gone only if it commits. */
  trx?: Kysely<Database>;
}

/** A job that used up its attempts. Kept, with its last error, until someone acts on it. */
export interface FailedJob {
  id: string;
  task: string;
  key: string | null;
  attempts: number;
  lastError: string | null;
}

export interface JobQueue {
  /** The task names this queue has definitions for. */
  readonly tasks: readonly string[];
  /**
   * Validate the payload with the task's schema and store the job. An unknown task throws
   * Error; an invalid payload throws ValidationError; in both cases nothing is stored.
   */
  enqueue(task: string, payload: unknown, options?: EnqueueOptions): Promise<void>;
  /**
   * Remove the pending job with this key (no-op when there is none). A job with this key that is
   * running finishes, but is not retried if it fails.
   */
  cancel(key: string, options?: CancelOptions): Promise<void>;
  /**
   * Many keyed jobs at once, as many `enqueue` calls would leave them (a key listed twice: the
   * last one), in a few statements: an import's batch of articles. Validated first: an unknown
   * task or invalid payload throws and nothing is stored.
   */
  enqueueMany(jobs: readonly KeyedJob[], options?: CancelOptions): Promise<void>;
  /** `cancel` for many keys at once. */
  cancelMany(keys: readonly string[], options?: CancelOptions): Promise<void>;
  /** Jobs that ran out of attempts, oldest first. */
  failed(): Promise<FailedJob[]>;
  /** Begin working. Only in processes that run workers; enqueue works without it. */
  start(): Promise<void>;
  /** Stop working: in-flight jobs finish, or (after a grace period) are released to run again. */
  stop(): Promise<void>;
  /** Test helper: run every job due now in this process, then return. */
  runUntilIdle?(): Promise<void>;
}

/** A job enqueued on a cron schedule, evaluated in an IANA time zone. */
export interface RecurringSchedule {
  /** Stable identifier; part of the job key and of the `job_schedules` row. */
  name: string;
  /** Five fields: minute hour day-of-month month day-of-week ("0 9 * * 5": Fridays 09:00). */
  cron: string;
  /** IANA time zone the cron is read in, e.g. "Asia/Tbilisi". */
  timeZone: string;
  task: string;
  /** Default `{}`. */
  payload?: unknown;
  /**
   * When a fire time passed while no scheduler was running: true fires it once at start
   * (one run, however many were missed); false skips to the next fire time.
   */
  catchUp: boolean;
}

/** Where the queue reports what it cannot throw to anyone (failed runs, lost connections). */
export type JobLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;
