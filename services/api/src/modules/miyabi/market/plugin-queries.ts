/**
 * The plugin catalogue's SQL (docs/products/miyabi.md, Marketplace), one function per statement.
 * Reads name no account: plugins_read lets every caller see the whole catalogue; writes are the
 * author's alone (plugins_insert, plugins_update), and curation goes through
 * miyabi.curate_plugin, which checks the admin role itself.
 */
import { miyabiMarket } from '@yorozu/contract';
import { type CommonQueryMethods, type FragmentSqlToken, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';

export type Plugin = Static<typeof miyabiMarket.plugins.Plugin>;
const PluginRow = rowType(miyabiMarket.plugins.Plugin);
const RankedPluginRow = rowType(
  Type.Intersect([
    miyabiMarket.plugins.Plugin,
    Type.Object({ rowId: Type.String(), sortKey: Type.String() }),
  ]),
);
export type RankedPlugin = Plugin & { rowId: string; sortKey: string };
const AuthorRow = rowType(
  Type.Object({ id: Type.String(), authorId: Type.Union([Type.String(), Type.Null()]), tier: Type.String() }),
);
const FoundRow = rowType(Type.Object({ found: Type.Boolean() }));

export const pluginColumns = sql.fragment`
  p.id, p.name, p.display_name AS "displayName", p.source, p.version, p.tier, p.price_amount AS "priceAmount",
  p.currency, p.billing_period AS "billingPeriod", p.account_id AS "authorId", p.description, p.features,
  p.limitations, p.categories, p.verified, p.featured, p.downloads, p.rating::float8 AS rating,
  p.rating_count AS "ratingCount", p.requires_plugin AS "requiresPlugin", p.trial_days AS "trialDays",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"
`;

export function findPlugin(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(PluginRow)`SELECT ${pluginColumns} FROM miyabi.plugins p WHERE p.id = ${id}`);
}

/** Who wrote a plugin and its tier: enough to check a write or a dependency. */
export function findPluginAuthor(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(AuthorRow)`
    SELECT id, account_id AS "authorId", tier FROM miyabi.plugins WHERE id = ${id}
  `);
}

export interface PluginPage {
  conditions: FragmentSqlToken[];
  sortKey: FragmentSqlToken;
  after: FragmentSqlToken;
}

/** One page of the catalogue, ordered by (sortKey, created_at, row_id) descending. */
export function listPlugins(db: CommonQueryMethods, page: PluginPage, take: number) {
  const where = page.conditions.length
    ? sql.fragment`WHERE ${sql.join(page.conditions, sql.fragment` AND `)} ${page.after}`
    : sql.fragment`WHERE true ${page.after}`;
  return db.any(sql.type(RankedPluginRow)`
    SELECT ${pluginColumns}, p.row_id AS "rowId", (${page.sortKey})::text AS "sortKey"
    FROM miyabi.plugins p
    ${where}
    ORDER BY ${page.sortKey} DESC, p.created_at DESC, p.row_id DESC
    LIMIT ${take}
  `);
}

export interface NewPlugin {
  id: string;
  name: string;
  displayName: string;
  source: string;
  version: string;
  tier: string;
  priceAmount: number;
  currency: string;
  billingPeriod: string;
  description: string;
  features: readonly string[];
  limitations: Record<string, unknown>;
  categories: readonly string[];
  requiresPlugin: string | null;
  trialDays: number;
}

export function insertPlugin(db: CommonQueryMethods, accountId: string, plugin: NewPlugin) {
  return db.one(sql.type(PluginRow)`
    INSERT INTO miyabi.plugins AS p (id, account_id, name, display_name, source, version, tier, price_amount, currency,
                                billing_period, description, features, limitations, categories, requires_plugin,
                                trial_days)
    VALUES (${plugin.id}, ${accountId}, ${plugin.name}, ${plugin.displayName}, ${plugin.source}, ${plugin.version},
            ${plugin.tier}, ${plugin.priceAmount}, ${plugin.currency}, ${plugin.billingPeriod}, ${plugin.description},
            ${sql.jsonb(plugin.features)}, ${sql.jsonb(plugin.limitations as never)},
            ${sql.array(plugin.categories, 'text')}, ${plugin.requiresPlugin}, ${plugin.trialDays})
    RETURNING ${pluginColumns}
  `);
}

export type PluginChanges = Partial<
  Pick<
    NewPlugin,
    | 'displayName'
    | 'source'
    | 'version'
    | 'priceAmount'
    | 'currency'
    | 'billingPeriod'
    | 'description'
    | 'features'
    | 'limitations'
    | 'categories'
    | 'trialDays'
  >
>;

/** The author's own plugin with `changes` applied; null for anyone else's. */
export function updatePlugin(db: CommonQueryMethods, accountId: string, id: string, changes: PluginChanges) {
  const set: FragmentSqlToken[] = [sql.fragment`updated_at = now()`];
  if (changes.displayName !== undefined) set.push(sql.fragment`display_name = ${changes.displayName}`);
  if (changes.source !== undefined) set.push(sql.fragment`source = ${changes.source}`);
  if (changes.version !== undefined) set.push(sql.fragment`version = ${changes.version}`);
  if (changes.priceAmount !== undefined) set.push(sql.fragment`price_amount = ${changes.priceAmount}`);
  if (changes.currency !== undefined) set.push(sql.fragment`currency = ${changes.currency}`);
  if (changes.billingPeriod !== undefined) set.push(sql.fragment`billing_period = ${changes.billingPeriod}`);
  if (changes.description !== undefined) set.push(sql.fragment`description = ${changes.description}`);
  if (changes.features !== undefined) set.push(sql.fragment`features = ${sql.jsonb(changes.features)}`);
  if (changes.limitations !== undefined)
    set.push(sql.fragment`limitations = ${sql.jsonb(changes.limitations as never)}`);
  if (changes.categories !== undefined)
    set.push(sql.fragment`categories = ${sql.array(changes.categories, 'text')}`);
  if (changes.trialDays !== undefined) set.push(sql.fragment`trial_days = ${changes.trialDays}`);
  return db.maybeOne(sql.type(PluginRow)`
    UPDATE miyabi.plugins p SET ${sql.join(set, sql.fragment`, `)}
    WHERE p.id = ${id} AND p.account_id = ${accountId}
    RETURNING ${pluginColumns}
  `);
}

/** Sets the curation flags (NULL keeps one); false when no plugin has the id. Refused unless the caller is an admin. */
export function curatePlugin(
  db: CommonQueryMethods,
  id: string,
  verified: boolean | null,
  featured: boolean | null,
) {
  return db.oneFirst(sql.type(FoundRow)`
    SELECT miyabi.curate_plugin(${id}, ${verified}, ${featured}) AS found
  `);
}

const RowIdRow = rowType(Type.Object({ rowId: Type.String() }));

/**
 * The plugin's uuid, which audit rows name (`resource_id` is a uuid, plugin ids are slugs); null
 * when no plugin has the id.
 */
export function findPluginRowId(db: CommonQueryMethods, id: string) {
  return db.maybeOneFirst(sql.type(RowIdRow)`SELECT row_id AS "rowId" FROM miyabi.plugins WHERE id = ${id}`);
}
