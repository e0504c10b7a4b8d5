import { randomUUID } from 'node:crypto';
import { type DatabaseTransactionConnection, sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { createDatabasePool } from '../../db/pool.ts';
import { auditInsert } from '../audit.ts';
import { accountPrincipal } from '../auth/principal.ts';
import { DomainError } from '../errors.ts';
import { bindAccount } from '../tenancy.ts';
import { refundQuota, spendQuota, spendsAtCommit } from './quota.ts';
import { quotaTestRoutes, REFUND_URL, SPEND_URL } from './testing.ts';

const { app, pool, databaseUrl } = await testApp({}, { routes: quotaTestRoutes });
const admin = await superuserPool(databaseUrl);

const studioCredits = { product: 'studio', metric: 'credits' };

function periodEnd(period: 'day' | 'month', now = new Date()): number {
  return period === 'month'
    ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)
    : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

function spend(accountId: string, body: Record<string, unknown> = {}) {
  return app.inject({
    method: 'POST',
    url: SPEND_URL,
    payload: { accountId, ...studioCredits, amount: 1, ...body },
  });
}

function asAccount<T>(accountId: string, fn: (db: DatabaseTransactionConnection) => Promise<T>) {
  return pool.transaction(async (db) => {
    await bindAccount(db, accountId);
    return fn(db);
  });
}

async function counterAndLedger(accountId: string, product = 'studio', metric = 'credits') {
  return admin.one(sql.unsafe`
    SELECT (SELECT COALESCE(sum(used), 0) FROM platform.quota_counters
             WHERE account_id = ${accountId} AND product = ${product} AND metric = ${metric}) AS used,
           (SELECT COALESCE(sum(amount), 0) FROM platform.usage_ledger
             WHERE account_id = ${accountId} AND product = ${product} AND metric = ${metric}) AS ledger,
           (SELECT count(*) FROM platform.usage_ledger
             WHERE account_id = ${accountId} AND product = ${product} AND metric = ${metric}) AS entries
  `) as Promise<{ used: number; ledger: number; entries: number }>;
}

describe('spending quota', () => {
  it('grants exactly 5 of 30 concurrent spends on the free plan and refuses 25 with the quota state', async () => {
    const account = await signUp(app);
    const responses = await Promise.all(Array.from({ length: 30 }, () => spend(account.id)));
    const granted = responses.filter((response) => response.statusCode === 200);
    const refused = responses.filter((response) => response.statusCode !== 200);
    expect(granted).toHaveLength(5);
    expect(refused).toHaveLength(25);

    const resetsAt = periodEnd('month');
    expect(granted.map((response) => response.json().used).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const response of granted) {
      const body = response.json();
      expect(body).toMatchObject({ ...studioCredits, limit: 5, remaining: 5 - body.used });
      expect(response.headers['yorozu-quota-remaining']).toBe(String(5 - body.used));
      expect(Date.parse(response.headers['yorozu-quota-reset'] as string)).toBe(resetsAt);
    }
    for (const response of refused) {
      const problem = expectProblem(response, 402, 'quota_exceeded');
      expect(Object.keys(problem.quota).sort()).toEqual(['limit', 'metric', 'product', 'resetsAt', 'used']);
      expect(problem.quota).toMatchObject({ ...studioCredits, limit: 5, used: 5 });
      expect(Date.parse(problem.quota.resetsAt)).toBe(resetsAt);
      expect(response.headers['yorozu-quota-remaining']).toBe('0');
    }
    expect(await counterAndLedger(account.id)).toEqual({ used: 5, ledger: 5, entries: 5 });
  });

  it('holds the limit with 30 spends on 30 connections at once', async () => {
    const account = await signUp(app);
    const wide = await createDatabasePool({ databaseUrl, maximumPoolSize: 30 });
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, () =>
          wide.transaction(async (db) => {
            await bindAccount(db, account.id);
            return spendQuota(db, { accountId: account.id, ...studioCredits, amount: 2, reason: 'test' });
          }),
        ),
      );
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(outcomes.length - refused.length).toBe(2); // 2 + 2 fit in 5; a third 2 would not
      for (const outcome of refused) {
        const error = (outcome as PromiseRejectedResult).reason;
        expect(error).toBeInstanceOf(DomainError);
        expect(error.extras.quota).toMatchObject({ limit: 5, used: 4 });
      }
    } finally {
      await wide.end();
    }
    expect(await counterAndLedger(account.id)).toEqual({ used: 4, ledger: 4, entries: 2 });
  });

  it('changes nothing when the work it pays for fails', async () => {
    const account = await signUp(app);
    await expect(
      asAccount(account.id, async (db) => {
        await spendQuota(db, { accountId: account.id, ...studioCredits, amount: 3, reason: 'test' });
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await counterAndLedger(account.id)).toEqual({ used: 0, ledger: 0, entries: 0 });
    // A spend that does not fit leaves no trace either, and a smaller one still fits.
    expectProblem(await spend(account.id, { amount: 6 }), 402, 'quota_exceeded');
    expect((await spend(account.id, { amount: 5 })).statusCode).toBe(200);
  });

  it('records the reason and reference in the ledger', async () => {
    const account = await signUp(app);
    const referenceId = randomUUID();
    const spent = await asAccount(account.id, (db) =>
      spendQuota(db, {
        accountId: account.id,
        ...studioCredits,
        amount: 2,
        reason: 'studio.characters.generate',
        referenceId,
      }),
    );
    const entry = await admin.one(sql.unsafe`
      SELECT amount, reason, reference_id AS "referenceId" FROM platform.usage_ledger WHERE id = ${spent.ledgerEntryId}
    `);
    expect(entry).toEqual({ amount: 2, reason: 'studio.characters.generate', referenceId });
  });

  it('starts every period at zero: last month at the limit does not count', async () => {
    const account = await signUp(app);
    await admin.query(sql.unsafe`
      WITH counter AS (
        INSERT INTO platform.quota_counters (account_id, product, metric, period_start, used)
        VALUES (${account.id}, 'studio', 'credits', date_trunc('month', now()) - interval '1 month', 5)
        RETURNING account_id, product, metric, subject, period_start
      )
      INSERT INTO platform.usage_ledger (account_id, product, metric, subject, period_start, amount, reason)
      SELECT account_id, product, metric, subject, period_start, 5, 'last month' FROM counter
    `);
    const response = await spend(account.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ used: 1, remaining: 4 });
    // Last month's counter is history, untouched.
    const last = await admin.oneFirst(sql.unsafe`
      SELECT used FROM platform.quota_counters
      WHERE account_id = ${account.id} AND period_start < date_trunc('month', now())
    `);
    expect(last).toBe(5);
  });

  it('counts stickers images per UTC day', async () => {
    const account = await signUp(app);
    const response = await spend(account.id, { product: 'stickers', metric: 'images', amount: 10 });
    expect(response.json()).toMatchObject({ limit: 10, used: 10, remaining: 0 });
    expect(Date.parse(response.json().resetsAt)).toBe(periodEnd('day'));
    const refused = expectProblem(
      await spend(account.id, { product: 'stickers', metric: 'images' }),
      402,
      'quota_exceeded',
    );
    expect(Date.parse(refused.quota.resetsAt)).toBe(periodEnd('day'));
  });

  it('never refuses an unlimited plan, and leaves the remaining-quota header out', async () => {
    const account = await signUp(app);
    await admin.query(sql.unsafe`
      INSERT INTO platform.subscriptions (account_id, product, plan) VALUES (${account.id}, 'studio', 'pro')
    `);
    const response = await spend(account.id, { amount: 1_000_000 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ limit: null, used: 1_000_000, remaining: null });
    expect(response.headers['yorozu-quota-remaining']).toBeUndefined();
  });

  it('reads the limit of the current plan at each spend: a downgrade below the use refuses at once', async () => {
    const account = await signUp(app);
    await admin.query(sql.unsafe`
      INSERT INTO platform.subscriptions (account_id, product, plan) VALUES (${account.id}, 'studio', 'basic')
    `);
    expect((await spend(account.id, { amount: 8 })).json()).toMatchObject({
      limit: 20,
      used: 8,
      remaining: 12,
    });
    await admin.query(sql.unsafe`
      UPDATE platform.subscriptions SET plan = 'free' WHERE account_id = ${account.id} AND product = 'studio'
    `);
    const refused = expectProblem(await spend(account.id), 402, 'quota_exceeded');
    expect(refused.quota).toMatchObject({ limit: 5, used: 8 });
    expect(refused.detail).toContain('free plan allows 5 studio credits a month');
  });

  it('counts per-plugin metrics per plugin, and treats a missing or stray subject as a bug', async () => {
    const account = await signUp(app);
    const miyabi = { product: 'miyabi', metric: 'issues' };
    expect((await spend(account.id, { ...miyabi, amount: 100, subject: 'plugin-a' })).statusCode).toBe(200);
    expectProblem(await spend(account.id, { ...miyabi, subject: 'plugin-a' }), 402, 'quota_exceeded');
    expect((await spend(account.id, { ...miyabi, amount: 100, subject: 'plugin-b' })).statusCode).toBe(200);

    const call = (spendOf: Record<string, unknown>) =>
      asAccount(account.id, (db) =>
        spendQuota(db, { accountId: account.id, amount: 1, reason: 'test', ...studioCredits, ...spendOf }),
      );
    await expect(call({ ...miyabi })).rejects.toThrow('counted per plugin');
    await expect(call({ subject: 'plugin-a' })).rejects.toThrow('counted per account');
    await expect(call({ metric: 'minutes' })).rejects.toThrow('No metric studio.minutes');
    await expect(call({ amount: 0 })).rejects.toThrow(RangeError);
    await expect(call({ amount: 1.5 })).rejects.toThrow(RangeError);
  });
  it("writes the transaction's audit row with its first spend, once, and a refused spend takes it back", async () => {
    const account = await signUp(app);
    const auditRow = (requestId: string) =>
      auditInsert({
        principal: accountPrincipal(account.id),
        action: 'test.spend',
        resource: 'test',
        resourceId: null,
        requestId,
        ip: '192.0.2.1',
        userAgent: 'quota.test',
        changes: null,
      });
    const auditRows = () =>
      admin.any(sql.unsafe`
        SELECT request_id AS "requestId", ip::text AS ip, user_agent AS "userAgent" FROM platform.audit_log
        WHERE account_id = ${account.id} AND action = 'test.spend' ORDER BY request_id
      `);
    const spendTwice = (requestId: string, amounts: [number, number]) =>
      asAccount(account.id, async (db) => {
        const spends = spendsAtCommit(db);
        expect(spends.pending).toBe(0);
        for (const amount of amounts)
          await spends.spend({ accountId: account.id, ...studioCredits, amount, reason: 'test.spend' });
        expect(spends.pending).toBe(2);
        return spends.settle(auditRow(requestId));
      });

    const spent = await spendTwice('first', [1, 2]);
    expect(spent.map((quota) => quota.used)).toEqual([1, 3]);
    expect(await auditRows()).toEqual([{ requestId: 'first', ip: '192.0.2.1/32', userAgent: 'quota.test' }]);

    // The free plan allows 5 a month: the second spend (3 more) does not fit, so nothing stays.
    await expect(spendTwice('refused', [1, 3])).rejects.toMatchObject({ code: 'quota_exceeded' });
    expect(await auditRows()).toHaveLength(1);
    expect(await counterAndLedger(account.id)).toEqual({ used: 3, ledger: 3, entries: 2 });

    await expect(asAccount(account.id, (db) => spendsAtCommit(db).settle(auditRow('none')))).rejects.toThrow(
      /No spend/,
    );
    expect(await auditRows()).toHaveLength(1);
  });
});

