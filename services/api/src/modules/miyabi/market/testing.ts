/** Helpers for the marketplace's tests: accounts with roles, plugins of their own. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type DatabasePool, sql } from 'slonik';
import { as, signUp } from '../../../../test/harness.ts';

export async function makeAdmin(superuser: DatabasePool, accountId: string) {
  await superuser.query(sql.unsafe`UPDATE platform.accounts SET role = 'admin' WHERE id = ${accountId}`);
}

/** A fresh plugin id, unique per call. */
export function pluginId(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 13)}`;
}

/** Publishes a plugin as `token`; fields override a pro plugin with a 14-day trial. */
export async function publish(app: FastifyInstance, token: string, fields: Record<string, unknown> = {}) {
  const id = (fields['id'] as string | undefined) ?? pluginId();
  const response = await as(app, token, {
    method: 'POST',
    url: '/v1/miyabi/plugins',
    payload: {
      id,
      name: 'test',
      displayName: `Test ${id}`,
      source: `https://example.com/${id}`,
      version: '1.0.0',
      tier: 'pro',
      priceAmount: 1200,
      trialDays: 14,
      ...fields,
    },
  });
  if (response.statusCode !== 201) throw new Error(`publish failed: ${response.body}`);
  return response.json() as { id: string; [key: string]: unknown };
}

/**
 * The JWT secret of every test app that signs licences: the signing keys are sealed under a key
 * derived from it (docs/products/miyabi.md, Licences), so an app with another secret could not use
 * a key another app rotated into the same database. The files that sign licences also keep a
 * database of their own (`ownDatabase`): other files' apps have random secrets.
 */
export const LICENSE_TEST_JWT_SECRET = 'miyabi-market-test-jwt-secret-0123456789';

/**
 * A base plugin (a 14-day trial) and its add-on (300 a period) by the same author, the add-on
 * registered as raising the base; their ids.
 */
export async function publishBaseAndAddon(app: FastifyInstance, billingPeriod: 'one-time' | 'monthly') {
  const author = await signUp(app);
  const base = await publish(app, author.accessToken, { trialDays: 14 });
  const addon = await publish(app, author.accessToken, {
    tier: 'addon',
    priceAmount: 300,
    trialDays: 0,
    requiresPlugin: base.id,
    billingPeriod,
  });
  return { author, base: base.id, addon: addon.id };
}
