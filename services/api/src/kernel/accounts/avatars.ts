/**
 * The account's avatar, as sign-in fills it: the profile row is the profiles module's, but an
 * account's picture is account data the auth module writes too.
 */
import { type CommonQueryMethods, sql } from 'slonik';
import { NoRows } from '../../db/row-type.ts';

/**
 * Sets the avatar of a profile that has none (creating the profile, private, if need be); false
 * when it already had one. A sign-in with GitHub or Google fills it from the provider's picture.
 */
export async function setAvatarIfEmpty(db: CommonQueryMethods, accountId: string, fileId: string) {
  const result = await db.query(sql.type(NoRows)`
    INSERT INTO platform.profiles (account_id, avatar_file_id) VALUES (${accountId}, ${fileId})
    ON CONFLICT (account_id) DO UPDATE SET avatar_file_id = excluded.avatar_file_id, updated_at = now()
    WHERE platform.profiles.avatar_file_id IS NULL
  `);
  return result.rowCount === 1;
}

/** Whether the account's profile has an avatar (no profile: no avatar). */
export function hasAvatar(db: CommonQueryMethods, accountId: string) {
  return db.exists(sql.type(NoRows)`
    SELECT 1 FROM platform.profiles WHERE account_id = ${accountId} AND avatar_file_id IS NOT NULL
  `);
}
