import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, bearer, expectProblem, signUp, testApp } from '../../../../../test/harness.ts';
import { superuserPool } from '../../../../../test/superuser.ts';
import { createEngines } from '../../../../composition.ts';
import { loadConfig } from '../../../../config.ts';
import { postgresEventStore } from '../store.ts';
import { deliverLineReplies } from './delivery.ts';
import { lineMessagingApi } from './messaging.ts';

const SECRET = 'line-channel-secret-0123456789';
const TOKEN = 'line-channel-access-token-0123456789';

/** A local stand-in for api.line.me: records each request and answers what the test queues. */
interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: { replyToken?: string; to?: string; messages: { type: string; text: string }[] };
}
const seen: Seen[] = [];
const answers: number[] = [];
const fakeLine = createServer((request, response) => {
  let text = '';
  request.on('data', (chunk) => {
    text += chunk;
  });
  request.on('end', () => {
    seen.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(text) });
    const status = answers.shift() ?? 200;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(status === 200 ? '{}' : JSON.stringify({ message: `status ${status}` }));
  });
});
await new Promise<void>((resolve) => fakeLine.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise((resolve) => fakeLine.close(resolve)));
const LINE_API_URL = `http://127.0.0.1:${(fakeLine.address() as AddressInfo).port}`;

const env = { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_URL };
const { app, pool, databaseUrl } = await testApp(env);
const unconfigured = await testApp();
const admin = await superuserPool(databaseUrl);
// The messaging the composition root builds from the same configuration as the app's.
const { lineMessaging } = createEngines(loadConfig({ NODE_ENV: 'test', ...env }));
const store = postgresEventStore(Date.now);

const lineUser = () => `U${randomUUID().replaceAll('-', '')}`;

type LineEvent = Record<string, unknown>;

function textEvent(userId: string, text: string, extra: LineEvent = {}): LineEvent {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    webhookEventId: randomUUID(),
    deliveryContext: { isRedelivery: false },
    replyToken: randomUUID().replaceAll('-', ''),
    source: { type: 'user', userId },
    message: { id: String(Date.now()), type: 'text', quoteToken: 'q', text },
    ...extra,
  };
}

function deliver(events: LineEvent[], options: { secret?: string; body?: string; target?: typeof app } = {}) {
  const body = options.body ?? JSON.stringify({ destination: 'U0123456789abcdef0123456789abcdef', events });
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(body)
    .digest('base64');
  return (options.target ?? app).inject({
    method: 'POST',
    url: '/v1/miyabi/webhooks/line',
    headers: { 'content-type': 'application/json', 'x-line-signature': signature },
    payload: body,
  });
}

async function linkedUser(account: Account): Promise<string> {
  const code = await as(app, account.accessToken, { method: 'POST', url: '/v1/miyabi/line/link-codes' });
  expect(code.statusCode).toBe(201);
  const userId = lineUser();
  const response = await deliver([textEvent(userId, `link ${code.json().code}`)]);
  expect(response.json()).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
  return userId;
}

/** The replies queued for a LINE user, oldest first. */
async function outbox(userId: string) {
  const rows = await admin.any(sql.unsafe`
    SELECT messages, status, reply_token AS "replyToken" FROM miyabi.line_outbox
    WHERE line_user_id = ${userId} ORDER BY created_at
  `);
  return (rows as { messages: { text: string }[]; status: string; replyToken: string | null }[]).map(
    (row) => ({
      ...row,
      text: row.messages[0]?.text,
    }),
  );
}

interface Logged {
  accountId: string | null;
  type: string;
  text: string | null;
  intent: string | null;
  issueNumber: number | null;
  details: unknown;
}

async function logged(userId: string): Promise<readonly Logged[]> {
  const rows = await admin.any(sql.unsafe`
    SELECT account_id AS "accountId", message_type AS "type", message_text AS "text",
      parsed_intent AS "intent", issue_number AS "issueNumber", details
    FROM miyabi.line_messages WHERE line_user_id = ${userId} ORDER BY created_at, id
  `);
  return rows as readonly Logged[];
}

