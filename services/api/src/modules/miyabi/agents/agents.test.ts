import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, ownDatabase, signUp, testApp } from '../../../../test/harness.ts';
import { dataOf, parseSse } from '../../../../test/sse.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { startTestWorker, waitForJob } from '../../../../test/worker.ts';
import { cleanupAgentStates, createJobHandlers } from './jobs.ts';
import { dryRunAgentRunner } from './runner/dry-run.ts';
import { openAiAgentRunner } from './runner/openai.ts';
import { AgentFailure, type AgentRunContext } from './runner/runner.ts';

// A queue of this file's own: its worker runs the real miyabi.agent handler on the dry run.
const databaseUrl = await ownDatabase();
const { app, pool } = await testApp({}, { databaseUrl });
const superuser = await superuserPool(databaseUrl);
const worker = await startTestWorker(databaseUrl, createJobHandlers({ runner: dryRunAgentRunner }));
afterAll(() => worker.stop());

const issue = {
  number: 1347,
  title: 'Server crashes when PORT is not a number',
  body: 'Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT in server.ts\n- add a test for it',
};
const files = [
  {
    path: 'src/server.ts',
    content: 'const port = Number(process.env.PORT);\n// TODO: validate\nconsole.log(port);\n',
  },
  { path: 'README.md', content: '# Server\n' },
];

function call(
  account: Account | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  if (!account) return app.inject({ method, url });
  return as(app, account.accessToken, { method, url, ...(payload ? { payload } : {}) });
}

async function ok(response: Awaited<ReturnType<typeof call>>, status: number) {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  return response.json();
}

async function repositoryOf(account: Account) {
  return ok(
    await call(account, 'POST', '/v1/miyabi/repositories', {
      githubRepoId: randomInt(1, 2 ** 40),
      fullName: 'octocat/server',
    }),
    201,
  );
}

describe('agent executions', () => {
  it('runs an agent as a job, streaming its log and progress, and keeps its state', async () => {
    const owner = await signUp(app);
    const repository = await repositoryOf(owner);
    const created = await ok(
      await call(owner, 'POST', '/v1/miyabi/agent-executions', {
        agentType: 'Review',
        repositoryId: repository.id,
        input: { issue, files },
      }),
      202,
    );
    expect(created).toMatchObject({
      agentType: 'Review',
      status: 'pending',
      issueNumber: 1347,
      result: null,
    });
    expect(created.jobId).toEqual(expect.any(String));

    // The stream replays what happened so far and follows the rest until the final event.
    const stream = await call(owner, 'GET', `/v1/miyabi/agent-executions/${created.id}/events`);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(stream.body).filter((event) => event.event);
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('log');
    expect(names).toContain('progress');
    expect(names.at(-1)).toBe('final');
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    const progress = dataOf(events.filter((event) => event.event === 'progress')).map((p) => p.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);

    const job = await waitForJob(app, owner.accessToken, created.jobId);
    expect(job).toMatchObject({
      type: 'miyabi.agent',
      status: 'succeeded',
      result: { executionId: created.id },
    });

    const done = await ok(await call(owner, 'GET', `/v1/miyabi/agent-executions/${created.id}`), 200);
    expect(done).toMatchObject({ status: 'completed', errorMessage: null });
    expect(done.result).toMatchObject({ runner: 'dry-run', heuristic: true, kind: 'review' });
    // It really read the file: the TODO on line 2 and the console.log on line 3.
    expect(done.result.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/server.ts', line: 2, severity: 'info' }),
        expect.objectContaining({ path: 'src/server.ts', line: 3, severity: 'warning' }),
      ]),
    );
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.state).toMatchObject({ currentTask: 'Done', progress: 100 });
    const kept = Date.parse(done.state.expiresAt) - Date.parse(done.completedAt);
    expect(Math.round(kept / 86_400_000)).toBe(7);

    // Resuming after the second event replays the rest.
    const resumed = await as(app, owner.accessToken, {
      method: 'GET',
      url: `/v1/miyabi/agent-executions/${created.id}/events`,
      headers: { 'last-event-id': '2' },
    });
    expect(parseSse(resumed.body).filter((event) => event.event)[0]?.id).toBe('3');

    // Another account sees none of it.
    const other = await signUp(app);
    for (const url of [
      `/v1/miyabi/agent-executions/${created.id}`,
      `/v1/miyabi/agent-executions/${created.id}/events`,
    ]) {
      expectProblem(await call(other, 'GET', url), 404, 'not_found');
    }
    expect((await ok(await call(other, 'GET', '/v1/miyabi/agent-executions'), 200)).data).toEqual([]);
    // Nor can it run an agent on the owner's repository.
    expectProblem(
      await call(other, 'POST', '/v1/miyabi/agent-executions', {
        agentType: 'PR',
        repositoryId: repository.id,
        input: { issue },
      }),
      404,
      'not_found',
    );
    const listed = await ok(
      await call(owner, 'GET', `/v1/miyabi/agent-executions?agentType=Review&status=completed`),
      200,
    );
    expect(listed.data.map((e: { id: string }) => e.id)).toEqual([created.id]);
  });

  it('fails an agent with nothing to read, without retrying, and says why', async () => {
    const owner = await signUp(app);
    const created = await ok(
      await call(owner, 'POST', '/v1/miyabi/agent-executions', { agentType: 'Review', input: { issue } }),
      202,
    );
    const job = await waitForJob(app, owner.accessToken, created.jobId);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'agent_failed' } });
    const failed = await ok(await call(owner, 'GET', `/v1/miyabi/agent-executions/${created.id}`), 200);
    expect(failed).toMatchObject({ status: 'failed', result: null });
    expect(failed.errorMessage).toContain('needs files');
    const stream = await call(owner, 'GET', `/v1/miyabi/agent-executions/${created.id}/events`);
    expect(
      parseSse(stream.body)
        .filter((event) => event.event)
        .at(-1)?.event,
    ).toBe('final');
  });

  it('deletes agent states 7 days after completion', async () => {
    const owner = await signUp(app);
    const created = await ok(
      await call(owner, 'POST', '/v1/miyabi/agent-executions', {
        agentType: 'Issue',
        input: { issue, files },
      }),
      202,
    );
    await waitForJob(app, owner.accessToken, created.jobId);
    const day = 86_400_000;
    await cleanupAgentStates(pool, () => Date.now() + 6 * day);
    expect(
      (await ok(await call(owner, 'GET', `/v1/miyabi/agent-executions/${created.id}`), 200)).state,
    ).not.toBeNull();
    const report = await cleanupAgentStates(pool, () => Date.now() + 8 * day);
    expect(report.states).toBeGreaterThanOrEqual(1);
    const after = await ok(await call(owner, 'GET', `/v1/miyabi/agent-executions/${created.id}`), 200);
    expect(after).toMatchObject({ status: 'completed', state: null });
    expect(after.result.kind).toBe('triage');
    const rows = await superuser.oneFirst(
      sql.unsafe`SELECT count(*)::int FROM miyabi.agent_states WHERE execution_id = ${created.id}`,
    );
    expect(rows).toBe(0);
  });
});

