/**
 * Plugin usage metering (docs/products/miyabi.md, Usage and quotas): events in batches, each
 * counted once per event id into the (account, plugin, month) aggregate, within the plan
 * catalogue's per-plugin quotas.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { PluginId } from './market-plugins.ts';

export const AGENT_TYPES = ['Coordinator', 'CodeGen', 'Review', 'Deployment', 'PR', 'Issue'] as const;

export const UsageEventType = StringEnum(
  ['issue_processed', 'tokens_used', 'agent_execution'],
  { description: 'What happened; it says which aggregate the event moves.' },
  {
    issue_processed: '`quantity` issues processed (metered: `issues`)',
    tokens_used: '`quantity` model tokens used (metered: `tokens`)',
    agent_execution: 'one run of `agentType` (counted per agent type, not metered)',
  },
);

const AgentType = StringEnum([...AGENT_TYPES], {
  description: 'The agent that ran (for `agent_execution`).',
});
const Month = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'A calendar month, `YYYY-MM` (UTC).',
  examples: ['2026-11'],
});

const EventData = Type.Record(
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' }),
  Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]),
  {
    maxProperties: 10,
    description: 'Free-form details kept with the event (up to 10 flat fields), e.g. the issue number.',
  },
);

export const UsageEventInput = named(
  'MiyabiUsageEventInput',
  Type.Object(
    {
      id: Id('A client-chosen id (UUID): an event sent again with the same id is counted once.'),
      pluginId: PluginId,
      type: UsageEventType,
      quantity: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 10_000_000,
          description: 'How many issues or tokens (default 1); must be 1 for `agent_execution`.',
        }),
      ),
      agentType: Type.Optional(AgentType),
      data: Type.Optional(EventData),
    },
    { additionalProperties: false },
  ),
  {
    description: 'One usage event of a plugin.',
    example: {
      id: '5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b',
      pluginId: 'miyabi-codegen',
      type: 'tokens_used',
      quantity: 1500,
      data: { issue: 42 },
    },
  },
);

export const UsageBatch = named(
  'MiyabiUsageBatch',
  Type.Object(
    {
      events: Type.Array(UsageEventInput, {
        minItems: 1,
        maxItems: 1000,
        description: 'Up to 1 000 events. All are counted or none: over a quota, the whole batch is refused.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A batch of usage events.',
    example: {
      events: [
        {
          id: '5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b',
          pluginId: 'miyabi-codegen',
          type: 'tokens_used',
          quantity: 1500,
        },
      ],
    },
  },
);

const aggregateExample = {
  pluginId: 'miyabi-codegen',
  period: '2026-11',
  issues: 12,
  tokens: 48_000,
  agentExecutions: { CodeGen: 9, Review: 4 },
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const UsageAggregate = named(
  'MiyabiUsageAggregate',
  Type.Object({
    pluginId: PluginId,
    period: { ...Month, description: 'The month, `YYYY-MM` (UTC).' },
    issues: Type.Integer({ minimum: 0, description: 'Issues processed in the month.' }),
    tokens: Type.Integer({ minimum: 0, description: 'Model tokens used in the month.' }),
    agentExecutions: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
      description: 'Agent runs in the month, per agent type.',
    }),
    updatedAt: Timestamp,
  }),
  { description: "One plugin's usage by the account in one month.", example: aggregateExample },
);

export const UsageReceipt = named(
  'MiyabiUsageReceipt',
  Type.Object({
    accepted: Type.Integer({ minimum: 0, description: 'Events counted by this request.' }),
    duplicates: Type.Integer({
      minimum: 0,
      description: 'Events already counted before (same id), not counted again.',
    }),
    aggregates: Type.Array(UsageAggregate, {
      description: 'The aggregates the batch touched, as they are now.',
    }),
  }),
  {
    description: 'What a batch changed.',
    example: { accepted: 1, duplicates: 0, aggregates: [aggregateExample] },
  },
);

export const ingest = defineOperation({
  operationId: 'miyabi.usageEvents.create',
  method: 'POST',
  path: '/v1/miyabi/usage-events',
  tag: 'miyabi',
  summary: 'Report plugin usage',
  description:
    "Authenticated by an API key (or access token) with `miyabi:write`, or by a plugin's licence in `X-Miyabi-License` (then every event must be for the licence's plugin: 403 otherwise; a bad, expired or revoked licence is 401). Each event id counts once, even across concurrent or replayed batches. `issue_processed` and `tokens_used` spend the plugin's monthly `issues` and `tokens` quotas of the plan catalogue (the plugin's own subscription's plan, else `free`): a batch that would pass a limit is refused whole with 402 `quota_exceeded` naming the plugin.",
  auth: { scope: 'miyabi:write', optional: true },
  headers: Type.Object({
    'x-miyabi-license': Type.Optional(
      Type.String({
        minLength: 20,
        maxLength: 4000,
        pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
        description: 'A licence (`MiyabiLicense.token`) instead of `Authorization`.',
        examples: ['eyJhbGciOiJFZERTQSJ9.eyJwbHVnaW4iOiJtaXlhYmktY29kZWdlbiJ9.c2lnbmF0dXJl'],
      }),
    ),
  }),
  body: UsageBatch,
  audited: true,
  success: { status: 200, description: 'What the batch counted.', schema: UsageReceipt },
  errors: [402, 403],
});

export const UsageAggregateList = Page('MiyabiUsageAggregateList', UsageAggregate, aggregateExample);

export const usage = defineOperation({
  operationId: 'miyabi.usage.list',
  method: 'GET',
  path: '/v1/miyabi/usage',
  tag: 'miyabi',
  summary: 'Monthly plugin usage',
  description:
    "The caller's aggregates, newest month first (then by plugin id), optionally for one plugin and a range of months (inclusive). The limits that apply are in `GET /v1/usage`.",
  auth: { scope: 'miyabi:read' },
  query: PageQuery({
    plugin: Type.Optional({ ...PluginId, description: 'Only this plugin.' }),
    fromMonth: Type.Optional({ ...Month, description: 'The first month, `YYYY-MM`.' }),
    toMonth: Type.Optional({ ...Month, description: 'The last month, `YYYY-MM`.', examples: ['2026-12'] }),
  }),
  success: { status: 200, description: 'A page of monthly aggregates.', schema: UsageAggregateList },
});

const eventExample = {
  id: '5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b',
  pluginId: 'miyabi-codegen',
  type: 'tokens_used' as const,
  quantity: 1500,
  agentType: null,
  data: { issue: 42 },
  period: '2026-11',
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const UsageEvent = named(
  'MiyabiUsageEvent',
  Type.Object({
    id: Id("The event's id, as the client chose it."),
    pluginId: PluginId,
    type: UsageEventType,
    quantity: Type.Integer({ minimum: 1, description: 'How many issues or tokens; 1 for an agent run.' }),
    agentType: Type.Union([AgentType, Type.Null()], {
      description: 'The agent, for `agent_execution`; else null.',
    }),
    data: EventData,
    period: { ...Month, description: 'The month it was counted in.' },
    createdAt: Timestamp,
  }),
  { description: 'One counted usage event.', example: eventExample },
);

export const UsageEventList = Page('MiyabiUsageEventList', UsageEvent, eventExample);

export const events = defineOperation({
  operationId: 'miyabi.usageEvents.list',
  method: 'GET',
  path: '/v1/miyabi/usage-events',
  tag: 'miyabi',
  summary: 'List counted usage events, newest first',
  description: "The caller's events, optionally of one plugin.",
  auth: { scope: 'miyabi:read' },
  query: PageQuery({ plugin: Type.Optional({ ...PluginId, description: 'Only this plugin.' }) }),
  success: { status: 200, description: 'A page of events.', schema: UsageEventList },
});
