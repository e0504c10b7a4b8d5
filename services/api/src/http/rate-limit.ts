/**
 * Rate limiting with @fastify/rate-limit: per credential when one is sent,
 * else per IP; in Redis when REDIS_URL is set so every API process shares the
 * counts. Headers follow the IETF RateLimit draft plus Retry-After.
 */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { DomainError } from '../kernel/errors.ts';

export interface RateLimitOptions {
  perMinute: number;
  redis?: Redis;
}

function clientKey(request: FastifyRequest): string {
  const credential = request.headers.authorization;
  if (credential) return `cred:${createHash('sha256').update(credential).digest('base64url').slice(0, 22)}`;
  return `ip:${request.ip}`;
}

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: '1 minute',
    keyGenerator: clientKey,
    enableDraftSpec: true,
    ...(options.redis ? { redis: options.redis, nameSpace: 'yorozu-rate-limit:' } : {}),
    // Thrown, then shaped by the one error handler like every other problem.
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['errors'] });
