/** The metering kernel: what product modules call to spend and refund quota, read usage and change plans. */
export { listPlans } from './catalogue.ts';
export {
  type AppliedPurchase,
  applyStripePurchase,
  type PurchaseStatus,
  type StripePurchaseState,
  standingLimits,
} from './purchases.ts';
export { findPlan, findPlanByStripeLookupKey } from './queries.ts';
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
export {
  applyStripeSubscription,
  cancelAtPeriodEnd,
  endSubscription,
  findSubscription,
  findSubscriptionOf,
  listSubscriptions,
  type StartedSubscription,
  type StripeSubscriptionState,
  type SubscriptionKey,
  setSubscriptionPlan,
  startSubscription,
} from './subscriptions.ts';
export { listUsage } from './usage.ts';
