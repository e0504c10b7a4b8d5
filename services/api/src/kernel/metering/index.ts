/** The metering kernel: what product modules call to spend and refund quota. */
export { type QuotaSpend, refundQuota, type SpentQuota, setQuotaHeaders, spendQuota } from './quota.ts';
