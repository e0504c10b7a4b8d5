/**
 * Messages (docs/products/speak.md, Messages): the learner's turns (a transcript and/or a
 * recorded audio file) and the partner's replies, which stream as Server-Sent Events.
 */
import Type from 'typebox';
import { Job } from '../kernel/jobs.ts';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';
import { Text } from './common.ts';

export const MESSAGE_TYPES = ['user_speech', 'ai_response', 'script_suggestion', 'system'] as const;

export const PronunciationAnalysis = named(
  'SpeakPronunciationAnalysis',
  Type.Object({
    method: Type.Literal('transcript_similarity', {
      description:
        'A heuristic: how close the recognised transcript is to the expected line (no acoustic model).',
    }),
    expected: Type.String({ description: 'The script line (or accepted alternative) it was compared with.' }),
    similarity: Type.Number({
      minimum: 0,
      maximum: 1,
      description: '1 − edit distance ÷ the longer length, over normalised text.',
    }),
  }),
  {
    description: 'How a learner line compares with the script (a heuristic).',
    example: { method: 'transcript_similarity', expected: 'Can I have a latte, please?', similarity: 0.93 },
  },
);

export const GrammarCorrection = named(
  'SpeakGrammarCorrection',
  Type.Object({
    rule: Type.String({
      description:
        'What was found: a heuristic rule id (`en.article`, `en.agreement`, `ja.mixed_politeness`…, listed in docs/products/speak.md) or `model` for a correction proposed by a configured model.',
    }),
    start: Type.Integer({
      minimum: 0,
      description:
        "Where `original` starts in the message's `content`, in UTF-16 code units (a JavaScript string index).",
    }),
    end: Type.Integer({ minimum: 0, description: 'Where it ends (exclusive), in UTF-16 code units.' }),
    original: Type.String({ description: 'The text at `start`…`end`.' }),
    suggestion: Type.String({ description: 'What to write instead.' }),
    explanation: Type.String({ description: 'Why, in English.' }),
    method: StringEnum(['heuristic', 'model'], {
      description:
        '`heuristic`: a deterministic rule of the built-in checker (no model judged it); `model`: proposed by the configured language model.',
    }),
  }),
  {
    description: 'One grammar or spelling correction of a learner turn.',
    example: {
      rule: 'en.article',
      start: 7,
      end: 14,
      original: 'a apple',
      suggestion: 'an apple',
      explanation: '"an" goes before a vowel sound.',
      method: 'heuristic',
    },
  },
);

const messageExample = {
  id: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  conversationId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  type: 'user_speech' as const,
  isAi: false,
  content: 'Can I have a latte please',
  language: 'en',
  translatedContent: { ja: 'ラテをお願いできますか。' },
  translationSource: 'script',
  audioFileId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  audioUrl: '/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  audioDurationMs: 2140,
  scriptSegment: 2,
  pronunciationAnalysis: {
    method: 'transcript_similarity' as const,
    expected: 'Can I have a latte, please?',
    similarity: 1,
  },
  // A spoken turn: the heuristic checker leaves capitals and punctuation to the recogniser.
  grammarCorrections: [],
  vocabularyHighlights: ['latte'],
  replyTo: null,
  createdAt: '2026-11-30T12:00:05.000Z',
};

export const Message = named(
  'SpeakMessage',
  Type.Object({
    id: Id("The message's id."),
    conversationId: Id('The conversation it belongs to.'),
    type: StringEnum([...MESSAGE_TYPES], {
      description:
        "`user_speech`: the learner's turn; `ai_response`: the partner's reply; `script_suggestion`: the learner's next script line; `system`: a note from the service.",
    }),
    isAi: Type.Boolean({ description: 'Whether the service wrote it.' }),
    content: Type.String({ description: 'The text: a transcript, a reply or a suggestion.' }),
    language: Type.String({ description: 'Its language code.' }),
    translatedContent: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()], {
      description:
        "The text in the learner's native language, keyed by its language code; null when the translator has none. The built-in translator invents nothing: it knows only the catalogue scripts' own lines (stored translations written with the scripts), so free text stays untranslated unless a translation model is configured.",
    }),
    translationSource: Type.Union([Type.String(), Type.Null()], {
      description:
        "Where `translatedContent` comes from: `script` (a catalogue line's stored translation, matched on the same words) or `model:<model>` (the configured translation model); null without a translation.",
      examples: ['script'],
    }),
    audioFileId: Type.Union([Uuid, Type.Null()], {
      description: "Its audio: the learner's recording or the voiced reply (private file).",
    }),
    audioUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'Where to download the audio (authenticated, ranged).',
    }),
    audioDurationMs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: "The audio's measured length.",
    }),
    scriptSegment: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'The script segment it stands for.',
    }),
    pronunciationAnalysis: Type.Union([PronunciationAnalysis, Type.Null()], {
      description: 'For learner lines of a script.',
    }),
    grammarCorrections: Type.Union([Type.Array(GrammarCorrection), Type.Null()], {
      description:
        "For a learner turn: the grammar checker's corrections, `[]` when it found nothing; null when it was not checked (the turn's language has no rules, the checker failed, or the message is not the learner's). The built-in checker is a heuristic: a short list of deterministic rules for English and Japanese, which finds some errors and misses most.",
    }),
    vocabularyHighlights: Type.Union([Type.Array(Type.String()), Type.Null()], {
      description:
        "The phrases of the script's vocabulary focus it uses, as whole words (learner turns and partner lines of a scripted conversation); null without a script.",
    }),
    replyTo: Type.Union([Uuid, Type.Null()], {
      description: 'For a reply or suggestion: the learner message it answers.',
    }),
    createdAt: Timestamp,
  }),
  { description: 'One message of a conversation.', example: messageExample },
);

