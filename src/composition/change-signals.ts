// What a committed change invalidates: the cached pages here, the other processes (through the
// change feed), and with MIRROR_DIR the static mirror.
import type { JobQueue } from '../adapters/jobs/index.ts';
import { createChangeFeed, type ChangeFeed } from '../modules/change-feed/index.ts';
import { MIRROR_EXPORT_TASK, MIRROR_JOB_KEY } from '../modules/mirrors/index.ts';
import { cacheTags, PageCache } from '../web/cache/index.ts';
import type { Context } from './context.ts';

export interface ChangeSignals {
  pageCache: PageCache;
  changeFeed: ChangeFeed;
  /** Where this process starts reading other processes' changes (undefined: it does not). */
  feedStart: number | undefined;
  /**
   * A change committed here: drop the pages it affects, and tell the other processes. Runs after
   * the commit, so it never throws: a failure here must not turn a saved change into an error.
   */
  changed(names: string[]): void;
  /** A change to settings, taxonomy, media or lists: every page. */
  clearAll(): void;
  frontPageChanged(): void;
}

export async function createChangeSignals(
  { config, db, log, clock }: Context,
  options: { follow: boolean; jobs: () => JobQueue },
): Promise<ChangeSignals> {
  const pageCache = new PageCache({ maxBytes: config.PAGE_CACHE_MB * 1024 * 1024 });
  const changeFeed = createChangeFeed({ db, log, ...clock });
  // Where this process starts reading other processes' changes: taken before settings are read,
  // so a settings change committed in between is still applied here.
  const feedStart = options.follow ? await changeFeed.latestId() : undefined;
  const changed = (names: string[]) => {
    try {
      for (const name of names) pageCache.invalidate(name);
      changeFeed.publish(names);
    } catch (error) {
      log('error', 'could not invalidate cached pages after a change', {
        names,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };
  // MIRROR_DIR: a change to settings, taxonomy, media or the front page re-exports the mirror
  // (article changes enqueue it in their own transaction). After commit, so best effort: a
  // failure is logged and the next change enqueues it again.
  const mirrorAfter = (names: string[]) => {
    if (!config.MIRROR_DIR) return;
    options
      .jobs()
      .enqueue(MIRROR_EXPORT_TASK, {}, { key: MIRROR_JOB_KEY })
      .catch((error: unknown) =>
        log('error', 'could not enqueue the mirror export', {
          names,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  };
  return {
    pageCache,
    changeFeed,
    feedStart,
    changed,
    clearAll() {
      changed([cacheTags.site]);
      mirrorAfter([cacheTags.site]);
    },
    frontPageChanged() {
      changed([cacheTags.frontpage]);
      mirrorAfter([cacheTags.frontpage]);
    },
  };
}

/**
 * A change committed by another process: drop the same pages here (and, for a site-wide change,
 * read again what this process keeps in memory). Nothing is published again and no indexing or
 * job runs: the process that made the change did all that.
 */
export async function followOtherProcesses(
  { changeFeed, pageCache, feedStart }: ChangeSignals,
  reloadSite: () => Promise<unknown>,
): Promise<void> {
  if (feedStart === undefined) return;
  await changeFeed.start(
    async (names) => {
      try {
        if (names.includes(cacheTags.site)) await reloadSite();
      } finally {
        for (const name of names) pageCache.invalidate(name);
      }
    },
    { after: feedStart },
  );
}
