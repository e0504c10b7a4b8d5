/** `/v1/admin`: operations on any account, for accounts with the admin role. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { adminRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => adminRoutes(app), {
  name: 'admin',
  dependencies: ['operations'],
});
