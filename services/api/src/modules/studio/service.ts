/**
 * Character Studio's rules for characters, differences, credits and stats
 * (docs/products/studio.md). Generation batches live in generations.ts, their job in jobs.ts.
 */
import type { studio } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { notFound, validationFailed } from '../../kernel/errors.ts';
import type { FileStore } from '../../kernel/files/index.ts';
import { analyseBaseImage } from './analysis.ts';
import { masterPrompt } from './prompt.ts';
import {
  type CharacterFilters,
  deleteCharacter,
  deleteDifference,
  deleteDifferencesOfCharacter,
  findCharacter,
  findDifference,
  findStats,
  insertCharacter,
  refreshCharacterConsistency,
  renameCharacter,
} from './queries.ts';

type CreateCharacterRequest = Static<typeof studio.characters.CreateCharacterRequest>;
type CharacterListQuery = Static<typeof studio.characters.CharacterListQuery>;
type CreditTransactionListQuery = Static<typeof studio.credits.CreditTransactionListQuery>;

export async function createCharacter(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  request: CreateCharacterRequest,
) {
  // Another account's file is invisible here (RLS), exactly like a missing one.
  const baseImage = await files.get(db, accountId, request.baseImageFileId);
  if (!baseImage) throw validationFailed('/body/baseImageFileId', 'is not a file of this account');
  const features = request.features ?? analyseBaseImage(baseImage.bytes);
  return insertCharacter(db, {
    accountId,
    name: request.name,
    baseImageFileId: baseImage.id,
    artStyle: request.artStyle,
    features,
    masterPrompt: masterPrompt(request.artStyle, features),
  });
}

/**
 * The list's feature filters as one containment document (`features @> …`,
 * docs/products/studio.md), so the GIN index serves them all at once.
 */
export function characterFilters(query: CharacterListQuery): CharacterFilters {
  const hair = {
    ...(query.hairColor === undefined ? {} : { color: query.hairColor }),
    ...(query.hairStyle === undefined ? {} : { style: query.hairStyle }),
  };
  const containing = {
    ...(Object.keys(hair).length > 0 ? { hair } : {}),
    ...(query.eyeColor === undefined ? {} : { eyes: { color: query.eyeColor } }),
    ...(query.bodyType === undefined ? {} : { bodyType: query.bodyType }),
  };
  return {
    artStyle: query.artStyle,
    containing: Object.keys(containing).length > 0 ? containing : undefined,
  };
}

export async function getCharacter(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const character = await findCharacter(db, accountId, id);
  if (!character) throw notFound('character');
  return character;
}

export async function updateCharacter(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  name: string,
) {
  const character = await renameCharacter(db, accountId, id, name);
  if (!character) throw notFound('character');
  return character;
}

/**
 * Deletes a character, its batches and its differences (the design cascades),
 * and the differences' images with them: the file store is not left holding
 * images nothing refers to. The base image stays: the caller uploaded it.
 */
export async function removeCharacter(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  id: string,
) {
  const images = await deleteDifferencesOfCharacter(db, accountId, id);
  if (!(await deleteCharacter(db, accountId, id))) throw notFound('character');
  for (const imageFileId of images) await files.delete(db, accountId, imageFileId);
}

export async function getDifference(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const difference = await findDifference(db, accountId, id);
  if (!difference) throw notFound('difference');
  return difference;
}

/** Deletes a difference and its image. */
export async function removeDifference(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  id: string,
) {
  const deleted = await deleteDifference(db, accountId, id);
  if (!deleted) throw notFound('difference');
  await files.delete(db, accountId, deleted.imageFileId);
  await refreshCharacterConsistency(db, accountId, deleted.characterId);
}

/** `fromMonth`/`toMonth` (YYYY-MM, UTC, both inclusive) as a half-open timestamp range. */
export function monthRange(query: CreditTransactionListQuery): { from: string | null; until: string | null } {
  // Written out rather than through Date: Date.UTC reads years 0–99 as 1900–1999, and the month
  // after 9999-12 is year 10000, which toISOString writes as "+010000" (PostgreSQL takes "10000").
  const startOf = (month: string, plusMonths: number) => {
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const index = year * 12 + monthNumber - 1 + plusMonths;
    const start = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
    return `${start}-01T00:00:00.000Z`;
  };
  if (query.fromMonth !== undefined && query.toMonth !== undefined && query.fromMonth > query.toMonth) {
    throw validationFailed('/query/toMonth', 'must not be before fromMonth');
  }
  return {
    from: query.fromMonth === undefined ? null : startOf(query.fromMonth, 0),
    until: query.toMonth === undefined ? null : startOf(query.toMonth, 1),
  };
}

export async function getStats(db: DatabaseTransactionConnection, accountId: string) {
  return (
    (await findStats(db, accountId)) ?? { totalCharacters: 0, totalDifferences: 0, averageConsistency: null }
  );
}
