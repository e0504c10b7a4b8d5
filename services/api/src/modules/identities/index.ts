/** `/v1/me/identities`: the GitHub and Google accounts linked to the caller's, and unlinking them. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { identitiesRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => identitiesRoutes(app), {
  name: 'identities',
  dependencies: ['operations'],
});
