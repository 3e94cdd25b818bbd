import { randomBytes } from 'node:crypto';
import type { Checkout, CheckoutRequest, PaymentRail } from './payment-rail.types.ts';

/**
 * The TEST rail, on when no real rail is configured: the checkout is a page on this server where
 * the donor picks success, failure or cancel. Its outcomes come back as the same normalised
 * events a real rail's webhooks give (the donations module emits them through the same path).
 */
export function createTestRail(options: { pageUrl: (checkoutRef: string) => string }): PaymentRail {
  return {
    id: 'test',
    label: 'TEST payment (no money moves)',
    test: true,
    frequencies: ['once', 'monthly', 'annual'],
    async createCheckout(_request: CheckoutRequest): Promise<Checkout> {
      const checkoutRef = `test_cs_${randomBytes(12).toString('hex')}`;
      return { url: options.pageUrl(checkoutRef), checkoutRef };
    },
    async cancelPlan() {},
    async pausePlan() {},
    async changePlan() {},
  };
}
