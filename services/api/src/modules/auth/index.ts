/** `/v1/auth`: sign-up, login, sign-in with GitHub or Google, refresh-token rotation and logout. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AuthRouteOptions, authRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance, options: AuthRouteOptions) => authRoutes(app, options), {
  name: 'auth',
  dependencies: ['operations', 'rate-limit'],
});