describe('refunding quota', () => {
  it('refunds a spend exactly once, even when two refunds race', async () => {
    const account = await signUp(app);
    const spent = (await spend(account.id, { amount: 3 })).json();
    const refund = () =>
      app.inject({
        method: 'POST',
        url: REFUND_URL,
        payload: { accountId: account.id, ledgerEntryId: spent.ledgerEntryId },
      });
    const [first, second] = await Promise.all([refund(), refund()]);
    expect([first.json().refunded, second.json().refunded].sort()).toEqual([false, true]);
    expect((await refund()).json()).toEqual({ refunded: false });

    const refunds = await admin.any(sql.unsafe`
      SELECT amount, reason, refund_of AS "refundOf" FROM platform.usage_ledger WHERE refund_of IS NOT NULL AND account_id = ${account.id}
    `);
    expect(refunds).toEqual([{ amount: -3, reason: 'test.refund', refundOf: spent.ledgerEntryId }]);
    expect(await counterAndLedger(account.id)).toEqual({ used: 0, ledger: 0, entries: 2 });
    expect((await spend(account.id, { amount: 5 })).statusCode).toBe(200);
  });

  it("answers another account's entry, a refund entry and a missing id alike: not_found", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const spent = (await spend(owner.id)).json();
    await asAccount(owner.id, (db) =>
      refundQuota(db, { accountId: owner.id, ledgerEntryId: spent.ledgerEntryId, reason: 'x' }),
    );
    const refundEntry = await admin.oneFirst(sql.unsafe`
      SELECT id FROM platform.usage_ledger WHERE refund_of = ${spent.ledgerEntryId}
    `);
    const attempts = [
      { accountId: other.id, ledgerEntryId: spent.ledgerEntryId },
      { accountId: owner.id, ledgerEntryId: refundEntry as string },
      { accountId: owner.id, ledgerEntryId: randomUUID() },
    ];
    for (const attempt of attempts) {
      await expect(
        asAccount(attempt.accountId, (db) => refundQuota(db, { ...attempt, reason: 'x' })),
      ).rejects.toMatchObject({
        code: 'not_found',
      });
    }
  });
});
