/** What a `stickers.render` job produces: the sticker image it drew and the file holding its bytes. */
import Type from 'typebox';
import { named } from '../schema.ts';

export const STICKERS_RENDER_JOB = 'stickers.render' as const;

export const stickersRenderResultExample = {
  imageId: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a',
  fileId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  imageUrl: '/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
};

export const StickersRenderResult = named(
  'StickersRenderResult',
  Type.Object(
    {
      imageId: Type.String({
        format: 'uuid',
        description: 'The sticker image drawn: `GET /v1/stickers/images/{imageId}`.',
      }),
      fileId: Type.String({ format: 'uuid', description: "The image's bytes: `GET /v1/files/{fileId}`." }),
      imageUrl: Type.String({ description: 'Where to download the image, relative to the API.' }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'The result of a succeeded `stickers.render` job.',
    example: stickersRenderResultExample,
  },
);
