/**
 * Character Studio's rules for characters, differences, credits and stats
 * (docs/products/studio.md). Generation batches live in generations.ts, their job in jobs.ts.
 */
import type { studio } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import type { RecordChanges } from '../../kernel/audit.ts';
import { notFound, validationFailed } from '../../kernel/errors.ts';
import { type FileStore, isImageType } from '../../kernel/files/index.ts';
import type { CharacterAnalyser } from './analysis.ts';
import { masterPrompt } from './prompt.ts';
import {
  type CharacterFilters,
  deleteCharacter,
  deleteDifference,
  deleteDifferencesOfCharacter,
  findCharacter,
  findDifference,
  findGeneration,
  findStats,
  insertCharacter,
  refreshAverageDifferenceConsistency,
  renameCharacter,
} from './queries.ts';

type CreateCharacterRequest = Static<typeof studio.characters.CreateCharacterRequest>;
type CharacterListQuery = Static<typeof studio.characters.CharacterListQuery>;
type CreditTransactionListQuery = Static<typeof studio.credits.CreditTransactionListQuery>;

export interface StudioDependencies {
  files: FileStore;
  analyser: CharacterAnalyser;
}

/**
 * The base image is analysed whether or not the caller sends features: the
 * analysis also scores the image (`consistencyScore`), and the
 * caller's features, when sent, win over the analyser's.
 */
export async function createCharacter(
  db: DatabaseTransactionConnection,
  deps: StudioDependencies,
  accountId: string,
  request: CreateCharacterRequest,
) {
  // Another account's file is invisible here (RLS), exactly like a missing one.
  const baseImage = await deps.files.get(db, accountId, request.baseImageFileId);
  if (!baseImage) throw validationFailed('/body/baseImageFileId', 'is not a file of this account');
  if (!isImageType(baseImage.contentType)) {
    throw validationFailed('/body/baseImageFileId', `must be an image, not ${baseImage.contentType}`);
  }
  const analysis = await deps.analyser.analyse({
    bytes: baseImage.bytes,
    contentType: baseImage.contentType,
  });
  const features = request.features ?? analysis.features;
  return insertCharacter(db, {
    accountId,
    name: request.name,
    baseImageFileId: baseImage.id,
    artStyle: request.artStyle,
    features,
    masterPrompt: masterPrompt(request.artStyle, features),
    consistencyScore: analysis.consistencyScore,
  });
}

/** Drops the keys whose value is undefined, and the whole object when none is left. */
function defined(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(object).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * The list's feature filters as containment documents (`features @> …`,
 * docs/products/studio.md), so the GIN index serves them all at once. One
 * document, or two when an accessory is asked for: it may be listed under
 * the outfit or at the top level, and either matches.
 */
export function characterFilters(query: CharacterListQuery): CharacterFilters {
  const containing =
    defined({
      hair: defined({ color: query.hairColor, style: query.hairStyle, length: query.hairLength }),
      eyes: defined({ color: query.eyeColor, shape: query.eyeShape }),
      outfit: defined({ primary: query.outfitPrimary, secondary: query.outfitSecondary }),
      skinTone: query.skinTone,
      bodyType: query.bodyType,
    }) ?? {};
  const documents: [Record<string, unknown>, Record<string, unknown>?] =
    query.accessory === undefined
      ? [containing]
      : [
          {
            ...containing,
            outfit: { ...(containing.outfit as object | undefined), accessories: [query.accessory] },
          },
          { ...containing, accessories: [query.accessory] },
        ];
  return {
    artStyle: query.artStyle,
    containingAnyOf: documents.some((document) => document && Object.keys(document).length > 0)
      ? documents
      : undefined,
    withDifferences: query.include === 'differences',
  };
}

export async function getGeneration(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const generation = await findGeneration(db, accountId, id);
  if (!generation) throw notFound('generation');
  return generation;
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
  recordChanges: RecordChanges,
) {
  const before = await findCharacter(db, accountId, id);
  const character = before && (await renameCharacter(db, accountId, id, name));
  if (!character) throw notFound('character');
  recordChanges(before, character);
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
  await refreshAverageDifferenceConsistency(db, accountId, deleted.characterId);
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
