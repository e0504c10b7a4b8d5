/**
 * Miyabi's LINE bot, realtime stream and event store (docs/products/miyabi.md, LINE, realtime and
 * the event store). Other parts of Miyabi record events through the composition root's event
 * store (`engines.miyabiEventStore.append`).
 */
import type { FastifyInstance } from 'fastify';
import type { Engines } from '../../../composition.ts';
import { eventRoutes, realtimeRoutes } from './routes.ts';

/** For other parts of Miyabi: tell an account's realtime streams about a change. */
export { notify, type RealtimeMessage } from './realtime.ts';

export interface MiyabiEventsOptions {
  engines: Engines;
}

export async function miyabiEvents(app: FastifyInstance, { engines }: MiyabiEventsOptions) {
  // The realtime stream's route comes first: `/v1/miyabi/events/stream` is a path of its own.
  realtimeRoutes(app, { clock: engines.clock });
  eventRoutes(app, { store: engines.miyabiEventStore });
}
