/** `/v1/profiles` and `/v1/me/profile`: public profiles and follows between them. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { profileRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => profileRoutes(app), {
  name: 'profiles',
  dependencies: ['operations', 'files'],
});
