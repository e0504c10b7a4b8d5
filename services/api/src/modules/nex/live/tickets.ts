/**
 * Ticket purchases (docs/products/nex.md, Events and tickets): reserve (one SQL function, a
 * conditional UPDATE per counter), pay, and only then issue tickets whose codes are sealed ticket
 * ids (AES-256-GCM under a key derived from the server secret, kernel/auth/sealing.ts): a code
 * verifies without a lookup and cannot be forged or altered, and the organizer checks it in once.
 */
import { randomUUID } from 'node:crypto';
import type { nex } from '@yorozu/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import type { Sealer } from '../../../kernel/auth/index.ts';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { findEvent, findTicketType } from './event-queries.ts';
import { qrImage } from './qr.ts';
import { usableCode } from './referrals.ts';
import {
  checkInTicket,
  expiredHolds,
  findEventTicket,
  findOrder,
  findOwnTicket,
  insertTickets,
  listOwnTickets,
  liveOrdersOfEvent,
  type OrderRecord,
  refundOrder,
  releaseOrder,
  reserveTickets,
  settleOrder,
  ticketsOfOrder,
} from './ticket-queries.ts';

/** How long a reservation waits for its payment. */
export const HOLD_SECONDS = 600;
const CODE_CONTEXT = 'nex.ticket';

/** A transaction and a way to bind it to another account (a request's or a webhook's), and a log. */
export interface Scope {
  db: CommonQueryMethods;
  withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T>;
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>;
}

export interface PaymentHandle {
  id: string;
  clientSecret: string | null;
}

/**
 * The money side of a ticket order, implemented over nex's payments and ledger: start a
 * payment for a pending order, find it again, refund a paid order's payment.
 */
export interface TicketPayments {
  start(scope: Scope, order: OrderRecord): Promise<PaymentHandle>;
  find(db: CommonQueryMethods, order: OrderRecord): Promise<PaymentHandle | null>;
  /** Refunds the order's payment through the provider and reverses its ledger entries. */
  refund(scope: Scope, order: OrderRecord): Promise<void>;
}

export const ticketCode = (sealer: Sealer, ticketId: string) =>
  sealer.seal(ticketId, CODE_CONTEXT).toString('base64url');

/** The ticket id a code carries, or null for a code this server did not issue (or an altered one). */
export function ticketIdOf(sealer: Sealer, code: string): string | null {
  return sealer.open(Buffer.from(code, 'base64url'), CODE_CONTEXT);
}

/** Issues the tickets of a paid order (idempotent: one row per seat number). Bound to the buyer. */
export async function issueTickets(db: CommonQueryMethods, sealer: Sealer, order: OrderRecord) {
  const tickets = Array.from({ length: order.quantity }, (_, i) => {
    const id = randomUUID();
    return { id, seq: i + 1, code: ticketCode(sealer, id) };
  });
  await insertTickets(db, order, tickets);
}

/**
 * A payment confirmed: pending → paid, then the tickets. False when the order was no longer
 * pending (released after its hold): the caller gives the money back. Bound to the buyer.
 */
export async function fulfilOrder(db: CommonQueryMethods, sealer: Sealer, orderId: string): Promise<boolean> {
  if (!(await settleOrder(db, orderId))) return false;
  const order = await findOrder(db, orderId);
  if (!order) return false;
  await issueTickets(db, sealer, order);
  return true;
}

type CreateRequest = Static<typeof nex.live.tickets.CreateTicketOrderRequest>;

