/**
 * Test support: a route that spends quota the way a product operation does
 * (in the request's transaction, bound to the account), so tests can drive
 * the kernel over HTTP before any product module spends.
 */
import type { FastifyInstance } from 'fastify';
import { bindAccount } from '../tenancy.ts';
import { type QuotaSpend, refundQuota, setQuotaHeaders, spendQuota } from './quota.ts';

export const SPEND_URL = '/test/quota/spend';
export const REFUND_URL = '/test/quota/refund';

export function quotaTestRoutes(app: FastifyInstance): void {
  app.post<{ Body: Omit<QuotaSpend, 'reason'> }>(SPEND_URL, async (request, reply) => {
    const spent = await app.db.transaction(async (db) => {
      await bindAccount(db, request.body.accountId);
      return spendQuota(db, { ...request.body, reason: 'test.spend' });
    });
    setQuotaHeaders(reply, spent);
    return spent;
  });
  app.post<{ Body: { accountId: string; ledgerEntryId: string } }>(REFUND_URL, async (request) => {
    const refunded = await app.db.transaction(async (db) => {
      await bindAccount(db, request.body.accountId);
      return refundQuota(db, { ...request.body, reason: 'test.refund' });
    });
    return { refunded };
  });
}
