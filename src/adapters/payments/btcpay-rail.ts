import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  majorString,
  RailUnavailableError,
  WebhookRejected,
  type Checkout,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentRail,
  type WebhookRequest,
} from './payment-rail.types.ts';

export interface BtcpayRailOptions {
  url: string;
  apiKey: string;
  storeId: string;
  webhookSecret: string;
  timeoutMs?: number;
}

/** BTCPay-Sig: "sha256=" and the hex HMAC-SHA256 of the raw body under the webhook's secret. */
export function btcpaySignature(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** BTCPay Server (Greenfield API) invoices: crypto, one-time gifts only. */
export function createBtcpayRail(options: BtcpayRailOptions): PaymentRail {
  const base = options.url.replace(/\/+$/, '');
  return {
    id: 'btcpay',
    label: 'Bitcoin (BTCPay)',
    test: false,
    frequencies: ['once'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      let res: Response;
      try {
        res = await fetch(`${base}/api/v1/stores/${encodeURIComponent(options.storeId)}/invoices`, {
          method: 'POST',
          headers: { authorization: `token ${options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            amount: majorString(request.amountMinor, request.exponent),
            currency: request.currency,
            metadata: { orderId: request.donationId, itemDesc: request.description },
            checkout: { redirectURL: request.successUrl, redirectAutomatically: true },
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (err) {
        throw new RailUnavailableError('btcpay', err instanceof Error ? err.message : String(err));
      }
      if (!res.ok) throw new RailUnavailableError('btcpay', `creating an invoice answered ${res.status}`);
      const invoice = (await res.json().catch(() => ({}))) as { id?: unknown; checkoutLink?: unknown };
      if (typeof invoice.id !== 'string' || typeof invoice.checkoutLink !== 'string') {
        throw new RailUnavailableError('btcpay', 'the invoice has no id or checkout link');
      }
      return { url: invoice.checkoutLink, checkoutRef: invoice.id };
    },

    parseWebhook(request: WebhookRequest): PaymentEvent[] {
      const header = request.headers['btcpay-sig'];
      if (typeof header !== 'string') throw new WebhookRejected('no BTCPay-Sig header');
      const expected = Buffer.from(btcpaySignature(options.webhookSecret, request.rawBody));
      const given = Buffer.from(header.trim().toLowerCase());
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new WebhookRejected('the signature does not verify');
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new WebhookRejected('the body is not JSON');
      }
      if (!body || typeof body !== 'object') throw new WebhookRejected('the body is not an object');
      const invoiceId = typeof body.invoiceId === 'string' ? body.invoiceId : undefined;
      // A redelivery carries a new deliveryId and the first one as originalDeliveryId.
      const id = [body.originalDeliveryId, body.deliveryId].find((v) => typeof v === 'string') as
        string | undefined;
      if (!invoiceId || !id) return [];
      const metadata = (body.metadata && typeof body.metadata === 'object' ? body.metadata : {}) as Record<
        string,
        unknown
      >;
      const kind =
        body.type === 'InvoiceSettled' || body.type === 'InvoicePaymentSettled'
          ? ('checkout.completed' as const)
          : body.type === 'InvoiceExpired'
            ? ('checkout.cancelled' as const)
            : body.type === 'InvoiceInvalid'
              ? ('checkout.failed' as const)
              : undefined;
      if (!kind) return [];
      const timestamp = typeof body.timestamp === 'number' ? body.timestamp * 1000 : Date.now();
      return [
        {
          rail: 'btcpay',
          id,
          kind,
          occurredAt: new Date(timestamp).toISOString(),
          checkoutRef: invoiceId,
          ...(typeof metadata.orderId === 'string' ? { donationId: metadata.orderId } : {}),
          ...(typeof metadata.buyerEmail === 'string' ? { email: metadata.buyerEmail } : {}),
        },
      ];
    },
  };
}