export async function orderTickets(
  scope: Scope & { db: DatabaseTransactionConnection },
  deps: { sealer: Sealer; payments: TicketPayments },
  buyerId: string,
  request: CreateRequest,
) {
  const { db } = scope;
  const type = await findTicketType(db, request.ticketTypeId);
  const event = type && (await findEvent(db, type.eventId));
  if (!type || !event) throw validationFailed('/body/ticketTypeId', 'is not a ticket type you can see');
  const referralCodeId =
    request.referralCode === undefined ? null : (await usableCode(db, request.referralCode, buyerId)).id;
  const orderId = await reserveTickets(db, type.id, request.quantity, referralCodeId, HOLD_SECONDS);
  if (!orderId) {
    const reason =
      event.status !== 'published'
        ? `the event is ${event.status}`
        : type.available < request.quantity
          ? `only ${type.available} left`
          : 'not on sale now, over the event’s capacity, or your own event';
    throw new DomainError('conflict', `Cannot reserve ${request.quantity} tickets: ${reason}.`);
  }
  const order = await findOrder(db, orderId);
  if (!order) throw notFound('ticket order');
  if (order.status === 'paid') {
    await issueTickets(db, deps.sealer, order);
    return presentOrder(db, deps.payments, order, null);
  }
  const payment = await deps.payments.start(scope, order);
  return presentOrder(db, deps.payments, order, payment);
}

async function presentOrder(
  db: CommonQueryMethods,
  payments: TicketPayments,
  order: OrderRecord,
  payment: PaymentHandle | null | undefined,
) {
  return {
    id: order.id,
    eventId: order.eventId,
    ticketTypeId: order.ticketTypeId,
    quantity: order.quantity,
    unitAmount: order.unitAmount,
    totalAmount: order.totalAmount,
    currency: order.currency,
    status: order.status,
    expiresAt: order.expiresAt,
    paidAt: order.paidAt,
    payment: payment !== undefined ? payment : order.unitAmount === 0 ? null : await payments.find(db, order),
    tickets: [...(await ticketsOfOrder(db, order.id))],
    createdAt: order.createdAt,
  };
}

export async function getOwnOrder(
  db: CommonQueryMethods,
  payments: TicketPayments,
  buyerId: string,
  id: string,
) {
  const order = await findOrder(db, id);
  if (!order || order.accountId !== buyerId) throw notFound('ticket order');
  return presentOrder(db, payments, order, undefined);
}

export function listTickets(
  db: CommonQueryMethods,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-tickets', query, (after, take) => listOwnTickets(db, accountId, after, take));
}

export async function ticketQr(db: CommonQueryMethods, accountId: string, id: string, format: 'svg' | 'png') {
  const ticket = await findOwnTicket(db, accountId, id);
  if (!ticket) throw notFound('ticket');
  return qrImage(ticket.code, { dark: '#000000', light: '#ffffff', size: 256 }, format);
}

export async function checkIn(
  db: CommonQueryMethods,
  sealer: Sealer,
  organizerId: string,
  eventId: string,
  code: string,
) {
  const unknown = () => new DomainError('not_found', 'No ticket of this event with that code.');
  const ticketId = ticketIdOf(sealer, code);
  if (!ticketId) throw unknown();
  const checked = await checkInTicket(db, organizerId, eventId, ticketId);
  if (checked) return checked;
  const ticket = await findEventTicket(db, organizerId, eventId, ticketId);
  if (!ticket) throw unknown();
  throw new DomainError(
    'conflict',
    ticket.status === 'refunded'
      ? 'The ticket was refunded.'
      : `The ticket was checked in at ${ticket.checkedInAt}.`,
  );
}

/**
 * Releases every hold of a canceled event and refunds every paid order through the provider
 * (bound to the organizer, who may read and release its event's orders).
 */
export async function settleCanceledEvent(scope: Scope, payments: TicketPayments, eventId: string) {
  for (const order of await liveOrdersOfEvent(scope.db, eventId)) {
    if (order.status === 'pending') await releaseOrder(scope.db, order.id, 'canceled');
    else if (order.totalAmount === 0) await refundOrder(scope.db, order.id);
    else await payments.refund(scope, order);
  }
}

/** The sweep: holds past their time go back on sale (kernel schedule, every minute). */
export async function releaseExpiredHolds(db: CommonQueryMethods, max = 500) {
  let released = 0;
  for (const id of await expiredHolds(db, max)) {
    if (await releaseOrder(db, id, 'expired')) released++;
  }
  return released;
}
