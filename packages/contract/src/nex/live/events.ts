/**
 * Events and ticket types (docs/products/nex.md, Events and tickets): an organizer's draft until
 * published, then public; draft → published → completed or canceled, any other move 409.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { Username } from '../creators.ts';

export const EventStatus = StringEnum(['draft', 'published', 'completed', 'canceled'], {
  description:
    '`draft`: only its organizer sees it; `published`: public and on sale; `completed`: over; `canceled`: called off (paid tickets refunded).',
});
export const EventType = StringEnum(['online', 'offline', 'hybrid'], {
  description: '`online`, `offline` (at `venue`) or `hybrid` (both).',
});

const Title = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^\\S(.*\\S)?$',
  description: 'The title, 1 to 255 characters on one line.',
});
const Description = Type.String({
  maxLength: 5000,
  description: 'What the event is, up to 5000 characters.',
});
const Venue = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '\\S',
  description: 'Where it takes place; required unless the event is `online`.',
});
const OnlineUrl = Type.String({
  minLength: 9,
  maxLength: 2000,
  pattern: '^https://[^\\s]+$',
  description: 'Where to watch or join an online or hybrid event (`https://` only).',
});
const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_+/-]+$',
  description: 'The IANA time zone the event is announced in (`Asia/Tokyo`); times are stored in UTC.',
  examples: ['Asia/Tokyo'],
});
const Capacity = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description:
    'The most tickets held or sold across all ticket types; null for no limit beyond their quantities.',
});
const PriceAmount = Type.Integer({
  minimum: 0,
  maximum: 100_000_000,
  description: 'The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free.',
});
const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code.',
  examples: ['JPY'],
});
const nullable = <T extends Type.TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

const eventExample = {
  id: '3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c',
  organizerUsername: 'yuki_draws',
  title: '夕焼け水彩ワークショップ',
  description: '水彩で夕焼けを描く2時間のワークショップです。',
  eventType: 'hybrid' as const,
  venue: '東京都渋谷区 ギャラリー青',
  onlineUrl: 'https://live.example.com/yuki',
  startsAt: '2026-12-20T05:00:00.000Z',
  endsAt: '2026-12-20T07:00:00.000Z',
  timezone: 'Asia/Tokyo',
  capacity: 40,
  taken: 12,
  isFree: false,
  coverFileId: '9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32',
  status: 'published' as const,
  registrationOpensAt: '2026-12-01T00:00:00.000Z',
  registrationClosesAt: '2026-12-19T15:00:00.000Z',
  publishedAt: '2026-11-30T09:00:00.000Z',
  canceledAt: null,
  createdAt: '2026-11-30T08:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Event = named(
  'NexEvent',
  Type.Object({
    id: Id("The event's id."),
    organizerUsername: Username,
    title: Title,
    description: Description,
    eventType: EventType,
    venue: nullable(Venue, 'Where it takes place; null for an online event.'),
    onlineUrl: nullable(OnlineUrl, 'Where to join online; null when not given.'),
    startsAt: Timestamp,
    endsAt: { ...Timestamp, description: 'When it ends, after `startsAt` (RFC 3339, UTC).' },
    timezone: TimeZone,
    capacity: nullable(Capacity, 'The most tickets across all ticket types; null for no overall limit.'),
    taken: Type.Integer({
      minimum: 0,
      description: 'Tickets held for a pending payment or sold, across all types.',
    }),
    isFree: Type.Boolean({ description: 'A free event: every ticket type costs 0.' }),
    coverFileId: nullable(
      Id('The cover image (a kernel file).'),
      'The cover image; null when none (or deleted).',
    ),
    status: EventStatus,
    registrationOpensAt: nullable(Timestamp, 'Tickets sell from then; null: from publication.'),
    registrationClosesAt: nullable(Timestamp, 'Tickets sell until then; null: until the event starts.'),
    publishedAt: nullable(Timestamp, 'When it was published; null for a draft.'),
    canceledAt: nullable(Timestamp, 'When it was canceled; null otherwise.'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'An event. Drafts are visible to their organizer only.', example: eventExample },
);
export const EventList = Page('NexEventList', Event, eventExample);

const eventFields = {
  title: Title,
  description: Type.Optional(Description),
  eventType: EventType,
  venue: Type.Optional(Venue),
  onlineUrl: Type.Optional(OnlineUrl),
  startsAt: Type.String({ format: 'date-time', description: 'When it starts (RFC 3339).' }),
  endsAt: Type.String({
    format: 'date-time',
    description: 'When it ends: after `startsAt` (400 otherwise).',
  }),
  timezone: TimeZone,
  capacity: Type.Optional(Capacity),
  isFree: Type.Optional(
    Type.Boolean({ description: 'A free event (default true): its ticket types must cost 0.' }),
  ),
  coverFileId: Type.Optional(Id('A file of the caller, shown as the cover (public once the event is).')),
  registrationOpensAt: Type.Optional(Type.String({ format: 'date-time', description: 'Sales open then.' })),
  registrationClosesAt: Type.Optional(
    Type.String({ format: 'date-time', description: 'Sales close then; after `registrationOpensAt`.' }),
  ),
};

export const CreateEventRequest = named(
  'NexCreateEventRequest',
  Type.Object(eventFields, { additionalProperties: false }),
  {
    description: 'A new event, created as a draft.',
    example: {
      title: eventExample.title,
      description: eventExample.description,
      eventType: 'hybrid',
      venue: eventExample.venue,
      onlineUrl: eventExample.onlineUrl,
      startsAt: eventExample.startsAt,
      endsAt: eventExample.endsAt,
      timezone: 'Asia/Tokyo',
      capacity: 40,
      isFree: false,
    },
  },
);

export const UpdateEventRequest = named(
  'NexUpdateEventRequest',
  Type.Object(
    {
      title: Type.Optional(Title),
      description: Type.Optional(Description),
      eventType: Type.Optional(EventType),
      venue: Type.Optional(nullable(Venue, 'The venue; null removes it (online events only).')),
      onlineUrl: Type.Optional(nullable(OnlineUrl, 'The online URL; null removes it.')),
      startsAt: Type.Optional(eventFields.startsAt),
      endsAt: Type.Optional(eventFields.endsAt),
      timezone: Type.Optional(TimeZone),
      capacity: Type.Optional(nullable(Capacity, 'The capacity; null removes the limit.')),
      coverFileId: Type.Optional(nullable(Id('A file of the caller.'), 'The cover; null removes it.')),
      registrationOpensAt: Type.Optional(nullable(Timestamp, 'Sales open then; null: from publication.')),
      registrationClosesAt: Type.Optional(nullable(Timestamp, 'Sales close then; null: at the start.')),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'Changes to a draft or published event; `isFree` is fixed at creation.',
    example: { title: '夕焼け水彩ワークショップ（増席）', capacity: 60 },
  },
);

const EventParams = IdParams('event', eventExample.id);

export const create = defineOperation({
  operationId: 'nex.events.create',
  method: 'POST',
  path: '/v1/nex/events',
  tag: 'nex',
  summary: 'Create an event (a draft)',
  description:
    'The caller must have joined nex (409). `endsAt` after `startsAt`, a venue unless online, a known time zone and a cover file of the caller (400 otherwise).',
  auth: { scope: 'nex:write' },
  body: CreateEventRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The draft.', schema: Event },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.events.list',
  method: 'GET',
  path: '/v1/nex/events',
  tag: 'nex',
  summary: 'List events, newest first',
  description:
    'Anyone may call this: public events (published, completed, canceled). `status=draft` lists only the caller’s own drafts.',
  auth: { scope: 'nex:read', optional: true },
  query: PageQuery({
    organizer: Type.Optional({ ...Username, description: 'Only this organizer’s events.' }),
    status: Type.Optional(
      StringEnum(['draft', 'published', 'completed', 'canceled'], {
        description: 'Only events in this status; `draft` lists the caller’s own drafts.',
        examples: ['published'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of events.', schema: EventList },
});

export const get = defineOperation({
  operationId: 'nex.events.get',
  method: 'GET',
  path: '/v1/nex/events/{id}',
  tag: 'nex',
  summary: 'Get an event',
  description: 'Anyone may read a public event; a draft is 404 to all but its organizer.',
  auth: { scope: 'nex:read', optional: true },
  params: EventParams,
  success: { status: 200, description: 'The event.', schema: Event },
});

export const update = defineOperation({
  operationId: 'nex.events.update',
  method: 'PATCH',
  path: '/v1/nex/events/{id}',
  tag: 'nex',
  summary: 'Change an event',
  description:
    'Only the organizer (404 for anyone else). A completed or canceled event no longer changes (409); the result must still end after it starts (400).',
  auth: { scope: 'nex:write' },
  params: EventParams,
  body: UpdateEventRequest,
  audited: true,
  success: { status: 200, description: 'The event.', schema: Event },
  errors: [409],
});

export const remove = defineOperation({
  operationId: 'nex.events.delete',
  method: 'DELETE',
  path: '/v1/nex/events/{id}',
  tag: 'nex',
  summary: 'Delete a draft event',
  description: 'Only a draft, by its organizer; a published event is canceled instead (409).',
  auth: { scope: 'nex:write' },
  params: EventParams,
  audited: true,
  success: { status: 204, description: 'Deleted.' },
  errors: [409],
});

function transition(action: 'publish' | 'complete' | 'cancel', summary: string, description: string) {
  return defineOperation({
    operationId: `nex.events.${action}`,
    method: 'POST',
    path: `/v1/nex/events/{id}/${action}`,
    tag: 'nex',
    summary,
    description: `${description} Only the organizer (404 for anyone else); any other move is 409.`,
    auth: { scope: 'nex:write' },
    params: EventParams,
    audited: true,
    success: { status: 200, description: 'The event after the move.', schema: Event },
    errors: [409],
  } as const);
}

export const publish = transition(
  'publish',
  'Publish an event',
  'draft → published: public, and on sale within its registration window. The first publication earns `event_created` EXP.',
);
export const complete = transition(
  'complete',
  'Mark an event completed',
  'published → completed, once it has ended (409 before `endsAt`).',
);
export const cancel = transition(
  'cancel',
  'Cancel an event',
  'draft or published → canceled: held tickets are released and every paid ticket is refunded through the payment provider.',
);

// --- Ticket types -------------------------------------------------------------------------

const ticketTypeExample = {
  id: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  eventId: eventExample.id,
  name: '一般',
  description: '画材つき',
  priceAmount: 3000,
  currency: 'JPY',
  quantity: 30,
  held: 2,
  sold: 10,
  available: 18,
  saleStartsAt: null,
  saleEndsAt: null,
  isActive: true,
  createdAt: '2026-11-30T08:10:00.000Z',
  updatedAt: '2026-11-30T08:10:00.000Z',
};

const Quantity = Type.Integer({
  minimum: 1,
  maximum: 1_000_000,
  description: 'How many tickets of this type exist.',
});
const TicketName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^\\S(.*\\S)?$',
  description: 'The name, 1 to 100 characters on one line.',
});
const TicketDescription = Type.String({
  maxLength: 1000,
  description: 'What it includes, up to 1000 characters.',
});

export const TicketType = named(
  'NexTicketType',
  Type.Object({
    id: Id("The ticket type's id."),
    eventId: Id('Its event.'),
    name: TicketName,
    description: TicketDescription,
    priceAmount: PriceAmount,
    currency: Currency,
    quantity: Quantity,
    held: Type.Integer({
      minimum: 0,
      description: 'Reserved by purchases awaiting payment (released if unpaid).',
    }),
    sold: Type.Integer({ minimum: 0, description: 'Paid for (or claimed, when free).' }),
    available: Type.Integer({ minimum: 0, description: '`quantity − held − sold`.' }),
    saleStartsAt: nullable(Timestamp, 'On sale from then; null: with the event’s registration window.'),
    saleEndsAt: nullable(Timestamp, 'On sale until then; null: with the event’s registration window.'),
    isActive: Type.Boolean({ description: 'Inactive types are not sold.' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A kind of ticket for an event, with its inventory.', example: ticketTypeExample },
);
export const TicketTypeList = named(
  'NexTicketTypeList',
  Type.Object({
    data: Type.Array(TicketType, { maxItems: 50, description: 'The event’s ticket types, oldest first.' }),
  }),
  { description: 'An event’s ticket types.', example: { data: [ticketTypeExample] } },
);

export const CreateTicketTypeRequest = named(
  'NexCreateTicketTypeRequest',
  Type.Object(
    {
      name: TicketName,
      description: Type.Optional(TicketDescription),
      priceAmount: PriceAmount,
      currency: Type.Optional(Currency),
      quantity: Quantity,
      saleStartsAt: Type.Optional(Type.String({ format: 'date-time', description: 'On sale from then.' })),
      saleEndsAt: Type.Optional(Type.String({ format: 'date-time', description: 'On sale until then.' })),
      isActive: Type.Optional(Type.Boolean({ description: 'On sale (default true).' })),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new ticket type. A free event’s types cost 0; a paid event’s cost more than 0 (400).',
    example: { name: '一般', description: '画材つき', priceAmount: 3000, currency: 'JPY', quantity: 30 },
  },
);

export const UpdateTicketTypeRequest = named(
  'NexUpdateTicketTypeRequest',
  Type.Object(
    {
      name: Type.Optional(TicketName),
      description: Type.Optional(TicketDescription),
      quantity: Type.Optional({ ...Quantity, description: 'Never below `held + sold` (409).' }),
      saleStartsAt: Type.Optional(nullable(Timestamp, 'On sale from then; null clears it.')),
      saleEndsAt: Type.Optional(nullable(Timestamp, 'On sale until then; null clears it.')),
      isActive: Type.Optional(Type.Boolean({ description: 'On sale or not.' })),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'Changes to a ticket type; its price is fixed once created (buyers hold it).',
    example: { quantity: 40, isActive: true },
  },
);

export const createTicketType = defineOperation({
  operationId: 'nex.ticketTypes.create',
  method: 'POST',
  path: '/v1/nex/events/{id}/ticket-types',
  tag: 'nex',
  summary: 'Add a ticket type to an event',
  description:
    'Only the organizer (404 otherwise), to a draft or published event (409 otherwise); at most 50 types an event (409).',
  auth: { scope: 'nex:write' },
  params: EventParams,
  body: CreateTicketTypeRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The ticket type.', schema: TicketType },
  errors: [409],
});

export const listTicketTypes = defineOperation({
  operationId: 'nex.ticketTypes.list',
  method: 'GET',
  path: '/v1/nex/events/{id}/ticket-types',
  tag: 'nex',
  summary: 'List an event’s ticket types',
  description: 'Wherever the event is visible: anyone for a public event, the organizer for a draft.',
  auth: { scope: 'nex:read', optional: true },
  params: EventParams,
  success: { status: 200, description: 'Its ticket types.', schema: TicketTypeList },
});

export const updateTicketType = defineOperation({
  operationId: 'nex.ticketTypes.update',
  method: 'PATCH',
  path: '/v1/nex/ticket-types/{id}',
  tag: 'nex',
  summary: 'Change a ticket type',
  description:
    'Only the organizer (404 otherwise), while the event is draft or published (409); the quantity never below what is held and sold (409).',
  auth: { scope: 'nex:write' },
  params: IdParams('ticket type', ticketTypeExample.id),
  body: UpdateTicketTypeRequest,
  audited: true,
  success: { status: 200, description: 'The ticket type.', schema: TicketType },
  errors: [409],
});
