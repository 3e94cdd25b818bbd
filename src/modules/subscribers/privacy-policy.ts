import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../lib/time.ts';

/** The privacy policy readers agree to: its text lives in settings, each edit a new version. */
export interface PrivacyPolicy {
  version: number;
  text: string;
  updatedAt: string | null;
}

export const SETTINGS_KEY = 'privacy_policy';
export const MAX_POLICY_CHARS = 50_000;

const stored = z.object({ version: z.number().int().min(1), text: z.string(), updatedAt: z.string() });

/** Version 1 until the newsroom writes its own. */
export const DEFAULT_POLICY_TEXT = [
  'We keep as little about our readers as we can.',
  'If you subscribe to a newsletter, we keep your address, the lists you chose and when and from which page you agreed, so that we can send it and prove you asked for it. Your address is stored encrypted and is never shared, sold or written to our logs.',
  'We do not track whether you open our emails or click their links.',
  'Every newsletter has a link to change your lists, pause, unsubscribe, download what we keep about you, or erase it.',
].join('\n\n');

export function createPrivacyPolicyStore(deps: { db: Db; now?: Clock }) {
  const { kysely } = deps.db;
  const now = deps.now ?? (() => new Date());
  return {
    async get(): Promise<PrivacyPolicy> {
      const row = await kysely
        .selectFrom('settings')
        .select('value')
        .where('key', '=', SETTINGS_KEY)
        .executeTakeFirst();
      const parsed = row ? stored.safeParse(JSON.parse(row.value)) : undefined;
      if (!parsed?.success) return { version: 1, text: DEFAULT_POLICY_TEXT, updatedAt: null };
      return parsed.data;
    },
    /** Saves a new text as the next version (the same text again changes nothing). */
    async update(text: string): Promise<PrivacyPolicy> {
      return kysely.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('settings')
          .select('value')
          .where('key', '=', SETTINGS_KEY)
          .executeTakeFirst();
        const current = row ? stored.safeParse(JSON.parse(row.value)) : undefined;
        const version = current?.success ? current.data.version : 1;
        if (current?.success && current.data.text === text) return current.data;
        if (!current?.success && text === DEFAULT_POLICY_TEXT) return { version: 1, text, updatedAt: null };
        const next = { version: version + 1, text, updatedAt: now().toISOString() };
        await trx
          .insertInto('settings')
          .values({ key: SETTINGS_KEY, value: JSON.stringify(next) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next) }))
          .execute();
        return next;
      });
    },
  };
}

export type PrivacyPolicyStore = ReturnType<typeof createPrivacyPolicyStore>;
