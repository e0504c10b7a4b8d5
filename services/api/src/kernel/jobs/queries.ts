/**
 * The jobs kernel's SQL, one function per statement. Every change of a job's
 * status or progress is one statement that updates the row, bumps its event
 * sequence and appends the event (platform.job_events), so the row and its
 * history cannot disagree. Changes made by a worker are fenced by `attempt`:
 * a run that lost the job (canceled, or released and claimed again) changes nothing.
 */
import { jobs } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../pagination.ts';

/** Any job's public fields, whatever its type: the kernel runs every type alike. */
const JobFieldsRecord = {
  ...jobs.JobFields,
  type: Type.String(),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
};

export const JobRecord = Type.Object({
  ...JobFieldsRecord,
  accountId: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
  quotaLedgerEntryId: Type.Union([Type.String(), Type.Null()]),
  maxAttempts: Type.Integer(),
  attempt: Type.Integer(),
  seq: Type.Integer(),
});

/** A platform.jobs row: the public job plus what the kernel keeps to itself. */
export type JobRow = Static<typeof JobRecord>;

const JobRowType = rowType(JobRecord);
const JobEventRowType = rowType(Type.Object({ ...JobFieldsRecord, seq: Type.Integer() }));

const jobColumns = sql.fragment`
  id, type, status, progress, result, error,
  created_at AS "createdAt", updated_at AS "updatedAt", finished_at AS "finishedAt",
  account_id AS "accountId", payload, quota_ledger_entry_id AS "quotaLedgerEntryId",
  max_attempts AS "maxAttempts", attempt, seq
`;

export interface NewJobRow {
  accountId: string;
  type: string;
  payload: Record<string, unknown>;
  quotaLedgerEntryId: string | null;
  maxAttempts: number;
}

/**
 * Inserts a queued job and its first event (seq 1), and adds the graphile-worker job that runs
 * it (`platform.schedule_job_run`, migrations/0003), in one statement: one round trip for what
 * every enqueue does. The function is VOLATILE, so it sees the row the `job` CTE inserted
 * (PostgreSQL documentation, "Function Volatility Categories"), and checks it is a job of the
 * bound account as it did when it was a statement of its own. The lateral call runs once per
 * inserted row, after the insert that produced it.
 */
export function insertJob(db: CommonQueryMethods, job: NewJobRow) {
  return db.one(sql.prepared('insert_and_schedule_job', JobRowType)`
    WITH job AS (
      -- One clock reading, so a new job's createdAt and updatedAt are equal.
      INSERT INTO platform.jobs (account_id, type, payload, quota_ledger_entry_id, max_attempts, created_at, updated_at)
      SELECT ${job.accountId}, ${job.type}, ${sql.jsonb(job.payload as never)}, ${job.quotaLedgerEntryId},
             ${job.maxAttempts}, at, at
      FROM clock_timestamp() AS at
      RETURNING *
    ), event AS (
      INSERT INTO platform.job_events (job_id, seq, account_id, status, progress, created_at)
      SELECT id, seq, account_id, status, progress, updated_at FROM job
    )
    SELECT ${jobColumns} FROM job CROSS JOIN LATERAL (SELECT platform.schedule_job_run(job.id)) AS run
  `);
}

