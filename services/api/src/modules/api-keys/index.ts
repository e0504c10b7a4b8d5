/** `/v1/api-keys`: long-lived keys with scopes, shown once, revocable. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { apiKeysRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => apiKeysRoutes(app), {
  name: 'api-keys',
  dependencies: ['operations'],
});
