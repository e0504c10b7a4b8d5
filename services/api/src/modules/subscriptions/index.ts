/** `/v1/plans` and `/v1/subscriptions`: the public plan catalogue and the caller's subscriptions. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { subscriptionRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => subscriptionRoutes(app), {
  name: 'subscriptions',
  dependencies: ['operations'],
});
