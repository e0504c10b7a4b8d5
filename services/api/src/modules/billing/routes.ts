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
  app.operation(operations['billing.stripeWebhook'], ({ db, withAccount, request, headers, body }) =>
    receiveStripeEvent(
      { db, withAccount, log: request.log, secret: options.stripeWebhookSecret, nowMs: options.now() },
      {
        rawBody: rawBody(request),
        signature: headers['stripe-signature'],
        event: body,
      },
    ),
  );
}
