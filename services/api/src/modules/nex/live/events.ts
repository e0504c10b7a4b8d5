/**
 * Events and ticket types (docs/products/nex.md, Events and tickets). An event the caller may not
 * see answers 404 exactly like one that does not exist; each status move is one conditional
 * UPDATE, and when it matches nothing the event as the caller sees it says why (404 or 409).
 */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import { type FileStore, shareFile } from '../../../kernel/files/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { findCreatorOf } from '../creator-queries.ts';
import { findCreatorAccount } from '../fan-queries.ts';
import {
  countTicketTypes,
  deleteDraftEvent,
  type EventFields,
  type EventMove,
  findEvent,
  findTicketType,
  insertEvent,
  insertTicketType,
  listEvents,
  listTicketTypes,
  lockOwnEvent,
  MAX_TICKET_TYPES,
  moveEvent,
  updateEvent,
  updateTicketType,
} from './event-queries.ts';

type CreateRequest = Static<typeof nex.live.events.CreateEventRequest>;
type UpdateRequest = Static<typeof nex.live.events.UpdateEventRequest>;

const noEvent = () => notFound('event');
const joinFirst = () => new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');

/** A zone the runtime's IANA database knows (`Intl` throws a RangeError for any other name). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

async function checkFields(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  f: EventFields,
) {
  if (Date.parse(f.endsAt) <= Date.parse(f.startsAt))
    throw validationFailed('/body/endsAt', 'must be after startsAt');
  if (f.eventType !== 'online' && f.venue === null) {
    throw validationFailed('/body/venue', `is required for an ${f.eventType} event`);
  }
  if (!isTimeZone(f.timezone)) throw validationFailed('/body/timezone', 'is not an IANA time zone');
  if (
    f.registrationOpensAt !== null &&
    f.registrationClosesAt !== null &&
    Date.parse(f.registrationClosesAt) <= Date.parse(f.registrationOpensAt)
  ) {
    throw validationFailed('/body/registrationClosesAt', 'must be after registrationOpensAt');
  }
  if (f.coverFileId !== null && !(await files.findOwn(db, accountId, f.coverFileId))) {
    throw validationFailed('/body/coverFileId', 'is not a file of this account');
  }
}

/** A public event's cover is readable by anyone, as the event is (kernel file shares). */
async function shareCover(
  db: DatabaseTransactionConnection,
  event: { id: string; coverFileId: string | null },
) {
  if (event.coverFileId) {
    await shareFile(db, { fileId: event.coverFileId, readerId: null, reason: `nex.event_cover:${event.id}` });
  }
}

export async function createEvent(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  request: CreateRequest,
) {
  if (!(await findCreatorOf(db, accountId))) throw joinFirst();
  const fields: EventFields = {
    title: request.title,
    description: request.description ?? '',
    eventType: request.eventType,
    venue: request.venue ?? null,
    onlineUrl: request.onlineUrl ?? null,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    timezone: request.timezone,
    capacity: request.capacity ?? null,
    coverFileId: request.coverFileId ?? null,
    registrationOpensAt: request.registrationOpensAt ?? null,
    registrationClosesAt: request.registrationClosesAt ?? null,
  };
  await checkFields(db, files, accountId, fields);
  return getEvent(db, await insertEvent(db, accountId, fields, request.isFree ?? true));
}

export async function getEvent(db: DatabaseTransactionConnection, id: string) {
  const event = await findEvent(db, id);
  if (!event) throw noEvent();
  return event;
}

export async function changeEvent(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  id: string,
  changes: UpdateRequest,
) {
  const stored = await lockOwnEvent(db, accountId, id);
  if (!stored) throw noEvent();
  if (stored.status === 'completed' || stored.status === 'canceled') {
    throw new DomainError('conflict', `The event is ${stored.status}: it no longer changes.`);
  }
  const fields: EventFields = {
    title: changes.title ?? stored.title,
    description: changes.description ?? stored.description,
    eventType: changes.eventType ?? stored.eventType,
    venue: changes.venue !== undefined ? changes.venue : stored.venue,
    onlineUrl: changes.onlineUrl !== undefined ? changes.onlineUrl : stored.onlineUrl,
    startsAt: changes.startsAt ?? stored.startsAt,
    endsAt: changes.endsAt ?? stored.endsAt,
    timezone: changes.timezone ?? stored.timezone,
    capacity: changes.capacity !== undefined ? changes.capacity : stored.capacity,
    coverFileId: changes.coverFileId !== undefined ? changes.coverFileId : stored.coverFileId,
    registrationOpensAt:
      changes.registrationOpensAt !== undefined ? changes.registrationOpensAt : stored.registrationOpensAt,
    registrationClosesAt:
      changes.registrationClosesAt !== undefined ? changes.registrationClosesAt : stored.registrationClosesAt,
  };
  if (changes.coverFileId !== undefined && changes.coverFileId !== stored.coverFileId) {
    await checkFields(db, files, accountId, fields);
  } else {
    await checkFields(db, files, accountId, { ...fields, coverFileId: null });
  }
  if (fields.capacity !== null && fields.capacity < stored.taken) {
    throw new DomainError(
      'conflict',
      `${stored.taken} tickets are held or sold: the capacity cannot go below that.`,
    );
  }
  if (!(await updateEvent(db, accountId, id, fields))) throw noEvent();
  const event = await getEvent(db, id);
  if (event.status !== 'draft') await shareCover(db, event);
  return event;
}

