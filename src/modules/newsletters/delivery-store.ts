// The sending engine's durable state: one `newsletter_sends` row per issue and one
// `newsletter_deliveries` row per recipient. Every write that matters is conditional on the
// claim it relies on (the send's lease, a delivery's `claimed_by`), so two processes that both
// think they are sending can never both hand the same recipient on.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { NewsletterSendsTable } from '../../db/schema.ts';

export type SendRow = NewsletterSendsTable;

export interface DeliveryCounts {
  queued: number;
  sending: number;
  accepted: number;
  deferred: number;
  failed: number;
}

export function createDeliveryStore(db: Db) {
  const k = db.kysely;
  return {
    /** The issue's send, created if it has none (an issue is sent once). */
    async createSend(input: {
      issueId: string;
      newsletterId: string;
      total: number;
      now: Date;
    }): Promise<SendRow> {
      await k
        .insertInto('newsletter_sends')
        .values({
          id: randomUUID(),
          issue_id: input.issueId,
          newsletter_id: input.newsletterId,
          status: 'running',
          total: input.total,
          accepted: 0,
          failed: 0,
          deferred: 0,
          cursor: null,
          lease_owner: null,
          lease_until: null,
          started_at: input.now.toISOString(),
          finished_at: null,
        })
        .onConflict((oc) => oc.column('issue_id').doNothing())
        .execute();
      return (await this.sendOfIssue(input.issueId))!;
    },

    async getSend(id: string): Promise<SendRow | undefined> {
      return k.selectFrom('newsletter_sends').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async sendOfIssue(issueId: string): Promise<SendRow | undefined> {
      return k.selectFrom('newsletter_sends').selectAll().where('issue_id', '=', issueId).executeTakeFirst();
    },

    /** Takes the send if nobody holds it (or the holder's lease lapsed). */
    async acquireLease(sendId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
      const result = await k
        .updateTable('newsletter_sends')
        .set({ lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', sendId)
        .where('status', '=', 'running')
        .where((eb) =>
          eb.or([
            eb('lease_owner', 'is', null),
            eb('lease_owner', '=', owner),
            eb('lease_until', '<', now.toISOString()),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Keeps the lease; false when another process took the send over (this one must stop). */
    async renewLease(sendId: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
      const result = await k
        .updateTable('newsletter_sends')
        .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', '=', sendId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async releaseLease(sendId: string, owner: string): Promise<void> {
      await k
        .updateTable('newsletter_sends')
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', sendId)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /**
     * Claims left by a process that died (this one holds the send's lease now): back to queued.
     * This is the one ambiguous state; see README.md ("Exactly once").
     */
    async reclaimOrphans(sendId: string, owner: string, now: Date): Promise<number> {
      const result = await k
        .updateTable('newsletter_deliveries')
        .set({ status: 'queued', claimed_by: null, updated_at: now.toISOString() })
        .where('send_id', '=', sendId)
        .where('status', '=', 'sending')
        .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '<>', owner)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** A batch of recipients becomes queued deliveries (those already there are left as they are). */
    async insertQueued(sendId: string, subscriberIds: string[], now: Date): Promise<void> {
      if (subscriberIds.length === 0) return;
      const at = now.toISOString();
      await k
        .insertInto('newsletter_deliveries')
        .values(
          subscriberIds.map((subscriber_id) => ({
            send_id: sendId,
            subscriber_id,
            status: 'queued' as const,
            attempts: 0,
            claimed_by: null,
            next_attempt_at: null,
            reason: null,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['send_id', 'subscriber_id']).doNothing())
        .execute();
    },

    /**
     * A batch of recipients becomes deliveries claimed by `owner` (status sending, first attempt)
     * in one statement; returns the ids it wrote. Ids already there (a resumed send) are left as
     * they are: the caller claims those with `claim`.
     */
    async insertClaimed(
      sendId: string,
      subscriberIds: string[],
      owner: string,
      now: Date,
    ): Promise<string[]> {
      if (subscriberIds.length === 0) return [];
      const at = now.toISOString();
      const rows = await k
        .insertInto('newsletter_deliveries')
        .values(
          subscriberIds.map((subscriber_id) => ({
            send_id: sendId,
            subscriber_id,
            status: 'sending' as const,
            attempts: 1,
            claimed_by: owner,
            next_attempt_at: null,
            reason: null,
            updated_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['send_id', 'subscriber_id']).doNothing())
        .returning('subscriber_id')
        .execute();
      return rows.map((r) => r.subscriber_id);
    },

    /**
     * Marks the batch's sendable deliveries as being sent by `owner` (one statement), and returns
     * their ids: queued ones, and with `dueBefore` deferred ones whose time has come.
     */
    async claim(
      sendId: string,
      subscriberIds: string[],
      owner: string,
      now: Date,
      mode: 'queued' | 'deferred',
    ): Promise<string[]> {
      if (subscriberIds.length === 0) return [];
      const rows = await k
        .updateTable('newsletter_deliveries')
        .set({
          status: 'sending',
          claimed_by: owner,
          attempts: sql`attempts + 1`,
          updated_at: now.toISOString(),
        })
        .where('send_id', '=', sendId)
        .where('subscriber_id', 'in', subscriberIds)
        .$if(mode === 'queued', (q) => q.where('status', '=', 'queued'))
        .$if(mode === 'deferred', (q) =>
          q.where('status', '=', 'deferred').where('next_attempt_at', '<=', now.toISOString()),
        )
        .returning(['subscriber_id', 'attempts'])
        .execute();
      return rows.map((r) => r.subscriber_id);
    },

    async attemptsOf(sendId: string, subscriberId: string): Promise<number> {
      const row = await k
        .selectFrom('newsletter_deliveries')
        .select('attempts')
        .where('send_id', '=', sendId)
        .where('subscriber_id', '=', subscriberId)
        .executeTakeFirst();
      return row?.attempts ?? 0;
    },

    /** The outcome of one handoff, recorded only while `owner` still holds the claim. */
    async settle(
      sendId: string,
      subscriberId: string,
      owner: string,
      now: Date,
      outcome:
        | { status: 'accepted' }
        | { status: 'failed'; reason: string }
        | { status: 'deferred'; reason: string; nextAttemptAt: Date }
        | { status: 'queued' },
    ): Promise<void> {
      await k
        .updateTable('newsletter_deliveries')
        .set({
          status: outcome.status,
          claimed_by: null,
          reason: 'reason' in outcome ? outcome.reason.slice(0, 500) : null,
          next_attempt_at: outcome.status === 'deferred' ? outcome.nextAttemptAt.toISOString() : null,
          updated_at: now.toISOString(),
          ...(outcome.status === 'queued' ? { attempts: sql<number>`attempts - 1` } : {}),
        })
        .where('send_id', '=', sendId)
        .where('subscriber_id', '=', subscriberId)
        .where('claimed_by', '=', owner)
        .execute();
    },

    /**
     * Deliveries the relay accepted, recorded together in one statement (only those `owner` still
     * holds). The engine writes each group as soon as the previous write returns, so what a
     * killed run leaves unrecorded is what was accepted during one round trip to the database.
     */
    async settleAccepted(sendId: string, subscriberIds: string[], owner: string, now: Date): Promise<void> {
      if (subscriberIds.length === 0) return;
      await k
        .updateTable('newsletter_deliveries')
        .set({
          status: 'accepted',
          claimed_by: null,
          reason: null,
          next_attempt_at: null,
          updated_at: now.toISOString(),
        })
        .where('send_id', '=', sendId)
        .where('subscriber_id', 'in', subscriberIds)
        .where('claimed_by', '=', owner)
        .execute();
    },

    /** This run's claims not handed on (it is stopping): back to queued, the attempt not counted. */
    async unclaim(sendId: string, owner: string, now: Date): Promise<void> {
      await k
        .updateTable('newsletter_deliveries')
        .set({
          status: 'queued',
          claimed_by: null,
          attempts: sql`attempts - 1`,
          updated_at: now.toISOString(),
        })
        .where('send_id', '=', sendId)
        .where('status', '=', 'sending')
        .where('claimed_by', '=', owner)
        .execute();
    },

    /**
     * A batch is done: move the cursor past it and add its outcomes to the counters, in one
     * statement conditional on the cursor it started from, so a batch is counted once.
     */
    async settleBatch(
      sendId: string,
      from: string | null,
      to: string,
      subscriberIds: string[],
    ): Promise<void> {
      const counts = await countIn(sendId, subscriberIds);
      await k
        .updateTable('newsletter_sends')
        .set({
          cursor: to,
          accepted: sql`accepted + ${counts.accepted}`,
          failed: sql`failed + ${counts.failed}`,
          deferred: sql`deferred + ${counts.deferred}`,
        })
        .where('id', '=', sendId)
        .where((eb) => (from === null ? eb('cursor', 'is', null) : eb('cursor', '=', from)))
        .execute();
    },

    /** Counters recounted from the deliveries (after retries, which move rows between them). */
    async recount(sendId: string): Promise<void> {
      const counts = await countIn(sendId);
      await k
        .updateTable('newsletter_sends')
        .set({ accepted: counts.accepted, failed: counts.failed, deferred: counts.deferred })
        .where('id', '=', sendId)
        .execute();
    },

    async nextDeferred(sendId: string): Promise<Date | null> {
      const row = await k
        .selectFrom('newsletter_deliveries')
        .select((eb) => eb.fn.min('next_attempt_at').as('next'))
        .where('send_id', '=', sendId)
        .where('status', '=', 'deferred')
        .executeTakeFirst();
      return row?.next ? new Date(row.next) : null;
    },

    /** Deferred deliveries due before `passStart` that a full pass did not reach: no longer recipients. */
    async failUnreached(sendId: string, passStart: Date, now: Date): Promise<void> {
      await k
        .updateTable('newsletter_deliveries')
        .set({
          status: 'failed',
          reason: 'no longer a recipient of this list',
          updated_at: now.toISOString(),
        })
        .where('send_id', '=', sendId)
        .where('status', '=', 'deferred')
        .where('next_attempt_at', '<=', passStart.toISOString())
        .execute();
    },

    async finish(sendId: string, owner: string, now: Date): Promise<void> {
      await k
        .updateTable('newsletter_sends')
        .set({ status: 'done', finished_at: now.toISOString(), lease_owner: null, lease_until: null })
        .where('id', '=', sendId)
        .where('lease_owner', '=', owner)
        .execute();
    },

    counts: (sendId: string) => countIn(sendId),
  };

  async function countIn(sendId: string, subscriberIds?: string[]): Promise<DeliveryCounts> {
    const rows = await k
      .selectFrom('newsletter_deliveries')
      .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('send_id', '=', sendId)
      .$if(subscriberIds !== undefined, (q) => q.where('subscriber_id', 'in', subscriberIds!))
      .groupBy('status')
      .execute();
    const counts: DeliveryCounts = { queued: 0, sending: 0, accepted: 0, deferred: 0, failed: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
}

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;
