export type {
  Checkout,
  CheckoutRequest,
  Frequency,
  PaymentEvent,
  PaymentEventKind,
  PaymentRail,
  PlanChange,
  PlanStatus,
  RailId,
  WebhookRequest,
} from './payment-rail.types.ts';
export { majorString, RailUnavailableError, WebhookRejected } from './payment-rail.types.ts';
export { createStripeRail, mapStripeEvent, type StripeRailOptions } from './stripe-rail.ts';
export { btcpaySignature, createBtcpayRail, type BtcpayRailOptions } from './btcpay-rail.ts';
export { bankReference, createBankRail } from './bank-rail.ts';
export { createTestRail } from './test-rail.ts';
