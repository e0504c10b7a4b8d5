/** `/v1/nex/...`: Eldonia-Nex, the creator community (docs/products/nex.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { nexRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => nexRoutes(app), {
  name: 'nex',
  dependencies: ['operations', 'files'],
});
