/**
 * Miyabi's LINE bot, realtime stream and event store (docs/products/miyabi.md, LINE, realtime and
 * the event store). Other parts of Miyabi record events through the composition root's event
 * store (`engines.miyabiEventStore.append`).
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.ts';
import { keepRawJsonBodies } from '../../../http/raw-json-body.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { lineLinkRoutes, lineWebhookRoutes } from './line/routes.ts';
import { eventRoutes, realtimeRoutes } from './routes.ts';
import type { EventStore } from './store.ts';

/** For other parts of Miyabi: tell an account's realtime streams about a change. */
export { notify, type RealtimeMessage } from './realtime.ts';

/** The composition root's engines this part uses (docs/architecture.md, Composition root). */
export interface MiyabiEventsEngines {
  clock: Clock;
  miyabiEventStore: EventStore;
}

export interface MiyabiEventsOptions {
  engines: MiyabiEventsEngines;
  config: Config;
}

export async function miyabiEvents(app: FastifyInstance, { engines, config }: MiyabiEventsOptions) {
  // The realtime stream's route comes first: `/v1/miyabi/events/stream` is a path of its own.
  realtimeRoutes(app, { clock: engines.clock });
  eventRoutes(app, { store: engines.miyabiEventStore });
  lineLinkRoutes(app, { clock: engines.clock });
  // Encapsulated: its JSON parser keeps the raw bytes LINE signs, for this route only.
  await app.register(async (webhook) => {
    lineWebhookRoutes(webhook, {
      channelSecret: config.line.channelSecret,
      store: engines.miyabiEventStore,
      clock: engines.clock,
      sealer: app.sealer,
      rawBody: keepRawJsonBodies(webhook),
    });
  });
}
