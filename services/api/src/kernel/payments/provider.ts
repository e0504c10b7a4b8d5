/**
 * Taking money and paying it out (docs/architecture.md, Composition root; docs/products/nex.md,
 * Payments and the ledger). A `PaymentProvider` creates a payment for an amount in minor units,
 * reports its outcome only through a signed webhook (Stripe's `Stripe-Signature` scheme, verified
 * by the receiver with `webhookSecret`), and refunds. A `PayoutProvider` sends a creator's money
 * out. Two adapters each: Stripe (PaymentIntents, Refunds, Connect transfers) and the local
 * test-mode default, which completes payments through the same signed-webhook path.
 */

export type ProviderName = 'local' | 'stripe';

export interface NewProviderPayment {
  /** Minor units of `currency` (yen for JPY, cents for USD), as Stripe counts them. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** Copied onto the provider's object and back into every event about it. */
  metadata: Record<string, string>;
  /** The same key creates the payment once, however often the call is retried. */
  idempotencyKey: string;
  description: string;
}

export interface ProviderPayment {
  /** The provider's id (`pi_…`). */
  id: string;
  /** What a client needs to pay (Stripe.js `confirmPayment`); the local provider's is a token. */
  clientSecret: string | null;
}

export interface ProviderRefund {
  id: string;
  status: 'succeeded' | 'pending' | 'failed';
}

/** A signed event the local provider sends its own webhook: the bytes and their signature header. */
export interface SignedDelivery {
  rawBody: Buffer;
  signature: string;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /** The endpoint secret the webhook verifies `Stripe-Signature` with. */
  readonly webhookSecret: string;
  createPayment(payment: NewProviderPayment): Promise<ProviderPayment>;
  refund(refund: { paymentId: string; amount: number; idempotencyKey: string }): Promise<ProviderRefund>;
  /**
   * Test mode only (the local provider): the signed event a payment's outcome produces, as the
   * real provider would send it once the buyer paid (or the card was declined). Null elsewhere:
   * a real provider's payments are completed by the buyer, not by the API.
   */
  simulate:
    | ((payment: SimulatedPayment, outcome: 'succeeded' | 'failed', nowMs: number) => SignedDelivery)
    | null;
}

export interface SimulatedPayment {
  providerPaymentId: string;
  amount: number;
  currency: string;
  metadata: Record<string, string>;
}

export interface NewPayout {
  amount: number;
  currency: string;
  /** The connected account (`acct_…`) the money goes to. */
  destination: string;
  metadata: Record<string, string>;
  idempotencyKey: string;
}

export type PayoutOutcome = { status: 'paid'; id: string } | { status: 'failed'; message: string };

export interface PayoutProvider {
  readonly name: ProviderName;
  /** Throws a retryable `unavailable` DomainError when the provider cannot be reached. */
  createPayout(payout: NewPayout): Promise<PayoutOutcome>;
}
