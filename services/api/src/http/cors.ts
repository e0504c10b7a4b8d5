/**
 * CORS for browser clients of the SDK. Credentials travel in the
 * Authorization header, never in cookies, so any origin may call; what
 * matters is letting the SDK send its headers and read the ones it relies on
 * (request id, retry hints, rate-limit and quota state).
 *
 * A preflight may also ask for the caller's own headers (`x-app`, a tracing
 * header): they are allowed within a policy (Fetch standard, "CORS protocol";
 * RFC 9110 §5.6.2 for the name syntax): valid header names only, a bounded
 * number, and never a header that proxies or the service trust to describe the
 * connection (`Forwarded`, `X-Forwarded-*`, `X-Real-IP`), so no page can make
 * its visitors' browsers speak for a proxy.
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-None-Match',
  'Last-Event-ID',
  'X-Request-Id',
  'X-Retry-Count',
  'Yorozu-SDK',
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

/** How many headers a preflight may add to the SDK's. */
export const CORS_MAX_EXTRA_HEADERS = 16;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const CONNECTION_HEADERS =
  /^(forwarded|x-forwarded-[a-z-]+|x-real-ip|x-client-ip|true-client-ip|cf-connecting-ip)$/;
const KNOWN = new Set(CORS_ALLOWED_HEADERS.map((name) => name.toLowerCase()));

/** The SDK's headers plus those of `requested` (a preflight's list) that the policy allows. */
export function allowedHeaders(requested: string | undefined): string[] {
  if (!requested || requested.length > 4096) return CORS_ALLOWED_HEADERS;
  const extra = new Set<string>();
  for (const raw of requested.split(',')) {
    const name = raw.trim().toLowerCase();
    if (extra.size === CORS_MAX_EXTRA_HEADERS) break;
    if (TOKEN.test(name) && !KNOWN.has(name) && !CONNECTION_HEADERS.test(name)) extra.add(name);
  }
  return [...CORS_ALLOWED_HEADERS, ...extra];
}

const policy = {
  origin: '*',
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  exposedHeaders: CORS_EXPOSED_HEADERS,
  maxAge: 600,
} satisfies FastifyCorsOptions;

/** Only a preflight's allowed headers depend on the request: every other request shares this. */
const simplePolicy = { ...policy, allowedHeaders: CORS_ALLOWED_HEADERS } satisfies FastifyCorsOptions;

async function corsPlugin(app: FastifyInstance) {
  // The allowed headers follow the request's, so a shared cache must key preflights on them.
  // A callback hook, not an async one: it runs on every response and awaits nothing.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'OPTIONS' && request.headers['access-control-request-headers'] !== undefined) {
      const vary = reply.getHeader('vary');
      reply.header(
        'vary',
        vary ? `${vary}, Access-Control-Request-Headers` : 'Access-Control-Request-Headers',
      );
    }
    done(null, payload);
  });
  await app.register(cors, {
    delegator: (
      request: FastifyRequest,
      callback: (error: Error | null, options: FastifyCorsOptions) => void,
    ) => {
      if (request.method !== 'OPTIONS') return callback(null, simplePolicy);
      const requested = request.headers['access-control-request-headers'];
      callback(null, { ...policy, allowedHeaders: allowedHeaders(requested) });
    },
  });
}

export default fp(corsPlugin, { name: 'cors' });
