/**
 * Miyabi's agent executions (docs/products/miyabi.md, Agent executions): one agent of six kinds run
 * as a kernel job on its input (an issue, a file list), reporting progress and a live log, keeping
 * its state for 7 days after it finished.
 */
import Type from 'typebox';
import { defineJob } from '../job.ts';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';

export const AGENT_TYPES = ['Coordinator', 'CodeGen', 'Review', 'Deployment', 'PR', 'Issue'] as const;
export type AgentTypeName = (typeof AGENT_TYPES)[number];

const AGENT_TYPE_MEANINGS = {
  Coordinator: 'Breaks an issue into tasks for the other agents, in dependency order.',
  CodeGen: 'Plans the code changes an issue needs, file by file.',
  Review: 'Reviews the given files and reports findings with their lines.',
  Deployment: 'Draws up the checks and steps to deploy the change.',
  PR: 'Writes the pull request: title, description, checklist.',
  Issue: 'Triages an issue: kind, labels, priority and the files it mentions.',
} as const;

export const AgentType = StringEnum(
  [...AGENT_TYPES],
  { description: 'Which agent runs.' },
  AGENT_TYPE_MEANINGS,
);

export const EXECUTION_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export const ExecutionStatus = StringEnum(
  [...EXECUTION_STATUSES],
  { description: 'Where the execution stands; the last two are final.' },
  {
    pending: 'Waiting for a worker (or, in a workflow, for the steps before it).',
    running: 'An agent is working on it.',
    completed: 'Done: `result` holds its output.',
    failed: 'Gave up: `errorMessage` says why.',
  },
);

export const MAX_FILES = 200;
export const MAX_FILE_CHARACTERS = 20_000;
export const MAX_ISSUE_CHARACTERS = 20_000;

export const AgentFile = named(
  'MiyabiAgentFile',
  Type.Object(
    {
      path: Type.String({
        minLength: 1,
        maxLength: 500,
        pattern: '^[^\\u0000-\\u001F]+$',
        description: 'The path in the repository.',
      }),
      content: Type.Optional(
        Type.String({
          maxLength: MAX_FILE_CHARACTERS,
          description: `The file's text (what a review reads), up to ${MAX_FILE_CHARACTERS} characters; leave it out to give only the path.`,
        }),
      ),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A file the agent is given.',
    example: { path: 'src/server.ts', content: 'export const port = 3000;\n' },
  },
);

const agentInputExample = {
  issue: {
    number: 1347,
    title: 'Server crashes when PORT is not a number',
    body: 'Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT\n- add a test',
  },
  files: [{ path: 'src/server.ts', content: 'const port = Number(process.env.PORT);\n// TODO: validate\n' }],
  instructions: 'Keep the change small.',
};

export const AgentInput = named(
  'MiyabiAgentInput',
  Type.Object(
    {
      issue: Type.Optional(
        Type.Object(
          {
            number: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The issue number.' }),
            ),
            title: Type.String({ minLength: 1, maxLength: 500, description: "The issue's title." }),
            body: Type.Optional(
              Type.String({ maxLength: MAX_ISSUE_CHARACTERS, description: "The issue's text (Markdown)." }),
            ),
          },
          { additionalProperties: false, description: 'The issue to work on.' },
        ),
      ),
      files: Type.Optional(
        Type.Array(AgentFile, {
          maxItems: MAX_FILES,
          description: `Files to consider, at most ${MAX_FILES}.`,
        }),
      ),
      instructions: Type.Optional(
        Type.String({ maxLength: 2000, description: 'Extra guidance for the agent, in plain words.' }),
      ),
    },
    { additionalProperties: false },
  ),
  {
    description: 'What the agent reads. Every field is optional, but an agent with nothing to read fails.',
    example: agentInputExample,
  },
);

export const FINDING_SEVERITIES = ['info', 'warning', 'error'] as const;

