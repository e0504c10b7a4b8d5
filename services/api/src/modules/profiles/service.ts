/**
 * Public profiles (docs/architecture.md, Visibility and shared data). A missing profile and a
 * private one answer the same 404, so a handle's existence leaks nothing.
 */
import type { profiles } from '@yorozu/contract';
import { type DatabaseTransactionConnection, UniqueIntegrityConstraintViolationError } from 'slonik';
import type { Static } from 'typebox';
import type { RecordChanges } from '../../kernel/audit.ts';
import { DomainError, validationFailed } from '../../kernel/errors.ts';
import { type FileStore, isImageType } from '../../kernel/files/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import {
  deleteFollow,
  findFollow,
  findOwnProfile,
  findVisibleProfile,
  insertFollow,
  listFollows,
  type Profile,
  upsertProfile,
} from './queries.ts';

const EMPTY_PROFILE: Profile = {
  handle: null,
  displayName: null,
  bio: null,
  avatarFileId: null,
  links: [],
  visibility: 'private',
  followerCount: 0,
  followingCount: 0,
  updatedAt: null,
};

const noProfile = () => new DomainError('not_found', 'No public profile has that handle.');

export async function getOwnProfile(db: DatabaseTransactionConnection, accountId: string): Promise<Profile> {
  return (await findOwnProfile(db, accountId)) ?? EMPTY_PROFILE;
}

export async function getProfile(db: DatabaseTransactionConnection, handle: string) {
  const profile = await findVisibleProfile(db, handle);
  // The row type demands a handle; profiles_read already hid every private profile but the caller's.
  if (!profile) throw noProfile();
  return profile;
}

export async function updateOwnProfile(
  db: DatabaseTransactionConnection,
  files: FileStore,
  accountId: string,
  changes: Static<typeof profiles.UpdateProfileRequest>,
  recordChanges: RecordChanges,
): Promise<Profile> {
  const current = await getOwnProfile(db, accountId);
  const next = { ...current, ...changes };
  // Removing the handle unpublishes: a public profile must be reachable by one.
  if (changes.handle === null && changes.visibility === undefined) next.visibility = 'private';
  if (next.visibility === 'public' && next.handle === null) {
    throw validationFailed('/body/visibility', 'needs a handle to be public');
  }
  if (changes.avatarFileId) {
    const avatar = await files.findOwn(db, accountId, changes.avatarFileId);
    if (!avatar) throw validationFailed('/body/avatarFileId', 'is not a file of this account');
    if (!isImageType(avatar.contentType)) {
      throw validationFailed('/body/avatarFileId', `must be an image, not ${avatar.contentType}`);
    }
  }
  try {
    const updated = await upsertProfile(db, accountId, next);
    // An account without a profile row has the empty one: the diff is what this request set.
    recordChanges(current, updated);
    return updated;
  } catch (error) {
    // The primary key is ON CONFLICT's: the only other unique index is the handle's.
    if (!(error instanceof UniqueIntegrityConstraintViolationError)) throw error;
    throw new DomainError('conflict', 'That handle is taken.');
  }
}

export async function follow(db: DatabaseTransactionConnection, accountId: string, handle: string) {
  const target = await findVisibleProfile(db, handle);
  if (!target) throw noProfile();
  const inserted = await insertFollow(db, accountId, handle);
  if (inserted) return inserted;
  const existing = await findFollow(db, accountId, handle);
  if (existing) return existing;
  // Visible, public, yet not followable: the caller's own profile.
  throw new DomainError('conflict', 'You cannot follow your own profile.');
}

export async function unfollow(db: DatabaseTransactionConnection, accountId: string, handle: string) {
  if (!(await deleteFollow(db, accountId, handle))) {
    throw new DomainError('not_found', 'You do not follow a profile with that handle.');
  }
}

export function listOwnFollows(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { direction?: 'following' | 'followers'; limit?: number; cursor?: string },
) {
  const direction = query.direction ?? 'following';
  return paginate(`follows-${direction}`, query, (after, take) =>
    listFollows(db, accountId, direction, after, take),
  );
}
