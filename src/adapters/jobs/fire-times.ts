// Pure rules of the recurring scheduler: when does a schedule fire, and what to do about a fire
// time found in the past. Croner reads the cron in the schedule's IANA time zone, so "09:00"
// stays 09:00 local across DST changes. On a spring-forward day a local time that does not
// exist (02:30 in Berlin) fires an hour later, once; on a fall-back day a local time that
// happens twice fires once.
import { Cron } from 'croner';

export interface CronSpec {
  cron: string;
  timeZone: string;
}

/** A paused croner instance (never schedules timers); throws a message naming the problem. */
export function parseCron(spec: CronSpec): Cron {
  const fields = spec.cron.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new Error(`cron "${spec.cron}" must have 5 fields (minute hour day-of-month month day-of-week)`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: spec.timeZone });
  } catch {
    throw new Error(`"${spec.timeZone}" is not an IANA time zone such as Europe/Berlin`);
  }
  return new Cron(spec.cron, { timezone: spec.timeZone, paused: true });
}

/** The first fire time strictly after `after`; null when the cron never fires again. */
export function nextFireTime(spec: CronSpec | Cron, after: Date): Date | null {
  const cron = spec instanceof Cron ? spec : parseCron(spec);
  return cron.nextRun(after);
}

/**
 * The latest fire time in (since, until], or null when there is none. Searches backwards from
 * `until` in widening windows, so a long downtime does not mean stepping through every minute.
 */
export function latestFireTime(spec: CronSpec | Cron, since: Date, until: Date): Date | null {
  const cron = spec instanceof Cron ? spec : parseCron(spec);
  for (let window = 60_000; ; window *= 4) {
    const from = new Date(Math.max(since.getTime(), until.getTime() - window));
    let latest: Date | null = null;
    for (let t = cron.nextRun(from); t && t.getTime() <= until.getTime(); t = cron.nextRun(t)) latest = t;
    if (latest || from.getTime() <= since.getTime()) return latest;
  }
}

export type ScheduleDecision =
  /** Nothing due; look again at `next` (null: never). */
  | { action: 'wait'; next: Date | null }
  /** Enqueue the run for `fireTime`, then record it as the latest handled fire time. */
  | { action: 'fire'; fireTime: Date }
  /** A run was missed and the schedule does not catch up: record `fireTime` as handled, enqueue nothing. */
  | { action: 'skip'; fireTime: Date };

export interface DecisionInput {
  spec: CronSpec | Cron;
  catchUp: boolean;
  /** The latest fire time already handled (fired or skipped). */
  lastFiredAt: Date;
  now: Date;
  /** A fire time at most this old is on time, not missed (a tick may come late). */
  graceMs: number;
}

/**
 * What to do at `now`. Only the latest due fire time matters: after downtime a schedule fires
 * once (with catchUp), never once per missed slot.
 */
export function decideScheduledRun(input: DecisionInput): ScheduleDecision {
  const { spec, catchUp, lastFiredAt, now, graceMs } = input;
  const due = latestFireTime(spec, lastFiredAt, now);
  if (!due) return { action: 'wait', next: nextFireTime(spec, lastFiredAt > now ? lastFiredAt : now) };
  const onTime = now.getTime() - due.getTime() <= graceMs;
  return onTime || catchUp ? { action: 'fire', fireTime: due } : { action: 'skip', fireTime: due };
}

/** The job key of one run: the same in every process, so a run is enqueued at most once. */
export function scheduleJobKey(name: string, fireTime: Date): string {
  return `schedule:${name}:${fireTime.toISOString()}`;
}
