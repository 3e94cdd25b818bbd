import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PaymentEvent } from '../../adapters/payments/index.ts';
import type { Clock } from '../../lib/time.ts';
import { latestRenewalDue } from './renewal-period.ts';

// The TEST rail has no provider to bill a recurring gift, so this server plays that part: a
// scheduled job finds active TEST plans whose latest period has begun without a payment and
// records the payment as the same event a real rail's webhook brings (`payment.succeeded`),
// through the same path: recorded once by event id, the gift and its receipt job in one
// transaction per plan. The event id names the plan and the period, so a run killed midway, a
// second process running at the same moment or a rerun records each period exactly once.

export const RENEW_TEST_PLANS_TASK = 'donations.renew-test-plans';

export interface TestRenewalDeps {
  db: Kysely<Database>;
  now: Clock;
  recordEvents: (events: PaymentEvent[]) => Promise<Array<{ id: string; outcome: string }>>;
}

/** The renewal event of one plan's period: its ids are the same however often it is built. */
export function renewalEvent(
  plan: { id: string; provider_ref: string; amount_minor: number; currency: string; frequency: string },
  due: Date,
): PaymentEvent {
  const period = due.toISOString();
  return {
    rail: 'test',
    id: `test_renewal:${plan.id}:${period}`,
    kind: 'payment.succeeded',
    occurredAt: period,
    planRef: plan.provider_ref,
    invoiceRef: `test_in_${plan.id}_${period}`,
    paymentRef: `test_pi_${plan.id}_${period}`,
    amountMinor: plan.amount_minor,
    currency: plan.currency,
    frequency: plan.frequency === 'annual' ? 'annual' : 'monthly',
    test: true,
  };
}

/**
 * Renews the due TEST plans, at most `batch` of them (the job runs again for the rest). Returns
 * how many periods it recorded now; a period another run recorded first is not counted.
 */
export async function renewDueTestPlans(
  deps: TestRenewalDeps,
  options: { batch?: number } = {},
): Promise<{ renewed: number; due: number }> {
  const now = deps.now();
  const plans = await deps.db
    .selectFrom('donation_plans')
    .leftJoin('donations', (join) =>
      join
        .onRef('donations.plan_id', '=', 'donation_plans.id')
        .on('donations.status', 'in', ['completed', 'refunded', 'disputed']),
    )
    .select((eb) => [
      'donation_plans.id as id',
      'donation_plans.provider_ref as provider_ref',
      'donation_plans.amount_minor as amount_minor',
      'donation_plans.currency as currency',
      'donation_plans.frequency as frequency',
      eb.fn.min('donations.completed_at').as('first_paid'),
      eb.fn.max('donations.completed_at').as('last_paid'),
    ])
    .where('donation_plans.rail', '=', 'test')
    .where('donation_plans.status', '=', 'active')
    .where('donation_plans.provider_ref', 'is not', null)
    .groupBy([
      'donation_plans.id',
      'donation_plans.provider_ref',
      'donation_plans.amount_minor',
      'donation_plans.currency',
      'donation_plans.frequency',
    ])
    .orderBy('donation_plans.id')
    .execute();
  const events: PaymentEvent[] = [];
  for (const p of plans) {
    if (!p.first_paid || !p.last_paid || !p.provider_ref) continue;
    const due = latestRenewalDue(new Date(p.first_paid), p.frequency, now);
    // Paid for this period already (its renewal, or the first payment after a change of frequency).
    if (!due || new Date(p.last_paid) >= due) continue;
    events.push(renewalEvent({ ...p, provider_ref: p.provider_ref }, due));
  }
  let renewed = 0;
  // One event, one transaction: a kill between two plans loses neither.
  for (const e of events.slice(0, options.batch ?? 100)) {
    const [outcome] = await deps.recordEvents([e]);
    if (outcome && outcome.outcome !== 'duplicate' && outcome.outcome !== 'already recorded') renewed++;
  }
  return { renewed, due: events.length };
}
