/** `/v1/studio/...`: Character Studio (docs/products/studio.md). Its generation job is in jobs.ts. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { studioRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => studioRoutes(app), {
  name: 'studio',
  dependencies: ['operations', 'files'],
});
