/**
 * Shop orders (docs/products/nex.md, Orders): one seller per order; the server prices it (unit
 * prices captured at order time, tax included, shipping per physical line), reserves the stock at
 * once and creates the payment; the provider's signed webhook confirms it.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { Username } from '../creators.ts';
import { ReferralCode } from '../live/referrals.ts';
import { Amount, Currency } from './money.ts';

export const OrderStatus = StringEnum(
  ['pending', 'confirmed', 'shipped', 'delivered', 'cancelled', 'refunded'],
  {
    description:
      '`pending` until paid (or `cancelled` by the buyer, a failed payment or expiry); `confirmed` once paid; `shipped` and `delivered` for physical goods (a digital-only order is `delivered` when paid); `refunded` by the seller.',
  },
);
export const OrderPaymentStatus = StringEnum(['pending', 'paid', 'failed', 'refunded'], {
  description: 'The payment: `pending` → `paid` or `failed`; `paid` → `refunded`.',
});

const Line = (max: number, description: string) =>
  Type.String({ minLength: 1, maxLength: max, pattern: '\\S', description });

export const Address = named(
  'NexAddress',
  Type.Object(
    {
      name: Line(100, 'The recipient.'),
      line1: Line(200, 'Street address.'),
      line2: Type.Optional(Type.String({ maxLength: 200, description: 'Building, floor, room.' })),
      city: Line(100, 'City, ward or town.'),
      region: Type.Optional(Type.String({ maxLength: 100, description: 'Prefecture, state or province.' })),
      postalCode: Type.String({
        pattern: '^[A-Za-z0-9][A-Za-z0-9 -]{1,10}[A-Za-z0-9]$',
        description: 'Postal code: 3 to 12 letters, digits, spaces or hyphens (e.g. `150-0001`).',
      }),
      country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code.' }),
      phone: Type.Optional(
        Type.String({
          pattern: '^\\+?[0-9][0-9 -]{5,18}[0-9]$',
          description: 'A phone number for the carrier.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A postal address.',
    example: {
      name: '山田 花子',
      line1: '渋谷区神宮前1-2-3',
      city: '東京都',
      postalCode: '150-0001',
      country: 'JP',
    },
  },
);

const OrderItem = Type.Object({
  productId: Type.Union([Id('The product.'), Type.Null()], {
    description: 'The product; null once deleted.',
  }),
  productName: Type.String({ description: 'The name at order time.' }),
  kind: StringEnum(['digital', 'physical'], { description: 'Digital or physical.' }),
  fileId: Type.Union([Id('The file bought.'), Type.Null()], {
    description: 'For a digital product: the file, readable by the buyer (`GET /v1/files/{id}`) once paid.',
  }),
  unitPrice: Amount('The unit price captured at order time.'),
  quantity: Type.Integer({ minimum: 1, maximum: 100, description: 'How many.' }),
  lineTotal: Amount('unitPrice × quantity.'),
});

const orderExample = {
  id: '2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b',
  orderNumber: 'NX-20261130-7Q4K9D2M',
  buyerId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  sellerUsername: 'yuki_draws',
  status: 'pending' as const,
  paymentStatus: 'pending' as const,
  items: [
    {
      productId: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
      productName: '夕焼けの海 (high-resolution PNG)',
      kind: 'digital' as const,
      fileId: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b',
      unitPrice: 1500,
      quantity: 1,
      lineTotal: 1500,
    },
  ],
  currency: 'JPY',
  subtotal: 1500,
  tax: 0,
  shipping: 0,
  discount: 0,
  total: 1500,
  shippingAddress: null,
  billingAddress: null,
  paymentId: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  expiresAt: '2026-11-30T09:15:00.000Z',
  createdAt: '2026-11-30T09:00:00.000Z',
  paidAt: null,
  shippedAt: null,
  deliveredAt: null,
  closedAt: null,
};

const NullableTimestamp = (description: string) => Type.Union([Timestamp, Type.Null()], { description });

export const Order = named(
  'NexOrder',
  Type.Object({
    id: Id("The order's id."),
    orderNumber: Type.String({ description: 'Unique and human-readable: `NX-<UTC date>-<8 characters>`.' }),
    buyerId: Id("The buyer's account id."),
    sellerUsername: Username,
    status: OrderStatus,
    paymentStatus: OrderPaymentStatus,
    items: Type.Array(OrderItem, { description: 'The lines, in order.' }),
    currency: Currency,
    subtotal: Amount('The sum of the lines.'),
    tax: Amount('Tax on top of the prices: 0, since prices include tax.'),
    shipping: Amount("Shipping: the sum of the physical lines' shipping amounts."),
    discount: Amount('Discounts: 0 (no coupons yet).'),
    total: Amount('subtotal + tax + shipping − discount, computed by the server: what the payment is for.'),
    shippingAddress: Type.Union([Address, Type.Null()], {
      description: 'Where it ships; null for digital-only orders.',
    }),
    billingAddress: Type.Union([Address, Type.Null()], { description: 'The billing address, if given.' }),
    paymentId: Type.Union([Id('The payment (`GET /v1/nex/payments/{id}`, buyer only).'), Type.Null()], {
      description: 'The payment (`GET /v1/nex/payments/{id}`, buyer only).',
    }),
    expiresAt: Timestamp,
    createdAt: Timestamp,
    paidAt: NullableTimestamp('When the payment was confirmed.'),
    shippedAt: NullableTimestamp('When the seller shipped it.'),
    deliveredAt: NullableTimestamp('When it was delivered (at payment for digital-only orders).'),
    closedAt: NullableTimestamp('When it was cancelled or refunded.'),
  }),
  {
    description: 'An order, visible to its buyer and its seller only.',
    example: orderExample,
  },
);

export const OrderList = Page('NexOrderList', Order, orderExample);

export const CreateOrderRequest = named(
  'NexCreateOrderRequest',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            productId: Id('A listed product.'),
            quantity: Type.Integer({ minimum: 1, maximum: 100, description: 'How many (1 for digital).' }),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 20, description: 'The lines: products of one seller, each at most once.' },
      ),
      shippingAddress: Type.Optional(Address),
      billingAddress: Type.Optional(Address),
      referralCode: Type.Optional({
        ...ReferralCode,
        description:
          'A referral code this purchase came through (active, not your own: 409 otherwise); its owner earns a commission once the order is paid.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description:
      "What to buy. Prices, shipping and the total are the server's: a client-sent total is refused as an unknown field.",
    example: { items: [{ productId: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f', quantity: 1 }] },
  },
);

const Params = IdParams('order', orderExample.id);

export const create = defineOperation({
  operationId: 'nex.orders.create',
  method: 'POST',
  path: '/v1/nex/orders',
  tag: 'nex',
  summary: 'Order products',
  description: [
    'Reserves the stock at once (409 `conflict` when a product is short or not for sale, and nothing is reserved)',
    'and creates the payment; pay it with its `clientSecret` (or, in test mode, `POST /v1/nex/payments/{id}/simulate`).',
    "The order is confirmed only when the provider's signed webhook confirms the payment; an order not paid within",
    '15 minutes is cancelled and its stock released. Products of several sellers, a product twice, your own product,',
    'a digital quantity above 1 or a physical order without `shippingAddress` is 400; an unknown product 404.',
  ].join('\n'),
  auth: { scope: 'nex:write' },
  body: CreateOrderRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The order, pending payment.', schema: Order },
  errors: [404, 409],
});

export const list = defineOperation({
  operationId: 'nex.orders.list',
  method: 'GET',
  path: '/v1/nex/orders',
  tag: 'nex',
  summary: 'List orders bought or sold, newest first',
  description: '`role=buyer` (default) or `seller`.',
  auth: { scope: 'nex:read' },
  query: PageQuery({
    role: Type.Optional(
      StringEnum(['buyer', 'seller'], {
        description: 'Which side the caller is on.',
        default: 'buyer',
        examples: ['seller'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of orders.', schema: OrderList },
});

export const get = defineOperation({
  operationId: 'nex.orders.get',
  method: 'GET',
  path: '/v1/nex/orders/{id}',
  tag: 'nex',
  summary: 'Get an order',
  description: 'Only its buyer and seller; anyone else gets 404.',
  auth: { scope: 'nex:read' },
  params: Params,
  success: { status: 200, description: 'The order.', schema: Order },
});

function transition(action: 'cancel' | 'ship' | 'deliver' | 'refund', summary: string, description: string) {
  return defineOperation({
    operationId: `nex.orders.${action}`,
    method: 'POST',
    path: `/v1/nex/orders/{id}/${action}`,
    tag: 'nex',
    summary,
    description: `${description} Another account's order is 404; the wrong party 403; any other state 409.`,
    auth: { scope: 'nex:write' },
    params: Params,
    audited: true,
    success: { status: 200, description: 'The order after the transition.', schema: Order },
    errors: [403, 409],
  } as const);
}

export const cancel = transition(
  'cancel',
  'Cancel an unpaid order',
  'The buyer, while `pending`: the payment is cancelled and the stock released.',
);
export const ship = transition(
  'ship',
  'Mark an order shipped',
  'The seller, once `confirmed`, for an order with physical items.',
);
export const deliver = transition(
  'deliver',
  'Mark an order delivered',
  'The buyer or the seller, once `shipped`.',
);
export const refund = transition(
  'refund',
  'Refund an order',
  'The seller, once paid: the whole total goes back through the provider, the sale and its fee are reversed in the ledger, and the buyer loses access to digital files.',
);
