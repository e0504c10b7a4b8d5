/**
 * Artworks: drafts, publication and the owner's edits (docs/products/nex.md, Artworks). An
 * artwork the caller may not see answers 404 exactly like one that does not exist.
 */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../kernel/errors.ts';
import type { FileStore } from '../../kernel/files/index.ts';
import {
  type ArtworkFields,
  archiveArtwork,
  deleteArtwork,
  findArtwork,
  findCategoryId,
  findOwnArtworkFields,
  insertArtwork,
  publishArtwork,
  replaceTags,
  tagIds,
  updateArtwork,
} from './artwork-queries.ts';
import { findCreatorOf } from './creator-queries.ts';
import { normaliseTag, searchColumns } from './fold.ts';
import { storePreview } from './preview.ts';

type CreateRequest = Static<typeof nex.artworks.CreateArtworkRequest>;
type UpdateRequest = Static<typeof nex.artworks.UpdateArtworkRequest>;

const noArtwork = () => notFound('artwork');

async function categoryIdOf(db: DatabaseTransactionConnection, slug: string) {
  const id = await findCategoryId(db, slug);
  if (!id) throw validationFailed('/body/category', 'is not a category (GET /v1/nex/categories)');
  return id;
}

async function checkFile(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  fileId: string,
) {
  if (!(await files.findOwn(db, accountId, fileId))) {
    throw validationFailed('/body/fileId', 'is not a file of this account');
  }
}

function checkFree(isFree: boolean | undefined, priceAmount: number) {
  if (isFree !== undefined && isFree !== (priceAmount === 0)) {
    throw validationFailed('/body/isFree', 'must be true exactly when priceAmount is 0');
  }
}

/** Distinct normalised tags, in the order given. */
function normaliseTags(tags: readonly string[]) {
  return [...new Set(tags.map(normaliseTag))];
}

async function saveTags(
  db: DatabaseTransactionConnection,
  accountId: string,
  artworkId: string,
  tags: string[],
) {
  await replaceTags(db, accountId, artworkId, await tagIds(db, tags));
}

async function readBack(db: DatabaseTransactionConnection, id: string) {
  const artwork = await findArtwork(db, id);
  if (!artwork) throw noArtwork();
  return artwork;
}

export async function createArtwork(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  request: CreateRequest,
) {
  if (!(await findCreatorOf(db, accountId))) {
    throw new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');
  }
  const priceAmount = request.priceAmount ?? 0;
  checkFree(request.isFree, priceAmount);
  await checkFile(db, files, accountId, request.fileId);
  const tags = normaliseTags(request.tags ?? []);
  const description = request.description ?? '';
  const id = await insertArtwork(db, accountId, {
    title: request.title,
    description,
    categoryId: await categoryIdOf(db, request.category),
    fileId: request.fileId,
    previewFileId: await storePreview(db, files, accountId, request.fileId),
    priceAmount,
    currency: request.currency ?? 'JPY',
    licenseType: request.licenseType ?? null,
    isAdultContent: request.isAdultContent ?? false,
    ...searchColumns(request.title, description, tags),
  });
  await saveTags(db, accountId, id, tags);
  return readBack(db, id);
}

export async function getArtwork(db: DatabaseTransactionConnection, id: string) {
  return readBack(db, id);
}

export async function changeArtwork(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  id: string,
  changes: UpdateRequest,
) {
  const stored = await findOwnArtworkFields(db, accountId, id);
  if (!stored) throw noArtwork();
  const current = await readBack(db, id);
  const priceAmount = changes.priceAmount ?? stored.priceAmount;
  checkFree(changes.isFree, priceAmount);
  if (changes.fileId) await checkFile(db, files, accountId, changes.fileId);
  const tags = changes.tags ? normaliseTags(changes.tags) : current.tags;
  const title = changes.title ?? stored.title;
  const description = changes.description ?? stored.description;
  const fields: ArtworkFields = {
    title,
    description,
    categoryId: changes.category ? await categoryIdOf(db, changes.category) : stored.categoryId,
    fileId: changes.fileId ?? stored.fileId,
    // New media, a new preview; the old preview stays a private file of the owner.
    previewFileId:
      changes.fileId && changes.fileId !== stored.fileId
        ? await storePreview(db, files, accountId, changes.fileId)
        : stored.previewFileId,
    priceAmount,
    currency: changes.currency ?? stored.currency,
    licenseType: changes.licenseType === undefined ? stored.licenseType : changes.licenseType,
    isAdultContent: changes.isAdultContent ?? stored.isAdultContent,
    ...searchColumns(title, description, tags),
  };
  if (!(await updateArtwork(db, accountId, id, fields))) throw noArtwork();
  if (changes.tags) await saveTags(db, accountId, id, tags);
  return readBack(db, id);
}

export async function removeArtwork(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await deleteArtwork(db, accountId, id))) throw noArtwork();
}

export async function publish(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (await publishArtwork(db, accountId, id)) return readBack(db, id);
  if (await findOwnArtworkFields(db, accountId, id)) {
    throw new DomainError('conflict', 'The artwork has no media file: set fileId before publishing.');
  }
  throw noArtwork();
}

export async function archive(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (await archiveArtwork(db, accountId, id)) return readBack(db, id);
  if (await findOwnArtworkFields(db, accountId, id)) {
    throw new DomainError('conflict', 'A draft cannot be archived: delete it, or publish it first.');
  }
  throw noArtwork();
}
