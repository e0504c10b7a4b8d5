import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, ownDatabase, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { startTestWorker, waitForJob } from '../../../../test/worker.ts';
import { createEngines } from '../../../composition.ts';
import { loadConfig } from '../../../config.ts';
import { createJobHandlers } from '../../../jobs.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { type FakeUser, startFakeOAuth } from '../../../testing/fake-oauth.ts';

const LINE_SECRET = 'line-channel-secret-0123456789';
const fake = await startFakeOAuth();
afterAll(() => fake.close());
const env = {
  ...fake.miyabiEnv(['github', 'line']),
  LINE_CHANNEL_SECRET: LINE_SECRET,
  // The LINE bot's "create issue" goes to the fake's GitHub REST API as the linked identity.
  MIYABI_GITHUB_ISSUES: 'github',
};
// A queue of this file's own: its worker runs the registry's handlers on this file's fake GitHub.
const databaseUrl = await ownDatabase();
const { app, pool } = await testApp(env, { databaseUrl });
const unconfigured = (await testApp()).app;
const admin = await superuserPool(databaseUrl);
const handlers = createJobHandlers(createEngines(loadConfig({ NODE_ENV: 'test', ...env })), app.sealer);
const worker = await startTestWorker(databaseUrl, handlers);
afterAll(() => worker.stop());

type Provider = 'github' | 'line';

const githubUser = (): FakeUser => ({
  subject: String(Math.floor(Math.random() * 1e12) + 1),
  email: null,
  emailVerified: false,
  name: 'Octo Cat',
});
const lineUser = (): FakeUser => ({
  subject: `U${randomUUID().replaceAll('-', '')}`,
  email: null,
  emailVerified: false,
  name: 'みやび',
});

/** The start, then the browser's trip through the fake provider: the code and state it brings back. */
async function authorize(account: Account, provider: Provider, user: FakeUser) {
  const start = await as(app, account.accessToken, {
    method: 'POST',
    url: `/v1/miyabi/identities/${provider}/authorizations`,
  });
  expect(start.statusCode).toBe(201);
  fake.nextUser = user;
  const consent = await fetch(start.json().authorizationUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const back = new URL(String(consent.headers.get('location')));
  return {
    start: start.json(),
    back,
    code: back.searchParams.get('code'),
    state: back.searchParams.get('state'),
  };
}

function callback(
  account: Account,
  provider: Provider,
  payload: { code: string | null; state: string | null },
) {
  return as(app, account.accessToken, {
    method: 'POST',
    url: `/v1/miyabi/identities/${provider}/callback`,
    payload,
  });
}

async function link(account: Account, provider: Provider, user: FakeUser) {
  const { code, state } = await authorize(account, provider, user);
  return callback(account, provider, { code, state });
}

const identitiesOf = async (account: Account) =>
  (await as(app, account.accessToken, { method: 'GET', url: '/v1/miyabi/identities' })).json().data;

function lineMessage(userId: string, text: string) {
  const body = JSON.stringify({
    destination: 'U0123456789abcdef0123456789abcdef',
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: randomUUID(),
        replyToken: randomUUID().replaceAll('-', ''),
        source: { type: 'user', userId },
        message: { id: '1', type: 'text', text },
      },
    ],
  });
  return app.inject({
    method: 'POST',
    url: '/v1/miyabi/webhooks/line',
    headers: {
      'content-type': 'application/json',
      'x-line-signature': createHmac('sha256', LINE_SECRET).update(body).digest('base64'),
    },
    payload: body,
  });
}

/** The reply the bot queued for a LINE user, and the account it answered for. */
async function lastReply(userId: string) {
  return (await admin.one(sql.unsafe`
    SELECT account_id AS "accountId", messages->0->>'text' AS text FROM miyabi.line_outbox
    WHERE line_user_id = ${userId} ORDER BY created_at DESC LIMIT 1
  `)) as { accountId: string | null; text: string };
}

