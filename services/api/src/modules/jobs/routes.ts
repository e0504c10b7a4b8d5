import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { jobEventStream, jobResource, sendEventStream } from '../../kernel/jobs/index.ts';
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
    // Runs after the request's transaction has committed.
    return (reply) =>
      sendEventStream(reply, (signal) =>
        jobEventStream({
          pool: app.db,
          hub: app.jobEvents,
          accountId: principal.accountId,
          jobId: job.id,
          afterSeq,
          signal,
        }),
      );
  });
}
