/**
 * Shop orders (docs/products/nex.md, Orders): priced by the server, stock reserved at order time,
 * delivered only when the provider's signed webhook confirms the payment, released when it fails
 * or expires.
 */
import { randomBytes } from 'node:crypto';
import type { nex } from '@yorozu/contract';
import type { DatabasePool } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import { shareFile, unshareFile } from '../../../kernel/files/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { creditReferral, reverseReferral } from '../live/commissions.ts';
import { usableCode } from '../live/referrals.ts';
import { platformFee, recordEarning, recordRefund } from './ledger.ts';
import { cancelPendingPayment, findPayment } from './payment-queries.ts';
import { createPayment, type PaymentScope, refundPayment, registerPaymentPurpose } from './payments.ts';
import {
  awardOrderExp,
  expiredOrders,
  findOrder,
  insertOrder,
  insertOrderItems,
  listOrders,
  moveOrder,
  type OrderRecord,
  productsForSale,
  releaseOrderStock,
  reserveOrderStock,
  setOrderPayment,
} from './shop-queries.ts';

type CreateBody = Static<typeof nex.commerce.orders.CreateOrderRequest>;

/** How long an order holds its stock waiting for payment (the column default in migration 0221). */
export const ORDER_HOLD_MINUTES = 15;

// Crockford's base32 without I, L, O, U: nothing to misread when a buyer reads a number out.
const ORDER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function orderNumber(now: Date): string {
  const date = now.toISOString().slice(0, 10).replaceAll('-', '');
  const code = [...randomBytes(8)].map((byte) => ORDER_ALPHABET[byte % 32]).join('');
  return `NX-${date}-${code}`;
}

export async function createOrder(scope: PaymentScope, buyerId: string, body: CreateBody) {
  const ids = body.items.map((item) => item.productId);
  if (new Set(ids).size !== ids.length) throw validationFailed('/body/items', 'names a product twice');
  const products = new Map((await productsForSale(scope.db, ids)).map((product) => [product.id, product]));
  const lines = body.items.map((item, index) => {
    const product = products.get(item.productId);
    if (!product) throw notFound('product');
    if (product.kind === 'digital' && item.quantity !== 1) {
      throw validationFailed(`/body/items/${index}/quantity`, 'must be 1 for a digital product');
    }
    return { product, quantity: item.quantity };
  });
  const [first] = lines;
  if (!first) throw validationFailed('/body/items', 'must not be empty');
  const { sellerId, currency } = first.product;
  if (lines.some((line) => line.product.sellerId !== sellerId)) {
    throw validationFailed('/body/items', 'must all be products of one seller (one order per seller)');
  }
  if (lines.some((line) => line.product.currency !== currency)) {
    throw validationFailed('/body/items', 'must all be priced in one currency');
  }
  if (sellerId === buyerId) throw validationFailed('/body/items', 'are your own products');
  const requiresShipping = lines.some((line) => line.product.kind === 'physical');
  if (requiresShipping && !body.shippingAddress) {
    throw validationFailed('/body/shippingAddress', 'is required for physical products');
  }
  const referralCodeId =
    body.referralCode === undefined ? null : (await usableCode(scope.db, body.referralCode, buyerId)).id;
  const subtotal = lines.reduce((sum, line) => sum + line.product.priceAmount * line.quantity, 0);
  const shipping = lines.reduce(
    (sum, line) => sum + (line.product.kind === 'physical' ? line.product.shippingAmount : 0),
    0,
  );
  let orderId: string | null = null;
  for (let attempt = 0; attempt < 3 && !orderId; attempt++) {
    orderId = await insertOrder(scope.db, {
      orderNumber: orderNumber(new Date(scope.nowMs)),
      accountId: buyerId,
      sellerId,
      currency,
      subtotal,
      shipping,
      total: subtotal + shipping,
      shippingAddress: body.shippingAddress ?? null,
      billingAddress: body.billingAddress ?? null,
      requiresShipping,
      referralCodeId,
    });
  }
  if (!orderId) throw new Error('Three order numbers in a row were taken.');
  await insertOrderItems(
    scope.db,
    { id: orderId, accountId: buyerId, sellerId },
    lines.map(({ product, quantity }) => ({
      productId: product.id,
      productName: product.name,
      kind: product.kind,
      fileId: product.fileId,
      unitPrice: product.priceAmount,
      quantity,
    })),
  );
  if (!(await reserveOrderStock(scope.db, orderId))) {
    throw new DomainError('conflict', 'A product of this order is sold out or no longer for sale.');
  }
  const order = await getOrder(scope.db, orderId);
  const payment = await createPayment(scope, {
    payerId: buyerId,
    purpose: 'order',
    referenceId: orderId,
    amount: order.total,
    currency,
    description: `Eldonia-Nex order ${order.orderNumber}`,
  });
  await setOrderPayment(scope.db, orderId, payment.id);
  return { ...order, paymentId: payment.id };
}

