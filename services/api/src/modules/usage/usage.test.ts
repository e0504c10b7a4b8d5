import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { quotaTestRoutes, REFUND_URL, SPEND_URL } from '../../kernel/metering/testing.ts';

const { app, databaseUrl } = await testApp({}, { routes: quotaTestRoutes });
const admin = await superuserPool(databaseUrl);

function spend(accountId: string, product: string, metric: string, amount = 1, subject?: string) {
  return app.inject({
    method: 'POST',
    url: SPEND_URL,
    payload: { accountId, product, metric, amount, ...(subject ? { subject } : {}) },
  });
}

async function usageOf(token: string) {
  const response = await as(app, token, { method: 'GET', url: '/v1/usage' });
  expect(response.statusCode).toBe(200);
  return response.json().data as Record<string, unknown>[];
}

const monthEnd = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).getTime();
};

describe('GET /v1/usage', () => {
  it('lists every metric of every product on the free plans for a new account', async () => {
    const account = await signUp(app);
    const data = await usageOf(account.accessToken);
    expect(
      data.map(({ product, metric, subject, plan, limit, used, remaining }) => ({
        product,
        metric,
        subject,
        plan,
        limit,
        used,
        remaining,
      })),
    ).toEqual([
      {
        product: 'miyabi',
        metric: 'agent-runs',
        subject: null,
        plan: 'free',
        limit: 50,
        used: 0,
        remaining: 50,
      },
      {
        product: 'miyabi',
        metric: 'issues',
        subject: null,
        plan: 'free',
        limit: 100,
        used: 0,
        remaining: 100,
      },
      {
        product: 'miyabi',
        metric: 'tokens',
        subject: null,
        plan: 'free',
        limit: 100000,
        used: 0,
        remaining: 100000,
      },
      {
        product: 'speak',
        metric: 'seconds',
        subject: null,
        plan: 'free',
        limit: 3600,
        used: 0,
        remaining: 3600,
      },
      {
        product: 'stickers',
        metric: 'images',
        subject: null,
        plan: 'free',
        limit: 10,
        used: 0,
        remaining: 10,
      },
      { product: 'studio', metric: 'credits', subject: null, plan: 'free', limit: 5, used: 0, remaining: 5 },
    ]);
    const studio = data.find((metric) => metric['product'] === 'studio')!;
    expect(studio).toMatchObject({ per: 'account', period: 'month' });
    expect(Date.parse(studio['resetsAt'] as string)).toBe(monthEnd());
    expect(data.find((metric) => metric['product'] === 'stickers')).toMatchObject({ period: 'day' });
  });

  it('shows use, per plugin where the metric is per plugin, and null limits for unlimited plans', async () => {
    const account = await signUp(app);
    await admin.query(sql.unsafe`
      INSERT INTO platform.subscriptions (account_id, product, plan) VALUES (${account.id}, 'speak', 'premium'), (${account.id}, 'miyabi', 'enterprise')
    `);
    await spend(account.id, 'studio', 'credits', 2);
    await spend(account.id, 'speak', 'seconds', 45);
    await spend(account.id, 'miyabi', 'issues', 7, 'plugin-b');
    await spend(account.id, 'miyabi', 'issues', 3, 'plugin-a');
    const data = await usageOf(account.accessToken);
    const pick = (product: string, metric: string) =>
      data
        .filter((item) => item['product'] === product && item['metric'] === metric)
        .map(({ subject, plan, limit, used, remaining }) => ({ subject, plan, limit, used, remaining }));
    expect(pick('studio', 'credits')).toEqual([
      { subject: null, plan: 'free', limit: 5, used: 2, remaining: 3 },
    ]);
    expect(pick('speak', 'seconds')).toEqual([
      { subject: null, plan: 'premium', limit: 180000, used: 45, remaining: 179955 },
    ]);
    expect(pick('miyabi', 'issues')).toEqual([
      { subject: null, plan: 'enterprise', limit: null, used: 0, remaining: null },
      { subject: 'plugin-a', plan: 'enterprise', limit: null, used: 3, remaining: null },
      { subject: 'plugin-b', plan: 'enterprise', limit: null, used: 7, remaining: null },
    ]);
    // Another account sees none of it.
    const other = await signUp(app);
    expect((await usageOf(other.accessToken)).every((item) => item['used'] === 0)).toBe(true);
  });

  it('needs the usage:read scope', async () => {
    const account = await signUp(app);
    const key = async (scopes: string[]) =>
      (
        await as(app, account.accessToken, {
          method: 'POST',
          url: '/v1/api-keys',
          payload: { name: 'k', scopes },
        })
      ).json().secret as string;
    expectProblem(
      await as(app, await key(['me:read']), { method: 'GET', url: '/v1/usage' }),
      403,
      'forbidden',
    );
    expect((await as(app, await key(['usage:read']), { method: 'GET', url: '/v1/usage' })).statusCode).toBe(
      200,
    );
    expectProblem(await app.inject({ method: 'GET', url: '/v1/usage' }), 401, 'unauthenticated');
  });
});

