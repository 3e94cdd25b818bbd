import { randomInt } from 'node:crypto';
import type { Checkout, CheckoutRequest, PaymentRail } from './payment-rail.types.ts';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A payment reference a donor can type into a bank form: "SZ-" and 8 unambiguous characters. */
export function bankReference(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `SZ-${s.slice(0, 4)}-${s.slice(4)}`;
}

/**
 * Bank transfer: no provider. The checkout is our page showing the account details and a unique
 * reference; an admin marks the gift received (Admin API) when the money arrives.
 */
export function createBankRail(options: { pageUrl: (reference: string) => string }): PaymentRail {
  return {
    id: 'bank',
    label: 'Bank transfer',
    test: false,
    frequencies: ['once'],
    async createCheckout(_request: CheckoutRequest): Promise<Checkout> {
      const reference = bankReference();
      return { url: options.pageUrl(reference), checkoutRef: reference };
    },
  };
}
