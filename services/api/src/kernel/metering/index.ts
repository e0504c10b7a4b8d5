/** The metering kernel: what product modules call to spend and refund quota, read usage and change plans. */
export { listPlans } from './catalogue.ts';
export {
  applyStripeSubscription,
  findPlan,
  findPlanByStripeLookupKey,
  type StripeSubscriptionState,
  setSubscriptionPlan,
} from './queries.ts';
export {
  type PreparedSpend,
  type QuotaSpend,
  refundQuota,
  type SpendAtCommit,
  type SpentQuota,
  setQuotaHeaders,
  spendQuota,
  spendsAtCommit,
} from './quota.ts';
export { listUsage } from './usage.ts';
