import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import { batchDeps } from './change-batch.ts';
import { changesAfter, insertChange, latestChangeId, pruneChanges } from './change-feed-store.ts';
import { advanceCursor, startCursor, type FeedCursor } from './feed-cursor.ts';

export type ChangeFeedLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  fields?: Record<string, unknown>,
) => void;

/** Applies another process's changes here. */
export type RemoteChanges = (deps: string[]) => void | Promise<void>;

export interface ChangeFeedOptions {
  db: Db;
  /** This process's instance id; rows carrying it are its own and never applied. Default: random. */
  origin?: string;
  /** How often to look for other processes' rows. Default 250 ms. */
  pollMs?: number;
  /** Rows older than this are deleted. Default 1 hour. */
  retentionMs?: number;
  /** How often this process prunes. Default 1 minute. */
  pruneEveryMs?: number;
  /** How long a gap in ids may hold the cursor (see feed-cursor.ts). Default 10 s. */
  gapGraceMs?: number;
  /** Rows read per poll. Default 500. */
  batchLimit?: number;
  /** Stamps rows and decides what is old enough to prune. */
  now?: Clock;
  log?: ChangeFeedLog;
}

export interface ChangeFeed {
  readonly origin: string;
  /**
   * Record that a committed change touched these cache dependencies. Everything published within
   * one tick becomes one row. Never throws: a failed write is logged, and other processes then
   * only catch up through their page cache's expiry.
   */
  publish(deps: Iterable<string>): void;
  /** The highest row id now; pass it to start() to make it the start point. */
  latestId(): Promise<number>;
  /**
   * Poll for other processes' rows and hand their dependencies to `onRemote`. Rows up to `after`
   * (by default the latest when start() is called) are history, not news.
   */
  start(onRemote: RemoteChanges, options?: { after?: number }): Promise<void>;
  /** Delete rows older than the retention; polling also does this once per `pruneEveryMs`. */
  prune(): Promise<number>;
  /** Stop polling (waiting for a poll in progress) and write whatever is still pending. */
  stop(): Promise<void>;
}

const storedDeps = z.array(z.string().max(1000)).max(100_000);

const describe = (err: unknown) => (err instanceof Error ? err.message || err.name : String(err));

/** The change feed: how processes sharing one database tell each other what to invalidate. */
export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { db } = options;
  const origin = options.origin ?? randomUUID();
  const pollMs = options.pollMs ?? 250;
  const retentionMs = options.retentionMs ?? 60 * 60_000;
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  const gapGraceMs = options.gapGraceMs ?? 10_000;
  const batchLimit = options.batchLimit ?? 500;
  const now = options.now ?? systemClock;
  const log = options.log ?? (() => {});

  // Publishing: names collected during this tick, written by one setImmediate.
  let pending: string[] = [];
  let flushTimer: NodeJS.Immediate | undefined;
  const writes = new Set<Promise<void>>();
  let stopped = false;

  // Polling.
  let onRemote: RemoteChanges | undefined;
  let cursor: FeedCursor | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let lastPrune: number | undefined;

  function flush(): void {
    clearImmediate(flushTimer);
    flushTimer = undefined;
    const deps = batchDeps(pending);
    pending = [];
    if (deps.length === 0) return;
    const write: Promise<void> = insertChange(db.kysely, { origin, deps, createdAt: iso(now()) })
      .catch((err: unknown) =>
        log('warn', 'change feed: could not record a change', { error: describe(err), deps }),
      )
      .finally(() => writes.delete(write));
    writes.add(write);
  }

  function parseRow(text: string, id: number): string[] {
    try {
      return storedDeps.parse(JSON.parse(text));
    } catch (err) {
      log('warn', 'change feed: skipped an unreadable row', { id, error: describe(err) });
      return [];
    }
  }

  async function prune(): Promise<number> {
    return pruneChanges(db.kysely, iso(new Date(now().getTime() - retentionMs)));
  }

  /** One poll; true when it read a full page and moved on, so more may be waiting. */
  async function poll(): Promise<boolean> {
    const at = performance.now();
    if (lastPrune === undefined || at - lastPrune >= pruneEveryMs) {
      lastPrune = at;
      await prune().catch((err: unknown) =>
        log('warn', 'change feed: could not prune old rows', { error: describe(err) }),
      );
    }
    if (!cursor || !onRemote) return false;
    try {
      const rows = await changesAfter(db.kysely, cursor.after, batchLimit);
      const before = cursor.after;
      const step = advanceCursor(
        cursor,
        rows.map((r) => r.id),
        performance.now(),
        gapGraceMs,
      );
      cursor = step.cursor;
      const fresh = new Set(step.fresh);
      const remote = rows.filter((r) => fresh.has(r.id) && r.origin !== origin);
      const deps = batchDeps(remote.flatMap((r) => parseRow(r.deps, r.id)));
      // The cursor has moved on already: a failing handler is logged, not retried forever.
      if (deps.length > 0) {
        try {
          await onRemote(deps);
        } catch (err) {
          log('warn', 'change feed: could not apply remote changes', { error: describe(err), deps });
        }
      }
      return rows.length === batchLimit && cursor.after > before;
    } catch (err) {
      log('warn', 'change feed: poll failed; retrying', { error: describe(err) });
      return false;
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      polling = poll()
        .catch((err: unknown) => {
          log('warn', 'change feed: poll failed; retrying', { error: describe(err) });
          return false;
        })
        .then((more) => {
          polling = undefined;
          schedule(more ? 0 : pollMs);
        });
    }, delayMs);
    // Polling alone never keeps a process (or a test run) alive.
    timer.unref();
  }

  return {
    origin,
    publish(deps) {
      if (stopped) return;
      let names: string[];
      try {
        names = Array.from(deps, String);
      } catch (err) {
        log('warn', 'change feed: could not read the published names', { error: describe(err) });
        return;
      }
      for (const name of names) pending.push(name);
      flushTimer ??= setImmediate(flush);
    },
    latestId: () => latestChangeId(db.kysely),
    async start(handler, startOptions = {}) {
      if (onRemote) throw new Error('the change feed is already started');
      if (stopped) throw new Error('the change feed is stopped');
      const after = startOptions.after ?? (await latestChangeId(db.kysely));
      cursor = startCursor(after);
      onRemote = handler;
      schedule(pollMs);
    },
    prune,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
      flush();
      await Promise.all([...writes]);
    },
  };
}
