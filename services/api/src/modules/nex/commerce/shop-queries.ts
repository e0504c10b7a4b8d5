/** The shop's statements (migration 0221). Stock moves only through nex.reserve/release_order_stock. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ProductRow = rowType(nex.commerce.products.Product);
const ProductForSaleRow = rowType(
  Type.Object({
    id: Type.String(),
    sellerId: Type.String(),
    name: Type.String(),
    kind: Type.Union([Type.Literal('digital'), Type.Literal('physical')]),
    fileId: Type.Union([Type.String(), Type.Null()]),
    priceAmount: Type.Number(),
    currency: Type.String(),
    shippingAmount: Type.Number(),
    status: Type.String(),
  }),
);
export type ProductForSale = Static<typeof ProductForSaleRow>;

export const OrderRecord = Type.Object({
  ...nex.commerce.orders.Order.properties,
  sellerId: Type.String(),
  fee: Type.Number(),
  referralCodeId: Type.Union([Type.String(), Type.Null()]),
});
export type OrderRecord = Static<typeof OrderRecord>;
const OrderRow = rowType(OrderRecord);
const IdRow = rowType(Type.Object({ id: Type.String() }));
const ExpiredRow = rowType(Type.Object({ id: Type.String(), accountId: Type.String() }));
const FlagRow = rowType(Type.Object({ done: Type.Boolean() }));

const productColumns = sql.fragment`
  p.id, c.username AS "sellerUsername", p.artwork_id AS "artworkId", p.name, p.description, p.category, p.kind,
  CASE WHEN p.account_id = platform.current_account_id() THEN p.file_id END AS "fileId",
  p.price_amount AS "priceAmount", p.currency, p.stock, p.status, p.weight_grams AS "weightGrams",
  CASE WHEN p.dimensions_mm IS NULL THEN NULL ELSE json_build_object(
    'lengthMm', p.dimensions_mm[1], 'widthMm', p.dimensions_mm[2], 'heightMm', p.dimensions_mm[3]) END AS dimensions,
  p.shipping_amount AS "shippingAmount", p.shipping_info AS "shippingInfo",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"
`;
const productSource = sql.fragment`nex.products p JOIN nex.creators c ON c.account_id = p.account_id`;

export interface NewProduct {
  name: string;
  description: string;
  category: string;
  kind: 'digital' | 'physical';
  artworkId: string | null;
  fileId: string | null;
  priceAmount: number;
  currency: string;
  stock: number | null;
  weightGrams: number | null;
  dimensionsMm: number[] | null;
  shippingAmount: number;
  shippingInfo: string | null;
}

export function insertProduct(db: CommonQueryMethods, accountId: string, product: NewProduct) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.products (account_id, artwork_id, name, description, category, kind, file_id, price_amount,
      currency, stock, weight_grams, dimensions_mm, shipping_amount, shipping_info)
    VALUES (${accountId}, ${product.artworkId}, ${product.name}, ${product.description}, ${product.category},
      ${product.kind}, ${product.fileId}, ${product.priceAmount}, ${product.currency}, ${product.stock},
      ${product.weightGrams}, ${product.dimensionsMm ? sql.array(product.dimensionsMm, 'int4') : null},
      ${product.shippingAmount}, ${product.shippingInfo})
    RETURNING id
  `);
}

export function findProduct(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(ProductRow)`SELECT ${productColumns} FROM ${productSource} WHERE p.id = ${id}`);
}

export function listProducts(
  db: CommonQueryMethods,
  sellerUsername: string | undefined,
  after: Position | null,
  take: number,
) {
  const seller =
    sellerUsername === undefined
      ? sql.fragment``
      : sql.fragment`AND lower(c.username) = lower(${sellerUsername})`;
  return db.any(sql.type(ProductRow)`
    SELECT ${productColumns} FROM ${productSource}
    WHERE (p.status IN ('active', 'out_of_stock') OR p.account_id = platform.current_account_id())
      ${seller} ${afterPosition(after, 'p')}
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT ${take}
  `);
}

export interface ProductChanges {
  name?: string;
  description?: string;
  category?: string;
  priceAmount?: number;
  stock?: number;
  status?: 'active' | 'inactive' | 'discontinued';
  shippingAmount?: number;
  shippingInfo?: string;
}

export function updateProduct(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  changes: ProductChanges,
) {
  const set = (value: unknown, column: string) =>
    value === undefined
      ? sql.fragment``
      : sql.fragment`${sql.identifier([column])} = ${value as string | number},`;
  // A seller setting `active` on a product at 0 stock gets `out_of_stock` from the trigger.
  return db.maybeOne(sql.type(IdRow)`
    UPDATE nex.products SET
      ${set(changes.name, 'name')} ${set(changes.description, 'description')} ${set(changes.category, 'category')}
      ${set(changes.priceAmount, 'price_amount')} ${set(changes.stock, 'stock')} ${set(changes.status, 'status')}
      ${set(changes.shippingAmount, 'shipping_amount')} ${set(changes.shippingInfo, 'shipping_info')}
      updated_at = now()
    WHERE id = ${id} AND account_id = ${accountId}
    RETURNING id
  `);
}

/** The products of an order as they are for sale now (listed ones only, RLS and status). */
export function productsForSale(db: CommonQueryMethods, ids: readonly string[]) {
  return db.any(sql.type(ProductForSaleRow)`
    SELECT id, account_id AS "sellerId", name, kind, file_id AS "fileId", price_amount AS "priceAmount", currency,
      shipping_amount AS "shippingAmount", status
    FROM nex.products WHERE id = ANY(${sql.array(ids, 'uuid')})
      AND status IN ('active', 'out_of_stock')
  `);
}