export async function getOrder(db: PaymentScope['db'], id: string): Promise<OrderRecord> {
  const order = await findOrder(db, id);
  if (!order) throw notFound('order');
  return order;
}

export function listOrdersPage(
  db: PaymentScope['db'],
  accountId: string,
  query: { role?: 'buyer' | 'seller'; limit?: number; cursor?: string },
) {
  const role = query.role ?? 'buyer';
  return paginate(`nex-orders-${role}`, query, (after, take) => listOrders(db, accountId, role, after, take));
}

const purchaseReason = (orderId: string) => `nex.purchase:${orderId}`;

function digitalFiles(order: OrderRecord): string[] {
  return order.items.flatMap((item) => (item.kind === 'digital' && item.fileId ? [item.fileId] : []));
}

registerPaymentPurpose('order', {
  async confirmed(scope, payment) {
    const order = await scope.withAccount(payment.accountId, () => findOrder(scope.db, payment.referenceId));
    if (!order) {
      scope.log.warn({ paymentId: payment.id }, 'a paid order is gone');
      return;
    }
    const fee = platformFee(order.total);
    const digitalOnly = order.items.every((item) => item.kind === 'digital');
    const moved = await scope.withAccount(order.buyerId, () =>
      moveOrder(scope.db, order.id, ['pending'], { to: 'confirmed', fee, digitalOnly }),
    );
    if (!moved) {
      scope.log.warn({ orderId: order.id }, 'a payment succeeded for an order that is no longer pending');
      return;
    }
    await recordEarning(scope, {
      kind: 'sale',
      sellerId: order.sellerId,
      amount: order.total,
      currency: order.currency,
      paymentId: payment.id,
      referenceType: 'order',
      referenceId: order.id,
      description: `Sale ${order.orderNumber}`,
    });
    // Only a file's owner may share it: bound to the seller (docs/architecture.md, File visibility).
    await scope.withAccount(order.sellerId, async () => {
      for (const fileId of digitalFiles(order)) {
        await shareFile(scope.db, { fileId, readerId: order.buyerId, reason: purchaseReason(order.id) });
      }
    });
    await awardOrderExp(scope.db, order.id);
    if (order.referralCodeId) {
      await creditReferral(scope, {
        codeId: order.referralCodeId,
        buyerId: order.buyerId,
        referenceType: 'order',
        referenceId: order.id,
        amount: order.total,
        currency: order.currency,
        paymentId: payment.id,
      });
    }
  },
  async failed(scope, payment) {
    await scope.withAccount(payment.accountId, async () => {
      if (
        await moveOrder(scope.db, payment.referenceId, ['pending'], {
          to: 'cancelled',
          paymentStatus: 'failed',
        })
      ) {
        await releaseOrderStock(scope.db, payment.referenceId);
      }
    });
  },
});

type Party = 'buyer' | 'seller' | 'either';

async function orderAs(scope: Pick<PaymentScope, 'db'>, accountId: string, id: string, party: Party) {
  const order = await getOrder(scope.db, id);
  const isBuyer = order.buyerId === accountId;
  if ((party === 'buyer' && !isBuyer) || (party === 'seller' && isBuyer)) {
    throw new DomainError('forbidden', `Only the ${party} may do this.`);
  }
  return order;
}