describe('GET /v1/usage/ledger', () => {
  async function page(token: string, query: string) {
    return as(app, token, { method: 'GET', url: `/v1/usage/ledger${query}` });
  }

  async function walk(token: string, filters: string) {
    const entries: { id: string; product: string; metric: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: Awaited<ReturnType<typeof page>> = await page(
        token,
        `?limit=4${filters}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      entries.push(...response.json().data);
      cursor = response.json().nextCursor;
      pages++;
    } while (cursor);
    return { entries, pages };
  }

  it('pages spends and refunds newest first, with product, metric and date filters', async () => {
    const account = await signUp(app);
    const spends: string[] = [];
    for (let i = 0; i < 5; i++)
      spends.push((await spend(account.id, 'studio', 'credits')).json().ledgerEntryId);
    for (let i = 0; i < 6; i++) await spend(account.id, 'stickers', 'images');
    await spend(account.id, 'miyabi', 'tokens', 500, 'plugin-a');
    await app.inject({
      method: 'POST',
      url: REFUND_URL,
      payload: { accountId: account.id, ledgerEntryId: spends[0] },
    });

    const all = await walk(account.accessToken, '');
    expect(all.entries).toHaveLength(13);
    expect(all.pages).toBe(4);
    expect(new Set(all.entries.map((entry) => entry.id)).size).toBe(13);
    const stamps = all.entries.map((entry) => entry.createdAt);
    expect([...stamps].sort().reverse()).toEqual(stamps);
    expect(all.entries[0]).toMatchObject({
      product: 'studio',
      metric: 'credits',
      subject: null,
      kind: 'refund',
      amount: -1,
      refundOf: spends[0],
      reason: 'test.refund',
    });
    expect(all.entries[1]).toMatchObject({
      product: 'miyabi',
      subject: 'plugin-a',
      kind: 'spend',
      amount: 500,
    });

    const studio = await walk(account.accessToken, '&product=studio');
    expect(studio.entries).toHaveLength(6);
    expect(studio.pages).toBe(2);
    const images = await walk(account.accessToken, '&product=stickers&metric=images');
    expect(images.entries.map((entry) => entry.metric)).toEqual(Array(6).fill('images'));
    expect((await walk(account.accessToken, '&metric=credits&product=stickers')).entries).toEqual([]);

    // [from, to): the six stickers spends lie strictly between the studio ones and the miyabi one.
    const oldestSticker = images.entries.at(-1)!.createdAt;
    const newestSticker = images.entries[0]!.createdAt;
    const miyabi = all.entries[1]!.createdAt;
    const range = await walk(
      account.accessToken,
      `&from=${encodeURIComponent(oldestSticker)}&to=${encodeURIComponent(miyabi)}`,
    );
    expect(range.entries.map((entry) => entry.product)).toEqual(Array(6).fill('stickers'));
    const upTo = await walk(account.accessToken, `&to=${encodeURIComponent(newestSticker)}`);
    expect(upTo.entries).toHaveLength(10); // 5 studio spends and 5 of the 6 stickers ones

    const other = await signUp(app);
    expect((await walk(other.accessToken, '')).entries).toEqual([]);
  });

  it('refuses bad cursors, bad filters and reversed ranges', async () => {
    const account = await signUp(app);
    const cursors = [
      'garbage',
      Buffer.from(JSON.stringify(['api-keys', '2026-01-01T00:00:00Z', randomUUID()])).toString('base64url'),
      Buffer.from(JSON.stringify(['usage-ledger', 'yesterday', randomUUID()])).toString('base64url'),
    ];
    for (const cursor of cursors)
      expectProblem(await page(account.accessToken, `?cursor=${cursor}`), 400, 'invalid_cursor');
    const invalid = [
      ['?product=laundry', '/query/product'],
      ['?metric=Credits!', '/query/metric'],
      ['?from=yesterday', '/query/from'],
      ['?limit=0', '/query/limit'],
      ['?to=2026-01-01T00:00:00Z&from=2026-01-01T00:00:00Z', '/query/to'],
      ['?to=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z', '/query/to'],
      ['?owner=someone', '/query/owner'],
    ];
    for (const [query, path] of invalid) {
      const problem = expectProblem(await page(account.accessToken, query!), 400, 'validation_failed');
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
  });
});
