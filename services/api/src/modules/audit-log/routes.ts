import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { paginate } from '../../kernel/pagination.ts';
import { listAuditEntries } from './queries.ts';

export function auditLogRoutes(app: FastifyInstance) {
  app.operation(operations['auditLog.list'], ({ db, principal, query }) =>
    paginate('audit-log', query, (after, take) => listAuditEntries(db, principal.accountId, after, take)),
  );
}