function notInState(order: OrderRecord): DomainError {
  return new DomainError('conflict', `The order is ${order.status}; this move is not allowed from there.`);
}

export async function cancelOrder(scope: PaymentScope, accountId: string, id: string) {
  const order = await orderAs(scope, accountId, id, 'buyer');
  if (order.status !== 'pending') throw notInState(order);
  // The payment first: once it is canceled, a late success is refunded instead of delivered.
  if (order.paymentId && !(await cancelPendingPayment(scope.db, order.paymentId))) throw notInState(order);
  if (!(await moveOrder(scope.db, id, ['pending'], { to: 'cancelled', paymentStatus: 'failed' }))) {
    throw notInState(order);
  }
  await releaseOrderStock(scope.db, id);
  return getOrder(scope.db, id);
}

export async function shipOrder(scope: PaymentScope, accountId: string, id: string) {
  const order = await orderAs(scope, accountId, id, 'seller');
  if (!order.shippingAddress || !(await moveOrder(scope.db, id, ['confirmed'], { to: 'shipped' }))) {
    throw notInState(order);
  }
  return getOrder(scope.db, id);
}

export async function deliverOrder(scope: PaymentScope, accountId: string, id: string) {
  const order = await orderAs(scope, accountId, id, 'either');
  if (!(await moveOrder(scope.db, id, ['shipped'], { to: 'delivered' }))) throw notInState(order);
  return getOrder(scope.db, id);
}

/**
 * The seller gives the whole order back: the order moves first (so two refunds cannot both
 * pass), then the provider refunds the payment, the ledger reverses the sale and its fee, and the
 * buyer's access to the files goes. Physical stock is not put back: returned goods are counted
 * by the seller (PATCH the stock).
 */
export async function refundOrder(scope: PaymentScope, accountId: string, id: string) {
  const order = await orderAs(scope, accountId, id, 'seller');
  if (order.paymentStatus !== 'paid' || !order.paymentId) throw notInState(order);
  const moved = await moveOrder(scope.db, id, ['confirmed', 'shipped', 'delivered'], { to: 'refunded' });
  if (!moved) throw notInState(order);
  const paymentId = order.paymentId;
  await scope.withAccount(order.buyerId, async () => {
    const payment = await findPayment(scope.db, paymentId);
    if (!payment || !(await refundPayment(scope, payment))) throw notInState(order);
  });
  await recordRefund(scope, {
    sellerId: order.sellerId,
    amount: order.total,
    fee: order.fee,
    currency: order.currency,
    paymentId,
    referenceType: 'order',
    referenceId: order.id,
    description: `Refund ${order.orderNumber}`,
  });
  await reverseReferral(scope, {
    buyerId: order.buyerId,
    referenceType: 'order',
    referenceId: order.id,
    currency: order.currency,
    paymentId,
  });
  for (const fileId of digitalFiles(order)) {
    await unshareFile(scope.db, { fileId, readerId: order.buyerId, reason: purchaseReason(order.id) });
  }
  return getOrder(scope.db, id);
}

/**
 * The expiry task (`nex.orders.expire`, every minute): pending orders past their 15 minutes are
 * cancelled and their stock released, each in a transaction bound to its buyer. An order whose
 * payment already succeeded is left to the webhook that is confirming it.
 */
export async function expireOrders(pool: DatabasePool, batch = 500): Promise<{ expired: number }> {
  const due = await expiredOrders(pool, batch);
  let expired = 0;
  for (const order of due) {
    const done = await withAccount(pool, order.accountId, async (tx) => {
      const current = await findOrder(tx, order.id);
      if (current?.status !== 'pending') return false;
      if (current.paymentId && !(await cancelPendingPayment(tx, current.paymentId))) return false;
      if (!(await moveOrder(tx, order.id, ['pending'], { to: 'cancelled', paymentStatus: 'failed' })))
        return false;
      await releaseOrderStock(tx, order.id);
      return true;
    });
    if (done) expired++;
  }
  return { expired };
}
