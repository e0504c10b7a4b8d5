/**
 * The plan catalogue, read from the same rows quotas are (platform.plans, platform.plan_limits,
 * platform.metrics): one source for prices, trials and limits.
 */
import { plans } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';

const PlanRow = rowType(plans.Plan);

export function listPlans(db: CommonQueryMethods, product: string | undefined) {
  const filter = product === undefined ? sql.fragment`` : sql.fragment`WHERE p.product = ${product}`;
  return db.any(sql.type(PlanRow)`
    SELECT p.product, p.plan, p.tier, p.price_amount AS "priceAmount", p.currency,
           p.billing_period AS "billingPeriod", p.trial_days AS "trialDays", pr.subscribed_per AS "subscribedPer",
           COALESCE(
             (SELECT json_agg(json_build_object('metric', l.metric, 'period', m.period, 'limit', l."limit")
                              ORDER BY l.metric)
              FROM platform.plan_limits l JOIN platform.metrics m USING (product, metric)
              WHERE l.product = p.product AND l.plan = p.plan),
             '[]') AS limits
    FROM platform.plans p JOIN platform.products pr USING (product)
    ${filter}
    ORDER BY array_position(ARRAY['studio', 'speak', 'nex', 'stickers', 'miyabi'], p.product), p.position
  `);
}
