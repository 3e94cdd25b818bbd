import type { Services } from '../container.ts';
import { enqueueStaleParts } from '../modules/site/index.ts';

/**
 * Start the background jobs of this process, with what each start owes: the article page parts
 * an upgraded renderer no longer makes are re-rendered (one keyed job; nothing to do is one query).
 */
export async function startJobs(services: Pick<Services, 'jobs'>): Promise<void> {
  await enqueueStaleParts(services.jobs);
  await services.jobs.start();
}
