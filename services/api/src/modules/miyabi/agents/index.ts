/**
 * Miyabi's repositories, GitHub webhook, agent executions and workflows
 * (docs/products/miyabi.md, Repositories, agents and workflows). Encapsulated (fastify-plugin's
 * `encapsulate: true`) so that its JSON parser, which keeps the raw bytes X-Hub-Signature-256
 * covers, applies to this plugin's routes only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AgentsOptions, agentsRoutes } from './routes.ts';

export type { AgentsOptions };

async function agentsPlugin(app: FastifyInstance, options: AgentsOptions) {
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });
  agentsRoutes(app, options, (request) => {
    const raw = rawBodies.get(request);
    if (!raw)
      throw new Error('The raw body was not kept: the webhook route must be registered in this plugin.');
    return raw;
  });
}

export const agents = fp(agentsPlugin, {
  name: 'miyabi-agents',
  dependencies: ['operations', 'jobs'],
  encapsulate: true,
});
