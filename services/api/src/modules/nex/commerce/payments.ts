/**
 * Payments' internal API and their webhook (docs/products/nex.md, Payments and the ledger).
 *
 * A module that sells something registers a purpose (`registerPaymentPurpose('order', …)`), creates
 * a payment for it in the request that reserves it (`createPayment`), and delivers only when the
 * provider's signed webhook confirms the payment (`confirmed`), or releases the reservation when it
 * fails (`failed`). The local test-mode provider's events go through the very same verification.
 */
import type { FastifyBaseLogger } from 'fastify';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { Sealer } from '../../../kernel/auth/index.ts';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import type { PaymentProvider, SignedDelivery } from '../../../kernel/payments/index.ts';
import { assertStripeSignature, recordStripeEvent } from '../../../kernel/payments/index.ts';
import type { MoneyScope } from './ledger.ts';
import {
  attachProviderPayment,
  findPayment,
  findPaymentFor,
  insertPayment,
  markRefunded,
  type PaymentRecord,
  settlePayment,
} from './payment-queries.ts';

export type { PaymentRecord };

/** What payment work needs: the transaction, the provider, a log, the clock and the sealer. */
export interface PaymentScope extends MoneyScope {
  provider: PaymentProvider;
  /** The server's sealer, for what a confirmed payment delivers sealed (ticket codes). */
  sealer: Sealer;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
  nowMs: number;
}

export interface PaymentPurpose {
  /**
   * The payment succeeded: deliver what it paid for and record the money (recordEarning), in the
   * webhook's transaction. The transaction is bound to no account: bind with `withAccount`.
   */
  confirmed(scope: PaymentScope, payment: PaymentRecord): Promise<void>;
  /** The payment failed: release what it reserved. */
  failed(scope: PaymentScope, payment: PaymentRecord): Promise<void>;
}

const purposes = new Map<string, PaymentPurpose>();

/** Registers what happens when payments of a purpose settle; once per purpose (idempotent per handler). */
export function registerPaymentPurpose(purpose: string, handlers: PaymentPurpose): void {
  const known = purposes.get(purpose);
  if (known && known !== handlers) throw new Error(`Payment purpose ${purpose} is registered twice.`);
  purposes.set(purpose, handlers);
}

export interface PaymentRequest {
  /** The buyer; the request's transaction must be bound to it (RLS: the payer owns the row). */
  payerId: string;
  purpose: string;
  /** The id of what is paid for; one payment per (purpose, reference). */
  referenceId: string;
  amount: number;
  currency: string;
  /** Shown at the provider (a statement line). */
  description: string;
}

/**
 * Creates the payment row and the provider's payment (idempotent by the row's id, so a retried
 * provider call makes one PaymentIntent). Call it in the transaction that reserves what is sold.
 */
export async function createPayment(scope: PaymentScope, request: PaymentRequest): Promise<PaymentRecord> {
  const row = await insertPayment(scope.db, {
    accountId: request.payerId,
    purpose: request.purpose,
    referenceId: request.referenceId,
    amount: request.amount,
    currency: request.currency,
    provider: scope.provider.name,
  });
  const created = await scope.provider.createPayment({
    amount: request.amount,
    currency: request.currency,
    description: request.description,
    metadata: { paymentId: row.id, accountId: request.payerId, purpose: request.purpose },
    idempotencyKey: `nex-payment-${row.id}`,
  });
  return attachProviderPayment(scope.db, row.id, created.id, created.clientSecret);
}

/**
 * Refunds a succeeded payment in full through the provider and marks it refunded; false when it
 * is not `succeeded` (already refunded, never paid). The caller reverses the ledger (recordRefund)
 * and what was delivered. The transaction must be bound to the payer.
 */
export async function refundPayment(scope: PaymentScope, payment: PaymentRecord): Promise<boolean> {
  const marked = await markRefunded(scope.db, payment.id, 'succeeded');
  if (!marked || !payment.providerPaymentId) return false;
  const refund = await scope.provider.refund({
    paymentId: payment.providerPaymentId,
    amount: payment.amount,
    idempotencyKey: `nex-refund-${payment.id}`,
  });
  if (refund.status === 'failed') {
    throw new DomainError('conflict', 'The payment provider refused the refund.');
  }
  return true;
}

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

const PaymentIntentEvent = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 255 }),
  type: Type.String({ minLength: 1, maxLength: 255 }),
  data: Type.Object({
    object: Type.Object({
      id: Type.String({ minLength: 1, maxLength: 255 }),
      object: Type.Literal('payment_intent'),
      amount: Type.Integer({ minimum: 1 }),
      currency: Type.String({ pattern: '^[a-zA-Z]{3}$' }),
      metadata: Type.Object({
        paymentId: Type.String({ pattern: UUID_PATTERN }),
        accountId: Type.String({ pattern: UUID_PATTERN }),
      }),
      last_payment_error: Type.Optional(
        Type.Union([Type.Null(), Type.Object({ message: Type.Optional(Type.String()) })]),
      ),
    }),
  }),
});
const checkPaymentIntentEvent = Compile(PaymentIntentEvent);
const EventEnvelope = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 255 }),
  type: Type.String({ maxLength: 255 }),
});
const checkEnvelope = Compile(EventEnvelope);

