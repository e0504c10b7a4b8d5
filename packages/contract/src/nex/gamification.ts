/**
 * EXP, levels and achievements (docs/products/nex.md, EXP, levels and achievements). EXP is earned
 * by actions, within daily caps; levels follow a quadratic curve; achievements complete once.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

const levelExample = { level: 3, minExp: 400 };

export const Level = named(
  'NexLevel',
  Type.Object({
    level: Type.Integer({ minimum: 1, description: 'The level.' }),
    minExp: Type.Integer({
      minimum: 0,
      description: 'Total EXP from which a creator has this level: 100·(level−1)².',
    }),
  }),
  { description: 'One step of the level curve.', example: levelExample },
);

export const LevelList = named(
  'NexLevelList',
  Type.Object({ data: Type.Array(Level, { description: 'Levels 1 to 100, lowest first.' }) }),
  { description: 'The level curve.', example: { data: [levelExample] } },
);

const actionExample = {
  actionType: 'like_received',
  baseExp: 10,
  maxDailyCount: 30,
  description: 'いいね獲得',
};

export const ExpAction = named(
  'NexExpAction',
  Type.Object({
    actionType: Type.String({ description: 'The action, e.g. `like_received`.' }),
    baseExp: Type.Integer({ minimum: 1, description: 'EXP earned each time.' }),
    maxDailyCount: Type.Integer({
      minimum: 0,
      description:
        'How many times a day (UTC) it earns EXP; 0 = no cap. Beyond it, the action is logged with 0 EXP.',
    }),
    description: Type.String({ description: 'What the action is, in Japanese.' }),
  }),
  { description: 'An action that earns EXP.', example: actionExample },
);

export const ExpActionList = named(
  'NexExpActionList',
  Type.Object({ data: Type.Array(ExpAction, { description: 'Every active action.' }) }),
  { description: 'The EXP table.', example: { data: [actionExample] } },
);

const logExample = {
  id: '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
  actionType: 'like_received',
  expGained: 10,
  referenceType: 'artwork',
  referenceId: '6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d',
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const ExpLogEntry = named(
  'NexExpLogEntry',
  Type.Object({
    id: Id("The entry's id."),
    actionType: Type.String({ description: 'The action that earned it.' }),
    expGained: Type.Integer({ minimum: 0, description: 'EXP earned; 0 when the daily cap was reached.' }),
    referenceType: Type.String({
      description: 'What `referenceId` names: `artwork`, `comment` or `check_in`.',
    }),
    referenceId: Type.Union([Id('The resource the action was about.'), Type.Null()], {
      description: 'The resource; null for a check-in.',
    }),
    createdAt: Timestamp,
  }),
  { description: 'One EXP earning of the caller.', example: logExample },
);

export const ExpLog = Page('NexExpLog', ExpLogEntry, logExample);

const achievementExample = {
  code: 'hundred_likes',
  name: '百いいね',
  description: 'Receive 100 likes.',
  category: 'popularity',
  conditionType: 'count' as const,
  conditionValue: 100,
  rarity: 'epic' as const,
  isHidden: false,
  progress: 42,
  completedAt: null,
};

export const Achievement = named(
  'NexAchievement',
  Type.Object({
    code: Type.String({ description: "The achievement's stable key." }),
    name: Type.String({ description: 'Its name, in Japanese.' }),
    description: Type.String({ description: 'What earns it.' }),
    category: Type.String({ description: 'A grouping, e.g. `creation`.' }),
    conditionType: StringEnum(['count', 'amount', 'streak'], {
      description: '`count` of things, an `amount` reached, or a `streak` of consecutive days.',
    }),
    conditionValue: Type.Integer({ minimum: 1, description: 'The count, amount or days needed.' }),
    rarity: StringEnum(['common', 'rare', 'epic', 'legendary'], { description: 'How rare it is.' }),
    isHidden: Type.Boolean({ description: 'Hidden achievements are listed only once earned.' }),
    progress: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: "The caller's progress toward `conditionValue`; null without credentials.",
    }),
    completedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the caller earned it; null if not yet.',
    }),
  }),
  { description: "An achievement, with the caller's progress.", example: achievementExample },
);

export const AchievementList = named(
  'NexAchievementList',
  Type.Object({ data: Type.Array(Achievement, { description: 'The achievements, in display order.' }) }),
  { description: 'The achievements.', example: { data: [achievementExample] } },
);

export const CheckIn = named(
  'NexCheckIn',
  Type.Object({
    streak: Type.Integer({ minimum: 1, description: 'Consecutive UTC days checked in, today included.' }),
    expGained: Type.Integer({
      minimum: 0,
      description: 'EXP earned by this check-in: `daily_login` once a day, else 0.',
    }),
  }),
  { description: "Today's check-in.", example: { streak: 7, expGained: 10 } },
);

export const listLevels = defineOperation({
  operationId: 'nex.levels.list',
  method: 'GET',
  path: '/v1/nex/levels',
  tag: 'nex',
  summary: 'The level curve',
  description: 'Level n needs 100·(n−1)² total EXP: 100 for level 2, 400 for level 3, 8 100 for level 10.',
  auth: 'optional',
  success: { status: 200, description: 'Levels 1 to 100.', schema: LevelList },
});

export const listExpActions = defineOperation({
  operationId: 'nex.expActions.list',
  method: 'GET',
  path: '/v1/nex/exp-actions',
  tag: 'nex',
  summary: 'The actions that earn EXP',
  description: 'Each action with its EXP and daily cap.',
  auth: 'optional',
  success: { status: 200, description: 'The EXP table.', schema: ExpActionList },
});

export const listExpLog = defineOperation({
  operationId: 'nex.expLog.list',
  method: 'GET',
  path: '/v1/nex/exp-log',
  tag: 'nex',
  summary: "The caller's EXP earnings, newest first",
  description: 'One entry per earning, with the resource it was about.',
  auth: { scope: 'nex:read' },
  query: PageQuery(),
  success: { status: 200, description: 'A page of earnings.', schema: ExpLog },
});

export const listAchievements = defineOperation({
  operationId: 'nex.achievements.list',
  method: 'GET',
  path: '/v1/nex/achievements',
  tag: 'nex',
  summary: "Achievements, with the caller's progress",
  description:
    "Anyone may call this; with credentials, each carries the caller's progress. Hidden achievements appear once the caller has earned them.",
  auth: { scope: 'nex:read', optional: true },
  success: { status: 200, description: 'The achievements.', schema: AchievementList },
});

export const checkIn = defineOperation({
  operationId: 'nex.checkIns.create',
  method: 'POST',
  path: '/v1/nex/check-ins',
  tag: 'nex',
  summary: 'Check in for the day',
  description:
    'Earns `daily_login` EXP once per UTC day and extends the streak on consecutive days; checking in again the same day changes nothing. The caller must have joined nex (409).',
  auth: { scope: 'nex:write' },
  audited: true,
  success: { status: 200, description: "Today's check-in.", schema: CheckIn },
  errors: [409],
});
