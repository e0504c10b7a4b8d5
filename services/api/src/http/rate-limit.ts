/**
 * Rate limiting with @fastify/rate-limit, in Redis when REDIS_URL is set so
 * every API process shares the counts (docs/security.md, Rate limits).
 * Headers follow the IETF RateLimit draft plus Retry-After.
 *
 * - Every request counts against RATE_LIMIT_PER_MINUTE, keyed by what the
 *   service can recognise without the database: an access token whose
 *   signature verifies (its account), a well-formed API key (its hash), or
 *   else the client's IP. A made-up or malformed header buys no budget of
 *   its own.
 * - `app.authFailures` counts, per IP, credentials the database did not know
 *   (unknown or revoked API keys, tokens of deleted accounts). Past
 *   AUTH_FAILURES_PER_MINUTE, that IP's API keys are refused with 429 before
 *   any database work, so guessing keys costs one query per failure at most
 *   that many times a minute.
 * - `perIpLimit` gives a group of routes one more budget per IP (the auth
 *   endpoints: src/modules/auth/routes.ts).
 */
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { AccessTokens } from '../kernel/auth/access-tokens.ts';
import { DomainError } from '../kernel/errors.ts';
import { requestCredential } from './credential.ts';

export interface RateLimitOptions {
  perMinute: number;
  authFailuresPerMinute: number;
  redis?: Redis;
}

/** One budget per client IP over a minute, checked and counted by hand where a route needs it. */
export interface PerIpLimit {
  /** Counts the request; 429 once the budget is spent. */
  take(request: FastifyRequest): Promise<void>;
  /** 429 when the budget is spent, without counting this request. */
  assertAvailable(request: FastifyRequest): Promise<void>;
  /** Counts an event (say, a failed credential) without refusing anything. */
  count(request: FastifyRequest): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    authFailures: PerIpLimit;
  }
}

const WINDOW_MS = 60_000;

/**
 * The client's address as limits count it: an IPv6 client holds a whole /64
 * (@fastify/rate-limit's default grouping), so addresses inside it share a budget.
 */
export function clientIp(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

function clientKey(tokens: AccessTokens, request: FastifyRequest): string {
  try {
    const credential = requestCredential(tokens, request);
    return credential.type === 'api_key'
      ? `key:${credential.secretHash.toString('base64url')}`
      : `account:${credential.accountId}`;
  } catch {
    return `ip:${clientIp(request)}`;
  }
}

function rateLimited(max: number, ttlMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new DomainError('rate_limited', `Too many requests; retry in ${seconds} s.`, {
    retryAfter: seconds,
    headers: {
      'ratelimit-limit': String(max),
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(seconds),
    },
  });
}

export function perIpLimit(app: FastifyInstance, name: string, max: number): PerIpLimit {
  const limiter = app.createRateLimit({
    max,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `${name}:${clientIp(request)}`,
  });
  return {
    async take(request) {
      const state = await limiter(request);
      if (!state.isAllowed && state.isExceeded) throw rateLimited(max, state.ttl);
    },
    async assertAvailable(request) {
      const state = await limiter(request, { increment: false });
      if (!state.isAllowed && state.remaining === 0) throw rateLimited(max, state.ttl);
    },
    async count(request) {
      await limiter(request);
    },
  };
}

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => clientKey(app.accessTokens, request),
    enableDraftSpec: true,
    ...(options.redis ? { redis: options.redis, nameSpace: 'yorozu-rate-limit:' } : {}),
    // Thrown, then shaped by the one error handler like every other problem.
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s.`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });
  app.decorate('authFailures', perIpLimit(app, 'auth-failures', options.authFailuresPerMinute));
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['errors', 'access-tokens'] });
