/**
 * `/v1/billing`: the Stripe webhook. Encapsulated (fastify-plugin's
 * `encapsulate: true`) so that its JSON parser, which keeps the raw bytes the
 * signature covers, applies to this plugin's routes only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type BillingOptions, billingRoutes } from './routes.ts';

async function billingPlugin(app: FastifyInstance, options: BillingOptions) {
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });
  billingRoutes(app, options, (request) => {
    const raw = rawBodies.get(request);
    if (!raw)
      throw new Error('The raw body was not kept: the webhook route must be registered in this plugin.');
    return raw;
  });
}

export default fp(billingPlugin, { name: 'billing', dependencies: ['operations'], encapsulate: true });
