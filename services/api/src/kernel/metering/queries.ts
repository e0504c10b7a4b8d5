/**
 * The metering kernel's SQL, one function per statement: the plan catalogue,
 * quota counters, the usage ledger and subscriptions. Every statement names
 * the account, and RLS checks it (the transaction is bound to that account).
 */
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';

/** One counter: an account's use of a metric (per plugin: `subject`) in one period. */
export interface CounterKey {
  accountId: string;
  product: string;
  metric: string;
  /** The plugin id of a per-plugin metric; '' for account-wide metrics. */
  subject: string;
  periodStart: string;
}

const QuotaRow = rowType(
  Type.Object({
    period: Type.Enum(['day', 'month']),
    per: Type.Enum(['account', 'plugin']),
    plan: Type.String(),
    /** The plan's limit plus the period's allowances (add-ons, grants); null = unlimited. */
    limit: Type.Union([Type.Number(), Type.Null()]),
    /** What add-ons and grants add to the plan's limit this period (0 without any). */
    allowance: Type.Union([Type.Number(), Type.Null()]),
    periodStart: Type.String(),
    resetsAt: Type.String(),
  }),
);

/**
 * The metric's quota for the account right now: the limit of the plan that covers `subject` (a
 * plugin id, or '' for account-wide metrics) raised by the period's allowances (entitling add-on
 * subscriptions and one-time grants, platform.quota_allowance; docs/architecture.md, Quota
 * allowances), and the bounds of the current period. Null when the product has no such metric.
 */
export function findQuota(
  db: CommonQueryMethods,
  accountId: string,
  product: string,
  metric: string,
  subject: string,
) {
  return db.maybeOne(sql.prepared('find_quota', QuotaRow)`
    SELECT m.period, m.per, l.plan, l."limit" + a.allowance AS "limit", a.allowance,
           p.start AS "periodStart", platform.quota_period_end(m.period, now()) AS "resetsAt"
    FROM platform.metrics m
    JOIN platform.plan_limits l
      ON l.product = m.product AND l.metric = m.metric
     AND l.plan = platform.current_plan(${accountId}, m.product, ${subject})
    CROSS JOIN LATERAL (SELECT platform.quota_period_start(m.period, now()) AS start) p
    CROSS JOIN LATERAL (
      SELECT platform.quota_allowance(${accountId}, m.product, m.metric, ${subject}, p.start) AS allowance
    ) a
    WHERE m.product = ${product} AND m.metric = ${metric}
  `);
}

const UsedRow = rowType(Type.Object({ used: Type.Number() }));
/** Compiled once, not per spend (src/db/row-type.ts). */
const IdRow = rowType(Type.Object({ id: Type.String() }));

const counterIs = (key: CounterKey) => sql.fragment`
  account_id = ${key.accountId} AND product = ${key.product} AND metric = ${key.metric}
  AND subject = ${key.subject} AND period_start = ${key.periodStart}::timestamptz
`;

export interface NewSpend {
  /** Chosen by the caller, so rows naming the spend can be written before it. */
  id: string;
  key: CounterKey;
  amount: number;
  /** The plan's limit; null = unlimited. */
  limit: number | null;
  reason: string;
  referenceId: string | null;
}

/**
 * The spend itself, one statement: the counter goes up by `amount` only while
 * it stays within the limit, and the ledger row is written from the counter's
 * new value, so neither happens without the other. Null when the amount does
 * not fit (nothing changed).
 *
 * Under READ COMMITTED a concurrent spend blocks on the counter's row lock and
 * ON CONFLICT's WHERE is re-checked against the row it committed, so `used`
 * never passes the limit (docs/architecture.md, Quotas and metering). The
 * upsert updates the period's counter when it exists and creates it only when
 * it does not: one lock wait, and no separate "create if missing" statement
 * queueing on the same row. An amount over the limit creates nothing.
 *
 * `alongside`, a data-modifying statement of the same transaction (the request's audit row),
 * runs as a CTE of this one, saving its round trip: PostgreSQL runs such a CTE to completion
 * whether or not anything reads it (PostgreSQL documentation, "Data-Modifying Statements in
 * WITH"), also when the spend does not fit, which the caller then rolls back with it.
 *
 * Named (src/db/pool.ts): planned once per connection, so the lock is held
 * for less time (bench/quota-spend.ts); with and without `alongside` are two statements.
 */
