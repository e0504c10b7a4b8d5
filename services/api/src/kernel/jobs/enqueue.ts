/**
 * Enqueuing a job, inside the caller's transaction (docs/architecture.md, Jobs:
 * graphile-worker's add_job runs in the same transaction): the work that
 * asked for it, its quota spend, the job row and the run commit together, or
 * none of them does.
 */
import type { JobDefinition, JobPayload, jobs } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { schemaProblem } from './check.ts';
import { insertJob, type JobRow } from './queries.ts';

/** Three runs, 2.7 s and 7.4 s apart (graphile-worker's backoff: e^attempt seconds). */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface NewJob {
  accountId: string;
  /** `<module>.<task>`, e.g. 'studio.generate': the key of its handler in src/jobs.ts. */
  type: string;
  payload: Record<string, unknown>;
  /** The spend (spendQuota's ledgerEntryId) to refund if the job fails or is canceled. */
  quotaLedgerEntryId?: string | null;
  /** 1..25, default 3. */
  maxAttempts?: number;
}

/**
 * Enqueues a job of a contract type (`defineJob`), its payload checked first: a payload that
 * does not match is a bug of the caller, thrown before anything is written. The transaction
 * must be bound to `job.accountId` (RLS; the run is scheduled for that account only).
 */
export function enqueueJob<J extends JobDefinition>(
  db: DatabaseTransactionConnection,
  definition: J,
  job: Omit<NewJob, 'type' | 'payload'> & { payload: JobPayload<J> },
): Promise<JobRow> {
  const problem = schemaProblem(definition.payload, job.payload);
  if (problem) throw new TypeError(`A ${definition.type} job's payload is invalid: ${problem}.`);
  return enqueueJobRow(db, {
    ...job,
    type: definition.type,
    payload: job.payload as Record<string, unknown>,
  });
}

/**
 * The job row and its run, for any type and payload, unchecked: what `enqueueJob` does after
 * its check, and what the kernel's own tests use to run behaviours of theirs under the
 * contract's job types.
 */
export function enqueueJobRow(db: DatabaseTransactionConnection, job: NewJob): Promise<JobRow> {
  // The row, its first event and its run: one statement (queries.ts, insertJob).
  return insertJob(db, {
    accountId: job.accountId,
    type: job.type,
    payload: job.payload,
    quotaLedgerEntryId: job.quotaLedgerEntryId ?? null,
    maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  });
}

/**
 * The job as the API shows it (contract `Job`), without what the kernel keeps to itself. The
 * kernel stores any type with any result; the contract's union holds because each module's
 * handler returns its type's result (`JobResults`), and the route's response schema checks it.
 */
export function jobResource(row: JobRow): Static<typeof jobs.Job> {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: row.progress,
    result: row.result,
    error: row.error,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    finishedAt: row.finishedAt,
  } as Static<typeof jobs.Job>;
}