const threeSteps = {
  nodes: [
    { id: 'triage', type: 'Issue', data: { label: 'Triage' }, position: { x: 0, y: 0 }, selected: false },
    { id: 'review', type: 'Review', data: { label: 'Review' }, position: { x: 250, y: 0 } },
    {
      id: 'pr',
      type: 'PR',
      data: { label: 'Pull request', instructions: 'Mention the review.' },
      position: { x: 500, y: 0 },
    },
  ],
  edges: [
    { id: 'e1', source: 'triage', target: 'review', animated: true },
    { id: 'e2', source: 'review', target: 'pr' },
  ],
  viewport: { x: 0, y: 0, zoom: 1 },
};

describe('workflows', () => {
  it('validates the React Flow document as a DAG, naming the node', async () => {
    const owner = await signUp(app);
    const create = (definition: object) =>
      call(owner, 'POST', '/v1/miyabi/workflows', { name: 'Bad', definition });
    const unknown = expectProblem(
      await create({ nodes: [{ id: 'deploy', type: 'Shipper' }], edges: [] }),
      400,
      'validation_failed',
    );
    expect(unknown.errors[0]).toMatchObject({
      path: '/body/definition/nodes/0/type',
      message: expect.stringContaining('"deploy"'),
    });
    const cycle = expectProblem(
      await create({
        nodes: [
          { id: 'a', type: 'Review' },
          { id: 'b', type: 'PR' },
        ],
        edges: [
          { id: 'x', source: 'a', target: 'b' },
          { id: 'y', source: 'b', target: 'a' },
        ],
      }),
      400,
      'validation_failed',
    );
    expect(cycle.errors[0].message).toContain('"a" is in a cycle');
    const dangling = expectProblem(
      await create({
        nodes: [{ id: 'a', type: 'Review' }],
        edges: [{ id: 'x', source: 'a', target: 'nowhere' }],
      }),
      400,
      'validation_failed',
    );
    expect(dangling.errors[0]).toMatchObject({
      path: '/body/definition/edges/0/target',
      message: expect.stringContaining('"nowhere"'),
    });
  });

  it('runs a three-step workflow in dependency order, passing results along edges, with progress over SSE', async () => {
    const owner = await signUp(app);
    const repository = await repositoryOf(owner);
    const workflow = await ok(
      await call(owner, 'POST', '/v1/miyabi/workflows', {
        name: 'Triage, review, pull request',
        repositoryId: repository.id,
        definition: threeSteps,
      }),
      201,
    );
    expect(workflow).toMatchObject({
      visibility: 'private',
      isTemplate: false,
      mine: true,
      repositoryId: repository.id,
    });
    expect(workflow.definition.viewport).toEqual({ x: 0, y: 0, zoom: 1 });

    const run = await ok(
      await call(owner, 'POST', `/v1/miyabi/workflows/${workflow.id}/runs`, { input: { issue, files } }),
      202,
    );
    expect(run).toMatchObject({ status: 'running', repositoryId: repository.id, workflowId: workflow.id });
    expect(run.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['triage', 'review', 'pr']);

    const stream = await call(owner, 'GET', `/v1/miyabi/workflow-runs/${run.id}/events`);
    const events = parseSse(stream.body).filter((event) => event.event);
    const steps = dataOf(events.filter((event) => event.event === 'step')).map(
      (s) => `${s.nodeId}:${s.status}`,
    );
    expect(steps).toEqual([
      'triage:running',
      'triage:completed',
      'review:running',
      'review:completed',
      'pr:running',
      'pr:completed',
    ]);
    const progress = dataOf(events.filter((event) => event.event === 'step')).map((s) => s.progress);
    expect(progress).toEqual([0, 33, 33, 67, 67, 100]);
    const final = dataOf(events.filter((event) => event.event === 'final'))[0];
    expect(final).toMatchObject({ id: run.id, status: 'completed', progress: 100 });

    const finished = await ok(await call(owner, 'GET', `/v1/miyabi/workflow-runs/${run.id}`), 200);
    expect(finished.steps.map((s: { status: string }) => s.status)).toEqual([
      'completed',
      'completed',
      'completed',
    ]);
    const prStep = finished.steps[2];
    const pr = await ok(await call(owner, 'GET', `/v1/miyabi/agent-executions/${prStep.executionId}`), 200);
    // The PR step read the review before it: its checklist counts the review's findings.
    const review = await ok(
      await call(owner, 'GET', `/v1/miyabi/agent-executions/${finished.steps[1].executionId}`),
      200,
    );
    const findings = review.result.items.length;
    expect(findings).toBeGreaterThan(0);
    expect(pr.result.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: `${findings} review finding(s) addressed.` })]),
    );
    expect(pr.result.markdown).toContain('Closes #1347');
    expect(pr.input.instructions).toBe('Mention the review.');
    expect(Date.parse(review.startedAt)).toBeGreaterThanOrEqual(
      Date.parse(
        finished.steps[0] &&
          (
            await ok(
              await call(owner, 'GET', `/v1/miyabi/agent-executions/${finished.steps[0].executionId}`),
              200,
            )
          ).completedAt,
      ),
    );

    // Another account: no run, no private workflow.
    const other = await signUp(app);
    expectProblem(await call(other, 'GET', `/v1/miyabi/workflow-runs/${run.id}`), 404, 'not_found');
    expectProblem(await call(other, 'GET', `/v1/miyabi/workflow-runs/${run.id}/events`), 404, 'not_found');
    expectProblem(await call(other, 'GET', `/v1/miyabi/workflows/${workflow.id}`), 404, 'not_found');
    expectProblem(
      await call(other, 'POST', `/v1/miyabi/workflows/${workflow.id}/runs`, { input: { issue } }),
      404,
      'not_found',
    );
  });

  it('fails the run when a step fails, and the steps after it', async () => {
    const owner = await signUp(app);
    const workflow = await ok(
      await call(owner, 'POST', '/v1/miyabi/workflows', { name: 'Needs files', definition: threeSteps }),
      201,
    );
    // No files: the Review step has nothing to read.
    const run = await ok(
      await call(owner, 'POST', `/v1/miyabi/workflows/${workflow.id}/runs`, { input: { issue } }),
      202,
    );
    const stream = await call(owner, 'GET', `/v1/miyabi/workflow-runs/${run.id}/events`);
    const final = dataOf(parseSse(stream.body).filter((event) => event.event === 'final'))[0];
    expect(final).toMatchObject({ status: 'failed' });
    expect(final.errorMessage).toContain('Step "review" failed');
    expect(final.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'failed', 'failed']);
  });

  it('shares public workflows and templates for reading and running, never for writing', async () => {
    const owner = await signUp(app);
    const repository = await repositoryOf(owner);
    const template = await ok(
      await call(owner, 'POST', '/v1/miyabi/workflows', {
        name: 'Template',
        repositoryId: repository.id,
        definition: threeSteps,
        isTemplate: true,
      }),
      201,
    );
    expect(template).toMatchObject({ isTemplate: true, visibility: 'public' });
    const other = await signUp(app);
    const seen = await ok(await call(other, 'GET', `/v1/miyabi/workflows/${template.id}`), 200);
    // The owner's repository is the owner's business.
    expect(seen).toMatchObject({ mine: false, repositoryId: null });
    expect((await ok(await call(null, 'GET', `/v1/miyabi/workflows/${template.id}`), 200)).mine).toBe(false);
    const anyone = await ok(
      await call(null, 'GET', '/v1/miyabi/workflows?owner=anyone&template=true&limit=100'),
      200,
    );
    expect(anyone.data.map((w: { id: string }) => w.id)).toContain(template.id);
    expect((await ok(await call(other, 'GET', '/v1/miyabi/workflows'), 200)).data).toEqual([]);
    expectProblem(
      await call(other, 'PATCH', `/v1/miyabi/workflows/${template.id}`, { name: 'Mine now' }),
      404,
      'not_found',
    );
    expectProblem(await call(other, 'DELETE', `/v1/miyabi/workflows/${template.id}`), 404, 'not_found');

    // Another account runs the template in its own account, on no repository of the owner's.
    const run = await ok(
      await call(other, 'POST', `/v1/miyabi/workflows/${template.id}/runs`, { input: { issue, files } }),
      202,
    );
    expect(run.repositoryId).toBeNull();
    const stream = await call(other, 'GET', `/v1/miyabi/workflow-runs/${run.id}/events`);
    expect(dataOf(parseSse(stream.body).filter((event) => event.event === 'final'))[0]).toMatchObject({
      status: 'completed',
    });
    expectProblem(await call(owner, 'GET', `/v1/miyabi/workflow-runs/${run.id}`), 404, 'not_found');

    // Unpublishing withdraws it.
    const hidden = await ok(
      await call(owner, 'PATCH', `/v1/miyabi/workflows/${template.id}`, { visibility: 'private' }),
      200,
    );
    expect(hidden).toMatchObject({ isTemplate: false, visibility: 'private' });
    expectProblem(await call(other, 'GET', `/v1/miyabi/workflows/${template.id}`), 404, 'not_found');
    expect((await call(owner, 'DELETE', `/v1/miyabi/workflows/${template.id}`)).statusCode).toBe(204);
  });
});

