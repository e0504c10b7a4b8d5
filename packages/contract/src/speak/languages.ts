/**
 * Language settings (docs/products/speak.md, Language settings): one per (account, language),
 * with the learner's goals, voice and speech rate, and running totals the service keeps.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { LANGUAGE_CODE_PATTERN, LanguageCode, ProficiencyLevel, Text } from './common.ts';

/** eSpeak NG voices the built-in synthesizer speaks (docs/products/speak.md, Voice). */
export const SPEAK_VOICES = [
  'en-us',
  'en-gb',
  'ja',
  'es',
  'es-419',
  'fr-fr',
  'de',
  'it',
  'ko',
  'cmn',
  'pt-br',
  'pt',
  'nl',
  'ru',
  'vi',
] as const;

const settingExample = {
  languageCode: 'en',
  proficiencyLevel: 'intermediate' as const,
  learningGoals: ['business meetings', 'travel'],
  dailyTargetMinutes: 30,
  preferredVoice: 'en-us' as const,
  speechRate: 1.0,
  totalLearningMinutes: 42,
  totalConversations: 7,
  vocabularyMastered: 180,
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-30T12:00:00.000Z',
};

const Voice = StringEnum([...SPEAK_VOICES], {
  description: `An eSpeak NG voice: ${SPEAK_VOICES.map((v) => `\`${v}\``).join(', ')}.`,
  examples: ['en-us'],
});

const editable = {
  proficiencyLevel: ProficiencyLevel,
  learningGoals: Type.Array(Text(200, "One goal, in the learner's words.", 'travel'), {
    maxItems: 20,
    description: 'What the learner wants the language for.',
  }),
  dailyTargetMinutes: Type.Integer({
    minimum: 1,
    maximum: 1440,
    description: 'Minutes a day the learner aims for.',
    examples: [30],
  }),
  preferredVoice: Type.Union([Voice, Type.Null()], {
    description: "The partner's voice; null: the language's default voice.",
  }),
  speechRate: Type.Number({
    minimum: 0.5,
    maximum: 2.0,
    description:
      "How fast the partner's voice speaks, 0.5 to 2.0, kept to one decimal (1.0 = 175 words a minute).",
    examples: [1.0],
  }),
};

export const LanguageSetting = named(
  'SpeakLanguageSetting',
  Type.Object({
    languageCode: LanguageCode('The language these settings are for.'),
    ...editable,
    totalLearningMinutes: Type.Integer({
      minimum: 0,
      description: 'Minutes of ended conversations in this language (whole minutes, rounded down).',
    }),
    totalConversations: Type.Integer({ minimum: 0, description: 'Ended conversations in this language.' }),
    vocabularyMastered: Type.Integer({
      minimum: 0,
      description: 'Different words the learner has used in this language.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: "The learner's settings and totals for one language.", example: settingExample },
);

export const LanguageSettingRequest = named(
  'SpeakLanguageSettingRequest',
  Type.Object(
    {
      proficiencyLevel: editable.proficiencyLevel,
      learningGoals: Type.Optional(editable.learningGoals),
      dailyTargetMinutes: Type.Optional(editable.dailyTargetMinutes),
      preferredVoice: Type.Optional(editable.preferredVoice),
      speechRate: Type.Optional(editable.speechRate),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'The settings: fields left out take their defaults (no goals, 30 minutes, default voice, rate 1.0). Totals are kept.',
    example: {
      proficiencyLevel: 'intermediate',
      learningGoals: ['travel'],
      dailyTargetMinutes: 30,
      preferredVoice: 'en-us',
      speechRate: 1.2,
    },
  },
);

export const LanguageSettingList = Page('SpeakLanguageSettingList', LanguageSetting, settingExample);

const CodeParams = Type.Object(
  {
    code: Type.String({
      pattern: LANGUAGE_CODE_PATTERN,
      maxLength: 35,
      description: 'The language code, e.g. `en`.',
      examples: ['en'],
    }),
  },
  { additionalProperties: false },
);

export const list = defineOperation({
  operationId: 'speak.languages.list',
  method: 'GET',
  path: '/v1/speak/languages',
  tag: 'speak',
  summary: "List the learner's language settings, newest first",
  description: 'One entry per language the learner has set up.',
  auth: { scope: 'speak:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of settings.', schema: LanguageSettingList },
});

export const get = defineOperation({
  operationId: 'speak.languages.get',
  method: 'GET',
  path: '/v1/speak/languages/{code}',
  tag: 'speak',
  summary: 'Get the settings of one language',
  description: '404 when the learner has not set the language up.',
  auth: { scope: 'speak:read' },
  params: CodeParams,
  success: { status: 200, description: 'The settings.', schema: LanguageSetting },
  errors: [404],
});

export const update = defineOperation({
  operationId: 'speak.languages.update',
  method: 'PUT',
  path: '/v1/speak/languages/{code}',
  tag: 'speak',
  summary: 'Create or replace the settings of one language',
  description: "The running totals are the service's and stay as they are.",
  auth: { scope: 'speak:write' },
  params: CodeParams,
  body: LanguageSettingRequest,
  audited: true,
  success: { status: 200, description: 'The settings as stored.', schema: LanguageSetting },
});
