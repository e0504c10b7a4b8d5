/**
 * The payment provider the API talks to (docs/architecture.md, Plans and subscriptions). Stripe
 * tells us about subscriptions through its webhook (src/modules/billing); this is the other
 * direction, the changes a caller asks for that the provider must make.
 */
export { type Payments, paymentsFor } from './payments.ts';
