// The default queue: polls our own `jobs` table through Kysely, so it needs nothing beyond the
// database Samizdat already has (SQLite for `samizdat serve`; PostgreSQL works too).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type {
  AnyJobDefinition,
  CancelOptions,
  EnqueueOptions,
  FailedJob,
  JobLog,
  JobQueue,
  KeyedJob,
} from './job-queue.types.ts';
import { lastPerKey } from './last-per-key.ts';
import { JobRegistry } from './job-registry.ts';
import { retryDelayMs } from './retry-delay.ts';
import { describeError } from './describe-error.ts';
import * as store from './embedded-job-store.ts';

export interface EmbeddedJobQueueOptions {
  /** How often to look for due jobs when nothing wakes the queue. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Jobs run at the same time by this process. Default 2. */
  concurrency?: number;
  /** A lock older than this (no heartbeat) means its worker died; the job runs again. Default 5 min. */
  lockExpiryMs?: number;
  /** On stop(), how long in-flight jobs get to finish before they are aborted and released. Default 10 s. */
  shutdownGraceMs?: number;
  /** Delay before the next attempt after `failedAttempts` failures. Default `retryDelayMs`. */
  retryDelay?: (failedAttempts: number) => number;
  /** The queue's clock (tests inject one). Default `() => new Date()`. */
  now?: () => Date;
  log?: JobLog;
}

interface InFlight {
  job: store.ClaimedJob;
  done: Promise<void>;
  abort: AbortController;
  heartbeat: NodeJS.Timeout;
}

export class EmbeddedJobQueue implements JobQueue {
  private readonly registry: JobRegistry;
  private readonly pollIntervalMs: number;
  private readonly concurrency: number;
  private readonly lockExpiryMs: number;
  private readonly shutdownGraceMs: number;
  private readonly retryDelay: (failedAttempts: number) => number;
  private readonly now: () => Date;
  private readonly log: JobLog;
  /** Prefix of this instance's claim tokens; a token is `<instance>:<n>`. */
  private readonly instance = randomUUID();
  private claims = 0;
  private readonly inFlight = new Set<InFlight>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private lastReap = 0;

  constructor(
    private readonly db: Db,
    definitions: readonly AnyJobDefinition[],
    options: EmbeddedJobQueueOptions = {},
  ) {
    this.registry = new JobRegistry(definitions);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.concurrency = options.concurrency ?? 2;
    this.lockExpiryMs = options.lockExpiryMs ?? 5 * 60_000;
    this.shutdownGraceMs = options.shutdownGraceMs ?? 10_000;
    this.retryDelay = options.retryDelay ?? ((n) => retryDelayMs(n));
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
  }

  get tasks(): readonly string[] {
    return this.registry.names;
  }

  async enqueue(task: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    const now = this.now();
    const job: store.NewJob = {
      task,
      payload: this.registry.serialize(task, payload),
      maxAttempts: this.registry.maxAttempts(task, options.maxAttempts),
      runAt: (options.runAt ?? now).toISOString(),
      key: options.key,
      now: now.toISOString(),
    };
    // In the caller's transaction the row is invisible until it commits: a wake now would find
    // nothing on PostgreSQL (the next poll does), and on SQLite it waits for the transaction.
    if (options.trx) await store.insertJob(options.trx, job);
    else if (job.key === undefined) await store.insertJob(this.db.kysely, job);
    else await this.db.kysely.transaction().execute((trx) => store.insertJob(trx, job));
    if (this.running) this.wake();
  }

  async cancel(key: string, options: CancelOptions = {}): Promise<void> {
    if (options.trx) await store.cancelJob(options.trx, key);
    else await this.db.kysely.transaction().execute((trx) => store.cancelJob(trx, key));
  }

  async enqueueMany(jobs: readonly KeyedJob[], options: CancelOptions = {}): Promise<void> {
    const now = this.now();
    const rows = [...lastPerKey(jobs).values()].map((j) => ({
      task: j.task,
      payload: this.registry.serialize(j.task, j.payload),
      maxAttempts: this.registry.maxAttempts(j.task, undefined),
      runAt: (j.runAt ?? now).toISOString(),
      key: j.key,
      now: now.toISOString(),
    }));
    if (rows.length === 0) return;
    if (options.trx) await store.insertKeyedJobs(options.trx, rows);
    else await this.db.kysely.transaction().execute((trx) => store.insertKeyedJobs(trx, rows));
    if (this.running) this.wake();
  }

