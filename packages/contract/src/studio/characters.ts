import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { Difference } from './differences.ts';
import { CharacterFeatures, seedFeaturesExample } from './features.ts';
import { ART_STYLE_MEANINGS, ART_STYLES, ArtStyle, Line } from './vocabulary.ts';

const CharacterName = Line(100, 'Shown under the character.');

const characterExample = {
  id: '3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31',
  name: 'ゆあちゃん',
  baseImageFileId: '9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32',
  artStyle: 'illustration' as const,
  features: seedFeaturesExample,
  masterPrompt:
    'An illustration-style character with long pink hair (waist length), round blue eyes, wearing a white dress with ribbon, earrings, slender build.',
  consistencyScore: 95.2,
  averageDifferenceConsistency: 95.9,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
};

export const Character = named(
  'Character',
  Type.Object({
    id: Id("The character's id."),
    name: Type.String({ description: "The character's name." }),
    baseImageFileId: Type.String({
      format: 'uuid',
      description: 'The uploaded base image (`/v1/files/{id}`).',
    }),
    artStyle: ArtStyle,
    features: CharacterFeatures,
    masterPrompt: Type.String({
      description:
        'The prompt derived from the features that keeps every expression consistent (sent with every generation).',
    }),
    consistencyScore: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
      description:
        "The base image's consistency score (0 to 100), measured by the analyser when the character was created " +
        '(e.g. 95.2); null only for characters created before it was measured.',
    }),
    averageDifferenceConsistency: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()], {
      description:
        'Mean consistency score (0 to 100) of its differences; null before the first one is drawn.',
    }),
    differences: Type.Optional(
      Type.Array(Difference, {
        maxItems: 6,
        description:
          'Only with `include=differences` on the list: the newest difference of each expression, by expression name.',
      }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  {
    description: 'A character: a base image, an art style and the features every expression keeps.',
    example: characterExample,
  },
);

export const CharacterList = Page('CharacterList', Character, characterExample);

export const CreateCharacterRequest = named(
  'CreateCharacterRequest',
  Type.Object(
    {
      name: CharacterName,
      baseImageFileId: Type.String({
        format: 'uuid',
        description:
          'An image uploaded with `POST /v1/files` by the same account. Any other id is 400 `validation_failed` ' +
          '(a field of the body, not the resource of the URL).',
      }),
      artStyle: ArtStyle,
      features: Type.Optional(CharacterFeatures),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'A new character. Without `features`, the built-in analyser derives stable ones from the base image bytes.',
    example: {
      name: 'ゆあちゃん',
      baseImageFileId: characterExample.baseImageFileId,
      artStyle: 'illustration',
      features: seedFeaturesExample,
    },
  },
);

export const UpdateCharacterRequest = named(
  'UpdateCharacterRequest',
  Type.Object({ name: CharacterName }, { additionalProperties: false }),
  { description: 'The fields of a character that may change after creation.', example: { name: 'ゆあ' } },
);

const featureFilter = (path: string, example: string) =>
  Type.Optional(Line(60, `Only characters whose \`features.${path}\` is exactly this.`, example));

/** Each feature filter is one key of a JSONB containment (`features @> …`), served by the GIN index. */
export const CharacterListQuery = PageQuery({
  artStyle: Type.Optional(
    StringEnum(
      [...ART_STYLES],
      { description: 'Only characters of this art style.', examples: ['anime'] },
      ART_STYLE_MEANINGS,
    ),
  ),
  hairColor: featureFilter('hair.color', 'pink'),
  hairStyle: featureFilter('hair.style', 'long'),
  hairLength: featureFilter('hair.length', 'waist'),
  eyeColor: featureFilter('eyes.color', 'blue'),
  eyeShape: featureFilter('eyes.shape', 'round'),
  outfitPrimary: featureFilter('outfit.primary', 'white dress'),
  outfitSecondary: featureFilter('outfit.secondary', 'ribbon'),
  accessory: Type.Optional(
    Line(
      60,
      'Only characters wearing this accessory: one of `features.outfit.accessories` or `features.accessories`.',
      'earrings',
    ),
  ),
  skinTone: featureFilter('skinTone', 'fair'),
  bodyType: featureFilter('bodyType', 'slender'),
  include: Type.Optional(
    StringEnum(['differences'], {
      description:
        '`differences` embeds the newest difference of each expression in every character, read in the same query.',
      examples: ['differences'],
    }),
  ),
});

export const create = defineOperation({
  operationId: 'studio.characters.create',
  method: 'POST',
  path: '/v1/studio/characters',
  tag: 'studio',
  summary: 'Create a character',
  description:
    'Derives and stores the master prompt from the features. `baseImageFileId` must name a file of the calling account.',
  auth: { scope: 'studio:write' },
  body: CreateCharacterRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The character.', schema: Character },
});

export const list = defineOperation({
  operationId: 'studio.characters.list',
  method: 'GET',
  path: '/v1/studio/characters',
  tag: 'studio',
  summary: 'List characters, newest first',
  description:
    'Filters combine with AND; feature filters match exact values, each through the GIN index on `features`. ' +
    "`include=differences` adds each character's newest difference per expression (a gallery page in one query).",
  auth: { scope: 'studio:read' },
  query: CharacterListQuery,
  success: { status: 200, description: 'A page of characters.', schema: CharacterList },
});

export const get = defineOperation({
  operationId: 'studio.characters.get',
  method: 'GET',
  path: '/v1/studio/characters/{id}',
  tag: 'studio',
  summary: 'Get a character',
  description:
    'Its features, the master prompt derived from them and the mean consistency of its differences.',
  auth: { scope: 'studio:read' },
  params: IdParams('character', characterExample.id),
  success: { status: 200, description: 'The character.', schema: Character },
});

export const update = defineOperation({
  operationId: 'studio.characters.update',
  method: 'PATCH',
  path: '/v1/studio/characters/{id}',
  tag: 'studio',
  summary: 'Rename a character',
  description:
    'Only the name changes: the features and the master prompt stay, so expressions keep matching.',
  auth: { scope: 'studio:write' },
  params: IdParams('character', characterExample.id),
  body: UpdateCharacterRequest,
  audited: true,
  success: { status: 200, description: 'The updated character.', schema: Character },
});

export const remove = defineOperation({
  operationId: 'studio.characters.delete',
  method: 'DELETE',
  path: '/v1/studio/characters/{id}',
  tag: 'studio',
  summary: 'Delete a character',
  description:
    'Deletes its differences and generation batches too; credit transactions stay, without the character.',
  auth: { scope: 'studio:write' },
  params: IdParams('character', characterExample.id),
  audited: true,
  success: { status: 204, description: 'Deleted.' },
});
