import { operations } from '@yorozu/contract';
import type { ImageGenerator, StickerRenderInput } from '@yorozu/renderers';
import type { FastifyInstance } from 'fastify';
import { paginate } from '../../kernel/pagination.ts';
import { createSticker } from './create.ts';
import { listImages } from './queries.ts';
import { deleteSticker, getSticker, listUsage } from './service.ts';

export interface StickersOptions {
  /** The generator the render jobs draw with: its name keys the prompt cache. */
  generator: ImageGenerator<StickerRenderInput>;
  /** How long a rendered request is served from the prompt cache (STICKER_CACHE_TTL_DAYS). */
  cacheTtlDays: number;
  /** The most pixels a source image may have (IMAGE_MAX_PIXELS). */
  maxImagePixels: number;
}

export function stickersRoutes(app: FastifyInstance, options: StickersOptions) {
  app.operation(
    operations['stickers.images.create'],
    async ({ db, principal, body, spendAtCommit, useAlternativeSuccess }) => {
      const { body: created, spent } = await createSticker(
        db,
        principal.accountId,
        body,
        {
          files: app.files,
          generatorName: options.generator.name,
          cacheTtlDays: options.cacheTtlDays,
          maxImagePixels: options.maxImagePixels,
        },
        spendAtCommit,
      );
      if (!spent) useAlternativeSuccess();
      return created;
    },
  );
  app.operation(operations['stickers.images.list'], ({ db, principal, query }) =>
    paginate('stickers.images', query, (after, take) =>
      listImages(db, principal.accountId, query, after, take),
    ),
  );
  app.operation(operations['stickers.images.get'], ({ db, principal, params }) =>
    getSticker(db, principal.accountId, params.id),
  );
  app.operation(operations['stickers.images.delete'], ({ db, principal, params }) =>
    deleteSticker(db, app.files, principal.accountId, params.id),
  );
  app.operation(operations['stickers.usage.list'], ({ db, principal, query }) =>
    listUsage(db, principal.accountId, query),
  );
}
