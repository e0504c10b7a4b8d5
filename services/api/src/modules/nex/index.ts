/** `/v1/nex/...`: Eldonia-Nex, the creator community (docs/products/nex.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import commerce, { type CommerceOptions } from './commerce/index.ts';
import { paymentScopes, ticketPayments } from './live/payments.ts';
import { liveRoutes } from './live/routes.ts';
import { nexRoutes } from './routes.ts';

export type NexOptions = CommerceOptions;

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
  },
  {
    name: 'nex',
    dependencies: ['operations', 'files'],
  },
);
