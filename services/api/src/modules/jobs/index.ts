/**
 * `/v1/jobs`: a job's status, its cancel, and its Server-Sent Events stream.
 * Decorates the app with the process's JobEventHub (`app.jobEvents`), whose
 * one LISTEN connection wakes every open stream; it closes as soon as the
 * process starts draining (http/draining.ts), which ends the streams so
 * shutdown need not wait for them (clients resume elsewhere with Last-Event-ID).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { JobEventHub } from '../../kernel/jobs/index.ts';
import { jobsRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobEvents: JobEventHub;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    const hub = new JobEventHub(app.db.configuration.connectionUri, (error) =>
      app.log.warn({ err: error }, 'job events listener lost its connection; reconnecting'),
    );
    app.decorate('jobEvents', hub);
    app.draining.addEventListener('abort', () => void hub.close(), { once: true });
    app.addHook('preClose', () => hub.close());
    jobsRoutes(app);
  },
  { name: 'jobs', dependencies: ['operations', 'draining'] },
);
