/** Binds the marketplace's operations (docs/products/miyabi.md, Marketplace, licences and usage); no SQL here. */
import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { getAccount } from '../../../kernel/accounts/index.ts';
import { accountPrincipal } from '../../../kernel/auth/index.ts';
import { DomainError, notFound, unauthenticated } from '../../../kernel/errors.ts';
import type { Payments } from '../../../kernel/payments/index.ts';
import { issueLicense, listOwnLicenses, listPublicRevocations, revoke } from './licenses.ts';
import { findPluginRowId } from './plugin-queries.ts';
import { browsePlugins, changePlugin, curate, getPlugin, publishPlugin } from './plugins.ts';
import { pluginReviews, review, unreview } from './reviews.ts';
import { licenseSigner } from './signing.ts';
import { subscribe } from './subscriptions.ts';
import { ingestUsage, licenseHolder, monthlyUsage, usageEvents } from './usage.ts';

export interface MarketOptions {
  /** Milliseconds since the epoch (the composition root's clock). */
  now: () => number;
  /** The payment provider paid plugins are bought through. */
  payments: Payments;
}

/** How long caches may keep the key set: short, so a rotation reaches verifiers within minutes. */
const JWKS_MAX_AGE_SECONDS = 300;

export function marketRoutes(app: FastifyInstance, options: MarketOptions) {
  const { now, payments } = options;
  const signer = licenseSigner(app.sealer, now);

  app.operation(operations['miyabi.plugins.list'], ({ db, query }) => browsePlugins(db, query));
  app.operation(operations['miyabi.plugins.get'], ({ db, params }) => getPlugin(db, params.id));
  app.operation(
    operations['miyabi.plugins.create'],
    async ({ db, principal, body, auditResourceId, auditChanges }) => {
      const plugin = await publishPlugin(db, principal.accountId, body);
      const rowId = await findPluginRowId(db, plugin.id);
      if (rowId) auditResourceId(rowId);
      auditChanges(null, plugin);
      return plugin;
    },
  );
  app.operation(
    operations['miyabi.plugins.update'],
    async ({ db, principal, params, body, auditResourceId, auditChanges }) => {
      const rowId = await findPluginRowId(db, params.id);
      if (rowId) auditResourceId(rowId);
      const { before, after } = await changePlugin(db, principal.accountId, params.id, body);
      auditChanges(before, after);
      return after;
    },
  );
  app.operation(
    operations['miyabi.plugins.curate'],
    async ({ db, principal, params, body, auditResourceId, auditChanges }) => {
      const rowId = await findPluginRowId(db, params.id);
      if (rowId) auditResourceId(rowId);
      const { before, after } = await curate(db, principal, params.id, body);
      auditChanges(before, after);
      return after;
    },
  );

  app.operation(
    operations['miyabi.reviews.put'],
    async ({ db, principal, params, body, auditResourceId }) => {
      const written = await review(db, principal.accountId, params.id, body);
      auditResourceId(written.id);
      return written;
    },
  );
  app.operation(operations['miyabi.reviews.delete'], async ({ db, principal, params, auditResourceId }) => {
    const rowId = await findPluginRowId(db, params.id);
    if (!rowId) throw notFound('plugin');
    auditResourceId(rowId);
    await unreview(db, principal.accountId, params.id);
  });
  app.operation(operations['miyabi.reviews.list'], ({ db, params, query }) =>
    pluginReviews(db, params.id, query),
  );

  app.operation(
    operations['miyabi.subscriptions.create'],
    async ({ db, principal, params, body, auditResourceId, auditChanges, useAlternativeSuccess }) => {
      const rowId = await findPluginRowId(db, params.id);
      if (rowId) auditResourceId(rowId);
      const { result, paymentPending, before } = await subscribe(
        { db, payments, signer, now },
        principal.accountId,
        params.id,
        body,
      );
      if (paymentPending) useAlternativeSuccess();
      else auditChanges(before, result.subscription);
      return result;
    },
  );
  app.operation(operations['miyabi.licenses.create'], async ({ db, principal, params, auditResourceId }) => {
    const license = await issueLicense({ db, signer, now }, principal.accountId, params.id);
    auditResourceId(license.id);
    return license;
  });
  app.operation(operations['miyabi.licenses.list'], ({ db, principal, query }) =>
    listOwnLicenses(db, principal.accountId, query),
  );
  app.operation(operations['miyabi.licenses.revoke'], async ({ db, principal, params, auditChanges }) => {
    const { before, after } = await revoke(db, principal.accountId, params.id);
    auditChanges(before, after);
    return after;
  });
  app.operation(operations['miyabi.licenses.jwks'], async ({ db }) => {
    const keys = await signer.publishedKeys(db);
    return (reply) =>
      reply
        .header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`)
        .type('application/json')
        .send(JSON.stringify({ keys }));
  });
  app.operation(operations['miyabi.licenseRevocations.list'], ({ db, query }) =>
    listPublicRevocations(db, query),
  );
  app.operation(operations['miyabi.licenseKeys.rotate'], async ({ db, principal, auditResourceId }) => {
    const account = await getAccount(db, principal.accountId);
    if (account.role !== 'admin') throw new DomainError('forbidden', 'This operation needs the admin role.');
    auditResourceId(principal.accountId);
    return signer.rotate(db);
  });

  app.operation(
    operations['miyabi.usageEvents.create'],
    async ({ db, principal, headers, body, actAs, spendAtCommit }) => {
      if (principal) return ingestUsage({ db, spendAtCommit }, principal.accountId, body, null);
      const token = headers['x-miyabi-license'];
      if (token === undefined)
        throw unauthenticated('Send an API key in Authorization or a licence in X-Miyabi-License.');
      const holder = await licenseHolder(db, signer, token, now());
      // The licence's account acts from here on: its rows, its quotas, its audit row.
      await actAs(accountPrincipal(holder.accountId));
      return ingestUsage({ db, spendAtCommit }, holder.accountId, body, holder.pluginId);
    },
  );
  app.operation(operations['miyabi.usage.list'], ({ db, principal, query }) =>
    monthlyUsage(db, principal.accountId, query),
  );
  app.operation(operations['miyabi.usageEvents.list'], ({ db, principal, query }) =>
    usageEvents(db, principal.accountId, query),
  );
}
