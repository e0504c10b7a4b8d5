/**
 * Payments (docs/products/nex.md, Payments and the ledger): what a buyer owes for an order, a
 * ticket or a donation, taken by the payment provider and confirmed only by its signed webhook.
 */
import Type from 'typebox';
import { StripeEvent } from '../../kernel/billing.ts';
import { defineOperation } from '../../operation.ts';
import { Id, IdParams, named, StringEnum, Timestamp } from '../../schema.ts';
import { Amount, Currency } from './money.ts';

export const PaymentStatus = StringEnum(['pending', 'succeeded', 'failed', 'canceled', 'refunded'], {
  description:
    "`pending` until the provider's signed webhook says `succeeded` or `failed`; `canceled` when what it paid for expired first; `refunded` once money went back.",
});

const paymentExample = {
  id: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  purpose: 'order',
  referenceId: '2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b',
  amount: 1500,
  currency: 'JPY',
  provider: 'local' as const,
  providerPaymentId: 'pi_local_4f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f',
  clientSecret: 'pi_local_4f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f_secret_0a1b2c3d4e5f6a7b8c9d0e1f',
  status: 'pending' as const,
  refundedAmount: 0,
  failureMessage: null,
  createdAt: '2026-11-30T09:00:00.000Z',
  settledAt: null,
};

export const Payment = named(
  'NexPayment',
  Type.Object({
    id: Id("The payment's id."),
    purpose: Type.String({ description: 'What it pays for: `order`, `ticket`, `donation`.' }),
    referenceId: Id('The id of the order, ticket purchase or donation it pays for.'),
    amount: Amount('The amount.'),
    currency: Currency,
    provider: StringEnum(['local', 'stripe'], {
      description: '`local`: the test-mode provider (no money moves); `stripe`: Stripe PaymentIntents.',
    }),
    providerPaymentId: Type.Union([Type.String(), Type.Null()], {
      description: "The provider's id (`pi_…`).",
    }),
    clientSecret: Type.Union([Type.String(), Type.Null()], {
      description: "What the buyer's client pays with (Stripe.js `confirmPayment`); shown to the payer only.",
    }),
    status: PaymentStatus,
    refundedAmount: Amount('How much was refunded.'),
    failureMessage: Type.Union([Type.String(), Type.Null()], {
      description: "The provider's reason when the payment failed.",
    }),
    createdAt: Timestamp,
    settledAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When it left `pending`; null before.',
    }),
  }),
  { description: 'A payment, readable by its payer only.', example: paymentExample },
);

export const SimulatePaymentRequest = named(
  'NexSimulatePaymentRequest',
  Type.Object(
    {
      outcome: StringEnum(['succeeded', 'failed'], {
        description: 'What the test-mode buyer does: pays, or has the card declined.',
      }),
    },
    { additionalProperties: false },
  ),
  { description: 'The outcome to simulate.', example: { outcome: 'succeeded' } },
);

export const PaymentWebhookReceipt = named(
  'NexPaymentWebhookReceipt',
  Type.Object({
    outcome: StringEnum(['applied', 'ignored', 'duplicate'], {
      description:
        '`applied`: a payment was confirmed or failed; `ignored`: not a payment event, or about no pending payment here; `duplicate`: this event id was processed before.',
    }),
  }),
  { description: 'How the event was handled.', example: { outcome: 'applied' } },
);

const Params = IdParams('payment', paymentExample.id);

export const get = defineOperation({
  operationId: 'nex.payments.get',
  method: 'GET',
  path: '/v1/nex/payments/{id}',
  tag: 'nex',
  summary: 'Get a payment',
  description: "Only its payer; anyone else's payment is 404.",
  auth: { scope: 'nex:read' },
  params: Params,
  success: { status: 200, description: 'The payment.', schema: Payment },
});

export const simulate = defineOperation({
  operationId: 'nex.payments.simulate',
  method: 'POST',
  path: '/v1/nex/payments/{id}/simulate',
  tag: 'nex',
  summary: 'Complete a test-mode payment',
  description: [
    'Test mode only (`PAYMENT_PROVIDER=local`, the default for `npm start`): does what a buyer does at the',
    'provider. The local provider sends the webhook a Stripe-shaped `payment_intent.succeeded` (or',
    '`payment_intent.payment_failed`) event signed with the webhook secret, and the payment is confirmed by',
    'the same verifying handler that confirms real payments. Only the payer (404 for others); 409 when the',
    'server uses a real provider or the payment is no longer pending.',
  ].join('\n'),
  auth: { scope: 'nex:write' },
  params: Params,
  body: SimulatePaymentRequest,
  audited: true,
  success: { status: 200, description: 'The payment after the event.', schema: Payment },
  errors: [409],
});

export const webhook = defineOperation({
  operationId: 'nex.payments.webhook',
  method: 'POST',
  path: '/v1/nex/payments/webhook',
  tag: 'nex',
  summary: 'Receive a payment event',
  description: [
    'Called by the payment provider, not by clients. The `Stripe-Signature` header must hold `t=<unix seconds>`',
    'within 5 minutes and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under `PAYMENTS_WEBHOOK_SECRET`; otherwise 400',
    'and nothing changes. Each event id is applied at most once. `payment_intent.succeeded` confirms the payment',
    'named by `metadata.paymentId` (amount and currency must match) and delivers what it paid for;',
    '`payment_intent.payment_failed` and `payment_intent.canceled` fail it and release what it reserved.',
  ].join('\n'),
  auth: 'public',
  internal: true,
  headers: Type.Object({
    'stripe-signature': Type.String({
      minLength: 1,
      maxLength: 2048,
      description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as Stripe sends it.',
      examples: ['t=1795424400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd'],
    }),
  }),
  body: StripeEvent,
  audited: true,
  success: { status: 200, description: 'The event was received.', schema: PaymentWebhookReceipt },
});
