/** Ticket orders and tickets (docs/products/nex.md, Events and tickets). */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const TicketRow = rowType(nex.live.tickets.Ticket);
export type Ticket = Static<typeof nex.live.tickets.Ticket>;

const OrderRecord = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  organizerId: Type.String(),
  eventId: Type.String(),
  ticketTypeId: Type.String(),
  quantity: Type.Integer(),
  unitAmount: Type.Integer(),
  totalAmount: Type.Integer(),
  currency: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('paid'),
    Type.Literal('expired'),
    Type.Literal('canceled'),
    Type.Literal('refunded'),
  ]),
  referralCodeId: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.String(),
  paidAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
const OrderRow = rowType(OrderRecord);
export type OrderRecord = Static<typeof OrderRecord>;

const orderColumns = sql.fragment`
  o.id, o.account_id AS "accountId", o.organizer_id AS "organizerId", o.event_id AS "eventId",
  o.ticket_type_id AS "ticketTypeId", o.quantity, o.unit_amount AS "unitAmount", o.total_amount AS "totalAmount",
  o.currency, o.status, o.referral_code_id AS "referralCodeId", o.expires_at AS "expiresAt", o.paid_at AS "paidAt",
  o.created_at AS "createdAt"
`;

const OrderIdRow = rowType(Type.Object({ id: Type.Union([Type.String(), Type.Null()]) }));
const DoneRow = rowType(Type.Object({ done: Type.Boolean() }));

/** nex.reserve_tickets: the new order's id, or null when nothing could be reserved. */
export function reserveTickets(
  db: CommonQueryMethods,
  ticketTypeId: string,
  quantity: number,
  referralCodeId: string | null,
  holdSeconds: number,
) {
  return db.oneFirst(sql.type(OrderIdRow)`
    SELECT nex.reserve_tickets(${ticketTypeId}, ${quantity}, ${referralCodeId},
                               make_interval(secs => ${holdSeconds})) AS id
  `);
}

export function settleOrder(db: CommonQueryMethods, orderId: string) {
  return db.oneFirst(sql.type(DoneRow)`SELECT nex.settle_ticket_order(${orderId}) AS done`);
}

export function releaseOrder(db: CommonQueryMethods, orderId: string, outcome: 'expired' | 'canceled') {
  return db.oneFirst(sql.type(DoneRow)`SELECT nex.release_ticket_order(${orderId}, ${outcome}) AS done`);
}

export function refundOrder(db: CommonQueryMethods, orderId: string) {
  return db.oneFirst(sql.type(DoneRow)`SELECT nex.refund_ticket_order(${orderId}) AS done`);
}

const IdRow = rowType(Type.Object({ id: Type.String() }));

export function expiredHolds(db: CommonQueryMethods, max: number) {
  return db.anyFirst(sql.type(IdRow)`SELECT id FROM nex.expired_ticket_holds(${max}) AS id`);
}

export function findOrder(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(OrderRow)`SELECT ${orderColumns} FROM nex.ticket_orders o WHERE o.id = ${id}`);
}

/** An event's orders that hold or hold paid tickets, for cancelling it (the organizer reads them). */
export function liveOrdersOfEvent(db: CommonQueryMethods, eventId: string) {
  return db.any(sql.type(OrderRow)`
    SELECT ${orderColumns} FROM nex.ticket_orders o
    WHERE o.event_id = ${eventId} AND o.status IN ('pending', 'paid')
    ORDER BY o.created_at, o.id
  `);
}

const ticketColumns = sql.fragment`
  t.id, t.order_id AS "orderId", t.event_id AS "eventId", t.ticket_type_id AS "ticketTypeId", t.code, t.status,
  t.checked_in_at AS "checkedInAt", t.created_at AS "createdAt"
`;

export interface NewTicket {
  id: string;
  seq: number;
  code: string;
}

export async function insertTickets(
  db: CommonQueryMethods,
  order: OrderRecord,
  tickets: readonly NewTicket[],
) {
  await db.query(sql.type(NoRows)`
    INSERT INTO nex.tickets (id, order_id, seq, account_id, event_id, ticket_type_id, organizer_id, code)
    SELECT t.id, ${order.id}, t.seq, ${order.accountId}, ${order.eventId}, ${order.ticketTypeId}, ${order.organizerId},
           t.code
    FROM unnest(${sql.array(
      tickets.map((t) => t.id),
      'uuid',
    )}::uuid[], ${sql.array(
      tickets.map((t) => t.seq),
      'int4',
    )}::int[], ${sql.array(
      tickets.map((t) => t.code),
      'text',
    )}::text[]) AS t (id, seq, code)
    ON CONFLICT (order_id, seq) DO NOTHING
  `);
}

export function ticketsOfOrder(db: CommonQueryMethods, orderId: string) {
  return db.any(sql.type(TicketRow)`
    SELECT ${ticketColumns} FROM nex.tickets t WHERE t.order_id = ${orderId} ORDER BY t.seq
  `);
}

export function listOwnTickets(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(TicketRow)`
    SELECT ${ticketColumns} FROM nex.tickets t
    WHERE t.account_id = ${accountId} ${afterPosition(after, 't')}
    ORDER BY t.created_at DESC, t.id DESC
    LIMIT ${take}
  `);
}

export function findOwnTicket(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(TicketRow)`
    SELECT ${ticketColumns} FROM nex.tickets t WHERE t.id = ${id} AND t.account_id = ${accountId}
  `);
}

/** The organizer's check-in: once, of a valid ticket of this event; null otherwise. */
export function checkInTicket(
  db: CommonQueryMethods,
  organizerId: string,
  eventId: string,
  ticketId: string,
) {
  return db.maybeOne(sql.type(TicketRow)`
    UPDATE nex.tickets t SET checked_in_at = now()
    WHERE t.id = ${ticketId} AND t.event_id = ${eventId} AND t.organizer_id = ${organizerId}
      AND t.status = 'valid' AND t.checked_in_at IS NULL
    RETURNING ${ticketColumns}
  `);
}

/** The ticket as its event's organizer sees it (null for anyone else, or another event's ticket). */
export function findEventTicket(
  db: CommonQueryMethods,
  organizerId: string,
  eventId: string,
  ticketId: string,
) {
  return db.maybeOne(sql.type(TicketRow)`
    SELECT ${ticketColumns} FROM nex.tickets t
    WHERE t.id = ${ticketId} AND t.event_id = ${eventId} AND t.organizer_id = ${organizerId}
  `);
}
