/**
 * Unlinking a sign-in identity (docs/security.md, Sign-in with GitHub or Google): an account
 * must keep one way in, a password or another identity.
 */
import type { CommonQueryMethods } from 'slonik';
import { deleteIdentity, identityExists, lockSignInMethods } from '../../kernel/accounts/index.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';

export async function unlinkIdentity(db: CommonQueryMethods, accountId: string, id: string) {
  const methods = await lockSignInMethods(db, accountId);
  if (!(await identityExists(db, accountId, id))) throw notFound('identity');
  if (!methods.hasPassword && methods.identities <= 1) {
    throw new DomainError(
      'last_sign_in_method',
      'This identity is the only way to sign in to this account; link another one first.',
    );
  }
  await deleteIdentity(db, accountId, id);
}
