import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { listIdentities } from '../../kernel/accounts/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import { unlinkIdentity } from './service.ts';

export function identitiesRoutes(app: FastifyInstance) {
  app.operation(operations['me.identities.list'], ({ db, principal, query }) =>
    paginate('identities', query, (after, take) => listIdentities(db, principal.accountId, after, take)),
  );
  app.operation(operations['me.identities.delete'], ({ db, principal, params }) =>
    unlinkIdentity(db, principal.accountId, params.id),
  );
}
