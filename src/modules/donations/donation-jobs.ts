import { z } from 'zod';
import { defineJob, type AnyJobDefinition, type RecurringSchedule } from '../../adapters/jobs/index.ts';
import { donationMailPayload } from './donation-mail-sender.ts';
import type { Donations } from './donations.ts';
import { RENEW_TEST_PLANS_TASK } from './test-renewals.ts';

/** The module's jobs; the handler reaches the service, built after the queue, when it runs. */
export function donationJobs(donations: () => Donations): AnyJobDefinition[] {
  return [
    defineJob({
      name: 'donations.mail',
      payload: donationMailPayload,
      maxAttempts: 8,
      handler: (p) => donations().sendMail(p),
    }),
    defineJob({
      name: RENEW_TEST_PLANS_TASK,
      payload: z.object({}).passthrough(),
      maxAttempts: 5,
      // Everything due, a batch at a time; each period is recorded once however often this runs.
      async handler() {
        for (;;) {
          const { renewed, due } = await donations().renewTestPlans({ batch: 100 });
          if (due <= 100 || renewed === 0) return;
        }
      },
    }),
  ] as AnyJobDefinition[];
}

/** The TEST rail's renewals: hourly, and once at start for an hour missed. */
export function donationSchedules(timeZone: string): RecurringSchedule[] {
  return [
    { name: 'test-rail-renewals', cron: '17 * * * *', timeZone, task: RENEW_TEST_PLANS_TASK, catchUp: true },
  ];
}
