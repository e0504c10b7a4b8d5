/** nex's live half (docs/products/nex.md): events, tickets and referrals, registered from nex's plugin. */
import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../../kernel/clock.ts';
import { sendEventStream } from '../../../kernel/jobs/index.ts';
import type { PaymentScope } from '../commerce/index.ts';
import {
  addTicketType,
  changeEvent,
  changeTicketType,
  createEvent,
  eventTicketTypes,
  getEvent,
  listPublicEvents,
  moveOwnEvent,
  removeEvent,
} from './events.ts';
import { isOver, streamFeed } from './feed.ts';
import { receiveIngestEvent } from './ingest.ts';
import {
  changeReferral,
  createReferral,
  deviceType,
  followReferral,
  getOwnReferral,
  listCodeConversions,
  listReferrals,
  referralQr,
  visitorIp,
} from './referrals.ts';
import {
  changeStream,
  donate,
  getStream,
  listStreamDonations,
  listStreamsPage,
  moveOwnStream,
  rotateStreamKey,
  scheduleStream,
} from './streams.ts';
import {
  checkIn,
  getOwnOrder,
  listTickets,
  orderTickets,
  type Scope,
  settleCanceledEvent,
  type TicketPayments,
  ticketQr,
} from './tickets.ts';

export interface LiveOptions {
  /** The money side of paid tickets (nex's payments and ledger). */
  ticketPayments: TicketPayments;
  /** A request's scope with what payments need (donations). */
  paymentScope: (scope: Scope) => PaymentScope;
}

export interface IngestOptions {
  /** NEX_INGEST_SECRET; null: the ingest webhook answers 503. */
  secret: string | null;
  clock: Clock;
}

/** The media server's webhook, in a plugin of its own whose JSON parser keeps the raw bodies. */
export function ingestRoutes(
  app: FastifyInstance,
  options: IngestOptions,
  rawBody: (request: FastifyRequest) => Buffer,
) {
  app.operation(operations['nex.streams.ingestEvents.create'], (context) =>
    receiveIngestEvent(context, {
      secret: options.secret,
      rawBody: rawBody(context.request),
      signature: context.headers['nex-ingest-signature'],
      event: context.body,
      nowMs: options.clock(),
    }),
  );
}

