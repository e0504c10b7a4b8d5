/**
 * Stripe's REST API (form-encoded bodies, bearer secret key, JSON answers; Stripe API reference):
 * - subscriptions: `POST /v1/subscriptions/{id}` with `cancel_at_period_end=true`. Setting the
 *   flag twice is one change, so no `Idempotency-Key` is sent (a fixed one would make Stripe
 *   replay an old answer if the subscription was resumed since). Stripe then sends
 *   `customer.subscription.updated`, which the billing webhook applies like any other;
 * - payments: `POST /v1/payment_intents` (amount in the currency's smallest unit, lower-case
 *   currency, `metadata[…]`, `automatic_payment_methods[enabled]=true`) and `POST /v1/refunds`
 *   (`payment_intent`, `amount`), each with an `Idempotency-Key` so a retried call creates one
 *   object; the outcome arrives as `payment_intent.succeeded` / `payment_intent.payment_failed`;
 * - payouts to creators (Connect): `POST /v1/transfers` (`amount`, `currency`, `destination` =
 *   the connected account), idempotent the same way.
 */
import { DomainError } from '../errors.ts';
import type { Payments } from './payments.ts';
import type { PaymentProvider, PayoutProvider } from './provider.ts';

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
function stripeMessage(body: unknown, status: number): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message.slice(0, 300) : `HTTP ${status}`;
}

type StripeAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

/**
 * One call. Network trouble, Stripe's own errors and its rate limit throw a retryable 503; a 4xx
 * (about this request: a declined transfer, an unknown payment) comes back as `{ ok: false }`.
 */
async function stripeCall(
  options: StripeApiOptions,
  path: string,
  form: Record<string, string>,
  idempotencyKey?: string,
): Promise<StripeAnswer> {
  let response: Response;
  try {
    response = await fetch(`${options.apiUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw stripeUnavailable(error instanceof Error ? error.name : 'network error');
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok && body) return { ok: true, body };
  const message = stripeMessage(body, response.status);
  if (response.status === 429 || response.status >= 500 || response.ok) throw stripeUnavailable(message);
  return { ok: false, message };
}

function metadataFields(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([key, value]) => [`metadata[${key}]`, value]));
}

function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw stripeUnavailable(`its answer has no ${field}`);
  return value;
}

export function stripePayments(options: StripeApiOptions): Payments {
  return {
    async cancelAtPeriodEnd(stripeSubscriptionId) {
      const answer = await stripeCall(
        options,
        `/v1/subscriptions/${encodeURIComponent(stripeSubscriptionId)}`,
        {
          cancel_at_period_end: 'true',
        },
      );
      if (!answer.ok)
        throw new DomainError('conflict', `Stripe refused to cancel the subscription: ${answer.message}`);
    },
    /**
     * Stripe's "Create a Checkout Session" with an inline price (`price_data`), since the price is
     * the plugin's own. The metadata goes on the subscription (`subscription_data[metadata]`) in
     * `subscription` mode, and on the session itself (`metadata`) in `payment` mode, where the
     * billing webhook reads the account, product, plan and plugin (`customer.subscription.*`
     * events carry the subscription, `checkout.session.*` events the session).
     */
    async createCheckout(request) {
      const metadata = {
        accountId: request.accountId,
        product: request.product,
        plan: request.plan,
        ...(request.subject ? { subject: request.subject } : {}),
      };
      const form: Record<string, string> = {
        mode: request.interval ? 'subscription' : 'payment',
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
        client_reference_id: request.accountId,
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': request.currency.toLowerCase(),
        'line_items[0][price_data][unit_amount]': String(request.amount),
        'line_items[0][price_data][product_data][name]': request.name,
      };
      if (request.interval) form['line_items[0][price_data][recurring][interval]'] = request.interval;
      const prefix = request.interval ? 'subscription_data[metadata]' : 'metadata';
      for (const [key, value] of Object.entries(metadata)) form[`${prefix}[${key}]`] = value;
      const answer = await stripeCall(options, '/v1/checkout/sessions', form);
      if (!answer.ok)
        throw new DomainError('conflict', `Stripe refused to open a checkout: ${answer.message}`);
      return { id: stringField(answer.body, 'id'), url: stringField(answer.body, 'url') };
    },
  };
}

export function stripePaymentProvider(
  options: StripeApiOptions & { webhookSecret: string },
): PaymentProvider {
  return {
    name: 'stripe',
    webhookSecret: options.webhookSecret,
    async createPayment(payment) {
      const answer = await stripeCall(
        options,
        '/v1/payment_intents',
        {
          amount: String(payment.amount),
          currency: payment.currency.toLowerCase(),
          description: payment.description,
          'automatic_payment_methods[enabled]': 'true',
          ...metadataFields(payment.metadata),
        },
        payment.idempotencyKey,
      );
      if (!answer.ok) throw new DomainError('conflict', `Stripe refused the payment: ${answer.message}`);
      const clientSecret = answer.body['client_secret'];
      return {
        id: stringField(answer.body, 'id'),
        clientSecret: typeof clientSecret === 'string' ? clientSecret : null,
      };
    },
    async refund(refund) {
      const answer = await stripeCall(
        options,
        '/v1/refunds',
        { payment_intent: refund.paymentId, amount: String(refund.amount) },
        refund.idempotencyKey,
      );
      if (!answer.ok) throw new DomainError('conflict', `Stripe refused the refund: ${answer.message}`);
      const status = answer.body['status'];
      return {
        id: stringField(answer.body, 'id'),
        status:
          status === 'succeeded'
            ? 'succeeded'
            : status === 'failed' || status === 'canceled'
              ? 'failed'
              : 'pending',
      };
    },
    simulate: null,
  };
}

export function stripePayoutProvider(options: StripeApiOptions): PayoutProvider {
  return {
    name: 'stripe',
    async createPayout(payout) {
      const answer = await stripeCall(
        options,
        '/v1/transfers',
        {
          amount: String(payout.amount),
          currency: payout.currency.toLowerCase(),
          destination: payout.destination,
          ...metadataFields(payout.metadata),
        },
        payout.idempotencyKey,
      );
      return answer.ok
        ? { status: 'paid', id: stringField(answer.body, 'id') }
        : { status: 'failed', message: answer.message };
    },
  };
}
