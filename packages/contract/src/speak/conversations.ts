/**
 * Conversations (docs/products/speak.md, Conversations): a session with the AI partner in one
 * language pair, optionally following a script; ended once, with heuristic scores.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp, Uuid } from '../schema.ts';
import { LanguageCode, LanguagePair, Slug, Text } from './common.ts';

const Score = (description: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
    description: `${description} A heuristic, 0–100 (docs: Scores); null until the conversation ends or when nothing could be measured.`,
  });

const conversationExample = {
  id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  title: 'Ordering coffee at a café',
  languagePair: { native: 'ja', target: 'en' },
  scenario: 'cafe',
  specialization: null,
  difficultyLevel: 1,
  scriptId: '6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b',
  scriptAdherenceScore: 0.92,
  startedAt: '2026-11-30T12:00:00.000Z',
  endedAt: '2026-11-30T12:06:00.000Z',
  durationSeconds: 360,
  speakingSeconds: 41,
  messageCount: 10,
  userMessageCount: 3,
  aiMessageCount: 4,
  wordsSpoken: 18,
  uniqueWordsUsed: 15,
  fluencyScore: 78.5,
  accuracyScore: 92,
  pronunciationScore: 90,
  overallScore: 86.8,
  rating: 5,
  createdAt: '2026-11-30T12:00:00.000Z',
};

export const Conversation = named(
  'SpeakConversation',
  Type.Object({
    id: Id("The conversation's id."),
    title: Type.Union([Type.String(), Type.Null()], {
      description: "A label; the script's title by default.",
    }),
    languagePair: LanguagePair,
    scenario: Type.String({ description: 'The situation, e.g. `restaurant`.' }),
    specialization: Type.Union([Type.String(), Type.Null()], { description: 'A field, e.g. `business`.' }),
    difficultyLevel: Type.Integer({ minimum: 1, maximum: 10, description: 'From 1 to 10.' }),
    scriptId: Type.Union([Uuid, Type.Null()], {
      description: 'The script followed; null for free conversation.',
    }),
    scriptAdherenceScore: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description:
        "How closely the learner's lines matched the script, 0–1 (a heuristic: edit distance); null without a script.",
    }),
    startedAt: Timestamp,
    endedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it was ended; null while it runs.' }),
    durationSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'From start to end.',
    }),
    speakingSeconds: Type.Integer({
      minimum: 0,
      description: "The learner's measured audio, in seconds (what the quota counted).",
    }),
    messageCount: Type.Integer({ minimum: 0, description: 'Messages of every type.' }),
    userMessageCount: Type.Integer({ minimum: 0, description: "The learner's turns." }),
    aiMessageCount: Type.Integer({ minimum: 0, description: "The partner's replies." }),
    wordsSpoken: Type.Integer({
      minimum: 0,
      description: "Words in the learner's turns (Unicode word segmentation).",
    }),
    uniqueWordsUsed: Type.Integer({ minimum: 0, description: 'Different words among them, ignoring case.' }),
    fluencyScore: Score('Words per minute of speech against 110 wpm.'),
    accuracyScore: Score("Similarity of the learner's lines to the script's (edit distance)."),
    pronunciationScore: Score(
      "Similarity of the recognised transcript of spoken turns to the script's lines.",
    ),
    overallScore: Score('The mean of the other scores that exist.'),
    rating: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()], {
      description: "The learner's rating, given when ending it.",
    }),
    createdAt: Timestamp,
  }),
  { description: 'A conversation with the AI partner.', example: conversationExample },
);

export const ConversationList = Page('SpeakConversationList', Conversation, conversationExample);

export const NewConversation = named(
  'SpeakNewConversation',
  Type.Object(
    {
      scriptId: Type.Optional(
        Type.String({
          format: 'uuid',
          description: 'Follow this script: its pair, scenario and difficulty are used.',
          examples: [conversationExample.scriptId],
        }),
      ),
      languagePair: Type.Optional(LanguagePair),
      scenario: Type.Optional(Slug('The situation; `free_talk` by default.', 'restaurant')),
      specialization: Type.Optional(Slug('A field.', 'business')),
      difficultyLevel: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 10, description: 'From 1 to 10; 3 by default.', examples: [3] }),
      ),
      title: Type.Optional(Text(200, 'A label.', 'Coffee practice')),
    },
    { additionalProperties: false },
  ),
  {
    description:
      "Without a script, `languagePair` (or the profile's current pair) says the languages. A premium script needs a paid speak plan (402 `plan_required`).",
    example: { scriptId: conversationExample.scriptId },
  },
);

export const EndConversation = named(
  'SpeakEndConversation',
  Type.Object(
    {
      rating: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 5,
          description: 'How the learner liked it, 1 to 5.',
          examples: [5],
        }),
      ),
    },
    { additionalProperties: false },
  ),
  { description: 'Ending a conversation, optionally rating it.', example: { rating: 5 } },
);

export const create = defineOperation({
  operationId: 'speak.conversations.create',
  method: 'POST',
  path: '/v1/speak/conversations',
  tag: 'speak',
  summary: 'Start a conversation',
  description:
    "Starts a conversation, from a script or free. With a script, the partner's first line (if the script opens with one) is the first message, and the learner's first line a `script_suggestion`.",
  auth: { scope: 'speak:write' },
  body: NewConversation,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The conversation.', schema: Conversation },
  errors: [402],
});

export const list = defineOperation({
  operationId: 'speak.conversations.list',
  method: 'GET',
  path: '/v1/speak/conversations',
  tag: 'speak',
  summary: 'List conversations, newest first',
  description: "The caller's conversations; `from`/`to` bound the start time.",
  auth: { scope: 'speak:read' },
  query: PageQuery({
    language: Type.Optional(LanguageCode('Only conversations practising this language.')),
    scenario: Type.Optional(Slug('Only this scenario.', 'restaurant')),
    ended: Type.Optional(
      StringEnum(['true', 'false'], {
        description: 'Only ended (`true`) or running (`false`) ones.',
        examples: ['true'],
      }),
    ),
    from: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Started at or after.',
        examples: ['2026-11-01T00:00:00Z'],
      }),
    ),
    to: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Started before.',
        examples: ['2026-12-01T00:00:00Z'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of conversations.', schema: ConversationList },
});

export const get = defineOperation({
  operationId: 'speak.conversations.get',
  method: 'GET',
  path: '/v1/speak/conversations/{id}',
  tag: 'speak',
  summary: 'Get a conversation',
  description: 'Its counts, and its scores once ended.',
  auth: { scope: 'speak:read' },
  params: IdParams('conversation', conversationExample.id),
  success: { status: 200, description: 'The conversation.', schema: Conversation },
  errors: [404],
});

export const end = defineOperation({
  operationId: 'speak.conversations.end',
  method: 'POST',
  path: '/v1/speak/conversations/{id}/end',
  tag: 'speak',
  summary: 'End a conversation',
  description:
    'In one transaction: its duration and heuristic scores, the progress of its target language (30-day averages, study ' +
    "minutes, streak in the learner's timezone, weekly minutes), the script's statistics and the achievements earned. " +
    'Ending an ended conversation changes nothing and answers it as it is.',
  auth: { scope: 'speak:write' },
  params: IdParams('conversation', conversationExample.id),
  body: EndConversation,
  audited: true,
  success: { status: 200, description: 'The ended conversation.', schema: Conversation },
  errors: [404],
});
