import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { receiveStripeEvent } from './service.ts';

export interface BillingOptions {
  stripeWebhookSecret: string | null;
  now: () => number;
}

export function billingRoutes(
  app: FastifyInstance,
  options: BillingOptions,
  rawBody: (request: FastifyRequest) => Buffer,
) {
  app.operation(operations['billing.stripeWebhook'], ({ db, withAccount, request, body }) => {
    const signature = request.headers['stripe-signature'];
    return receiveStripeEvent(
      { db, withAccount, log: request.log, secret: options.stripeWebhookSecret, nowMs: options.now() },
      {
        rawBody: rawBody(request),
        // Repeated, the header is an array: not a signature Stripe sends.
        signature: typeof signature === 'string' ? signature : undefined,
        event: body,
      },
    );
  });
}
