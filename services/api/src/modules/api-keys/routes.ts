import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { paginate } from '../../kernel/pagination.ts';
import { listApiKeys } from './queries.ts';
import { createApiKey, deleteApiKey } from './service.ts';

export function apiKeysRoutes(app: FastifyInstance) {
  app.operation(operations['apiKeys.create'], async ({ db, principal, body, auditChanges }) => {
    const created = await createApiKey(db, principal, body);
    // The one-time `secret` is left out of the log by name (src/kernel/audit.ts).
    auditChanges(null, created);
    return created;
  });
  app.operation(operations['apiKeys.list'], ({ db, principal, query }) =>
    paginate('api-keys', query, (after, take) => listApiKeys(db, principal.accountId, after, take)),
  );
  app.operation(operations['apiKeys.delete'], async ({ db, principal, params, auditChanges }) => {
    const revoked = await deleteApiKey(db, principal.accountId, params.id);
    // Only a live key is revoked (revoked_at IS NULL), so that is what it was before.
    auditChanges({ revokedAt: null }, { revokedAt: revoked.revokedAt });
  });
}
