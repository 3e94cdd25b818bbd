// Turns RecurringSchedules into jobs, on either queue. Every worker process may run one: a
// fire time is claimed by a compare-and-set on `job_schedules.last_fired_at` in the same
// transaction that enqueues the run, so exactly one process enqueues it, and the run's job key
// (`schedule:<name>:<fire time>`) keeps even a replayed enqueue to a single pending job.
import type { Cron } from 'croner';
import type { Db } from '../../db/connect.ts';
import { describeError } from './describe-error.ts';
import { decideScheduledRun, nextFireTime, parseCron, scheduleJobKey } from './fire-times.ts';
import type { JobLog, JobQueue, RecurringSchedule } from './job-queue.types.ts';

export interface RecurringSchedulerOptions {
  /** The scheduler's clock (tests inject one). Default `() => new Date()`. */
  now?: () => Date;
  /** A fire time at most this old counts as on time rather than missed. Default 5 min. */
  graceMs?: number;
  /** Longest sleep between ticks, so clock jumps and other processes' progress are noticed. Default 60 s. */
  maxSleepMs?: number;
  log?: JobLog;
}

interface Entry {
  schedule: RecurringSchedule;
  cron: Cron;
}

export class RecurringScheduler {
  private readonly entries: Entry[];
  private readonly now: () => Date;
  private readonly graceMs: number;
  private readonly maxSleepMs: number;
  private readonly log: JobLog;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private ticking: Promise<unknown> | undefined;

  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue,
    schedules: readonly RecurringSchedule[],
    options: RecurringSchedulerOptions = {},
  ) {
    const names = new Set<string>();
    this.entries = schedules.map((schedule) => {
      const where = `recurring schedule "${schedule.name}"`;
      if (names.has(schedule.name)) throw new Error(`${where} is defined twice`);
      names.add(schedule.name);
      if (!queue.tasks.includes(schedule.task))
        throw new Error(`${where}: unknown job task "${schedule.task}"`);
      try {
        return { schedule, cron: parseCron(schedule) };
      } catch (error) {
        throw new Error(`${where}: ${describeError(error)}`);
      }
    });
    this.now = options.now ?? (() => new Date());
    this.graceMs = options.graceMs ?? 5 * 60_000;
    this.maxSleepMs = options.maxSleepMs ?? 60_000;
    this.log = options.log ?? (() => {});
  }

  /** Tick now (this is when missed runs catch up), then whenever the next fire time comes. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.ticking?.catch(() => {});
  }

  /**
   * Handle every schedule once at the scheduler's `now`; returns the job keys this call
   * enqueued. A schedule's error is logged and rethrown after the others had their turn.
   */
  async tick(): Promise<string[]> {
    const { enqueued, errors } = await this.tickAll();
    if (errors.length > 0) throw errors[0];
    return enqueued;
  }

  private async loop(): Promise<void> {
    const promise = this.tickAll();
    this.ticking = promise;
    const { next } = await promise;
    if (!this.running) return;
    const wait = next ? next.getTime() - this.now().getTime() : this.maxSleepMs;
    this.timer = setTimeout(() => void this.loop(), Math.min(this.maxSleepMs, Math.max(50, wait)));
    this.timer.unref();
  }

  private async tickAll(): Promise<{ enqueued: string[]; next: Date | null; errors: unknown[] }> {
    const enqueued: string[] = [];
    const errors: unknown[] = [];
    let next: Date | null = null;
    for (const entry of this.entries) {
      try {
        const result = await this.tickOne(entry);
        if (result.key) enqueued.push(result.key);
        if (result.next && (!next || result.next < next)) next = result.next;
      } catch (error) {
        errors.push(error);
        this.log('error', 'recurring schedule failed to enqueue', {
          schedule: entry.schedule.name,
          error: describeError(error),
        });
      }
    }
    return { enqueued, next, errors };
  }

  private async tickOne({ schedule, cron }: Entry): Promise<{ key?: string; next: Date | null }> {
    const now = this.now();
    const row = await this.db.kysely
      .selectFrom('job_schedules')
      .select('last_fired_at')
      .where('name', '=', schedule.name)
      .executeTakeFirst();
    if (!row) {
      // First sight of this schedule: nothing before now counts as missed.
      await this.db.kysely
        .insertInto('job_schedules')
        .values({ name: schedule.name, last_fired_at: now.toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      return { next: nextFireTime(cron, now) };
    }
    const decision = decideScheduledRun({
      spec: cron,
      catchUp: schedule.catchUp,
      lastFiredAt: new Date(row.last_fired_at),
      now,
      graceMs: this.graceMs,
    });
    if (decision.action === 'wait') return { next: decision.next };

    const key = scheduleJobKey(schedule.name, decision.fireTime);
    const claimed = await this.db.kysely.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('job_schedules')
        .set({ last_fired_at: decision.fireTime.toISOString() })
        .where('name', '=', schedule.name)
        .where('last_fired_at', '=', row.last_fired_at)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false; // another process got there first
      if (decision.action === 'fire') {
        await this.queue.enqueue(schedule.task, schedule.payload ?? {}, {
          key,
          runAt: decision.fireTime,
          trx,
        });
      }
      return true;
    });
    const next = nextFireTime(cron, decision.fireTime);
    if (!claimed) return { next };
    if (decision.action === 'skip') {
      this.log('info', 'recurring schedule skipped a missed run', { schedule: schedule.name, key });
      return { next };
    }
    return { key, next };
  }
}
