/**
 * CORS for browser clients of the SDK. Credentials travel in the
 * Authorization header, never in cookies, so any origin may call; what
 * matters is letting the SDK send its headers and read the ones it relies on
 * (request id, retry hints, rate-limit and quota state).
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-None-Match',
  'Last-Event-ID',
  'X-Request-Id',
  'X-Retry-Count',
];
export const CORS_EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Yorozu-Quota-Remaining',
  'Yorozu-Quota-Reset',
  'Idempotent-Replayed',
  'ETag',
];

async function corsPlugin(app: FastifyInstance) {
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600,
  });
}

export default fp(corsPlugin, { name: 'cors' });
