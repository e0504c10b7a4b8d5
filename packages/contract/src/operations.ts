/**
 * The operation table: every operation of the API, in spec order. The spec,
 * the service's routes and the SDK's methods are all generated from it.
 * A product module adds one import and one spread here.
 */
import * as admin from './kernel/admin.ts';
import * as apiKeys from './kernel/api-keys.ts';
import * as auditLog from './kernel/audit-log.ts';
import * as auth from './kernel/auth.ts';
import * as billing from './kernel/billing.ts';
import * as files from './kernel/files.ts';
import * as jobs from './kernel/jobs.ts';
import * as me from './kernel/me.ts';
import * as usage from './kernel/usage.ts';
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
  'usage.list': usage.list,
  'usage.ledger.list': usage.ledgerList,
  'billing.stripeWebhook': billing.stripeWebhook,
  'admin.subscriptions.update': admin.updateSubscription,
  'jobs.get': jobs.get,
  'jobs.cancel': jobs.cancel,
  'jobs.events': jobs.events,
  'files.create': files.create,
  'files.list': files.list,
  'files.get': files.get,
  'files.delete': files.remove,
} as const satisfies Record<string, OperationDefinition>;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** Tags in the order Swagger UI shows them, one per URL resource. */
export const tags = [
  { name: 'auth', description: 'Sign up, sign in, rotate and revoke tokens.' },
  { name: 'me', description: 'The calling account.' },
  { name: 'api-keys', description: 'Long-lived `yz_` keys with scopes, shown once, revocable.' },
  { name: 'audit-log', description: 'An append-only record of every successful mutating request.' },
  {
    name: 'usage',
    description:
      'Quota use per product and metric in the current period, and the ledger of spends and refunds.',
  },
  { name: 'billing', description: 'Plan changes from Stripe.' },
  { name: 'admin', description: 'Operations on any account, for accounts with the admin role.' },
  {
    name: 'jobs',
    description: 'Asynchronous work: status, progress, cancelation and a Server-Sent Events stream.',
  },
  { name: 'files', description: 'Uploaded and generated images, sniffed and served with an ETag.' },
] as const;
