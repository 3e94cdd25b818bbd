import { randomUUID } from 'node:crypto';
import type { Keys } from '../../crypto/secret-key.ts';
import { lookupHash, open, seal } from '../../crypto/sealed-box.ts';
import type { Db } from '../../db/connect.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Clock } from '../../lib/time.ts';
import { cleanSubscriberName, normaliseAddress } from './email-address.ts';
import type { PrivacyPolicyStore } from './privacy-policy.ts';

/** The columns an import file may have; `email` is required, in any order. */
export const IMPORT_COLUMNS = ['email', 'name', 'language'] as const;

export interface ImportRecord {
  /** The file's line where the record starts (1 is the header). */
  line: number;
  fields: string[];
}
export interface ImportReport {
  added: number;
  /** Known addresses subscribed to the list now. */
  subscribed: number;
  /** Known addresses already on the list: nothing changed. */
  unchanged: number;
  refused: Array<{ line: number; reason: string }>;
}

/** Checks the header alone: which column holds what, or a ValidationError naming the problem. */
export function importColumns(header: string[]): Record<(typeof IMPORT_COLUMNS)[number], number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0 || !names.includes('email') || new Set(names).size !== names.length) {
    throw new ValidationError(
      `the first line must name the columns: email (required), name, language; this file has "${header.join(',')}"`,
      { field: 'header' },
    );
  }
  return { email: names.indexOf('email'), name: names.indexOf('name'), language: names.indexOf('language') };
}

/**
 * Imports readers into one list, a record at a time: consent basis "imported", confirmed (the
 * newsroom vouches they asked before). Bad rows are reported with their line and skipped; a
 * known address is subscribed if it was not (never a suppressed one); running it twice changes
 * nothing the second time. A wrong header refuses the file before anything is written.
 */
export async function importSubscribers(
  deps: { db: Db; keys: Keys; privacy: PrivacyPolicyStore; now?: Clock },
  input: {
    listSlug: string;
    records: AsyncIterable<ImportRecord>;
    defaultLanguage: string;
    source: string;
    onRecord?: (done: number) => void;
  },
): Promise<ImportReport> {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  const list = await kysely
    .selectFrom('newsletters')
    .select('id')
    .where('slug', '=', input.listSlug)
    .executeTakeFirst();
  if (!list) throw new NotFoundError('newsletter', input.listSlug);
  const policy = await deps.privacy.get();
  const report: ImportReport = { added: 0, subscribed: 0, unchanged: 0, refused: [] };
  let columns: ReturnType<typeof importColumns> | undefined;
  let done = 0;
  for await (const { line, fields } of input.records) {
    if (!columns) {
      columns = importColumns(fields);
      continue;
    }
    done += 1;
    input.onRecord?.(done);
    const address = normaliseAddress(fields[columns.email] ?? '');
    if (!address.ok) {
      report.refused.push({ line, reason: `not an address we can mail (${address.problem})` });
      continue;
    }
    const language = (columns.language >= 0 ? fields[columns.language]?.trim() : '') || input.defaultLanguage;
    if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/.test(language)) {
      report.refused.push({ line, reason: `"${language.slice(0, 20)}" is not a language code` });
      continue;
    }
    const name = columns.name >= 0 ? cleanSubscriberName(fields[columns.name]) : null;
    const hash = lookupHash(deps.keys.hashing, address.email);
    const at = now().toISOString();
    const outcome = await kysely.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('subscribers')
        .select(['id', 'status'])
        .where('email_hash', '=', hash)
        .executeTakeFirst();
      if (existing?.status === 'suppressed') return 'suppressed' as const;
      let id = existing?.id;
      if (!id) {
        id = randomUUID();
        await trx
          .insertInto('subscribers')
          .values({
            id,
            email_sealed: seal(deps.keys.encryption, address.email),
            email_hash: hash,
            name_sealed: name ? seal(deps.keys.encryption, name) : null,
            language,
            status: 'confirmed',
            suppressed_reason: null,
            suppressed_detail: null,
            suppressed_at: null,
            soft_bounces: 0,
            link_version: 1,
            created_at: at,
            confirmed_at: at,
            confirm_expires_at: null,
            updated_at: at,
          })
          .execute();
      }
      const status = existing?.status ?? 'confirmed';
      const current = await trx
        .selectFrom('subscriptions')
        .select('status')
        .where('subscriber_id', '=', id)
        .where('newsletter_id', '=', list.id)
        .executeTakeFirst();
      // Someone who left the list, or paused it, chose to: an import does not undo that.
      if (current) return 'unchanged' as const;
      await trx
        .insertInto('subscriptions')
        .values({
          newsletter_id: list.id,
          subscriber_id: id,
          status: 'active',
          subscriber_status: status,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await trx
        .insertInto('consents')
        .values({
          id: randomUUID(),
          subscriber_id: id,
          newsletter_id: list.id,
          action: 'granted',
          basis: 'imported',
          policy_version: policy.version,
          source: input.source.slice(0, 300),
          recorded_at: at,
        })
        .execute();
      return existing ? ('subscribed' as const) : ('added' as const);
    });
    if (outcome === 'suppressed') report.refused.push({ line, reason: 'this address is suppressed' });
    else report[outcome] += 1;
  }
  if (!columns)
    throw new ValidationError('the file is empty: its first line must name the columns', { field: 'header' });
  return report;
}

/** Every subscriber, oldest first, with the lists they are active on: for a CSV export. */
export async function* exportSubscribers(deps: { db: Db; keys: Keys }): AsyncGenerator<{
  email: string;
  name: string;
  language: string;
  status: string;
  lists: string;
  created_at: string;
  confirmed_at: string;
}> {
  const { kysely } = deps.db;
  const slugs = new Map(
    (await kysely.selectFrom('newsletters').select(['id', 'slug']).execute()).map((l) => [l.id, l.slug]),
  );
  let after: { created_at: string; id: string } | undefined;
  for (;;) {
    let q = kysely.selectFrom('subscribers').selectAll().orderBy('created_at').orderBy('id').limit(500);
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '>', a.created_at),
          eb.and([eb('created_at', '=', a.created_at), eb('id', '>', a.id)]),
        ]),
      );
    }
    const rows = await q.execute();
    if (rows.length === 0) return;
    const subs = await kysely
      .selectFrom('subscriptions')
      .select(['subscriber_id', 'newsletter_id'])
      .where('status', '=', 'active')
      .where(
        'subscriber_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const r of rows) {
      yield {
        email: open(deps.keys.encryption, r.email_sealed),
        name: r.name_sealed ? open(deps.keys.encryption, r.name_sealed) : '',
        language: r.language,
        status: r.status,
        lists: subs
          .filter((s) => s.subscriber_id === r.id)
          .map((s) => slugs.get(s.newsletter_id) ?? s.newsletter_id)
          .sort()
          .join(' '),
        created_at: r.created_at,
        confirmed_at: r.confirmed_at ?? '',
      };
    }
    const last = rows.at(-1)!;
    after = { created_at: last.created_at, id: last.id };
  }
}
