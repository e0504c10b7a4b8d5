/**
 * Payments and the ledger through the real app and PostgreSQL: the local test-mode provider's
 * payments complete through the signed webhook; the webhook refuses bad and stale signatures and
 * applies each event once; the Stripe adapter speaks PaymentIntents, Refunds and Transfers to a
 * fake Stripe server; the ledger refuses unbalanced transactions and any UPDATE or DELETE.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { NoRows } from '../../../db/row-type.ts';
import { stripePayoutProvider } from '../../../kernel/payments/index.ts';
import { stripeSignature } from '../../../kernel/payments/stripe-signature.ts';
import { bindAccount } from '../../../kernel/tenancy.ts';
import {
  createPayment,
  type PaymentRecord,
  type PaymentScope,
  recordEarning,
  recordTransaction,
  refundPayment,
  registerPaymentPurpose,
  transactionScope,
} from './index.ts';

const SECRET = 'whsec_nex_payments_0123456789';
const { app, pool } = await testApp({ PAYMENTS_WEBHOOK_SECRET: SECRET });

// A purpose of this test's own: a payment for `referenceId` credits the seller named for it.
const sellers = new Map<string, string>();
const failures: string[] = [];
registerPaymentPurpose('test_sale', {
  async confirmed(scope, payment) {
    await recordEarning(scope, {
      kind: 'sale',
      sellerId: sellers.get(payment.referenceId) ?? '',
      amount: payment.amount,
      currency: payment.currency,
      paymentId: payment.id,
      referenceType: 'test_sale',
      referenceId: payment.referenceId,
      description: 'A test sale',
    });
  },
  async failed(_scope, payment) {
    failures.push(payment.id);
  },
});

const log = { warn: () => {}, info: () => {} };

/** The message of a rejected statement and of PostgreSQL's error under Slonik's wrapper. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return `${(error as Error).message} ${cause?.message ?? ''}`;
  }
  return 'no error';
}

/** A payment by `buyer` for a thing `seller` sells, created as a selling module would. */
async function newPayment(
  testPool: typeof pool,
  provider: PaymentScope['provider'],
  buyerId: string,
  sellerId: string,
  amount = 1000,
): Promise<PaymentRecord> {
  const referenceId = randomUUID();
  sellers.set(referenceId, sellerId);
  return testPool.transaction(async (tx) => {
    await bindAccount(tx, buyerId);
    const scope = { ...transactionScope(tx, buyerId), provider, sealer: app.sealer, log, nowMs: Date.now() };
    return createPayment(scope, {
      payerId: buyerId,
      purpose: 'test_sale',
      referenceId,
      amount,
      currency: 'JPY',
      description: 'A test sale',
    });
  });
}

function signedEvent(event: object, secret = SECRET, at = Math.floor(Date.now() / 1000)) {
  const body = Buffer.from(JSON.stringify(event));
  return {
    method: 'POST' as const,
    url: '/v1/nex/payments/webhook',
    payload: body,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': `t=${at},v1=${stripeSignature(secret, at, body)}`,
    },
  };
}

function intentEvent(payment: PaymentRecord, type = 'payment_intent.succeeded', amount = payment.amount) {
  return {
    id: `evt_${randomUUID()}`,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: payment.providerPaymentId,
        object: 'payment_intent',
        amount,
        currency: payment.currency.toLowerCase(),
        status: type === 'payment_intent.succeeded' ? 'succeeded' : 'requires_payment_method',
        metadata: { paymentId: payment.id, accountId: payment.accountId, purpose: payment.purpose },
      },
    },
  };
}

