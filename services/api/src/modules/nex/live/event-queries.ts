/**
 * Events and ticket types (docs/products/nex.md, Events and tickets). Reads name no account:
 * events_read lets through public events and the caller's own drafts, nothing else.
 */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const EventRow = rowType(nex.live.events.Event);
export type Event = Static<typeof nex.live.events.Event>;
const TicketTypeRow = rowType(nex.live.events.TicketType);
export type TicketType = Static<typeof nex.live.events.TicketType>;
const IdRow = rowType(Type.Object({ id: Type.String() }));

const eventColumns = sql.fragment`
  e.id, c.username AS "organizerUsername", e.title, e.description, e.event_type AS "eventType", e.venue,
  e.online_url AS "onlineUrl", e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.timezone, e.capacity,
  e.taken, e.is_free AS "isFree", e.cover_file_id AS "coverFileId", e.status,
  e.registration_opens_at AS "registrationOpensAt", e.registration_closes_at AS "registrationClosesAt",
  e.published_at AS "publishedAt", e.canceled_at AS "canceledAt", e.created_at AS "createdAt",
  e.updated_at AS "updatedAt"
`;
const eventSource = sql.fragment`nex.events e JOIN nex.creators c ON c.account_id = e.account_id`;

export interface EventFields {
  title: string;
  description: string;
  eventType: 'online' | 'offline' | 'hybrid';
  venue: string | null;
  onlineUrl: string | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  capacity: number | null;
  coverFileId: string | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
}

export function insertEvent(db: CommonQueryMethods, accountId: string, fields: EventFields, isFree: boolean) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.events (account_id, title, description, event_type, venue, online_url, starts_at, ends_at,
                            timezone, capacity, is_free, cover_file_id, registration_opens_at, registration_closes_at)
    VALUES (${accountId}, ${fields.title}, ${fields.description}, ${fields.eventType}, ${fields.venue},
            ${fields.onlineUrl}, ${fields.startsAt}, ${fields.endsAt}, ${fields.timezone}, ${fields.capacity},
            ${isFree}, ${fields.coverFileId}, ${fields.registrationOpensAt}, ${fields.registrationClosesAt})
    RETURNING id
  `);
}

export function findEvent(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(EventRow)`SELECT ${eventColumns} FROM ${eventSource} WHERE e.id = ${id}`);
}

/** The caller's own event, locked for the change: the base an update starts from. */
export function lockOwnEvent(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(EventRow)`
    SELECT ${eventColumns} FROM ${eventSource} WHERE e.id = ${id} AND e.account_id = ${accountId} FOR UPDATE OF e
  `);
}

/** Only while draft or published: a completed or canceled event no longer changes. */
export function updateEvent(db: CommonQueryMethods, accountId: string, id: string, fields: EventFields) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.events SET title = ${fields.title}, description = ${fields.description},
      event_type = ${fields.eventType}, venue = ${fields.venue}, online_url = ${fields.onlineUrl},
      starts_at = ${fields.startsAt}, ends_at = ${fields.endsAt}, timezone = ${fields.timezone},
      capacity = ${fields.capacity}, cover_file_id = ${fields.coverFileId},
      registration_opens_at = ${fields.registrationOpensAt}, registration_closes_at = ${fields.registrationClosesAt},
      updated_at = now()
    WHERE id = ${id} AND account_id = ${accountId} AND status IN ('draft', 'published')
    RETURNING id
  `);
}

export async function deleteDraftEvent(db: CommonQueryMethods, accountId: string, id: string) {
  const result = await db.query(sql.type(NoRows)`
    DELETE FROM nex.events WHERE id = ${id} AND account_id = ${accountId} AND status = 'draft'
  `);
  return result.rowCount === 1;
}

export type EventMove = 'publish' | 'complete' | 'cancel';

