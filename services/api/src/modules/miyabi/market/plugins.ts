/**
 * The plugin catalogue (docs/products/miyabi.md, Marketplace): browsing with keyset pages over
 * (sort key, created_at, row_id), publishing, the author's edits and an admin's curation.
 */
import type { miyabiMarket } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import type { Static } from 'typebox';
import { getAccount } from '../../../kernel/accounts/index.ts';
import type { Principal } from '../../../kernel/auth/index.ts';
import { isTimestamp } from '../../../kernel/calendar.ts';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import { type KeyedPosition, paginateByKey } from '../../../kernel/pagination.ts';
import {
  curatePlugin,
  findPlugin,
  findPluginAuthor,
  insertPlugin,
  listPlugins,
  type Plugin,
  type PluginChanges,
  type RankedPlugin,
  updatePlugin,
} from './plugin-queries.ts';

type ListQuery = Static<typeof miyabiMarket.plugins.list.query>;
type CreateRequest = Static<typeof miyabiMarket.plugins.CreatePluginRequest>;
type UpdateRequest = Static<typeof miyabiMarket.plugins.UpdatePluginRequest>;
type Sort = NonNullable<ListQuery['sort']>;

/**
 * Semantic Versioning 2.0.0 beyond what the contract's pattern says: numeric identifiers have no
 * leading zeros (the core's are checked by the pattern, pre-release ones here) and no identifier
 * is empty (`1.0.0-a..b`). Split on dots, so the work is linear in the length.
 */
export function isSemanticVersion(version: string): boolean {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?(?:\+(.*))?$/.exec(version);
  if (!match) return false;
  const [, major, minor, patch, pre, build] = match;
  const core = [major, minor, patch];
  if (core.some((part) => part === undefined || (part.length > 1 && part.startsWith('0')))) return false;
  const identifiers = (text: string | undefined) => (text === undefined ? [] : text.split('.'));
  const alphanumeric = /^[0-9A-Za-z-]+$/;
  for (const id of identifiers(pre)) {
    if (!alphanumeric.test(id)) return false;
    if (/^\d+$/.test(id) && id.length > 1 && id.startsWith('0')) return false;
  }
  for (const id of identifiers(build)) if (!alphanumeric.test(id)) return false;
  return true;
}

interface SortSpec {
  key: FragmentSqlToken;
  valid(key: string): boolean;
  cast: FragmentSqlToken;
}

const BIGINT = /^\d{1,18}$/;
const RATING = /^\d(\.\d{1,2})?$/;

const sorts: Record<Sort, SortSpec> = {
  newest: { key: sql.fragment`p.created_at`, valid: isTimestamp, cast: sql.fragment`timestamptz` },
  downloads: { key: sql.fragment`p.downloads`, valid: (key) => BIGINT.test(key), cast: sql.fragment`bigint` },
  rating: { key: sql.fragment`p.rating`, valid: (key) => RATING.test(key), cast: sql.fragment`numeric` },
};

function invalidCursor() {
  return new DomainError(
    'invalid_cursor',
    'The cursor is malformed or belongs to another list; start again without it.',
    {
      errors: [{ path: '/query/cursor', message: 'is not a cursor of this list' }],
    },
  );
}

function afterCursor(spec: SortSpec, after: KeyedPosition | null): FragmentSqlToken {
  if (!after) return sql.fragment``;
  if (!spec.valid(after.key)) throw invalidCursor();
  return sql.fragment`AND (${spec.key}, p.created_at, p.row_id) <
    (${after.key}::${spec.cast}, ${after.createdAt}::timestamptz, ${after.id}::uuid)`;
}

function filters(query: ListQuery): FragmentSqlToken[] {
  const conditions: FragmentSqlToken[] = [];
  if (query.tier !== undefined) conditions.push(sql.fragment`p.tier = ${query.tier}`);
  // `@>` on the array: the GIN index on categories serves it.
  if (query.category !== undefined)
    conditions.push(sql.fragment`p.categories @> ${sql.array([query.category], 'text')}`);
  if (query.verified !== undefined) conditions.push(sql.fragment`p.verified = ${query.verified === 'true'}`);
  if (query.featured !== undefined) conditions.push(sql.fragment`p.featured = ${query.featured === 'true'}`);
  return conditions;
}

function withoutKeys({ rowId: _rowId, sortKey: _sortKey, ...plugin }: RankedPlugin): Plugin {
  return plugin;
}

