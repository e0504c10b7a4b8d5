/**
 * Licences (docs/products/miyabi.md, Licences): an EdDSA JWT per issue, for a subscription that
 * entitles and is in good standing, expiring at the end of its period plus a grace (so a plugin
 * offline for a few days keeps working across a renewal), or at the period's end when it is set
 * to cancel. Canceled and past-due subscriptions get no new licence; subscriptions that end at
 * once revoke theirs (a trigger, migration 0303).
 */
import { randomUUID } from 'node:crypto';
import type { billing } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound } from '../../../kernel/errors.ts';
import { findSubscriptionOf, standingLimits } from '../../../kernel/metering/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import {
  findLicense,
  insertLicense,
  type License,
  listLicenses,
  listRevocations,
  revokeLicense,
} from './license-queries.ts';
import type { Plugin } from './plugin-queries.ts';
import { findPlugin } from './plugin-queries.ts';
import { type LicenseSigner, MAX_LICENSE_DAYS } from './signing.ts';

type Subscription = Static<typeof billing.Subscription>;

const DAY_MS = 86_400_000;
/** Days a licence outlives a renewing period: a plugin offline over the renewal keeps working. */
export const GRACE_DAYS = 7;
/** Lifetime of a licence whose subscription has no period end (free plugins, admin-set plans). */
export const OPEN_ENDED_DAYS = 30;

export interface LicenseContext {
  db: CommonQueryMethods;
  signer: LicenseSigner;
  now: () => number;
}

/** When a licence issued now for `subscription` expires (epoch ms). */
export function licenseExpiry(subscription: Subscription, nowMs: number): number {
  const cap = nowMs + MAX_LICENSE_DAYS * DAY_MS;
  if (subscription.currentPeriodEnd === null) return Math.min(nowMs + OPEN_ENDED_DAYS * DAY_MS, cap);
  const end = Date.parse(subscription.currentPeriodEnd);
  return Math.min(subscription.cancelAtPeriodEnd ? end : end + GRACE_DAYS * DAY_MS, cap);
}

/**
 * The limits a licence states (`null`: unlimited): the plan's from the plan catalogue, raised by
 * the account's entitling add-on subscriptions to the plugin (docs/products/miyabi.md, Usage and
 * quotas). A one-time pack is left out: it holds for one month, and a licence outlives it.
 */
function licenseLimits(db: CommonQueryMethods, accountId: string, plugin: Plugin, plan: string) {
  return standingLimits(db, accountId, 'miyabi', plugin.id, plan);
}

/** Signs and records a licence for a subscription that may have one. */
export async function signLicense(
  context: LicenseContext,
  accountId: string,
  plugin: Plugin,
  subscription: Subscription,
): Promise<License> {
  if (subscription.status !== 'active' && subscription.status !== 'trialing') {
    throw new DomainError(
      'conflict',
      `The subscription to ${plugin.id} is ${subscription.status}: licences are issued only to active or trialing subscriptions.`,
    );
  }
  const nowMs = context.now();
  const expiresMs = licenseExpiry(subscription, nowMs);
  if (expiresMs <= nowMs) {
    throw new DomainError('conflict', `The subscription to ${plugin.id} has ended.`);
  }
  const id = randomUUID();
  const iat = Math.floor(nowMs / 1000);
  const exp = Math.floor(expiresMs / 1000);
  const { token, keyId } = await context.signer.sign(context.db, {
    jti: id,
    sub: accountId,
    aud: `miyabi:${plugin.id}`,
    iat,
    nbf: iat,
    exp,
    plugin: plugin.id,
    tier: plugin.tier,
    plan: subscription.plan,
    subscription: subscription.id,
    limits: await licenseLimits(context.db, accountId, plugin, subscription.plan),
  });
  const issuedAt = new Date(iat * 1000).toISOString();
  const expiresAt = new Date(exp * 1000).toISOString();
  await insertLicense(context.db, {
    id,
    accountId,
    subscriptionId: subscription.id,
    pluginId: plugin.id,
    plan: subscription.plan,
    keyId,
    issuedAt,
    expiresAt,
  });
  return {
    id,
    pluginId: plugin.id,
    subscriptionId: subscription.id,
    plan: subscription.plan,
    keyId,
    token,
    expiresAt,
    revokedAt: null,
    createdAt: issuedAt,
  };
}

/** A fresh licence for the caller's subscription to the plugin. */
export async function issueLicense(context: LicenseContext, accountId: string, pluginId: string) {
  const plugin = await findPlugin(context.db, pluginId);
  if (!plugin) throw notFound('plugin');
  const subscription = await findSubscriptionOf(context.db, {
    accountId,
    product: 'miyabi',
    subject: pluginId,
  });
  if (!subscription)
    throw new DomainError('conflict', `You have no subscription to ${pluginId}: subscribe first.`);
  return signLicense(context, accountId, plugin, subscription);
}

export function listOwnLicenses(
  db: CommonQueryMethods,
  accountId: string,
  query: { plugin?: string; limit?: number; cursor?: string },
) {
  return paginate(`miyabi-licenses-${query.plugin ?? ''}`, query, (after, take) =>
    listLicenses(db, accountId, query.plugin, after, take),
  );
}

export async function revoke(db: CommonQueryMethods, accountId: string, id: string) {
  const before = await findLicense(db, accountId, id);
  if (!before) throw notFound('licence');
  await revokeLicense(db, accountId, id);
  const after = await findLicense(db, accountId, id);
  if (!after) throw notFound('licence');
  return { before, after };
}

export async function listPublicRevocations(
  db: CommonQueryMethods,
  query: { plugin?: string; limit?: number; cursor?: string },
) {
  const page = await paginate(`miyabi-revocations-${query.plugin ?? ''}`, query, (after, take) =>
    listRevocations(db, query.plugin, after, take),
  );
  return {
    data: page.data.map(({ createdAt: _createdAt, id: _id, ...revocation }) => revocation),
    nextCursor: page.nextCursor,
  };
}
