/**
 * Referral conversions and commissions through the real app and PostgreSQL: signups through a
 * code count once each (20 at once count 20); a paid ticket bought through a code credits the
 * referrer its commission out of the platform's fee once the payment is confirmed, exactly once
 * however many times the conversion is attempted concurrently; a refund takes it back; only the
 * referrer lists the conversions.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { transactionScope } from '../commerce/index.ts';
import { type Creator, joinedCreator, newUsername, uploadImage } from '../testing.ts';
import { creditReferral, referralCommission } from './commissions.ts';
import { balances, orderTickets, paidTicketType, simulatePayment } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

async function referral(owner: Creator, payload: Record<string, unknown> = {}) {
  const created = await as(app, owner.accessToken, {
    method: 'POST',
    url: '/v1/nex/referrals',
    payload: { referralType: 'user', ...payload },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; code: string };
}

const join = (account: Account, referralCode?: string) =>
  as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/nex/creators',
    payload: { username: newUsername(), birthDate: '2000-04-01', ...(referralCode ? { referralCode } : {}) },
  });

const conversions = (owner: Account, code: string, query = '') =>
  as(app, owner.accessToken, { method: 'GET', url: `/v1/nex/referrals/${code}/conversions${query}` });

describe('referral conversions', () => {
  it('the commission is the rate of the value, rounded down, never more than the platform fee', () => {
    expect(referralCommission(2500, 500)).toBe(125);
    expect(referralCommission(999, 500)).toBe(49);
    expect(referralCommission(2500, 5000)).toBe(250);
    expect(referralCommission(2500, 0)).toBe(0);
  });

  it('count a signup once per creator: 20 concurrent signups through one code count 20', async () => {
    const referrer = await joinedCreator(app);
    const { code } = await referral(referrer);
    const newcomers = await Promise.all(Array.from({ length: 20 }, () => signUp(app)));
    const joined = await Promise.all(newcomers.map((account) => join(account, code)));
    expect(joined.map((j) => j.statusCode)).toEqual(Array(20).fill(201));
    const read = await as(app, referrer.accessToken, { method: 'GET', url: `/v1/nex/referrals/${code}` });
    expect(read.json().conversionCount).toBe(20);
    const first = await conversions(referrer, code, '?limit=15');
    expect(first.json().data).toHaveLength(15);
    expect(first.json().data[0]).toMatchObject({
      kind: 'signup',
      referenceType: 'creator',
      valueAmount: 0,
      commissionAmount: 0,
    });
    const rest = await conversions(referrer, code, `?limit=15&cursor=${first.json().nextCursor}`);
    expect(rest.json()).toMatchObject({ nextCursor: null });
    expect(rest.json().data).toHaveLength(5);

    // An unknown code is refused (and joins nobody), and joining twice converts nothing more. (Only
    // a creator owns a code and one joins once, so nobody signs up through their own code.)
    const stranger = await signUp(app);
    expectProblem(await join(stranger, 'no-such-code'), 409, 'conflict');
    expect((await join(stranger)).statusCode).toBe(201);
    expectProblem(await join(newcomers[0]!, code), 409, 'conflict');
    expect(
      (await as(app, referrer.accessToken, { method: 'GET', url: `/v1/nex/referrals/${code}` })).json()
        .conversionCount,
    ).toBe(20);
    // Another account never lists a code's conversions.
    expectProblem(await conversions(newcomers[1]!, code), 404, 'not_found');
  });

  it('credit the referrer a paid ticket’s commission once paid, out of the fee; a refund takes it back', async () => {
    const { organizer, event, type } = await paidTicketType(app, 5, 2500);
    const referrer = await joinedCreator(app);
    const { code } = await referral(referrer, { referralType: 'event', referenceId: event.id });
    const buyer = await signUp(app);
    // Your own code is refused.
    expectProblem(await orderTickets(app, referrer, type.id, 1, { referralCode: code }), 409, 'conflict');
    const placed = await orderTickets(app, buyer, type.id, 2, { referralCode: code });
    expect(placed.statusCode, placed.body).toBe(201);
    // Nothing before the payment is confirmed.
    expect((await conversions(referrer, code)).json().data).toEqual([]);
    // Ten confirmations at once: one settles the payment, the commission is credited once.
    const paid = await Promise.all(
      Array.from({ length: 10 }, () => simulatePayment(app, buyer, placed.json().payment.id)),
    );
    // (Those that find it pending race to settle it; the conditional UPDATE lets one through.)
    expect(paid.every((p) => p.statusCode === 200 || p.statusCode === 409)).toBe(true);
    expect(await balances(app, referrer)).toEqual([{ currency: 'JPY', available: 250, withdrawing: 0 }]);
    // The organizer keeps the price less the fee: the platform pays the commission.
    expect(await balances(app, organizer)).toEqual([{ currency: 'JPY', available: 4500, withdrawing: 0 }]);
    expect((await conversions(referrer, code)).json().data).toEqual([
      expect.objectContaining({
        kind: 'purchase',
        referenceType: 'ticket_order',
        valueAmount: 5000,
        commissionAmount: 250,
        currency: 'JPY',
      }),
    ]);
    const entries = (
      await as(app, referrer.accessToken, { method: 'GET', url: '/v1/nex/transactions' })
    ).json().data;
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'commission', amount: 250, book: 'available' }),
    ]);

    // Cancelling the event refunds the ticket and takes the commission back.
    const canceled = await as(app, organizer.accessToken, {
      method: 'POST',
      url: `/v1/nex/events/${event.id}/cancel`,
    });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(await balances(app, referrer)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
    expect(await balances(app, organizer)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
    const fees = await admin.oneFirst(sql.unsafe`
      SELECT COALESCE(sum(amount), 0)::int FROM nex.ledger_entries
      WHERE reference_id = ${placed.json().id} AND book = 'fees'
    `);
    expect(fees).toBe(0);
  });

  it('credit the referrer a shop order’s commission once paid; the seller’s refund takes it back', async () => {
    const seller = await joinedCreator(app);
    const fileId = await uploadImage(app, seller);
    const product = await as(app, seller.accessToken, {
      method: 'POST',
      url: '/v1/nex/products',
      payload: { name: 'print', category: 'digital-art', kind: 'digital', fileId, priceAmount: 2000 },
    });
    expect(product.statusCode, product.body).toBe(201);
    const referrer = await joinedCreator(app);
    const { code } = await referral(referrer);
    const buyer = await signUp(app);
    const items = [{ productId: product.json().id, quantity: 1 }];
    const buy = (who: Account, referralCode: string) =>
      as(app, who.accessToken, { method: 'POST', url: '/v1/nex/orders', payload: { items, referralCode } });
    expectProblem(await buy(referrer, code), 409, 'conflict');
    expectProblem(await buy(buyer, 'no-such-code'), 409, 'conflict');
    const placed = await buy(buyer, code);
    expect(placed.statusCode, placed.body).toBe(201);
    expect((await simulatePayment(app, buyer, placed.json().paymentId)).statusCode).toBe(200);
    expect(await balances(app, referrer)).toEqual([{ currency: 'JPY', available: 100, withdrawing: 0 }]);
    expect(await balances(app, seller)).toEqual([{ currency: 'JPY', available: 1800, withdrawing: 0 }]);
    expect((await conversions(referrer, code)).json().data).toEqual([
      expect.objectContaining({
        kind: 'purchase',
        referenceType: 'order',
        valueAmount: 2000,
        commissionAmount: 100,
      }),
    ]);
    const refunded = await as(app, seller.accessToken, {
      method: 'POST',
      url: `/v1/nex/orders/${placed.json().id}/refund`,
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(await balances(app, referrer)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
    expect(await balances(app, seller)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
  });

  it('credit a conversion exactly once however many transactions attempt it at once', async () => {
    const referrer = await joinedCreator(app);
    const { id: codeId } = await referral(referrer, { commissionBasisPoints: 300 });
    const buyer = await signUp(app);
    const purchase = {
      codeId,
      buyerId: buyer.id,
      referenceType: 'ticket_order',
      referenceId: randomUUID(),
      amount: 10_000,
      currency: 'JPY',
      paymentId: randomUUID(),
    };
    const credited = await Promise.all(
      Array.from({ length: 12 }, () =>
        pool.transaction((tx) => creditReferral(transactionScope(tx), purchase)),
      ),
    );
    expect(credited.sort((a, b) => b - a)).toEqual([300, ...Array(11).fill(0)]);
    expect(await balances(app, referrer)).toEqual([{ currency: 'JPY', available: 300, withdrawing: 0 }]);
    const rows = await admin.oneFirst(
      sql.unsafe`SELECT count(*)::int FROM nex.referral_conversions WHERE reference_id = ${purchase.referenceId}`,
    );
    expect(rows).toBe(1);
  });
});
