import type { stickers } from '@yorozu/contract';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { notFound, validationFailed } from '../../kernel/errors.ts';
import type { FileStore } from '../../kernel/files/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import { deleteImage, findImage, listUsageDays } from './queries.ts';

export async function getSticker(db: CommonQueryMethods, accountId: string, id: string) {
  const image = await findImage(db, accountId, id);
  if (!image) throw notFound('sticker image');
  return image;
}

/** The image, its cache entry (ON DELETE CASCADE) and its file: each rendered file belongs to one image. */
export async function deleteSticker(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  id: string,
): Promise<void> {
  const fileId = await deleteImage(db, accountId, id);
  if (fileId === null) throw notFound('sticker image');
  await files.delete(db, accountId, fileId);
}

type UsageQuery = Static<typeof stickers.usage.list.query>;

export async function listUsage(db: CommonQueryMethods, accountId: string, query: UsageQuery) {
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw validationFailed('/query/to', 'must not be before `from`');
  }
  const page = await paginate('stickers.usage', query, (after, take) =>
    listUsageDays(db, accountId, query, after, take),
  );
  return { ...page, data: page.data.map(({ id: _id, createdAt: _createdAt, ...day }) => day) };
}
