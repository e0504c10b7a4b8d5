/**
 * Miyabi's LINE bot (docs/products/miyabi.md, LINE): the webhook LINE calls with users' messages,
 * and the one-time code an account sends to the bot to link its LINE user.
 */
import Type from 'typebox';
import { defineJob } from '../job.ts';
import { defineOperation } from '../operation.ts';
import { named, StringEnum, Timestamp } from '../schema.ts';

const lineEventExample = {
  type: 'message',
  mode: 'active',
  timestamp: 1796036400000,
  webhookEventId: '01HZX3Y4Z5A6B7C8D9E0F1G2H3',
  deliveryContext: { isRedelivery: false },
  replyToken: 'b60d432864f44d079f6d8efe86cf404b',
  source: { type: 'user', userId: 'U4af4980629bdd6f2e8d5e7f0e0c0c0c0' },
  message: { id: '325708', type: 'text', quoteToken: 'q3Plxr4AgKd', text: 'status of issue #12' },
};

const webhookExample = { destination: 'U0123456789abcdef0123456789abcdef', events: [lineEventExample] };

export const LineWebhookEvent = named(
  'MiyabiLineWebhookEvent',
  Type.Object(
    {
      type: Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          'The event type: `message` and `postback` are acted on; others (follow, unfollow, …) are acknowledged.',
      }),
      webhookEventId: Type.String({
        minLength: 1,
        maxLength: 64,
        description: "LINE's id of the event: a redelivered event is recorded and acted on once.",
      }),
      timestamp: Type.Integer({ minimum: 0, description: 'When the event happened, in Unix milliseconds.' }),
      replyToken: Type.Optional(
        Type.String({
          maxLength: 256,
          description: 'The token a reply to this event may use, once and shortly after.',
        }),
      ),
      source: Type.Optional(
        Type.Object(
          {
            type: Type.String({ maxLength: 20, description: '`user`, `group` or `room`.' }),
            userId: Type.Optional(Type.String({ maxLength: 64, description: 'The LINE user who sent it.' })),
          },
          { additionalProperties: true, description: 'Who sent the event.' },
        ),
      ),
      message: Type.Optional(
        Type.Object(
          {
            type: Type.String({
              maxLength: 20,
              description: '`text`, `image`, `video`, `audio`, `file`, `location` or `sticker`.',
            }),
            text: Type.Optional(
              Type.String({ maxLength: 10_000, description: 'The text of a `text` message.' }),
            ),
          },
          { additionalProperties: true, description: 'The message of a `message` event.' },
        ),
      ),
      postback: Type.Optional(
        Type.Object(
          { data: Type.String({ maxLength: 1000, description: "The postback action's data." }) },
          { additionalProperties: true, description: 'The postback of a `postback` event.' },
        ),
      ),
    },
    { additionalProperties: true },
  ),
  { description: 'One webhook event, as LINE sends it.', example: lineEventExample },
);

export const LineWebhookBody = named(
  'MiyabiLineWebhookBody',
  Type.Object(
    {
      destination: Type.String({ maxLength: 64, description: "The bot's user id." }),
      events: Type.Array(LineWebhookEvent, {
        maxItems: 100,
        description: 'The events; empty when LINE verifies the webhook URL.',
      }),
    },
    { additionalProperties: true },
  ),
  {
    description:
      'A LINE webhook request (https://developers.line.biz/en/reference/messaging-api/#webhooks); only its signed raw bytes are trusted.',
    example: webhookExample,
  },
);

export const LineWebhookReceipt = named(
  'MiyabiLineWebhookReceipt',
  Type.Object({
    recorded: Type.Integer({ minimum: 0, description: 'Messages and postbacks recorded now.' }),
    duplicates: Type.Integer({
      minimum: 0,
      description: 'Events recorded before (redeliveries): not acted on again.',
    }),
    ignored: Type.Integer({
      minimum: 0,
      description: 'Other events (follow, unfollow, …), acknowledged only.',
    }),
  }),
  {
    description: 'What the webhook did with the events.',
    example: { recorded: 1, duplicates: 0, ignored: 0 },
  },
);

