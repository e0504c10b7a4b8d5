import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { listPlans, listSubscriptions } from '../../kernel/metering/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import type { Payments } from '../../kernel/payments/index.ts';
import { cancelSubscription } from './service.ts';

export function subscriptionRoutes(app: FastifyInstance, payments: Payments) {
  app.operation(operations['plans.list'], async ({ db, query }) => ({
    data: [...(await listPlans(db, query.product))],
  }));
  app.operation(operations['subscriptions.list'], ({ db, principal, query }) =>
    // The cursor names the filter: a page of one product's list cannot continue another's.
    paginate(`subscriptions-${query.product ?? 'all'}`, query, (after, take) =>
      listSubscriptions(db, principal.accountId, query.product, after, take),
    ),
  );
  app.operation(operations['subscriptions.cancel'], ({ db, principal, params, auditChanges }) =>
    cancelSubscription({ db, payments, auditChanges }, principal.accountId, params.id),
  );
}
