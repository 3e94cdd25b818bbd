import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Keys } from '../../crypto/secret-key.ts';
import { RailUnavailableError, type PaymentRail } from '../../adapters/payments/index.ts';
import { RateLimitedError } from '../../domain/errors.ts';
import type { Clock } from '../../lib/time.ts';
import { addressRange } from '../rate-limits/index.ts';
import type { CheckoutLimiter } from './checkout-limiter.ts';
import { exponentOf, type DonationRules } from './donation-rules.ts';
import { publicRails } from './donation-rules-store.ts';
import { looksLikeEmail, normaliseEmail } from './donor-store.ts';
import { GiftRejectedError, ProofOfWorkRequiredError, RailDownError } from './gift-errors.ts';
import { checkGift, type CheckoutForm } from './parse-gift.ts';
import { checkChallenge, issueChallenge } from './proof-of-work.ts';
import { supportPaths } from './support-paths.ts';

// A gift's way to a rail: the appeal's form checked against the rules (and the card-testing limits,
// and the optional proof of work), a checkout made on the rail the donor chose, and the pending
// donation recorded; then the pages our own rails and the thank-you page read back.

export interface GiftCheckoutDeps {
  db: Kysely<Database>;
  keys: Pick<Keys, 'signing'>;
  rails: PaymentRail[];
  railById: (id: string) => PaymentRail | undefined;
  rules: () => Promise<DonationRules>;
  limiter: CheckoutLimiter;
  /** The optional proof-of-work step: `bits` of work (0: off), `spend` true on a nonce's first use. */
  proofOfWork: { bits: number; spend: (nonce: string) => Promise<boolean> } | undefined;
  /** SITE_URL without a trailing slash: the rails return donors to absolute URLs. */
  site: string;
  publicationName: () => string;
  now: Clock;
  log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export function createGiftCheckout(deps: GiftCheckoutDeps) {
  const { db: k, keys, limiter, rules, railById, site, now, log } = deps;

  return {
    /**
     * A checkout for a gift the rules accept, on the rail the donor chose; the donor goes to its
     * URL. Refused gifts record nothing; an unreachable rail names the others.
     */
    async startCheckout(
      form: CheckoutForm,
      origin: { address: string },
    ): Promise<{ url: string; donationId: string }> {
      const emailText = typeof form.email === 'string' ? normaliseEmail(form.email) : '';
      const email = emailText && looksLikeEmail(emailText) ? emailText : undefined;
      const pow = deps.proofOfWork && deps.proofOfWork.bits > 0 ? deps.proofOfWork : undefined;
      const refuse = (check: Extract<ReturnType<typeof checkGift>, { ok: false }>) =>
        new GiftRejectedError(check.problem, {
          ...(check.minimumMinor ? { minimumMinor: check.minimumMinor } : {}),
          ...(check.maximumMinor ? { maximumMinor: check.maximumMinor } : {}),
        });
      // With proof of work on, a form that has not been through it gets its challenge first;
      // issuing one costs an HMAC, so it is not counted against the limits.
      if (pow && (typeof form.pow_token !== 'string' || form.pow_token === '')) {
        const check = checkGift(await rules(), deps.rails, form);
        if (!check.ok) throw refuse(check);
        throw new ProofOfWorkRequiredError(
          issueChallenge(keys.signing, check.gift, pow.bits, now()),
          pow.bits,
        );
      }
      if (!(await limiter.allow({ range: addressRange(origin.address), ...(email ? { email } : {}) }))) {
        throw new RateLimitedError(600);
      }
      const check = checkGift(await rules(), deps.rails, form);
      if (!check.ok) throw refuse(check);
      if (pow) {
        const verdict = checkChallenge(keys.signing, form.pow_token, form.pow_solution, check.gift, now());
        const problem = !verdict.ok
          ? verdict.problem
          : (await pow.spend(verdict.nonce))
            ? undefined
            : 'spent';
        if (problem) {
          log('info', 'a proof-of-work answer was refused', { problem });
          throw new ProofOfWorkRequiredError(
            issueChallenge(keys.signing, check.gift, pow.bits, now()),
            pow.bits,
            problem,
          );
        }
      }
      const gift = check.gift;
      const rail = railById(gift.rail)!;
      const donationId = randomUUID();
      let checkout;
      try {
        checkout = await rail.createCheckout({
          donationId,
          amountMinor: gift.amountMinor,
          currency: gift.currency,
          exponent: exponentOf(gift.currency),
          frequency: gift.frequency,
          successUrl: `${site}${supportPaths.thankYou}?gift=${donationId}`,
          cancelUrl: `${site}${supportPaths.support}`,
          ...(email ? { email } : {}),
          description: `${deps.publicationName()}`,
        });
      } catch (err) {
        if (err instanceof RailUnavailableError) {
          log('warn', 'a payment rail is unavailable', { rail: rail.id, error: err.message });
          throw new RailDownError(
            rail.id,
            publicRails(deps.rails).filter((r) => r.id !== rail.id),
          );
        }
        throw err;
      }
      const at = now().toISOString();
      await k
        .insertInto('donations')
        .values({
          id: donationId,
          donor_id: null,
          plan_id: null,
          rail: rail.id,
          checkout_ref: checkout.checkoutRef,
          invoice_ref: null,
          payment_ref: null,
          amount_minor: gift.amountMinor,
          currency: gift.currency,
          frequency: gift.frequency,
          status: 'pending',
          variant: gift.variant,
          source: gift.source,
          test: rail.test ? 1 : 0,
          created_at: at,
          completed_at: null,
          updated_at: at,
        })
        .execute();
      return { url: checkout.url, donationId };
    },

    /** A pending test-rail or bank checkout, for its page; undefined when there is none. */
    async pendingCheckout(rail: 'test' | 'bank', ref: string) {
      if (!/^[A-Za-z0-9_-]{6,64}$/.test(ref)) return undefined;
      const d = await k
        .selectFrom('donations')
        .selectAll()
        .where('rail', '=', rail)
        .where('checkout_ref', '=', ref)
        .executeTakeFirst();
      return d;
    },

    async donationForThanks(id: unknown) {
      if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
      return k
        .selectFrom('donations')
        .select(['status', 'test', 'rail'])
        .where('id', '=', id)
        .executeTakeFirst();
    },
  };
}
