import { DomainError } from '../errors.ts';
import { stripePayments } from './stripe.ts';

/** A purchase to pay at the provider's hosted checkout. */
export interface CheckoutRequest {
  accountId: string;
  product: string;
  plan: string;
  /** The plugin, for a product sold per plugin; '' otherwise. */
  subject: string;
  /** What the buyer sees on the checkout page. */
  name: string;
  /** Integer minor units of `currency`. */
  amount: number;
  /** ISO 4217. */
  currency: string;
  /** The billing interval; null for a one-time payment. */
  interval: 'month' | 'year' | null;
  successUrl: string;
  cancelUrl: string;
}

export interface Checkout {
  id: string;
  url: string;
}

export interface Payments {
  /** Tells the provider to stop renewing the subscription after its current period. */
  cancelAtPeriodEnd(stripeSubscriptionId: string): Promise<void>;
  /**
   * Opens a checkout for a subscription (or a one-time purchase). The subscription itself starts
   * when the provider reports it paid (Stripe's `customer.subscription.created`, applied by the
   * billing webhook from the metadata set here); a one-time purchase is recorded, and its quota
   * granted, when `checkout.session.completed` (or `async_payment_succeeded`) says it is paid.
   */
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
}

/** How long to wait before asking again when no provider is configured: it takes an operator. */
const UNCONFIGURED_RETRY_AFTER_SECONDS = 300;

/**
 * Without a Stripe API key there is no provider to tell: a subscription Stripe bills cannot be
 * changed from here, and saying it was would be a lie (Stripe would keep charging).
 */
const unconfigured: Payments = {
  async cancelAtPeriodEnd() {
    throw new DomainError(
      'unavailable',
      'This subscription is billed by Stripe, and this server has no Stripe API key: set STRIPE_SECRET_KEY.',
      { retryAfter: UNCONFIGURED_RETRY_AFTER_SECONDS },
    );
  },
  async createCheckout() {
    throw new DomainError(
      'unavailable',
      'Paid plans are sold through Stripe, and this server has no Stripe API key: set STRIPE_SECRET_KEY.',
      { retryAfter: UNCONFIGURED_RETRY_AFTER_SECONDS },
    );
  },
};

export interface PaymentsConfig {
  stripeSecretKey: string | null;
  /** Stripe's API origin; a test points it at a local fake. */
  stripeApiUrl: string;
}

export function paymentsFor(config: PaymentsConfig): Payments {
  return config.stripeSecretKey
    ? stripePayments({ secretKey: config.stripeSecretKey, apiUrl: config.stripeApiUrl })
    : unconfigured;
}
