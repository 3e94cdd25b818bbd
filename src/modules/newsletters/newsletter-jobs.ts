// The newsletters' durable work: a minute tick that notices digests whose time has come, and
// the send itself, a job that carries on after a crash (the engine resumes from its rows).
import { systemActor } from '../staff/index.ts';
import { z } from 'zod';
import {
  defineJob,
  type AnyJobDefinition,
  type JobQueue,
  type RecurringSchedule,
} from '../../adapters/jobs/index.ts';
import type { Newsletters } from './newsletters.ts';

export const SEND_TASK = 'newsletters.send';
export const TICK_TASK = 'newsletters.tick';
export const sendJobKey = (issueId: string) => `newsletter-send:${issueId}`;

export function newsletterJobs(deps: {
  newsletters: () => Newsletters;
  jobs: () => JobQueue;
  leaseMs?: number;
}): AnyJobDefinition[] {
  return [
    defineJob({
      name: TICK_TASK,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      async handler() {
        for (const issueId of await deps.newsletters().dueIssues()) {
          await deps.jobs().enqueue(SEND_TASK, { issueId }, { key: sendJobKey(issueId) });
        }
      },
    }),
    defineJob({
      name: SEND_TASK,
      payload: z.object({ issueId: z.string().min(1).max(64) }),
      maxAttempts: 50,
      async handler({ issueId }, { signal }) {
        const outcome = await deps.newsletters().send(systemActor, issueId, { signal });
        if (outcome.state === 'waiting') {
          await deps
            .jobs()
            .enqueue(SEND_TASK, { issueId }, { key: sendJobKey(issueId), runAt: outcome.until });
        } else if (outcome.state === 'busy') {
          const runAt = new Date(Date.now() + (deps.leaseMs ?? 60_000));
          await deps.jobs().enqueue(SEND_TASK, { issueId }, { key: sendJobKey(issueId), runAt });
        }
      },
    }) as AnyJobDefinition,
  ];
}

/** Every minute: cheap (one query per list), and a digest goes out within a minute of its time. */
export function newsletterSchedules(): RecurringSchedule[] {
  return [
    { name: 'newsletters.digests', cron: '* * * * *', timeZone: 'UTC', task: TICK_TASK, catchUp: true },
  ];
}
