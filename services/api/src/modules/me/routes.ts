import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { getAccount, renameAccount } from '../../kernel/accounts/index.ts';

export function meRoutes(app: FastifyInstance) {
  app.operation(operations['me.get'], ({ db, principal }) => getAccount(db, principal.accountId));
  app.operation(operations['me.update'], async ({ db, principal, body, auditChanges }) => {
    const before = await getAccount(db, principal.accountId);
    const after = await renameAccount(db, principal.accountId, body.name);
    auditChanges(before, after);
    return after;
  });
}
