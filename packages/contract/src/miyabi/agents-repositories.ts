/**
 * Miyabi's connected GitHub repositories and the GitHub webhook that reports their events
 * (docs/products/miyabi.md, Repositories, agents and workflows). A repository is private to the
 * account that registered it; another account's is answered like a missing one.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

/** GitHub's limits: a login of at most 39 characters, a repository name of at most 100. */
export const FULL_NAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$';
/** A branch name: git's ref characters without spaces or control characters, at most 255. */
export const BRANCH_PATTERN = '^[A-Za-z0-9._/-]{1,255}$';

const GitHubRepoId = Type.Integer({
  minimum: 1,
  maximum: 9_007_199_254_740_991,
  description:
    "GitHub's numeric repository id (`repository.id` in its API and webhooks): stable across renames.",
  examples: [1296269],
});
const FullName = Type.String({
  pattern: FULL_NAME_PATTERN,
  description: '`owner/name` as GitHub spells it.',
  examples: ['octocat/Hello-World'],
});
const Branch = Type.String({
  pattern: BRANCH_PATTERN,
  description: 'The branch agents work from and open pull requests against.',
  examples: ['main'],
});

export const repositoryExample = {
  id: '4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c',
  githubRepoId: 1296269,
  owner: 'octocat',
  name: 'Hello-World',
  fullName: 'octocat/Hello-World',
  defaultBranch: 'main',
  active: true,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Repository = named(
  'MiyabiRepository',
  Type.Object({
    id: Id("The repository's id in Miyabi."),
    githubRepoId: GitHubRepoId,
    owner: Type.String({ description: 'The owning user or organisation on GitHub.' }),
    name: Type.String({ description: "The repository's name on GitHub." }),
    fullName: FullName,
    defaultBranch: Branch,
    active: Type.Boolean({
      description:
        'Whether agents run on it and its webhook events are recorded; inactive ones are kept but ignored.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A GitHub repository connected to the account.', example: repositoryExample },
);

export const CreateRepositoryRequest = named(
  'MiyabiCreateRepositoryRequest',
  Type.Object(
    {
      githubRepoId: GitHubRepoId,
      fullName: FullName,
      defaultBranch: Type.Optional({ ...Branch, description: 'Defaults to `main`.' }),
      active: Type.Optional(Type.Boolean({ description: 'Defaults to true.' })),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A repository to connect, by its GitHub id and full name.',
    example: { githubRepoId: 1296269, fullName: 'octocat/Hello-World', defaultBranch: 'main' },
  },
);

export const UpdateRepositoryRequest = named(
  'MiyabiUpdateRepositoryRequest',
  Type.Object(
    {
      fullName: Type.Optional({
        ...FullName,
        description: 'The new `owner/name` after a rename or transfer on GitHub.',
      }),
      defaultBranch: Type.Optional(Branch),
      active: Type.Optional(Type.Boolean({ description: 'Pause (false) or resume (true) the repository.' })),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  { description: 'The fields to change; at least one.', example: { active: false } },
);

export const RepositoryList = Page('MiyabiRepositoryList', Repository, repositoryExample);

export const RepositoryListQuery = PageQuery({
  active: Type.Optional(
    StringEnum(['true', 'false'], {
      description: 'Only active (`true`) or only inactive (`false`) repositories.',
      examples: ['true'],
    }),
  ),
});

const repositoryParams = IdParams('repository', repositoryExample.id);

export const create = defineOperation({
  operationId: 'miyabi.repositories.create',
  method: 'POST',
  path: '/v1/miyabi/repositories',
  tag: 'miyabi',
  summary: 'Connect a GitHub repository',
  description:
    'Registers a repository by its GitHub id. The same GitHub repository can be connected once per account ' +
    '(409 `conflict` the second time); other accounts may connect it too, and each sees only its own.',
  auth: { scope: 'miyabi:write' },
  body: CreateRepositoryRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'Connected.', schema: Repository },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'miyabi.repositories.list',
  method: 'GET',
  path: '/v1/miyabi/repositories',
  tag: 'miyabi',
  summary: "List the account's repositories",
  description: 'Newest first, optionally only active or inactive ones.',
  auth: { scope: 'miyabi:read' },
  query: RepositoryListQuery,
  success: { status: 200, description: 'A page of repositories.', schema: RepositoryList },
});

export const get = defineOperation({
  operationId: 'miyabi.repositories.get',
  method: 'GET',
  path: '/v1/miyabi/repositories/{id}',
  tag: 'miyabi',
  summary: 'Get a repository',
  description: "One of the account's repositories; another account's is 404.",
  auth: { scope: 'miyabi:read' },
  params: repositoryParams,
  success: { status: 200, description: 'The repository.', schema: Repository },
  errors: [404],
});

export const update = defineOperation({
  operationId: 'miyabi.repositories.update',
  method: 'PATCH',
  path: '/v1/miyabi/repositories/{id}',
  tag: 'miyabi',
  summary: 'Change a repository',
  description: 'Renames it (after a rename on GitHub), changes its default branch, or pauses and resumes it.',
  auth: { scope: 'miyabi:write' },
  params: repositoryParams,
  body: UpdateRepositoryRequest,
  audited: true,
  success: { status: 200, description: 'The changed repository.', schema: Repository },
  errors: [404],
});

export const remove = defineOperation({
  operationId: 'miyabi.repositories.delete',
  method: 'DELETE',
  path: '/v1/miyabi/repositories/{id}',
  tag: 'miyabi',
  summary: 'Disconnect a repository',
  description:
    'Deletes it with its recorded webhook events; agent executions on it keep their history without it.',
  auth: { scope: 'miyabi:write' },
  params: repositoryParams,
  audited: true,
  success: { status: 204, description: 'Disconnected.' },
  errors: [404],
});

// ---- GitHub webhook ----------------------------------------------------------------------------

const repositoryEventExample = {
  id: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  repositoryId: repositoryExample.id,
  deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
  event: 'issues',
  action: 'opened',
  sender: 'octocat',
  issueNumber: 1347,
  pullRequestNumber: null,
  ref: null,
  receivedAt: '2026-11-30T09:05:00.000Z',
};

export const RepositoryEvent = named(
  'MiyabiRepositoryEvent',
  Type.Object({
    id: Id("The recorded event's id."),
    repositoryId: Id('The repository it concerns.'),
    deliveryId: Type.String({
      format: 'uuid',
      description: "GitHub's `X-GitHub-Delivery`: one per delivery.",
    }),
    event: Type.String({ description: "GitHub's `X-GitHub-Event`, e.g. `push`, `issues`, `pull_request`." }),
    action: Type.Union([Type.String(), Type.Null()], {
      description:
        "The payload's `action` (`opened`, `closed`…); null for events without one, such as `push`.",
    }),
    sender: Type.Union([Type.String(), Type.Null()], { description: 'The GitHub login that caused it.' }),
    issueNumber: Type.Union([Type.Integer(), Type.Null()], { description: 'The issue it is about, if any.' }),
    pullRequestNumber: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The pull request it is about, if any.',
    }),
    ref: Type.Union([Type.String(), Type.Null()], { description: 'The pushed ref, for `push` events.' }),
    receivedAt: Timestamp,
  }),
  { description: 'A GitHub webhook event recorded for a repository.', example: repositoryEventExample },
);

export const RepositoryEventList = Page('MiyabiRepositoryEventList', RepositoryEvent, repositoryEventExample);

export const listEvents = defineOperation({
  operationId: 'miyabi.repositories.events.list',
  method: 'GET',
  path: '/v1/miyabi/repositories/{id}/events',
  tag: 'miyabi',
  summary: "List a repository's GitHub events",
  description: 'The webhook deliveries recorded for the repository, newest first (kept 90 days).',
  auth: { scope: 'miyabi:read' },
  params: repositoryParams,
  query: PageQuery(),
  success: { status: 200, description: 'A page of events.', schema: RepositoryEventList },
  errors: [404],
});

export const GitHubWebhookPayload = named(
  'MiyabiGitHubWebhookPayload',
  Type.Object(
    {
      action: Type.Optional(
        Type.String({ maxLength: 100, description: 'What happened, for events that have actions.' }),
      ),
      repository: Type.Optional(
        Type.Object(
          {
            id: GitHubRepoId,
            full_name: Type.Optional(Type.String({ maxLength: 300, description: '`owner/name`.' })),
          },
          { additionalProperties: true, description: 'The repository the event happened in.' },
        ),
      ),
      sender: Type.Optional(
        Type.Object(
          { login: Type.Optional(Type.String({ maxLength: 100, description: 'Their GitHub login.' })) },
          { additionalProperties: true, description: 'Who caused the event.' },
        ),
      ),
      issue: Type.Optional(
        Type.Object(
          { number: Type.Optional(Type.Integer({ minimum: 1, description: 'The issue number.' })) },
          { additionalProperties: true, description: 'The issue, for issue events.' },
        ),
      ),
      pull_request: Type.Optional(
        Type.Object(
          { number: Type.Optional(Type.Integer({ minimum: 1, description: 'The pull request number.' })) },
          { additionalProperties: true, description: 'The pull request, for pull request events.' },
        ),
      ),
      ref: Type.Optional(Type.String({ maxLength: 300, description: 'The ref pushed, for `push` events.' })),
    },
    { additionalProperties: true },
  ),
  {
    description:
      "GitHub's webhook payload (https://docs.github.com/en/webhooks/webhook-events-and-payloads); only " +
      '`repository.id`, `action`, `sender.login`, `issue.number`, `pull_request.number` and `ref` are read.',
    example: {
      action: 'opened',
      issue: { number: 1347 },
      repository: { id: 1296269, full_name: 'octocat/Hello-World' },
      sender: { login: 'octocat' },
    },
  },
);

export const GitHubWebhookReceipt = named(
  'MiyabiGitHubWebhookReceipt',
  Type.Object({
    deliveryId: Type.String({ format: 'uuid', description: 'The delivery received.' }),
    duplicate: Type.Boolean({
      description: 'True when this delivery id was received before: nothing was recorded again.',
    }),
    recorded: Type.Integer({
      minimum: 0,
      description:
        'How many connected, active repositories recorded it (0 for a repository nobody connected).',
    }),
  }),
  {
    description: 'What the service did with a delivery.',
    example: { deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958', duplicate: false, recorded: 1 },
  },
);

export const githubWebhook = defineOperation({
  operationId: 'miyabi.webhooks.github',
  method: 'POST',
  path: '/v1/miyabi/webhooks/github',
  tag: 'miyabi',
  summary: 'Receive a GitHub webhook delivery',
  description: [
    'Called by GitHub, not by clients. `X-Hub-Signature-256` must be `sha256=` and the hex HMAC-SHA256 of the raw',
    'body under the webhook secret (`MIYABI_GITHUB_WEBHOOK_SECRET`); otherwise 400 and nothing is recorded. Without',
    'a configured secret the endpoint answers 503. Each `X-GitHub-Delivery` id is recorded once: a redelivery is',
    'answered 200 with `duplicate: true`. The event is recorded for every active repository connected with the',
    "payload's `repository.id`: in the repository's events (`GET /v1/miyabi/repositories/{id}/events`) and, for its",
    'account, as a `webhook.github` event of the event store (`GET /v1/miyabi/events?type=webhook.github`).',
  ].join('\n'),
  auth: 'public',
  internal: true,
  headers: Type.Object({
    'x-hub-signature-256': Type.String({
      minLength: 1,
      maxLength: 200,
      description: '`sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub sends it.',
      examples: ['sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'],
    }),
    'x-github-delivery': Type.String({
      format: 'uuid',
      description: "GitHub's id of this delivery (a redelivery keeps it).",
      examples: ['72d3162e-cc78-11e3-81ab-4c9367dc0958'],
    }),
    'x-github-event': Type.String({
      pattern: '^[a-z_]{1,64}$',
      description: 'The event name, e.g. `push`, `issues`, `pull_request`, `ping`.',
      examples: ['issues'],
    }),
  }),
  body: GitHubWebhookPayload,
  // GitHub is no account: the binder writes no audit row for a public call that never acts as
  // one; miyabi.github_deliveries is this endpoint's record.
  audited: true,
  success: { status: 200, description: 'Received.', schema: GitHubWebhookReceipt },
});
