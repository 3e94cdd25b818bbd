import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { DonationsTable } from '../../db/schema.ts';
import type { PaymentEvent } from '../../adapters/payments/index.ts';
import { NotFoundError, RateLimitedError, ValidationError } from '../../domain/errors.ts';
import type { Clock } from '../../lib/time.ts';
import { addressRange } from '../rate-limits/index.ts';
import type { CheckoutLimiter } from './checkout-limiter.ts';
import { looksLikeEmail, normaliseEmail } from './donor-store.ts';
import type { RecordEvents } from './record-events.ts';

export interface TestCheckoutDeps {
  pendingCheckout: (rail: 'test', ref: string) => Promise<Selectable<DonationsTable> | undefined>;
  hasTestRail: () => boolean;
  limiter: CheckoutLimiter;
  recordEvents: RecordEvents;
  now: Clock;
}

export function createTestCheckout(deps: TestCheckoutDeps) {
  const { limiter, now } = deps;
  /**
   * The test rail's checkout page answered: the outcome becomes the same event a real rail's
   * webhook would send, through the same path.
   */
  return async function completeTestCheckout(
    ref: string,
    input: { outcome: string; email?: string; name?: string },
    origin: { address: string },
    lang?: string,
  ) {
    const d = await deps.pendingCheckout('test', ref);
    if (!d || d.status !== 'pending' || !deps.hasTestRail()) throw new NotFoundError('checkout', ref);
    const outcome = input.outcome;
    if (!['succeed', 'fail', 'cancel'].includes(outcome))
      throw new ValidationError('choose succeed, fail or cancel');
    const email = input.email ? normaliseEmail(input.email) : '';
    if (outcome === 'succeed' && !looksLikeEmail(email)) {
      throw new ValidationError('an e-mail address is needed for the receipt', [
        { path: 'email', message: 'invalid' },
      ]);
    }
    if (outcome === 'succeed' && !(await limiter.allow({ range: addressRange(origin.address), email }))) {
      throw new RateLimitedError(600);
    }
    const kind =
      outcome === 'succeed'
        ? 'checkout.completed'
        : outcome === 'fail'
          ? 'checkout.failed'
          : 'checkout.cancelled';
    const event: PaymentEvent = {
      rail: 'test',
      id: `test_evt_${randomBytes(12).toString('hex')}`,
      kind,
      occurredAt: now().toISOString(),
      donationId: d.id,
      checkoutRef: ref,
      test: true,
      ...(outcome === 'succeed'
        ? {
            email,
            ...(input.name?.trim() ? { name: input.name.trim() } : {}),
            amountMinor: d.amount_minor,
            currency: d.currency,
            paymentRef: `test_pi_${ref.slice(8)}`,
            invoiceRef: `test_in_${ref.slice(8)}`,
            ...(d.frequency !== 'once' ? { planRef: `test_sub_${ref.slice(8)}` } : {}),
          }
        : {}),
    };
    await deps.recordEvents([event], lang);
    return { donationId: d.id, outcome };
  };
}
