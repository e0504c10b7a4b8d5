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

  // 'close' fires for every response, finished or cut off by the client; one function for all of them.
  const settle = () => {
    inFlight--;
    if (inFlight === 0) onIdle?.();
  };

  // Callback hooks, not async ones: they run on every request and await nothing, and an async hook
  // costs a promise per request (bench/README.md, list endpoint).
  app.addHook('onRequest', (request, reply, done) => {
    if (draining.signal.aborted) {
      reply.header('Connection', 'close');
      // A callback hook answers by sending, without calling done
      // (https://fastify.dev/docs/latest/Reference/Hooks/#respond-to-a-request-from-a-hook).
      sendProblem(
        reply,
        request,
        new DomainError('unavailable', 'The service is shutting down; retry shortly.', {
          retryAfter: RETRY_AFTER_SECONDS,
        }),
      );
      return;
    }
    inFlight++;
    // `on`, not `once`: a response closes once, and `once` wraps the listener anew for every request.
    reply.raw.on('close', settle);
    done();
  });

  // Admitted requests still finish; their connections then close instead of idling into the shutdown.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (draining.signal.aborted) reply.header('Connection', 'close');
    done(null, payload);
  });
}

export default fp(drainingPlugin, { name: 'draining', dependencies: ['errors'] });
