import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import type { Caller } from '../../kernel/auth/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import { listApiKeysAs } from './queries.ts';
import { createApiKey, deleteApiKey } from './service.ts';

export function apiKeysRoutes(app: FastifyInstance) {
  app.operation(operations['apiKeys.create'], async ({ db, principal, body, auditChanges }) => {
    const created = await createApiKey(db, principal, body);
    // The one-time `secret` is left out of the log by name (src/kernel/audit.ts).
    auditChanges(null, created);
    return created;
  });
  // One round trip: the statement authenticates, binds and reads (bench/README.md).
  app.readOperation(operations['apiKeys.list'], async ({ db, credential, scope, query }) => {
    let caller: Caller | null = null;
    const result = await paginate('api-keys', query, async (after, take) => {
      const read = await listApiKeysAs(db, credential, scope, after, take);
      caller = read.caller;
      return read.rows;
    });
    return { caller, result };
  });
  app.operation(operations['apiKeys.delete'], async ({ db, principal, params, auditChanges }) => {
    const revoked = await deleteApiKey(db, principal.accountId, params.id);
    // Only a live key is revoked (revoked_at IS NULL), so that is what it was before.
    auditChanges({ revokedAt: null }, { revokedAt: revoked.revokedAt });
  });
}
