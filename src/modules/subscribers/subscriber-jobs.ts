import { z } from 'zod';
import type { AnyJobDefinition, RecurringSchedule } from '../../adapters/jobs/index.ts';
import { EXPIRE_SIGNUP_TASK } from './newsletter-signup.ts';

export const EXPIRE_SWEEP_TASK = 'subscribers.expire-sweep';
export const FOLD_COUNTS_TASK = 'subscribers.fold-counts';

/**
 * Unconfirmed signups are deleted when their link expires: one keyed job per signup (a new signup
 * of the same address replaces it), and an hourly sweep for any a lost job left. Both idempotent.
 */
export function subscriberJobs(deps: {
  expire: (subscriberId?: string) => Promise<number>;
  /** Folds the counts' appended changes into their totals (kept-counts.ts). */
  foldCounts: () => Promise<void>;
}): AnyJobDefinition[] {
  return [
    {
      name: EXPIRE_SIGNUP_TASK,
      payload: z.object({ subscriberId: z.string().min(1).max(100) }).strict(),
      async handler(payload: { subscriberId: string }) {
        await deps.expire(payload.subscriberId);
      },
    } as AnyJobDefinition,
    {
      name: EXPIRE_SWEEP_TASK,
      payload: z.object({}).strict(),
      async handler() {
        while ((await deps.expire()) >= 1000) {
          // a batch at a time, until none is left
        }
      },
    } as AnyJobDefinition,
    {
      name: FOLD_COUNTS_TASK,
      payload: z.object({}).strict(),
      async handler() {
        await deps.foldCounts();
      },
    } as AnyJobDefinition,
  ];
}

export function subscriberSchedules(timeZone: string): RecurringSchedule[] {
  return [
    {
      name: 'subscribers-expire-sweep',
      cron: '23 * * * *',
      timeZone,
      task: EXPIRE_SWEEP_TASK,
      catchUp: true,
    },
    // Between reads of the counts their changes pile up (a big import: two per row); fold them.
    {
      name: 'subscribers-fold-counts',
      cron: '*/10 * * * *',
      timeZone,
      task: FOLD_COUNTS_TASK,
      catchUp: false,
    },
  ];
}
