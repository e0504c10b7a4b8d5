/**
 * Spending and refunding quota (docs/architecture.md, Quotas and metering), the kernel
 * piece every product module calls inside the transaction of the work it
 * pays for: if the work fails, the spend rolls back with it.
 *
 * A plan change applies its new limit at once because the limit is read from
 * the account's current plan at every spend (the original Character Studio
 * design copied it into user_credits with a trigger instead). A copied limit would have to be
 * rewritten on each plan change, and a counter created concurrently with a
 * change could keep the old limit for the rest of its period; reading it
 * costs one primary-key join per spend.
 */
import type { FastifyReply } from 'fastify';
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError, notFound } from '../errors.ts';
import {
  type CounterKey,
  counterUsed,
  decrementCounter,
  ensureCounter,
  findQuota,
  findSpend,
  incrementCounter,
  insertRefund,
  insertSpend,
} from './queries.ts';

export interface QuotaSpend {
  accountId: string;
  /** 'studio' | 'speak' | 'nex' | 'stickers' | 'miyabi' */
  product: string;
  /** A metric of the product's catalogue, e.g. 'credits' (studio, per month), 'images' (stickers, per day). */
  metric: string;
  /** A positive integer. */
  amount: number;
  /** What the quota pays for, e.g. the operation id; shown in the ledger. */
  reason: string;
  /** The resource the spend is about, e.g. a job id. */
  referenceId?: string | null;
  /** The plugin id, for per-plugin metrics (miyabi); omitted for account-wide ones. */
  subject?: string | null;
}

export interface SpentQuota {
  ledgerEntryId: string;
  product: string;
  metric: string;
  limit: number | null;
  used: number;
  remaining: number | null;
  resetsAt: string;
}

/** The header values of a quota: what is left (or "unlimited") and when the period ends. */
function quotaHeaders(limit: number | null, used: number, resetsAt: string): Record<string, string> {
  return {
    'Yorozu-Quota-Remaining': limit === null ? 'unlimited' : String(Math.max(limit - used, 0)),
    'Yorozu-Quota-Reset': resetsAt,
  };
}

/**
 * Spends `amount` of a metric in the current period: one conditional UPDATE
 * of the period's counter plus one ledger row. Over the limit it throws
 * `quota_exceeded` (402) with the quota's state and changes nothing.
 * Programming errors (unknown metric, bad amount, a missing or unexpected
 * subject) throw plain errors: they are bugs, not client mistakes.
 */
export async function spendQuota(db: DatabaseTransactionConnection, spend: QuotaSpend): Promise<SpentQuota> {
  const { accountId, product, metric, amount } = spend;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`Quota amounts are positive integers, not ${amount}.`);
  }
  const quota = await findQuota(db, accountId, product, metric);
  if (!quota)
    throw new Error(
      `No metric ${product}.${metric} (or no limit for the account's plan) in the plan catalogue.`,
    );
  const subject = spend.subject ?? '';
  if ((quota.per === 'plugin') !== (subject !== '')) {
    throw new Error(
      `${product}.${metric} is counted per ${quota.per}: ${quota.per === 'plugin' ? 'pass' : 'omit'} subject.`,
    );
  }
  const key: CounterKey = { accountId, product, metric, subject, periodStart: quota.periodStart };
  await ensureCounter(db, key);
  const counter = await incrementCounter(db, key, amount, quota.limit);
  if (!counter) {
    const used = await counterUsed(db, key);
    throw new DomainError(
      'quota_exceeded',
      `The ${quota.plan} plan allows ${quota.limit} ${product} ${metric} a ${quota.period}; ${used} used, ${amount} more requested.`,
      {
        quota: { product, metric, limit: quota.limit, used, resetsAt: quota.resetsAt },
        headers: quotaHeaders(quota.limit, used, quota.resetsAt),
      },
    );
  }
  const ledgerEntryId = await insertSpend(db, {
    key,
    amount,
    reason: spend.reason,
    referenceId: spend.referenceId ?? null,
  });
  return {
    ledgerEntryId,
    product,
    metric,
    limit: quota.limit,
    used: counter.used,
    remaining: quota.limit === null ? null : Math.max(quota.limit - counter.used, 0),
    resetsAt: quota.resetsAt,
  };
}

/**
 * Gives a spend back to the period it was spent in, exactly once: the first
 * call appends a refund row and lowers the counter, every later (or
 * concurrent) call returns false and changes nothing. An id that is not a
 * spend of the account is not_found.
 */
export async function refundQuota(
  db: DatabaseTransactionConnection,
  refund: { accountId: string; ledgerEntryId: string; reason: string },
): Promise<boolean> {
  const spend = await findSpend(db, refund.accountId, refund.ledgerEntryId);
  if (!spend) throw notFound('usage ledger entry');
  const refunded = await insertRefund(db, refund.ledgerEntryId, refund.reason);
  if (!refunded) return false;
  await decrementCounter(db, spend, spend.amount);
  return true;
}

/** `Yorozu-Quota-Remaining` (a count, or "unlimited") and `Yorozu-Quota-Reset` (RFC 3339) on a spending response. */
export function setQuotaHeaders(reply: FastifyReply, spent: SpentQuota): void {
  reply.headers(quotaHeaders(spent.limit, spent.used, spent.resetsAt));
}
