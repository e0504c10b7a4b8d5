import Type from 'typebox';
import { Job } from '../kernel/jobs.ts';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import {
  AspectRatio,
  DefaultedAspectRatio,
  DefaultedResolution,
  Expression,
  Line,
  Resolution,
} from './vocabulary.ts';

export const GenerationRequest = named(
  'GenerationRequest',
  Type.Object(
    {
      expressions: Type.Array(Expression, {
        minItems: 1,
        maxItems: 6,
        uniqueItems: true,
        description: 'The expressions to draw, one image each.',
      }),
      customPrompt: Type.Optional(
        Line(
          500,
          'Describes the `custom` expression, e.g. `wink and smile`; required with it, refused without it.',
        ),
      ),
      resolution: DefaultedResolution,
      aspectRatio: DefaultedAspectRatio,
    },
    {
      additionalProperties: false,
      // `custom` is drawn from `customPrompt`: one without the other is a mistake, not something to ignore.
      // `maxItems` first: an over-long array fails the `if` at once instead of being searched for `custom`.
      if: {
        properties: {
          expressions: { description: 'Includes `custom`.', maxItems: 6, contains: { const: 'custom' } },
        },
        required: ['expressions'],
      },
      // The branches restate what they constrain (`customPrompt: true`) and leave the other properties
      // to the object (`additionalProperties: true`): schema linters read a branch on its own, as a
      // closed object that would refuse `expressions`. Validation is the same either way.
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `if`/`then`/`else`, not a thenable.
      then: { properties: { customPrompt: true }, required: ['customPrompt'], additionalProperties: true },
      else: { properties: { customPrompt: false }, additionalProperties: true },
    },
  ),
  {
    description: 'A batch of expressions of one character. One batch costs one credit, whatever its size.',
    example: {
      expressions: ['neutral', 'happy', 'angry', 'sad', 'surprised'],
      resolution: '2K',
      aspectRatio: '1:1',
    },
  },
);

const generationExample = {
  id: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  characterId: '3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31',
  jobId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  expressions: ['neutral', 'happy', 'angry', 'sad', 'surprised'] as (
    | 'neutral'
    | 'happy'
    | 'angry'
    | 'sad'
    | 'surprised'
  )[],
  customPrompt: null,
  resolution: '2K' as const,
  aspectRatio: '1:1' as const,
  totalDifferences: 5,
  completed: 0,
  status: 'pending' as const,
  errorMessage: null,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  completedAt: null,
};

export const Generation = named(
  'Generation',
  Type.Object({
    id: Type.String({
      format: 'uuid',
      description: 'The batch id; differences of the batch carry it as `batchId`.',
    }),
    characterId: Id('The id of the character the batch draws.'),
    jobId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'Follow progress at `/v1/jobs/{jobId}`; null once the finished job is pruned.',
    }),
    expressions: Type.Array(Expression, { description: 'The expressions the batch draws, one image each.' }),
    customPrompt: Type.Union([Type.String(), Type.Null()], {
      description: 'The description of the `custom` expression; null when the batch has none.',
    }),
    resolution: Resolution,
    aspectRatio: AspectRatio,
    totalDifferences: Type.Integer({
      minimum: 1,
      description: 'Images the batch draws, one per expression.',
    }),
    completed: Type.Integer({
      minimum: 0,
      description: 'Differences drawn so far; never above `totalDifferences`.',
    }),
    status: StringEnum(
      ['pending', 'processing', 'completed', 'failed', 'canceled'],
      {
        description: "Follows its job; a final status is set in the same transaction as the job's own.",
      },
      {
        pending: 'Its job is queued.',
        processing: 'Its job runs; `completed` counts the differences drawn so far.',
        completed: 'Every difference is drawn. Final.',
        failed: 'Its job failed; the credit is refunded. Final.',
        canceled: 'Its job was canceled; the credit is refunded. Final.',
      },
    ),
    errorMessage: Type.Union([Type.String(), Type.Null()], {
      description: "Why the batch failed (its job's error message); null unless `status` is `failed`.",
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    completedAt: Type.Union([Timestamp, Type.Null()], {
      description: 'When the batch completed; null before, and for a batch that failed or was canceled.',
    }),
  }),
  {
    description:
      'A generation batch: the expressions one request asked for, drawn by one job for one credit.',
    example: generationExample,
  },
);

export const GenerationAccepted = named(
  'GenerationAccepted',
  Type.Object({
    batchId: Type.String({
      format: 'uuid',
      description: 'The batch; its differences carry it as `batchId`.',
    }),
    job: Job,
    generation: Generation,
  }),
  {
    description:
      'A generation batch was queued and one credit spent. Follow `job` (`/v1/jobs/{id}`, or its `/events` stream); ' +
      "when it succeeds, the images are the character's differences with this `batchId`.",
    example: {
      batchId: generationExample.id,
      job: {
        id: generationExample.jobId,
        type: 'studio.generate',
        status: 'queued',
        progress: 0,
        result: null,
        error: null,
        createdAt: generationExample.createdAt,
        updatedAt: generationExample.createdAt,
        finishedAt: null,
      },
      generation: generationExample,
    },
  },
);

export const GenerationList = Page('GenerationList', Generation, generationExample);

export const GenerationListQuery = PageQuery({});

export const create = defineOperation({
  operationId: 'studio.generations.create',
  method: 'POST',
  path: '/v1/studio/characters/{id}/generations',
  tag: 'studio',
  summary: 'Generate expressions of a character',
  description:
    'Queues one image per expression and spends one credit for the batch, whatever its size, ' +
    'reported in `Yorozu-Quota-Remaining` and `Yorozu-Quota-Reset`. Out of credits: 402 `quota_exceeded` with the reset date. ' +
    'A batch that fails gives its credit back. Send an `Idempotency-Key` to retry safely.',
  auth: { scope: 'studio:write' },
  params: IdParams('character', generationExample.characterId),
  body: GenerationRequest,
  idempotent: true,
  audited: true,
  success: { status: 202, description: 'Queued: follow the job.', schema: GenerationAccepted },
  metered: { product: 'studio', metric: 'credits' },
});

export const get = defineOperation({
  operationId: 'studio.generations.get',
  method: 'GET',
  path: '/v1/studio/generations/{id}',
  tag: 'studio',
  summary: 'Get a generation batch',
  description:
    "A batch by its id (the 202's `batchId`): its status, how many of its expressions are drawn, and its job.",
  auth: { scope: 'studio:read' },
  params: IdParams('generation batch', generationExample.id),
  success: { status: 200, description: 'The batch.', schema: Generation },
});

export const list = defineOperation({
  operationId: 'studio.generations.list',
  method: 'GET',
  path: '/v1/studio/characters/{id}/generations',
  tag: 'studio',
  summary: "List a character's generation batches, newest first",
  description:
    'Every batch of the character, newest first, whatever its status; keyset pages (see Pagination).',
  auth: { scope: 'studio:read' },
  params: IdParams('character', generationExample.characterId),
  query: GenerationListQuery,
  success: { status: 200, description: 'A page of batches.', schema: GenerationList },
});
