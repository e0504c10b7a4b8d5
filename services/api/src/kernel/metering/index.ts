/** The metering kernel: what product modules call to spend and refund quota. */
export { listPlans } from './catalogue.ts';
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
