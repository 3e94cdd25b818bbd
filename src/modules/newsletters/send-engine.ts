// The sending engine: hands one issue to every recipient of its list, exactly once, at the
// configured concurrency and rate, with memory that does not grow with the list.
//
// Recipients come from the subscribers module a batch at a time (keyset on subscriber id). Each
// batch: its deliveries are written as queued, claimed in one statement (status sending,
// claimed_by this run), handed to the mail relay, and each one's outcome recorded the moment the
// relay answers. Then the send's cursor moves past the batch. A run that dies leaves at most the
// deliveries of one batch in `sending`; the next run (after the lease lapses) puts them back to
// queued and sends them. See README.md, "Exactly once", for the one window this cannot close.
import { randomUUID } from 'node:crypto';
import { MailSendError, toMailSendError, type MailMessage, type Mailer } from '../../adapters/mail/index.ts';
import type { DeliveryStore } from './delivery-store.ts';
import { createRateLimiter } from './rate-limiter.ts';
import type { Recipient, SubscriberDirectory } from './subscriber-directory.ts';

export interface SendEngineOptions {
  store: DeliveryStore;
  mailer: Mailer;
  directory: Pick<SubscriberDirectory, 'recipients' | 'suppress' | 'recordSoftBounce'>;
  /** Messages in flight at once. */
  concurrency: number;
  /** Most messages handed on per second; 0: no cap. */
  ratePerSecond: number;
  /** Recipients read and claimed at once. Default 500. */
  batchSize?: number;
  /** How long a run's claim on a send lasts without renewal. Default 60 s. */
  leaseMs?: number;
  /** Waits before retrying a transient failure, by attempt; past the last: failed. */
  retryDelaysMs?: readonly number[];
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export type SendOutcome =
  | { state: 'done' }
  /** Some deliveries wait for a retry; run again at `until`. */
  | { state: 'waiting'; until: Date }
  /** Another process holds the send. */
  | { state: 'busy' };

export interface RunOptions {
  signal?: AbortSignal;
  /** After each batch: deliveries settled so far in this run. */
  onBatch?: (handled: number) => void;
}

/** Reply codes that say the mailbox does not exist: suppress at once. */
const HARD_BOUNCE = new Set([550, 551, 553]);
/** Acceptance writes on their way at once (each a statement on a connection of its own). */
const ACCEPT_WRITES_IN_FLIGHT = 2;
export const DEFAULT_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000];