export async function removeEvent(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (await deleteDraftEvent(db, accountId, id)) return;
  const event = await lockOwnEvent(db, accountId, id);
  if (!event) throw noEvent();
  throw new DomainError(
    'conflict',
    `The event is ${event.status}: only a draft is deleted (cancel it instead).`,
  );
}

/**
 * A status move. Cancelling releases what is held and refunds what is paid: `onCancel` does that
 * (purchases), in the same transaction, after the event has left the states that sell.
 */
export async function moveOwnEvent(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  move: EventMove,
  onCancel?: (eventId: string) => Promise<void>,
) {
  if (await moveEvent(db, accountId, id, move)) {
    const event = await getEvent(db, id);
    if (move === 'publish') await shareCover(db, event);
    if (move === 'cancel' && onCancel) await onCancel(id);
    return getEvent(db, id);
  }
  const event = await lockOwnEvent(db, accountId, id);
  if (!event) throw noEvent();
  if (move === 'complete' && event.status === 'published') {
    throw new DomainError('conflict', 'The event has not ended yet: it completes after endsAt.');
  }
  throw new DomainError('conflict', `The event is ${event.status}: it cannot ${move} from there.`);
}

export async function listPublicEvents(
  db: DatabaseTransactionConnection,
  query: {
    organizer?: string;
    status?: Static<typeof nex.live.events.EventStatus>;
    limit?: number;
    cursor?: string;
  },
) {
  let organizerId: string | null = null;
  if (query.organizer !== undefined) {
    organizerId = await findCreatorAccount(db, query.organizer);
    if (!organizerId) return { data: [], nextCursor: null };
  }
  const status = query.status ?? null;
  return paginate(`nex-events-${status ?? 'public'}-${organizerId ?? 'all'}`, query, (after, take) =>
    listEvents(db, { organizerId, status }, after, take),
  );
}

// --- Ticket types --------------------------------------------------------------------------

type CreateTicketTypeRequest = Static<typeof nex.live.events.CreateTicketTypeRequest>;
type UpdateTicketTypeRequest = Static<typeof nex.live.events.UpdateTicketTypeRequest>;

function checkSaleWindow(start: string | null, end: string | null) {
  if (start !== null && end !== null && Date.parse(end) <= Date.parse(start)) {
    throw validationFailed('/body/saleEndsAt', 'must be after saleStartsAt');
  }
}

export async function addTicketType(
  db: DatabaseTransactionConnection,
  accountId: string,
  eventId: string,
  request: CreateTicketTypeRequest,
) {
  const event = await lockOwnEvent(db, accountId, eventId);
  if (!event) throw noEvent();
  if (event.status !== 'draft' && event.status !== 'published') {
    throw new DomainError('conflict', `The event is ${event.status}: no new ticket types.`);
  }
  if (event.isFree !== (request.priceAmount === 0)) {
    throw validationFailed(
      '/body/priceAmount',
      event.isFree ? 'must be 0 for a free event' : 'must be more than 0 for a paid event',
    );
  }
  const saleStartsAt = request.saleStartsAt ?? null;
  const saleEndsAt = request.saleEndsAt ?? null;
  checkSaleWindow(saleStartsAt, saleEndsAt);
  // The event's row lock (above) serialises concurrent additions, so the cap is exact.
  if ((await countTicketTypes(db, eventId)) >= MAX_TICKET_TYPES) {
    throw new DomainError('conflict', `An event has at most ${MAX_TICKET_TYPES} ticket types.`);
  }
  const id = await insertTicketType(db, accountId, eventId, {
    name: request.name,
    description: request.description ?? '',
    priceAmount: request.priceAmount,
    currency: request.currency ?? 'JPY',
    quantity: request.quantity,
    saleStartsAt,
    saleEndsAt,
    isActive: request.isActive ?? true,
  });
  return getTicketType(db, id);
}

async function getTicketType(db: DatabaseTransactionConnection, id: string) {
  const type = await findTicketType(db, id);
  if (!type) throw notFound('ticket type');
  return type;
}

export async function eventTicketTypes(db: DatabaseTransactionConnection, eventId: string) {
  await getEvent(db, eventId);
  return { data: [...(await listTicketTypes(db, eventId))] };
}

export async function changeTicketType(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  changes: UpdateTicketTypeRequest,
) {
  const stored = await findTicketType(db, id);
  const event = stored && (await lockOwnEvent(db, accountId, stored.eventId));
  if (!stored || !event) throw notFound('ticket type');
  const next = {
    name: changes.name ?? stored.name,
    description: changes.description ?? stored.description,
    quantity: changes.quantity ?? stored.quantity,
    saleStartsAt: changes.saleStartsAt !== undefined ? changes.saleStartsAt : stored.saleStartsAt,
    saleEndsAt: changes.saleEndsAt !== undefined ? changes.saleEndsAt : stored.saleEndsAt,
    isActive: changes.isActive ?? stored.isActive,
  };
  checkSaleWindow(next.saleStartsAt, next.saleEndsAt);
  if (await updateTicketType(db, accountId, id, next)) return getTicketType(db, id);
  if (event.status !== 'draft' && event.status !== 'published') {
    throw new DomainError('conflict', `The event is ${event.status}: its ticket types no longer change.`);
  }
  throw new DomainError('conflict', 'The quantity cannot go below the tickets held and sold.');
}