describe('POST /v1/miyabi/webhooks/line', () => {
  it('records a signed event once, refuses bad signatures, and answers 503 without a channel secret', async () => {
    const userId = lineUser();
    const event = textEvent(userId, 'hello');
    expect((await deliver([event])).json()).toEqual({ recorded: 1, duplicates: 0, ignored: 0 });
    // LINE redelivers: same webhookEventId, acted on once.
    expect((await deliver([event, event])).json()).toEqual({ recorded: 0, duplicates: 2, ignored: 0 });
    expect(await logged(userId)).toHaveLength(1);

    const other = textEvent(userId, 'again');
    const body = JSON.stringify({ destination: 'U0', events: [other] });
    const forged = [
      await deliver([other], { secret: 'some-other-channel-secret' }),
      // Signed bytes re-serialised with other white space no longer match.
      await app.inject({
        method: 'POST',
        url: '/v1/miyabi/webhooks/line',
        headers: {
          'content-type': 'application/json',
          'x-line-signature': createHmac('sha256', SECRET).update(body).digest('base64'),
        },
        payload: JSON.stringify(JSON.parse(body), null, 2),
      }),
      await app.inject({
        method: 'POST',
        url: '/v1/miyabi/webhooks/line',
        headers: { 'content-type': 'application/json', 'x-line-signature': 'not base64 at all' },
        payload: body,
      }),
    ];
    for (const response of forged) {
      const problem = expectProblem(response, 400, 'validation_failed');
      expect(problem.errors[0].path).toBe('/header/x-line-signature');
    }
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/v1/miyabi/webhooks/line',
        payload: { destination: 'U0', events: [] },
      }),
      400,
      'validation_failed',
    );
    expect(await logged(userId)).toHaveLength(1);
    expectProblem(await deliver([other], { target: unconfigured.app }), 503, 'unavailable');
    // LINE's URL verification: no events, a valid signature.
    expect((await deliver([])).json()).toEqual({ recorded: 0, duplicates: 0, ignored: 0 });
  });

  it('logs every message type and postbacks, and acknowledges other events', async () => {
    const userId = lineUser();
    const message = (type: string, fields: Record<string, unknown>) =>
      textEvent(userId, '', { message: { id: randomUUID(), type, ...fields } });
    const events = [
      textEvent(userId, 'hi'),
      message('image', { contentProvider: { type: 'line' } }),
      message('video', { duration: 6000, contentProvider: { type: 'line' } }),
      message('audio', { duration: 3000, contentProvider: { type: 'line' } }),
      message('file', { fileName: 'log.txt', fileSize: 120 }),
      message('location', { title: 'Office', address: 'Tokyo', latitude: 35.68, longitude: 139.76 }),
      message('sticker', { packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' }),
      { ...textEvent(userId, ''), type: 'postback', message: undefined, postback: { data: 'list my runs' } },
      { ...textEvent(userId, ''), type: 'follow', message: undefined },
      // A group event without a user id.
      { ...textEvent(userId, 'hi'), source: { type: 'group', groupId: 'C0' } },
    ];
    expect((await deliver(events)).json()).toEqual({ recorded: 8, duplicates: 0, ignored: 2 });
    const rows = await logged(userId);
    expect(rows.map((row) => row.type).sort()).toEqual(
      ['audio', 'file', 'image', 'location', 'postback', 'sticker', 'text', 'video'].sort(),
    );
    expect(rows.find((row) => row.type === 'location')?.details).toMatchObject({
      title: 'Office',
      latitude: 35.68,
    });
    expect(rows.find((row) => row.type === 'postback')).toMatchObject({
      text: 'list my runs',
      intent: 'list_runs',
    });
    // Unlinked: texts are told how to link; media gets no reply.
    const replies = await outbox(userId);
    expect(replies).toHaveLength(2);
    expect(replies[0]?.text).toMatch(/not linked/);
  });

  it('links a LINE user with a one-time code, then answers for the account in English and Japanese', async () => {
    const account = await signUp(app);
    const userId = await linkedUser(account);
    const repositoryId = randomUUID();
    const now = Date.now();
    await store.append(pool, [
      {
        accountId: account.id,
        repositoryId,
        type: 'agent_execution',
        data: { agentType: 'CodeGen', status: 'completed', issueNumber: 12 },
        at: now - 3000,
      },
      {
        accountId: account.id,
        repositoryId,
        type: 'agent_execution',
        data: { agentType: 'Review', status: 'running', issueNumber: 12 },
        at: now - 2000,
      },
      {
        accountId: account.id,
        repositoryId,
        type: 'agent_execution',
        data: { agentType: 'Issue', status: 'failed', issueNumber: 7 },
        at: now - 1000,
      },
    ]);
    const response = await deliver([
      textEvent(userId, 'status of issue #12'),
      textEvent(userId, '＃７の状態は?'),
      textEvent(userId, 'list my runs'),
      textEvent(userId, '「ログインボタンが動かない」というイシューを作成して'),
      textEvent(userId, 'what can you do'),
    ]);
    expect(response.json()).toEqual({ recorded: 5, duplicates: 0, ignored: 0 });
    const texts = (await outbox(userId)).map((reply) => reply.text);
    expect(texts[0]).toMatch(/^Linked/);
    expect(texts[1]).toMatch(/^Issue #12: Review running #12/);
    expect(texts[2]).toMatch(/^イシュー #7: Issue failed #7/);
    expect(texts[3]).toMatch(
      /^Your latest runs:\nIssue failed #7.*\nReview running #12.*\nCodeGen completed #12/,
    );
    expect(texts[4]).toContain('ログインボタンが動かない');
    expect(texts[5]).toMatch(/^Try:/);
    expect((await logged(userId)).map((row) => row.accountId)).toEqual(Array(6).fill(account.id));

    // The issue request is an event of the account, and a notification on its realtime stream.
    const events = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/events?type=line.issue_requested',
    });
    // No repository and no GitHub identity, and the local GithubIssues: recorded as pending, with why.
    expect(events.json().data[0].data).toMatchObject({
      title: 'ログインボタンが動かない',
      status: 'pending',
    });
    expect(events.json().data[0].data.reason).toContain('repository');
    const stream = await app.inject({
      method: 'GET',
      url: '/v1/miyabi/events/stream?follow=false',
      headers: bearer(account.accessToken),
    });
    expect(stream.body).toContain('"kind":"issue_requested"');

    // A code works once.
    const code = (
      await as(app, account.accessToken, { method: 'POST', url: '/v1/miyabi/line/link-codes' })
    ).json().code;
    const stranger = lineUser();
    await deliver([textEvent(stranger, `連携 ${code}`)]);
    await deliver([textEvent(lineUser(), `link ${code}`)]);
    expect((await outbox(stranger))[0]?.text).toBe('Miyabi アカウントと連携しました。');
    // The account's LINE user is now the stranger: the first one is unlinked.
    await deliver([textEvent(userId, 'list my runs')]);
    expect((await outbox(userId)).at(-1)?.text).toMatch(/not linked/);
  });
});