export async function browsePlugins(db: CommonQueryMethods, query: ListQuery) {
  const sort: Sort = query.sort ?? 'newest';
  const spec = sorts[sort];
  const page = await paginateByKey<RankedPlugin & { pluginId: string }>(
    `miyabi-plugins-${sort}`,
    query,
    // Timestamps in the API's RFC 3339 form, not PostgreSQL's text.
    (row) => (sort === 'newest' ? row.createdAt : row.sortKey),
    async (after, take) => {
      const rows = await listPlugins(
        db,
        { conditions: filters(query), sortKey: spec.key, after: afterCursor(spec, after) },
        take,
      );
      // The cursor's id is the row's uuid (plugin ids are slugs).
      return rows.map((row) => ({ ...row, id: row.rowId, pluginId: row.id }));
    },
  );
  return {
    data: page.data.map(({ pluginId, ...row }) => withoutKeys({ ...row, id: pluginId })),
    nextCursor: page.nextCursor,
  };
}

export async function getPlugin(db: CommonQueryMethods, id: string) {
  const plugin = await findPlugin(db, id);
  if (!plugin) throw notFound('plugin');
  return plugin;
}

function checkPrice(tier: string, priceAmount: number, path: string) {
  if (tier === 'free' && priceAmount !== 0) throw validationFailed(path, 'must be 0 for the free tier');
  if (tier !== 'free' && priceAmount === 0)
    throw validationFailed(path, `must be above 0 for the ${tier} tier`);
}

export async function publishPlugin(db: CommonQueryMethods, accountId: string, request: CreateRequest) {
  if (!isSemanticVersion(request.version))
    throw validationFailed('/body/version', 'is not Semantic Versioning 2.0.0');
  const priceAmount = request.priceAmount ?? 0;
  checkPrice(request.tier, priceAmount, '/body/priceAmount');
  const trialDays = request.trialDays ?? 0;
  if (request.tier === 'free' && trialDays > 0)
    throw validationFailed('/body/trialDays', 'must be 0 for the free tier');
  if (request.tier === 'addon') {
    if (request.requiresPlugin === undefined)
      throw validationFailed('/body/requiresPlugin', 'is required for an add-on');
    const base = await findPluginAuthor(db, request.requiresPlugin);
    if (!base) throw validationFailed('/body/requiresPlugin', 'is not a plugin of the catalogue');
    if (base.tier === 'addon') throw validationFailed('/body/requiresPlugin', 'is an add-on itself');
  } else if (request.requiresPlugin !== undefined) {
    throw validationFailed('/body/requiresPlugin', 'is only for the addon tier');
  }
  if (await findPluginAuthor(db, request.id)) {
    throw new DomainError('conflict', `The plugin id ${request.id} is taken.`);
  }
  return insertPlugin(db, accountId, {
    id: request.id,
    name: request.name,
    displayName: request.displayName,
    source: request.source,
    version: request.version,
    tier: request.tier,
    priceAmount,
    currency: request.currency ?? 'USD',
    billingPeriod: request.billingPeriod ?? 'monthly',
    description: request.description ?? '',
    features: request.features ?? [],
    limitations: request.limitations ?? {},
    categories: request.categories ?? [],
    requiresPlugin: request.requiresPlugin ?? null,
    trialDays,
  });
}

export async function changePlugin(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  request: UpdateRequest,
): Promise<{ before: Plugin; after: Plugin }> {
  const before = await findPlugin(db, id);
  if (!before) throw notFound('plugin');
  if (before.authorId !== accountId)
    throw new DomainError('forbidden', 'Only the author of a plugin may change it.');
  if (request.version !== undefined && !isSemanticVersion(request.version)) {
    throw validationFailed('/body/version', 'is not Semantic Versioning 2.0.0');
  }
  if (request.priceAmount !== undefined) checkPrice(before.tier, request.priceAmount, '/body/priceAmount');
  if (request.trialDays !== undefined && before.tier === 'free' && request.trialDays > 0) {
    throw validationFailed('/body/trialDays', 'must be 0 for the free tier');
  }
  const after = await updatePlugin(db, accountId, id, request as PluginChanges);
  if (!after) throw notFound('plugin');
  return { before, after };
}

export async function curate(
  db: CommonQueryMethods,
  principal: Principal,
  id: string,
  request: Static<typeof miyabiMarket.plugins.CurationRequest>,
): Promise<{ before: Plugin; after: Plugin }> {
  // The catalogue is public, so looking the plugin up first tells a member nothing new.
  const before = await findPlugin(db, id);
  if (!before) throw notFound('plugin');
  const account = await getAccount(db, principal.accountId);
  if (account.role !== 'admin') throw new DomainError('forbidden', 'This operation needs the admin role.');
  await curatePlugin(db, id, request.verified ?? null, request.featured ?? null);
  return { before, after: await getPlugin(db, id) };
}
