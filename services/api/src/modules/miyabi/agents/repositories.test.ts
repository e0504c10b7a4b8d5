import { randomInt, randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { deliverGithub, githubDelivery } from './testing.ts';

const SECRET = 'github-webhook-secret-0123456789';
const { app, pool, databaseUrl } = await testApp({ MIYABI_GITHUB_WEBHOOK_SECRET: SECRET });
const unconfigured = await testApp();
const admin = await superuserPool(databaseUrl);

const repoId = () => randomInt(1, 2 ** 47);

async function connect(token: string, body: object) {
  return as(app, token, { method: 'POST', url: '/v1/miyabi/repositories', payload: body });
}

describe('repositories', () => {
  it('connects, lists, changes and disconnects, privately to the account', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const githubRepoId = repoId();
    const created = await connect(owner.accessToken, { githubRepoId, fullName: 'octocat/Hello-World' });
    expect(created.statusCode).toBe(201);
    const repository = created.json();
    expect(repository).toMatchObject({
      githubRepoId,
      owner: 'octocat',
      name: 'Hello-World',
      fullName: 'octocat/Hello-World',
      defaultBranch: 'main',
      active: true,
    });

    // Once per account; another account may connect the same GitHub repository.
    expectProblem(
      await connect(owner.accessToken, { githubRepoId, fullName: 'octocat/Hello-World' }),
      409,
      'conflict',
    );
    const theirs = await connect(other.accessToken, {
      githubRepoId,
      fullName: 'octocat/Hello-World',
      active: false,
    });
    expect(theirs.statusCode).toBe(201);

    // Another account's repository is 404 for every operation.
    const url = `/v1/miyabi/repositories/${repository.id}`;
    expectProblem(await as(app, other.accessToken, { method: 'GET', url }), 404, 'not_found');
    expectProblem(
      await as(app, other.accessToken, { method: 'PATCH', url, payload: { active: false } }),
      404,
      'not_found',
    );
    expectProblem(await as(app, other.accessToken, { method: 'DELETE', url }), 404, 'not_found');
    expectProblem(
      await as(app, other.accessToken, { method: 'GET', url: `${url}/events` }),
      404,
      'not_found',
    );
    const otherList = await as(app, other.accessToken, { method: 'GET', url: '/v1/miyabi/repositories' });
    expect(otherList.json().data.map((r: { id: string }) => r.id)).toEqual([theirs.json().id]);

    const renamed = await as(app, owner.accessToken, {
      method: 'PATCH',
      url,
      payload: { fullName: 'octo-org/hello', defaultBranch: 'develop' },
    });
    expect(renamed.json()).toMatchObject({
      owner: 'octo-org',
      name: 'hello',
      fullName: 'octo-org/hello',
      defaultBranch: 'develop',
    });

    const second = await connect(owner.accessToken, {
      githubRepoId: repoId(),
      fullName: 'a/b',
      active: false,
    });
    const page1 = await as(app, owner.accessToken, { method: 'GET', url: '/v1/miyabi/repositories?limit=1' });
    expect(page1.json().data[0].id).toBe(second.json().id);
    const page2 = await as(app, owner.accessToken, {
      method: 'GET',
      url: `/v1/miyabi/repositories?limit=1&cursor=${page1.json().nextCursor}`,
    });
    expect(page2.json()).toEqual({ data: [renamed.json()], nextCursor: null });
    const active = await as(app, owner.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/repositories?active=true',
    });
    expect(active.json().data.map((r: { id: string }) => r.id)).toEqual([repository.id]);

    expect((await as(app, owner.accessToken, { method: 'DELETE', url })).statusCode).toBe(204);
    expectProblem(await as(app, owner.accessToken, { method: 'GET', url }), 404, 'not_found');
  });

  it('refuses bad names, branches and unknown fields', async () => {
    const { accessToken } = await signUp(app);
    for (const body of [
      { githubRepoId: 1, fullName: 'no-slash' },
      { githubRepoId: 1, fullName: 'a/b/c' },
      { githubRepoId: 0, fullName: 'a/b' },
      { githubRepoId: 1, fullName: 'a/b', defaultBranch: 'has space' },
      { githubRepoId: 1, fullName: 'a/b', private: true },
    ]) {
      expectProblem(await connect(accessToken, body), 400, 'validation_failed');
    }
    const created = await connect(accessToken, { githubRepoId: repoId(), fullName: 'a/b' });
    expectProblem(
      await as(app, accessToken, {
        method: 'PATCH',
        url: `/v1/miyabi/repositories/${created.json().id}`,
        payload: {},
      }),
      400,
      'validation_failed',
    );
  });

  it('keeps RLS as the second wall: bound to another account, the service role reaches no row of it', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const repository = (await connect(owner.accessToken, { githubRepoId: repoId(), fullName: 'x/y' })).json();
    const seen = await withAccount(pool, other.id, async (db) => ({
      read: await db.any(sql.unsafe`SELECT id FROM miyabi.repositories WHERE id = ${repository.id}`),
      updated: await db.any(
        sql.unsafe`UPDATE miyabi.repositories SET is_active = false WHERE id = ${repository.id} RETURNING id`,
      ),
      deleted: await db.any(
        sql.unsafe`DELETE FROM miyabi.repositories WHERE id = ${repository.id} RETURNING id`,
      ),
    }));
    expect(seen).toEqual({ read: [], updated: [], deleted: [] });
    await expect(
      withAccount(pool, other.id, (db) =>
        db.query(sql.unsafe`
          INSERT INTO miyabi.repositories (account_id, github_repo_id, owner, name) VALUES (${owner.id}, 1, 'a', 'b')
        `),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('GitHub webhook', () => {
  async function connectedRepository() {
    const account = await signUp(app);
    const githubRepoId = repoId();
    const repository = (
      await connect(account.accessToken, { githubRepoId, fullName: 'octocat/Hello-World' })
    ).json();
    return { account, githubRepoId, repository };
  }

  const issueOpened = (githubRepoId: number) => ({
    action: 'opened',
    issue: { number: 42, title: 'Crash on start', body: 'Steps…' },
    repository: { id: githubRepoId, full_name: 'octocat/Hello-World' },
    sender: { login: 'octocat' },
  });

  it('records a signed delivery once, for every active registration, and ignores a replay', async () => {
    const { account, githubRepoId, repository } = await connectedRepository();
    const paused = await signUp(app);
    await connect(paused.accessToken, { githubRepoId, fullName: 'octocat/Hello-World', active: false });
    const delivery = githubDelivery(SECRET, 'issues', issueOpened(githubRepoId));
    const first = await deliverGithub(app, delivery);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      deliveryId: delivery.headers['x-github-delivery'],
      duplicate: false,
      recorded: 1,
    });

    const replay = await deliverGithub(app, delivery);
    expect(replay.json()).toMatchObject({ duplicate: true, recorded: 0 });

    const events = await as(app, account.accessToken, {
      method: 'GET',
      url: `/v1/miyabi/repositories/${repository.id}/events`,
    });
    expect(events.json()).toEqual({
      data: [
        {
          id: expect.any(String),
          repositoryId: repository.id,
          deliveryId: delivery.headers['x-github-delivery'],
          event: 'issues',
          action: 'opened',
          sender: 'octocat',
          issueNumber: 42,
          pullRequestNumber: null,
          ref: null,
          receivedAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });

    // Recorded in the event store too, once, for the account whose registration is active.
    const stored = await as(app, account.accessToken, {
      method: 'GET',
      url: `/v1/miyabi/events?type=webhook.github&repositoryId=${repository.id}`,
    });
    expect(stored.json().data).toEqual([
      {
        id: events.json().data[0].id,
        type: 'webhook.github',
        repositoryId: repository.id,
        subject: `delivery:${delivery.headers['x-github-delivery']}`,
        data: {
          deliveryId: delivery.headers['x-github-delivery'],
          event: 'issues',
          action: 'opened',
          sender: 'octocat',
          issueNumber: 42,
          pullRequestNumber: null,
          ref: null,
        },
        createdAt: expect.any(String),
      },
    ]);
    const pausedEvents = await as(app, paused.accessToken, { method: 'GET', url: '/v1/miyabi/events' });
    expect(pausedEvents.json().data).toEqual([]);
  });

  it('refuses a bad or missing signature, and a body changed after signing, recording nothing', async () => {
    const { githubRepoId } = await connectedRepository();
    const good = githubDelivery(SECRET, 'issues', issueOpened(githubRepoId));
    const wrongSecret = githubDelivery('another-secret-0123456789', 'issues', issueOpened(githubRepoId));
    const tampered = { ...good, body: good.body.replace('"number":42', '"number":43') };
    const malformed = githubDelivery(SECRET, 'issues', issueOpened(githubRepoId), { signature: 'sha1=abc' });
    for (const delivery of [wrongSecret, tampered, malformed]) {
      expectProblem(await deliverGithub(app, delivery), 400, 'validation_failed');
    }
    const { 'x-hub-signature-256': _, ...unsigned } = good.headers;
    expectProblem(await deliverGithub(app, { ...good, headers: unsigned }), 400, 'validation_failed');
    const claimed = await admin.exists(sql.unsafe`
      SELECT 1 FROM miyabi.github_deliveries
      WHERE delivery_id = ANY(${sql.array(
        [wrongSecret, tampered, malformed].map((d) => d.headers['x-github-delivery'] as string),
        'uuid',
      )})
    `);
    expect(claimed).toBe(false);
    // The good one still goes through afterwards.
    expect((await deliverGithub(app, good)).json()).toMatchObject({ duplicate: false, recorded: 1 });
  });

  it('receives events of repositories nobody connected, and answers 503 without a secret', async () => {
    const ping = githubDelivery(SECRET, 'ping', { zen: 'Keep it logically awesome.', hook_id: 1 });
    expect((await deliverGithub(app, ping)).json()).toMatchObject({ duplicate: false, recorded: 0 });
    const unknown = githubDelivery(SECRET, 'push', { ref: 'refs/heads/main', repository: { id: repoId() } });
    expect((await deliverGithub(app, unknown)).json()).toMatchObject({ recorded: 0 });
    const response = await deliverGithub(unconfigured.app, githubDelivery(SECRET, 'ping', {}));
    expectProblem(response, 503, 'unavailable');
  });

  it('records a redelivery raced against the first exactly once', async () => {
    const { account, githubRepoId, repository } = await connectedRepository();
    const delivery = githubDelivery(SECRET, 'push', {
      ref: 'refs/heads/main',
      repository: { id: githubRepoId },
      sender: { login: 'octocat' },
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliverGithub(app, delivery)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
    expect(answers.filter((a) => a.json().duplicate === false)).toHaveLength(1);
    const events = await as(app, account.accessToken, {
      method: 'GET',
      url: `/v1/miyabi/repositories/${repository.id}/events`,
    });
    expect(events.json().data).toHaveLength(1);
    expect(events.json().data[0]).toMatchObject({ event: 'push', ref: 'refs/heads/main', action: null });
    const stored = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/events?type=webhook.github',
    });
    expect(stored.json().data).toMatchObject([{ repositoryId: repository.id, data: { event: 'push' } }]);
    expect(randomUUID()).not.toBe(delivery.headers['x-github-delivery']);
  });
});
