/**
 * Ticket orders, tickets and check-in (docs/products/nex.md, Events and tickets): an order
 * reserves inventory for 10 minutes until its payment is confirmed; paid orders issue tickets
 * with a signed code (shown as a QR code) that the organizer checks in once.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Binary, Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { ReferralCode } from './referrals.ts';

export const TicketOrderStatus = StringEnum(['pending', 'paid', 'expired', 'canceled', 'refunded'], {
  description:
    '`pending`: tickets held until `expiresAt` while the payment is made; `paid`: tickets issued; `expired`: unpaid in time, released; `canceled`: released; `refunded`: the event was canceled and the payment returned.',
});

const TicketCode = Type.String({
  minLength: 20,
  maxLength: 200,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'The ticket’s signed code, as its QR code carries it.',
});

const ticketExample = {
  id: '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
  orderId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  eventId: '3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c',
  ticketTypeId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  code: 'AWn0bWrS3Q9q8Zs1mC5u3YtYy4nR0s1dH8wq2l1Wc7pQk9vE0xJ3fL6aB2gN5hT8',
  status: 'valid' as const,
  checkedInAt: null,
  createdAt: '2026-11-30T09:05:00.000Z',
};

export const Ticket = named(
  'NexTicket',
  Type.Object({
    id: Id("The ticket's id."),
    orderId: Id('The order that bought it.'),
    eventId: Id('Its event.'),
    ticketTypeId: Id('Its ticket type.'),
    code: TicketCode,
    status: StringEnum(['valid', 'refunded'], { description: '`refunded` tickets no longer admit anyone.' }),
    checkedInAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the organizer checked it in; null before.',
    }),
    createdAt: Timestamp,
  }),
  { description: 'A ticket, readable by its holder and the event’s organizer.', example: ticketExample },
);
export const TicketList = Page('NexTicketList', Ticket, ticketExample);

const PaymentRef = Type.Union(
  [
    Type.Object({
      id: Id('The payment (see the payments operations to complete it).'),
      clientSecret: Type.Union([Type.String(), Type.Null()], {
        description: 'What the payment provider’s client library needs to pay (Stripe.js `confirmPayment`).',
      }),
    }),
    Type.Null(),
  ],
  { description: 'The payment to make before `expiresAt`; null for free tickets (issued at once).' },
);

const orderExample = {
  id: ticketExample.orderId,
  eventId: ticketExample.eventId,
  ticketTypeId: ticketExample.ticketTypeId,
  quantity: 2,
  unitAmount: 3000,
  totalAmount: 6000,
  currency: 'JPY',
  status: 'pending' as const,
  expiresAt: '2026-11-30T09:15:00.000Z',
  paidAt: null,
  payment: { id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', clientSecret: 'local_secret_2b3c4d5e' },
  tickets: [],
  createdAt: '2026-11-30T09:05:00.000Z',
};

export const TicketOrder = named(
  'NexTicketOrder',
  Type.Object({
    id: Id("The order's id."),
    eventId: Id('The event.'),
    ticketTypeId: Id('The ticket type.'),
    quantity: Type.Integer({ minimum: 1, maximum: 10, description: 'How many tickets.' }),
    unitAmount: Type.Integer({
      minimum: 0,
      description: 'The price of one, in minor units, captured at order time.',
    }),
    totalAmount: Type.Integer({
      minimum: 0,
      description: '`unitAmount × quantity`, computed by the server.',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 currency code.' }),
    status: TicketOrderStatus,
    expiresAt: { ...Timestamp, description: 'A pending order’s hold ends then (10 minutes after ordering).' },
    paidAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the payment was confirmed; null before.',
    }),
    payment: PaymentRef,
    tickets: Type.Array(Ticket, { maxItems: 10, description: 'The tickets, once paid.' }),
    createdAt: Timestamp,
  }),
  { description: 'A ticket order, readable by its buyer.', example: orderExample },
);

export const CreateTicketOrderRequest = named(
  'NexCreateTicketOrderRequest',
  Type.Object(
    {
      ticketTypeId: Id('The ticket type to buy.'),
      quantity: Type.Integer({ minimum: 1, maximum: 10, description: 'How many, 1 to 10.' }),
      referralCode: Type.Optional({
        ...ReferralCode,
        description: 'A referral code this purchase came through.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'What to buy. The price is the ticket type’s; any amount a client computes is not asked for.',
    example: { ticketTypeId: ticketExample.ticketTypeId, quantity: 2 },
  },
);

export const createOrder = defineOperation({
  operationId: 'nex.ticketOrders.create',
  method: 'POST',
  path: '/v1/nex/ticket-orders',
  tag: 'nex',
  summary: 'Order tickets',
  description:
    'Reserves the tickets (never more than exist: 409 when sold out, off sale, over the event’s capacity, or your own event) for 10 minutes and starts the payment; free tickets are issued at once. A referral code must be active and not your own (409).',
  auth: { scope: 'nex:write' },
  body: CreateTicketOrderRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The order.', schema: TicketOrder },
  errors: [409],
});

export const getOrder = defineOperation({
  operationId: 'nex.ticketOrders.get',
  method: 'GET',
  path: '/v1/nex/ticket-orders/{id}',
  tag: 'nex',
  summary: 'Get a ticket order',
  description: 'Only its buyer (404 for anyone else).',
  auth: { scope: 'nex:read' },
  params: IdParams('ticket order', orderExample.id),
  success: { status: 200, description: 'The order.', schema: TicketOrder },
});

export const listTickets = defineOperation({
  operationId: 'nex.tickets.list',
  method: 'GET',
  path: '/v1/nex/tickets',
  tag: 'nex',
  summary: 'List your tickets, newest first',
  description: 'The caller’s tickets, of every event.',
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of tickets.', schema: TicketList },
});

export const ticketQr = defineOperation({
  operationId: 'nex.tickets.qr',
  method: 'GET',
  path: '/v1/nex/tickets/{id}/qr',
  tag: 'nex',
  summary: 'The QR code of a ticket',
  description: 'Only its holder (404 for anyone else): the ticket’s code as a QR code, SVG (default) or PNG.',
  auth: { scope: 'nex:read' },
  params: IdParams('ticket', ticketExample.id),
  query: Type.Object(
    {
      format: Type.Optional(
        StringEnum(['svg', 'png'], { description: 'The image format (default `svg`).', examples: ['png'] }),
      ),
    },
    { additionalProperties: false },
  ),
  success: {
    status: 200,
    description: 'The QR image.',
    schema: Binary,
    contentTypes: ['image/svg+xml', 'image/png'],
  },
});

export const CheckInRequest = named(
  'NexCheckInRequest',
  Type.Object({ code: TicketCode }, { additionalProperties: false }),
  { description: 'A scanned ticket code.', example: { code: ticketExample.code } },
);

export const checkIn = defineOperation({
  operationId: 'nex.tickets.checkIn',
  method: 'POST',
  path: '/v1/nex/events/{id}/check-ins',
  tag: 'nex',
  summary: 'Check a ticket in',
  description:
    'The organizer scans a ticket: a code that does not verify, or a ticket of another event, is 404; a ticket checked in already, or refunded, is 409.',
  auth: { scope: 'nex:write' },
  params: IdParams('event', ticketExample.eventId),
  body: CheckInRequest,
  audited: true,
  success: { status: 200, description: 'The ticket, checked in.', schema: Ticket },
  errors: [409],
});
