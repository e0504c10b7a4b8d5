/** `/v1/nex/...`: Eldonia-Nex, the creator community (docs/products/nex.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { keepRawJsonBodies } from '../../http/raw-json-body.ts';
import commerce, { type CommerceOptions } from './commerce/index.ts';
import { paymentScopes, ticketPayments } from './live/payments.ts';
import { ingestRoutes, liveRoutes } from './live/routes.ts';
import { nexRoutes } from './routes.ts';

export interface NexOptions extends CommerceOptions {
  /** NEX_INGEST_SECRET, the media server's signing secret; null: stream ingest answers 503. */
  ingestSecret: string | null;
}

export default fp(
  async (app: FastifyInstance, options: NexOptions) => {
    nexRoutes(app);
    const paymentScope = paymentScopes({
      provider: options.payments,
      clock: options.clock,
      sealer: app.sealer,
    });
    liveRoutes(app, { ticketPayments: ticketPayments(paymentScope), paymentScope });
    await app.register(commerce, options);
    // A plain plugin is encapsulated: the raw-body JSON parser stays with the ingest route.
    await app.register(async (ingest) =>
      ingestRoutes(ingest, { secret: options.ingestSecret, clock: options.clock }, keepRawJsonBodies(ingest)),
    );
  },
  {
    name: 'nex',
    dependencies: ['operations', 'files'],
  },
);