export function findJob(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(JobRowType)`
    SELECT ${jobColumns} FROM platform.jobs WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export interface JobFilters {
  status?: string | undefined;
  type?: string | undefined;
}

/** A page of the account's jobs, newest first (jobs_account_page_idx). */
export function listJobs(
  db: CommonQueryMethods,
  accountId: string,
  filters: JobFilters,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(JobRowType)`
    SELECT ${jobColumns} FROM platform.jobs
    WHERE account_id = ${accountId}
      ${filters.status === undefined ? sql.fragment`` : sql.fragment`AND status = ${filters.status}`}
      ${filters.type === undefined ? sql.fragment`` : sql.fragment`AND type = ${filters.type}`}
      ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

/**
 * Changes a job where `guard` holds, bumping its sequence and appending the
 * matching event; null when the guard did not hold (nothing changed).
 */
function changeJob(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  set: FragmentSqlToken,
  guard: FragmentSqlToken,
) {
  return db.maybeOne(sql.type(JobRowType)`
    WITH job AS (
      UPDATE platform.jobs SET ${set}, seq = seq + 1, updated_at = now()
      WHERE account_id = ${accountId} AND id = ${id} AND ${guard}
      RETURNING *
    ), event AS (
      INSERT INTO platform.job_events (job_id, seq, account_id, status, progress, created_at)
      SELECT id, seq, account_id, status, progress, updated_at FROM job
    )
    SELECT ${jobColumns} FROM job
  `);
}

const ownedBy = (attempt: number) => sql.fragment`status = 'running' AND attempt = ${attempt}`;

/**
 * A worker takes the job for a new attempt (numbered here, so a released and
 * re-scheduled job keeps counting); null when it is final already.
 */
export function claimJob(db: CommonQueryMethods, accountId: string, id: string) {
  return changeJob(
    db,
    accountId,
    id,
    sql.fragment`status = 'running', progress = 0, attempt = attempt + 1`,
    sql.fragment`status IN ('queued', 'running')`,
  );
}

/** Null when the value is unchanged, or the attempt no longer owns the job. */
export function setJobProgress(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  attempt: number,
  progress: number,
) {
  return changeJob(
    db,
    accountId,
    id,
    sql.fragment`progress = ${progress}`,
    sql.fragment`${ownedBy(attempt)} AND progress <> ${progress}`,
  );
}

export function succeedJob(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  attempt: number,
  result: Record<string, unknown>,
) {
  return changeJob(
    db,
    accountId,
    id,
    sql.fragment`status = 'succeeded', progress = 100, result = ${sql.jsonb(result as never)}, finished_at = now()`,
    ownedBy(attempt),
  );
}

export function failJob(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  attempt: number,
  error: { code: string; message: string },
) {
  return changeJob(
    db,
    accountId,
    id,
    sql.fragment`status = 'failed', error = ${sql.jsonb(error)}, finished_at = now()`,
    ownedBy(attempt),
  );
}

/** Back to `queued`, to wait for a retry or for another worker. */
export function requeueJob(db: CommonQueryMethods, accountId: string, id: string, attempt: number) {
  return changeJob(db, accountId, id, sql.fragment`status = 'queued'`, ownedBy(attempt));
}

/** Null when the job is final already. */
export function cancelJob(db: CommonQueryMethods, accountId: string, id: string) {
  return changeJob(
    db,
    accountId,
    id,
    sql.fragment`status = 'canceled', finished_at = now()`,
    sql.fragment`status IN ('queued', 'running')`,
  );
}

/**
 * The job's events after `afterSeq`, oldest first, each as the job it
 * showed: result, error and finishedAt only on the final event.
 */
export function listJobEvents(db: CommonQueryMethods, accountId: string, jobId: string, afterSeq: number) {
  return db.any(sql.type(JobEventRowType)`
    SELECT j.id, j.type, e.status, e.progress,
           CASE WHEN e.status IN ('succeeded', 'failed', 'canceled') THEN j.result END AS result,
           CASE WHEN e.status IN ('succeeded', 'failed', 'canceled') THEN j.error END AS error,
           j.created_at AS "createdAt", e.created_at AS "updatedAt",
           CASE WHEN e.status IN ('succeeded', 'failed', 'canceled') THEN j.finished_at END AS "finishedAt",
           e.seq
    FROM platform.job_events e
    JOIN platform.jobs j ON j.id = e.job_id
    WHERE e.account_id = ${accountId} AND e.job_id = ${jobId} AND e.seq > ${afterSeq}
    ORDER BY e.seq
  `);
}