/** The account's newest `miyabi.line.issue` job, once the worker has finished it. */
async function lineIssueJob(account: Account) {
  const id = await admin.oneFirst(sql.unsafe`
    SELECT id FROM platform.jobs WHERE account_id = ${account.id} AND type = 'miyabi.line.issue'
    ORDER BY created_at DESC LIMIT 1
  `);
  return waitForJob(app, account.accessToken, String(id));
}

/** Backends of this file's database sitting in an open transaction while nothing runs in it. */
async function idleInTransaction() {
  return admin.any(sql.unsafe`
    SELECT pid, usename, query FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'
  `);
}

/**
 * While the fake holds a request (a slow provider), samples pg_stat_activity: no backend of the
 * app or its worker may wait in an open transaction, and another request is served meanwhile.
 */
async function whileProviderHolds(account: Account) {
  const deadline = Date.now() + 5000;
  while (fake.held === 0) {
    if (Date.now() > deadline) throw new Error('the fake provider never held a request');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const samples: unknown[][] = [];
  for (let sample = 0; sample < 10 && fake.held > 0; sample++) {
    samples.push([...(await idleInTransaction())]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const other = await as(app, account.accessToken, { method: 'GET', url: '/v1/miyabi/identities' });
  expect(other.statusCode).toBe(200);
  // Still held: the samples and the other request all happened during the provider's wait.
  expect(fake.held).toBeGreaterThan(0);
  expect(samples.length).toBeGreaterThan(3);
  expect(samples.flat()).toEqual([]);
}

/** A GitHub identity, an active repository and a LINE user linked to a fresh account. */
async function readyForIssues() {
  const account = await signUp(app);
  const user = githubUser();
  expect((await link(account, 'github', user)).statusCode).toBe(200);
  const token = fake.issuedTokens.find((issued) => issued.user.subject === user.subject)?.token;
  const fullName = `octocat/repo-${randomUUID().slice(0, 8)}`;
  const connected = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/miyabi/repositories',
    payload: { githubRepoId: Math.floor(Math.random() * 1e9) + 1, fullName },
  });
  expect(connected.statusCode).toBe(201);
  const lineId = lineUser().subject;
  const code = (
    await as(app, account.accessToken, { method: 'POST', url: '/v1/miyabi/line/link-codes' })
  ).json();
  await lineMessage(lineId, `link ${code.code}`);
  return { account, token, fullName, lineId };
}

const issuesIn = (fullName: string) => fake.createdIssues.filter((issue) => issue.repository === fullName);

describe('connected accounts', () => {
  it('starts with an authorization URL carrying state and an S256 challenge; the verifier stays on the server', async () => {
    const account = await signUp(app);
    const response = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/miyabi/identities/github/authorizations',
    });
    expect(response.statusCode).toBe(201);
    const { authorizationUrl, state, expiresAt } = response.json();
    const url = new URL(authorizationUrl);
    expect(url.origin + url.pathname).toBe(`${fake.url}/github/login/oauth/authorize`);
    expect(url.searchParams.get('state')).toBe(state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(fake.miyabiRedirectUri('github'));
    expect(url.searchParams.get('scope')).toBe('read:user repo');
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    expect(authorizationUrl).not.toContain('code_verifier');
  });

  it('links a GitHub identity through the fake provider: token exchange with PKCE, then GET /user', async () => {
    const account = await signUp(app);
    const user = githubUser();
    const verified = fake.pkceVerified;
    const response = await link(account, 'github', user);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      provider: 'github',
      subject: user.subject,
      login: 'octocat',
      linkedVia: 'oauth',
      canCallApi: true,
    });
    expect(fake.pkceVerified).toBe(verified + 1);
    expect(await identitiesOf(account)).toMatchObject([{ provider: 'github', subject: user.subject }]);
    // The token is kept sealed: the column holds no trace of it.
    const token = fake.issuedTokens.at(-1)?.token ?? '';
    const stored = await admin.oneFirst(sql.unsafe`
      SELECT encode(access_token, 'escape') FROM miyabi.identities WHERE subject = ${user.subject}
    `);
    expect(String(stored)).not.toContain(token);
  });

  it('spends a state once, and only for the account that started it', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const { code, state } = await authorize(owner, 'github', githubUser());
    // Another account bringing the owner's code and state links nothing, and the provider is not asked.
    const exchanges = fake.pkceVerified;
    expectProblem(await callback(other, 'github', { code, state }), 400, 'identity_link_failed');
    expect(await identitiesOf(other)).toEqual([]);
    expect(fake.pkceVerified).toBe(exchanges);
    // The owner's flow is intact.
    expect((await callback(owner, 'github', { code, state })).statusCode).toBe(200);
    // Spent: the same state again is refused before the provider is asked.
    const reused = expectProblem(
      await callback(owner, 'github', { code, state }),
      400,
      'identity_link_failed',
    );
    expect(reused.detail).toContain('state');

    // A code the provider refuses (used already) leaves the flow unspent, for another try.
    const again = await authorize(owner, 'github', githubUser());
    const refused = await callback(owner, 'github', { code, state: again.state });
    expect(expectProblem(refused, 400, 'identity_link_failed').detail).toMatch(
      /bad_verification_code|verification/,
    );
    expect((await callback(owner, 'github', { code: again.code, state: again.state })).statusCode).toBe(200);
    // A state of another provider, or one nobody issued.
    expectProblem(
      await callback(owner, 'line', { code: 'x', state: again.state }),
      400,
      'identity_link_failed',
    );
    expectProblem(
      await callback(owner, 'github', { code: 'x', state: 'a'.repeat(43) }),
      400,
      'identity_link_failed',
    );
  });

  it('refuses an exchange whose PKCE verifier does not match the challenge the provider was given', async () => {
    const account = await signUp(app);
    fake.tamper = { challenge: 'a-challenge-no-verifier-hashes-to-00000000000' };
    const response = await link(account, 'line', lineUser());
    expect(expectProblem(response, 400, 'identity_link_failed').detail).toContain('invalid_grant');
    expect(await identitiesOf(account)).toEqual([]);
  });

  it('refuses an expired flow', async () => {
    const account = await signUp(app);
    const { code, state } = await authorize(account, 'github', githubUser());
    await admin.query(sql.unsafe`
      UPDATE miyabi.identity_flows SET expires_at = now() - interval '1 second' WHERE state = ${state}
    `);
    expectProblem(await callback(account, 'github', { code, state }), 400, 'identity_link_failed');
  });

  it('links a LINE identity the bot then answers for, the same mapping a link code writes', async () => {
    const account = await signUp(app);
    const user = lineUser();
    const response = await link(account, 'line', user);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      provider: 'line',
      subject: user.subject,
      login: 'みやび',
      linkedVia: 'oauth',
      canCallApi: false,
    });
    expect((await lineMessage(user.subject, 'list my runs')).statusCode).toBe(200);
    expect(await lastReply(user.subject)).toMatchObject({
      accountId: account.id,
      text: 'You have no agent runs yet.',
    });

    // A link code sent from another LINE user replaces the account's LINE identity: one mapping.
    const codeResponse = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/miyabi/line/link-codes',
    });
    const other = lineUser().subject;
    await lineMessage(other, `link ${codeResponse.json().code}`);
    expect(await identitiesOf(account)).toMatchObject([
      { provider: 'line', subject: other, linkedVia: 'link_code', login: null },
    ]);
    await lineMessage(user.subject, 'list my runs');
    expect((await lastReply(user.subject)).accountId).toBeNull();

    // And linking by OAuth takes a LINE user over from the account it was linked to by code.
    const second = await signUp(app);
    expect((await link(second, 'line', { ...user, subject: other })).statusCode).toBe(200);
    expect(await identitiesOf(account)).toEqual([]);
    await lineMessage(other, 'list my runs');
    expect((await lastReply(other)).accountId).toBe(second.id);
  });

  it('keeps one identity per provider, lists them newest first, and unlinks', async () => {
    const account = await signUp(app);
    expect((await link(account, 'github', githubUser())).statusCode).toBe(200);
    const replacement = githubUser();
    expect((await link(account, 'github', replacement)).statusCode).toBe(200);
    expect((await link(account, 'line', lineUser())).statusCode).toBe(200);
    const listed = await identitiesOf(account);
    expect(listed.map((identity: { provider: string }) => identity.provider)).toEqual(['line', 'github']);
    expect(listed[1].subject).toBe(replacement.subject);
    const page = await as(app, account.accessToken, { method: 'GET', url: '/v1/miyabi/identities?limit=1' });
    const next = await as(app, account.accessToken, {
      method: 'GET',
      url: `/v1/miyabi/identities?limit=1&cursor=${page.json().nextCursor}`,
    });
    expect(next.json()).toMatchObject({ data: [{ provider: 'github' }], nextCursor: null });

    const removed = await as(app, account.accessToken, {
      method: 'DELETE',
      url: '/v1/miyabi/identities/github',
    });
    expect(removed.statusCode).toBe(204);
    expectProblem(
      await as(app, account.accessToken, { method: 'DELETE', url: '/v1/miyabi/identities/github' }),
      404,
      'not_found',
    );
    expect(await identitiesOf(account)).toMatchObject([{ provider: 'line' }]);
  });

  it('answers 503 naming the variables when a provider is not configured', async () => {
    const account = await signUp(unconfigured);
    const start = await as(unconfigured, account.accessToken, {
      method: 'POST',
      url: '/v1/miyabi/identities/github/authorizations',
    });
    expect(expectProblem(start, 503, 'unavailable').detail).toContain('MIYABI_GITHUB_OAUTH_CLIENT_ID');
    const finish = await as(unconfigured, account.accessToken, {
      method: 'POST',
      url: '/v1/miyabi/identities/line/callback',
      payload: { code: 'x', state: 'y' },
    });
    expect(expectProblem(finish, 503, 'unavailable').detail).toContain('MIYABI_LINE_OAUTH');
  });

  it('creates the GitHub issue a LINE message asks for in a job, as the linked GitHub identity, on the latest repository', async () => {
    const { account, token, fullName, lineId } = await readyForIssues();
    const linkedReply = (await lastReply(lineId)).text;

    expect((await lineMessage(lineId, 'create issue Crash on start')).statusCode).toBe(200);
    const job = await lineIssueJob(account);
    expect(job).toMatchObject({
      type: 'miyabi.line.issue',
      status: 'succeeded',
      result: {
        status: 'created',
        repository: fullName,
        issueNumber: 1,
        issueUrl: `https://github.com/${fullName}/issues/1`,
      },
    });
    expect(issuesIn(fullName)).toEqual([
      { repository: fullName, token, title: 'Crash on start', body: 'Filed from LINE through Miyabi.' },
    ]);
    const replies = await admin.anyFirst(sql.unsafe`
      SELECT messages->0->>'text' FROM miyabi.line_outbox WHERE line_user_id = ${lineId} ORDER BY created_at
    `);
    expect(replies).toEqual([
      linkedReply,
      `Issue #1 created in ${fullName}: https://github.com/${fullName}/issues/1`,
    ]);
    const events = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/events?type=line.issue_requested',
    });
    expect(events.json().data[0].data).toMatchObject({
      title: 'Crash on start',
      status: 'created',
      number: 1,
      repository: fullName,
    });

    // A retried job (another attempt of the same one) finds the request settled: no second
    // issue, no second reply, the same result.
    const retried = await handlers['miyabi.line.issue']?.({
      jobId: job.id,
      accountId: account.id,
      payload: { lineMessageId: job.result.lineMessageId },
      attempt: 2,
      signal: new AbortController().signal,
      withAccount: (fn) => withAccount(pool, account.id, fn),
      reportProgress: async () => undefined,
    });
    expect(retried).toEqual(job.result);
    expect(issuesIn(fullName)).toHaveLength(1);
    expect(await lastReply(lineId)).toMatchObject({ text: replies[1] });

    // Unlinked from GitHub: the next request is answered at once as pending, and nothing reaches GitHub.
    await as(app, account.accessToken, { method: 'DELETE', url: '/v1/miyabi/identities/github' });
    const created = fake.createdIssues.length;
    await lineMessage(lineId, 'create issue Second one');
    expect(fake.createdIssues).toHaveLength(created);
    expect((await lastReply(lineId)).text).toContain('no GitHub identity is linked');
  });

  it('answers the webhook at once and holds no transaction while GitHub is slow to file the issue', async () => {
    const { account, fullName, lineId } = await readyForIssues();
    fake.holdMs = 2000;
    try {
      const started = Date.now();
      const response = await lineMessage(lineId, 'create issue Slow provider');
      expect(response.statusCode).toBe(200);
      // Answered before GitHub could have answered the job.
      expect(Date.now() - started).toBeLessThan(fake.holdMs);
      await whileProviderHolds(account);
    } finally {
      fake.holdMs = 0;
    }
    expect((await lineIssueJob(account)).status).toBe('succeeded');
    expect(issuesIn(fullName).map((issue) => issue.title)).toEqual(['Slow provider']);
    expect((await lastReply(lineId)).text).toBe(
      `Issue #1 created in ${fullName}: https://github.com/${fullName}/issues/1`,
    );
  });

  it('retries a GitHub outage with the job backoff, and files the issue once', async () => {
    const { account, fullName, lineId } = await readyForIssues();
    fake.issueStatuses = [502];
    await lineMessage(lineId, 'イシュー作成: 二度目で通る');
    const job = await lineIssueJob(account);
    expect(job).toMatchObject({ status: 'succeeded', result: { status: 'created', issueNumber: 1 } });
    expect(issuesIn(fullName).map((issue) => issue.title)).toEqual(['二度目で通る']);
    expect((await lastReply(lineId)).text).toBe(
      `${fullName} にイシュー #1 を作成しました: https://github.com/${fullName}/issues/1`,
    );
    const calls = await admin.oneFirst(sql.unsafe`
      SELECT calls FROM miyabi.line_issue_requests WHERE account_id = ${account.id}
    `);
    expect(calls).toBe(2);
  });

  it("fails the job at once on GitHub's refusal and tells the LINE user honestly", async () => {
    const { account, fullName, lineId } = await readyForIssues();
    fake.issueStatuses = [404];
    await lineMessage(lineId, 'create issue Nowhere to go');
    const job = await lineIssueJob(account);
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'github_refused', message: 'GitHub answered 404.' },
    });
    expect(issuesIn(fullName)).toEqual([]);
    expect(fake.issueStatuses).toEqual([]);
    expect((await lastReply(lineId)).text).toBe(
      'Issue request noted: "Nowhere to go". Not created on GitHub: GitHub answered 404.',
    );
    const events = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/events?type=line.issue_requested',
    });
    expect(events.json().data[0].data).toMatchObject({ status: 'failed', reason: 'GitHub answered 404.' });
    const calls = await admin.oneFirst(sql.unsafe`
      SELECT calls FROM miyabi.line_issue_requests WHERE account_id = ${account.id}
    `);
    expect(calls).toBe(1);
  });

  it('exchanges the code and reads the user with no transaction open while the provider is slow', async () => {
    const account = await signUp(app);
    const user = githubUser();
    const { code, state } = await authorize(account, 'github', user);
    fake.holdMs = 1500;
    let finished: Awaited<ReturnType<typeof callback>>;
    try {
      const pending = callback(account, 'github', { code, state });
      await whileProviderHolds(account);
      finished = await pending;
    } finally {
      fake.holdMs = 0;
    }
    expect(finished.statusCode).toBe(200);
    expect(finished.json()).toMatchObject({ provider: 'github', subject: user.subject });
    // Spent by the link: the same state again is refused before the provider is asked.
    const exchanges = fake.pkceVerified;
    expectProblem(await callback(account, 'github', { code, state }), 400, 'identity_link_failed');
    // So is a caller the service does not know, with 401 before anything else.
    const again = await authorize(account, 'github', githubUser());
    const stranger = await app.inject({
      method: 'POST',
      url: '/v1/miyabi/identities/github/callback',
      headers: { authorization: 'Bearer not-a-token' },
      payload: { code: again.code, state: again.state },
    });
    expectProblem(stranger, 401, 'unauthenticated');
    expect(fake.pkceVerified).toBe(exchanges);
    expect((await callback(account, 'github', { code: again.code, state: again.state })).statusCode).toBe(
      200,
    );
  });
});