describe('the LINE outbox', () => {
  it('replies with a fresh token, pushes with a retry key otherwise, retries failures and fails refusals', async () => {
    const userId = lineUser();
    await deliver([textEvent(userId, 'hello')]);
    seen.length = 0;
    answers.push(200);
    const first = await deliverLineReplies(pool, lineMessaging, Date.now());
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const mine = seen.filter((request) => JSON.stringify(request.body).includes('not linked'));
    expect(mine[0]?.path).toBe('/v2/bot/message/reply');
    expect(mine[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect((await outbox(userId))[0]?.status).toBe('sent');

    // A stale token: a push, keyed; the fake fails it once with a 500, then accepts the retry.
    const later = lineUser();
    await deliver([textEvent(later, 'hello')]);
    seen.length = 0;
    answers.push(500);
    const retried = await deliverLineReplies(pool, lineMessaging, Date.now() + 60_000);
    expect(retried.retrying).toBeGreaterThanOrEqual(1);
    expect((await outbox(later))[0]?.status).toBe('pending');
    answers.push(200);
    await deliverLineReplies(pool, lineMessaging, Date.now() + 120_000);
    const pushes = seen.filter((request) => request.body.to === later);
    expect(pushes.map((request) => request.path)).toEqual(['/v2/bot/message/push', '/v2/bot/message/push']);
    expect(pushes[0]?.headers['x-line-retry-key']).toBe(pushes[1]?.headers['x-line-retry-key']);
    expect((await outbox(later))[0]?.status).toBe('sent');

    // LINE refuses the push for good (400): failed, not retried.
    const refused = lineUser();
    await deliver([textEvent(refused, 'hello')]);
    answers.push(400);
    await deliverLineReplies(pool, lineMessaging, Date.now() + 60_000);
    expect((await outbox(refused))[0]?.status).toBe('failed');
  });

  it('leaves replies queued when no access token is configured', async () => {
    const report = await deliverLineReplies(
      pool,
      createEngines(loadConfig({ NODE_ENV: 'test' })).lineMessaging,
      Date.now(),
    );
    expect(report).toEqual({ sent: 0, failed: 0, retrying: 0, unconfigured: true });
    expect(lineMessagingApi({ baseUrl: LINE_API_URL, channelAccessToken: TOKEN }).configured).toBe(true);
  });
});
