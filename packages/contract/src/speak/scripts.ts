/**
 * Conversation scripts (docs/products/speak.md, Scripts): a public catalogue anyone may read,
 * and learners' own private scripts. A script is a list of segments the partner (`ai`) and the
 * learner (`user`) take turns on; a learner line lists the alternatives accepted for it.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { LanguageCode, LanguagePair, Slug, Text } from './common.ts';

export const ScriptSegment = named(
  'SpeakScriptSegment',
  Type.Object(
    {
      order: Type.Integer({ minimum: 1, maximum: 200, description: 'Position in the script, from 1.' }),
      speaker: StringEnum(['ai', 'user'], {
        description: '`ai`: the partner says it; `user`: the learner should.',
      }),
      text: Text(1000, 'What is said.', 'Can I have a latte, please?'),
      alternatives: Type.Array(Text(1000, 'Another accepted way to say it.', 'A latte, please.'), {
        maxItems: 10,
        description: 'Other lines accepted for a learner segment (scored as equally right).',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'One line of a script.',
    example: {
      order: 2,
      speaker: 'user',
      text: 'Can I have a latte, please?',
      alternatives: ['A latte, please.'],
    },
  },
);

const Difficulty = Type.Integer({
  minimum: 1,
  maximum: 10,
  description: 'From 1 (first words) to 10 (near native).',
  examples: [3],
});
const Notes = (description: string, example: string) =>
  Type.Array(Text(1000, description, example), { maxItems: 30, description });

const scriptExample = {
  id: '6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b',
  title: 'Ordering coffee at a café',
  description: 'Order a drink, choose a size and pay.',
  languagePair: { native: 'ja', target: 'en' },
  scenario: 'cafe',
  difficultyLevel: 1,
  estimatedDurationMinutes: 5,
  segments: [
    { order: 1, speaker: 'ai' as const, text: 'Hi there! What can I get for you today?', alternatives: [] },
    {
      order: 2,
      speaker: 'user' as const,
      text: 'Can I have a latte, please?',
      alternatives: ['A latte, please.'],
    },
  ],
  culturalNotes: ['In North America a tip jar is common at cafés; tipping is optional.'],
  vocabularyFocus: ['latte', 'medium'],
  category: 'daily_life',
  tags: ['food', 'travel'],
  specialization: null,
  isPremium: false,
  visibility: 'public' as const,
  mine: false,
  usageCount: 12,
  averageRating: 4.5,
  completionRate: 0.75,
  createdAt: '2026-11-01T09:00:00.000Z',
};

export const Script = named(
  'SpeakScript',
  Type.Object({
    id: Id("The script's id."),
    title: Type.String({ description: 'What the script is about.' }),
    description: Type.Union([Type.String(), Type.Null()], { description: 'A sentence for the catalogue.' }),
    languagePair: LanguagePair,
    scenario: Type.String({ description: 'The situation, e.g. `restaurant`.' }),
    difficultyLevel: Difficulty,
    estimatedDurationMinutes: Type.Union([Type.Integer(), Type.Null()], {
      description: 'About how long it takes.',
    }),
    segments: Type.Array(ScriptSegment, { description: 'The lines, in order.' }),
    culturalNotes: Type.Array(Type.String(), { description: 'Notes on customs the scene involves.' }),
    vocabularyFocus: Type.Array(Type.String(), { description: 'Words and phrases the script practises.' }),
    category: Type.String({ description: 'A broad group, e.g. `travel` or `business`.' }),
    tags: Type.Array(Type.String(), { description: 'Tags to filter by.' }),
    specialization: Type.Union([Type.String(), Type.Null()], {
      description: 'A field, e.g. `medical` or `business`.',
    }),
    isPremium: Type.Boolean({
      description: 'Only accounts on a paid speak plan may start it (402 `plan_required`).',
    }),
    visibility: StringEnum(['public', 'private'], {
      description: "`public`: the catalogue; `private`: a learner's own.",
    }),
    mine: Type.Boolean({ description: 'Whether the caller wrote it.' }),
    usageCount: Type.Integer({ minimum: 0, description: 'Conversations started with it.' }),
    averageRating: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
      description:
        'Mean rating (1–5) learners gave when ending a conversation with it; null before the first.',
    }),
    completionRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: 'Share of conversations started with it that were ended; null before the first.',
    }),
    createdAt: Timestamp,
  }),
  { description: 'A conversation script.', example: scriptExample },
);

export const ScriptList = Page('SpeakScriptList', Script, scriptExample);

export const NewScript = named(
  'SpeakNewScript',
  Type.Object(
    {
      title: Text(200, 'What the script is about.', 'Ordering ramen'),
      description: Type.Optional(Text(1000, 'A sentence about it.', 'Order at a ramen shop.')),
      languagePair: LanguagePair,
      scenario: Slug('The situation.', 'restaurant'),
      difficultyLevel: Difficulty,
      estimatedDurationMinutes: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 240, description: 'About how long it takes.', examples: [5] }),
      ),
      segments: Type.Array(ScriptSegment, {
        minItems: 1,
        maxItems: 200,
        description: "The lines; `order` must run 1, 2, 3… and at least one must be the learner's.",
      }),
      culturalNotes: Type.Optional(Notes('A note on customs.', 'Say いただきます before eating.')),
      vocabularyFocus: Type.Optional(Notes('A word or phrase practised.', 'ください')),
      category: Slug('A broad group.', 'daily_life'),
      tags: Type.Optional(
        Type.Array(Slug('A tag.', 'food'), {
          maxItems: 20,
          uniqueItems: true,
          description: 'Tags to filter by.',
        }),
      ),
      specialization: Type.Optional(Slug('A field.', 'business')),
    },
    { additionalProperties: false },
  ),
  {
    description: "A learner's own script: private to them.",
    example: {
      title: 'Ordering ramen',
      languagePair: { native: 'en', target: 'ja' },
      scenario: 'restaurant',
      difficultyLevel: 2,
      segments: [
        { order: 1, speaker: 'ai', text: 'いらっしゃいませ。', alternatives: [] },
        {
          order: 2,
          speaker: 'user',
          text: 'ラーメンをください。',
          alternatives: ['ラーメンをお願いします。'],
        },
      ],
      category: 'daily_life',
      tags: ['food'],
    },
  },
);

export const list = defineOperation({
  operationId: 'speak.scripts.list',
  method: 'GET',
  path: '/v1/speak/scripts',
  tag: 'speak',
  summary: 'List scripts, newest first',
  description:
    "The public catalogue, plus the caller's own scripts when signed in. Filters combine with AND; `tag` matches scripts carrying that tag.",
  auth: { scope: 'speak:read', optional: true },
  query: PageQuery({
    nativeLanguage: Type.Optional(LanguageCode('Only scripts for learners of this native language.', 'ja')),
    targetLanguage: Type.Optional(LanguageCode('Only scripts practising this language.', 'en')),
    scenario: Type.Optional(Slug('Only this scenario.', 'restaurant')),
    category: Type.Optional(Slug('Only this category.', 'travel')),
    tag: Type.Optional(Slug('Only scripts with this tag.', 'food')),
    specialization: Type.Optional(Slug('Only this specialization.', 'business')),
    minDifficulty: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, description: 'Difficulty at least.', examples: [1] }),
    ),
    maxDifficulty: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, description: 'Difficulty at most.', examples: [5] }),
    ),
    premium: Type.Optional(
      StringEnum(['true', 'false'], {
        description: 'Only premium (`true`) or only free (`false`) scripts.',
        examples: ['false'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of scripts.', schema: ScriptList },
});

export const get = defineOperation({
  operationId: 'speak.scripts.get',
  method: 'GET',
  path: '/v1/speak/scripts/{id}',
  tag: 'speak',
  summary: 'Get a script',
  description: "A catalogue script, or one of the caller's own; another learner's private script is 404.",
  auth: { scope: 'speak:read', optional: true },
  params: IdParams('script', scriptExample.id),
  success: { status: 200, description: 'The script.', schema: Script },
  errors: [404],
});

export const create = defineOperation({
  operationId: 'speak.scripts.create',
  method: 'POST',
  path: '/v1/speak/scripts',
  tag: 'speak',
  summary: 'Write a private script',
  description: 'Only the caller sees it and can start conversations with it.',
  auth: { scope: 'speak:write' },
  body: NewScript,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The script.', schema: Script },
});

export const remove = defineOperation({
  operationId: 'speak.scripts.delete',
  method: 'DELETE',
  path: '/v1/speak/scripts/{id}',
  tag: 'speak',
  summary: 'Delete one of your scripts',
  description:
    'Conversations that used it keep their history and lose the link. Catalogue scripts cannot be deleted (404).',
  auth: { scope: 'speak:write' },
  params: IdParams('script', scriptExample.id),
  audited: true,
  success: { status: 204, description: 'Deleted.' },
  errors: [404],
});
