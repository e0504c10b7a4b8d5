import type { FastifyRequest } from 'fastify';

/**
 * The document as served to one request: its only server is the origin the request came to,
 * so "Try it out" calls the server that served the page, whatever host, port or scheme
 * (behind a proxy, Fastify's `trustProxy` decides what `protocol` and `host` say).
 */
export function forRequest<D extends { servers: readonly unknown[] }>(
  document: D,
  request: FastifyRequest,
): D {
  return {
    ...document,
    servers: [{ url: `${request.protocol}://${request.host}`, description: 'This server' }],
  };
}
