import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { getAccount, renameAccount } from '../../kernel/accounts/index.ts';

export function meRoutes(app: FastifyInstance) {
  app.operation(operations['me.get'], ({ db, principal }) => getAccount(db, principal.accountId));
  app.operation(operations['me.update'], ({ db, principal, body }) =>
    renameAccount(db, principal.accountId, body.name),
  );
}