describe('the local test-mode provider', () => {
  it('completes a payment through the signed webhook, and the seller sees the sale and the fee', async () => {
    const [buyer, seller, stranger] = await Promise.all([signUp(app), signUp(app), signUp(app)]);
    const provider = (await import('../../../kernel/payments/index.ts')).localPaymentProvider(SECRET);
    const payment = await newPayment(pool, provider, buyer.id, seller.id, 1500);
    expect(payment).toMatchObject({ status: 'pending', provider: 'local', amount: 1500, currency: 'JPY' });
    expect(payment.providerPaymentId).toMatch(/^pi_local_/);

    const url = `/v1/nex/payments/${payment.id}`;
    expectProblem(await as(app, stranger.accessToken, { method: 'GET', url }), 404, 'not_found');
    expectProblem(
      await as(app, stranger.accessToken, {
        method: 'POST',
        url: `${url}/simulate`,
        payload: { outcome: 'succeeded' },
      }),
      404,
      'not_found',
    );
    const paid = await as(app, buyer.accessToken, {
      method: 'POST',
      url: `${url}/simulate`,
      payload: { outcome: 'succeeded' },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'succeeded', refundedAmount: 0 });
    const again = await as(app, buyer.accessToken, {
      method: 'POST',
      url: `${url}/simulate`,
      payload: { outcome: 'failed' },
    });
    expectProblem(again, 409, 'conflict');

    const balance = await as(app, seller.accessToken, { method: 'GET', url: '/v1/nex/balance' });
    expect(balance.json()).toEqual({ data: [{ currency: 'JPY', available: 1350, withdrawing: 0 }] });
    const entries = (
      await as(app, seller.accessToken, { method: 'GET', url: '/v1/nex/transactions' })
    ).json();
    expect(entries.data.map((entry: { kind: string; amount: number }) => [entry.kind, entry.amount])).toEqual(
      [
        ['fee', -150],
        ['sale', 1500],
      ],
    );
    // The buyer's and a stranger's books hold nothing of it.
    for (const other of [buyer, stranger]) {
      expect((await as(app, other.accessToken, { method: 'GET', url: '/v1/nex/balance' })).json()).toEqual({
        data: [],
      });
    }
  });

  it('fails a payment whose card is declined, and its purpose releases what it reserved', async () => {
    const [buyer, seller] = await Promise.all([signUp(app), signUp(app)]);
    const provider = (await import('../../../kernel/payments/index.ts')).localPaymentProvider(SECRET);
    const payment = await newPayment(pool, provider, buyer.id, seller.id);
    const failed = await as(app, buyer.accessToken, {
      method: 'POST',
      url: `/v1/nex/payments/${payment.id}/simulate`,
      payload: { outcome: 'failed' },
    });
    expect(failed.json()).toMatchObject({
      status: 'failed',
      failureMessage: expect.stringContaining('declined'),
    });
    expect(failures).toContain(payment.id);
  });
});

describe('the payments webhook', () => {
  it('applies a signed event once, and refuses a bad or stale signature and a mismatched amount', async () => {
    const [buyer, seller] = await Promise.all([signUp(app), signUp(app)]);
    const provider = (await import('../../../kernel/payments/index.ts')).localPaymentProvider(SECRET);
    const payment = await newPayment(pool, provider, buyer.id, seller.id, 2000);

    // Wrong secret, stale timestamp: 400 and nothing changes.
    expectProblem(
      await app.inject(signedEvent(intentEvent(payment), 'whsec_someone_else_0000')),
      400,
      'validation_failed',
    );
    expectProblem(
      await app.inject(signedEvent(intentEvent(payment), SECRET, Math.floor(Date.now() / 1000) - 3600)),
      400,
      'validation_failed',
    );
    // A body changed after signing.
    const tampered = signedEvent(intentEvent(payment));
    tampered.payload = Buffer.from(tampered.payload.toString().replace('2000', '1'));
    expectProblem(await app.inject(tampered), 400, 'validation_failed');
    // Signed, but for another amount than the payment's: about no payment here.
    const wrongAmount = await app.inject(signedEvent(intentEvent(payment, 'payment_intent.succeeded', 1)));
    expect(wrongAmount.json()).toEqual({ outcome: 'ignored' });

    const event = intentEvent(payment);
    const applied = await app.inject(signedEvent(event));
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toEqual({ outcome: 'applied' });
    // The same event again (Stripe redelivers): once.
    expect((await app.inject(signedEvent(event))).json()).toEqual({ outcome: 'duplicate' });
    // Another event confirming it again: the payment is no longer pending.
    expect((await app.inject(signedEvent(intentEvent(payment)))).json()).toEqual({ outcome: 'ignored' });
    expect((await as(app, seller.accessToken, { method: 'GET', url: '/v1/nex/balance' })).json()).toEqual({
      data: [{ currency: 'JPY', available: 1800, withdrawing: 0 }],
    });
    // Events of other types are acknowledged and ignored.
    const other = { id: `evt_${randomUUID()}`, type: 'charge.updated', created: 1, data: { object: {} } };
    expect((await app.inject(signedEvent(other))).json()).toEqual({ outcome: 'ignored' });
  });
});

