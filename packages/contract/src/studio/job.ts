/** What a `studio.generate` job produces: the batch it drew, whose differences are now listed. */
import Type from 'typebox';
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
