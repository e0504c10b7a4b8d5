/**
 * Request ids: the client's `X-Request-Id` when it is well-formed, else a new
 * one; echoed on every response and bound to every log line (pino `reqId`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const offered = request.headers['x-request-id'];
  if (typeof offered === 'string' && CLIENT_REQUEST_ID.test(offered)) return offered;
  return `req_${randomBytes(12).toString('hex')}`;
}

async function requestIdPlugin(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
}

export default fp(requestIdPlugin, { name: 'request-id' });
