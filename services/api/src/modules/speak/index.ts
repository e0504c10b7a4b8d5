/** `/v1/speak/...`: WorldSpeakAI, conversations with a voiced AI partner (docs/products/speak.md). */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type SpeakOptions, speakRoutes } from './routes.ts';

export default fp(async (app: FastifyInstance, options: SpeakOptions) => speakRoutes(app, options), {
  name: 'speak',
  dependencies: ['operations', 'jobs', 'files'],
});
