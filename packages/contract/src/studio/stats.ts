import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named } from '../schema.ts';

export const Stats = named(
  'StudioStats',
  Type.Object({
    totalCharacters: Type.Integer({ minimum: 0, description: 'Characters the account has.' }),
    totalDifferences: Type.Integer({
      minimum: 0,
      description: 'Differences (generated expressions) of all of them.',
    }),
    averageConsistency: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
      description: 'Mean consistency score of every difference; null before the first one.',
    }),
  }),
  {
    description: "The account's studio totals: characters, generated expressions and their mean consistency.",
    example: { totalCharacters: 3, totalDifferences: 15, averageConsistency: 95.42 },
  },
);

export const get = defineOperation({
  operationId: 'studio.stats.get',
  method: 'GET',
  path: '/v1/studio/stats',
  tag: 'studio',
  summary: 'Get studio totals',
  description: 'Counts and the mean consistency score across every character of the account, always current.',
  auth: { scope: 'studio:read' },
  success: { status: 200, description: 'Totals across every character.', schema: Stats },
});
