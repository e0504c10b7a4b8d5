/**
 * The payment providers the API talks to (docs/architecture.md, Plans and subscriptions and
 * Composition root). Stripe tells us about subscriptions through its webhook (src/modules/billing);
 * `Payments` is the other direction, the changes a caller asks for that the provider must make.
 * `PaymentProvider` and `PayoutProvider` take and pay out money for the products that sell things
 * (nex commerce), with a local test-mode default.
 */
export { localPaymentProvider, localPayoutProvider } from './local.ts';
export { type Checkout, type CheckoutRequest, type Payments, paymentsFor } from './payments.ts';
export type {
  NewPayout,
  NewProviderPayment,
  PaymentProvider,
  PayoutOutcome,
  PayoutProvider,
  ProviderName,
  ProviderPayment,
  SignedDelivery,
} from './provider.ts';
export { stripePaymentProvider, stripePayoutProvider } from './stripe.ts';
export { recordStripeEvent } from './stripe-events.ts';
export { assertStripeSignature, stripeSignature } from './stripe-signature.ts';
