/**
 * Settling a job that will not succeed: the change to `failed` or `canceled`
 * and the refund of the quota it reserved commit in one transaction. The
 * change is a guarded UPDATE that only one transaction can win (queued or
 * running → final), so the refund happens exactly once however many workers,
 * retries or cancel requests race; refundQuota is itself once per ledger
 * entry, a second wall.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import { refundQuota } from '../metering/index.ts';
import { cancelJob, failJob, type JobRow } from './queries.ts';

async function refundReservation(db: DatabaseTransactionConnection, job: JobRow): Promise<void> {
  if (!job.quotaLedgerEntryId) return;
  await refundQuota(db, {
    accountId: job.accountId,
    ledgerEntryId: job.quotaLedgerEntryId,
    reason: `${job.type} job ${job.status}`,
  });
}

/** Null when the job is final already. */
export async function cancelAndRefund(
  db: DatabaseTransactionConnection,
  accountId: string,
  jobId: string,
): Promise<JobRow | null> {
  const canceled = await cancelJob(db, accountId, jobId);
  if (canceled) await refundReservation(db, canceled);
  return canceled;
}

/** Null when the attempt no longer owns the job (canceled meanwhile, or taken over). */
export async function failAndRefund(
  db: DatabaseTransactionConnection,
  job: { accountId: string; id: string; attempt: number },
  error: { code: string; message: string },
): Promise<JobRow | null> {
  const failed = await failJob(db, job.accountId, job.id, job.attempt, error);
  if (failed) await refundReservation(db, failed);
  return failed;
}
