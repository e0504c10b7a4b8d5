import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, ownDatabase, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { rowType } from '../../../db/row-type.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { scheduledTasks } from './jobs.ts';
import { notConfiguredLineMessaging } from './line/messaging.ts';
import { listEventPartitions } from './queries.ts';
import { type NewEvent, postgresEventStore } from './store.ts';

const DAY = 86_400_000;
const { app, pool } = await testApp();
const store = postgresEventStore(Date.now);

const listEvents = (token: string, query = '') =>
  as(app, token, { method: 'GET', url: `/v1/miyabi/events${query ? `?${query}` : ''}` });

describe('the event store', () => {
  it('appends a batch of 1 000 in one call, idempotently per event id, and pages it newest first', async () => {
    const account = await signUp(app);
    const repo = randomUUID();
    const start = Date.now() - 60_000;
    const events: NewEvent[] = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      accountId: account.id,
      repositoryId: i % 4 === 0 ? repo : null,
      type: i % 2 === 0 ? 'agent_execution' : 'webhook.github',
      subject: `n:${i}`,
      data: { i },
      at: start + i,
    }));
    expect(await store.append(pool, events)).toEqual({ appended: 1000 });
    // A retried batch records nothing twice.
    expect(await store.append(pool, events.slice(0, 10))).toEqual({ appended: 0 });

    const first = await listEvents(account.accessToken, 'limit=100');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.data).toHaveLength(100);
    expect(page.data[0]).toMatchObject({
      id: events[999]?.id,
      type: 'webhook.github',
      repositoryId: null,
      subject: 'n:999',
      data: { i: 999 },
    });
    expect(Date.parse(page.data[0].createdAt)).toBe(start + 999);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await listEvents(
        account.accessToken,
        `repositoryId=${repo}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = response.json();
      seen.push(...body.data.map((event: { subject: string }) => event.subject));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(250);
    expect(seen[0]).toBe('n:996');
    expect(seen.at(-1)).toBe('n:0');

    const typed = (await listEvents(account.accessToken, 'type=agent_execution&limit=5')).json();
    expect(typed.data.map((event: { type: string }) => event.type)).toEqual(Array(5).fill('agent_execution'));
    // A cursor of one list does not continue another.
    expectProblem(
      await listEvents(account.accessToken, `type=webhook.github&cursor=${page.nextCursor}`),
      400,
      'invalid_cursor',
    );
  });

  it("never shows another account's events, even with its repository id", async () => {
    const [owner, other] = [await signUp(app), await signUp(app)];
    const repo = randomUUID();
    await store.append(pool, [{ accountId: owner.id, repositoryId: repo, type: 'agent_execution' }]);
    expect((await listEvents(owner.accessToken, `repositoryId=${repo}`)).json().data).toHaveLength(1);
    expect((await listEvents(other.accessToken, `repositoryId=${repo}`)).json()).toEqual({
      data: [],
      nextCursor: null,
    });
    // RLS is the second wall: bound to another account, the insert is refused.
    await expect(
      withAccount(pool, other.id, (tx) =>
        tx.query(sql.unsafe`INSERT INTO miyabi.events (id, account_id, type, created_at)
          VALUES (gen_random_uuid(), ${owner.id}, 'x', now())`),
      ),
    ).rejects.toThrow();
  });

  it('appends in a caller’s transaction: its account stays bound, and a rollback takes the events back', async () => {
    const [caller, recorded] = [await signUp(app), await signUp(app)];
    const Bound = rowType(Type.Object({ id: Type.String() }));
    const bound = await withAccount(pool, caller.id, async (tx) => {
      await store.append(tx, [{ accountId: recorded.id, type: 'notification.sent' }]);
      return tx.oneFirst(sql.type(Bound)`SELECT current_setting('app.account_id') AS id`);
    });
    expect(bound).toBe(caller.id);
    await expect(
      withAccount(pool, recorded.id, async (tx) => {
        await store.append(tx, [{ accountId: recorded.id, type: 'rolled.back' }]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const types = (await listEvents(recorded.accessToken)).json().data.map((e: { type: string }) => e.type);
    expect(types).toEqual(['notification.sent']);
  });

  it('refuses events outside the retention window or with a bad type, before writing any', async () => {
    const account = await signUp(app);
    const good = { accountId: account.id, type: 'agent_execution' };
    await expect(store.append(pool, [good, { ...good, at: Date.now() - 91 * DAY }])).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(store.append(pool, [good, { ...good, type: 'Bad Type' }])).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await listEvents(account.accessToken)).json().data).toEqual([]);
  });

  it('answers 400 to bad filters and 403 to a key without miyabi:read', async () => {
    const account = await signUp(app);
    expectProblem(await listEvents(account.accessToken, 'repositoryId=nope'), 400, 'validation_failed');
    expectProblem(await listEvents(account.accessToken, 'type=Not%20A%20Type'), 400, 'validation_failed');
    expectProblem(await listEvents(account.accessToken, 'limit=101'), 400, 'validation_failed');
    const key = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'nex only', scopes: ['nex:read'] },
    });
    expectProblem(await listEvents(key.json().secret), 403, 'forbidden');
  });
});

describe('partition maintenance', async () => {
  // A database of its own: moving the clock months ahead drops partitions other files write to.
  const databaseUrl = await ownDatabase();
  const moved = await testApp({}, { databaseUrl });
  const admin = await superuserPool(databaseUrl);
  const [maintain] = scheduledTasks({
    clock: () => Date.now() + moved.clock.offsetMs,
    lineMessaging: notConfiguredLineMessaging,
  });
  const dayName = (ms: number) => `events_p${new Date(ms).toISOString().slice(0, 10).replaceAll('-', '')}`;

  it('creates a week of partitions ahead and drops whole partitions once their day is 90 days old', async () => {
    const account = await signUp(moved.app);
    const movedStore = postgresEventStore(() => Date.now() + moved.clock.offsetMs);
    const now = Date.now();
    await movedStore.append(moved.pool, [
      { accountId: account.id, type: 'old.event', at: now - 1000 },
      // No partition was made for ten days ago: the store makes it.
      { accountId: account.id, type: 'older.event', at: now - 10 * DAY },
    ]);
    const before = await listEventPartitions(moved.pool);
    expect(before).toContain(dayName(now - 10 * DAY));
    expect(before).toContain(dayName(now + 7 * DAY));

    // 95 days on: today's and ten days ago's partitions have passed 90 days; a week ahead of then exists.
    moved.clock.offsetMs = 95 * DAY;
    const report = (await maintain?.run(moved.pool)) as { created: number; dropped: string[] };
    expect(report.dropped).toEqual(expect.arrayContaining([dayName(now), dayName(now - 10 * DAY)]));
    expect(report.created).toBeGreaterThan(0);
    const after = await listEventPartitions(moved.pool);
    expect(after).not.toContain(dayName(now));
    expect(after).toContain(dayName(now + 95 * DAY));
    expect(after).toContain(dayName(now + 102 * DAY));
    // The rows went with their partitions: nothing deleted them one by one.
    const Count = rowType(Type.Object({ count: Type.Integer() }));
    expect(
      await admin.oneFirst(
        sql.type(Count)`SELECT count(*)::int AS count FROM miyabi.events WHERE account_id = ${account.id}`,
      ),
    ).toBe(0);
    // A second run has nothing left to do.
    const again = (await maintain?.run(moved.pool)) as { created: number; dropped: string[] };
    expect(again).toMatchObject({ created: 0, dropped: [] });
    // Events of the moved present are recorded in the partitions made ahead.
    expect(await movedStore.append(moved.pool, [{ accountId: account.id, type: 'future.event' }])).toEqual({
      appended: 1,
    });
    moved.clock.offsetMs = 0;
  });
});
