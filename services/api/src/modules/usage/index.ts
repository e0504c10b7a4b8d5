/** `/v1/usage`: the caller's quotas in the current period, and the ledger of spends and refunds. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { usageRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => usageRoutes(app), {
  name: 'usage',
  dependencies: ['operations'],
});
