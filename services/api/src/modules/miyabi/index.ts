/** `/v1/miyabi/...`: Miyabi, the plugin marketplace and agent platform (docs/products/miyabi.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async (_app: FastifyInstance) => {
    // lane: miyabi-market registers its routes here.
    // lane: miyabi-agents registers its routes here.
    // lane: miyabi-events registers its routes here.
  },
  { name: 'miyabi', dependencies: ['operations', 'files'] },
);
