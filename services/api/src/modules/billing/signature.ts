/** Stripe webhook signatures: the kernel's (payments and subscriptions verify them alike). */
export {
  assertStripeSignature,
  SIGNATURE_TOLERANCE_SECONDS,
  stripeSignature,
} from '../../kernel/payments/stripe-signature.ts';
