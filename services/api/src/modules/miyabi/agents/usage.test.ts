import { miyabiExecutions } from '@yorozu/contract';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, ownDatabase, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { startTestWorker, waitForJob } from '../../../../test/worker.ts';
import { enqueueJob } from '../../../kernel/jobs/index.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { createJobHandlers } from './jobs.ts';
import { dryRunAgentRunner } from './runner/dry-run.ts';
import type { AgentRunner } from './runner/runner.ts';

// A queue of this file's own: its worker runs the real miyabi.agent handler, on a runner that
// fails the first attempt of a run whose instructions say `flaky` the way a network error would
// (a transient failure the kernel retries).
const databaseUrl = await ownDatabase();
const { app } = await testApp({}, { databaseUrl });
const superuser = await superuserPool(databaseUrl);
const attempts = new Map<string, number>();
const flakyRunner: AgentRunner = {
  name: 'flaky dry run',
  async run(request, context) {
    const key = request.input.instructions ?? '';
    if (key.startsWith('flaky')) {
      const seen = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, seen);
      if (seen === 1) throw new TypeError('fetch failed');
    }
    return dryRunAgentRunner.run(request, context);
  },
};
const worker = await startTestWorker(databaseUrl, createJobHandlers({ runner: flakyRunner }));
afterAll(() => worker.stop());

// Three runs a month on the free plan, in this file's own database, so the limit is reached fast.
await superuser.query(sql.unsafe`
  UPDATE platform.plan_limits SET "limit" = 3 WHERE product = 'miyabi' AND plan = 'free' AND metric = 'agent-runs'
`);

const issue = { number: 7, title: 'Validate PORT', body: 'Starting with PORT=abc crashes src/server.ts.' };
const files = [{ path: 'src/server.ts', content: 'const port = Number(process.env.PORT); // TODO\n' }];

async function runAgent(account: Account, agentType: string, input: object, status = 202) {
  const response = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/miyabi/agent-executions',
    payload: { agentType, input },
  });
  expect(response.statusCode, response.body).toBe(status);
  return response;
}

async function aggregate(account: Account, plugin: string) {
  const response = await as(app, account.accessToken, {
    method: 'GET',
    url: `/v1/miyabi/usage?plugin=${plugin}`,
  });
  return response.json().data[0]?.agentExecutions ?? {};
}

/** What the account has spent of the plugin's monthly agent runs (refunds taken off). */
async function runsUsed(account: Account, plugin: string) {
  return superuser.oneFirst(sql.unsafe`
    SELECT COALESCE(sum(used), 0)::int FROM platform.quota_counters
    WHERE account_id = ${account.id} AND product = 'miyabi' AND metric = 'agent-runs' AND subject = ${plugin}
  `);
}

