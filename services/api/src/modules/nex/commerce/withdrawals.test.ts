/**
 * Withdrawals through the real app and PostgreSQL: ten concurrent requests for the whole balance
 * → one; the payout task pays it through the local PayoutProvider (once, however many workers
 * run at once), or returns the money when the provider refuses; an unreachable provider leaves it
 * to a later run; the ledger stays balanced and the status machine holds for any writer.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { localPayoutProvider, type PayoutProvider } from '../../../kernel/payments/index.ts';
import { recordEarning, transactionScope } from './index.ts';
import { payWithdrawals } from './withdrawals.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

/** A sale of `amount` JPY credited to the seller (less the 10 % fee), as a selling module records it. */
async function earn(seller: Account, amount: number) {
  await pool.transaction((tx) =>
    recordEarning(transactionScope(tx), {
      kind: 'sale',
      sellerId: seller.id,
      amount,
      currency: 'JPY',
      paymentId: randomUUID(),
      referenceType: 'test_sale',
      referenceId: randomUUID(),
      description: 'A test sale',
    }),
  );
}

const withdraw = (account: Account, amount: number, destination = 'acct_test123') =>
  as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/nex/withdrawals',
    payload: { amount, currency: 'JPY', destination },
  });

const balance = async (account: Account) =>
  (await as(app, account.accessToken, { method: 'GET', url: '/v1/nex/balance' })).json().data;

const getWithdrawal = async (account: Account, id: string) =>
  (await as(app, account.accessToken, { method: 'GET', url: `/v1/nex/withdrawals/${id}` })).json();

async function unbalanced(referenceId: string) {
  return admin.any(sql.unsafe`
    SELECT transaction_id FROM nex.ledger_entries WHERE reference_id = ${referenceId}
    GROUP BY transaction_id HAVING sum(amount) <> 0
  `);
}

/** The local provider, counting its calls. */
function countingPayouts(inner: PayoutProvider = localPayoutProvider) {
  const calls: string[] = [];
  const provider: PayoutProvider = {
    name: inner.name,
    async createPayout(payout) {
      calls.push(payout.idempotencyKey);
      return inner.createPayout(payout);
    },
  };
  return { provider, calls };
}

describe('withdrawals', () => {
  it('ten concurrent withdrawals of the whole balance: one is held, and paid once by concurrent workers', async () => {
    const creator = await signUp(app);
    await earn(creator, 10_000);
    expect(await balance(creator)).toEqual([{ currency: 'JPY', available: 9000, withdrawing: 0 }]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => withdraw(creator, 9000)));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(9);
    const requested = answers.find((a) => a.statusCode === 201)!.json();
    expect(requested).toMatchObject({ status: 'requested', amount: 9000, providerPayoutId: null });
    expect(await balance(creator)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 9000 }]);

    // Three workers at once: one claims it, the provider is called once.
    const { provider, calls } = countingPayouts();
    const runs = await Promise.all([1, 2, 3].map(() => payWithdrawals(pool, provider)));
    expect(runs.reduce((paid, run) => paid + run.paid, 0)).toBeGreaterThanOrEqual(1);
    expect(calls.filter((key) => key === `nex-withdrawal-${requested.id}`)).toHaveLength(1);
    const paid = await getWithdrawal(creator, requested.id);
    expect(paid).toMatchObject({ status: 'paid', providerPayoutId: expect.stringMatching(/^tr_local_/) });
    expect(paid.settledAt).toEqual(expect.any(String));
    expect(await balance(creator)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
    expect(await unbalanced(requested.id)).toEqual([]);
    const kinds = (await as(app, creator.accessToken, { method: 'GET', url: '/v1/nex/transactions' }))
      .json()
      .data.map((e: { kind: string; book: string; amount: number }) => `${e.kind} ${e.book} ${e.amount}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'withdrawal available -9000',
        'withdrawal withdrawing 9000',
        'payout withdrawing -9000',
      ]),
    );

    // Nothing left to withdraw; a paid withdrawal never moves again, whoever writes.
    expectProblem(await withdraw(creator, 1000), 409, 'conflict');
    await expect(
      admin.query(sql.unsafe`UPDATE nex.withdrawals SET status = 'requested' WHERE id = ${requested.id}`),
    ).rejects.toThrow(/check integrity/);
  });

  it('a refused payout returns the money; an unreachable provider leaves it for a later run', async () => {
    const creator = await signUp(app);
    await earn(creator, 5000);
    const refused = (await withdraw(creator, 2000, 'acct_fail_please')).json();
    const later = (await withdraw(creator, 1500)).json();
    expect(await balance(creator)).toEqual([{ currency: 'JPY', available: 1000, withdrawing: 3500 }]);

    const down: PayoutProvider = {
      name: 'local',
      async createPayout() {
        throw new DomainError('unavailable', 'The payout provider cannot be reached.');
      },
    };
    const first = await payWithdrawals(pool, down);
    expect(first.retrying).toBeGreaterThanOrEqual(2);
    expect((await getWithdrawal(creator, later.id)).status).toBe('processing');
    // Not due again for 5 minutes; then a run pays what it can.
    expect((await payWithdrawals(pool, localPayoutProvider)).paid).toBe(0);
    await admin.query(sql.unsafe`
      UPDATE nex.withdrawals SET updated_at = now() - interval '6 minutes' WHERE id IN (${refused.id}, ${later.id})
    `);
    await payWithdrawals(pool, localPayoutProvider);
    expect(await getWithdrawal(creator, refused.id)).toMatchObject({
      status: 'failed',
      failureMessage: expect.stringContaining('refuses'),
    });
    expect((await getWithdrawal(creator, later.id)).status).toBe('paid');
    expect(await balance(creator)).toEqual([{ currency: 'JPY', available: 3000, withdrawing: 0 }]);
    expect(await unbalanced(refused.id)).toEqual([]);
  });

  it('refuse bad amounts and destinations; another account’s withdrawals are 404', async () => {
    const creator = await signUp(app);
    await earn(creator, 3000);
    expectProblem(await withdraw(creator, 999), 400, 'validation_failed');
    expectProblem(await withdraw(creator, 2000, 'bank-123'), 400, 'validation_failed');
    expectProblem(await withdraw(creator, 2701), 409, 'conflict');
    const mine = (await withdraw(creator, 2700)).json();
    const stranger = await signUp(app);
    expectProblem(
      await as(app, stranger.accessToken, { method: 'GET', url: `/v1/nex/withdrawals/${mine.id}` }),
      404,
      'not_found',
    );
    expect(
      (await as(app, stranger.accessToken, { method: 'GET', url: '/v1/nex/withdrawals' })).json().data,
    ).toEqual([]);
    const own = (await as(app, creator.accessToken, { method: 'GET', url: '/v1/nex/withdrawals' })).json();
    expect(own.data.map((w: { id: string }) => w.id)).toEqual([mine.id]);
    // No withdrawal in a currency one has no balance in.
    expectProblem(
      await as(app, creator.accessToken, {
        method: 'POST',
        url: '/v1/nex/withdrawals',
        payload: { amount: 1000, currency: 'USD', destination: 'acct_test123' },
      }),
      409,
      'conflict',
    );
  });
});
