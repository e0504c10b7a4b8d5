/**
 * Paid tickets through the real app, PostgreSQL and the local payment provider's signed webhook:
 * 30 buyers racing for 10 paid seats get exactly 10 orders and, once paid, 10 tickets; the
 * organizer is credited the price less the fee in a balanced ledger; a failed payment releases
 * its seats; a payment confirmed after its hold expired is refunded, not delivered; cancelling
 * the event refunds every paid order through the provider and reverses the ledger.
 */
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { releaseHolds } from './jobs.ts';
import { balances, orderTickets, paidTicketType, simulatePayment } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const PRICE = 2500;
const FEE = 250;

const paidType = (quantity: number) => paidTicketType(app, quantity, PRICE);
const order = (buyer: Account, ticketTypeId: string, quantity = 1) =>
  orderTickets(app, buyer, ticketTypeId, quantity);
const simulate = (buyer: Account, paymentId: string, outcome?: 'succeeded' | 'failed') =>
  simulatePayment(app, buyer, paymentId, outcome);

const getOrder = async (buyer: Account, id: string) =>
  (await as(app, buyer.accessToken, { method: 'GET', url: `/v1/nex/ticket-orders/${id}` })).json();

const inventory = async (typeId: string) =>
  admin.one(sql.unsafe`
    SELECT t.held, t.sold, e.taken FROM nex.ticket_types t JOIN nex.events e ON e.id = t.event_id WHERE t.id = ${typeId}
  `) as Promise<{ held: number; sold: number; taken: number }>;

const available = (account: Account) => balances(app, account);

/** Every ledger transaction about these orders sums to zero (the database checks it at COMMIT too). */
async function unbalancedTransactions(orderIds: string[]) {
  return admin.any(sql.unsafe`
    SELECT transaction_id FROM nex.ledger_entries
    WHERE reference_id = ANY(${sql.array(orderIds, 'uuid')})
    GROUP BY transaction_id HAVING sum(amount) <> 0
  `);
}

