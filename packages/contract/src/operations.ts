/**
 * The operation table: every operation of the API, in spec order. The spec,
 * the service's routes and the SDK's methods are all generated from it.
 * A product module adds one import and one spread here.
 */
import * as apiKeys from './kernel/api-keys.ts';
import * as auditLog from './kernel/audit-log.ts';
import * as auth from './kernel/auth.ts';
import * as me from './kernel/me.ts';
import type { OperationDefinition } from './operation.ts';

export const operations = {
  'auth.signup': auth.signup,
  'auth.login': auth.login,
  'auth.refresh': auth.refresh,
  'auth.logout': auth.logout,
  'me.get': me.get,
  'me.update': me.update,
  'apiKeys.create': apiKeys.create,
  'apiKeys.list': apiKeys.list,
  'apiKeys.delete': apiKeys.revoke,
  'auditLog.list': auditLog.list,
} as const satisfies Record<string, OperationDefinition>;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** Tags in the order Swagger UI shows them, one per URL resource. */
export const tags = [
  { name: 'auth', description: 'Sign up, sign in, rotate and revoke tokens.' },
  { name: 'me', description: 'The calling account.' },
  { name: 'api-keys', description: 'Long-lived `yz_` keys with scopes, shown once, revocable.' },
  { name: 'audit-log', description: 'An append-only record of every successful mutating request.' },
] as const;
