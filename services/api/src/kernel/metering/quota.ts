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
 *
 * A spend is two steps. `prepareSpend` reads the quota and checks the
 * request (no lock); `settleSpend` is the one statement that takes the
 * counter's row lock, which every concurrent spend of the account queues
 * behind until COMMIT. Operations therefore settle their spends as the
 * transaction's last statement (the operation binder does it, after the
 * work, the audit row and the stored idempotent response): the lock is held
 * for one statement and the COMMIT, not across the request's other round trips.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { DatabaseTransactionConnection, FragmentSqlToken } from 'slonik';
import { DomainError, notFound } from '../errors.ts';
import {
  counterUsed,
  decrementCounter,
  findQuota,
  findSpend,
  insertRefund,
  type NewSpend,
  spendFromCounter,
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

/**
 * The header values of a quota (contract: components/headers QuotaRemaining, QuotaReset): what
 * is left, an integer left out when the plan makes the quota unlimited, and when the period ends.
 */
function quotaHeaders(limit: number | null, used: number, resetsAt: string): Record<string, string> {
  return {
    ...(limit === null ? {} : { 'Yorozu-Quota-Remaining': String(Math.max(limit - used, 0)) }),
    'Yorozu-Quota-Reset': resetsAt,
  };
}

/** A checked spend, not yet made: its ledger id and quota are known, no row is locked or written. */
export interface PreparedSpend extends NewSpend {
  /** `allowance`: what add-ons and grants add to the plan's limit this period (null: unlimited). */
  quota: { plan: string; allowance: number | null; period: string; resetsAt: string };
}

/**
 * Reads the metric's quota and checks the spend, without writing: the ledger
 * id is chosen here, so the rows that name the spend (its job) can be written
 * before `settleSpend`. Programming errors (unknown metric, bad amount, a
 * missing or unexpected subject) throw plain errors: they are bugs, not
 * client mistakes.
 */
export async function prepareSpend(
  db: DatabaseTransactionConnection,
  spend: QuotaSpend,
): Promise<PreparedSpend> {
  const { accountId, product, metric, amount } = spend;
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`Quota amounts are positive integers, not ${amount}.`);
  }
  const subject = spend.subject ?? '';
  const quota = await findQuota(db, accountId, product, metric, subject);
  if (!quota)
    throw new Error(
      `No metric ${product}.${metric} (or no limit for the account's plan) in the plan catalogue.`,
    );
  if ((quota.per === 'plugin') !== (subject !== '')) {
    throw new Error(
      `${product}.${metric} is counted per ${quota.per}: ${quota.per === 'plugin' ? 'pass' : 'omit'} subject.`,
    );
  }
  return {
    id: randomUUID(),
    key: { accountId, product, metric, subject, periodStart: quota.periodStart },
    amount,
    limit: quota.limit,
    reason: spend.reason,
    referenceId: spend.referenceId ?? null,
    quota: { plan: quota.plan, allowance: quota.allowance, period: quota.period, resetsAt: quota.resetsAt },
  };
}

/**
 * Makes a prepared spend: one conditional counter update plus its ledger row,
 * in one statement. Over the limit it throws `quota_exceeded` (402) with the
 * quota's state and changes nothing; the caller's transaction then rolls back
 * whatever it wrote for the spend. `alongside`, another write of the transaction (its audit
 * row), is made by the same statement (queries.ts, spendFromCounter).
 */
export async function settleSpend(
  db: DatabaseTransactionConnection,
  spend: PreparedSpend,
  alongside: FragmentSqlToken | null = null,
): Promise<SpentQuota> {
  const { key, amount, limit, quota } = spend;
  const { product, metric } = key;
  const counter = await spendFromCounter(db, spend, alongside);
  if (!counter) {
    const used = await counterUsed(db, key);
    throw new DomainError(
      'quota_exceeded',
      `The ${quota.plan} plan${quota.allowance ? ' with its add-ons' : ''} allows ${limit} ${product} ${metric} a ${quota.period}${
        key.subject ? ` for ${key.subject}` : ''
      }; ${used} used, ${amount} more requested.`,
      {
        quota: { product, metric, limit, used, resetsAt: quota.resetsAt },
        headers: quotaHeaders(limit, used, quota.resetsAt),
      },
    );
  }
  return {
    ledgerEntryId: spend.id,
    product,
    metric,
    limit,
    used: counter.used,
    remaining: limit === null ? null : Math.max(limit - counter.used, 0),
    resetsAt: quota.resetsAt,
  };
}

/** Checks a spend now and returns it; it is made when its transaction settles its spends. */
export type SpendAtCommit = (spend: QuotaSpend) => Promise<PreparedSpend>;

/**
 * The spends of one transaction, to be made as its last statements: `spend`
 * prepares one, `settle` makes them all (just before COMMIT). `pending` tells
 * whether `settle` will send a statement, so a write that must happen anyway
 * (the audit row) can ride on the first one as `alongside`.
 */
export function spendsAtCommit(db: DatabaseTransactionConnection): {
  spend: SpendAtCommit;
  readonly pending: number;
  settle(alongside?: FragmentSqlToken | null): Promise<SpentQuota[]>;
} {
  const prepared: PreparedSpend[] = [];
  return {
    spend: async (spend) => {
      const next = await prepareSpend(db, spend);
      prepared.push(next);
      return next;
    },
    get pending() {
      return prepared.length;
    },
    settle: async (alongside = null) => {
      if (alongside && prepared.length === 0) throw new Error('No spend to settle the write alongside.');
      const spent: SpentQuota[] = [];
      for (const [index, spend] of prepared.entries()) {
        spent.push(await settleSpend(db, spend, index === 0 ? alongside : null));
      }
      return spent;
    },
  };
}

/**
 * Spends `amount` of a metric in the current period at once: for work that
 * writes nothing after its spend. Operations use their context's
 * `spendQuota`, which settles at the end of the transaction.
 */
export async function spendQuota(db: DatabaseTransactionConnection, spend: QuotaSpend): Promise<SpentQuota> {
  return settleSpend(db, await prepareSpend(db, spend));
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

/** `Yorozu-Quota-Remaining` (a count; absent when unlimited) and `Yorozu-Quota-Reset` (RFC 3339) on a spending response. */
export function setQuotaHeaders(reply: FastifyReply, spent: SpentQuota): void {
  reply.headers(quotaHeaders(spent.limit, spent.used, spent.resetsAt));
}
