/**
 * Learning progress, achievements and usage (docs/products/speak.md): what ending conversations
 * and spending microphone time accumulate.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { LanguageCode } from './common.ts';

const Level = (description: string) =>
  Type.Number({ minimum: 0, maximum: 100, description: `${description} 0–100, a heuristic (docs: Scores).` });

const progressExample = {
  languageCode: 'en',
  speakingLevel: 81.2,
  listeningLevel: 74,
  vocabularySize: 180,
  grammarAccuracy: 88.5,
  pronunciationAccuracy: 90.1,
  fluencyScore: 72.4,
  studyMinutes: 95,
  consecutiveDays: 4,
  lastStudyDate: '2026-11-30',
  weeklyGoalMinutes: 210,
  weeklyAchievedMinutes: 64,
  weekStart: '2026-11-30',
  topicMastery: { cafe: 0.9, hotel: 0.7 },
  updatedAt: '2026-11-30T12:06:00.000Z',
};

export const Progress = named(
  'SpeakProgress',
  Type.Object({
    languageCode: LanguageCode('The language.'),
    speakingLevel: Level('Mean overall score of the last 30 days.'),
    listeningLevel: Level('Mean script adherence of the last 30 days (following the partner).'),
    vocabularySize: Type.Integer({ minimum: 0, description: 'Different words used in the language.' }),
    grammarAccuracy: Level('Mean accuracy score of the last 30 days.'),
    pronunciationAccuracy: Level('Mean pronunciation score of the last 30 days.'),
    fluencyScore: Level('Mean fluency score of the last 30 days.'),
    studyMinutes: Type.Integer({ minimum: 0, description: 'Minutes of ended conversations (rounded down).' }),
    consecutiveDays: Type.Integer({
      minimum: 0,
      description: "Days in a row with an ended conversation, in the learner's timezone.",
    }),
    lastStudyDate: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      description: 'The last such day.',
    }),
    weeklyGoalMinutes: Type.Integer({ minimum: 1, description: 'The goal for a week (210 by default).' }),
    weeklyAchievedMinutes: Type.Integer({
      minimum: 0,
      description: 'Minutes in the week starting `weekStart`.',
    }),
    weekStart: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
      description: "The Monday of the current week, in the learner's timezone.",
    }),
    topicMastery: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 }), {
      description: 'Per scenario: the best script adherence reached (0–1).',
    }),
    updatedAt: Timestamp,
  }),
  { description: 'Progress in one language.', example: progressExample },
);

export const ProgressList = Page('SpeakProgressList', Progress, progressExample);

export const list = defineOperation({
  operationId: 'speak.progress.list',
  method: 'GET',
  path: '/v1/speak/progress',
  tag: 'speak',
  summary: 'List progress per language, newest first',
  description: 'One entry per language with an ended conversation.',
  auth: { scope: 'speak:read' },
  query: PageQuery({ language: Type.Optional(LanguageCode('Only this language.')) }),
  success: { status: 200, description: 'A page of progress.', schema: ProgressList },
});

const achievementExample = {
  code: 'FIRST_CONV',
  name: { en: 'First Conversation', ja: '初めての会話' },
  description: { en: 'Complete your first conversation.', ja: '初めての会話を完了する。' },
  criteria: { conversations: 1 },
  category: 'milestone',
  tier: 'bronze' as const,
  progress: 100,
  earned: true,
  earnedAt: '2026-11-30T12:06:00.000Z',
};

const Localized = (description: string) =>
  Type.Record(Type.String(), Type.String(), {
    description: `${description} By language code (\`en\`, \`ja\`).`,
  });

export const Achievement = named(
  'SpeakAchievement',
  Type.Object({
    code: Type.String({
      description: 'Stable code, e.g. `FIRST_CONV`, `STREAK_7`, `MINUTES_60`, `WORDS_100`.',
    }),
    name: Localized('The name.'),
    description: Localized('What earns it.'),
    criteria: Type.Record(Type.String(), Type.Integer(), {
      description: 'The threshold, e.g. `{ "streakDays": 7 }`.',
    }),
    category: Type.String({ description: '`milestone`, `streak`, `time` or `vocabulary`.' }),
    tier: StringEnum(['bronze', 'silver', 'gold', 'platinum'], { description: 'How hard it is.' }),
    progress: Type.Number({ minimum: 0, maximum: 100, description: 'Percent of the threshold reached.' }),
    earned: Type.Boolean({ description: 'Whether it is earned.' }),
    earnedAt: Type.Union([Timestamp, Type.Null()], { description: 'When; null until earned.' }),
  }),
  { description: 'An achievement and where the learner stands on it.', example: achievementExample },
);

export const AchievementList = named(
  'SpeakAchievementList',
  Type.Object({ data: Type.Array(Achievement, { description: 'Every achievement, in display order.' }) }),
  {
    description: "Every achievement with the learner's progress (a short fixed list: not paginated).",
    example: { data: [achievementExample] },
  },
);

export const listAchievements = defineOperation({
  operationId: 'speak.achievements.list',
  method: 'GET',
  path: '/v1/speak/achievements',
  tag: 'speak',
  summary: "List achievements with the learner's progress",
  description: 'Checked and earned when conversations end; each is earned once.',
  auth: { scope: 'speak:read' },
  query: Type.Object(
    {
      earned: Type.Optional(
        StringEnum(['true', 'false'], {
          description: 'Only earned (`true`) or not yet earned (`false`) ones.',
          examples: ['true'],
        }),
      ),
    },
    { additionalProperties: false },
  ),
  success: { status: 200, description: 'The achievements.', schema: AchievementList },
});

const usageExample = {
  period: '2026-11-30T12:00:00.000Z',
  microphoneSeconds: 95,
  conversations: 2,
  messages: 9,
  languageBreakdown: { en: 95 },
  featureUsage: { audio_turn: 5, text_turn: 4, script_conversation: 1 },
};

export const UsagePeriod = named(
  'SpeakUsagePeriod',
  Type.Object({
    period: Type.String({ format: 'date-time', description: 'The start of the hour or UTC day.' }),
    microphoneSeconds: Type.Integer({ minimum: 0, description: 'Measured audio spent from the quota.' }),
    conversations: Type.Integer({ minimum: 0, description: 'Conversations started.' }),
    messages: Type.Integer({ minimum: 0, description: 'Learner turns sent.' }),
    languageBreakdown: Type.Record(Type.String(), Type.Integer(), {
      description: 'Microphone seconds per language code.',
    }),
    featureUsage: Type.Record(Type.String(), Type.Integer(), {
      description: 'Uses per feature: `audio_turn`, `text_turn`, `script_conversation`, `free_conversation`.',
    }),
  }),
  { description: 'Usage in one hour or day.', example: usageExample },
);

export const UsageList = named(
  'SpeakUsageList',
  Type.Object({
    data: Type.Array(UsagePeriod, { description: 'Periods with activity, newest first.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    }),
    microphone: named(
      'SpeakMicrophoneQuota',
      Type.Object({
        plan: Type.String({ description: 'The speak plan.' }),
        limitMinutes: Type.Union([Type.Integer(), Type.Null()], {
          description: "The month's minutes; null when unlimited.",
        }),
        usedMinutes: Type.Number({ description: 'Minutes used this month, to one decimal (seconds ÷ 60).' }),
        usedSeconds: Type.Integer({ minimum: 0, description: 'Seconds used this month: what is metered.' }),
        remainingSeconds: Type.Union([Type.Integer(), Type.Null()], {
          description: 'Seconds left; null when unlimited.',
        }),
        resetsAt: Timestamp,
      }),
      {
        description: 'The monthly microphone quota, in minutes as sold and in the seconds metered.',
        example: {
          plan: 'free',
          limitMinutes: 60,
          usedMinutes: 1.6,
          usedSeconds: 95,
          remainingSeconds: 3505,
          resetsAt: '2026-12-01T00:00:00.000Z',
        },
      },
    ),
  }),
  {
    description: 'A page of usage periods, and the microphone quota now.',
    example: {
      data: [usageExample],
      nextCursor: null,
      microphone: {
        plan: 'free',
        limitMinutes: 60,
        usedMinutes: 1.6,
        usedSeconds: 95,
        remainingSeconds: 3505,
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    },
  },
);

export const listUsage = defineOperation({
  operationId: 'speak.usage.list',
  method: 'GET',
  path: '/v1/speak/usage',
  tag: 'speak',
  summary: 'List microphone and conversation usage per hour or day',
  description:
    'Hourly rows are written in the transaction that spends the microphone quota, so they agree with the ledger (`GET /v1/usage/ledger`). ' +
    '`granularity=day` sums them per UTC day.',
  auth: { scope: 'speak:read' },
  query: PageQuery({
    granularity: Type.Optional(
      StringEnum(['hour', 'day'], { description: '`hour` (default) or `day`.', examples: ['day'] }),
    ),
    from: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Periods starting at or after.',
        examples: ['2026-11-01T00:00:00Z'],
      }),
    ),
    to: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Periods starting before.',
        examples: ['2026-12-01T00:00:00Z'],
      }),
    ),
  }),
  success: { status: 200, description: 'A page of periods.', schema: UsageList },
});
