import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { paginate } from '../../kernel/pagination.ts';
import { listApiKeys } from './queries.ts';
import { createApiKey, deleteApiKey } from './service.ts';

export function apiKeysRoutes(app: FastifyInstance) {
  app.operation(operations['apiKeys.create'], ({ db, principal, body }) => createApiKey(db, principal, body));
  app.operation(operations['apiKeys.list'], ({ db, principal, query }) =>
    paginate('api-keys', query, (after, take) => listApiKeys(db, principal.accountId, after, take)),
  );
  app.operation(operations['apiKeys.delete'], ({ db, principal, params }) =>
    deleteApiKey(db, principal.accountId, params.id),
  );
}
