/** The `studio.generate` job: draws a batch's expressions; its result names the batch it drew. */
import Type from 'typebox';
import { defineJob } from '../job.ts';
import { named } from '../schema.ts';

export const STUDIO_GENERATE_JOB = 'studio.generate' as const;

export const studioGenerateResultExample = {
  batchId: '6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c',
  characterId: '0f1e2d3c-4b5a-4697-8877-665544332211',
};

export const StudioGenerateResult = named(
  'StudioGenerateResult',
  Type.Object(
    {
      batchId: Type.String({ format: 'uuid', description: 'The generation batch the job drew.' }),
      characterId: Type.String({
        format: 'uuid',
        description:
          'The character drawn: its new differences are at `GET /v1/studio/characters/{characterId}/differences`.',
      }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'The result of a succeeded `studio.generate` job.',
    example: studioGenerateResultExample,
  },
);

export const generateJob = defineJob({
  type: STUDIO_GENERATE_JOB,
  // Everything else is read from the batch row when the job runs.
  payload: Type.Object({ batchId: Type.String({ format: 'uuid' }) }),
  result: StudioGenerateResult,
  resultExample: studioGenerateResultExample,
});
