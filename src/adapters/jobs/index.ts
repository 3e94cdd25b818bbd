import type { Db } from '../../db/connect.ts';
import { EmbeddedJobQueue, type EmbeddedJobQueueOptions } from './embedded-job-queue.ts';
import { GraphileJobQueue, type GraphileJobQueueOptions } from './graphile-job-queue.ts';
import type { AnyJobDefinition, JobLog, JobQueue, RecurringSchedule } from './job-queue.types.ts';
import { RecurringScheduler, type RecurringSchedulerOptions } from './recurring-scheduler.ts';

export type * from './job-queue.types.ts';
export { defineJob, DEFAULT_MAX_ATTEMPTS } from './job-registry.ts';
export { EmbeddedJobQueue, type EmbeddedJobQueueOptions } from './embedded-job-queue.ts';
export { GraphileJobQueue, type GraphileJobQueueOptions } from './graphile-job-queue.ts';
export { RecurringScheduler, type RecurringSchedulerOptions } from './recurring-scheduler.ts';
export { nextFireTime, decideScheduledRun, scheduleJobKey } from './fire-times.ts';
export { retryDelayMs } from './retry-delay.ts';

export interface CreateJobQueueOptions {
  /** Default: graphile-worker on PostgreSQL, the embedded queue on SQLite. */
  backend?: 'embedded' | 'graphile';
  /** Recurring jobs; their scheduler starts and stops with the queue. */
  schedules?: readonly RecurringSchedule[];
  /** Default 2. */
  concurrency?: number;
  /** Default 1000 ms. */
  pollIntervalMs?: number;
  /** Default 10 s. */
  shutdownGraceMs?: number;
  log?: JobLog;
  /** Fine-tuning of one backend or of the scheduler (tests inject clocks here). */
  embedded?: EmbeddedJobQueueOptions;
  graphile?: GraphileJobQueueOptions;
  scheduler?: RecurringSchedulerOptions;
}

/** The queue for this database, with its recurring schedules. Called by the composition root. */
export function createJobQueue(
  db: Db,
  definitions: readonly AnyJobDefinition[],
  options: CreateJobQueueOptions = {},
): JobQueue {
  const backend = options.backend ?? (db.dialect === 'postgres' ? 'graphile' : 'embedded');
  const common = {
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
    ...(options.shutdownGraceMs !== undefined ? { shutdownGraceMs: options.shutdownGraceMs } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
  const queue =
    backend === 'graphile'
      ? new GraphileJobQueue(db, definitions, { ...common, ...options.graphile })
      : new EmbeddedJobQueue(db, definitions, { ...common, ...options.embedded });
  if (!options.schedules?.length) return queue;
  const scheduler = new RecurringScheduler(db, queue, options.schedules, {
    ...(options.log ? { log: options.log } : {}),
    ...options.scheduler,
  });
  return withScheduler(queue, scheduler);
}

/** The queue, with start() and stop() also driving the scheduler (only worker processes start). */
function withScheduler(queue: JobQueue, scheduler: RecurringScheduler): JobQueue {
  return {
    get tasks() {
      return queue.tasks;
    },
    enqueue: (task, payload, options) => queue.enqueue(task, payload, options),
    cancel: (key, options) => queue.cancel(key, options),
    enqueueMany: (jobs, options) => queue.enqueueMany(jobs, options),
    cancelMany: (keys, options) => queue.cancelMany(keys, options),
    failed: () => queue.failed(),
    async start() {
      await queue.start();
      await scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await queue.stop();
    },
    ...(queue.runUntilIdle ? { runUntilIdle: () => queue.runUntilIdle?.() ?? Promise.resolve() } : {}),
  };
}
