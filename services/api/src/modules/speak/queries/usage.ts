/** speak.usage_hours: hourly usage, written with the spend it counts; one function per statement. */
import { speak } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';

const PeriodRow = rowType(
  Type.Object({ ...speak.progress.UsagePeriod.properties, id: Type.String(), createdAt: Type.String() }),
);

export type UsageQuery = Static<typeof speak.progress.listUsage.query>;

export interface UsageIncrement {
  microphoneSeconds: number;
  conversations: number;
  messages: number;
  /** Microphone seconds per language code. */
  languages: Record<string, number>;
  features: Record<string, number>;
}

/**
 * Adds to the current UTC hour's row: one upsert, atomic under concurrency. Runs in the
 * transaction that spends the quota, so a refused spend leaves no usage either.
 */
export function addUsage(db: CommonQueryMethods, accountId: string, usage: UsageIncrement) {
  return db.query(sql.type(NoRows)`
    INSERT INTO speak.usage_hours AS u (account_id, hour, microphone_seconds, conversation_count, message_count,
                                       language_breakdown, feature_usage)
    VALUES (${accountId}, date_trunc('hour', now(), 'UTC'), ${usage.microphoneSeconds}, ${usage.conversations},
            ${usage.messages}, ${sql.jsonb(usage.languages)}, ${sql.jsonb(usage.features)})
    ON CONFLICT (account_id, hour) DO UPDATE SET
      microphone_seconds = u.microphone_seconds + EXCLUDED.microphone_seconds,
      conversation_count = u.conversation_count + EXCLUDED.conversation_count,
      message_count = u.message_count + EXCLUDED.message_count,
      language_breakdown = speak.add_counts(u.language_breakdown, EXCLUDED.language_breakdown),
      feature_usage = speak.add_counts(u.feature_usage, EXCLUDED.feature_usage)
  `);
}

/**
 * Periods newest first. The keyset is the period's start (`createdAt` of the cursor; the id is a
 * constant, periods being unique per account).
 */
export function listUsagePeriods(
  db: CommonQueryMethods,
  accountId: string,
  query: UsageQuery,
  before: string | null,
  take: number,
) {
  const unit = query.granularity === 'day' ? 'day' : 'hour';
  const bounds = [sql.fragment`account_id = ${accountId}`];
  if (query.from !== undefined)
    bounds.push(sql.fragment`hour >= date_trunc(${unit}, ${query.from}::timestamptz, 'UTC')`);
  if (query.to !== undefined) bounds.push(sql.fragment`hour < ${query.to}::timestamptz`);
  const after = before === null ? sql.fragment`` : sql.fragment`WHERE period < ${before}::timestamptz`;
  return db.any(sql.type(PeriodRow)`
    SELECT period, period AS "createdAt", '00000000-0000-4000-8000-000000000000' AS id, "microphoneSeconds",
           conversations, messages, "languageBreakdown", "featureUsage"
    FROM (
      SELECT date_trunc(${unit}, hour, 'UTC') AS period,
             sum(microphone_seconds)::int AS "microphoneSeconds", sum(conversation_count)::int AS conversations,
             sum(message_count)::int AS messages, speak.sum_counts(language_breakdown) AS "languageBreakdown",
             speak.sum_counts(feature_usage) AS "featureUsage"
      FROM speak.usage_hours
      WHERE ${sql.join(bounds, sql.fragment` AND `)}
      GROUP BY 1
    ) AS periods
    ${after}
    ORDER BY period DESC LIMIT ${take}
  `);
}
