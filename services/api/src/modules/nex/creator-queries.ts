/**
 * Creator profiles (docs/products/nex.md, Creators). Every statement runs under the caller's
 * binding: creators are public rows, written only by their owner (RLS and column grants).
 */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import type { Static } from 'typebox';
import { rowType } from '../../db/row-type.ts';

const CreatorRow = rowType(nex.creators.Creator);
export type Creator = Static<typeof nex.creators.Creator>;
type Skills = Creator['skills'];
type SocialLinks = Creator['socialLinks'];

const creatorColumns = sql.fragment`
  username, user_type AS "userType", is_verified AS "isVerified", skills, social_links AS "socialLinks",
  level, total_exp AS "totalExp", fan_count AS "fanCount", following_count AS "followingCount",
  created_at AS "createdAt"
`;

export interface NewCreator {
  username: string;
  birthDate: string;
  userType: Creator['userType'];
  skills: Skills;
  socialLinks: SocialLinks;
}

/** Null when the account joined already (the primary key); a taken username raises a unique violation. */
export function insertCreator(db: CommonQueryMethods, accountId: string, creator: NewCreator) {
  return db.maybeOne(sql.type(CreatorRow)`
    INSERT INTO nex.creators (account_id, username, birth_date, user_type, skills, social_links)
    VALUES (${accountId}, ${creator.username}, ${creator.birthDate}, ${creator.userType},
            ${sql.jsonb(creator.skills)}, ${sql.jsonb(creator.socialLinks)})
    ON CONFLICT (account_id) DO NOTHING
    RETURNING ${creatorColumns}
  `);
}

export function findCreator(db: CommonQueryMethods, username: string) {
  return db.maybeOne(sql.type(CreatorRow)`
    SELECT ${creatorColumns} FROM nex.creators WHERE lower(username) = lower(${username})
  `);
}

export function findCreatorOf(db: CommonQueryMethods, accountId: string) {
  return db.maybeOne(sql.type(CreatorRow)`
    SELECT ${creatorColumns} FROM nex.creators WHERE account_id = ${accountId}
  `);
}

export interface CreatorChanges {
  username: string;
  userType: Creator['userType'];
  skills: Skills;
  socialLinks: SocialLinks;
}

/**
 * The caller's own profile by its current username; null when that is not the caller's. A new
 * username already taken raises a unique violation.
 */
export function updateCreator(
  db: CommonQueryMethods,
  accountId: string,
  username: string,
  changes: CreatorChanges,
) {
  return db.maybeOne(sql.type(CreatorRow)`
    UPDATE nex.creators SET username = ${changes.username}, user_type = ${changes.userType},
      skills = ${sql.jsonb(changes.skills)}, social_links = ${sql.jsonb(changes.socialLinks)}, updated_at = now()
    WHERE account_id = ${accountId} AND lower(username) = lower(${username})
    RETURNING ${creatorColumns}
  `);
}
