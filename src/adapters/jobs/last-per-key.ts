import type { KeyedJob } from './job-queue.types.ts';

/** Jobs enqueued together, one per key: the last one for each, as successive enqueues would leave it. */
export function lastPerKey(jobs: readonly KeyedJob[]): Map<string, KeyedJob> {
  const byKey = new Map<string, KeyedJob>();
  for (const job of jobs) {
    byKey.delete(job.key);
    byKey.set(job.key, job);
  }
  return byKey;
}
