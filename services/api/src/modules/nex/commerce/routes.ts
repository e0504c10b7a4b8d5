import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.ts';
import type { PaymentProvider, PayoutProvider } from '../../../kernel/payments/index.ts';
import { balances, listTransactions } from './ledger.ts';
import {
  cancelOrder,
  createOrder,
  deliverOrder,
  getOrder,
  listOrdersPage,
  refundOrder,
  shipOrder,
} from './orders.ts';
import { getPayment, type PaymentScope, receivePaymentEvent, simulatePayment } from './payments.ts';
import { changeProduct, createProduct, getProduct, listProductsPage } from './products.ts';
import { getWithdrawal, listWithdrawalsPage, requestWithdrawal } from './withdrawals.ts';

export interface CommerceOptions {
  payments: PaymentProvider;
  payouts: PayoutProvider;
  clock: Clock;
}

type Context = {
  db: PaymentScope['db'];
  withAccount: PaymentScope['withAccount'];
  request: FastifyRequest;
};

export function commerceRoutes(
  app: FastifyInstance,
  options: CommerceOptions,
  rawBody: (request: FastifyRequest) => Buffer,
) {
  const scope = ({ db, withAccount, request }: Context): PaymentScope => ({
    db,
    withAccount,
    provider: options.payments,
    sealer: app.sealer,
    log: request.log,
    nowMs: options.clock(),
  });

  app.operation(operations['nex.payments.webhook'], async (context) => ({
    outcome: await receivePaymentEvent(scope(context), {
      rawBody: rawBody(context.request),
      signature: context.headers['stripe-signature'],
    }),
  }));
  app.operation(operations['nex.payments.get'], ({ db, principal, params }) =>
    getPayment({ db }, principal.accountId, params.id),
  );
  app.operation(operations['nex.payments.simulate'], (context) =>
    simulatePayment(scope(context), context.principal.accountId, context.params.id, context.body.outcome),
  );
  app.operation(operations['nex.transactions.list'], ({ db, principal, query }) =>
    listTransactions(db, principal.accountId, query),
  );
  app.operation(operations['nex.balance.get'], ({ db, principal }) => balances(db, principal.accountId));
  app.operation(operations['nex.withdrawals.create'], ({ db, principal, body, withAccount }) =>
    requestWithdrawal({ db, withAccount }, principal.accountId, body),
  );
  app.operation(operations['nex.withdrawals.list'], ({ db, principal, query }) =>
    listWithdrawalsPage(db, principal.accountId, query),
  );
  app.operation(operations['nex.withdrawals.get'], ({ db, principal, params }) =>
    getWithdrawal(db, principal.accountId, params.id),
  );

  app.operation(operations['nex.products.create'], ({ db, principal, body }) =>
    createProduct(db, app.files, principal.accountId, body),
  );
  app.operation(operations['nex.products.list'], ({ db, query }) => listProductsPage(db, query));
  app.operation(operations['nex.products.get'], ({ db, params }) => getProduct(db, params.id));
  app.operation(operations['nex.products.update'], async ({ db, principal, params, body, auditChanges }) => {
    const { before, after } = await changeProduct(db, principal.accountId, params.id, body);
    auditChanges(before, after);
    return after;
  });
  app.operation(operations['nex.orders.create'], (context) =>
    createOrder(scope(context), context.principal.accountId, context.body),
  );
  app.operation(operations['nex.orders.list'], ({ db, principal, query }) =>
    listOrdersPage(db, principal.accountId, query),
  );
  app.operation(operations['nex.orders.get'], ({ db, params }) => getOrder(db, params.id));
  app.operation(operations['nex.orders.cancel'], (context) =>
    cancelOrder(scope(context), context.principal.accountId, context.params.id),
  );
  app.operation(operations['nex.orders.ship'], (context) =>
    shipOrder(scope(context), context.principal.accountId, context.params.id),
  );
  app.operation(operations['nex.orders.deliver'], (context) =>
    deliverOrder(scope(context), context.principal.accountId, context.params.id),
  );
  app.operation(operations['nex.orders.refund'], (context) =>
    refundOrder(scope(context), context.principal.accountId, context.params.id),
  );
}