export const AgentResultItem = named(
  'MiyabiAgentResultItem',
  Type.Object({
    kind: Type.String({
      description: 'What the item is: `task`, `change`, `finding`, `check`, `label`, `step`.',
    }),
    text: Type.String({ description: 'The item, in a sentence.' }),
    agentType: Type.Union([AgentType, Type.Null()], { description: 'For a task: the agent it is for.' }),
    path: Type.Union([Type.String(), Type.Null()], { description: 'The file it is about, if any.' }),
    line: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The line it is about, if any.',
    }),
    severity: Type.Union(
      [StringEnum([...FINDING_SEVERITIES], { description: 'How serious a finding is.' }), Type.Null()],
      {
        description: 'For a finding: `info`, `warning` or `error`.',
      },
    ),
  }),
  {
    description: "One entry of an agent's output.",
    example: {
      kind: 'finding',
      text: 'A TODO is left in the code.',
      agentType: null,
      path: 'src/server.ts',
      line: 2,
      severity: 'info',
    },
  },
);

const agentResultExample = {
  runner: 'dry-run',
  heuristic: true,
  kind: 'review',
  title: 'Review of 1 file',
  summary: '1 finding (0 errors, 0 warnings, 1 note) in 1 file.',
  items: [
    {
      kind: 'finding',
      text: 'A TODO is left in the code.',
      agentType: null,
      path: 'src/server.ts',
      line: 2,
      severity: 'info' as const,
    },
  ],
  markdown: '## Review of 1 file\n\n- src/server.ts:2 (info): A TODO is left in the code.\n',
};

export const AgentResult = named(
  'MiyabiAgentResult',
  Type.Object({
    runner: Type.String({
      description: 'What produced it: `dry-run` (the built-in heuristics) or `openai:<model>`.',
    }),
    heuristic: Type.Boolean({
      description:
        'True when it comes from the built-in rules of thumb, not from a model: read it as a first draft.',
    }),
    kind: Type.String({
      description:
        'The shape of the output: `plan`, `code_plan`, `review`, `deployment`, `pull_request` or `triage`.',
    }),
    title: Type.String({ description: 'A one-line title (the pull request title for `PR`).' }),
    summary: Type.String({ description: 'What the agent concluded, in a few sentences.' }),
    items: Type.Array(AgentResultItem, {
      description: 'The tasks, changes, findings, checks or labels, in order.',
    }),
    markdown: Type.String({ description: 'The whole output as Markdown, e.g. a pull request body.' }),
  }),
  { description: "An agent's structured output.", example: agentResultExample },
);

const agentStateExample = {
  currentTask: 'Done',
  progress: 100,
  stateData: { filesRead: 1, findings: 1 },
  updatedAt: '2026-11-30T09:00:02.000Z',
  expiresAt: '2026-12-07T09:00:02.000Z',
};

export const AgentState = named(
  'MiyabiAgentState',
  Type.Object({
    currentTask: Type.Union([Type.String(), Type.Null()], {
      description: 'What the agent is doing now (or did last).',
    }),
    progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Percent done.' }),
    stateData: Type.Record(Type.String(), Type.Unknown(), {
      description: "The agent's working numbers (files read, findings…).",
    }),
    updatedAt: Timestamp,
    expiresAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the state is deleted: 7 days after the execution finished; null while it runs.',
    }),
  }),
  {
    description: "An execution's agent state, kept until 7 days after it finished.",
    example: agentStateExample,
  },
);

const executionExample = {
  id: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  agentType: 'Review' as const,
  pluginId: 'miyabi-review',
  repositoryId: '4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c',
  issueNumber: 1347,
  status: 'completed' as const,
  jobId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  workflowRunId: null,
  nodeId: null,
  input: agentInputExample,
  result: agentResultExample,
  errorMessage: null,
  state: agentStateExample,
  startedAt: '2026-11-30T09:00:01.000Z',
  completedAt: '2026-11-30T09:00:02.000Z',
  durationMs: 1000,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:02.000Z',
};

