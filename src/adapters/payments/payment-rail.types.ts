// A payment provider as the donations module sees it. Each rail (test, Stripe, BTCPay, bank
// transfer) creates checkouts and turns its webhooks into the same normalised events, which the
// donations module records once by (rail, event id) and applies in order per recurring plan.

export type RailId = 'test' | 'stripe' | 'btcpay' | 'bank';
export type Frequency = 'once' | 'monthly' | 'annual';

export interface CheckoutRequest {
  /** Our donation id: the provider hands it back in its events. */
  donationId: string;
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** Decimal places of the currency (2 for EUR, 0 for JPY). */
  exponent: number;
  frequency: Frequency;
  /** Fixed by the server, never taken from the request. */
  successUrl: string;
  cancelUrl: string;
  email?: string;
  /** The product line the provider shows ("Gift to Ilmara"). */
  description: string;
}

export interface Checkout {
  /** Where the donor goes next (the provider's page, or ours). */
  url: string;
  /** The provider's id of the checkout (Stripe session, BTCPay invoice). */
  checkoutRef: string;
}

/** What happened, in one shape whatever the rail. */
export type PaymentEventKind =
  /** A checkout was paid: a one-time gift, or the first payment of a recurring plan. */
  | 'checkout.completed'
  | 'checkout.failed'
  | 'checkout.cancelled'
  /** A recurring plan's payment went through (a renewal, or the first one). */
  | 'payment.succeeded'
  /** A recurring payment failed; the provider retries. */
  | 'payment.failed'
  | 'plan.updated'
  | 'plan.cancelled'
  | 'refunded'
  | 'disputed';

export type PlanStatus = 'active' | 'past_due' | 'paused' | 'cancelled';

export interface PaymentEvent {
  rail: RailId;
  /** The provider's event id: the same event delivered twice has the same id. */
  id: string;
  kind: PaymentEventKind;
  /** The provider's time of the event (ISO): orders events per plan. */
  occurredAt: string;
  /** Our donation id when the checkout was ours. */
  donationId?: string;
  checkoutRef?: string;
  /** The provider's recurring plan (Stripe subscription). */
  planRef?: string;
  /** One payment of a plan (Stripe invoice). */
  invoiceRef?: string;
  /** The money movement (Stripe payment intent), what refunds and disputes name. */
  paymentRef?: string;
  amountMinor?: number;
  currency?: string;
  frequency?: Frequency;
  planStatus?: PlanStatus;
  email?: string;
  name?: string;
  test?: boolean;
}

export interface PlanChange {
  planRef: string;
  amountMinor?: number;
  currency?: string;
  frequency?: 'monthly' | 'annual';
  exponent?: number;
}

/** The request a webhook arrived with, as the route hands it over. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface PaymentRail {
  readonly id: RailId;
  /** Shown to donors; "TEST" for the test rail. */
  readonly label: string;
  /** No money moves (the test rail, or a provider's test mode). */
  readonly test: boolean;
  readonly frequencies: readonly Frequency[];
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Verify and parse a webhook. Throws WebhookRejected for a bad signature or body; returns the
   * events it carries (none for the kinds we do not handle).
   */
  parseWebhook?(request: WebhookRequest): PaymentEvent[];
  cancelPlan?(planRef: string): Promise<void>;
  pausePlan?(planRef: string, paused: boolean): Promise<void>;
  changePlan?(change: PlanChange): Promise<void>;
}

/** The provider could not be reached or refused the request: offer the other rails. */
export class RailUnavailableError extends Error {
  constructor(
    readonly rail: RailId,
    message: string,
  ) {
    super(message);
    this.name = 'RailUnavailableError';
  }
}

/** A webhook that is not the provider's (bad signature) or not readable. */
export class WebhookRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRejected';
  }
}

/** Major units as the providers that take decimals want them: 1050 (2) -> "10.50". */
export function majorString(amountMinor: number, exponent: number): string {
  if (exponent === 0) return String(amountMinor);
  const s = String(amountMinor).padStart(exponent + 1, '0');
  return `${s.slice(0, -exponent)}.${s.slice(-exponent)}`;
}
