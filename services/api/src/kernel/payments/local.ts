/**
 * The local test-mode provider, the default (`PAYMENT_PROVIDER=local`): no money moves, but a
 * payment completes exactly as in production, through a Stripe-shaped event signed with the
 * webhook secret and received by the same verifying handler. A developer triggers the outcome
 * (`POST /v1/nex/payments/{id}/simulate`, from Swagger UI or the SDK) where a buyer would pay.
 * Payouts succeed unless the destination says `fail` (like Stripe's test-mode magic values).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PaymentProvider, PayoutProvider } from './provider.ts';
import { stripeSignature } from './stripe-signature.ts';

export function localPaymentProvider(webhookSecret: string): PaymentProvider {
  return {
    name: 'local',
    webhookSecret,
    async createPayment() {
      const id = `pi_local_${randomUUID().replaceAll('-', '')}`;
      return { id, clientSecret: `${id}_secret_${randomBytes(12).toString('hex')}` };
    },
    async refund() {
      return { id: `re_local_${randomUUID().replaceAll('-', '')}`, status: 'succeeded' };
    },
    simulate(payment, outcome, nowMs) {
      const created = Math.floor(nowMs / 1000);
      const event = {
        id: `evt_local_${randomUUID().replaceAll('-', '')}`,
        object: 'event',
        type: outcome === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed',
        created,
        livemode: false,
        data: {
          object: {
            id: payment.providerPaymentId,
            object: 'payment_intent',
            amount: payment.amount,
            amount_received: outcome === 'succeeded' ? payment.amount : 0,
            currency: payment.currency.toLowerCase(),
            status: outcome === 'succeeded' ? 'succeeded' : 'requires_payment_method',
            metadata: payment.metadata,
            ...(outcome === 'failed'
              ? {
                  last_payment_error: {
                    code: 'card_declined',
                    message: 'Your card was declined (test mode).',
                  },
                }
              : {}),
          },
        },
      };
      const rawBody = Buffer.from(JSON.stringify(event));
      return { rawBody, signature: `t=${created},v1=${stripeSignature(webhookSecret, created, rawBody)}` };
    },
  };
}

export const localPayoutProvider: PayoutProvider = {
  name: 'local',
  async createPayout(payout) {
    if (payout.destination.includes('fail')) {
      return { status: 'failed', message: 'The test-mode destination refuses payouts.' };
    }
    return { status: 'paid', id: `tr_local_${randomUUID().replaceAll('-', '')}` };
  },
};
