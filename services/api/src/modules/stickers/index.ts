/** `/v1/stickers/...`: the Bikkuriman-style sticker generator (docs/products/stickers.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type StickersOptions, stickersRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance, options: StickersOptions) => stickersRoutes(app, options), {
  name: 'stickers',
  dependencies: ['operations'],
});