describe('paid tickets', () => {
  it('30 buyers race for 10 paid seats: exactly 10 orders, 10 tickets once paid, a balanced ledger', async () => {
    const { organizer, type } = await paidType(10);
    const buyers = await Promise.all(Array.from({ length: 30 }, () => signUp(app)));
    const answers = await Promise.all(buyers.map((buyer) => order(buyer, type.id)));
    const won = answers.flatMap((answer, i) =>
      answer.statusCode === 201 ? [{ buyer: buyers[i]!, answer }] : [],
    );
    expect(won).toHaveLength(10);
    expect(answers.filter((a) => a.statusCode === 409)).toHaveLength(20);
    expect(await inventory(type.id)).toEqual({ held: 10, sold: 0, taken: 10 });
    for (const { answer } of won) {
      expect(answer.json()).toMatchObject({
        status: 'pending',
        unitAmount: PRICE,
        totalAmount: PRICE,
        currency: 'JPY',
        tickets: [],
        payment: { id: expect.any(String) },
      });
    }
    // Nothing is delivered before the payment is confirmed.
    expect(await available(organizer)).toEqual([]);

    // Every winner pays at once: each confirmation goes through the signed webhook path.
    const paid = await Promise.all(won.map(({ buyer, answer }) => simulate(buyer, answer.json().payment.id)));
    expect(paid.map((p) => p.statusCode)).toEqual(Array(10).fill(200));
    expect(await inventory(type.id)).toEqual({ held: 0, sold: 10, taken: 10 });
    const orders = await Promise.all(won.map(({ buyer, answer }) => getOrder(buyer, answer.json().id)));
    for (const settled of orders) {
      expect(settled.status).toBe('paid');
      expect(settled.tickets).toHaveLength(1);
    }
    const codes = await admin.oneFirst(
      sql.unsafe`SELECT count(DISTINCT code)::int FROM nex.tickets WHERE ticket_type_id = ${type.id}`,
    );
    expect(codes).toBe(10);
    expect(await available(organizer)).toEqual([
      { currency: 'JPY', available: 10 * (PRICE - FEE), withdrawing: 0 },
    ]);
    expect(await unbalancedTransactions(orders.map((o) => o.id))).toEqual([]);
    const kinds = (
      await as(app, organizer.accessToken, { method: 'GET', url: '/v1/nex/transactions?limit=100' })
    )
      .json()
      .data.map((entry: { kind: string }) => entry.kind)
      .sort();
    expect(kinds).toEqual([...Array(10).fill('fee'), ...Array(10).fill('ticket')]);

    // A confirmed payment cannot be confirmed again, nor by someone else.
    const [first] = won;
    expectProblem(await simulate(first!.buyer, first!.answer.json().payment.id), 409, 'conflict');
    expectProblem(
      await simulate(buyers.find((b) => b !== first!.buyer)!, first!.answer.json().payment.id),
      404,
      'not_found',
    );
  });

  it('a failed payment releases its seats for the next buyer', async () => {
    const { organizer, type } = await paidType(2);
    const [a, b] = [await signUp(app), await signUp(app)];
    const held = (await order(a, type.id, 2)).json();
    expectProblem(await order(b, type.id, 1), 409, 'conflict');
    expect((await simulate(a, held.payment.id, 'failed')).json().status).toBe('failed');
    expect((await getOrder(a, held.id)).status).toBe('canceled');
    expect(await inventory(type.id)).toEqual({ held: 0, sold: 0, taken: 0 });
    const next = await order(b, type.id, 2);
    expect(next.statusCode, next.body).toBe(201);
    expect((await simulate(b, next.json().payment.id)).statusCode).toBe(200);
    expect(await inventory(type.id)).toEqual({ held: 0, sold: 2, taken: 2 });
    expect(await available(organizer)).toEqual([
      { currency: 'JPY', available: 2 * (PRICE - FEE), withdrawing: 0 },
    ]);
  });

  it('a payment confirmed after its hold expired is refunded, not delivered', async () => {
    const { organizer, type } = await paidType(1);
    const buyer = await signUp(app);
    const held = (await order(buyer, type.id)).json();
    await admin.query(
      sql.unsafe`UPDATE nex.ticket_orders SET expires_at = now() - interval '1 second' WHERE id = ${held.id}`,
    );
    expect((await releaseHolds(pool)).released).toBeGreaterThanOrEqual(1);
    expect(await inventory(type.id)).toEqual({ held: 0, sold: 0, taken: 0 });
    const late = await simulate(buyer, held.payment.id);
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().status).toBe('refunded');
    const after = await getOrder(buyer, held.id);
    expect(after).toMatchObject({ status: 'expired', tickets: [] });
    expect(await available(organizer)).toEqual([]);
  });

  it('cancelling the event refunds every paid order through the provider and reverses the ledger', async () => {
    const { organizer, event, type } = await paidType(5);
    const [a, b, c] = [await signUp(app), await signUp(app), await signUp(app)];
    const paidA = (await order(a, type.id, 2)).json();
    const paidB = (await order(b, type.id, 1)).json();
    const pendingC = (await order(c, type.id, 1)).json();
    await simulate(a, paidA.payment.id);
    await simulate(b, paidB.payment.id);
    expect(await available(organizer)).toEqual([
      { currency: 'JPY', available: 3 * (PRICE - FEE), withdrawing: 0 },
    ]);
    const canceled = await as(app, organizer.accessToken, {
      method: 'POST',
      url: `/v1/nex/events/${event.id}/cancel`,
    });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(await inventory(type.id)).toEqual({ held: 0, sold: 0, taken: 0 });
    for (const [buyer, placed] of [
      [a, paidA],
      [b, paidB],
    ] as const) {
      const refunded = await getOrder(buyer, placed.id);
      expect(refunded.status).toBe('refunded');
      expect(refunded.tickets.every((t: { status: string }) => t.status === 'refunded')).toBe(true);
      const payment = await as(app, buyer.accessToken, {
        method: 'GET',
        url: `/v1/nex/payments/${placed.payment.id}`,
      });
      expect(payment.json()).toMatchObject({ status: 'refunded', refundedAmount: placed.totalAmount });
    }
    expect((await getOrder(c, pendingC.id)).status).toBe('canceled');
    expect(await available(organizer)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
    expect(await unbalancedTransactions([paidA.id, paidB.id])).toEqual([]);
    // The pending order's payment, confirmed late, is given back.
    expect((await simulate(c, pendingC.payment.id)).json().status).toBe('refunded');
    expect(await available(organizer)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
  });
});