describe('the OpenAI-compatible agent runner', () => {
  const answer = {
    title: 'Review of src/server.ts',
    summary: 'One problem.',
    items: [
      {
        kind: 'finding',
        text: 'PORT is not validated.',
        agentType: null,
        path: 'src/server.ts',
        line: 1,
        severity: 'warning',
      },
    ],
    markdown: '## Review\n',
  };
  const requests: {
    authorization: string | undefined;
    body: { model: string; messages: { role: string; content: string }[] };
  }[] = [];
  let reply: (send: (data: string) => void) => void = () => {};
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      requests.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
      if (request.url !== '/v1/chat/completions') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      reply((data) => response.write(`data: ${data}\n\n`));
      response.end('data: [DONE]\n\n');
    });
  });
  const listening = new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`),
    ),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const logs: string[] = [];
  const context: AgentRunContext = {
    log: async (message) => void logs.push(message),
    progress: async () => {},
    signal: new AbortController().signal,
  };
  const request = {
    agentType: 'Review' as const,
    input: { files },
    repository: null,
    issueNumber: null,
    upstream: [],
  };

  it('streams the answer from a chat-completions endpoint and checks its shape', async () => {
    const text = JSON.stringify(answer);
    reply = (send) => {
      for (let i = 0; i < text.length; i += 25)
        send(JSON.stringify({ choices: [{ delta: { content: text.slice(i, i + 25) } }] }));
    };
    const runner = openAiAgentRunner({ baseUrl: await listening, model: 'local-model', apiKey: 'sk-local' });
    const result = await runner.run(request, context);
    expect(result).toEqual({ runner: 'openai:local-model', heuristic: false, kind: 'review', ...answer });
    const sent = requests.at(-1);
    expect(sent?.authorization).toBe('Bearer sk-local');
    expect(sent?.body.model).toBe('local-model');
    expect(sent?.body.messages[1]?.content).toContain('src/server.ts');
    expect(logs.some((line) => line.includes('characters from local-model'))).toBe(true);
  });

  it('fails the run on an answer that is not a result', async () => {
    reply = (send) => send(JSON.stringify({ choices: [{ delta: { content: '{"title": 1}' } }] }));
    const runner = openAiAgentRunner({ baseUrl: await listening, model: 'local-model' });
    await expect(runner.run(request, context)).rejects.toBeInstanceOf(AgentFailure);
    const missing = openAiAgentRunner({ baseUrl: `${await listening}/nowhere`, model: 'local-model' });
    await expect(missing.run(request, context)).rejects.toThrow(/answered 404/);
  });
});
