// Reader revenue's rails: the ones configured, in the order donors see them; the TEST rail when none
// is (or when asked for). Nothing here calls a provider: checkouts are made when donors ask.
import {
  createBankRail,
  createBtcpayRail,
  createStripeRail,
  createTestRail,
  type PaymentRail,
} from '../adapters/payments/index.ts';
import type { Config } from '../config/config.schema.ts';
import { supportPaths } from '../modules/donations/index.ts';

export function paymentRails(config: Config): PaymentRail[] {
  const rails: PaymentRail[] = [];
  if (config.STRIPE_SECRET_KEY) {
    rails.push(
      createStripeRail({
        secretKey: config.STRIPE_SECRET_KEY,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET,
        apiUrl: config.STRIPE_API_URL,
      }),
    );
  }
  if (config.BTCPAY_URL && config.BTCPAY_API_KEY && config.BTCPAY_STORE_ID) {
    rails.push(
      createBtcpayRail({
        url: config.BTCPAY_URL,
        apiKey: config.BTCPAY_API_KEY,
        storeId: config.BTCPAY_STORE_ID,
        webhookSecret: config.BTCPAY_WEBHOOK_SECRET,
      }),
    );
  }
  if (config.BANK_TRANSFER_DETAILS) {
    // Our own pages: origin-relative, so a reader on an alternate origin or the onion stays there.
    rails.push(createBankRail({ pageUrl: (ref) => supportPaths.bank(ref) }));
  }
  if (config.DONATIONS_TEST_RAIL === 'on' || (config.DONATIONS_TEST_RAIL === 'auto' && rails.length === 0)) {
    rails.push(createTestRail({ pageUrl: (ref) => supportPaths.testCheckout(ref) }));
  }
  return rails;
}
