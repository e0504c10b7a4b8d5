/**
 * The shop through the real app and PostgreSQL: products (digital and physical, automatic
 * out_of_stock), orders priced by the server with stock reserved at order time (50 concurrent
 * orders for the last 5 units → exactly 5), delivered only when the local provider's signed
 * webhook confirms the payment (the digital file readable then, EXP awarded), released when the
 * payment fails or the order expires, legal transitions only, refunds that reverse exactly the
 * sale, the fee and the file access, and other accounts' orders and balances as 404.
 */
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { type Creator, joinedCreator, uploadImage } from '../testing.ts';
import { expireOrders } from './orders.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const address = {
  name: '山田 花子',
  line1: '神宮前1-2-3',
  city: '渋谷区',
  postalCode: '150-0001',
  country: 'JP',
};

async function product(seller: Creator, fields: Record<string, unknown>) {
  const response = await as(app, seller.accessToken, {
    method: 'POST',
    url: '/v1/nex/products',
    payload: { name: 'A thing', category: 'goods', priceAmount: 1000, ...fields },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function order(token: string, items: { productId: string; quantity: number }[], extra = {}) {
  return as(app, token, { method: 'POST', url: '/v1/nex/orders', payload: { items, ...extra } });
}

async function pay(token: string, paymentId: string, outcome: 'succeeded' | 'failed' = 'succeeded') {
  const response = await as(app, token, {
    method: 'POST',
    url: `/v1/nex/payments/${paymentId}/simulate`,
    payload: { outcome },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const get = (token: string, url: string) => as(app, token, { method: 'GET', url });
const post = (token: string, url: string) => as(app, token, { method: 'POST', url });

async function balance(account: { accessToken: string }) {
  return (await get(account.accessToken, '/v1/nex/balance')).json().data;
}

describe('products', () => {
  it('lists digital and physical products, and out_of_stock follows the stock', async () => {
    const seller = await joinedCreator(app);
    const fileId = await uploadImage(app, seller);
    const digital = await product(seller, { kind: 'digital', fileId, category: 'digital-art' });
    expect(digital).toMatchObject({
      kind: 'digital',
      stock: null,
      status: 'active',
      fileId,
      sellerUsername: seller.username,
    });
    const physical = await product(seller, {
      kind: 'physical',
      stock: 1,
      weightGrams: 250,
      dimensions: { lengthMm: 300, widthMm: 200, heightMm: 10 },
      shippingAmount: 500,
    });
    expect(physical).toMatchObject({ stock: 1, dimensions: { lengthMm: 300, widthMm: 200, heightMm: 10 } });

    const stranger = await signUp(app);
    // Others see listed products without the file id.
    expect((await get(stranger.accessToken, `/v1/nex/products/${digital.id}`)).json().fileId).toBeNull();
    const patch = (token: string, payload: object) =>
      as(app, token, { method: 'PATCH', url: `/v1/nex/products/${physical.id}`, payload });
    expect((await patch(seller.accessToken, { stock: 0 })).json().status).toBe('out_of_stock');
    expect((await patch(seller.accessToken, { stock: 3 })).json().status).toBe('active');
    expectProblem(await patch(stranger.accessToken, { stock: 100 }), 404, 'not_found');
    expect((await patch(seller.accessToken, { status: 'inactive' })).json().status).toBe('inactive');
    expectProblem(await get(stranger.accessToken, `/v1/nex/products/${physical.id}`), 404, 'not_found');
    expect((await get(seller.accessToken, `/v1/nex/products/${physical.id}`)).statusCode).toBe(200);

    const bad = (payload: object) =>
      as(app, seller.accessToken, {
        method: 'POST',
        url: '/v1/nex/products',
        payload: { name: 'x', category: 'goods', priceAmount: 100, ...payload },
      });
    expectProblem(await bad({ kind: 'digital' }), 400, 'validation_failed');
    expectProblem(await bad({ kind: 'digital', fileId, stock: 3 }), 400, 'validation_failed');
    expectProblem(await bad({ kind: 'physical' }), 400, 'validation_failed');
    expectProblem(
      await bad({ kind: 'digital', fileId: await uploadImage(app, stranger as Creator) }),
      404,
      'not_found',
    );
    const listed = (await get(stranger.accessToken, `/v1/nex/products?seller=${seller.username}`)).json();
    expect(listed.data.map((row: { id: string }) => row.id)).toEqual([digital.id]);
  });
});

describe('buying a digital product', () => {
  it('unlocks the file only once the payment is confirmed, credits the seller, awards EXP, and a refund reverses it all', async () => {
    const [seller, buyer] = await Promise.all([joinedCreator(app), joinedCreator(app)]);
    const stranger = await signUp(app);
    const fileId = await uploadImage(app, seller);
    const item = await product(seller, { kind: 'digital', fileId, priceAmount: 1500 });

    // A client-sent total is refused, never trusted.
    expectProblem(
      await order(buyer.accessToken, [{ productId: item.id, quantity: 1 }], { total: 1 }),
      400,
      'validation_failed',
    );
    expectProblem(
      await order(buyer.accessToken, [{ productId: item.id, quantity: 2 }]),
      400,
      'validation_failed',
    );
    expectProblem(
      await order(seller.accessToken, [{ productId: item.id, quantity: 1 }]),
      400,
      'validation_failed',
    );
    const created = await order(buyer.accessToken, [{ productId: item.id, quantity: 1 }]);
    expect(created.statusCode, created.body).toBe(201);
    const placed = created.json();
    expect(placed).toMatchObject({
      status: 'pending',
      paymentStatus: 'pending',
      subtotal: 1500,
      shipping: 0,
      tax: 0,
      discount: 0,
      total: 1500,
      items: [{ productId: item.id, unitPrice: 1500, quantity: 1, lineTotal: 1500, fileId }],
    });
    expect(placed.orderNumber).toMatch(/^NX-\d{8}-[0-9A-HJKMNP-TV-Z]{8}$/);

    // A later price change does not touch the captured unit price.
    await as(app, seller.accessToken, {
      method: 'PATCH',
      url: `/v1/nex/products/${item.id}`,
      payload: { priceAmount: 9999 },
    });
    expect((await get(buyer.accessToken, `/v1/nex/orders/${placed.id}`)).json().items[0].unitPrice).toBe(
      1500,
    );
    // Not paid yet: no file, no money.
    expectProblem(await get(buyer.accessToken, `/v1/files/${fileId}`), 404, 'not_found');
    expect(await balance(seller)).toEqual([]);
    // Another account's order and payment are 404.
    expectProblem(await get(stranger.accessToken, `/v1/nex/orders/${placed.id}`), 404, 'not_found');
    expectProblem(await get(stranger.accessToken, `/v1/nex/payments/${placed.paymentId}`), 404, 'not_found');
    expectProblem(await get(seller.accessToken, `/v1/nex/payments/${placed.paymentId}`), 404, 'not_found');

    await pay(buyer.accessToken, placed.paymentId);
    const paid = (await get(buyer.accessToken, `/v1/nex/orders/${placed.id}`)).json();
    expect(paid).toMatchObject({ status: 'delivered', paymentStatus: 'paid' });
    expect((await get(buyer.accessToken, `/v1/files/${fileId}`)).statusCode).toBe(200);
    expectProblem(await get(stranger.accessToken, `/v1/files/${fileId}`), 404, 'not_found');
    expect(await balance(seller)).toEqual([{ currency: 'JPY', available: 1350, withdrawing: 0 }]);
    expect((await get(seller.accessToken, '/v1/nex/orders?role=seller')).json().data[0].id).toBe(placed.id);

    const exp = async (account: Creator) =>
      (await get(account.accessToken, '/v1/nex/exp-log'))
        .json()
        .data.map((row: { actionType: string }) => row.actionType);
    expect(await exp(buyer)).toContain('artwork_purchase');
    expect(await exp(seller)).toContain('sale_completed');

    // Transitions: a digital order ships nowhere; the buyer cannot refund; the seller can, once.
    expectProblem(await post(seller.accessToken, `/v1/nex/orders/${placed.id}/ship`), 409, 'conflict');
    expectProblem(await post(buyer.accessToken, `/v1/nex/orders/${placed.id}/refund`), 403, 'forbidden');
    expectProblem(await post(buyer.accessToken, `/v1/nex/orders/${placed.id}/cancel`), 409, 'conflict');
    const refunds = await Promise.all([
      post(seller.accessToken, `/v1/nex/orders/${placed.id}/refund`),
      post(seller.accessToken, `/v1/nex/orders/${placed.id}/refund`),
    ]);
    expect(refunds.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect((await get(buyer.accessToken, `/v1/nex/orders/${placed.id}`)).json()).toMatchObject({
      status: 'refunded',
      paymentStatus: 'refunded',
    });
    expect((await get(buyer.accessToken, `/v1/nex/payments/${placed.paymentId}`)).json()).toMatchObject({
      status: 'refunded',
      refundedAmount: 1500,
    });
    expectProblem(await get(buyer.accessToken, `/v1/files/${fileId}`), 404, 'not_found');
    expect(await balance(seller)).toEqual([{ currency: 'JPY', available: 0, withdrawing: 0 }]);
    const kinds = (await get(seller.accessToken, '/v1/nex/transactions'))
      .json()
      .data.map((row: { kind: string; amount: number }) => [row.kind, row.amount]);
    expect(kinds).toEqual([
      ['refund', -1350],
      ['fee', -150],
      ['sale', 1500],
    ]);
    expect(await balance(stranger)).toEqual([]);
  });
});

describe('buying a physical product', () => {
  it('needs a valid shipping address, ships and delivers only in order', async () => {
    const [seller, buyer] = await Promise.all([joinedCreator(app), signUp(app)]);
    const item = await product(seller, {
      kind: 'physical',
      stock: 10,
      priceAmount: 2000,
      shippingAmount: 600,
    });
    const line = [{ productId: item.id, quantity: 2 }];
    expectProblem(await order(buyer.accessToken, line), 400, 'validation_failed');
    expectProblem(
      await order(buyer.accessToken, line, { shippingAddress: { ...address, postalCode: '!!' } }),
      400,
      'validation_failed',
    );
    expectProblem(
      await order(buyer.accessToken, line, { shippingAddress: { ...address, country: 'Japan' } }),
      400,
      'validation_failed',
    );
    const placed = (await order(buyer.accessToken, line, { shippingAddress: address })).json();
    expect(placed).toMatchObject({ subtotal: 4000, shipping: 600, total: 4600, shippingAddress: address });
    expectProblem(await post(seller.accessToken, `/v1/nex/orders/${placed.id}/ship`), 409, 'conflict');
    await pay(buyer.accessToken, placed.paymentId);
    expect((await get(buyer.accessToken, `/v1/nex/orders/${placed.id}`)).json().status).toBe('confirmed');
    expectProblem(await post(buyer.accessToken, `/v1/nex/orders/${placed.id}/ship`), 403, 'forbidden');
    expectProblem(await post(seller.accessToken, `/v1/nex/orders/${placed.id}/deliver`), 409, 'conflict');
    expect((await post(seller.accessToken, `/v1/nex/orders/${placed.id}/ship`)).json().status).toBe(
      'shipped',
    );
    expectProblem(await post(seller.accessToken, `/v1/nex/orders/${placed.id}/ship`), 409, 'conflict');
    expect((await post(buyer.accessToken, `/v1/nex/orders/${placed.id}/deliver`)).json().status).toBe(
      'delivered',
    );
    expect((await get(seller.accessToken, `/v1/nex/products/${item.id}`)).json().stock).toBe(8);
  });

  it('sells the last 5 units to exactly 5 of 50 concurrent orders', async () => {
    const seller = await joinedCreator(app);
    const item = await product(seller, { kind: 'physical', stock: 5, priceAmount: 700 });
    const buyers = await Promise.all(Array.from({ length: 10 }, () => signUp(app)));
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        order(buyers[index % 10]?.accessToken ?? '', [{ productId: item.id, quantity: 1 }], {
          shippingAddress: address,
        }),
      ),
    );
    const statuses = attempts.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(45);
    const product0 = (await get(seller.accessToken, `/v1/nex/products/${item.id}`)).json();
    expect(product0).toMatchObject({ stock: 0, status: 'out_of_stock' });
    // Each of the five pays; all five are paid, and the ledger holds five sales.
    await Promise.all(
      attempts.flatMap((response, index) =>
        response.statusCode === 201
          ? [pay(buyers[index % 10]?.accessToken ?? '', response.json().paymentId)]
          : [],
      ),
    );
    const sold = (await get(seller.accessToken, '/v1/nex/orders?role=seller&limit=100')).json().data;
    expect(sold.filter((row: { paymentStatus: string }) => row.paymentStatus === 'paid')).toHaveLength(5);
    expect(await balance(seller)).toEqual([{ currency: 'JPY', available: 5 * (700 - 70), withdrawing: 0 }]);
  });

  it('releases the stock when the payment fails, when the buyer cancels, and when the order expires', async () => {
    const [seller, buyer] = await Promise.all([joinedCreator(app), signUp(app)]);
    const item = await product(seller, { kind: 'physical', stock: 1, priceAmount: 900 });
    const stock = async () => (await get(seller.accessToken, `/v1/nex/products/${item.id}`)).json().stock;
    const line = [{ productId: item.id, quantity: 1 }];

    const first = (await order(buyer.accessToken, line, { shippingAddress: address })).json();
    expect(await stock()).toBe(0);
    expectProblem(await order(buyer.accessToken, line, { shippingAddress: address }), 409, 'conflict');
    await pay(buyer.accessToken, first.paymentId, 'failed');
    expect((await get(buyer.accessToken, `/v1/nex/orders/${first.id}`)).json()).toMatchObject({
      status: 'cancelled',
      paymentStatus: 'failed',
    });
    expect(await stock()).toBe(1);

    const second = (await order(buyer.accessToken, line, { shippingAddress: address })).json();
    expect((await post(buyer.accessToken, `/v1/nex/orders/${second.id}/cancel`)).json().status).toBe(
      'cancelled',
    );
    expect(await stock()).toBe(1);
    expectProblem(
      await as(app, buyer.accessToken, {
        method: 'POST',
        url: `/v1/nex/payments/${second.paymentId}/simulate`,
        payload: { outcome: 'succeeded' },
      }),
      409,
      'conflict',
    );

    const third = (await order(buyer.accessToken, line, { shippingAddress: address })).json();
    await admin.query(
      sql.unsafe`UPDATE nex.orders SET expires_at = now() - interval '1 minute' WHERE id = ${third.id}`,
    );
    expect((await expireOrders(pool)).expired).toBeGreaterThanOrEqual(1);
    expect((await get(buyer.accessToken, `/v1/nex/orders/${third.id}`)).json().status).toBe('cancelled');
    expect(await stock()).toBe(1);
    expect((await get(buyer.accessToken, `/v1/nex/payments/${third.paymentId}`)).json().status).toBe(
      'canceled',
    );
    expect(await balance(seller)).toEqual([]);
  });
});
