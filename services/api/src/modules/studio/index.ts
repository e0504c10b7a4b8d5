/** `/v1/studio/...`: Character Studio (seed 000). Its generation job is in jobs.ts. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { studioRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => studioRoutes(app), {
  name: 'studio',
  dependencies: ['operations', 'files'],
});
