// The PostgreSQL queue: graphile-worker 0.17 in its own schema, with LISTEN/NOTIFY for instant
// pickup, SKIP LOCKED claims and its own migrations. Differences from the embedded queue worth
// knowing: retries back off as exp(min(attempt, 10)) seconds (fixed by graphile-worker), and a
// job held by a dead worker is released after graphile-worker's fixed 4-hour lock expiry (a
// graceful stop() releases in-flight jobs at once).
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import type pg from 'pg';
import type { Logger, Runner, RunnerOptions, TaskList, WorkerUtils } from 'graphile-worker';
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
import { describeError } from './describe-error.ts';
import { lastPerKey } from './last-per-key.ts';
import { JobRegistry } from './job-registry.ts';

// graphile-worker and the PostgreSQL driver are loaded when a PostgreSQL queue is made: the
// embedded queue's processes (SQLite) never hold them. Both are CommonJS, so loading is synchronous.
const load = createRequire(import.meta.url);
const graphile = () => load('graphile-worker') as typeof import('graphile-worker');
const pgDriver = () => load('pg') as typeof pg;

export interface GraphileJobQueueOptions {
  /** graphile-worker's own schema. Default `<db.schema>_jobs` when the Db has a schema, else `graphile_worker`. */
  schema?: string;
  /** Fallback poll interval; new jobs are picked up at once through LISTEN/NOTIFY. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Jobs run at the same time by this process. Default 2. */
  concurrency?: number;
  /** On stop(), how long in-flight jobs get before their AbortSignal fires. Default 10 s. */
  shutdownGraceMs?: number;
  /** How often to look for jobs whose (4-hour) lock expired. graphile-worker's default: 8-10 min. */
  staleLockScanMs?: number;
  log?: JobLog;
}

export class GraphileJobQueue implements JobQueue {
  readonly schema: string;
  private readonly registry: JobRegistry;
  private readonly options: GraphileJobQueueOptions;
  private readonly logger: Logger;
  private pool: pg.Pool | undefined;
  private utils: Promise<WorkerUtils> | undefined;
  private runner: Runner | undefined;

  constructor(
    private readonly db: Db,
    definitions: readonly AnyJobDefinition[],
    options: GraphileJobQueueOptions = {},
  ) {
    if (db.dialect !== 'postgres' || !db.url) throw new Error('the graphile-worker queue needs PostgreSQL');
    this.registry = new JobRegistry(definitions);
    this.options = options;
    this.schema = options.schema ?? (db.schema ? `${db.schema}_jobs` : 'graphile_worker');
    const log = options.log ?? (() => {});
    this.logger = new (graphile().Logger)(() => (level, message, meta) => {
      const name = String(level);
      if (name === 'error' || name === 'warning') {
        log(name === 'error' ? 'error' : 'warn', message, { ...meta });
      } else if (name === 'info') log('info', message);
    });
  }

  get tasks(): readonly string[] {
    return this.registry.names;
  }

  async enqueue(task: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    const json = this.registry.serialize(task, payload);
    const maxAttempts = this.registry.maxAttempts(task, options.maxAttempts);
    const utils = await this.ready();
    if (options.trx) {
      // Same function graphile-worker's addJob calls, but on the caller's connection, inside its
      // transaction: the row (and the NOTIFY that wakes workers) exists only once it commits.
      await sql`select ${sql.id(this.schema, 'add_job')}(
          identifier => ${task},
          payload => ${json}::json,
          run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
          max_attempts => ${maxAttempts}::int,
          job_key => ${options.key ?? null}::text,
          job_key_mode => 'replace'
        )`.execute(options.trx);
      return;
    }
    await utils.addJob(task, JSON.parse(json) as unknown, {
      runAt: options.runAt,
      maxAttempts,
      jobKey: options.key,
      jobKeyMode: options.key === undefined ? undefined : 'replace',
    });
  }

  async cancel(key: string, options: CancelOptions = {}): Promise<void> {
    const utils = await this.ready();
    if (options.trx) {
      await sql`select ${sql.id(this.schema, 'remove_job')}(${key}::text)`.execute(options.trx);
      return;
    }
    // WorkerUtils 0.17 has no removeJob(); this is the SQL function it would call.
    await utils.withPgClient((client) =>
      client.query(`select ${this.quotedSchema}.remove_job($1::text)`, [key]),
    );
  }

  async enqueueMany(jobs: readonly KeyedJob[], options: CancelOptions = {}): Promise<void> {
    // graphile-worker's add_jobs, which add_job's 'replace' mode calls with one spec: one call
    // for them all. A key may appear once per call (an upsert cannot touch a row twice).
    const specs = [...lastPerKey(jobs).values()].map((j) => ({
      identifier: j.task,
      payload: JSON.parse(this.registry.serialize(j.task, j.payload)) as unknown,
      run_at: j.runAt?.toISOString() ?? null,
      max_attempts: this.registry.maxAttempts(j.task, undefined),
      job_key: j.key,
    }));
    if (specs.length === 0) return;
    await this.ready();
    const spec = sql.id(this.schema, 'job_spec');
    const query = sql`select count(*) from ${sql.id(this.schema, 'add_jobs')}(
        array(select s from json_populate_recordset(null::${spec}, ${JSON.stringify(specs)}::json) s),
        false
      )`;
    if (options.trx) await query.execute(options.trx);
    else await query.execute(this.db.kysely);
  }

