/**
 * Live streams and donations (docs/products/nex.md, Live streams and donations): a creator
 * schedules a stream and moves it live and ended; viewers donate to a live stream through the
 * payment provider, counted in the stream's total only once the payment is confirmed.
 */
import Type from 'typebox';
import { defineOperation } from '../../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../../schema.ts';
import { Currency } from '../commerce/money.ts';

export const StreamStatus = StringEnum(['scheduled', 'live', 'ended', 'cancelled'], {
  description: '`scheduled` → `live` → `ended`, or `scheduled` → `cancelled`.',
});

const streamExample = {
  id: '8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e',
  streamerUsername: 'yuki_draws',
  title: '水彩ライブドローイング',
  description: '夕焼けの海を一緒に描きます。',
  status: 'live' as const,
  scheduledAt: '2026-12-01T11:00:00.000Z',
  startedAt: '2026-12-01T11:02:00.000Z',
  endedAt: null,
  currency: 'JPY',
  totalDonations: 4500,
  donationCount: 3,
  viewerCount: 42,
  maxViewers: 57,
  thumbnailFileId: '5f4e3d2c-1b0a-4987-8654-3210fedcba98',
  archiveFileId: null,
  settings: { donationsEnabled: true, minDonationAmount: 300 },
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-12-01T11:02:00.000Z',
};

const DonationAmount = (description: string) =>
  Type.Integer({ minimum: 100, maximum: 10_000_000, description });

export const StreamSettings = named(
  'NexStreamSettings',
  Type.Object(
    {
      donationsEnabled: Type.Boolean({
        description:
          'Whether the stream takes donations; false: a donation is refused with 409 (default true).',
      }),
      minDonationAmount: DonationAmount(
        'The smallest donation taken, in minor units of the stream’s currency, 100 to 10 000 000 (default 100); a smaller one is refused with 400.',
      ),
    },
    { additionalProperties: false },
  ),
  {
    description: 'The streamer’s settings of a stream.',
    example: { donationsEnabled: true, minDonationAmount: 300 },
  },
);

export const Stream = named(
  'NexStream',
  Type.Object({
    id: Id("The stream's id."),
    streamerUsername: Type.Union([Type.String(), Type.Null()], {
      description: 'The streamer’s creator username.',
    }),
    title: Type.String({ description: 'The title.' }),
    description: Type.String({ description: 'What the stream is about.' }),
    status: StreamStatus,
    scheduledAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When it is planned; null: unannounced.',
    }),
    startedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it went live.' }),
    endedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it ended.' }),
    currency: Currency,
    totalDonations: Type.Integer({
      minimum: 0,
      description: 'Confirmed donations, in minor units of `currency`; a pending donation is not counted.',
    }),
    donationCount: Type.Integer({ minimum: 0, description: 'How many confirmed donations.' }),
    viewerCount: Type.Integer({
      minimum: 0,
      description:
        'How many viewers follow the stream now: its open feeds (`GET /v1/nex/streams/{id}/events`) on every ' +
        'API process, each kept fresh by its heartbeat (a feed unseen for 60 seconds no longer counts), up to 100 000.',
    }),
    maxViewers: Type.Integer({
      minimum: 0,
      description:
        'The most viewers counted at once while the stream was live (counted when a feed opens); 0 before it goes live.',
    }),
    thumbnailFileId: Type.Union([Id('A file of the streamer.'), Type.Null()], {
      description:
        'The stream’s thumbnail, a file of the streamer readable by anyone (`GET /v1/files/{id}`); null: none.',
    }),
    archiveFileId: Type.Union([Id('A file of the streamer.'), Type.Null()], {
      description:
        'The recording of the ended stream, a file of the streamer readable by anyone; null: none.',
    }),
    settings: StreamSettings,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A live stream; public.', example: streamExample },
);
export const StreamList = Page('NexStreamList', Stream, streamExample);

const StreamKeyValue = Type.String({
  description:
    'The stream key (`nexsk_…`) the encoder sends to the media server as the stream name. Shown once: store it now; only its SHA-256 digest is kept, and rotating it replaces it.',
});
const streamKeyExample = 'nexsk_3q2-7wX9aLkP0vN4mB8cR1tY6uI5oE2sD7fG9hJ0kLz';

export const CreatedStream = named(
  'NexCreatedStream',
  Type.Object({ ...Stream.properties, streamKey: StreamKeyValue }),
  {
    description: 'A new stream, with its stream key shown once.',
    example: { ...streamExample, status: 'scheduled' as const, startedAt: null, streamKey: streamKeyExample },
  },
);

