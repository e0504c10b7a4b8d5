/**
 * Keeps the raw bytes of JSON bodies for a webhook whose signature covers them (Stripe signs
 * `<t>.<raw body>`): replaces the JSON parser of the calling plugin, which must be encapsulated
 * (fastify-plugin's `encapsulate: true`) so the parser applies to its own routes only.
 * Returns the accessor a route calls with its request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export function keepRawJsonBodies(app: FastifyInstance): (request: FastifyRequest) => Buffer {
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request, body as Buffer);
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });
  return (request) => {
    const raw = rawBodies.get(request);
    if (!raw)
      throw new Error('The raw body was not kept: the webhook route must be registered in this plugin.');
    return raw;
  };
}
