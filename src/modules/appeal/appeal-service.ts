import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { ForbiddenError, ValidationError } from '../../domain/errors.ts';
import { toCount } from '../../lib/count.ts';
import { iso, systemClock, type Clock } from '../../lib/time.ts';
import { actorRef, can, type Actor } from '../staff/index.ts';
import {
  appealSettingsSchema,
  appealSettingsUpdateSchema,
  DEFAULT_APPEAL_SETTINGS,
  variantIdSchema,
  type AppealMoneyRules,
  type AppealSettings,
} from './appeal-settings.ts';
import { createReminders, type ReminderDeps } from './appeal-reminders.ts';
import { compareVariants, rate, type Comparison } from './significance.ts';

const ROW_ID = 1;

/** What the browser reports, one count at a time. `conversion` is the donations module's. */
export const APPEAL_EVENTS = ['view', 'dismiss', 'snooze', 'conversion-click'] as const;
export type AppealEvent = (typeof APPEAL_EVENTS)[number] | 'conversion';

export interface VariantStats {
  id: string;
  views: number;
  dismissals: number;
  snoozes: number;
  conversion_clicks: number;
  conversions: number;
  /** conversions / views (0 without views). */
  conversion_rate: number;
}

export interface AppealStats {
  from: string;
  to: string;
  variants: VariantStats[];
  /** Each variant against the first (the baseline), on conversions per view. */
  comparisons: Comparison[];
}

export interface AppealDeps {
  db: Db;
  /** The donations module's rules (currencies, amounts, rails), read at each use. */
  moneyRules: () => AppealMoneyRules;
  /** After a settings change commits: drop the cached pages that show the appeal. */
  onChange: () => void;
  now?: Clock;
  /** For "email me a reminder": the keys, queue and mailer it needs (without them it is refused). */
  reminders?: Omit<ReminderDeps, 'db' | 'now' | 'snoozeDays'>;
}

function assertAdmin(actor: Actor): void {
  if (!can(actor.role, 'settings.write'))
    throw new ForbiddenError('only admins and owners manage the appeal');
}

/** Settings as stored, read leniently: a row an older version wrote falls back to the defaults. */
function parseStored(json: string | undefined): AppealSettings {
  if (!json) return DEFAULT_APPEAL_SETTINGS;
  try {
    const parsed = appealSettingsSchema.safeParse({ ...DEFAULT_APPEAL_SETTINGS, ...JSON.parse(json) });
    return parsed.success ? parsed.data : DEFAULT_APPEAL_SETTINGS;
  } catch {
    return DEFAULT_APPEAL_SETTINGS;
  }
}

const dayOf = (date: Date) => iso(date).slice(0, 10);

