import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { AspectRatio, EXPRESSIONS, Expression, Resolution } from './vocabulary.ts';

const differenceExample = {
  id: '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
  characterId: '3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31',
  batchId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  expression: 'happy' as const,
  customPrompt: null,
  imageFileId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  imageUrl: '/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  consistencyScore: 95.7,
  generationTimeMs: 48,
  resolution: '2K' as const,
  aspectRatio: '1:1' as const,
  createdAt: '2026-11-23T09:00:03.000Z',
};

export const Difference = named(
  'Difference',
  Type.Object({
    id: Id("The difference's id."),
    characterId: Id('The id of the character it is an expression of.'),
    batchId: Id('The id of the generation batch that drew it.'),
    expression: Expression,
    customPrompt: Type.Union([Type.String(), Type.Null()], {
      description: 'The description a `custom` expression was drawn from; null otherwise.',
    }),
    imageFileId: Id('The id of its image file (`GET /v1/files/{imageFileId}`).'),
    imageUrl: Type.String({ description: 'Where to download the image: `/v1/files/{imageFileId}`.' }),
    consistencyScore: Type.Number({
      minimum: 0,
      maximum: 100,
      description: 'How closely the image keeps the base character, 0 to 100.',
    }),
    generationTimeMs: Type.Integer({
      minimum: 0,
      description: 'How long the generator took, in milliseconds.',
    }),
    resolution: Resolution,
    aspectRatio: AspectRatio,
    createdAt: Timestamp,
  }),
  {
    description: 'One generated expression of a character (a "difference" image).',
    example: differenceExample,
  },
);

export const DifferenceList = Page('DifferenceList', Difference, differenceExample);

export const DifferenceListQuery = PageQuery({
  expression: Type.Optional(
    StringEnum([...EXPRESSIONS], {
      description: 'Only differences of this expression.',
      examples: ['happy'],
    }),
  ),
});

export const list = defineOperation({
  operationId: 'studio.differences.list',
  method: 'GET',
  path: '/v1/studio/characters/{id}/differences',
  tag: 'studio',
  summary: "List a character's differences by expression",
  description: 'Ordered by expression name, then newest first within an expression.',
  auth: { scope: 'studio:read' },
  params: IdParams('character', differenceExample.characterId),
  query: DifferenceListQuery,
  success: { status: 200, description: 'A page of differences.', schema: DifferenceList },
});

export const get = defineOperation({
  operationId: 'studio.differences.get',
  method: 'GET',
  path: '/v1/studio/differences/{id}',
  tag: 'studio',
  summary: 'Get a difference',
  description: 'One generated expression: its image, consistency score and how it was drawn.',
  auth: { scope: 'studio:read' },
  params: IdParams('difference', differenceExample.id),
  success: { status: 200, description: 'The difference.', schema: Difference },
});

export const remove = defineOperation({
  operationId: 'studio.differences.delete',
  method: 'DELETE',
  path: '/v1/studio/differences/{id}',
  tag: 'studio',
  summary: 'Delete a difference',
  description: 'Deletes the difference and its image file. The credit it was part of is not refunded.',
  auth: { scope: 'studio:write' },
  params: IdParams('difference', differenceExample.id),
  audited: true,
  success: { status: 204, description: 'Deleted.' },
});
