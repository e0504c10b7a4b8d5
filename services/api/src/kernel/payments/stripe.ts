/**
 * Stripe's REST API, the one call the API makes: `POST /v1/subscriptions/{id}` with
 * `cancel_at_period_end=true` (form-encoded, bearer secret key), as Stripe's API reference
 * documents "Update a subscription". Setting the flag twice is one change, so no
 * `Idempotency-Key` is sent (a fixed one would make Stripe replay an old answer if the
 * subscription was resumed since). Stripe then sends `customer.subscription.updated`, which the
 * webhook applies like any other.
 */
import { DomainError } from '../errors.ts';
import type { Payments } from './payments.ts';

export interface StripeApiOptions {
  secretKey: string;
  apiUrl: string;
  /** Per request; a slow Stripe must not hold the request's transaction for long. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const RETRY_AFTER_SECONDS = 30;

function stripeUnavailable(detail: string): DomainError {
  return new DomainError('unavailable', `Stripe could not be reached: ${detail}. Try again shortly.`, {
    retryAfter: RETRY_AFTER_SECONDS,
  });
}

/** Stripe's error body is `{ error: { message, … } }`; anything else is reported by status alone. */
async function stripeMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const message = body?.error?.message;
  return typeof message === 'string' ? message.slice(0, 300) : `HTTP ${response.status}`;
}

export function stripePayments(options: StripeApiOptions): Payments {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    async cancelAtPeriodEnd(stripeSubscriptionId) {
      const url = `${options.apiUrl}/v1/subscriptions/${encodeURIComponent(stripeSubscriptionId)}`;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.secretKey}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ cancel_at_period_end: 'true' }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw stripeUnavailable(error instanceof Error ? error.name : 'network error');
      }
      if (response.ok) {
        await response.body?.cancel();
        return;
      }
      const message = await stripeMessage(response);
      // Stripe's own trouble or its rate limit: worth retrying. A 4xx is about this subscription.
      if (response.status === 429 || response.status >= 500) throw stripeUnavailable(message);
      throw new DomainError('conflict', `Stripe refused to cancel the subscription: ${message}`);
    },
  };
}
