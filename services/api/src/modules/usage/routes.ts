import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { listUsage } from '../../kernel/metering/index.ts';
import { listLedger } from './service.ts';

export function usageRoutes(app: FastifyInstance) {
  app.operation(operations['usage.list'], async ({ db, principal }) => ({
    data: [...(await listUsage(db, principal.accountId))],
  }));
  app.operation(operations['usage.ledger.list'], ({ db, principal, query }) =>
    listLedger(db, principal.accountId, query),
  );
}