export async function createAppeal(deps: AppealDeps) {
  const { db, onChange } = deps;
  const now = deps.now ?? systemClock;
  let current: AppealSettings = DEFAULT_APPEAL_SETTINGS;

  async function reload(): Promise<void> {
    const row = await db.kysely
      .selectFrom('appeal_settings')
      .select('value')
      .where('id', '=', ROW_ID)
      .executeTakeFirst();
    current = parseStored(row?.value);
  }
  await reload();
  const reminders = deps.reminders
    ? createReminders({ ...deps.reminders, db, now, snoozeDays: () => current.snooze_days })
    : undefined;

  async function count(variant: string, event: AppealEvent, at: Date): Promise<void> {
    await db.kysely
      .insertInto('appeal_counts')
      .values({ day: dayOf(at), variant, event, count: 1 })
      .onConflict((oc) =>
        oc.columns(['day', 'variant', 'event']).doUpdateSet({ count: sql`appeal_counts.count + 1` }),
      )
      .execute();
  }

  return {
    /** The settings as pages render them now (kept in memory; `reload` after another process's change). */
    settings: (): AppealSettings => current,
    moneyRules: (): AppealMoneyRules => deps.moneyRules(),
    reload,

    /** Admins and owners. */
    read(actor: Actor): AppealSettings {
      assertAdmin(actor);
      return current;
    },

    /** Admins and owners; what is not named stays as it is. Bad input changes nothing. */
    async update(actor: Actor, change: unknown): Promise<AppealSettings> {
      assertAdmin(actor);
      const parsedChange = appealSettingsUpdateSchema.safeParse(change);
      if (!parsedChange.success)
        throw new ValidationError('invalid appeal settings', { issues: parsedChange.error.issues });
      const merged = appealSettingsSchema.safeParse({ ...current, ...parsedChange.data });
      if (!merged.success)
        throw new ValidationError('invalid appeal settings', { issues: merged.error.issues });
      const value = JSON.stringify(merged.data);
      const values = { value, updated_at: iso(now()), updated_by: actorRef(actor) };
      await db.kysely
        .insertInto('appeal_settings')
        .values({ id: ROW_ID, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      current = merged.data;
      onChange();
      return current;
    },

    /**
     * One anonymous count from a reader's browser. A variant the settings do not have is
     * refused (so the table cannot be filled with made-up names); nothing about the reader is kept.
     */
    async recordEvent(variant: string, event: (typeof APPEAL_EVENTS)[number]): Promise<void> {
      if (!current.variants.some((v) => v.id === variant)) {
        throw new ValidationError('unknown appeal variant', { variant: variant.slice(0, 40) });
      }
      await count(variant, event, now());
    },

    /** "Remind me later" with an address: one email when the snooze ends, then the address is deleted. */
    async remindLater(input: unknown): Promise<{ remindAt: Date }> {
      if (!reminders) throw new ValidationError('reminders by email are not available');
      return reminders.remindLater(input);
    },

    /** The reminder job's work (idempotent). */
    async sendReminder(id: string): Promise<void> {
      await reminders?.send(id);
    },

    /** A gift completed after the appeal's variant `variantId` (called from the donations module). */
    async recordConversion(variantId: string): Promise<void> {
      if (!variantIdSchema.safeParse(variantId).success) return;
      await count(variantId, 'conversion', now());
    },

    /** All-time views and conversions per variant, for the donations dashboard (no per-person data). */
    async variantTotals(): Promise<{ variant: string; views: number; conversions: number }[]> {
      const rows = await db.kysely
        .selectFrom('appeal_counts')
        .select(['variant', 'event', db.kysely.fn.sum<number | string>('count').as('total')])
        .where('event', 'in', ['view', 'conversion'])
        .groupBy(['variant', 'event'])
        .execute();
      const totals = new Map<string, { variant: string; views: number; conversions: number }>();
      for (const r of rows) {
        const entry = totals.get(r.variant) ?? { variant: r.variant, views: 0, conversions: 0 };
        if (r.event === 'view') entry.views += toCount(r.total);
        else entry.conversions += toCount(r.total);
        totals.set(r.variant, entry);
      }
      return [...totals.values()].sort((a, b) => a.variant.localeCompare(b.variant));
    },

    /** Admins and owners: totals per variant over `days` UTC days up to today, with the z-test readout. */
    async stats(actor: Actor, options: { days?: number } = {}): Promise<AppealStats> {
      assertAdmin(actor);
      const days = Math.min(Math.max(options.days ?? 30, 1), 3660);
      const today = now();
      const from = dayOf(new Date(today.getTime() - (days - 1) * 86_400_000));
      const to = dayOf(today);
      const rows = await db.kysely
        .selectFrom('appeal_counts')
        .select(['variant', 'event', db.kysely.fn.sum<number | string>('count').as('total')])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy(['variant', 'event'])
        .execute();
      const ids = [...current.variants.map((v) => v.id)];
      for (const r of rows) if (!ids.includes(r.variant)) ids.push(r.variant);
      const of = (id: string, event: AppealEvent) =>
        toCount(rows.find((r) => r.variant === id && r.event === event)?.total);
      const variants = ids.map((id) => {
        const views = of(id, 'view');
        const conversions = of(id, 'conversion');
        return {
          id,
          views,
          dismissals: of(id, 'dismiss'),
          snoozes: of(id, 'snooze'),
          conversion_clicks: of(id, 'conversion-click'),
          conversions,
          conversion_rate: rate({ views, conversions }),
        };
      });
      return { from, to, variants, comparisons: compareVariants(variants) };
    },
  };
}

export type AppealService = Awaited<ReturnType<typeof createAppeal>>;
