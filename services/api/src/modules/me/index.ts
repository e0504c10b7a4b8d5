/** `/v1/me`: the calling account. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { meRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => meRoutes(app), {
  name: 'me',
  dependencies: ['operations'],
});
