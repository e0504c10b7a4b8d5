/**
 * Graceful shutdown, the HTTP half (docs/architecture.md, Shutdown and job
 * recovery): `app.drain(graceMs)` stops admitting requests — every new one is
 * answered 503 `unavailable` with `Retry-After` and `Connection: close`, so
 * clients and load balancers go elsewhere — while the listener stays open,
 * and resolves once the requests already admitted have finished (or the
 * grace period is over). Only then does the caller close the app, and with
 * it the listener and the pool.
 *
 * Fastify's own `return503OnClosing` is off: it answers only once the
 * listener is closing, with a body that is not problem+json.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../kernel/errors.ts';
import { sendProblem } from './errors.ts';

/** Seconds a client should wait before retrying: another instance is likely up by then. */
const RETRY_AFTER_SECONDS = 1;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Stops admitting requests and waits up to `graceMs` for the admitted
     * ones to finish; resolves with how many are still running (0: drained).
     */
    drain(graceMs: number): Promise<number>;
    /** Aborts when draining starts: long-lived responses (event streams) end on it. */
    draining: AbortSignal;
  }
}

async function drainingPlugin(app: FastifyInstance) {
  const draining = new AbortController();
  let inFlight = 0;
  let onIdle: (() => void) | null = null;

  app.decorate('draining', draining.signal);
  app.decorate('drain', async (graceMs: number) => {
    draining.abort();
    if (inFlight === 0) return 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    onIdle = null;
    return inFlight;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (draining.signal.aborted) {
      reply.header('Connection', 'close');
      return sendProblem(
        reply,
        request,
        new DomainError('unavailable', 'The service is shutting down; retry shortly.', {
          retryAfter: RETRY_AFTER_SECONDS,
        }),
      );
    }
    inFlight++;
    // 'close' fires for every response, finished or cut off by the client.
    reply.raw.once('close', () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    });
  });

  // Admitted requests still finish; their connections then close instead of idling into the shutdown.
  app.addHook('onSend', async (_request, reply) => {
    if (draining.signal.aborted) reply.header('Connection', 'close');
  });
}

export default fp(drainingPlugin, { name: 'draining', dependencies: ['errors'] });
