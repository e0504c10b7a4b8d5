/**
 * Profiles and follows: every statement runs under the caller's binding, so RLS decides what it
 * sees (docs/architecture.md, Visibility and shared data). No query names the caller's account
 * in its WHERE clause for reads of public rows: the policies are the filter.
 */
import { profiles } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import type { Static } from 'typebox';
import { NoRows, rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const ProfileRow = rowType(profiles.Profile);
const PublicProfileRow = rowType(profiles.PublicProfile);
const FollowRow = rowType(profiles.Follow);

export type Profile = Static<typeof profiles.Profile>;
export type ProfileFields = Pick<
  Profile,
  'handle' | 'displayName' | 'bio' | 'avatarFileId' | 'links' | 'visibility'
>;

const publicColumns = sql.fragment`
  handle, display_name AS "displayName", bio, avatar_file_id AS "avatarFileId", links,
  follower_count AS "followerCount", following_count AS "followingCount"
`;
const ownColumns = sql.fragment`${publicColumns}, visibility, updated_at AS "updatedAt"`;

export function findOwnProfile(db: CommonQueryMethods, accountId: string) {
  return db.maybeOne(
    sql.type(ProfileRow)`SELECT ${ownColumns} FROM platform.profiles WHERE account_id = ${accountId}`,
  );
}

/** Public profiles and the caller's own: whatever profiles_read lets through. */
export function findVisibleProfile(db: CommonQueryMethods, handle: string) {
  return db.maybeOne(sql.type(PublicProfileRow)`
    SELECT ${publicColumns} FROM platform.profiles WHERE lower(handle) = lower(${handle})
  `);
}

export function upsertProfile(db: CommonQueryMethods, accountId: string, fields: ProfileFields) {
  const links = sql.jsonb(fields.links);
  return db.one(sql.type(ProfileRow)`
    INSERT INTO platform.profiles (account_id, handle, display_name, bio, avatar_file_id, links, visibility)
    VALUES (${accountId}, ${fields.handle}, ${fields.displayName}, ${fields.bio}, ${fields.avatarFileId},
            ${links}, ${fields.visibility})
    ON CONFLICT (account_id) DO UPDATE SET
      handle = excluded.handle, display_name = excluded.display_name, bio = excluded.bio,
      avatar_file_id = excluded.avatar_file_id, links = excluded.links, visibility = excluded.visibility,
      updated_at = now()
    RETURNING ${ownColumns}
  `);
}

const followColumns = sql.fragment`
  f.id, f.follower_id AS "followerId", f.followee_id AS "followeeId", p.handle AS "followeeHandle",
  f.created_at AS "createdAt"
`;

/** Follows the public profile with that handle; null when there is none, it is the caller's own, or it is followed already. */
export function insertFollow(db: CommonQueryMethods, followerId: string, handle: string) {
  return db.maybeOne(sql.type(FollowRow)`
    WITH target AS (
      SELECT account_id, handle FROM platform.profiles
      WHERE lower(handle) = lower(${handle}) AND visibility = 'public' AND account_id <> ${followerId}
    ), inserted AS (
      INSERT INTO platform.follows (follower_id, followee_id)
      SELECT ${followerId}, account_id FROM target
      ON CONFLICT (follower_id, followee_id) DO NOTHING
      RETURNING id, follower_id, followee_id, created_at
    )
    SELECT ${followColumns} FROM inserted f JOIN target p ON p.account_id = f.followee_id
  `);
}

/** The caller's follow of the profile with that handle, if any. */
export function findFollow(db: CommonQueryMethods, followerId: string, handle: string) {
  return db.maybeOne(sql.type(FollowRow)`
    SELECT ${followColumns}
    FROM platform.follows f JOIN platform.profiles p ON p.account_id = f.followee_id
    WHERE f.follower_id = ${followerId} AND lower(p.handle) = lower(${handle})
  `);
}

export async function deleteFollow(db: CommonQueryMethods, followerId: string, handle: string) {
  const result = await db.query(sql.type(NoRows)`
    DELETE FROM platform.follows f USING platform.profiles p
    WHERE p.account_id = f.followee_id AND f.follower_id = ${followerId} AND lower(p.handle) = lower(${handle})
  `);
  return result.rowCount === 1;
}

/** One side of the caller's follows; the handle shows only while the followed profile is visible. */
export function listFollows(
  db: CommonQueryMethods,
  accountId: string,
  direction: 'following' | 'followers',
  after: Position | null,
  take: number,
) {
  const side =
    direction === 'following' ? sql.identifier(['f', 'follower_id']) : sql.identifier(['f', 'followee_id']);
  return db.any(sql.type(FollowRow)`
    SELECT ${followColumns}
    FROM platform.follows f LEFT JOIN platform.profiles p ON p.account_id = f.followee_id
    WHERE ${side} = ${accountId} ${afterPosition(after, 'f')}
    ORDER BY f.created_at DESC, f.id DESC
    LIMIT ${take}
  `);
}
