/**
 * Miyabi's workflows (docs/products/miyabi.md, Workflows): React Flow documents (`nodes`, `edges`)
 * whose nodes are agent steps, validated as a DAG, private or public, some of them templates; a run
 * executes the steps as agent executions in dependency order, each step reading the results of
 * the steps with an edge into it.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';
import { AgentInput, AgentType } from './agents-executions.ts';

export const MAX_NODES = 50;
export const MAX_EDGES = 200;
const NODE_ID_PATTERN = '^[A-Za-z0-9_.:-]{1,100}$';

const NodeId = (description: string) => Type.String({ pattern: NODE_ID_PATTERN, description });

export const WorkflowNode = named(
  'MiyabiWorkflowNode',
  Type.Object(
    {
      id: NodeId('The node id, unique in the workflow (React Flow `id`).'),
      type: Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'The agent the step runs, one of `Coordinator`, `CodeGen`, `Review`, `Deployment`, `PR`, `Issue` ' +
          '(React Flow `type`); any other is 400 naming the node.',
      }),
      data: Type.Optional(
        Type.Object(
          {
            label: Type.Optional(
              Type.String({ maxLength: 200, description: 'The label drawn on the node.' }),
            ),
            instructions: Type.Optional(
              Type.String({ maxLength: 2000, description: "Extra guidance for this step's agent." }),
            ),
          },
          {
            additionalProperties: true,
            description: "The node's data; `label` and `instructions` are read.",
          },
        ),
      ),
      position: Type.Optional(
        Type.Object(
          { x: Type.Number({ description: 'Horizontal.' }), y: Type.Number({ description: 'Vertical.' }) },
          { additionalProperties: false, description: 'Where the editor draws it.' },
        ),
      ),
    },
    { additionalProperties: true },
  ),
  {
    description:
      'A step: a React Flow node. Other React Flow fields (`width`, `selected`…) are kept as they are and not read.',
    example: { id: 'review', type: 'Review', data: { label: 'Review' }, position: { x: 250, y: 0 } },
  },
);

export const WorkflowEdge = named(
  'MiyabiWorkflowEdge',
  Type.Object(
    {
      id: NodeId('The edge id, unique in the workflow.'),
      source: NodeId('The step that runs first; its result is passed to `target`.'),
      target: NodeId('The step that runs after it.'),
    },
    { additionalProperties: true },
  ),
  {
    description:
      'A dependency between steps: a React Flow edge. Other React Flow fields are kept and not read.',
    example: { id: 'e1', source: 'triage', target: 'review' },
  },
);

const definitionExample = {
  nodes: [
    { id: 'triage', type: 'Issue', data: { label: 'Triage' }, position: { x: 0, y: 0 } },
    { id: 'review', type: 'Review', data: { label: 'Review' }, position: { x: 250, y: 0 } },
    { id: 'pr', type: 'PR', data: { label: 'Pull request' }, position: { x: 500, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'triage', target: 'review' },
    { id: 'e2', source: 'review', target: 'pr' },
  ],
};

export const WorkflowDefinition = named(
  'MiyabiWorkflowDefinition',
  Type.Object(
    {
      nodes: Type.Array(WorkflowNode, {
        minItems: 1,
        maxItems: MAX_NODES,
        description: `The steps, 1 to ${MAX_NODES}.`,
      }),
      edges: Type.Array(WorkflowEdge, {
        maxItems: MAX_EDGES,
        description: `The dependencies, at most ${MAX_EDGES}.`,
      }),
    },
    { additionalProperties: true },
  ),
  {
    description:
      "A React Flow document (`toObject()`'s `nodes` and `edges`; `viewport` is kept). It must be a DAG: unique ids, " +
      'known node types, edges between existing nodes, no cycle; otherwise 400 naming the node or edge.',
    example: definitionExample,
  },
);

export const WorkflowVisibility = StringEnum(
  ['private', 'public'],
  { description: 'Who can read it.' },
  { private: 'Only the owner.', public: 'Anyone, also without credentials; only the owner changes it.' },
);

const workflowExample = {
  id: '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  name: 'Triage, review, pull request',
  description: 'From an issue to a pull request description.',
  repositoryId: null,
  definition: definitionExample,
  isTemplate: true,
  visibility: 'public' as const,
  mine: true,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Workflow = named(
  'MiyabiWorkflow',
  Type.Object({
    id: Id("The workflow's id."),
    name: Type.String({ description: 'Its name.' }),
    description: Type.Union([Type.String(), Type.Null()], { description: 'What it does.' }),
    repositoryId: Type.Union([Uuid, Type.Null()], {
      description:
        "The owner's repository it runs on by default; null for none (always null for others' workflows).",
    }),
    definition: WorkflowDefinition,
    isTemplate: Type.Boolean({
      description: 'A template, offered to others to start from; templates are public.',
    }),
    visibility: WorkflowVisibility,
    mine: Type.Boolean({
      description: "Whether the caller owns it (others' public workflows can be read and run).",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A workflow of agent steps.', example: workflowExample },
);

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Its name.' });
const Description = Type.String({ maxLength: 2000, description: 'What it does.' });

export const CreateWorkflowRequest = named(
  'MiyabiCreateWorkflowRequest',
  Type.Object(
    {
      name: Name,
      description: Type.Optional(Description),
      repositoryId: Type.Optional(Id("One of the account's repositories to run on by default.")),
      definition: WorkflowDefinition,
      isTemplate: Type.Optional(
        Type.Boolean({ description: 'Offer it as a template (makes it public). Default false.' }),
      ),
      visibility: Type.Optional(WorkflowVisibility),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new workflow.',
    example: { name: workflowExample.name, definition: definitionExample, isTemplate: true },
  },
);

export const UpdateWorkflowRequest = named(
  'MiyabiUpdateWorkflowRequest',
  Type.Object(
    {
      name: Type.Optional(Name),
      description: Type.Optional(
        Type.Union([Description, Type.Null()], { description: 'New text; null clears it.' }),
      ),
      repositoryId: Type.Optional(
        Type.Union([Uuid, Type.Null()], { description: 'A repository of the account, or null for none.' }),
      ),
      definition: Type.Optional(WorkflowDefinition),
      isTemplate: Type.Optional(Type.Boolean({ description: 'Offer it as a template (makes it public).' })),
      visibility: Type.Optional(WorkflowVisibility),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  { description: 'The fields to change; at least one.', example: { visibility: 'public' } },
);

export const WorkflowList = Page('MiyabiWorkflowList', Workflow, workflowExample);

export const WorkflowListQuery = PageQuery({
  owner: Type.Optional(
    StringEnum(['me', 'anyone'], {
      description: 'Whose workflows: `me` (default; needs credentials) or `anyone` (public ones and mine).',
      examples: ['anyone'],
    }),
  ),
  template: Type.Optional(
    StringEnum(['true', 'false'], {
      description: 'Only templates (`true`) or only other workflows.',
      examples: ['true'],
    }),
  ),
});

// ---- runs ------------------------------------------------------------------------------------

export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;

const runStepExample = {
  nodeId: 'review',
  agentType: 'Review' as const,
  executionId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  status: 'completed' as const,
};

export const WorkflowRunStep = named(
  'MiyabiWorkflowRunStep',
  Type.Object({
    nodeId: Type.String({ description: 'The node it runs.' }),
    agentType: AgentType,
    executionId: Id(
      'Its agent execution: `GET /v1/miyabi/agent-executions/{id}` (its result, log and state).',
    ),
    status: StringEnum(['pending', 'running', 'completed', 'failed'], {
      description: "The execution's status.",
    }),
  }),
  { description: "One step of a run, in the run's dependency order.", example: runStepExample },
);

const runExample = {
  id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  workflowId: workflowExample.id,
  repositoryId: null,
  status: 'completed' as const,
  progress: 100,
  steps: [runStepExample],
  errorMessage: null,
  startedAt: '2026-11-30T09:00:00.000Z',
  completedAt: '2026-11-30T09:00:03.000Z',
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:03.000Z',
};

export const WorkflowRun = named(
  'MiyabiWorkflowRun',
  Type.Object({
    id: Id("The run's id."),
    workflowId: Type.Union([Uuid, Type.Null()], {
      description: 'The workflow run; null once its owner deleted it.',
    }),
    repositoryId: Type.Union([Uuid, Type.Null()], { description: 'The repository it runs on, if any.' }),
    status: StringEnum([...RUN_STATUSES], {
      description: '`running` until every step completed, or one failed.',
    }),
    progress: Type.Integer({ minimum: 0, maximum: 100, description: 'Steps finished, in percent.' }),
    steps: Type.Array(WorkflowRunStep, { description: 'Every step, in dependency order.' }),
    errorMessage: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it failed: the failed step and its error.',
    }),
    startedAt: Timestamp,
    completedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the last step finished or one failed.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'One run of a workflow (a copy of its definition at the time).', example: runExample },
);

export const CreateWorkflowRunRequest = named(
  'MiyabiCreateWorkflowRunRequest',
  Type.Object(
    {
      repositoryId: Type.Optional(
        Id("One of the account's repositories; defaults to the workflow's own (if the caller owns it)."),
      ),
      input: AgentInput,
    },
    { additionalProperties: false },
  ),
  {
    description: 'What every step reads (with the results of the steps before it).',
    example: {
      input: {
        issue: {
          number: 1347,
          title: 'Server crashes when PORT is not a number',
          body: '- validate PORT\n- add a test',
        },
        files: [{ path: 'src/server.ts', content: 'const port = Number(process.env.PORT);\n' }],
      },
    },
  },
);

const runEvent = (seq: number, event: string, data: object) =>
  `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

export const WorkflowRunEventStream = named(
  'MiyabiWorkflowRunEventStream',
  Type.String({ contentMediaType: 'text/event-stream' }),
  {
    description:
      'Server-Sent Events: `id:` a sequence number (send it back as `Last-Event-ID`), `event:` `step` (a step changed: ' +
      '`{ nodeId, executionId, status, progress }`) or `final` (the run, after which the stream closes).',
    example:
      ': stream open\n\n' +
      runEvent(1, 'step', {
        nodeId: 'triage',
        executionId: runStepExample.executionId,
        status: 'running',
        progress: 0,
      }) +
      runEvent(2, 'step', {
        nodeId: 'triage',
        executionId: runStepExample.executionId,
        status: 'completed',
        progress: 33,
      }) +
      runEvent(3, 'final', { id: runExample.id, status: 'completed', progress: 100 }),
  },
);

// ---- operations ------------------------------------------------------------------------------

const workflowParams = IdParams('workflow', workflowExample.id);
const runParams = IdParams('workflow run', runExample.id);

export const create = defineOperation({
  operationId: 'miyabi.workflows.create',
  method: 'POST',
  path: '/v1/miyabi/workflows',
  tag: 'miyabi',
  summary: 'Create a workflow',
  description:
    'Validates the React Flow document as a DAG of agent steps in one pass over its nodes and edges: a duplicate ' +
    'id, an unknown node type, an edge to a missing node or a cycle is 400 `validation_failed` whose `errors` name ' +
    'the node (or edge).',
  auth: { scope: 'miyabi:write' },
  body: CreateWorkflowRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'Created.', schema: Workflow },
  errors: [404],
});

export const list = defineOperation({
  operationId: 'miyabi.workflows.list',
  method: 'GET',
  path: '/v1/miyabi/workflows',
  tag: 'miyabi',
  summary: 'List workflows',
  description:
    "The caller's workflows (`owner=me`, the default), or every workflow the caller can read (`owner=anyone`: " +
    "public ones and the caller's own; anonymous callers see public ones). Newest first.",
  auth: { scope: 'miyabi:read', optional: true },
  query: WorkflowListQuery,
  success: { status: 200, description: 'A page of workflows.', schema: WorkflowList },
});

export const get = defineOperation({
  operationId: 'miyabi.workflows.get',
  method: 'GET',
  path: '/v1/miyabi/workflows/{id}',
  tag: 'miyabi',
  summary: 'Get a workflow',
  description:
    "The caller's own, or anyone's public one (templates are public); another account's private one is 404.",
  auth: { scope: 'miyabi:read', optional: true },
  params: workflowParams,
  success: { status: 200, description: 'The workflow.', schema: Workflow },
  errors: [404],
});

export const update = defineOperation({
  operationId: 'miyabi.workflows.update',
  method: 'PATCH',
  path: '/v1/miyabi/workflows/{id}',
  tag: 'miyabi',
  summary: 'Change a workflow',
  description:
    'Only its owner; a new `definition` is validated like on creation. Runs already started keep their copy.',
  auth: { scope: 'miyabi:write' },
  params: workflowParams,
  body: UpdateWorkflowRequest,
  audited: true,
  success: { status: 200, description: 'The changed workflow.', schema: Workflow },
  errors: [404],
});

export const remove = defineOperation({
  operationId: 'miyabi.workflows.delete',
  method: 'DELETE',
  path: '/v1/miyabi/workflows/{id}',
  tag: 'miyabi',
  summary: 'Delete a workflow',
  description: 'Only its owner. Its runs stay, without it.',
  auth: { scope: 'miyabi:write' },
  params: workflowParams,
  audited: true,
  success: { status: 204, description: 'Deleted.' },
  errors: [404],
});

export const createRun = defineOperation({
  operationId: 'miyabi.workflows.runs.create',
  method: 'POST',
  path: '/v1/miyabi/workflows/{id}/runs',
  tag: 'miyabi',
  summary: 'Run a workflow',
  description:
    "Runs the caller's own workflow or a public one, in the caller's account: one agent execution per node, each a " +
    'kernel job started when every step with an edge into it has completed, reading their results. Answers 202 with ' +
    'the run; follow it with `GET /v1/miyabi/workflow-runs/{id}/events`. A failed step fails the run and the steps after it. ' +
    "Every step takes one monthly `agent-runs` of its agent's plugin when the run starts, as `POST /v1/miyabi/agent-executions` " +
    'does (402 `quota_exceeded` naming the plugin when one does not fit, and nothing starts); steps that fail or never run give theirs back.',
  auth: { scope: 'miyabi:write' },
  params: workflowParams,
  body: CreateWorkflowRunRequest,
  idempotent: true,
  audited: true,
  success: { status: 202, description: 'Started.', schema: WorkflowRun },
  errors: [402, 404],
});

export const getRun = defineOperation({
  operationId: 'miyabi.workflowRuns.get',
  method: 'GET',
  path: '/v1/miyabi/workflow-runs/{id}',
  tag: 'miyabi',
  summary: 'Get a workflow run',
  description: "Its status, progress and steps. Another account's run is 404.",
  auth: { scope: 'miyabi:read' },
  params: runParams,
  success: { status: 200, description: 'The run.', schema: WorkflowRun },
  errors: [404],
});

export const runEvents = defineOperation({
  operationId: 'miyabi.workflowRuns.events',
  method: 'GET',
  path: '/v1/miyabi/workflow-runs/{id}/events',
  tag: 'miyabi',
  summary: "Stream a workflow run's progress (Server-Sent Events)",
  description:
    'Every event so far (or those after `Last-Event-ID`), then each step change as it happens, a comment every 15 ' +
    'seconds, and the end after `final`.',
  auth: { scope: 'miyabi:read' },
  params: runParams,
  headers: Type.Object({
    'last-event-id': Type.Optional(
      Type.Integer({ minimum: 0, description: 'Resume after this event id.', examples: [1] }),
    ),
  }),
  success: {
    status: 200,
    description: 'A `text/event-stream`.',
    schema: WorkflowRunEventStream,
    contentTypes: ['text/event-stream'],
    headers: ['CacheControl'],
  },
  errors: [404],
});