describe('agent runs count toward their plugin’s usage', () => {
  it('counts a completed run once in its plugin’s month, as a usage event with the execution’s id', async () => {
    const owner = await signUp(app);
    const created = (await runAgent(owner, 'Review', { issue, files })).json();
    expect(created.pluginId).toBe('miyabi-review');
    expect(await runsUsed(owner, 'miyabi-review')).toBe(1);
    expect((await waitForJob(app, owner.accessToken, created.jobId)).status).toBe('succeeded');
    expect(await aggregate(owner, 'miyabi-review')).toEqual({ Review: 1 });
    const events = await as(app, owner.accessToken, {
      method: 'GET',
      url: '/v1/miyabi/usage-events?plugin=miyabi-review',
    });
    expect(events.json().data).toMatchObject([
      { id: created.id, type: 'agent_execution', agentType: 'Review' },
    ]);

    // A second job for the same execution (at least once: a retry after the completion committed)
    // finds it completed and counts nothing.
    const again = await withAccount(superuser, owner.id, (tx) =>
      enqueueJob(tx, miyabiExecutions.agentJob, {
        accountId: owner.id,
        payload: { executionId: created.id },
      }),
    );
    expect((await waitForJob(app, owner.accessToken, again.id)).status).toBe('succeeded');
    expect(await aggregate(owner, 'miyabi-review')).toEqual({ Review: 1 });
    expect(await runsUsed(owner, 'miyabi-review')).toBe(1);
  });

  it('counts a run the kernel retried after a transient failure exactly once', async () => {
    const owner = await signUp(app);
    const created = (
      await runAgent(owner, 'Issue', { issue, files, instructions: `flaky ${owner.id}` })
    ).json();
    expect(created.pluginId).toBe('miyabi-core');
    const job = await waitForJob(app, owner.accessToken, created.jobId, { timeoutMs: 30_000 });
    expect(job.status).toBe('succeeded');
    expect(attempts.get(`flaky ${owner.id}`)).toBe(2);
    expect(await aggregate(owner, 'miyabi-core')).toEqual({ Issue: 1 });
    expect(await runsUsed(owner, 'miyabi-core')).toBe(1);
  });

  it('refuses a run past the plan’s monthly runs with 402 naming the plugin, and gives back failed runs', async () => {
    const owner = await signUp(app);
    // A Review with no file contents fails at once: its reserved run comes back.
    const failed = (await runAgent(owner, 'Review', { issue })).json();
    expect((await waitForJob(app, owner.accessToken, failed.jobId)).status).toBe('failed');
    expect(await runsUsed(owner, 'miyabi-review')).toBe(0);
    expect(await aggregate(owner, 'miyabi-review')).toEqual({});

    const jobs = [];
    for (let run = 0; run < 3; run++)
      jobs.push((await runAgent(owner, 'Review', { issue, files })).json().jobId);
    const refused = expectProblem(
      await runAgent(owner, 'Review', { issue, files }, 402),
      402,
      'quota_exceeded',
    );
    expect(refused.detail).toContain('miyabi-review');
    expect(refused.quota).toMatchObject({ product: 'miyabi', metric: 'agent-runs', limit: 3, used: 3 });
    // Another agent's plugin has its own runs.
    await runAgent(owner, 'PR', { issue, files });
    for (const jobId of jobs) await waitForJob(app, owner.accessToken, jobId);
    expect(await aggregate(owner, 'miyabi-review')).toEqual({ Review: 3 });
  });

  it('reserves every step of a workflow run, and gives back the steps a failure kept from running', async () => {
    const owner = await signUp(app);
    const definition = {
      nodes: [
        { id: 'review', type: 'Review' },
        { id: 'pr', type: 'PR' },
        { id: 'issue', type: 'Issue' },
      ],
      edges: [
        { id: 'e1', source: 'review', target: 'pr' },
        { id: 'e2', source: 'pr', target: 'issue' },
      ],
    };
    const workflow = await as(app, owner.accessToken, {
      method: 'POST',
      url: '/v1/miyabi/workflows',
      payload: { name: 'Review first', definition },
    });
    // No file contents: the review fails, and the two steps after it never run.
    const run = await as(app, owner.accessToken, {
      method: 'POST',
      url: `/v1/miyabi/workflows/${workflow.json().id}/runs`,
      payload: { input: { issue } },
    });
    expect(run.statusCode, run.body).toBe(202);
    expect(await runsUsed(owner, 'miyabi-core')).toBe(2);
    // The run fails in the step's own transaction; the failed job gives its run back when the
    // kernel settles the job, a moment later: wait for both (a minute at most, on a busy machine).
    let status = 'running';
    for (let waited = 0; waited < 600; waited++) {
      const state = await as(app, owner.accessToken, {
        method: 'GET',
        url: `/v1/miyabi/workflow-runs/${run.json().id}`,
      });
      status = state.json().status;
      if (status !== 'running' && (await runsUsed(owner, 'miyabi-review')) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe('failed');
    expect(await runsUsed(owner, 'miyabi-review')).toBe(0);
    expect(await runsUsed(owner, 'miyabi-core')).toBe(0);

    // A run whose steps do not all fit is refused whole: nothing starts.
    for (let spent = 0; spent < 2; spent++) await runAgent(owner, 'PR', { issue, files });
    const refused = await as(app, owner.accessToken, {
      method: 'POST',
      url: `/v1/miyabi/workflows/${workflow.json().id}/runs`,
      payload: { input: { issue, files } },
    });
    expectProblem(refused, 402, 'quota_exceeded');
    expect(await runsUsed(owner, 'miyabi-review')).toBe(0);
  }, 120_000);
});
