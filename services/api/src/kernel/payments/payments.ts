import { DomainError } from '../errors.ts';
import { stripePayments } from './stripe.ts';

export interface Payments {
  /** Tells the provider to stop renewing the subscription after its current period. */
  cancelAtPeriodEnd(stripeSubscriptionId: string): Promise<void>;
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