describe('the ledger', () => {
  it('refuses a transaction that does not balance, and any UPDATE or DELETE of an entry', async () => {
    const seller = await signUp(app);
    await expect(
      pool.transaction(async (tx) =>
        recordTransaction(transactionScope(tx), {
          kind: 'sale',
          currency: 'JPY',
          paymentId: null,
          referenceType: 'test_sale',
          referenceId: randomUUID(),
          description: 'unbalanced',
          entries: [
            { accountId: null, book: 'provider', amount: -100 },
            { accountId: seller.id, book: 'available', amount: 99 },
          ],
        }),
      ),
    ).rejects.toThrow(/summing to zero/);
    // By SQL as the service role: the database checks the sum at COMMIT.
    expect(
      await failure(
        pool.transaction(async (tx) => {
          await bindAccount(tx, seller.id);
          await tx.query(sql.type(NoRows)`
            INSERT INTO nex.ledger_entries (transaction_id, kind, account_id, book, amount, currency, reference_type, reference_id, description)
            VALUES (gen_random_uuid(), 'sale', ${seller.id}, 'available', 1000000, 'JPY', 'test_sale', gen_random_uuid(), 'free money')
          `);
        }),
      ),
    ).toMatch(/does not balance/);
    // Another account's entry cannot be written under this binding.
    const other = await signUp(app);
    expect(
      await failure(
        pool.transaction(async (tx) => {
          await bindAccount(tx, seller.id);
          await tx.query(sql.type(NoRows)`
            INSERT INTO nex.ledger_entries (transaction_id, kind, account_id, book, amount, currency, reference_type, reference_id, description)
            VALUES (gen_random_uuid(), 'sale', ${other.id}, 'available', 1, 'JPY', 'test_sale', gen_random_uuid(), 'x')
          `);
        }),
      ),
    ).toMatch(/row-level security/);
    for (const statement of [
      sql.type(NoRows)`UPDATE nex.ledger_entries SET amount = amount + 1 WHERE account_id = ${seller.id}`,
      sql.type(NoRows)`DELETE FROM nex.ledger_entries WHERE account_id = ${seller.id}`,
    ]) {
      expect(
        await failure(
          pool.transaction(async (tx) => {
            await bindAccount(tx, seller.id);
            await tx.query(statement);
          }),
        ),
      ).toMatch(/permission denied/);
    }
  });
});

