import { Readable } from 'node:stream';
import { z } from 'zod';
import type { Services } from '../../../container.ts';
import {
  donationQuerySchema,
  donationRulesSchema,
  summaryQuerySchema,
  supporterQuerySchema,
} from '../../../modules/donations/index.ts';
import { apiRoute, type AnyApiRoute } from '../../api-route.ts';
import { actorOf } from './admin-auth.ts';

const donationJson = z.object({
  id: z.string(),
  created_at: z.string(),
  completed_at: z.string().nullable(),
  rail: z.string(),
  status: z.string(),
  frequency: z.string(),
  amount_minor: z.number().int(),
  currency: z.string(),
  variant: z.string(),
  source: z.string(),
  test: z.boolean(),
  supporter_id: z.string().nullable(),
  plan_id: z.string().nullable(),
  /** The bank transfer reference, or the provider's checkout id. */
  checkout_ref: z.string().nullable(),
});

/**
 * The rules as the Admin API spells them (snake_case): minimum and maximum in minor units, the
 * suggested amounts in whole major units (5 is 5 EUR), as the appeal shows them.
 */
const amountsJson = z.array(z.number().int().positive()).min(1).max(6);
const rulesJson = z.object({
  currencies: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z]{3}$/),
        minimum_minor: z.number().int().positive(),
        maximum_minor: z.number().int().positive(),
        suggested: z.object({ once: amountsJson, monthly: amountsJson, annual: amountsJson }),
      }),
    )
    .min(1)
    .max(20),
  default_currency: z.string().regex(/^[A-Z]{3}$/),
});
type RulesJson = z.output<typeof rulesJson>;
type Rules = z.output<typeof donationRulesSchema>;
const rulesToJson = (r: Rules): RulesJson => ({
  currencies: r.currencies.map((c) => ({
    code: c.code,
    minimum_minor: c.minimumMinor,
    maximum_minor: c.maximumMinor,
    suggested: c.suggested,
  })),
  default_currency: r.defaultCurrency,
});
const rulesFromJson = (r: RulesJson): Rules => ({
  currencies: r.currencies.map((c) => ({
    code: c.code,
    minimumMinor: c.minimum_minor,
    maximumMinor: c.maximum_minor,
    suggested: c.suggested,
  })),
  defaultCurrency: r.default_currency,
});

const money = z.array(z.object({ currency: z.string(), amount_minor: z.number().int() }));

function presentDonation(r: {
  id: string;
  created_at: string;
  completed_at: string | null;
  rail: string;
  status: string;
  frequency: string;
  amount_minor: number;
  currency: string;
  variant: string;
  source: string;
  test: number;
  donor_id: string | null;
  plan_id: string | null;
  checkout_ref: string | null;
}): z.output<typeof donationJson> {
  return {
    id: r.id,
    created_at: r.created_at,
    completed_at: r.completed_at,
    rail: r.rail,
    status: r.status,
    frequency: r.frequency,
    amount_minor: Number(r.amount_minor),
    currency: r.currency,
    variant: r.variant,
    source: r.source,
    test: Number(r.test) === 1,
    supporter_id: r.donor_id,
    plan_id: r.plan_id,
    checkout_ref: r.checkout_ref,
  };
}

