import { z } from 'zod';
import type { AnyJobDefinition, RecurringSchedule } from '../../adapters/jobs/index.ts';

export const PUBLISH_DUE_TASK = 'articles.publish-due';
/** The pending publication of one scheduled article: rescheduling replaces it, unscheduling cancels it. */
export const publishJobKey = (articleId: string) => `publish:${articleId}`;

/**
 * Scheduled publishing. Each scheduled article enqueues a keyed job at its time, and a sweep
 * runs every minute as well, so an article whose moment passed while the service was down is
 * published as soon as a worker starts. The handler publishes whatever is due: running it twice
 * publishes nothing twice.
 */
export function articleJobs(deps: { publishDue: () => Promise<unknown> }): AnyJobDefinition[] {
  return [
    {
      name: PUBLISH_DUE_TASK,
      payload: z.object({}).strict(),
      maxAttempts: 25,
      async handler() {
        await deps.publishDue();
      },
    } as AnyJobDefinition,
  ];
}

export function articleSchedules(timeZone: string): RecurringSchedule[] {
  return [{ name: 'publish-due-sweep', cron: '* * * * *', timeZone, task: PUBLISH_DUE_TASK, catchUp: true }];
}
