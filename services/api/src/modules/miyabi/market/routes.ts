/** Binds the marketplace's operations (docs/products/miyabi.md, Marketplace, licences and usage); no SQL here. */
import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { findPluginRowId } from './plugin-queries.ts';
import { browsePlugins, changePlugin, curate, getPlugin, publishPlugin } from './plugins.ts';

export interface MarketOptions {
  /** Milliseconds since the epoch (the composition root's clock). */
  now: () => number;
}

export function marketRoutes(app: FastifyInstance, _options: MarketOptions) {
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
}
