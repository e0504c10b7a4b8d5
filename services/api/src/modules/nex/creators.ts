/**
 * Joining nex and editing a creator profile (docs/products/nex.md, Creators). The age rule is
 * checked here, on the day of joining, not stored as a CHECK: a CHECK on CURRENT_DATE is
 * evaluated once, when the row is written, and could never follow the calendar anyway.
 */
import type { nex } from '@yorozu/contract';
import { type DatabaseTransactionConnection, UniqueIntegrityConstraintViolationError } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, validationFailed } from '../../kernel/errors.ts';
import { findCreator, insertCreator, updateCreator } from './creator-queries.ts';
import { recordSignup } from './live/commissions.ts';

export const MINIMUM_AGE = 13;

/** Whether someone born on `birthDate` (YYYY-MM-DD) is at least `age` on `today` (UTC). */
export function isAtLeast(birthDate: string, age: number, today: Date): boolean {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls 29 February over to 1 March in a common year: that is when the birthday counts.
  const birthday = Date.UTC(year + age, month - 1, day);
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return birthday <= midnight;
}

async function unlessUsernameTaken<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    // The primary key is handled by ON CONFLICT: the only other unique index is the username's.
    if (error instanceof UniqueIntegrityConstraintViolationError) {
      throw new DomainError('conflict', 'That username is taken.');
    }
    throw error;
  }
}

export async function joinNex(
  db: DatabaseTransactionConnection,
  accountId: string,
  request: Static<typeof nex.creators.CreateCreatorRequest>,
  today: Date,
) {
  if (!isAtLeast(request.birthDate, MINIMUM_AGE, today)) {
    throw validationFailed('/body/birthDate', `must be at least ${MINIMUM_AGE} years before today`);
  }
  const created = await unlessUsernameTaken(() =>
    insertCreator(db, accountId, {
      username: request.username,
      birthDate: request.birthDate,
      userType: request.userType ?? 'both',
      skills: request.skills ?? [],
      socialLinks: request.socialLinks ?? [],
    }),
  );
  if (!created) throw new DomainError('conflict', 'This account has joined nex already.');
  if (request.referralCode !== undefined) await recordSignup(db, accountId, request.referralCode);
  return created;
}

const noCreator = () => new DomainError('not_found', 'No creator has that username.');

export async function getCreator(db: DatabaseTransactionConnection, username: string) {
  const creator = await findCreator(db, username);
  if (!creator) throw noCreator();
  return creator;
}

export async function changeCreator(
  db: DatabaseTransactionConnection,
  accountId: string,
  username: string,
  changes: Static<typeof nex.creators.UpdateCreatorRequest>,
) {
  const current = await findCreator(db, username);
  if (!current) throw noCreator();
  const updated = await unlessUsernameTaken(() =>
    updateCreator(db, accountId, username, {
      username: changes.newUsername ?? current.username,
      userType: changes.userType ?? current.userType,
      skills: changes.skills ?? current.skills,
      socialLinks: changes.socialLinks ?? current.socialLinks,
    }),
  );
  // Another account's profile: RLS and the account filter matched nothing, answered like a missing one.
  if (!updated) throw noCreator();
  return updated;
}
