// When a digest goes out: its list's cron (default Fridays 09:00) read in the site's TIMEZONE,
// so "09:00" stays 09:00 local across daylight-saving changes. Pure; the recurring scheduler's
// fire-time rules do the calendar work.
import { nextFireTime } from '../../adapters/jobs/index.ts';

export const DEFAULT_DIGEST_CRON = '0 9 * * 5';

export interface DigestScheduleInput {
  /** The list's cron; null: the default. */
  cron: string | null;
  timeZone: string;
  /** When the previous issue went out (or the list's first draft was made). */
  after: Date;
}

/** The first send time strictly after `after`; null if the cron never fires again. */
export function nextDigestTime(input: DigestScheduleInput): Date | null {
  return nextFireTime({ cron: input.cron ?? DEFAULT_DIGEST_CRON, timeZone: input.timeZone }, input.after);
}

/** Whether the digest collecting since `after` is due at `now`, and when it was (or will be). */
export function digestDue(input: DigestScheduleInput & { now: Date }): { due: boolean; at: Date | null } {
  const at = nextDigestTime(input);
  return { due: at !== null && at.getTime() <= input.now.getTime(), at };
}
