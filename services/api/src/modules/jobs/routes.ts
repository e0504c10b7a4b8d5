import { Readable } from 'node:stream';
import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { jobEventStream, jobResource } from '../../kernel/jobs/index.ts';
import { cancelJob, getJob, listJobPage, resumeAfter } from './service.ts';

export function jobsRoutes(app: FastifyInstance) {
  app.operation(operations['jobs.list'], ({ db, principal, query }) =>
    listJobPage(db, principal.accountId, query),
  );
  app.operation(operations['jobs.get'], async ({ db, principal, params }) =>
    jobResource(await getJob(db, principal.accountId, params.id)),
  );
  app.operation(operations['jobs.cancel'], ({ db, principal, params }) =>
    cancelJob(db, principal.accountId, params.id),
  );
  app.operation(operations['jobs.events'], async ({ db, principal, params, headers }) => {
    const job = await getJob(db, principal.accountId, params.id);
    const afterSeq = resumeAfter(job, headers['last-event-id']);
    // Runs after the request's transaction has committed: the stream reads in short transactions of its own.
    return (reply) => {
      const closed = new AbortController();
      reply.raw.once('close', () => closed.abort());
      const stream = jobEventStream({
        pool: app.db,
        hub: app.jobEvents,
        accountId: principal.accountId,
        jobId: job.id,
        afterSeq,
        signal: closed.signal,
      });
      return (
        reply
          .type('text/event-stream')
          .header('Cache-Control', 'no-cache')
          // Proxies such as nginx would otherwise hold events back in a buffer.
          .header('X-Accel-Buffering', 'no')
          .send(Readable.from(stream))
      );
    };
  });
}
