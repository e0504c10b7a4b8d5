/**
 * Prometheus metrics at /metrics: process defaults and a per-route latency
 * histogram. They describe the service's traffic, so outside development
 * they are not public (docs/security.md, Operational endpoints): with
 * METRICS_TOKEN set, a scrape must send it as `Authorization: Bearer`; in
 * production without one, /metrics is not served at all.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { unauthenticated } from '../kernel/errors.ts';

export interface MetricsOptions {
  env: Config['env'];
  token: string | null;
}

/** Compares digests, so neither the token's content nor its length shows in the timing. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearerCheck(token: string) {
  const expected = digest(`Bearer ${token}`);
  return async (request: FastifyRequest) => {
    if (!timingSafeEqual(digest(request.headers.authorization ?? ''), expected)) {
      throw unauthenticated('Send the metrics token as `Authorization: Bearer <METRICS_TOKEN>`.');
    }
  };
}

async function metricsPlugin(app: FastifyInstance, options: MetricsOptions) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  // A callback hook, not an async one: it runs on every response and awaits nothing.
  app.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      // The route template, never the raw URL: ids would explode the label set.
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
    done();
  });

  if (!options.token && options.env === 'production') {
    app.log.warn('/metrics is not served: set METRICS_TOKEN to scrape it');
    return;
  }
  const onRequest = options.token ? [bearerCheck(options.token)] : [];
  app.get(
    '/metrics',
    { schema: { hide: true }, config: { rateLimit: false }, onRequest },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}

export default fp(metricsPlugin, { name: 'metrics' });