const OUTCOMES: Record<string, 'succeeded' | 'failed'> = {
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'failed',
};

export type WebhookOutcome = 'applied' | 'ignored' | 'duplicate';

/**
 * Verifies and applies one provider event: the signature over the raw bytes first, each event id
 * once (platform.stripe_events, shared with the billing webhook: Stripe's event ids are unique),
 * then the payment it names, settled by one conditional UPDATE, then its purpose's handler.
 */
export async function receivePaymentEvent(
  scope: PaymentScope,
  delivery: SignedDelivery,
): Promise<WebhookOutcome> {
  assertStripeSignature(delivery.rawBody, delivery.signature, scope.provider.webhookSecret, scope.nowMs);
  let event: unknown;
  try {
    event = JSON.parse(delivery.rawBody.toString('utf8'));
  } catch {
    throw validationFailed('/body', 'must be JSON');
  }
  if (!checkEnvelope.Check(event)) throw validationFailed('/body', 'must be a Stripe event');
  if (!(await recordStripeEvent(scope.db, event.id, event.type))) return 'duplicate';
  const outcome = OUTCOMES[event.type];
  if (!outcome) return 'ignored';
  if (!checkPaymentIntentEvent.Check(event)) {
    scope.log.warn({ eventId: event.id }, 'payment event ignored: not a payment intent of ours');
    return 'ignored';
  }
  const intent = event.data.object;
  const payerId = intent.metadata.accountId;
  const settled = await scope.withAccount(payerId, async () => {
    const payment = await settlePayment(scope.db, {
      id: intent.metadata.paymentId,
      providerPaymentId: intent.id,
      amount: intent.amount,
      currency: intent.currency.toUpperCase(),
      status: outcome,
      failureMessage:
        outcome === 'failed' ? (intent.last_payment_error?.message?.slice(0, 500) ?? 'declined') : null,
    });
    if (payment || outcome === 'failed') return payment;
    // Paid after what it paid for was released (the reservation expired): give the money back.
    const current = await findPayment(scope.db, intent.metadata.paymentId);
    if (current?.status === 'canceled' && current.providerPaymentId === intent.id) {
      await markRefunded(scope.db, current.id, 'canceled');
      await scope.provider.refund({
        paymentId: intent.id,
        amount: current.amount,
        idempotencyKey: `nex-refund-${current.id}`,
      });
      scope.log.info({ paymentId: current.id }, 'payment succeeded after its reservation expired: refunded');
    }
    return null;
  });
  if (!settled) return 'ignored';
  const purpose = purposes.get(settled.purpose);
  if (!purpose) {
    scope.log.warn(
      { paymentId: settled.id, purpose: settled.purpose },
      'payment of an unknown purpose settled',
    );
    return 'applied';
  }
  if (outcome === 'succeeded') await purpose.confirmed(scope, settled);
  else await purpose.failed(scope, settled);
  return 'applied';
}

/** `POST /v1/nex/payments/{id}/simulate`: what a test-mode buyer does, through the signed webhook path. */
export async function simulatePayment(
  scope: PaymentScope,
  accountId: string,
  id: string,
  outcome: 'succeeded' | 'failed',
): Promise<PaymentRecord> {
  const payment = await findPayment(scope.db, id);
  if (!payment || payment.accountId !== accountId) throw notFound('payment');
  const simulate = scope.provider.simulate;
  if (!simulate) {
    throw new DomainError(
      'conflict',
      'This server takes real payments (PAYMENT_PROVIDER is not `local`): the buyer pays at the provider.',
    );
  }
  if (payment.status !== 'pending' || !payment.providerPaymentId) {
    throw new DomainError('conflict', `The payment is ${payment.status}, not pending.`);
  }
  const delivery = simulate(
    {
      providerPaymentId: payment.providerPaymentId,
      amount: payment.amount,
      currency: payment.currency,
      metadata: { paymentId: payment.id, accountId: payment.accountId, purpose: payment.purpose },
    },
    outcome,
    scope.nowMs,
  );
  await receivePaymentEvent(scope, delivery);
  return (await findPayment(scope.db, id)) ?? payment;
}

/** The payment made for a reference of a purpose (one at most), as its payer reads it. */
export function paymentFor(scope: Pick<MoneyScope, 'db'>, purpose: string, referenceId: string) {
  return findPaymentFor(scope.db, purpose, referenceId);
}

export async function getPayment(scope: Pick<MoneyScope, 'db'>, accountId: string, id: string) {
  const payment = await findPayment(scope.db, id);
  if (!payment || payment.accountId !== accountId) throw notFound('payment');
  return payment;
}
