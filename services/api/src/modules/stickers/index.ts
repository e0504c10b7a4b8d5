/** `/v1/stickers/...`: the Bikkuriman-style sticker generator (issue 5, seed 003). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type StickersOptions, stickersRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance, options: StickersOptions) => stickersRoutes(app, options), {
  name: 'stickers',
  dependencies: ['operations'],
});
