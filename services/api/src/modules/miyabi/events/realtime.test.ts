import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, bearer, signUp, testApp } from '../../../../test/harness.ts';
import { dataOf, parseSse } from '../../../../test/sse.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { notify, type RealtimeMessage } from './index.ts';
import { realtimeRetention } from './realtime.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const send = (account: Account, message: RealtimeMessage) =>
  withAccount(pool, account.id, (tx) => notify(tx, account.id, message));

async function replay(account: Account, lastEventId?: number) {
  const response = await app.inject({
    method: 'GET',
    url: '/v1/miyabi/events/stream?follow=false',
    headers: {
      ...bearer(account.accessToken),
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
  });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
  return parseSse(response.body).filter((event) => event.id);
}

describe('GET /v1/miyabi/events/stream', () => {
  it('replays undelivered messages on reconnect, and everything after Last-Event-ID', async () => {
    const account = await signUp(app);
    for (const n of [1, 2, 3]) await send(account, { type: 'notification', payload: { n } });
    const first = await replay(account);
    expect(first.map((event) => [event.id, event.event])).toEqual([
      ['1', 'notification'],
      ['2', 'notification'],
      ['3', 'notification'],
    ]);
    expect(dataOf(first)[0]).toMatchObject({ type: 'notification', payload: { n: 1 } });
    // Delivered once: a reconnect without Last-Event-ID sends only what is new.
    expect(await replay(account)).toEqual([]);
    await send(account, { type: 'execution_update', payload: { status: 'running', progress: 40 } });
    expect((await replay(account)).map((event) => [event.id, event.event])).toEqual([
      ['4', 'execution_update'],
    ]);
    // A client that lost messages resumes by id.
    expect((await replay(account, 1)).map((event) => event.id)).toEqual(['2', '3', '4']);
    // An id past the last message replays nothing, and is no error.
    expect(await replay(account, 99)).toEqual([]);
  });

  it("never shows another account's messages", async () => {
    const [alice, bob] = [await signUp(app), await signUp(app)];
    await send(alice, { type: 'notification', payload: { secret: true } });
    expect(await replay(bob, 0)).toEqual([]);
    // RLS: bound to bob, a message for alice is refused.
    await expect(
      withAccount(pool, bob.id, (tx) => notify(tx, alice.id, { type: 'notification', payload: {} })),
    ).rejects.toThrow();
  });

  it('delivers a message committed while the stream is open, from another connection', async () => {
    const account = await signUp(app);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/miyabi/events/stream`, {
      headers: bearer(account.accessToken),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(': stream open');
    await send(account, { type: 'execution_update', payload: { executionId: 'e-1', status: 'completed' } });
    await readUntil('"completed"');
    controller.abort();
    const events = parseSse(text).filter((event) => event.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: '1', event: 'execution_update' });
  });

  it('keeps messages 24 hours: older ones are neither replayed nor kept past the maintenance', async () => {
    const account = await signUp(app);
    await send(account, { type: 'notification', payload: { n: 1 } });
    await send(account, { type: 'notification', payload: { n: 2 } });
    await admin.query(sql.unsafe`
      UPDATE miyabi.realtime_messages SET created_at = now() - interval '25 hours'
      WHERE account_id = ${account.id} AND seq = 1
    `);
    expect((await replay(account, 0)).map((event) => event.id)).toEqual(['2']);
    expect(await realtimeRetention.deleteBatch(pool, Date.now(), 1000)).toBeGreaterThanOrEqual(1);
    const left = await admin.anyFirst(
      sql.unsafe`SELECT seq FROM miyabi.realtime_messages WHERE account_id = ${account.id} ORDER BY seq`,
    );
    expect(left).toEqual([2]);
  });
});
