import type { jobs } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { cancelAndRefund, findJob, type JobRow, jobResource, listJobs } from '../../kernel/jobs/index.ts';
import { paginate } from '../../kernel/pagination.ts';

/** A page of the account's jobs; the cursor names its filters, so it cannot continue a differently filtered list. */
export async function listJobPage(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: Static<typeof jobs.JobListQuery>,
) {
  const filters = { status: query.status, type: query.type };
  const page = await paginate(`jobs/${filters.status ?? ''}/${filters.type ?? ''}`, query, (after, take) =>
    listJobs(db, accountId, filters, after, take),
  );
  return { data: page.data.map(jobResource), nextCursor: page.nextCursor };
}

export async function getJob(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
): Promise<JobRow> {
  const job = await findJob(db, accountId, id);
  if (!job) throw notFound('job');
  return job;
}

/** Canceling a canceled job is a no-op; a job that succeeded or failed cannot be canceled. */
export async function cancelJob(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const canceled = await cancelAndRefund(db, accountId, id);
  if (canceled) return jobResource(canceled);
  const job = await getJob(db, accountId, id);
  if (job.status !== 'canceled') throw new DomainError('conflict', `The job has ${job.status} already.`);
  return jobResource(job);
}

/**
 * Where a stream starts: after `Last-Event-ID`, but never past the job's
 * latest event, and before the final one, so a stream always ends with it.
 */
export function resumeAfter(job: JobRow, lastEventId: number | undefined): number {
  const final = job.finishedAt !== null;
  return Math.min(lastEventId ?? 0, final ? job.seq - 1 : job.seq);
}