export const AgentExecution = named(
  'MiyabiAgentExecution',
  Type.Object({
    id: Id("The execution's id."),
    agentType: AgentType,
    pluginId: Type.Union([Type.String(), Type.Null()], {
      description:
        'The catalogue plugin whose monthly `agent-runs` quota and usage this run counts toward: `miyabi-codegen` for CodeGen, `miyabi-review` for Review, `miyabi-deploy` for Deployment, `miyabi-core` for Coordinator, Issue and PR; null for runs made before runs were metered.',
    }),
    repositoryId: Type.Union([Uuid, Type.Null()], {
      description: 'The repository it works on; null if none (or disconnected since).',
    }),
    issueNumber: Type.Union([Type.Integer(), Type.Null()], { description: 'The issue it works on, if any.' }),
    status: ExecutionStatus,
    jobId: Type.Union([Uuid, Type.Null()], {
      description:
        'The kernel job running it (`GET /v1/jobs/{id}`); null while a workflow step waits for the steps before it.',
    }),
    workflowRunId: Type.Union([Uuid, Type.Null()], {
      description: 'The workflow run it is a step of, if any.',
    }),
    nodeId: Type.Union([Type.String(), Type.Null()], { description: 'The workflow node it runs, if any.' }),
    input: AgentInput,
    result: Type.Union([AgentResult, Type.Null()], {
      description: 'The output once `completed`; null before and on failure.',
    }),
    errorMessage: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed; null otherwise.' }),
    state: Type.Union([AgentState, Type.Null()], {
      description: 'The agent state; null before it started and after it expired (7 days after the end).',
    }),
    startedAt: Type.Union([Timestamp, Type.Null()], { description: 'When an agent started on it.' }),
    completedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it completed or failed.' }),
    durationMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'From start to end, in milliseconds.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  {
    description: 'One agent run: what it was given, where it stands and what it produced.',
    example: executionExample,
  },
);

export const CreateExecutionRequest = named(
  'MiyabiCreateAgentExecutionRequest',
  Type.Object(
    {
      agentType: AgentType,
      repositoryId: Type.Optional(Id("One of the account's repositories to work on.")),
      issueNumber: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 2_147_483_647,
          description: 'The issue to work on; defaults to `input.issue.number`.',
        }),
      ),
      input: AgentInput,
    },
    { additionalProperties: false },
  ),
  {
    description: 'An agent to run and what it reads.',
    example: { agentType: 'Review', repositoryId: executionExample.repositoryId, input: agentInputExample },
  },
);

export const ExecutionList = Page('MiyabiAgentExecutionList', AgentExecution, executionExample);

export const ExecutionListQuery = PageQuery({
  status: Type.Optional(
    StringEnum([...EXECUTION_STATUSES], {
      description: 'Only executions in this status.',
      examples: ['running'],
    }),
  ),
  agentType: Type.Optional(
    StringEnum([...AGENT_TYPES], { description: 'Only this agent.', examples: ['Review'] }),
  ),
  repositoryId: Type.Optional(Id('Only executions on this repository.', executionExample.repositoryId)),
});

// ---- the job ----------------------------------------------------------------------------------

export const MIYABI_AGENT_JOB = 'miyabi.agent' as const;

export const miyabiAgentResultExample = { executionId: executionExample.id, status: 'completed' as const };

export const MiyabiAgentJobResult = named(
  'MiyabiAgentJobResult',
  Type.Object(
    {
      executionId: Type.String({
        format: 'uuid',
        description: 'The execution: `GET /v1/miyabi/agent-executions/{executionId}`.',
      }),
      status: StringEnum(['completed'], { description: 'The execution completed.' }),
    },
    { additionalProperties: false },
  ),
  { description: 'The result of a succeeded `miyabi.agent` job.', example: miyabiAgentResultExample },
);

export const agentJob = defineJob({
  type: MIYABI_AGENT_JOB,
  payload: Type.Object({ executionId: Type.String({ format: 'uuid' }) }),
  result: MiyabiAgentJobResult,
  resultExample: miyabiAgentResultExample,
});

// ---- operations -------------------------------------------------------------------------------

const executionParams = IdParams('agent execution', executionExample.id);