export const webhook = defineOperation({
  operationId: 'miyabi.line.webhook',
  method: 'POST',
  path: '/v1/miyabi/webhooks/line',
  tag: 'miyabi',
  summary: 'Receive LINE events',
  description: [
    'Called by LINE, not by clients. `X-Line-Signature` must be the base64 HMAC-SHA256 of the raw body under the channel',
    'secret (`LINE_CHANNEL_SECRET`); otherwise 400 and nothing is recorded. Without a configured secret the endpoint answers 503.',
    '',
    'Every message (text, image, video, audio, file, location, sticker) and postback is recorded once per `webhookEventId`.',
    'Texts are read for an intent, in English or Japanese: `create issue <title>` / `<title>というイシューを作成`,',
    '`status of issue 12` / `#12の状態`, `list my runs` / `実行一覧`, and `link <code>` / `連携 <code>` (the code from',
    '`POST /v1/miyabi/line/link-codes`). A linked user gets answers about the linked account; replies are queued and sent',
    'through the Messaging API by a background task. A `create issue` is filed on GitHub by a `miyabi.line.issue` job of',
    'the linked account, after the webhook has answered; its reply follows when the job is done.',
  ].join('\n'),
  auth: 'public',
  // Audited like every mutating operation; LINE acts as no account, so no audit row is written.
  audited: true,
  internal: true,
  headers: Type.Object({
    'x-line-signature': Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'Base64 HMAC-SHA256 of the raw body under the channel secret, as LINE sends it.',
      examples: ['Q8K6tiZfSfRHMyDpqzl2ZcrdN4S5Hhjc2eKdB4RBTDY='],
    }),
  }),
  body: LineWebhookBody,
  success: { status: 200, description: 'The events were received.', schema: LineWebhookReceipt },
});

export const LineLinkCode = named(
  'MiyabiLineLinkCode',
  Type.Object({
    code: Type.String({
      pattern: '^[a-z0-9]{8}$',
      description:
        'Send `link <code>` (or `連携 <code>`) to the Miyabi bot on LINE to link that LINE user to this account.',
    }),
    expiresAt: Timestamp,
  }),
  {
    description: 'A one-time code linking a LINE user to the account, valid 10 minutes.',
    example: { code: 'k3p9x2qa', expiresAt: '2026-11-30T12:10:00.000Z' },
  },
);

export const createLinkCode = defineOperation({
  operationId: 'miyabi.line.linkCodes.create',
  method: 'POST',
  path: '/v1/miyabi/line/link-codes',
  tag: 'miyabi',
  summary: 'Get a code to link a LINE user',
  description:
    'A one-time code, valid 10 minutes: the LINE user who sends `link <code>` to the bot becomes the account’s LINE user ' +
    '(replacing an earlier link of either). Earlier unused codes of the account stop working.',
  auth: { scope: 'miyabi:write' },
  audited: true,
  success: { status: 201, description: 'The code.', schema: LineLinkCode },
});

// ---- the job ----------------------------------------------------------------------------------

export const MIYABI_LINE_ISSUE_JOB = 'miyabi.line.issue' as const;

export const miyabiLineIssueResultExample = {
  lineMessageId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
  status: 'created' as const,
  repository: 'octocat/hello-world',
  issueNumber: 42,
  issueUrl: 'https://github.com/octocat/hello-world/issues/42',
};

export const MiyabiLineIssueJobResult = named(
  'MiyabiLineIssueJobResult',
  Type.Object(
    {
      lineMessageId: Type.String({
        format: 'uuid',
        description: 'The LINE message that asked for the issue.',
      }),
      status: StringEnum(['created', 'pending'], {
        description:
          '`created` on GitHub; `pending` when this server sends nothing to GitHub (`MIYABI_GITHUB_ISSUES=local`) or the GitHub identity was unlinked meanwhile.',
      }),
      repository: Type.String({ description: 'The repository, `owner/name`.' }),
      issueNumber: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
        description: "The issue's number once created; null otherwise.",
      }),
      issueUrl: Type.Union([Type.String(), Type.Null()], {
        description: "The issue's web page once created; null otherwise.",
      }),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'The result of a succeeded `miyabi.line.issue` job. A job GitHub refused for good (401, 403, 404, 410, 422) fails, and the LINE user is told why.',
    example: miyabiLineIssueResultExample,
  },
);

export const lineIssueJob = defineJob({
  type: MIYABI_LINE_ISSUE_JOB,
  payload: Type.Object({ lineMessageId: Type.String({ format: 'uuid' }) }),
  result: MiyabiLineIssueJobResult,
  resultExample: miyabiLineIssueResultExample,
});