export const StreamKey = named(
  'NexStreamKey',
  Type.Object({
    streamId: Id('The stream.'),
    streamKey: StreamKeyValue,
    rotatedAt: Timestamp,
  }),
  {
    description: 'A stream’s new key, shown once; the previous key no longer works.',
    example: {
      streamId: streamExample.id,
      streamKey: streamKeyExample,
      rotatedAt: '2026-12-01T10:55:00.000Z',
    },
  },
);

export const CreateStreamRequest = named(
  'NexCreateStreamRequest',
  Type.Object(
    {
      title: Type.String({ minLength: 1, maxLength: 200, description: 'The title, 1 to 200 characters.' }),
      description: Type.Optional(Type.String({ maxLength: 5000, description: 'At most 5 000 characters.' })),
      scheduledAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it is planned.' })),
      currency: Type.Optional({ ...Currency, description: 'The currency of its donations (default JPY).' }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A stream to schedule.',
    example: { title: streamExample.title, scheduledAt: streamExample.scheduledAt },
  },
);

const donationExample = {
  id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
  streamId: streamExample.id,
  donorUsername: null,
  amount: 1500,
  currency: 'JPY',
  message: '素敵な配信をありがとう！',
  isAnonymous: true,
  status: 'confirmed' as const,
  createdAt: '2026-12-01T11:10:00.000Z',
  confirmedAt: '2026-12-01T11:10:05.000Z',
};

const donationProperties = {
  id: Id("The donation's id."),
  streamId: Id('The stream.'),
  donorUsername: Type.Union([Type.String(), Type.Null()], {
    description: 'The donor’s creator username; always null for an anonymous donation, whoever asks.',
  }),
  amount: Type.Integer({ minimum: 100, maximum: 10_000_000, description: 'In minor units of `currency`.' }),
  currency: Currency,
  message: Type.String({ description: 'The donor’s message.' }),
  isAnonymous: Type.Boolean({ description: 'Whether the donor is hidden.' }),
  status: StringEnum(['pending', 'confirmed', 'failed'], {
    description: '`pending` until the payment is confirmed (`confirmed`) or fails (`failed`).',
  }),
  createdAt: Timestamp,
  confirmedAt: Type.Union([Timestamp, Type.Null()], { description: 'When the payment was confirmed.' }),
};

export const Donation = named('NexDonation', Type.Object(donationProperties), {
  description: 'A donation to a stream.',
  example: donationExample,
});
export const DonationList = Page('NexDonationList', Donation, donationExample);

export const CreatedDonation = named(
  'NexCreatedDonation',
  Type.Object({
    ...donationProperties,
    payment: Type.Object(
      {
        id: Id('The payment to make (see the payments operations to complete it).'),
        clientSecret: Type.Union([Type.String(), Type.Null()], {
          description: 'What the payment provider’s client library needs to pay.',
        }),
      },
      { description: 'The donation’s payment.' },
    ),
  }),
  {
    description: 'A new donation, pending its payment.',
    example: {
      ...donationExample,
      status: 'pending' as const,
      confirmedAt: null,
      payment: { id: '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', clientSecret: null },
    },
  },
);

export const CreateDonationRequest = named(
  'NexCreateDonationRequest',
  Type.Object(
    {
      amount: Type.Integer({
        minimum: 100,
        maximum: 10_000_000,
        description: 'In minor units of the stream’s currency, 100 to 10 000 000.',
      }),
      message: Type.Optional(Type.String({ maxLength: 300, description: 'At most 300 characters.' })),
      isAnonymous: Type.Optional(
        Type.Boolean({ description: 'Hide the donor from everyone, the streamer included (default false).' }),
      ),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A donation.',
    example: { amount: 1500, message: donationExample.message, isAnonymous: true },
  },
);

const Params = IdParams('stream', streamExample.id);

export const create = defineOperation({
  operationId: 'nex.streams.create',
  method: 'POST',
  path: '/v1/nex/streams',
  tag: 'nex',
  summary: 'Schedule a live stream',
  description:
    'The caller must have joined nex (409). The stream is public at once, `scheduled`. The response carries its stream key, shown this once (a replay with the same Idempotency-Key shows it again).',
  auth: { scope: 'nex:write' },
  body: CreateStreamRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The stream, with its stream key.', schema: CreatedStream },
  errors: [409],
});

export const list = defineOperation({
  operationId: 'nex.streams.list',
  method: 'GET',
  path: '/v1/nex/streams',
  tag: 'nex',
  summary: 'List live streams, newest first',
  description: 'Anyone may call this, with or without credentials.',
  auth: { scope: 'nex:read', optional: true },
  query: PageQuery(),
  success: { status: 200, description: 'A page of streams.', schema: StreamList },
});

export const get = defineOperation({
  operationId: 'nex.streams.get',
  method: 'GET',
  path: '/v1/nex/streams/{id}',
  tag: 'nex',
  summary: 'Get a live stream',
  description: 'Anyone may call this, with or without credentials.',
  auth: { scope: 'nex:read', optional: true },
  params: Params,
  success: { status: 200, description: 'The stream.', schema: Stream },
});

const move = (verb: 'start' | 'end' | 'cancel', summary: string, from: string) =>
  defineOperation({
    operationId: `nex.streams.${verb}`,
    method: 'POST',
    path: `/v1/nex/streams/{id}/${verb}`,
    tag: 'nex',
    summary,
    description: `Only the streamer (403 for others); only from \`${from}\` (409 otherwise).`,
    auth: { scope: 'nex:write' },
    params: Params,
    audited: true,
    success: { status: 200, description: 'The stream.', schema: Stream },
    errors: [403, 409],
  });

export const start = move('start', 'Go live', 'scheduled');
export const end = move('end', 'End a live stream', 'live');
export const cancel = move('cancel', 'Cancel a scheduled stream', 'scheduled');

export const UpdateStreamRequest = named(
  'NexUpdateStreamRequest',
  Type.Object(
    {
      thumbnailFileId: Type.Optional(
        Type.Union([Id('A file of the caller.'), Type.Null()], {
          description: 'The thumbnail; null removes it.',
        }),
      ),
      archiveFileId: Type.Optional(
        Type.Union([Id('A file of the caller.'), Type.Null()], {
          description: 'The recording, only once the stream has ended (409 before); null removes it.',
        }),
      ),
      settings: Type.Optional(
        Type.Object(
          {
            donationsEnabled: Type.Optional(StreamSettings.properties.donationsEnabled),
            minDonationAmount: Type.Optional(StreamSettings.properties.minDonationAmount),
          },
          { additionalProperties: false, description: 'The settings to change; the others stay.' },
        ),
      ),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description: 'Changes to a stream.',
    example: { thumbnailFileId: streamExample.thumbnailFileId, settings: { minDonationAmount: 300 } },
  },
);

export const update = defineOperation({
  operationId: 'nex.streams.update',
  method: 'PATCH',
  path: '/v1/nex/streams/{id}',
  tag: 'nex',
  summary: 'Change a stream’s thumbnail, archive or settings',
  description:
    'Only the streamer (403 for others). A file must be one of the caller’s (400 otherwise); it becomes readable by anyone, as the stream is public. An archive only once the stream has ended (409 before); a cancelled stream no longer changes (409).',
  auth: { scope: 'nex:write' },
  params: Params,
  body: UpdateStreamRequest,
  audited: true,
  success: { status: 200, description: 'The stream.', schema: Stream },
  errors: [403, 409],
});

export const rotateKey = defineOperation({
  operationId: 'nex.streams.key.rotate',
  method: 'POST',
  path: '/v1/nex/streams/{id}/key',
  tag: 'nex',
  summary: 'Rotate a stream’s key',
  description:
    'Makes a new stream key, shown this once, and the previous one stops working at once. Only the streamer (404 for anyone else, as for a stream that does not exist); not for an ended or cancelled stream (409).',
  auth: { scope: 'nex:write' },
  params: Params,
  audited: true,
  success: { status: 200, description: 'The new key.', schema: StreamKey },
  errors: [404, 409],
});

export const IngestEvent = named(
  'NexStreamIngestEvent',
  Type.Object(
    {
      event: StringEnum(['publish', 'unpublish'], {
        description:
          '`publish`: the encoder started sending (a `scheduled` stream goes `live`); `unpublish`: it stopped (a `live` stream ends).',
      }),
      streamKey: Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'The stream key the encoder published with (the stream name nginx-rtmp or SRS received).',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A publish or unpublish the media server saw.',
    example: { event: 'publish', streamKey: streamKeyExample },
  },
);

export const ingest = defineOperation({
  operationId: 'nex.streams.ingestEvents.create',
  method: 'POST',
  path: '/v1/nex/streams/ingest-events',
  tag: 'nex',
  summary: 'Receive a media server’s publish or unpublish',
  description: [
    'Called by the media server (nginx-rtmp `on_publish`/`on_publish_done`, SRS `on_publish`/`on_unpublish`, through',
    'a relay that signs them), not by clients. The `Nex-Ingest-Signature` header must hold `t=<unix seconds>` within',
    '5 minutes and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under `NEX_INGEST_SECRET`, otherwise 400 and nothing',
    'changes; without a configured secret the endpoint answers 503. A key that names no stream is 403, the same',
    'whether or not any stream exists. `publish` moves the key’s `scheduled` stream `live` and `unpublish` its',
    '`live` stream `ended`; from any other state, a replay included, 409.',
  ].join('\n'),
  auth: 'public',
  internal: true,
  headers: Type.Object({
    'nex-ingest-signature': Type.String({
      minLength: 1,
      maxLength: 2048,
      description: '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.',
      examples: ['t=1795424400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd'],
    }),
  }),
  body: IngestEvent,
  audited: true,
  success: { status: 200, description: 'The stream, moved.', schema: Stream },
  errors: [403, 409, 503],
});

export const StreamEventStream = named(
  'NexStreamEventStream',
  Type.String({ contentMediaType: 'text/event-stream' }),
  {
    description:
      'Server-Sent Events of one stream, each with `id:` (a sequence number; send it back as `Last-Event-ID` to resume). ' +
      '`event: status`: the stream moved, `data` `{ status, startedAt, endedAt }`; `event: donation`: a donation was confirmed, ' +
      '`data` `{ id, donorUsername, amount, currency, message, isAnonymous }` (`donorUsername` always null for an anonymous donation). ' +
      'The stream closes after the `status` event of `ended` or `cancelled`. Lines starting with `:` are keep-alive comments. ' +
      'While open on a stream not yet over, the feed counts as a viewer in the stream’s `viewerCount`, and tells it: ' +
      '`event: viewers`, `data` `{ viewerCount }`, without an `id:` (a reading, not history to resume), sent when the feed opens ' +
      'and again when a refresh (every 10 to 15 seconds) finds another count.',
    example: `: stream open\n\nid: 12\nevent: status\ndata: {"status":"live","startedAt":"2026-12-01T11:02:00.000Z","endedAt":null}\n\n`,
  },
);

export const events = defineOperation({
  operationId: 'nex.streams.events',
  method: 'GET',
  path: '/v1/nex/streams/{id}/events',
  tag: 'nex',
  summary: 'Follow a stream’s status and donations (Server-Sent Events)',
  description:
    'Anyone may call this, with or without credentials. Every event so far (or those after `Last-Event-ID`), then each new one as it happens; a comment every 15 seconds; ' +
    'closes after the stream ends or is cancelled (at once for a stream already over, after its events).',
  auth: { scope: 'nex:read', optional: true },
  params: Params,
  headers: Type.Object({
    'last-event-id': Type.Optional(
      Type.Integer({ minimum: 0, description: 'Resume after this event id.', examples: [12] }),
    ),
  }),
  success: {
    status: 200,
    description: 'A `text/event-stream`.',
    schema: StreamEventStream,
    contentTypes: ['text/event-stream'],
    headers: ['CacheControl'],
  },
});

export const donate = defineOperation({
  operationId: 'nex.streams.donations.create',
  method: 'POST',
  path: '/v1/nex/streams/{id}/donations',
  tag: 'nex',
  summary: 'Donate to a live stream',
  description:
    'Starts the donation’s payment; the donation counts in the stream’s total, and the streamer is credited in the ledger, only when the payment is confirmed. Only a live stream of someone else (409).',
  auth: { scope: 'nex:write' },
  params: Params,
  body: CreateDonationRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The donation, pending.', schema: CreatedDonation },
  errors: [409],
});

export const donations = defineOperation({
  operationId: 'nex.streams.donations.list',
  method: 'GET',
  path: '/v1/nex/streams/{id}/donations',
  tag: 'nex',
  summary: 'List a stream’s confirmed donations, newest first',
  description: 'Anyone may call this. An anonymous donor is never shown (`donorUsername` null).',
  auth: { scope: 'nex:read', optional: true },
  params: Params,
  query: PageQuery(),
  success: { status: 200, description: 'A page of donations.', schema: DonationList },
});
