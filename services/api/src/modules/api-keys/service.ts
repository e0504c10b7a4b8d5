import type { apiKeys } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { API_KEY_PREFIX, hashSecret, hasScope, newSecret, type Principal } from '../../kernel/auth/index.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { insertApiKey, revokeApiKey } from './queries.ts';

/** How much of the secret is kept in clear, to recognise a key in a list. */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

export async function createApiKey(
  db: CommonQueryMethods,
  principal: Principal,
  request: Static<typeof apiKeys.CreateApiKeyRequest>,
) {
  // A key cannot mint a key stronger than itself.
  const missing = request.scopes.filter((scope) => !hasScope(principal, scope));
  if (missing.length > 0) {
    throw new DomainError('forbidden', `This API key cannot grant scopes it lacks: ${missing.join(', ')}.`);
  }
  const secret = newSecret(API_KEY_PREFIX);
  const key = await insertApiKey(db, {
    accountId: principal.accountId,
    name: request.name,
    prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH),
    secretHash: hashSecret(secret),
    scopes: request.scopes,
  });
  return { ...key, secret };
}

/** Revokes a live key of the account and returns it; not_found for any other id. */
export async function deleteApiKey(db: CommonQueryMethods, accountId: string, id: string) {
  const revoked = await revokeApiKey(db, accountId, id);
  if (!revoked) throw notFound('API key');
  return revoked;
}