/** One conditional UPDATE per move; null when the event is not the caller's or not in a state the move leaves. */
export function moveEvent(db: CommonQueryMethods, accountId: string, id: string, move: EventMove) {
  const change = {
    publish: sql.fragment`status = 'published', published_at = COALESCE(published_at, now())
      WHERE status = 'draft'`,
    complete: sql.fragment`status = 'completed' WHERE status = 'published' AND ends_at <= now()`,
    cancel: sql.fragment`status = 'canceled', canceled_at = now() WHERE status IN ('draft', 'published')`,
  }[move];
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.events SET updated_at = now(), ${change} AND id = ${id} AND account_id = ${accountId}
    RETURNING id
  `);
}

export interface EventFilter {
  organizerId: string | null;
  status: Event['status'] | null;
}

export function listEvents(
  db: CommonQueryMethods,
  filter: EventFilter,
  after: Position | null,
  take: number,
) {
  const conditions = [
    filter.status ? sql.fragment`e.status = ${filter.status}` : sql.fragment`e.status <> 'draft'`,
    ...(filter.status === 'draft' ? [sql.fragment`e.account_id = platform.current_account_id()`] : []),
    ...(filter.organizerId ? [sql.fragment`e.account_id = ${filter.organizerId}`] : []),
  ];
  return db.any(sql.type(EventRow)`
    SELECT ${eventColumns} FROM ${eventSource}
    WHERE ${sql.join(conditions, sql.fragment` AND `)} ${afterPosition(after, 'e')}
    ORDER BY e.created_at DESC, e.id DESC
    LIMIT ${take}
  `);
}

// --- Ticket types --------------------------------------------------------------------------

const ticketTypeColumns = sql.fragment`
  t.id, t.event_id AS "eventId", t.name, t.description, t.price_amount AS "priceAmount", t.currency, t.quantity,
  t.held, t.sold, t.quantity - t.held - t.sold AS available, t.sale_starts_at AS "saleStartsAt",
  t.sale_ends_at AS "saleEndsAt", t.is_active AS "isActive", t.created_at AS "createdAt", t.updated_at AS "updatedAt"
`;

export const MAX_TICKET_TYPES = 50;

export interface NewTicketType {
  name: string;
  description: string;
  priceAmount: number;
  currency: string;
  quantity: number;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  isActive: boolean;
}

/** Counts the event's types under the event's row lock (taken by the caller), so the cap holds. */
export function countTicketTypes(db: CommonQueryMethods, eventId: string) {
  return db.oneFirst(
    sql.type(rowType(Type.Object({ count: Type.Number() })))`
      SELECT count(*)::int AS count FROM nex.ticket_types WHERE event_id = ${eventId}
    `,
  );
}

export function insertTicketType(
  db: CommonQueryMethods,
  accountId: string,
  eventId: string,
  type: NewTicketType,
) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.ticket_types (event_id, account_id, name, description, price_amount, currency, quantity,
                                  sale_starts_at, sale_ends_at, is_active)
    VALUES (${eventId}, ${accountId}, ${type.name}, ${type.description}, ${type.priceAmount}, ${type.currency},
            ${type.quantity}, ${type.saleStartsAt}, ${type.saleEndsAt}, ${type.isActive})
    RETURNING id
  `);
}

export function findTicketType(db: CommonQueryMethods, id: string) {
  return db.maybeOne(
    sql.type(TicketTypeRow)`SELECT ${ticketTypeColumns} FROM nex.ticket_types t WHERE t.id = ${id}`,
  );
}

export function listTicketTypes(db: CommonQueryMethods, eventId: string) {
  return db.any(sql.type(TicketTypeRow)`
    SELECT ${ticketTypeColumns} FROM nex.ticket_types t WHERE t.event_id = ${eventId}
    ORDER BY t.created_at, t.id LIMIT ${MAX_TICKET_TYPES}
  `);
}

export interface TicketTypeChanges {
  name: string;
  description: string;
  quantity: number;
  saleStartsAt: string | null;
  saleEndsAt: string | null;
  isActive: boolean;
}

/**
 * The organizer's change, while the event is draft or published. The quantity is conditional on
 * what is held and sold in the same statement, so it cannot race a purchase: null when any
 * condition fails (the service tells which).
 */
export function updateTicketType(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  changes: TicketTypeChanges,
) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.ticket_types t SET name = ${changes.name}, description = ${changes.description},
      quantity = ${changes.quantity}, sale_starts_at = ${changes.saleStartsAt}, sale_ends_at = ${changes.saleEndsAt},
      is_active = ${changes.isActive}, updated_at = now()
    WHERE t.id = ${id} AND t.account_id = ${accountId} AND t.held + t.sold <= ${changes.quantity}
      AND EXISTS (SELECT 1 FROM nex.events e WHERE e.id = t.event_id AND e.status IN ('draft', 'published'))
    RETURNING t.id
  `);
}