/** Reader revenue for admins (`donations.manage`): gifts, supporters, the dashboard, rules. */
export function adminDonationRoutes(
  services: Pick<Services, 'donations' | 'donationReports'>,
): AnyApiRoute[] {
  const { donations, donationReports: reports } = services;
  return [
    apiRoute({
      method: 'GET',
      url: '/donations',
      tag: 'reader revenue',
      summary:
        'Gifts and recurring payments, newest first; filter by date (from, to: YYYY-MM-DD), rail and status',
      permission: 'donations.manage',
      query: donationQuerySchema,
      response: z.object({ donations: z.array(donationJson), page: z.number().int(), has_more: z.boolean() }),
      async handler({ query }, request) {
        donations.assertAdmin(actorOf(request));
        const page = await reports.listDonations(query);
        return { donations: page.donations.map(presentDonation), page: query.page, has_more: page.hasMore };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/donations.csv',
      tag: 'reader revenue',
      summary: 'The gifts as CSV (same filters as GET /donations, every page)',
      permission: 'donations.manage',
      query: donationQuerySchema.omit({ page: true, limit: true }),
      rawResponse: {
        contentType: 'text/csv',
        description: 'One row per gift, newest first, with a header row',
      },
      async handler({ query }, request, reply) {
        donations.assertAdmin(actorOf(request));
        reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="donations.csv"');
        return reply.send(Readable.from(reports.csv(query)));
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/donations/summary',
      tag: 'reader revenue',
      summary:
        'The revenue dashboard: one-time total, recurring revenue as a monthly equivalent, new and cancelled supporters per month, refunds, disputes, conversion per appeal variant',
      permission: 'donations.manage',
      query: summaryQuerySchema,
      response: z.object({
        one_time_total: money,
        recurring_monthly: money,
        active_plans: z.number().int(),
        supporters_per_month: z.array(
          z.object({ month: z.string(), new: z.number().int(), cancelled: z.number().int() }),
        ),
        refunds: z.object({ count: z.number().int(), totals: money }),
        disputes: z.object({ count: z.number().int(), totals: money }),
        gifts_per_variant: z.array(z.object({ variant: z.string(), gifts: z.number().int() })),
        conversion_per_variant: z.array(
          z.object({
            variant: z.string(),
            views: z.number().int(),
            conversions: z.number().int(),
            rate: z.number(),
          }),
        ),
      }),
      async handler({ query }, request) {
        donations.assertAdmin(actorOf(request));
        return reports.summary(query);
      },
    }),
    apiRoute({
      method: 'POST',
      url: '/donations/:id/received',
      tag: 'reader revenue',
      summary: 'Mark a bank transfer received: the gift completes and its receipt is sent',
      permission: 'donations.manage',
      params: z.object({ id: z.string().uuid() }),
      response: z.object({ donation: donationJson }),
      async handler({ params }, request) {
        const d = await donations.markBankReceived(actorOf(request), params.id);
        return { donation: presentDonation(d) };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/supporters',
      tag: 'reader revenue',
      summary:
        'Supporters (donors not erased), newest first, with their totals per currency and plan statuses; filter by date, rail and status (a plan status, or one_time)',
      permission: 'donations.manage',
      query: supporterQuerySchema,
      response: z.object({
        supporters: z.array(
          z.object({
            id: z.string(),
            email: z.string(),
            name: z.string().nullable(),
            since: z.string(),
            totals: z.array(
              z.object({ currency: z.string(), amount_minor: z.number().int(), gifts: z.number().int() }),
            ),
            plans: z.array(z.string()),
          }),
        ),
        page: z.number().int(),
        has_more: z.boolean(),
      }),
      async handler({ query }, request) {
        donations.assertAdmin(actorOf(request));
        const page = await reports.listSupporters(query);
        return { supporters: page.supporters, page: query.page, has_more: page.hasMore };
      },
    }),
    apiRoute({
      method: 'GET',
      url: '/donations/rules',
      tag: 'reader revenue',
      summary:
        'The donation rules (currencies, minimum and maximum in minor units, suggested amounts in whole major units) and the rails on offer',
      permission: 'donations.manage',
      response: z.object({
        rules: rulesJson,
        rails: z.array(z.object({ id: z.string(), label: z.string(), test: z.boolean() })),
      }),
      async handler(_input, request) {
        donations.assertAdmin(actorOf(request));
        // The rules as kept (suggested amounts in whole major units, as PUT takes them), so what
        // is read can be written back unchanged; the rails come with the public rules.
        const [kept, open] = await Promise.all([donations.rules(), donations.publicRules()]);
        return { rules: rulesToJson(kept), rails: open.rails };
      },
    }),
    apiRoute({
      method: 'PUT',
      url: '/donations/rules',
      tag: 'reader revenue',
      summary: 'Replace the donation rules; every gift is checked against them on the server',
      permission: 'donations.manage',
      body: rulesJson,
      response: z.object({ rules: rulesJson }),
      async handler({ body }, request) {
        return { rules: rulesToJson(await donations.updateRules(actorOf(request), rulesFromJson(body))) };
      },
    }),
  ];
}
