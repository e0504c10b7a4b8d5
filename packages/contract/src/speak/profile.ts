/**
 * The learner profile (docs/products/speak.md, Profile): languages, timezone and preferences of
 * the calling account. Private to its owner; the kernel's public profile is separate.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, StringEnum, Timestamp } from '../schema.ts';
import { LANGUAGE_CODE_PATTERN, LanguageCode, LanguagePair, ProficiencyLevel } from './common.ts';

const LEARNING_STYLES = ['visual', 'auditory', 'kinesthetic'] as const;

const ClockTime = (description: string, example: string) =>
  Type.String({
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: `${description} \`HH:MM\`.`,
    examples: [example],
  });

export const LearningTime = named(
  'SpeakLearningTime',
  Type.Object(
    { start: ClockTime("From, in the learner's timezone.", '09:00'), end: ClockTime('Until.', '10:00') },
    { additionalProperties: false },
  ),
  {
    description: 'When the learner prefers to study, in their timezone.',
    example: { start: '09:00', end: '10:00' },
  },
);

export const SpeakPreferences = named(
  'SpeakPreferences',
  Type.Object(
    {
      notifications: Type.Boolean({ description: 'Reminders to practise.' }),
      emailUpdates: Type.Boolean({ description: 'Progress summaries by email.' }),
      showPronunciationGuide: Type.Boolean({ description: 'Show pronunciation hints beside replies.' }),
      autoPlayResponses: Type.Boolean({
        description: "Play the partner's voice reply as soon as it is ready.",
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'How the learner wants the app to behave.',
    example: {
      notifications: true,
      emailUpdates: false,
      showPronunciationGuide: true,
      autoPlayResponses: true,
    },
  },
);

const ProficiencyLevels = Type.Record(Type.String({ pattern: LANGUAGE_CODE_PATTERN }), ProficiencyLevel, {
  maxProperties: 20,
  additionalProperties: false,
  description: 'Proficiency per language code.',
});

const profileExample = {
  nativeLanguage: 'ja',
  targetLanguages: ['en', 'es'],
  currentLanguagePair: { native: 'ja', target: 'en' },
  proficiencyLevels: { en: 'intermediate' as const, es: 'beginner' as const },
  timezone: 'Asia/Tokyo',
  preferredLearningTime: { start: '21:00', end: '22:00' },
  learningStyle: 'auditory' as const,
  preferences: {
    notifications: true,
    emailUpdates: false,
    showPronunciationGuide: true,
    autoPlayResponses: true,
  },
  lastActiveAt: '2026-11-30T12:00:00.000Z',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-30T12:00:00.000Z',
};

const profileFields = {
  nativeLanguage: LanguageCode('The language the learner speaks natively.', 'ja'),
  targetLanguages: Type.Array(LanguageCode('A language being learned.'), {
    maxItems: 10,
    uniqueItems: true,
    description: 'The languages the learner studies.',
  }),
  currentLanguagePair: Type.Union([LanguagePair, Type.Null()], {
    description: 'The pair new conversations use when they name none; null until chosen.',
  }),
  proficiencyLevels: ProficiencyLevels,
  timezone: Type.String({
    minLength: 1,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_+\\-/]+$',
    description: 'An IANA time zone (`Asia/Tokyo`): study days and streaks are counted in it.',
    examples: ['Asia/Tokyo'],
  }),
  preferredLearningTime: Type.Union([LearningTime, Type.Null()], {
    description: 'When the learner likes to study.',
  }),
  learningStyle: Type.Union(
    [StringEnum([...LEARNING_STYLES], { description: 'visual, auditory or kinesthetic.' }), Type.Null()],
    { description: 'How the learner learns best.' },
  ),
  preferences: SpeakPreferences,
};

export const SpeakProfile = named(
  'SpeakProfile',
  Type.Object({
    ...profileFields,
    lastActiveAt: Type.String({
      format: 'date-time',
      description: 'The last time the learner did anything in speak.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: "The calling account's learner profile.", example: profileExample },
);

const { lastActiveAt: _l, createdAt: _c, updatedAt: _u, ...requestExample } = profileExample;

export const SpeakProfileRequest = named(
  'SpeakProfileRequest',
  Type.Object(
    {
      nativeLanguage: profileFields.nativeLanguage,
      targetLanguages: Type.Optional(profileFields.targetLanguages),
      currentLanguagePair: Type.Optional(profileFields.currentLanguagePair),
      proficiencyLevels: Type.Optional(profileFields.proficiencyLevels),
      timezone: Type.Optional(profileFields.timezone),
      preferredLearningTime: Type.Optional(profileFields.preferredLearningTime),
      learningStyle: Type.Optional(profileFields.learningStyle),
      preferences: Type.Optional(profileFields.preferences),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'The whole profile: fields left out take their defaults (no target languages, no current pair, `UTC`, every preference on except email updates).',
    example: requestExample,
  },
);

export const get = defineOperation({
  operationId: 'speak.profile.get',
  method: 'GET',
  path: '/v1/speak/profile',
  tag: 'speak',
  summary: "Get the caller's learner profile",
  description: '404 until the learner has created it with `PUT /v1/speak/profile`.',
  auth: { scope: 'speak:read' },
  success: { status: 200, description: 'The profile.', schema: SpeakProfile },
  errors: [404],
});

export const update = defineOperation({
  operationId: 'speak.profile.update',
  method: 'PUT',
  path: '/v1/speak/profile',
  tag: 'speak',
  summary: "Create or replace the caller's learner profile",
  description:
    'Language codes are BCP 47 tags; the timezone must be an IANA zone this server knows (400 otherwise). ' +
    'The current pair must be native → one of the target languages.',
  auth: { scope: 'speak:write' },
  body: SpeakProfileRequest,
  audited: true,
  success: { status: 200, description: 'The profile as stored.', schema: SpeakProfile },
});
