// `samizdat sos send`: one plain-text letter to every confirmed subscriber of every list, once
// each, through the newsletters module's sending engine and delivery store, run on tables of
// their own (`sos_sends`, `sos_deliveries`): the same exactly-once claims, leases and resume
// after a kill (src/modules/newsletters/README.md, "Exactly once"), without an SOS letter ever
// becoming an issue of a list. Needs only the database and the mail relay.
import type { MailMessage, Mailer } from '../../adapters/mail/index.ts';
import type { Db } from '../../db/connect.ts';
import { withRenamedTables } from '../../db/rename-tables.ts';
import type { MirrorEntry } from '../../lib/mirror-entries.ts';
import { createDeliveryStore, createSendEngine, type Recipient } from '../newsletters/index.ts';
import type { SubscriberDirectory } from '../subscribers/index.ts';
import { sosLetterId, sosMessage, type SosLetter } from './sos-letter.ts';

export interface SosSenderDeps {
  db: Db;
  mailer: Mailer;
  directory: Pick<
    SubscriberDirectory,
    'everyRecipient' | 'countEveryRecipient' | 'links' | 'suppress' | 'recordSoftBounce'
  >;
  mirrors: () => readonly MirrorEntry[];
  siteUrl: string;
  publicationName: () => string;
  concurrency: number;
  ratePerSecond: number;
  leaseMs?: number;
  retryDelaysMs?: readonly number[];
  now?: () => Date;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface SosProgress {
  total: number;
  accepted: number;
  failed: number;
  deferred: number;
  status: 'running' | 'done';
  startedAt: string;
  finishedAt: string | null;
}

export type SosOutcome = { state: 'done' } | { state: 'waiting'; until: Date } | { state: 'busy' };

/**
 * How long a run's hold on the letter lasts unrenewed. Short: after a kill, the operator runs the
 * command again at once and it may carry on only once the dead run's hold lapsed.
 */
export const SOS_LEASE_MS = 10_000;

export function createSosSender(deps: SosSenderDeps) {
  const now = deps.now ?? (() => new Date());
  const store = createDeliveryStore(
    withRenamedTables(deps.db, { newsletter_sends: 'sos_sends', newsletter_deliveries: 'sos_deliveries' }),
  );
  const engine = createSendEngine({
    store,
    mailer: deps.mailer,
    directory: {
      // One pass over everyone on any list; the engine's list id is not used.
      recipients: (_everyList, page) => deps.directory.everyRecipient(page),
      suppress: (by, reason, detail) => deps.directory.suppress(by, reason, detail),
      recordSoftBounce: (by, detail) => deps.directory.recordSoftBounce(by, detail),
    },
    concurrency: deps.concurrency,
    ratePerSecond: deps.ratePerSecond,
    leaseMs: deps.leaseMs ?? SOS_LEASE_MS,
    ...(deps.retryDelaysMs ? { retryDelaysMs: deps.retryDelaysMs } : {}),
    now,
    ...(deps.log ? { log: deps.log } : {}),
  });
  const host = new URL(deps.siteUrl).hostname;

  async function progress(text: string): Promise<SosProgress | undefined> {
    const row = await store.sendOfIssue(sosLetterId(text));
    if (!row) return undefined;
    return {
      total: Number(row.total),
      accepted: Number(row.accepted),
      failed: Number(row.failed),
      deferred: Number(row.deferred),
      status: row.status,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
    };
  }

  return {
    /** How many people the letter would go to now (each once). */
    recipients: () => deps.directory.countEveryRecipient(),
    progress,

    /**
     * Sends `text` (checked by `sosText`), or carries on sending it: the same text is the same
     * letter, and nobody who has it gets it again.
     */
    async send(
      text: string,
      options: { subject?: string; signal?: AbortSignal; onBatch?: (handled: number) => void } = {},
    ): Promise<SosOutcome> {
      const letterId = sosLetterId(text);
      const existing = await store.sendOfIssue(letterId);
      const send =
        existing ??
        (await store.createSend({
          issueId: letterId,
          newsletterId: '*',
          total: await deps.directory.countEveryRecipient(),
          now: now(),
        }));
      const letter: SosLetter = {
        subject: options.subject ?? `${deps.publicationName()}: how to reach us`,
        text,
        mirrors: deps.mirrors(),
        siteUrl: deps.siteUrl,
        letterId,
        host,
      };
      const compose = (recipient: Recipient): MailMessage => {
        const listIds = (recipient as Recipient & { listIds?: string[] }).listIds ?? [];
        const links = listIds.map((listId) => deps.directory.links(recipient.subscriberId, listId));
        return sosMessage(letter, recipient, {
          preferencesUrl:
            links[0]?.preferencesUrl ?? deps.directory.links(recipient.subscriberId, '').preferencesUrl,
          unsubscribe: links.map((l) => ({ url: l.unsubscribeUrl, mailto: l.unsubscribeMailto })),
        });
      };
      return engine.run(send.id, '*', compose, {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onBatch ? { onBatch: options.onBatch } : {}),
      });
    },
  };
}

export type SosSender = ReturnType<typeof createSosSender>;
