import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { listPlans } from '../../kernel/metering/index.ts';

export function subscriptionRoutes(app: FastifyInstance) {
  app.operation(operations['plans.list'], async ({ db, query }) => ({
    data: [...(await listPlans(db, query.product))],
  }));
}
