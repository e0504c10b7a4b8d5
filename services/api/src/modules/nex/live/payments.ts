/**
 * The money side of paid tickets (docs/products/nex.md, Events and tickets): a pending order's
 * payment is made through nex's payment provider, and only the provider's signed webhook (the
 * local provider's `simulate` included) settles the order, issues its tickets and credits the
 * organizer in the ledger (and a referrer's commission, when bought through a code). A failed payment releases the seats; a payment confirmed after its
 * hold was released is given back at once.
 */
import type { Sealer } from '../../../kernel/auth/index.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { PaymentProvider } from '../../../kernel/payments/index.ts';
import {
  createPayment,
  type PaymentRecord,
  type PaymentScope,
  paymentFor,
  platformFee,
  recordEarning,
  recordRefund,
  refundPayment,
  registerPaymentPurpose,
} from '../commerce/index.ts';
import { creditReferral, reverseReferral } from './commissions.ts';
import { findOrder, type OrderRecord, refundOrder, releaseOrder } from './ticket-queries.ts';
import { fulfilOrder, type Scope, type TicketPayments } from './tickets.ts';

const PURPOSE = 'ticket';
const REFERENCE_TYPE = 'ticket_order';

const describeOrder = (order: OrderRecord) => `${order.quantity} ticket(s), order ${order.id.slice(0, 8)}`;

registerPaymentPurpose(PURPOSE, {
  async confirmed(scope, payment) {
    const buyer = payment.accountId;
    const order = await scope.withAccount(buyer, () => findOrder(scope.db, payment.referenceId));
    const fulfilled =
      order !== null && (await scope.withAccount(buyer, () => fulfilOrder(scope.db, scope.sealer, order.id)));
    if (!order || !fulfilled) {
      // The hold was released (expired, or the event canceled) before the money came: give it back.
      await scope.withAccount(buyer, () => refundPayment(scope, payment));
      scope.log.info({ paymentId: payment.id }, 'ticket payment confirmed after its hold ended: refunded');
      return;
    }
    await recordEarning(scope, {
      kind: 'ticket',
      sellerId: order.organizerId,
      amount: order.totalAmount,
      currency: order.currency,
      paymentId: payment.id,
      referenceType: REFERENCE_TYPE,
      referenceId: order.id,
      description: `Tickets: ${describeOrder(order)}`,
    });
    if (order.referralCodeId) {
      await creditReferral(scope, {
        codeId: order.referralCodeId,
        buyerId: buyer,
        referenceType: REFERENCE_TYPE,
        referenceId: order.id,
        amount: order.totalAmount,
        currency: order.currency,
        paymentId: payment.id,
      });
    }
  },
  async failed(scope, payment) {
    await scope.withAccount(payment.accountId, () => releaseOrder(scope.db, payment.referenceId, 'canceled'));
  },
});

/** A request's scope with the composition root's provider, sealer and clock: what payments need. */
export function paymentScopes(options: {
  provider: PaymentProvider;
  clock: Clock;
  sealer: Sealer;
}): (scope: Scope) => PaymentScope {
  return (scope) => ({
    ...scope,
    provider: options.provider,
    sealer: options.sealer,
    nowMs: options.clock(),
  });
}

/** Ticket payments over nex's payments and ledger. */
export function ticketPayments(paymentScope: (scope: Scope) => PaymentScope): TicketPayments {
  const handle = (payment: PaymentRecord | null) =>
    payment && { id: payment.id, clientSecret: payment.clientSecret };
  return {
    async start(scope, order) {
      const payment = await createPayment(paymentScope(scope), {
        payerId: order.accountId,
        purpose: PURPOSE,
        referenceId: order.id,
        amount: order.totalAmount,
        currency: order.currency,
        description: `Eldonia-Nex ${describeOrder(order)}`,
      });
      return { id: payment.id, clientSecret: payment.clientSecret };
    },
    async find(db, order) {
      return handle(await paymentFor({ db }, PURPOSE, order.id));
    },
    async refund(scope, order) {
      // The order first (paid → refunded, once), then the provider (bound to the payer, who owns
      // the payment), then the ledger: the organizer gives back the price less the fee it paid.
      if (!(await refundOrder(scope.db, order.id))) return;
      const money = paymentScope(scope);
      const paymentId = await scope.withAccount(order.accountId, async () => {
        const payment = await paymentFor(money, PURPOSE, order.id);
        if (!payment || !(await refundPayment(money, payment))) {
          throw new Error(`The paid ticket order ${order.id} has no succeeded payment to refund.`);
        }
        return payment.id;
      });
      await recordRefund(money, {
        sellerId: order.organizerId,
        amount: order.totalAmount,
        fee: platformFee(order.totalAmount),
        currency: order.currency,
        paymentId,
        referenceType: REFERENCE_TYPE,
        referenceId: order.id,
        description: `Refund: ${describeOrder(order)}`,
      });
      await reverseReferral(money, {
        buyerId: order.accountId,
        referenceType: REFERENCE_TYPE,
        referenceId: order.id,
        currency: order.currency,
        paymentId,
      });
    },
  };
}