export interface NewOrder {
  orderNumber: string;
  accountId: string;
  sellerId: string;
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
  shippingAddress: unknown;
  billingAddress: unknown;
  requiresShipping: boolean;
  referralCodeId: string | null;
}

/** The new order's id; null when its number was taken (the caller draws another). */
export function insertOrder(db: CommonQueryMethods, order: NewOrder) {
  return db.maybeOneFirst(sql.type(IdRow)`
    INSERT INTO nex.orders (order_number, account_id, seller_id, currency, subtotal, shipping, total,
      shipping_address, billing_address, requires_shipping, referral_code_id)
    VALUES (${order.orderNumber}, ${order.accountId}, ${order.sellerId}, ${order.currency}, ${order.subtotal},
      ${order.shipping}, ${order.total},
      ${order.shippingAddress === null ? null : sql.jsonb(order.shippingAddress as never)},
      ${order.billingAddress === null ? null : sql.jsonb(order.billingAddress as never)}, ${order.requiresShipping},
      ${order.referralCodeId})
    ON CONFLICT (order_number) DO NOTHING
    RETURNING id
  `);
}

export interface NewOrderItem {
  productId: string;
  productName: string;
  kind: 'digital' | 'physical';
  fileId: string | null;
  unitPrice: number;
  quantity: number;
}

