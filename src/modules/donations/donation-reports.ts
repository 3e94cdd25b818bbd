import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { openDonor } from './donor-store.ts';

// What admins read: donations and supporters (paged, filtered), the dashboard summary and the
// CSV export. Amounts stay in minor units with their currency; totals are per currency.

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-11-30');

export const donationQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    rail: z.enum(['test', 'stripe', 'btcpay', 'bank']).optional(),
    status: z.enum(['pending', 'completed', 'failed', 'cancelled', 'refunded', 'disputed']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const supporterQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    rail: z.enum(['test', 'stripe', 'btcpay', 'bank']).optional(),
    status: z.enum(['active', 'past_due', 'paused', 'cancelled', 'one_time']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const summaryQuerySchema = z
  .object({
    from: day.optional(),
    to: day.optional(),
    include_test: z.enum(['true', 'false']).default('true'),
  })
  .strict();

export type DonationQuery = z.output<typeof donationQuerySchema>;
export type SupporterQuery = z.output<typeof supporterQuerySchema>;
export type SummaryQuery = z.output<typeof summaryQuerySchema>;

/** The end of a `to` day, so "to=2026-11-30" includes that whole day. */
const endOf = (d: string) => `${d}T23:59:59.999Z`;

export interface VariantCounters {
  variant: string;
  views: number;
  conversions: number;
}

export function createDonationReports(deps: {
  db: Db;
  keys: Pick<Keys, 'encryption'>;
  variantCounters?: () => Promise<VariantCounters[]>;
}) {
  const k = deps.db.kysely;

  function donationsWhere(q: Omit<DonationQuery, 'page' | 'limit'>) {
    let query = k.selectFrom('donations');
    if (q.from) query = query.where('created_at', '>=', q.from);
    if (q.to) query = query.where('created_at', '<=', endOf(q.to));
    if (q.rail) query = query.where('rail', '=', q.rail);
    if (q.status) query = query.where('status', '=', q.status);
    return query;
  }

  return {
    async listDonations(q: DonationQuery) {
      const rows = await donationsWhere(q)
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .offset((q.page - 1) * q.limit)
        .execute();
      return { donations: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
    },

    async *csv(q: Omit<DonationQuery, 'page' | 'limit'>): AsyncGenerator<string> {
      yield 'id,created_at,completed_at,rail,status,frequency,amount_minor,currency,variant,source,test,supporter_id\r\n';
      let offset = 0;
      for (;;) {
        const rows = await donationsWhere(q)
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(500)
          .offset(offset)
          .execute();
        for (const r of rows) {
          // Every cell is our own vocabulary or a number: nothing a spreadsheet would run.
          yield (
            [
              r.id,
              r.created_at,
              r.completed_at ?? '',
              r.rail,
              r.status,
              r.frequency,
              r.amount_minor,
              r.currency,
              r.variant,
              r.source,
              r.test ? 'yes' : 'no',
              r.donor_id ?? '',
            ]
              .map((c) => String(c).replace(/[",\r\n]/g, ' '))
              .join(',') + '\r\n'
          );
        }
        if (rows.length < 500) return;
        offset += 500;
      }
    },

    async listSupporters(q: SupporterQuery) {
      let query = k.selectFrom('donors').where('erased_at', 'is', null);
      if (q.from) query = query.where('created_at', '>=', q.from);
      if (q.to) query = query.where('created_at', '<=', endOf(q.to));
      if (q.rail) {
        const rail = q.rail;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('donations')
              .select('donations.id')
              .whereRef('donations.donor_id', '=', 'donors.id')
              .where('donations.rail', '=', rail),
          ),
        );
      }
      if (q.status === 'one_time') {
        query = query.where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('donation_plans')
                .select('donation_plans.id')
                .whereRef('donation_plans.donor_id', '=', 'donors.id'),
            ),
          ),
        );
      } else if (q.status) {
        const status = q.status;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('donation_plans')
              .select('donation_plans.id')
              .whereRef('donation_plans.donor_id', '=', 'donors.id')
              .where('donation_plans.status', '=', status),
          ),
        );
      }
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.limit + 1)
        .offset((q.page - 1) * q.limit)
        .execute();
      const page = rows.slice(0, q.limit);
      const ids = page.map((r) => r.id);
      const totals = ids.length
        ? await k
            .selectFrom('donations')
            .select(['donor_id', 'currency'])
            .select((eb) => [
              eb.fn.sum<number>('amount_minor').as('total'),
              eb.fn.countAll<number>().as('gifts'),
            ])
            .where('donor_id', 'in', ids)
            .where('status', '=', 'completed')
            .groupBy(['donor_id', 'currency'])
            .execute()
        : [];
      const plans = ids.length
        ? await k
            .selectFrom('donation_plans')
            .select(['donor_id', 'status'])
            .where('donor_id', 'in', ids)
            .execute()
        : [];
      return {
        supporters: page.map((r) => {
          const d = openDonor(deps.keys, r);
          return {
            id: d.id,
            email: d.email ?? '',
            name: d.name,
            since: d.createdAt,
            totals: totals
              .filter((t) => t.donor_id === d.id)
              .map((t) => ({ currency: t.currency, amount_minor: Number(t.total), gifts: Number(t.gifts) })),
            plans: plans.filter((p) => p.donor_id === d.id).map((p) => p.status),
          };
        }),
        hasMore: rows.length > q.limit,
      };
    },

    async summary(q: SummaryQuery) {
      const withTest = q.include_test === 'true';
      let gifts = k
        .selectFrom('donations')
        .select([
          'frequency',
          'status',
          'currency',
          'amount_minor',
          'completed_at',
          'created_at',
          'variant',
          'donor_id',
          'plan_id',
          'id',
        ]);
      if (!withTest) gifts = gifts.where('test', '=', 0);
      if (q.from) gifts = gifts.where('created_at', '>=', q.from);
      if (q.to) gifts = gifts.where('created_at', '<=', endOf(q.to));
      const rows = await gifts.where('status', 'in', ['completed', 'refunded', 'disputed']).execute();
      let planQuery = k
        .selectFrom('donation_plans')
        .select(['status', 'currency', 'amount_minor', 'frequency', 'created_at', 'cancelled_at']);
      if (!withTest) planQuery = planQuery.where('test', '=', 0);
      const plans = await planQuery.execute();

      const add = (m: Map<string, number>, key: string, v: number) => m.set(key, (m.get(key) ?? 0) + v);
      const oneTime = new Map<string, number>();
      const refunds = new Map<string, number>();
      const disputes = new Map<string, number>();
      let refundCount = 0;
      let disputeCount = 0;
      const byVariant = new Map<string, number>();
      const firstGift = new Map<string, string>();
      for (const r of rows) {
        if (r.status === 'completed' && r.frequency === 'once')
          add(oneTime, r.currency, Number(r.amount_minor));
        if (r.status === 'refunded') {
          add(refunds, r.currency, Number(r.amount_minor));
          refundCount++;
        }
        if (r.status === 'disputed') {
          add(disputes, r.currency, Number(r.amount_minor));
          disputeCount++;
        }
        if (r.status === 'completed') byVariant.set(r.variant, (byVariant.get(r.variant) ?? 0) + 1);
        // A supporter is their donor record; after an erasure (no donor) a recurring gift's plan
        // still tells its renewals from new supporters, and a one-time gift is one supporter.
        const who = r.donor_id ?? (r.plan_id ? `plan:${r.plan_id}` : `gift:${r.id}`);
        const when = (r.completed_at ?? r.created_at).slice(0, 7);
        if (!firstGift.has(who) || firstGift.get(who)! > when) firstGift.set(who, when);
      }
      const monthly = new Map<string, number>();
      const cancelledPerMonth = new Map<string, number>();
      for (const p of plans) {
        if (p.status === 'active' || p.status === 'past_due') {
          add(
            monthly,
            p.currency,
            p.frequency === 'annual' ? Number(p.amount_minor) / 12 : Number(p.amount_minor),
          );
        }
        if (p.cancelled_at) add(cancelledPerMonth, p.cancelled_at.slice(0, 7), 1);
      }
      const newPerMonth = new Map<string, number>();
      for (const month of firstGift.values()) add(newPerMonth, month, 1);
      const months = [...new Set([...newPerMonth.keys(), ...cancelledPerMonth.keys()])].sort();
      const counters = (await deps.variantCounters?.()) ?? [];
      const perCurrency = (m: Map<string, number>) =>
        [...m.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amount]) => ({ currency, amount_minor: Math.round(amount) }));
      return {
        one_time_total: perCurrency(oneTime),
        recurring_monthly: perCurrency(monthly),
        active_plans: plans.filter((p) => p.status === 'active' || p.status === 'past_due').length,
        supporters_per_month: months.map((month) => ({
          month,
          new: newPerMonth.get(month) ?? 0,
          cancelled: cancelledPerMonth.get(month) ?? 0,
        })),
        refunds: { count: refundCount, totals: perCurrency(refunds) },
        disputes: { count: disputeCount, totals: perCurrency(disputes) },
        gifts_per_variant: [...byVariant.entries()].map(([variant, gifts]) => ({ variant, gifts })),
        conversion_per_variant: counters.map((c) => ({
          variant: c.variant,
          views: c.views,
          conversions: c.conversions,
          rate: c.views > 0 ? c.conversions / c.views : 0,
        })),
      };
    },
  };
}

export type DonationReports = ReturnType<typeof createDonationReports>;
