/** `/v1/audit-log`: the account's append-only record of mutating requests. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { auditLogRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance) => auditLogRoutes(app), {
  name: 'audit-log',
  dependencies: ['operations'],
});
