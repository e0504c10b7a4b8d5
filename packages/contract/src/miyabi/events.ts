/**
 * Miyabi's event store and realtime stream (docs/products/miyabi.md, LINE, realtime and the event
 * store): the account's recorded events (agent executions, webhooks, usage, LINE messages) read
 * newest first, optionally for one repository, and a Server-Sent Events stream of the account's
 * notifications and execution updates that resumes with `Last-Event-ID`.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

export const EVENT_TYPE_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$';

export const eventExample = {
  id: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  type: 'agent_execution',
  repositoryId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  subject: 'execution:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  data: { agentType: 'Coordinator', issueNumber: 123, status: 'completed', durationMs: 5430 },
  createdAt: '2026-11-29T10:30:00.000Z',
};

export const MiyabiEvent = named(
  'MiyabiEvent',
  Type.Object({
    id: Id("The event's id."),
    type: Type.String({
      pattern: EVENT_TYPE_PATTERN,
      maxLength: 64,
      description:
        'What happened, e.g. `agent_execution`, `webhook.github`, `line.message`, `usage_event` (dot-separated lower-case words).',
    }),
    repositoryId: Type.Union([Id('The repository the event concerns.'), Type.Null()], {
      description: 'The repository the event concerns; null for events of the account as a whole.',
    }),
    subject: Type.Union([Type.String({ maxLength: 200 }), Type.Null()], {
      description:
        'What the event is about within its type, e.g. `execution:<id>`; null when nothing narrower.',
    }),
    data: Type.Object(
      {},
      {
        additionalProperties: true,
        description: "The event's details, as the recording part of Miyabi wrote them.",
      },
    ),
    createdAt: Type.String({
      format: 'date-time',
      description: 'When it happened (RFC 3339, UTC). Events are kept 90 days after it.',
    }),
  }),
  { description: 'One recorded event of the account.', example: eventExample },
);

export const EventList = Page('MiyabiEventList', MiyabiEvent, eventExample);

export const list = defineOperation({
  operationId: 'miyabi.events.list',
  method: 'GET',
  path: '/v1/miyabi/events',
  tag: 'miyabi',
  summary: "List the account's events, newest first",
  description:
    "The account's recorded events of the last 90 days, newest first: agent executions, webhooks, LINE messages and the like. " +
    '`repositoryId` narrows them to one repository (an id that is not the account’s returns an empty page), `type` to one event type.',
  auth: { scope: 'miyabi:read' },
  query: PageQuery({
    repositoryId: Type.Optional(Id('Only events of this repository.', eventExample.repositoryId)),
    type: Type.Optional(
      Type.String({
        pattern: EVENT_TYPE_PATTERN,
        maxLength: 64,
        description: 'Only events of this type.',
        examples: ['agent_execution'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of events.', schema: EventList },
});

export const REALTIME_MESSAGE_TYPES = ['execution_update', 'notification'] as const;

export const RealtimeMessageType = StringEnum(
  [...REALTIME_MESSAGE_TYPES],
  { description: 'What kind of message it is (the SSE `event:` name).' },
  {
    execution_update: 'An agent execution or workflow run of the account changed (status, progress).',
    notification: 'Something to tell the account: a reply from the LINE bot, a finished run, a warning.',
  },
);

const notificationExample = {
  type: 'notification' as const,
  payload: { title: 'Issue #42 created', body: 'From LINE: "Login button does nothing"' },
  createdAt: '2026-11-30T12:00:00.000Z',
};

export const RealtimeMessage = named(
  'MiyabiRealtimeMessage',
  Type.Object({
    type: RealtimeMessageType,
    payload: Type.Object({}, { additionalProperties: true, description: "The message's content." }),
    createdAt: Timestamp,
  }),
  {
    description: "A message of the account's realtime stream: the `data` of one Server-Sent Event.",
    example: notificationExample,
  },
);

export const EventStream = named(
  'MiyabiEventStream',
  Type.String({ contentMediaType: 'text/event-stream' }),
  {
    description:
      "Server-Sent Events of the account's realtime messages, each with `id:` (a sequence number per account: send it back as " +
      '`Last-Event-ID` to resume), `event:` `execution_update` or `notification`, and `data:` a ' +
      '[`MiyabiRealtimeMessage`](#/components/schemas/MiyabiRealtimeMessage) as JSON. Lines starting with `:` are keep-alive comments.',
    example: `: stream open\n\nid: 7\nevent: notification\ndata: ${JSON.stringify(notificationExample)}\n\n`,
  },
);

export const stream = defineOperation({
  operationId: 'miyabi.events.stream',
  method: 'GET',
  path: '/v1/miyabi/events/stream',
  tag: 'miyabi',
  summary: "Stream the account's realtime messages (Server-Sent Events)",
  description:
    'Messages are kept 24 hours. With `Last-Event-ID` the stream replays every kept message after that id; without it, every kept ' +
    'message no stream of the account has delivered yet. Then it sends each new message as it is written, a comment every 15 seconds, ' +
    'and closes after 10 minutes (reconnect with `Last-Event-ID`, as `EventSource` does by itself). `follow=false` closes it as soon ' +
    'as the replay is sent, for clients that poll.',
  auth: { scope: 'miyabi:read' },
  query: Type.Object(
    {
      follow: Type.Optional(
        StringEnum(['true', 'false'], {
          description:
            '`true` (the default) keeps the stream open for new messages; `false` ends it after the replay.',
          examples: ['false'],
        }),
      ),
    },
    { additionalProperties: false },
  ),
  headers: Type.Object({
    'last-event-id': Type.Optional(
      Type.Integer({ minimum: 0, description: 'Resume after this event id.', examples: [7] }),
    ),
  }),
  success: {
    status: 200,
    description: 'A `text/event-stream`.',
    schema: EventStream,
    contentTypes: ['text/event-stream'],
    headers: ['CacheControl'],
  },
});
