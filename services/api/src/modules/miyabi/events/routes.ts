/** `/v1/miyabi/events…`: the event store's read API and the realtime stream. */
import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { sendEventStream } from '../../../kernel/jobs/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { realtimeStream, resumePoint } from './realtime.ts';
import type { EventStore } from './store.ts';

export interface EventRoutesOptions {
  store: EventStore;
  clock: () => number;
}

export function eventRoutes(app: FastifyInstance, { store }: Pick<EventRoutesOptions, 'store'>) {
  app.operation(operations['miyabi.events.list'], ({ db, principal, query }) =>
    // The cursor names the filters it was made under, so it cannot continue another list.
    paginate(`miyabi.events:${query.repositoryId ?? ''}:${query.type ?? ''}`, query, (after, take) =>
      store.list(db, {
        accountId: principal.accountId,
        repositoryId: query.repositoryId,
        type: query.type,
        after,
        take,
      }),
    ),
  );
}

export function realtimeRoutes(app: FastifyInstance, { clock }: Pick<EventRoutesOptions, 'clock'>) {
  app.operation(operations['miyabi.events.stream'], async ({ db, principal, query, headers }) => {
    const afterSeq = await resumePoint(db, principal.accountId, headers['last-event-id']);
    // Runs after the request's transaction has committed; the stream reads in transactions of its own.
    return (reply) =>
      sendEventStream(reply, (signal) =>
        realtimeStream({
          pool: app.db,
          hub: app.jobEvents,
          accountId: principal.accountId,
          afterSeq,
          follow: query.follow !== 'false',
          clock,
          signal,
        }),
      );
  });
}
