/**
 * The ledger's property (docs/products/nex.md, The ledger), against real PostgreSQL: random
 * sequences of sales, refunds, withdrawal requests and payout runs (paid or refused) keep every
 * ledger transaction balanced, the whole ledger summing to zero, and every balance equal both to
 * the sum of its entries and to a model that applies the same moves by arithmetic. A withdrawal
 * the model says the balance cannot cover must be refused.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { localPayoutProvider } from '../../../kernel/payments/index.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { platformFee, recordEarning, recordRefund, transactionScope } from './index.ts';
import { payWithdrawals, requestWithdrawal } from './withdrawals.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const sellers: Account[] = await Promise.all([signUp(app), signUp(app), signUp(app)]);

/** What the books should hold, by arithmetic alone. */
const model = new Map(sellers.map((s) => [s.id, { available: 0, withdrawing: 0 }]));
const sales: { sellerId: string; amount: number; referenceId: string; refunded: boolean }[] = [];
const inFlight: { sellerId: string; amount: number; fails: boolean }[] = [];

type Command =
  | { kind: 'sale'; seller: number; amount: number }
  | { kind: 'refund'; pick: number }
  | { kind: 'withdraw'; seller: number; amount: number; fails: boolean }
  | { kind: 'payout' };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    seller: fc.integer({ min: 0, max: 2 }),
    amount: fc.integer({ min: 1, max: 50_000 }),
  }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('withdraw' as const),
    seller: fc.integer({ min: 0, max: 2 }),
    amount: fc.integer({ min: 1000, max: 40_000 }),
    fails: fc.boolean(),
  }),
  fc.constant({ kind: 'payout' as const }),
);

async function apply(step: Command) {
  if (step.kind === 'sale') {
    const seller = sellers[step.seller]!;
    const referenceId = randomUUID();
    await pool.transaction((tx) =>
      recordEarning(transactionScope(tx), {
        kind: 'sale',
        sellerId: seller.id,
        amount: step.amount,
        currency: 'JPY',
        paymentId: randomUUID(),
        referenceType: 'property_sale',
        referenceId,
        description: 'A sale',
      }),
    );
    model.get(seller.id)!.available += step.amount - platformFee(step.amount);
    sales.push({ sellerId: seller.id, amount: step.amount, referenceId, refunded: false });
  } else if (step.kind === 'refund') {
    const open = sales.filter((sale) => !sale.refunded);
    const sale = open[step.pick % Math.max(open.length, 1)];
    if (!sale) return;
    const fee = platformFee(sale.amount);
    await pool.transaction((tx) =>
      recordRefund(transactionScope(tx), {
        sellerId: sale.sellerId,
        amount: sale.amount,
        fee,
        currency: 'JPY',
        paymentId: randomUUID(),
        referenceType: 'property_sale',
        referenceId: sale.referenceId,
        description: 'A refund',
      }),
    );
    sale.refunded = true;
    model.get(sale.sellerId)!.available -= sale.amount - fee;
  } else if (step.kind === 'withdraw') {
    const seller = sellers[step.seller]!;
    const books = model.get(seller.id)!;
    const request = withAccount(pool, seller.id, (tx) =>
      requestWithdrawal(transactionScope(tx, seller.id), seller.id, {
        amount: step.amount,
        currency: 'JPY',
        destination: step.fails ? 'acct_fail_property' : 'acct_property',
      }),
    );
    if (step.amount > books.available) {
      await expect(request).rejects.toBeInstanceOf(DomainError);
      return;
    }
    await request;
    books.available -= step.amount;
    books.withdrawing += step.amount;
    inFlight.push({ sellerId: seller.id, amount: step.amount, fails: step.fails });
  } else {
    await payWithdrawals(pool, localPayoutProvider);
    for (const withdrawal of inFlight.splice(0)) {
      const books = model.get(withdrawal.sellerId)!;
      books.withdrawing -= withdrawal.amount;
      if (withdrawal.fails) books.available += withdrawal.amount;
    }
  }
}

async function checkInvariants() {
  const unbalanced = await admin.any(sql.unsafe`
    SELECT transaction_id FROM nex.ledger_entries GROUP BY transaction_id HAVING sum(amount) <> 0
  `);
  expect(unbalanced).toEqual([]);
  expect(await admin.oneFirst(sql.unsafe`SELECT COALESCE(sum(amount), 0)::int FROM nex.ledger_entries`)).toBe(
    0,
  );
  for (const seller of sellers) {
    const answer = await app.inject({
      method: 'GET',
      url: '/v1/nex/balance',
      headers: { authorization: `Bearer ${seller.accessToken}` },
    });
    const reported = answer.json().data[0] ?? { available: 0, withdrawing: 0 };
    const summed = (await admin.one(sql.unsafe`
      SELECT COALESCE(sum(amount) FILTER (WHERE book = 'available'), 0)::int AS available,
             COALESCE(sum(amount) FILTER (WHERE book = 'withdrawing'), 0)::int AS withdrawing
      FROM nex.ledger_entries WHERE account_id = ${seller.id}
    `)) as { available: number; withdrawing: number };
    expect({ available: reported.available, withdrawing: reported.withdrawing }).toEqual(summed);
    expect(summed).toEqual(model.get(seller.id));
  }
}

describe('the ledger, under random sales, refunds and payouts', () => {
  it('keeps every transaction balanced and every balance the sum of its entries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const step of steps) await apply(step);
        await checkInvariants();
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