export const MessageList = Page('SpeakMessageList', Message, messageExample);

export const NewMessage = named(
  'SpeakNewMessage',
  Type.Object(
    {
      text: Type.Optional(
        Text(
          2000,
          'What the learner said: a transcript (e.g. from the Web Speech API) or typed text.',
          'Can I have a latte please',
        ),
      ),
      audioFileId: Type.Optional(
        Type.String({
          format: 'uuid',
          description:
            'The recording, uploaded with `POST /v1/files` (WAV, MP3, OGG, WebM or M4A). Its duration is measured by the service and spent from the microphone quota.',
          examples: [messageExample.audioFileId],
        }),
      ),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description:
      'A learner turn: `text`, and `audioFileId` when it was spoken. Audio without text needs a transcriber, which this server does not have (400).',
    example: { text: 'Can I have a latte please', audioFileId: messageExample.audioFileId },
  },
);

export const Turn = named(
  'SpeakTurn',
  Type.Object({
    message: Message,
    job: Job,
    eventId: Type.Integer({
      minimum: 1,
      description:
        "The id of this turn's `message` event on the conversation's stream: follow `GET …/events` with `Last-Event-ID` set to it to read only what comes after (the reply's `delta`s, its messages, then `replied` or `failed`).",
      examples: [4],
    }),
  }),
  {
    description:
      "The learner's message as stored, and the `speak.reply` job writing the partner's reply (also streamed on the conversation's events).",
    example: {
      message: messageExample,
      job: {
        id: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
        type: 'speak.reply',
        status: 'queued',
        progress: 0,
        result: null,
        error: null,
        createdAt: '2026-11-30T12:00:05.000Z',
        updatedAt: '2026-11-30T12:00:05.000Z',
        finishedAt: null,
      },
      eventId: 4,
    },
  },
);

const Params = IdParams('conversation', messageExample.conversationId);

export const create = defineOperation({
  operationId: 'speak.messages.create',
  method: 'POST',
  path: '/v1/speak/conversations/{id}/messages',
  tag: 'speak',
  summary: 'Send a learner turn',
  description:
    "Stores the turn and queues the partner's reply. A turn with audio first reserves its measured duration, rounded up to the second, " +
    'from the monthly microphone quota: when it does not fit, 402 `quota_exceeded` and nothing is stored. An ended conversation is 409.',
  auth: { scope: 'speak:write' },
  params: Params,
  body: NewMessage,
  idempotent: true,
  audited: true,
  metered: { product: 'speak', metric: 'seconds' },
  success: { status: 201, description: 'The turn and the reply job.', schema: Turn },
  errors: [404, 409],
});

export const list = defineOperation({
  operationId: 'speak.messages.list',
  method: 'GET',
  path: '/v1/speak/conversations/{id}/messages',
  tag: 'speak',
  summary: "List a conversation's messages, newest first",
  description: 'Every message type; reverse a page to show it as a chat.',
  auth: { scope: 'speak:read' },
  params: Params,
  query: PageQuery({
    type: Type.Optional(
      StringEnum([...MESSAGE_TYPES], { description: 'Only this type.', examples: ['ai_response'] }),
    ),
  }),
  success: { status: 200, description: 'A page of messages.', schema: MessageList },
  errors: [404],
});

const deltaExample = JSON.stringify({ replyTo: messageExample.id, text: 'Sure. ' });

export const ConversationEventStream = named(
  'SpeakConversationEventStream',
  Type.String({ contentMediaType: 'text/event-stream' }),
  {
    description:
      'Server-Sent Events of one conversation, each with `id:` (a sequence number per conversation; send it back as `Last-Event-ID` to resume). ' +
      '`event: delta`: a piece of a reply as it is written, `data` `{ replyTo, text }` (`replyTo` the learner message it answers); `event: message`: a whole new message, ' +
      '`data` a [`SpeakMessage`](#/components/schemas/SpeakMessage) (a turn, the reply with its voice, a suggestion; the opening lines of a script come again under the same id once voiced: keep the last copy); `event: replied`: the reply to one turn is complete, ' +
      '`data` `{ replyTo, messageId, audioFileId, suggestionMessageId }`; `event: failed`: the reply to one turn failed for good, `data` `{ replyTo, code, message }`; ' +
      '`event: ended`: the conversation ended, `data` the [`SpeakConversation`](#/components/schemas/SpeakConversation), and the stream closes. Lines starting with `:` are keep-alive comments.',
    example: `: stream open\n\nid: 4\nevent: delta\ndata: ${deltaExample}\n\n`,
  },
);

export const events = defineOperation({
  operationId: 'speak.conversations.events',
  method: 'GET',
  path: '/v1/speak/conversations/{id}/events',
  tag: 'speak',
  summary: "Stream a conversation's replies (Server-Sent Events)",
  description:
    'Every event so far (or those after `Last-Event-ID`), then each new one as it is written; a comment every 15 seconds; ' +
    'closes after `ended`. A reply retried after a worker failure may stream its deltas again under new ids.',
  auth: { scope: 'speak:read' },
  params: Params,
  headers: Type.Object({
    'last-event-id': Type.Optional(
      Type.Integer({ minimum: 0, description: 'Resume after this event id.', examples: [3] }),
    ),
  }),
  success: {
    status: 200,
    description: 'A `text/event-stream`.',
    schema: ConversationEventStream,
    contentTypes: ['text/event-stream'],
    headers: ['CacheControl'],
  },
  errors: [404],
});