export function createSendEngine(options: SendEngineOptions) {
  const { store, mailer, directory } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 500;
  const leaseMs = options.leaseMs ?? 60_000;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const limiter = createRateLimiter(options.ratePerSecond);

  /**
   * Send (or go on sending) `sendId` to the list `listId`, composing each message with
   * `compose`. Safe to call again at any time: it carries on where the last run stopped.
   */
  async function run(
    sendId: string,
    listId: string,
    compose: (recipient: Recipient) => MailMessage,
    runOptions: RunOptions = {},
  ): Promise<SendOutcome> {
    const owner = randomUUID();
    if (!(await store.acquireLease(sendId, owner, now(), leaseMs))) {
      const send = await store.getSend(sendId);
      return send?.status === 'done' ? { state: 'done' } : { state: 'busy' };
    }
    const lost = new AbortController();
    const heartbeat = setInterval(
      () => {
        store.renewLease(sendId, owner, now(), leaseMs).then(
          (held) => held || lost.abort(new Error('another process took this send over')),
          (error: unknown) => log('warn', 'could not renew a send lease', { sendId, error: String(error) }),
        );
      },
      Math.max(50, leaseMs / 3),
    );
    heartbeat.unref();
    const signal = runOptions.signal ? AbortSignal.any([runOptions.signal, lost.signal]) : lost.signal;
    let handled = 0;
    // Accepted deliveries are recorded in groups: whatever the relay accepted while the writes
    // in flight were on their way goes in the next one (one statement, not one per message). Two
    // writes may be in flight at once, so an acceptance that finds a free slot is written at
    // once instead of waiting behind the write before it. A worker waits for the write that
    // holds its delivery before it takes another recipient, so a killed run leaves at most one
    // accepted-but-unrecorded delivery per worker, as with one write each.
    let pendingIds: string[] = [];
    let pendingDone: Waiting | undefined;
    let inFlight = 0;
    const pump = () => {
      while (pendingIds.length > 0 && inFlight < ACCEPT_WRITES_IN_FLIGHT) {
        const ids = pendingIds;
        const done = pendingDone!;
        pendingIds = [];
        pendingDone = undefined;
        inFlight++;
        void store
          .settleAccepted(sendId, ids, owner, now())
          .then(done.resolve, done.reject)
          .finally(() => {
            inFlight--;
            pump();
          });
      }
    };
    const recordAccepted = (subscriberId: string): Promise<void> => {
      pendingIds.push(subscriberId);
      pendingDone ??= waiting();
      const written = pendingDone.promise;
      pump();
      return written;
    };
    const deliverBatch = async (recipients: Recipient[], mode: 'queued' | 'deferred') => {
      const ids = recipients.map((r) => r.subscriberId);
      let claimedIds: string[];
      if (mode === 'queued') {
        // New recipients are inserted already claimed; those a previous run left queued are claimed.
        const inserted = await store.insertClaimed(sendId, ids, owner, now());
        const fresh = new Set(inserted);
        const rest = inserted.length === ids.length ? [] : ids.filter((id) => !fresh.has(id));
        claimedIds =
          rest.length > 0
            ? [...inserted, ...(await store.claim(sendId, rest, owner, now(), mode))]
            : inserted;
      } else {
        claimedIds = await store.claim(sendId, ids, owner, now(), mode);
      }
      const claimed = new Set(claimedIds);
      const todo = recipients.filter((r) => claimed.has(r.subscriberId));
      let next = 0;
      let stop: unknown;
      const worker = async () => {
        // This worker's last acceptance, still being written. The next message goes to the server
        // meanwhile, all but its final ".", which waits for the write: so at most one accepted
        // delivery per worker is ever unrecorded (all a kill can make a second run repeat),
        // without the connection standing idle while the database writes.
        let writing: Promise<void> | undefined;
        try {
          while (next < todo.length && stop === undefined) {
            const recipient = todo[next++]!;
            if (signal.aborted) break;
            await limiter.take();
            if (await deliverOne(sendId, owner, recipient, compose, writing)) {
              writing = recordAccepted(recipient.subscriberId);
              // Awaited as the next message's end, or below; never left unobserved.
              writing.catch(() => undefined);
            }
            handled++;
          }
          await writing;
        } catch (error) {
          // A failed acceptance write is the cause; the message held behind it only says withdrawn.
          const writeError = await writing?.then(
            () => undefined,
            (e: unknown) => e,
          );
          stop ??= writeError ?? error;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
      if (stop !== undefined || signal.aborted) await store.unclaim(sendId, owner, now());
      if (stop !== undefined) throw stop;
      signal.throwIfAborted();
    };

    try {
      await store.reclaimOrphans(sendId, owner, now());
      const send = await store.getSend(sendId);
      if (!send) throw new Error(`send ${sendId} does not exist`);
      // The first pass: every recipient, from where the last run stopped.
      let cursor = send.cursor;
      for (;;) {
        const page = await directory.recipients(listId, {
          ...(cursor ? { afterSubscriberId: cursor } : {}),
          limit: batchSize,
        });
        if (page.length === 0) break;
        const ids = page.map((r) => r.subscriberId);
        await deliverBatch(page, 'queued');
        const last = ids[ids.length - 1]!;
        await store.settleBatch(sendId, cursor, last, ids);
        cursor = last;
        runOptions.onBatch?.(handled);
      }
      // Retries whose time has come: another pass over the recipients (addresses are not kept
      // here), sending only to the deferred ones.
      const due = await store.nextDeferred(sendId);
      if (due && due.getTime() <= now().getTime()) {
        const passStart = now();
        let after: string | undefined;
        for (;;) {
          const page = await directory.recipients(listId, {
            ...(after ? { afterSubscriberId: after } : {}),
            limit: batchSize,
          });
          if (page.length === 0) break;
          await deliverBatch(page, 'deferred');
          after = page[page.length - 1]!.subscriberId;
          runOptions.onBatch?.(handled);
        }
        await store.failUnreached(sendId, passStart, now());
        await store.recount(sendId);
      }
      const later = await store.nextDeferred(sendId);
      if (later) {
        await store.releaseLease(sendId, owner);
        return { state: 'waiting', until: later };
      }
      await store.recount(sendId);
      await store.finish(sendId, owner, now());
      return { state: 'done' };
    } catch (error) {
      await store.releaseLease(sendId, owner).catch(() => {});
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  async function deliverOne(
    sendId: string,
    owner: string,
    recipient: Recipient,
    compose: (recipient: Recipient) => MailMessage,
    holdEndUntil?: Promise<unknown>,
  ): Promise<boolean> {
    const who = { subscriberId: recipient.subscriberId };
    try {
      await mailer.send(compose(recipient), holdEndUntil ? { holdEndUntil } : undefined);
    } catch (raw) {
      const error = raw instanceof MailSendError ? raw : toMailSendError(raw);
      if (error.kind === 'permanent') {
        await store.settle(sendId, recipient.subscriberId, owner, now(), {
          status: 'failed',
          reason: error.message,
        });
        if (error.stage === 'recipient' && error.responseCode && HARD_BOUNCE.has(error.responseCode)) {
          await directory.suppress(who, 'hard-bounce', error.message);
        } else if (error.stage === 'recipient') {
          await directory.recordSoftBounce(who, error.message);
        }
        return false;
      }
      if (error.stage === 'session') {
        // The relay itself is down or refuses us (connection, TLS, login, 421): nothing about this
        // address. Give the row back untouched and stop; the job runs again after its backoff.
        await store.settle(sendId, recipient.subscriberId, owner, now(), { status: 'queued' });
        throw error;
      }
      const attempts = await store.attemptsOf(sendId, recipient.subscriberId);
      const delay = retryDelays[attempts - 1];
      if (delay === undefined) {
        await store.settle(sendId, recipient.subscriberId, owner, now(), {
          status: 'failed',
          reason: `gave up after ${attempts} attempts: ${error.message}`,
        });
        await directory.recordSoftBounce(who, error.message);
        return false;
      }
      await store.settle(sendId, recipient.subscriberId, owner, now(), {
        status: 'deferred',
        reason: error.message,
        nextAttemptAt: new Date(now().getTime() + delay),
      });
      return false;
    }
    // Recorded by the caller, grouped with the others accepted meanwhile.
    return true;
  }

  return { run };
}

interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function waiting(): Waiting {
  const w = {} as Waiting;
  w.promise = new Promise<void>((resolve, reject) => Object.assign(w, { resolve, reject }));
  return w;
}

export type SendEngine = ReturnType<typeof createSendEngine>;
