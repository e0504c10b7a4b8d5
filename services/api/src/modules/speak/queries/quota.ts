/** The account's microphone quota now: its plan's limit (seconds) and this month's use. */
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../../db/row-type.ts';

const QuotaRow = rowType(
  Type.Object({
    plan: Type.String(),
    limit: Type.Union([Type.Number(), Type.Null()]),
    used: Type.Number(),
    resetsAt: Type.String(),
  }),
);

export function microphoneQuota(db: CommonQueryMethods, accountId: string) {
  return db.one(sql.type(QuotaRow)`
    SELECT l.plan, l."limit",
           COALESCE((SELECT used FROM platform.quota_counters c
                     WHERE c.account_id = ${accountId} AND c.product = 'speak' AND c.metric = 'seconds' AND c.subject = ''
                       AND c.period_start = platform.quota_period_start('month', now())), 0) AS used,
           platform.quota_period_end('month', now()) AS "resetsAt"
    FROM platform.plan_limits l
    WHERE l.product = 'speak' AND l.metric = 'seconds' AND l.plan = platform.current_plan(${accountId}, 'speak', '')
  `);
}
