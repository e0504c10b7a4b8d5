/** `/v1/plans` and `/v1/subscriptions`: the public plan catalogue and the caller's subscriptions. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Payments } from '../../kernel/payments/index.ts';
import { subscriptionRoutes } from './routes.ts';

export interface SubscriptionsOptions {
  payments: Payments;
}

export default fp(
  async (app: FastifyInstance, options: SubscriptionsOptions) => subscriptionRoutes(app, options.payments),
  { name: 'subscriptions', dependencies: ['operations'] },
);
