import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { updateSubscription } from './service.ts';

export function adminRoutes(app: FastifyInstance) {
  app.operation(
    operations['admin.subscriptions.update'],
    async ({ db, principal, withAccount, params, body, auditResourceId, auditChanges }) => {
      auditResourceId(params.accountId);
      return updateSubscription({ db, principal, withAccount, auditChanges }, params, body);
    },
  );
}
