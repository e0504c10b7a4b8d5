/** `/v1/miyabi/...`: Miyabi, the plugin marketplace and agent platform (docs/products/miyabi.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type AgentsOptions, agents } from './agents/index.ts';
import { type MiyabiEventsOptions, miyabiEvents } from './events/index.ts';
import { type IdentitiesOptions, identityRoutes } from './identities/index.ts';
import { type MarketOptions, marketRoutes } from './market/index.ts';

/** What the composition root hands each part of Miyabi (app.ts): one field per part. */
export interface MiyabiOptions {
  market: MarketOptions;
  events: MiyabiEventsOptions;
  agents: AgentsOptions;
  identities: IdentitiesOptions;
}

export default fp(
  async (app: FastifyInstance, options: MiyabiOptions) => {
    // lane: miyabi-market registers its routes here.
    marketRoutes(app, options.market);
    // lane: miyabi-agents registers its routes here.
    await app.register(agents, options.agents);
    // lane: miyabi-events registers its routes here.
    await miyabiEvents(app, options.events);
    // Connected accounts (GitHub, LINE).
    await identityRoutes(app, options.identities);
  },
  { name: 'miyabi', dependencies: ['operations', 'files'] },
);