export const create = defineOperation({
  operationId: 'miyabi.agentExecutions.create',
  method: 'POST',
  path: '/v1/miyabi/agent-executions',
  tag: 'miyabi',
  summary: 'Run an agent',
  description:
    'Answers 202 with the execution, `pending`, and the kernel job that runs it (`jobId`): follow it with ' +
    '`GET /v1/miyabi/agent-executions/{id}/events` (its log and progress) or `GET /v1/jobs/{id}/events`. ' +
    "`repositoryId` must be one of the account's repositories (404 otherwise). " +
    "The run takes one of the agent's plugin's monthly `agent-runs` (`pluginId`; the plan of the account's subscription to that plugin, else `free`): " +
    'past the limit, 402 `quota_exceeded` naming the plugin. A run that fails gives it back; a completed one is counted once in the ' +
    "plugin's usage aggregate (`GET /v1/miyabi/usage`, `agentExecutions`) as a usage event whose id is the execution's.",
  auth: { scope: 'miyabi:write' },
  body: CreateExecutionRequest,
  idempotent: true,
  audited: true,
  metered: { product: 'miyabi', metric: 'agent-runs' },
  success: { status: 202, description: 'Queued.', schema: AgentExecution },
  errors: [404],
});

export const list = defineOperation({
  operationId: 'miyabi.agentExecutions.list',
  method: 'GET',
  path: '/v1/miyabi/agent-executions',
  tag: 'miyabi',
  summary: "List the account's agent executions",
  description: 'Newest first, optionally by status, agent or repository.',
  auth: { scope: 'miyabi:read' },
  query: ExecutionListQuery,
  success: { status: 200, description: 'A page of executions.', schema: ExecutionList },
});

export const get = defineOperation({
  operationId: 'miyabi.agentExecutions.get',
  method: 'GET',
  path: '/v1/miyabi/agent-executions/{id}',
  tag: 'miyabi',
  summary: 'Get an agent execution',
  description: "Its status, timings, result or error, and agent state. Another account's is 404.",
  auth: { scope: 'miyabi:read' },
  params: executionParams,
  success: { status: 200, description: 'The execution.', schema: AgentExecution },
  errors: [404],
});

const logLine = (seq: number, event: string, data: object) =>
  `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const ExecutionEventStream = named(
  'MiyabiAgentExecutionEventStream',
  Type.String({ contentMediaType: 'text/event-stream' }),
  {
    description:
      'Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html): `id:` a sequence number ' +
      '(send it back as `Last-Event-ID` to resume), `event:` `log` (`{ message, at }`), `progress` (`{ progress, currentTask }`) ' +
      'or `final` (the execution as JSON, after which the stream closes). Lines starting with `:` are keep-alive comments.',
    example:
      ': stream open\n\n' +
      logLine(1, 'log', { message: 'Reading 1 file', at: '2026-11-30T09:00:01.000Z' }) +
      logLine(2, 'progress', { progress: 50, currentTask: 'Reviewing src/server.ts' }) +
      logLine(3, 'final', { id: executionExample.id, status: 'completed' }),
  },
);

export const events = defineOperation({
  operationId: 'miyabi.agentExecutions.events',
  method: 'GET',
  path: '/v1/miyabi/agent-executions/{id}/events',
  tag: 'miyabi',
  summary: "Stream an execution's log and progress (Server-Sent Events)",
  description:
    'Every event so far (or those after `Last-Event-ID`), then each new one as the agent works, a comment every 15 ' +
    'seconds, and the end after `final`. A stream opened after the end replays the events and closes.',
  auth: { scope: 'miyabi:read' },
  params: executionParams,
  headers: Type.Object({
    'last-event-id': Type.Optional(
      Type.Integer({ minimum: 0, description: 'Resume after this event id.', examples: [2] }),
    ),
  }),
  success: {
    status: 200,
    description: 'A `text/event-stream`.',
    schema: ExecutionEventStream,
    contentTypes: ['text/event-stream'],
    headers: ['CacheControl'],
  },
  errors: [404],
});