export function spendFromCounter(
  db: CommonQueryMethods,
  spend: NewSpend,
  alongside: FragmentSqlToken | null = null,
) {
  const { key, amount, limit } = spend;
  return db.maybeOne(sql.prepared('spend_from_counter', UsedRow)`
    WITH ${alongside ? sql.fragment`alongside AS (${alongside}), ` : sql.fragment``}counter AS (
      INSERT INTO platform.quota_counters AS c (account_id, product, metric, subject, period_start, used)
      SELECT ${key.accountId}, ${key.product}, ${key.metric}, ${key.subject}, ${key.periodStart}::timestamptz,
             ${amount}::bigint
      WHERE ${limit}::bigint IS NULL OR ${amount}::bigint <= ${limit}::bigint
      ON CONFLICT (account_id, product, metric, subject, period_start) DO UPDATE
        SET used = c.used + EXCLUDED.used, updated_at = now()
        WHERE ${limit}::bigint IS NULL OR c.used + EXCLUDED.used <= ${limit}::bigint
      RETURNING c.used
    ), entry AS (
      INSERT INTO platform.usage_ledger
        (id, account_id, product, metric, subject, period_start, amount, reason, reference_id)
      SELECT ${spend.id}, ${key.accountId}, ${key.product}, ${key.metric}, ${key.subject},
             ${key.periodStart}::timestamptz, ${amount}::bigint, ${spend.reason}, ${spend.referenceId}
      FROM counter
    )
    SELECT used FROM counter
  `);
}

export function decrementCounter(db: CommonQueryMethods, key: CounterKey, amount: number) {
  return db.query(sql.type(NoRows)`
    UPDATE platform.quota_counters SET used = used - ${amount}, updated_at = now()
    WHERE ${counterIs(key)}
  `);
}

/** The counter's use so far: 0 before the period's first spend. */
export async function counterUsed(db: CommonQueryMethods, key: CounterKey): Promise<number> {
  const used = await db.maybeOneFirst(
    sql.prepared('counter_used', UsedRow)`SELECT used FROM platform.quota_counters WHERE ${counterIs(key)}`,
  );
  return used ?? 0;
}

const SpendRow = rowType(
  Type.Object({
    accountId: Type.String(),
    product: Type.String(),
    metric: Type.String(),
    subject: Type.String(),
    periodStart: Type.String(),
    amount: Type.Number(),
  }),
);

/** A spend (never a refund) of the account's ledger. */
export function findSpend(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(SpendRow)`
    SELECT account_id AS "accountId", product, metric, subject, period_start AS "periodStart", amount
    FROM platform.usage_ledger
    WHERE account_id = ${accountId} AND id = ${id} AND refund_of IS NULL
  `);
}

/**
 * Appends the refund of a spend; null when it already has one. The unique
 * `refund_of` makes a concurrent second refund wait for the first, then do nothing.
 */
export function insertRefund(db: CommonQueryMethods, spendId: string, reason: string) {
  return db.maybeOneFirst(sql.type(IdRow)`
    INSERT INTO platform.usage_ledger
      (account_id, product, metric, subject, period_start, amount, reason, reference_id, refund_of)
    SELECT account_id, product, metric, subject, period_start, -amount, ${reason}, reference_id, id
    FROM platform.usage_ledger WHERE id = ${spendId}
    ON CONFLICT (refund_of) DO NOTHING
    RETURNING id
  `);
}

const PlanRow = rowType(
  Type.Object({
    product: Type.String(),
    plan: Type.String(),
    /** What one subscription to the product covers (platform.products). */
    subscribedPer: Type.Enum(['account', 'plugin']),
  }),
);

export function findPlan(db: CommonQueryMethods, product: string, plan: string) {
  return db.maybeOne(sql.type(PlanRow)`
    SELECT product, plan, subscribed_per AS "subscribedPer"
    FROM platform.plans JOIN platform.products USING (product)
    WHERE product = ${product} AND plan = ${plan}
  `);
}

export function findPlanByStripeLookupKey(db: CommonQueryMethods, lookupKey: string) {
  return db.maybeOne(sql.type(PlanRow)`
    SELECT product, plan, subscribed_per AS "subscribedPer"
    FROM platform.plans JOIN platform.products USING (product)
    WHERE stripe_lookup_key = ${lookupKey}
  `);
}
