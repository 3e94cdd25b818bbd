import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import type { JobQueue } from '../../adapters/jobs/index.ts';
import type { PaymentEvent } from '../../adapters/payments/index.ts';
import type { Clock } from '../../lib/time.ts';
import { applyEvent, type Followups } from './apply-event.ts';

// Provider events (webhooks, the TEST rail's answers, renewals, a bank transfer marked received)
// recorded once, by rail and event id, and applied in the same transaction; the mail they call for
// is queued in it too, and the gift-completed hook runs after the commit.

type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface EventRecorderDeps {
  db: Kysely<Database>;
  keys: Pick<Keys, 'encryption' | 'hashing'>;
  jobs: () => JobQueue;
  now: Clock;
  log: Log;
  defaultLanguage: string;
  onGiftCompleted?: (gift: { variant: string }) => void | Promise<void>;
}

export type RecordEvents = (
  events: PaymentEvent[],
  lang?: string,
) => Promise<Array<{ id: string; outcome: string }>>;

export function createEventRecorder(deps: EventRecorderDeps): RecordEvents {
  const { db: k, keys, now, log } = deps;

  async function runFollowups(out: Followups, lang: string) {
    for (const gift of out.completed) {
      try {
        await deps.onGiftCompleted?.(gift);
      } catch (err) {
        log('warn', 'the gift-completed hook failed', {
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    void lang;
  }

  /** Records each event once and applies it in the same transaction; mail follows as jobs. */
  return async function recordEvents(events: PaymentEvent[], lang = deps.defaultLanguage) {
    const outcomes: Array<{ id: string; outcome: string }> = [];
    for (const e of events) {
      const out: Followups = { receipts: [], paymentFailed: [], completed: [] };
      const at = now().toISOString();
      const outcome = await k.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('payment_events')
          .values({
            rail: e.rail,
            event_id: e.id,
            kind: e.kind,
            occurred_at: e.occurredAt,
            received_at: at,
            outcome: '',
          })
          .onConflict((oc) => oc.columns(['rail', 'event_id']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate';
        const result = await applyEvent(trx, e, { keys, at }, out);
        await trx
          .updateTable('payment_events')
          .set({ outcome: result })
          .where('rail', '=', e.rail)
          .where('event_id', '=', e.id)
          .execute();
        for (const id of out.receipts)
          await deps.jobs().enqueue('donations.mail', { kind: 'receipt', id, lang }, { trx });
        for (const id of out.paymentFailed) {
          await deps.jobs().enqueue('donations.mail', { kind: 'payment_failed', id, lang }, { trx });
        }
        return result;
      });
      if (outcome !== 'duplicate') await runFollowups(out, lang);
      outcomes.push({ id: e.id, outcome });
    }
    return outcomes;
  };
}
