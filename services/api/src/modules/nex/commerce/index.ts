/**
 * nex commerce (docs/products/nex.md, Payments and the ledger): payments, their webhook, the
 * ledger. Encapsulated (fastify-plugin's `encapsulate: true`) so that the JSON parser keeping the
 * raw bytes the webhook's signature covers applies to these routes only.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { keepRawJsonBodies } from '../../../http/raw-json-body.ts';
import { type CommerceOptions, commerceRoutes } from './routes.ts';

export {
  type Earning,
  type LedgerEntry,
  lockedAvailableBalance,
  type MoneyScope,
  PLATFORM_FEE_BASIS_POINTS,
  platformFee,
  recordCommission,
  recordEarning,
  recordRefund,
  recordTransaction,
  transactionScope,
} from './ledger.ts';
export {
  createPayment,
  type PaymentPurpose,
  type PaymentRecord,
  type PaymentRequest,
  type PaymentScope,
  paymentFor,
  refundPayment,
  registerPaymentPurpose,
} from './payments.ts';
export type { CommerceOptions };

async function commercePlugin(app: FastifyInstance, options: CommerceOptions) {
  commerceRoutes(app, options, keepRawJsonBodies(app));
}

export default fp(commercePlugin, { name: 'nex-commerce', dependencies: ['operations'], encapsulate: true });