  async cancelMany(keys: readonly string[], options: CancelOptions = {}): Promise<void> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return;
    await this.ready();
    const query = sql`select count(${sql.id(this.schema, 'remove_job')}(k)) from unnest(${unique}::text[]) k`;
    if (options.trx) await query.execute(options.trx);
    else await query.execute(this.db.kysely);
  }

  async failed(): Promise<FailedJob[]> {
    const utils = await this.ready();
    const { rows } = await utils.withPgClient((client) =>
      client.query<{
        id: string;
        task_identifier: string;
        key: string | null;
        attempts: number;
        last_error: string | null;
      }>(
        `select id, task_identifier, key, attempts, last_error from ${this.quotedSchema}.jobs
          where attempts >= max_attempts and locked_at is null order by updated_at, id`,
      ),
    );
    return rows.map((r) => ({
      id: String(r.id),
      task: r.task_identifier,
      key: r.key,
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  async start(): Promise<void> {
    if (this.runner) return;
    await this.ready();
    const { staleLockScanMs } = this.options;
    this.runner = await graphile().run(
      {
        ...this.runnerOptions(),
        concurrency: this.options.concurrency ?? 2,
        pollInterval: this.options.pollIntervalMs ?? 1000,
        gracefulShutdownAbortTimeout: this.options.shutdownGraceMs ?? 10_000,
        ...(staleLockScanMs
          ? { minResetLockedInterval: staleLockScanMs / 2, maxResetLockedInterval: staleLockScanMs }
          : {}),
      },
      undefined,
      [], // no graphile crontab: recurring jobs come from recurring-scheduler.ts
    );
  }

  async stop(): Promise<void> {
    const { runner, utils, pool } = this;
    this.runner = undefined;
    this.utils = undefined;
    this.pool = undefined;
    // Graceful: in-flight jobs finish; after shutdownGraceMs their signal aborts, and jobs
    // that still do not finish are failed (released) so another worker retries them.
    // A runner that already stopped itself (after a fatal error it has logged) is simply done.
    await runner?.stop().catch((err: unknown) => {
      if (!/already stopped/i.test((err as Error)?.message ?? '')) throw err;
    });
    await (await utils?.catch(() => undefined))?.release();
    await pool?.end();
  }

  async runUntilIdle(): Promise<void> {
    await this.ready();
    await graphile().runOnce(this.runnerOptions());
  }

  private get quotedSchema(): string {
    return `"${this.schema.replaceAll('"', '""')}"`;
  }

  private runnerOptions(): RunnerOptions {
    return {
      pgPool: this.getPool(),
      schema: this.schema,
      logger: this.logger,
      noHandleSignals: true, // the composition root owns signals and calls stop()
      taskList: this.taskList(),
      // With batching on (even at 0 ms), graphile-worker awaits the recording of every finished
      // job before stop() resolves; without it, a result written as the pool closes can be lost
      // and the job would rerun only after the 4-hour lock expiry.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    };
  }

  private getPool(): pg.Pool {
    if (!this.pool) {
      this.pool = new (pgDriver().Pool)({
        connectionString: this.db.url,
        max: (this.options.concurrency ?? 2) + 4,
      });
      // A client losing its connection must not crash the process; the pool replaces it.
      const report = (error: Error) => this.logger.error(`job queue database connection: ${error.message}`);
      this.pool.on('error', report);
      this.pool.on('connect', (client) => client.on('error', report));
    }
    return this.pool;
  }

  /** WorkerUtils on a migrated schema, created on first use (web processes enqueue without start()). */
  private ready(): Promise<WorkerUtils> {
    this.utils ??= (async () => {
      const utils = await graphile().makeWorkerUtils({
        pgPool: this.getPool(),
        schema: this.schema,
        logger: this.logger,
      });
      await utils.migrate();
      return utils;
    })();
    this.utils.catch(() => (this.utils = undefined));
    return this.utils;
  }

  private taskList(): TaskList {
    const tasks: TaskList = {};
    for (const name of this.registry.names) {
      tasks[name] = async (payload, helpers) => {
        const parsed = this.registry.parse(name, payload);
        try {
          await this.registry.get(name).handler(parsed, {
            jobId: String(helpers.job.id),
            attempt: helpers.job.attempts,
            signal: helpers.abortSignal,
          });
        } catch (error) {
          // graphile-worker keeps the error in its jobs table and logs it: the message only,
          // without any address a mail server quoted (describe-error.ts).
          const kept = new Error(describeError(error));
          kept.stack = kept.message;
          throw kept;
        }
      };
    }
    return tasks;
  }
}