export async function insertOrderItems(
  db: CommonQueryMethods,
  order: { id: string; accountId: string; sellerId: string },
  items: readonly NewOrderItem[],
) {
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.order_items (order_id, account_id, seller_id, product_id, product_name, kind, file_id, unit_price,
      quantity, line_total, position)
    SELECT ${order.id}, ${order.accountId}, ${order.sellerId}, item.product_id, item.product_name, item.kind,
      item.file_id, item.unit_price, item.quantity, item.unit_price * item.quantity, item.position
    FROM unnest(
      ${sql.array(
        items.map((item) => item.productId),
        'uuid',
      )},
      ${sql.array(
        items.map((item) => item.productName),
        'text',
      )},
      ${sql.array(
        items.map((item) => item.kind),
        'text',
      )},
      ${sql.array(
        items.map((item) => item.fileId),
        'uuid',
      )},
      ${sql.array(
        items.map((item) => item.unitPrice),
        'int8',
      )},
      ${sql.array(
        items.map((item) => item.quantity),
        'int4',
      )},
      ${sql.array(
        items.map((_, index) => index),
        'int2',
      )}
    ) AS item (product_id, product_name, kind, file_id, unit_price, quantity, position)
  `);
}

export function reserveOrderStock(db: CommonQueryMethods, orderId: string) {
  return db.oneFirst(sql.type(FlagRow)`SELECT nex.reserve_order_stock(${orderId}) AS done`);
}

export function releaseOrderStock(db: CommonQueryMethods, orderId: string) {
  return db.oneFirst(sql.type(FlagRow)`SELECT nex.release_order_stock(${orderId}) AS done`);
}

export async function awardOrderExp(db: CommonQueryMethods, orderId: string) {
  await db.query(sql.type(NoRows)`SELECT FROM (SELECT nex.award_order_exp(${orderId})) awarded`);
}

export function expiredOrders(db: CommonQueryMethods, batch: number) {
  return db.any(sql.type(ExpiredRow)`SELECT id, account_id AS "accountId" FROM nex.expired_orders(${batch})`);
}

const orderColumns = sql.fragment`
  o.id, o.order_number AS "orderNumber", o.account_id AS "buyerId", o.seller_id AS "sellerId",
  c.username AS "sellerUsername", o.status, o.payment_status AS "paymentStatus",
  COALESCE((SELECT json_agg(json_build_object(
      'productId', i.product_id, 'productName', i.product_name, 'kind', i.kind, 'fileId', i.file_id,
      'unitPrice', i.unit_price, 'quantity', i.quantity, 'lineTotal', i.line_total) ORDER BY i.position)
    FROM nex.order_items i WHERE i.order_id = o.id), '[]'::json) AS items,
  o.currency, o.subtotal, o.tax, o.shipping, o.discount, o.total, o.fee,
  o.shipping_address AS "shippingAddress", o.billing_address AS "billingAddress", o.payment_id AS "paymentId",
  o.referral_code_id AS "referralCodeId",
  o.expires_at AS "expiresAt", o.created_at AS "createdAt", o.paid_at AS "paidAt", o.shipped_at AS "shippedAt",
  o.delivered_at AS "deliveredAt", o.closed_at AS "closedAt"
`;
const orderSource = sql.fragment`nex.orders o JOIN nex.creators c ON c.account_id = o.seller_id`;

export function findOrder(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(OrderRow)`SELECT ${orderColumns} FROM ${orderSource} WHERE o.id = ${id}`);
}

export function listOrders(
  db: CommonQueryMethods,
  accountId: string,
  role: 'buyer' | 'seller',
  after: Position | null,
  take: number,
) {
  const side = sql.identifier(['o', role === 'buyer' ? 'account_id' : 'seller_id']);
  return db.any(sql.type(OrderRow)`
    SELECT ${orderColumns} FROM ${orderSource}
    WHERE ${side} = ${accountId} ${afterPosition(after, 'o')}
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${take}
  `);
}

export async function setOrderPayment(db: CommonQueryMethods, orderId: string, paymentId: string) {
  await db.query(sql.type(NoRows)`UPDATE nex.orders SET payment_id = ${paymentId} WHERE id = ${orderId}`);
}

type OrderMove =
  | { to: 'confirmed'; fee: number; digitalOnly: boolean }
  | { to: 'cancelled'; paymentStatus: 'pending' | 'failed' }
  | { to: 'shipped' }
  | { to: 'delivered' }
  | { to: 'refunded' };

/**
 * One conditional UPDATE per transition, from the states it may leave (`from`); null when the
 * order was not in one of them (or is not visible), so two racing moves cannot both pass.
 */
export function moveOrder(db: CommonQueryMethods, id: string, from: readonly string[], move: OrderMove) {
  const set = (() => {
    switch (move.to) {
      case 'confirmed':
        return move.digitalOnly
          ? sql.fragment`status = 'delivered', payment_status = 'paid', fee = ${move.fee}, paid_at = now(), delivered_at = now()`
          : sql.fragment`status = 'confirmed', payment_status = 'paid', fee = ${move.fee}, paid_at = now()`;
      case 'cancelled':
        return sql.fragment`status = 'cancelled', payment_status = ${move.paymentStatus}, closed_at = now()`;
      case 'shipped':
        return sql.fragment`status = 'shipped', shipped_at = now()`;
      case 'delivered':
        return sql.fragment`status = 'delivered', delivered_at = now()`;
      case 'refunded':
        return sql.fragment`status = 'refunded', payment_status = 'refunded', closed_at = now()`;
    }
  })();
  return db.maybeOne(sql.type(IdRow)`
    UPDATE nex.orders SET ${set}
    WHERE id = ${id} AND status = ANY(${sql.array([...from], 'text')})
    RETURNING id
  `);
}