  async cancelMany(keys: readonly string[], options: CancelOptions = {}): Promise<void> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return;
    if (options.trx) await store.cancelJobs(options.trx, unique);
    else await this.db.kysely.transaction().execute((trx) => store.cancelJobs(trx, unique));
  }

  failed(): Promise<FailedJob[]> {
    return store.listFailedJobs(this.db.kysely);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pumping;
    const pending = [...this.inFlight];
    if (pending.length === 0) return;
    let grace: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      grace = setTimeout(() => resolve('timeout'), this.shutdownGraceMs);
    });
    await Promise.race([Promise.all(pending.map((f) => f.done)), graceOver]);
    clearTimeout(grace);
    for (const flight of this.inFlight) {
      // Still running after the grace period: ask it to stop and hand the job back now rather
      // than after the lock expiry. If the handler finishes later, its claim token no longer
      // matches and its result is ignored; the job runs again elsewhere (at-least-once).
      flight.abort.abort(new Error('the job queue is shutting down'));
      clearInterval(flight.heartbeat);
      this.inFlight.delete(flight);
      await store.releaseJob(this.db.kysely, flight.job);
      this.log('warn', 'job released at shutdown', { jobId: flight.job.id, task: flight.job.task });
    }
  }

  async runUntilIdle(): Promise<void> {
    for (;;) {
      await this.pump();
      if (this.inFlight.size === 0) return;
      await Promise.race([...this.inFlight].map((f) => f.done));
    }
  }

  /** Look for work now (coalesced with a pump already in progress), then poll on the interval. */
  private wake(): void {
    clearTimeout(this.timer);
    void this.pump().finally(() => {
      if (!this.running) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.wake(), this.pollIntervalMs);
      this.timer.unref();
    });
  }

  /** Claim due jobs until every slot is busy or nothing is due. */
  private pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      try {
        do {
          this.pumpAgain = false;
          await this.reapIfDue();
          while (this.inFlight.size < this.concurrency) {
            const job = await this.claim();
            if (!job) break;
            this.launch(job);
          }
        } while (this.pumpAgain && this.inFlight.size < this.concurrency);
      } catch (error) {
        this.log('error', 'could not claim jobs', { error: describeError(error) });
      } finally {
        this.pumping = undefined;
      }
    })();
    return this.pumping;
  }

  private claim(): Promise<store.ClaimedJob | undefined> {
    const now = this.now();
    return store.claimJob(this.db.kysely, {
      tasks: this.registry.names,
      token: `${this.instance}:${++this.claims}`,
      now: now.toISOString(),
      expiredBefore: new Date(now.getTime() - this.lockExpiryMs).toISOString(),
      dialect: this.db.dialect,
    });
  }

  private async reapIfDue(): Promise<void> {
    const now = this.now().getTime();
    if (Math.abs(now - this.lastReap) < this.lockExpiryMs / 2) return;
    this.lastReap = now;
    await store.failExpiredLastAttempts(this.db.kysely, new Date(now - this.lockExpiryMs).toISOString());
  }

  private launch(job: store.ClaimedJob): void {
    const abort = new AbortController();
    const heartbeat = setInterval(() => {
      store.heartbeat(this.db.kysely, job, this.now().toISOString()).catch((error: unknown) => {
        this.log('warn', 'job heartbeat failed', { jobId: job.id, error: describeError(error) });
      });
    }, this.lockExpiryMs / 3);
    heartbeat.unref();
    const flight: InFlight = { job, abort, heartbeat, done: Promise.resolve() };
    flight.done = this.execute(job, abort.signal).finally(() => {
      clearInterval(heartbeat);
      // Deleted here unless stop() already released it; either way, the slot is free.
      if (this.inFlight.delete(flight) && this.running) this.wake();
    });
    this.inFlight.add(flight);
  }

  private async execute(job: store.ClaimedJob, signal: AbortSignal): Promise<void> {
    try {
      const payload = this.registry.parse(job.task, job.payload);
      await this.registry
        .get(job.task)
        .handler(payload, { jobId: String(job.id), attempt: job.attempts, signal });
    } catch (error) {
      await this.recordFailure(job, error);
      return;
    }
    try {
      await store.completeJob(this.db.kysely, job);
    } catch (error) {
      // The work is done but not recorded: after the lock expires it runs again (idempotently).
      this.log('error', 'could not record a finished job', { jobId: job.id, error: describeError(error) });
    }
  }

  private async recordFailure(job: store.ClaimedJob, error: unknown): Promise<void> {
    const now = this.now();
    const exhausted = job.attempts >= job.maxAttempts;
    this.log(exhausted ? 'error' : 'warn', exhausted ? 'job failed for good' : 'job failed, will retry', {
      jobId: job.id,
      task: job.task,
      attempt: job.attempts,
      error: describeError(error),
    });
    const retryAt = new Date(now.getTime() + this.retryDelay(job.attempts)).toISOString();
    try {
      await store.failJob(this.db.kysely, job, describeError(error), now.toISOString(), retryAt);
    } catch (dbError) {
      this.log('error', 'could not record a failed job', { jobId: job.id, error: describeError(dbError) });
    }
  }
}
