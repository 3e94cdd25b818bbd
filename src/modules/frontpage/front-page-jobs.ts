import { z } from 'zod';
import type { AnyJobDefinition } from '../../adapters/jobs/index.ts';

export const BREAKING_EXPIRED_TASK = 'frontpage.breaking-expired';
/** One pending expiry: a new strip replaces it, removing the strip cancels it. */
export const BREAKING_EXPIRY_JOB_KEY = 'frontpage:breaking-expiry';

/**
 * At a breaking strip's expiry, drop the cached pages that show it (here and, through the change
 * feed, in every other process). A fresh render leaves an expired strip out by itself; this job
 * is what keeps a cached copy from outliving it. Dropping twice only costs a render.
 */
export function frontPageJobs(deps: { onExpired: () => void }): AnyJobDefinition[] {
  return [
    {
      name: BREAKING_EXPIRED_TASK,
      payload: z.object({}).strict(),
      async handler() {
        deps.onExpired();
      },
    } as AnyJobDefinition,
  ];
}
