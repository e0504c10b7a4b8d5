/**
 * Referral conversions and their commissions (docs/products/nex.md, Referrals). A conversion is
 * recorded once per converted thing (a unique key in nex.referral_conversions), in the converting
 * account's own transaction; a purchase's commission is credited in the same transaction, only
 * when that conversion was new, so a redelivered webhook or a concurrent duplicate credits nothing.
 */
import type { CommonQueryMethods } from 'slonik';
import { type MoneyScope, platformFee, recordCommission } from '../commerce/ledger.ts';
import { findCodeById, findConversion, recordConversion } from './referral-queries.ts';
import { usableCode } from './referrals.ts';

/**
 * The commission on a purchase: the code's rate (basis points) of its value, rounded down to a
 * minor unit, and never more than the platform's fee on it, which pays for it.
 */
export function referralCommission(value: number, basisPoints: number): number {
  return Math.min(Math.floor((value * basisPoints) / 10_000), platformFee(value));
}

/** A creator joined nex through a code: one `signup` conversion (no money). Bound to the new creator. */
export async function recordSignup(db: CommonQueryMethods, creatorId: string, code: string) {
  const found = await usableCode(db, code, creatorId);
  await recordConversion(db, {
    codeId: found.id,
    converterId: creatorId,
    kind: 'signup',
    referenceType: 'creator',
    referenceId: creatorId,
    value: 0,
    commission: 0,
    currency: 'JPY',
  });
}

export interface ReferredPurchase {
  codeId: string;
  buyerId: string;
  /** What was bought (`ticket_order`, `order`) and its id: one conversion each. */
  referenceType: string;
  referenceId: string;
  amount: number;
  currency: string;
  paymentId: string;
}

/**
 * A confirmed purchase through a code: its conversion and, when new, the commission. Returns the
 * commission credited (0 when the conversion was recorded already). Call it in the transaction
 * that settles the payment.
 */
export async function creditReferral(scope: MoneyScope, purchase: ReferredPurchase): Promise<number> {
  const code = await findCodeById(scope.db, purchase.codeId);
  if (!code || code.accountId === purchase.buyerId) return 0;
  const commission = referralCommission(purchase.amount, code.commissionBasisPoints);
  const recorded = await scope.withAccount(purchase.buyerId, () =>
    recordConversion(scope.db, {
      codeId: code.id,
      converterId: purchase.buyerId,
      kind: 'purchase',
      referenceType: purchase.referenceType,
      referenceId: purchase.referenceId,
      value: purchase.amount,
      commission,
      currency: purchase.currency,
    }),
  );
  if (!recorded || commission === 0) return 0;
  await recordCommission(scope, {
    referrerId: code.accountId,
    amount: commission,
    currency: purchase.currency,
    paymentId: purchase.paymentId,
    referenceType: purchase.referenceType,
    referenceId: purchase.referenceId,
    description: `Referral commission (code ${code.code})`,
  });
  return commission;
}

/** A refunded purchase gives its commission back (once: the refund itself happens once). */
export async function reverseReferral(
  scope: MoneyScope,
  purchase: Omit<ReferredPurchase, 'codeId' | 'amount'>,
): Promise<void> {
  const conversion = await scope.withAccount(purchase.buyerId, () =>
    findConversion(scope.db, purchase.referenceType, purchase.referenceId),
  );
  if (!conversion || conversion.commissionAmount === 0) return;
  await recordCommission(scope, {
    referrerId: conversion.referrerId,
    amount: conversion.commissionAmount,
    currency: purchase.currency,
    paymentId: purchase.paymentId,
    referenceType: purchase.referenceType,
    referenceId: purchase.referenceId,
    description: 'Referral commission returned (purchase refunded)',
    reverse: true,
  });
}
