/** Payments (migration 0220): the payer owns the row; every change is one conditional UPDATE. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';

export const PaymentRecord = Type.Object({
  ...nex.commerce.payments.Payment.properties,
  accountId: Type.String(),
});
export type PaymentRecord = Static<typeof PaymentRecord>;
const PaymentRow = rowType(PaymentRecord);

const paymentColumns = sql.fragment`
  id, account_id AS "accountId", purpose, reference_id AS "referenceId", amount, currency, provider,
  provider_payment_id AS "providerPaymentId", client_secret AS "clientSecret", status,
  refunded_amount AS "refundedAmount", failure_message AS "failureMessage", created_at AS "createdAt",
  settled_at AS "settledAt"
`;

export interface NewPayment {
  accountId: string;
  purpose: string;
  referenceId: string;
  amount: number;
  currency: string;
  provider: 'local' | 'stripe';
}

export function insertPayment(db: CommonQueryMethods, payment: NewPayment) {
  return db.one(sql.type(PaymentRow)`
    INSERT INTO nex.payments (account_id, purpose, reference_id, amount, currency, provider)
    VALUES (${payment.accountId}, ${payment.purpose}, ${payment.referenceId}, ${payment.amount},
            ${payment.currency}, ${payment.provider})
    RETURNING ${paymentColumns}
  `);
}

export function attachProviderPayment(
  db: CommonQueryMethods,
  id: string,
  providerPaymentId: string,
  clientSecret: string | null,
) {
  return db.one(sql.type(PaymentRow)`
    UPDATE nex.payments SET provider_payment_id = ${providerPaymentId}, client_secret = ${clientSecret}
    WHERE id = ${id}
    RETURNING ${paymentColumns}
  `);
}

export function findPayment(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(PaymentRow)`SELECT ${paymentColumns} FROM nex.payments WHERE id = ${id}`);
}

export function findPaymentFor(db: CommonQueryMethods, purpose: string, referenceId: string) {
  return db.maybeOne(sql.type(PaymentRow)`
    SELECT ${paymentColumns} FROM nex.payments WHERE purpose = ${purpose} AND reference_id = ${referenceId}
  `);
}

/**
 * Settles a pending payment as the provider's event says, if the event is about it: same provider
 * id, amount and currency. Null when nothing matched (not pending, or not this payment).
 */
export function settlePayment(
  db: CommonQueryMethods,
  settlement: {
    id: string;
    providerPaymentId: string;
    amount: number;
    currency: string;
    status: 'succeeded' | 'failed';
    failureMessage: string | null;
  },
) {
  return db.maybeOne(sql.type(PaymentRow)`
    UPDATE nex.payments
    SET status = ${settlement.status}, failure_message = ${settlement.failureMessage}, settled_at = now()
    WHERE id = ${settlement.id} AND status = 'pending' AND provider_payment_id = ${settlement.providerPaymentId}
      AND amount = ${settlement.amount} AND currency = ${settlement.currency}
    RETURNING ${paymentColumns}
  `);
}

/** A pending payment whose reservation expired: it can no longer succeed into a delivery. */
export function cancelPendingPayment(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(PaymentRow)`
    UPDATE nex.payments SET status = 'canceled', settled_at = now()
    WHERE id = ${id} AND status = 'pending'
    RETURNING ${paymentColumns}
  `);
}

/** Marks a payment refunded, from `from` only (so two refunds cannot both pass). */
export function markRefunded(db: CommonQueryMethods, id: string, from: 'succeeded' | 'canceled') {
  return db.maybeOne(sql.type(PaymentRow)`
    UPDATE nex.payments SET status = 'refunded', refunded_amount = amount
    WHERE id = ${id} AND status = ${from}
    RETURNING ${paymentColumns}
  `);
}
