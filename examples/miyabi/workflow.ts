/**
 * Miyabi workflows with the SDK: connect a repository, save a three-step React Flow workflow
 * (triage the issue → review the files → write the pull request), run it, and follow the run live
 * over Server-Sent Events, then print the pull request the last step wrote.
 *
 *   npm start                                            # in another terminal: prints a demo API key
 *   YOROZU_API_KEY=yz_… node examples/miyabi/workflow.ts
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. The agents run on the service's default
 * runner, a deterministic dry run whose results say `heuristic: true`.
 */
import { readEvents, type Schemas, Yorozu } from '@yorozu/sdk';

type WorkflowRun = Schemas['MiyabiWorkflowRun'];

export const WORKFLOW: Schemas['MiyabiCreateWorkflowRequest'] = {
  name: 'Issue to pull request',
  definition: {
    nodes: [
      { id: 'triage', type: 'Issue', data: { label: 'Triage' }, position: { x: 0, y: 0 } },
      { id: 'review', type: 'Review', data: { label: 'Review' }, position: { x: 250, y: 0 } },
      { id: 'pr', type: 'PR', data: { label: 'Pull request' }, position: { x: 500, y: 0 } },
    ],
    edges: [
      { id: 'triage-review', source: 'triage', target: 'review' },
      { id: 'review-pr', source: 'review', target: 'pr' },
    ],
  },
};

export const INPUT: Schemas['MiyabiAgentInput'] = {
  issue: {
    number: 42,
    title: 'Server crashes when PORT is not a number',
    body: 'Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT\n- add a test',
  },
  files: [
    { path: 'src/server.ts', content: 'const port = Number(process.env.PORT);\n// TODO: validate\n' },
    { path: 'src/server.test.ts', content: "test('port', () => {});\n" },
  ],
};

export interface WorkflowExampleResult {
  run: WorkflowRun;
  pullRequest: string;
}

export async function runWorkflowExample(
  client: Yorozu,
  print: (line: string) => void = console.log,
): Promise<WorkflowExampleResult> {
  const repository = await client.miyabi.repositories.create({
    githubRepoId: 1_000_000 + Math.floor(Math.random() * 1_000_000),
    fullName: 'octocat/server',
  });
  const workflow = await client.miyabi.workflows.create({ ...WORKFLOW, repositoryId: repository.id });
  const started = await client.miyabi.workflows.runs.create({ id: workflow.id, input: INPUT });
  print(`Run ${started.id}: ${started.steps.map((step) => step.nodeId).join(' → ')}`);

  // The stream replays what already happened, follows the rest, and ends with the run.
  let run: WorkflowRun | null = null;
  const stream = await client.miyabi.workflowRuns.events({ id: started.id });
  for await (const { event, data } of readEvents(stream)) {
    const body = JSON.parse(data);
    if (event === 'step') print(`  [${String(body.progress).padStart(3)}%] ${body.nodeId}: ${body.status}`);
    if (event === 'final') run = body as WorkflowRun;
  }
  if (!run) throw new Error('The stream ended without the run.');
  print(`Run ${run.status}.`);
  const last = run.steps.at(-1);
  if (!last) throw new Error('The run has no steps.');
  const pr = await client.miyabi.agentExecutions.get({ id: last.executionId });
  const pullRequest = pr.result?.markdown ?? '';
  print(pullRequest);
  return { run, pullRequest };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const apiKey = process.env.YOROZU_API_KEY;
  if (!apiKey) throw new Error('Set YOROZU_API_KEY (npm start prints a demo key).');
  const client = new Yorozu({ baseUrl: process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000', apiKey });
  await runWorkflowExample(client);
}