export function liveRoutes(app: FastifyInstance, options: LiveOptions) {
  const payments = options.ticketPayments;
  app.operation(operations['nex.events.create'], ({ db, principal, body }) =>
    createEvent(db, app.files, principal.accountId, body),
  );
  app.operation(operations['nex.events.list'], ({ db, query }) => listPublicEvents(db, query));
  app.operation(operations['nex.events.get'], ({ db, params }) => getEvent(db, params.id));
  app.operation(operations['nex.events.update'], ({ db, principal, params, body }) =>
    changeEvent(db, app.files, principal.accountId, params.id, body),
  );
  app.operation(operations['nex.events.delete'], ({ db, principal, params }) =>
    removeEvent(db, principal.accountId, params.id),
  );
  for (const move of ['publish', 'complete', 'cancel'] as const) {
    app.operation(operations[`nex.events.${move}`], ({ db, principal, params, withAccount, request }) =>
      moveOwnEvent(db, principal.accountId, params.id, move, (eventId) =>
        settleCanceledEvent({ db, withAccount, log: request.log }, payments, eventId),
      ),
    );
  }
  app.operation(operations['nex.ticketOrders.create'], ({ db, principal, body, withAccount, request }) =>
    orderTickets(
      { db, withAccount, log: request.log },
      { sealer: app.sealer, payments },
      principal.accountId,
      body,
    ),
  );
  app.operation(operations['nex.ticketOrders.get'], ({ db, principal, params }) =>
    getOwnOrder(db, payments, principal.accountId, params.id),
  );
  app.operation(operations['nex.tickets.list'], ({ db, principal, query }) =>
    listTickets(db, principal.accountId, query),
  );
  app.operation(operations['nex.tickets.qr'], async ({ db, principal, params, query }) => {
    const image = await ticketQr(db, principal.accountId, params.id, query.format ?? 'svg');
    return (reply) =>
      reply.type(image.contentType).header('cache-control', 'private, no-store').send(image.bytes);
  });
  app.operation(operations['nex.tickets.checkIn'], ({ db, principal, params, body }) =>
    checkIn(db, app.sealer, principal.accountId, params.id, body.code),
  );
  app.operation(operations['nex.ticketTypes.create'], ({ db, principal, params, body }) =>
    addTicketType(db, principal.accountId, params.id, body),
  );
  app.operation(operations['nex.ticketTypes.list'], ({ db, params }) => eventTicketTypes(db, params.id));
  app.operation(operations['nex.ticketTypes.update'], ({ db, principal, params, body }) =>
    changeTicketType(db, principal.accountId, params.id, body),
  );

  app.operation(operations['nex.streams.create'], ({ db, principal, body }) =>
    scheduleStream(db, principal.accountId, body),
  );
  app.operation(operations['nex.streams.list'], ({ db, query }) => listStreamsPage(db, query));
  app.operation(operations['nex.streams.get'], ({ db, params }) => getStream(db, params.id));
  app.operation(operations['nex.streams.update'], ({ db, principal, params, body }) =>
    changeStream(db, app.files, principal.accountId, params.id, body),
  );
  for (const move of ['start', 'end', 'cancel'] as const) {
    app.operation(operations[`nex.streams.${move}`], ({ db, principal, params }) =>
      moveOwnStream(db, principal.accountId, params.id, move),
    );
  }
  app.operation(operations['nex.streams.events'], async ({ db, principal, params, headers }) => {
    const stream = await getStream(db, params.id);
    return (reply) =>
      sendEventStream(reply, (signal) =>
        streamFeed({
          pool: app.db,
          hub: app.jobEvents,
          accountId: principal?.accountId ?? '',
          streamId: stream.id,
          afterSeq: headers['last-event-id'] ?? 0,
          follow: !isOver(stream.status),
          signal,
        }),
      );
  });
  app.operation(operations['nex.streams.key.rotate'], ({ db, principal, params }) =>
    rotateStreamKey(db, principal.accountId, params.id),
  );
  app.operation(
    operations['nex.streams.donations.create'],
    ({ db, principal, params, body, withAccount, request }) =>
      donate(
        options.paymentScope({ db, withAccount, log: request.log }),
        principal.accountId,
        params.id,
        body,
      ),
  );
  app.operation(operations['nex.streams.donations.list'], ({ db, params, query }) =>
    listStreamDonations(db, params.id, query),
  );

  app.operation(operations['nex.referrals.create'], ({ db, principal, body }) =>
    createReferral(db, principal.accountId, body),
  );
  app.operation(operations['nex.referrals.list'], ({ db, principal, query }) =>
    listReferrals(db, principal.accountId, query),
  );
  app.operation(operations['nex.referrals.get'], ({ db, principal, params }) =>
    getOwnReferral(db, principal.accountId, params.code),
  );
  app.operation(operations['nex.referrals.conversions.list'], ({ db, principal, params, query }) =>
    listCodeConversions(db, principal.accountId, params.code, query),
  );
  app.operation(operations['nex.referrals.update'], ({ db, principal, params, body }) =>
    changeReferral(db, principal.accountId, params.code, body),
  );
  app.operation(operations['nex.referrals.qr'], async ({ db, params, query, request }) => {
    const image = await referralQr(
      db,
      params.code,
      `${request.protocol}://${request.host}`,
      query.format ?? 'svg',
    );
    return (reply) =>
      reply.type(image.contentType).header('cache-control', 'public, max-age=300').send(image.bytes);
  });
  app.operation(operations['nex.referrals.visit'], async ({ db, params, query, request }) => {
    const userAgent = request.headers['user-agent'] ?? '';
    const origin = `${request.protocol}://${request.host}`;
    const location = await followReferral(db, params.code, origin, {
      source: query.src === 'qr' ? 'scan' : 'click',
      userAgent: userAgent.slice(0, 500),
      referer: (request.headers.referer ?? '').slice(0, 500),
      deviceType: deviceType(userAgent.slice(0, 500)),
      ip: visitorIp(request.ip),
    });
    // Every visit must reach the server to be counted: nothing may cache the redirect.
    return (reply) => reply.header('cache-control', 'no-store').header('location', location).send();
  });
}