describe('the Stripe adapter', async () => {
  const requests: {
    url: string;
    idempotencyKey: string | undefined;
    form: URLSearchParams;
    authorization?: string;
  }[] = [];
  let transferStatus = 200;
  const fakeStripe = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    requests.push({
      url: request.url ?? '',
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      form,
      authorization: request.headers.authorization,
    });
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/v1/payment_intents') {
      const id = `pi_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      return reply(200, {
        id,
        object: 'payment_intent',
        amount: Number(form.get('amount')),
        currency: form.get('currency'),
        status: 'requires_payment_method',
        client_secret: `${id}_secret_abc`,
      });
    }
    if (request.url === '/v1/refunds') {
      return reply(200, {
        id: 're_1',
        object: 'refund',
        status: 'succeeded',
        amount: Number(form.get('amount')),
      });
    }
    if (request.url === '/v1/transfers') {
      return transferStatus === 200
        ? reply(200, { id: 'tr_1', object: 'transfer', amount: Number(form.get('amount')) })
        : reply(transferStatus, { error: { type: 'invalid_request_error', message: 'Insufficient funds' } });
    }
    return reply(404, { error: { message: 'unknown' } });
  });
  await new Promise<void>((resolve) => fakeStripe.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => fakeStripe.close(() => resolve())));
  const apiUrl = `http://127.0.0.1:${(fakeStripe.address() as AddressInfo).port}`;
  const STRIPE_KEY = 'sk_test_0123456789abcdef';
  const stripe = await testApp({
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_API_URL: apiUrl,
    PAYMENTS_WEBHOOK_SECRET: SECRET,
  });

  it('creates a PaymentIntent, is confirmed by the signed webhook, and refunds through Stripe', async () => {
    const [buyer, seller] = await Promise.all([signUp(stripe.app), signUp(stripe.app)]);
    const { stripePaymentProvider } = await import('../../../kernel/payments/index.ts');
    const provider = stripePaymentProvider({ secretKey: STRIPE_KEY, apiUrl, webhookSecret: SECRET });
    const payment = await newPayment(stripe.pool, provider, buyer.id, seller.id, 3000);
    const created = requests.find((request) => request.url === '/v1/payment_intents');
    expect(created?.authorization).toBe(`Bearer ${STRIPE_KEY}`);
    expect(created?.idempotencyKey).toBe(`nex-payment-${payment.id}`);
    expect(Object.fromEntries(created?.form ?? [])).toMatchObject({
      amount: '3000',
      currency: 'jpy',
      'automatic_payment_methods[enabled]': 'true',
      'metadata[paymentId]': payment.id,
      'metadata[accountId]': buyer.id,
    });
    expect(payment).toMatchObject({
      provider: 'stripe',
      clientSecret: `${payment.providerPaymentId}_secret_abc`,
    });

    // A real provider's payment is completed by the buyer, not by the API.
    expectProblem(
      await as(stripe.app, buyer.accessToken, {
        method: 'POST',
        url: `/v1/nex/payments/${payment.id}/simulate`,
        payload: { outcome: 'succeeded' },
      }),
      409,
      'conflict',
    );
    expect((await stripe.app.inject(signedEvent(intentEvent(payment)))).json()).toEqual({
      outcome: 'applied',
    });

    const refunded = await stripe.pool.transaction(async (tx) => {
      await bindAccount(tx, buyer.id);
      const scope = {
        ...transactionScope(tx, buyer.id),
        provider,
        sealer: app.sealer,
        log,
        nowMs: Date.now(),
      };
      return refundPayment(scope, { ...payment, status: 'succeeded' });
    });
    expect(refunded).toBe(true);
    const refund = requests.find((request) => request.url === '/v1/refunds');
    expect(refund?.idempotencyKey).toBe(`nex-refund-${payment.id}`);
    expect(Object.fromEntries(refund?.form ?? [])).toEqual({
      payment_intent: payment.providerPaymentId,
      amount: '3000',
    });
  });

  it('pays out with a Connect transfer, and reports a refused one as failed', async () => {
    const payouts = stripePayoutProvider({ secretKey: STRIPE_KEY, apiUrl });
    const payout = {
      amount: 5000,
      currency: 'JPY',
      destination: 'acct_1Ab2',
      metadata: { withdrawalId: 'w1' },
      idempotencyKey: 'k1',
    };
    expect(await payouts.createPayout(payout)).toEqual({ status: 'paid', id: 'tr_1' });
    const transfer = requests.find((request) => request.url === '/v1/transfers');
    expect(Object.fromEntries(transfer?.form ?? [])).toEqual({
      amount: '5000',
      currency: 'jpy',
      destination: 'acct_1Ab2',
      'metadata[withdrawalId]': 'w1',
    });
    transferStatus = 400;
    expect(await payouts.createPayout({ ...payout, idempotencyKey: 'k2' })).toEqual({
      status: 'failed',
      message: 'Insufficient funds',
    });
    transferStatus = 503;
    await expect(payouts.createPayout({ ...payout, idempotencyKey: 'k3' })).rejects.toMatchObject({
      code: 'unavailable',
    });
  });
});
