import { createRequire } from 'node:module';
import type Stripe from 'stripe';
import {
  RailUnavailableError,
  WebhookRejected,
  type Checkout,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentRail,
  type PlanChange,
  type PlanStatus,
  type WebhookRequest,
} from './payment-rail.types.ts';

export interface StripeRailOptions {
  secretKey: string;
  webhookSecret: string;
  /** Default https://api.stripe.com; tests point it at a stand-in. */
  apiUrl: string;
  timeoutMs?: number;
}

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
/** An expandable field: its id whether Stripe sent the id or the object. */
const ref = (v: unknown): string | undefined => str(v) ?? str(obj(v).id);

/** Stripe Checkout Sessions for one-time and recurring gifts; webhooks verified over the raw body. */
export function createStripeRail(options: StripeRailOptions): PaymentRail {
  const url = new URL(options.apiUrl);
  // Built now, but nothing is sent until a donor asks for a checkout. The client library (some
  // 220 modules) is loaded only where a Stripe rail is configured.
  const StripeClient = createRequire(import.meta.url)('stripe') as typeof Stripe;
  const stripe = new StripeClient(options.secretKey, {
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol === 'http:' ? 'http' : 'https',
    maxNetworkRetries: 1,
    timeout: options.timeoutMs ?? 15_000,
    telemetry: false,
  });
  const test = options.secretKey.startsWith('sk_test_');

  async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      // Connection failures, timeouts and Stripe's own 5xx: the donor is offered the other rails.
      throw new RailUnavailableError(
        'stripe',
        `${what}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  return {
    id: 'stripe',
    label: 'Card (Stripe)',
    test,
    frequencies: ['once', 'monthly', 'annual'],

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const recurring = request.frequency !== 'once';
      const session = await call('creating a checkout session', () =>
        stripe.checkout.sessions.create({
          mode: recurring ? 'subscription' : 'payment',
          client_reference_id: request.donationId,
          metadata: { donation_id: request.donationId },
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: request.amountMinor,
                product_data: { name: request.description },
                ...(recurring
                  ? { recurring: { interval: request.frequency === 'monthly' ? 'month' : 'year' } }
                  : {}),
              },
            },
          ],
          ...(recurring
            ? { subscription_data: { metadata: { donation_id: request.donationId } } }
            : { payment_intent_data: { metadata: { donation_id: request.donationId } } }),
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          ...(request.email ? { customer_email: request.email } : {}),
        }),
      );
      if (!session.url) throw new RailUnavailableError('stripe', 'the checkout session has no URL');
      return { url: session.url, checkoutRef: session.id };
    },

    parseWebhook(request: WebhookRequest): PaymentEvent[] {
      const header = request.headers['stripe-signature'];
      if (typeof header !== 'string' || header === '')
        throw new WebhookRejected('no Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(request.rawBody, header, options.webhookSecret);
      } catch (err) {
        throw new WebhookRejected(err instanceof Error ? err.message : 'the signature does not verify');
      }
      const mapped = mapStripeEvent(event as unknown as Obj);
      return mapped ? [mapped] : [];
    },

    async cancelPlan(planRef) {
      await call('cancelling a subscription', () => stripe.subscriptions.cancel(planRef));
    },

    async pausePlan(planRef, paused) {
      await call('pausing a subscription', () =>
        stripe.subscriptions.update(planRef, {
          pause_collection: paused ? { behavior: 'void' } : '',
        }),
      );
    },

    async changePlan(change: PlanChange) {
      const subscription = await call('reading a subscription', () =>
        stripe.subscriptions.retrieve(change.planRef),
      );
      const item = obj(obj(subscription).items).data as Obj[] | undefined;
      const first = obj(item?.[0]);
      const price = obj(first.price);
      const product = ref(price.product);
      if (!str(first.id) || !product)
        throw new RailUnavailableError('stripe', 'the subscription has no item');
      const interval = change.frequency
        ? change.frequency === 'monthly'
          ? 'month'
          : 'year'
        : ((str(obj(price.recurring).interval) as 'month' | 'year' | undefined) ?? 'month');
      await call('changing a subscription', () =>
        stripe.subscriptions.update(change.planRef, {
          items: [
            {
              id: str(first.id)!,
              price_data: {
                currency: (change.currency ?? str(price.currency) ?? 'eur').toLowerCase(),
                product,
                unit_amount: change.amountMinor ?? num(price.unit_amount) ?? 0,
                recurring: { interval },
              },
            },
          ],
          proration_behavior: 'none',
        }),
      );
    },
  };
}

function subscriptionStatus(sub: Obj): PlanStatus {
  const status = str(sub.status);
  if (status === 'canceled' || status === 'incomplete_expired') return 'cancelled';
  if (sub.pause_collection && typeof sub.pause_collection === 'object') return 'paused';
  if (status === 'paused') return 'paused';
  if (status === 'past_due' || status === 'unpaid') return 'past_due';
  return 'active';
}

/** The subscription an invoice belongs to, in the older and the newer API shapes. */
function invoiceSubscription(invoice: Obj): string | undefined {
  return (
    ref(invoice.subscription) ??
    ref(obj(obj(invoice.parent).subscription_details).subscription) ??
    ref(obj(obj(obj(obj(invoice.lines).data as unknown[])[0]).parent).subscription_item_details)
  );
}

function invoicePayment(invoice: Obj): string | undefined {
  const payments = obj(invoice.payments).data as Obj[] | undefined;
  return ref(invoice.payment_intent) ?? ref(obj(obj(payments?.[0]).payment).payment_intent);
}

/** One Stripe event in our shape; undefined for the kinds we do not act on. */
export function mapStripeEvent(event: Obj): PaymentEvent | undefined {
  const id = str(event.id);
  const type = str(event.type);
  const data = obj(obj(event.data).object);
  if (!id || !type) return undefined;
  const base = {
    rail: 'stripe' as const,
    id,
    occurredAt: new Date((num(event.created) ?? 0) * 1000).toISOString(),
    test: event.livemode === false,
  };
  switch (type) {
    case 'checkout.session.completed': {
      const details = obj(data.customer_details);
      const recurring = str(data.mode) === 'subscription';
      if (str(data.payment_status) === 'unpaid') return undefined;
      return {
        ...base,
        kind: 'checkout.completed',
        ...opt('donationId', str(data.client_reference_id) ?? str(obj(data.metadata).donation_id)),
        ...opt('checkoutRef', str(data.id)),
        ...opt('planRef', ref(data.subscription)),
        ...opt('invoiceRef', ref(data.invoice)),
        ...opt('paymentRef', ref(data.payment_intent)),
        ...opt('amountMinor', num(data.amount_total)),
        ...opt('currency', str(data.currency)?.toUpperCase()),
        ...(recurring ? {} : { frequency: 'once' as const }),
        ...opt('email', str(details.email) ?? str(data.customer_email)),
        ...opt('name', str(details.name)),
      };
    }
    case 'checkout.session.expired':
      return {
        ...base,
        kind: 'checkout.cancelled',
        ...opt('donationId', str(data.client_reference_id)),
        ...opt('checkoutRef', str(data.id)),
      };
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const planRef = invoiceSubscription(data);
      if (!planRef) return undefined;
      const line = obj((obj(data.lines).data as unknown[] | undefined)?.[0]);
      const interval = str(obj(obj(line.price).recurring).interval) ?? str(obj(line.plan).interval);
      return {
        ...base,
        kind: type === 'invoice.paid' ? 'payment.succeeded' : 'payment.failed',
        planRef,
        ...opt('invoiceRef', str(data.id)),
        ...opt('paymentRef', invoicePayment(data)),
        ...opt('amountMinor', num(type === 'invoice.paid' ? data.amount_paid : data.amount_due)),
        ...opt('currency', str(data.currency)?.toUpperCase()),
        ...(interval ? { frequency: interval === 'year' ? ('annual' as const) : ('monthly' as const) } : {}),
        ...opt('email', str(data.customer_email)),
        ...opt('name', str(data.customer_name)),
      };
    }
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const item = obj((obj(data.items).data as unknown[] | undefined)?.[0]);
      const price = obj(item.price);
      const interval = str(obj(price.recurring).interval);
      return {
        ...base,
        kind: type === 'customer.subscription.deleted' ? 'plan.cancelled' : 'plan.updated',
        ...opt('planRef', str(data.id)),
        planStatus: type === 'customer.subscription.deleted' ? 'cancelled' : subscriptionStatus(data),
        ...opt('amountMinor', num(price.unit_amount)),
        ...opt('currency', str(price.currency)?.toUpperCase()),
        ...(interval ? { frequency: interval === 'year' ? ('annual' as const) : ('monthly' as const) } : {}),
      };
    }
    case 'charge.refunded':
      return {
        ...base,
        kind: 'refunded',
        ...opt('paymentRef', ref(data.payment_intent)),
        ...opt('invoiceRef', ref(data.invoice)),
      };
    case 'charge.dispute.created':
      return { ...base, kind: 'disputed', ...opt('paymentRef', ref(data.payment_intent)) };
    default:
      return undefined;
  }
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
