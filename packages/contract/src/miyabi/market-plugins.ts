/**
 * The Miyabi plugin catalogue (docs/products/miyabi.md, Marketplace): public, readable without
 * credentials; authors publish and edit their own plugins; `verified` and `featured` are an
 * admin's to set.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';

export const PluginId = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$',
  description: 'A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.',
  examples: ['miyabi-codegen'],
});

export const PluginTier = StringEnum(
  ['free', 'pro', 'enterprise', 'addon'],
  { description: 'The tier, which is also the plan of the plan catalogue that sets its quotas.' },
  {
    free: 'costs nothing; the `free` plan limits apply',
    pro: 'paid; the `pro` plan limits apply',
    enterprise: 'paid, for organisations; unlimited usage',
    addon: 'extends a base plugin (`requiresPlugin`), which the subscriber must already have',
  },
);

export const BillingPeriod = StringEnum(['monthly', 'yearly', 'one-time'], {
  description: 'How often the price is charged.',
});

/** Semantic Versioning 2.0.0's shape; the service checks each identifier (no leading zeros, none empty). */
export const SemanticVersion = Type.String({
  minLength: 5,
  maxLength: 100,
  pattern:
    '^(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$',
  description:
    'The version, Semantic Versioning 2.0.0 (`MAJOR.MINOR.PATCH`, optional pre-release and build).',
  examples: ['2.1.3'],
});

const Category = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[a-z0-9][a-z0-9-]*$',
  description: 'A category slug.',
  examples: ['codegen'],
});
const Categories = Type.Array(Category, {
  maxItems: 10,
  uniqueItems: true,
  description: 'Up to 10 categories.',
});
const Features = Type.Array(Type.String({ minLength: 1, maxLength: 200, description: 'One feature.' }), {
  maxItems: 30,
  description: 'What the plugin does, one line each (up to 30).',
});
const Limitations = Type.Record(
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,39}$' }),
  Type.Union([Type.Integer(), Type.Boolean(), Type.String({ maxLength: 200 })]),
  {
    maxProperties: 20,
    description:
      "The plugin's own stated limits, as the author describes them (up to 20 entries). Informational: the quotas enforced are the plan catalogue's.",
  },
);
const PriceAmount = Type.Integer({
  minimum: 0,
  maximum: 100_000_000,
  description: 'The price in minor units of `currency` (cents for USD); 0 exactly when the tier is `free`.',
});
const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code.',
  examples: ['USD'],
});
const DisplayName = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^\\S(.*\\S)?$',
  description: 'The name shown in the catalogue.',
});
const Source = Type.String({
  minLength: 1,
  maxLength: 500,
  pattern: '^https://\\S+$',
  description: "Where the plugin's code lives: an `https://` URL.",
});
const Description = Type.String({
  maxLength: 5000,
  description: 'What the plugin does, up to 5000 characters.',
});
const TrialDays = Type.Integer({
  minimum: 0,
  maximum: 365,
  description: 'Days of free trial a new subscriber gets (0: none); only paid tiers have one.',
});

const pluginExample = {
  id: 'miyabi-codegen',
  name: 'codegen',
  displayName: 'Miyabi CodeGen',
  source: 'https://github.com/miyabi-platform/miyabi-codegen',
  version: '2.1.3',
  tier: 'pro' as const,
  priceAmount: 1900,
  currency: 'USD',
  billingPeriod: 'monthly' as const,
  authorId: null,
  description: 'The CodeGen agent writes changes for planned issues and opens pull requests.',
  features: ['code generation', 'pull requests'],
  limitations: { issuesPerMonth: 1000 },
  categories: ['codegen', 'pull-requests'],
  verified: true,
  featured: true,
  downloads: 1280,
  rating: 4.6,
  ratingCount: 52,
  requiresPlugin: null,
  trialDays: 14,
  createdAt: '2026-01-12T00:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const Plugin = named(
  'MiyabiPlugin',
  Type.Object({
    id: PluginId,
    name: Type.String({ description: 'A short technical name.' }),
    displayName: DisplayName,
    source: Source,
    version: SemanticVersion,
    tier: PluginTier,
    priceAmount: PriceAmount,
    currency: Currency,
    billingPeriod: BillingPeriod,
    authorId: Type.Union([Id('The account that published it.'), Type.Null()], {
      description: "The publishing account; null for the platform's own catalogue.",
    }),
    description: Description,
    features: Features,
    limitations: Limitations,
    categories: Type.Array(Type.String({ description: 'A category slug.' }), {
      description: 'Its categories.',
    }),
    verified: Type.Boolean({ description: 'Checked by the platform (set by an admin).' }),
    featured: Type.Boolean({ description: 'Shown first by the storefront (set by an admin).' }),
    downloads: Type.Integer({ minimum: 0, description: 'Subscriptions ever started to it.' }),
    rating: Type.Number({
      minimum: 0,
      maximum: 5,
      description: 'The mean review rating, 0 to 5 with two decimals; 0 without reviews.',
    }),
    ratingCount: Type.Integer({ minimum: 0, description: 'How many reviews the rating averages.' }),
    requiresPlugin: Type.Union([PluginId, Type.Null()], {
      description: 'For an add-on: the base plugin a subscriber must have; null otherwise.',
    }),
    trialDays: TrialDays,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { description: 'A plugin of the marketplace: public to everyone.', example: pluginExample },
);

export const PluginList = Page('MiyabiPluginList', Plugin, pluginExample);

export const PluginParams = Type.Object(
  { id: { ...PluginId, description: "The plugin's id.", examples: ['acme-release-notes'] } },
  { additionalProperties: false },
);

export const PluginSort = StringEnum(
  ['newest', 'downloads', 'rating'],
  { description: 'The order (default `newest`); ties go newest first.', examples: ['downloads'] },
  {
    newest: 'most recently published first',
    downloads: 'most subscribed first',
    rating: 'best rated first',
  },
);

export const list = defineOperation({
  operationId: 'miyabi.plugins.list',
  method: 'GET',
  path: '/v1/miyabi/plugins',
  tag: 'miyabi',
  summary: 'Browse the plugin catalogue',
  description:
    "Public: no credentials needed. Filters combine (all must hold); `category` matches any of a plugin's categories.",
  auth: 'optional',
  query: PageQuery({
    tier: Type.Optional({ ...PluginTier, examples: ['pro'] }),
    category: Type.Optional(Category),
    verified: Type.Optional(
      StringEnum(['true', 'false'], {
        description: 'Only verified (`true`) or unverified (`false`) plugins.',
        examples: ['true'],
      }),
    ),
    featured: Type.Optional(
      StringEnum(['true', 'false'], {
        description: 'Only featured (`true`) or other (`false`) plugins.',
        examples: ['true'],
      }),
    ),
    sort: Type.Optional(PluginSort),
  }),
  success: { status: 200, description: 'A page of plugins.', schema: PluginList },
});

export const get = defineOperation({
  operationId: 'miyabi.plugins.get',
  method: 'GET',
  path: '/v1/miyabi/plugins/{id}',
  tag: 'miyabi',
  summary: 'Get a plugin',
  description: 'Public: no credentials needed.',
  auth: 'optional',
  params: PluginParams,
  success: { status: 200, description: 'The plugin.', schema: Plugin },
  errors: [404],
});

export const CreatePluginRequest = named(
  'MiyabiCreatePluginRequest',
  Type.Object(
    {
      id: PluginId,
      name: Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[a-z0-9][a-z0-9-]*$',
        description: 'A short technical name.',
      }),
      displayName: DisplayName,
      source: Source,
      version: SemanticVersion,
      tier: PluginTier,
      priceAmount: Type.Optional({ ...PriceAmount, default: 0 }),
      currency: Type.Optional({ ...Currency, default: 'USD' }),
      billingPeriod: Type.Optional({ ...BillingPeriod, default: 'monthly' }),
      description: Type.Optional(Description),
      features: Type.Optional(Features),
      limitations: Type.Optional(Limitations),
      categories: Type.Optional(Categories),
      requiresPlugin: Type.Optional({
        ...PluginId,
        description: 'The base plugin; required for an `addon`, refused for other tiers.',
      }),
      trialDays: Type.Optional({ ...TrialDays, default: 0 }),
    },
    { additionalProperties: false },
  ),
  {
    description: 'A new plugin, published at once under the caller as author.',
    example: {
      id: 'acme-changelog',
      name: 'changelog',
      displayName: 'ACME Changelog',
      source: 'https://github.com/acme/miyabi-changelog',
      version: '1.0.0',
      tier: 'pro',
      priceAmount: 900,
      currency: 'USD',
      billingPeriod: 'monthly',
      description: 'Writes changelog entries from merged pull requests.',
      features: ['changelog entries'],
      limitations: { issuesPerMonth: 1000 },
      categories: ['documentation'],
      trialDays: 7,
    },
  },
);

export const create = defineOperation({
  operationId: 'miyabi.plugins.create',
  method: 'POST',
  path: '/v1/miyabi/plugins',
  tag: 'miyabi',
  summary: 'Publish a plugin',
  description:
    'The caller becomes its author. The price must be 0 exactly for the `free` tier; an `addon` names the plugin it extends (`requiresPlugin`, which must exist and not be an add-on itself). A taken id is 409.',
  auth: { scope: 'miyabi:write' },
  body: CreatePluginRequest,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The published plugin.', schema: Plugin },
  errors: [409],
});

export const UpdatePluginRequest = named(
  'MiyabiUpdatePluginRequest',
  Type.Object(
    {
      displayName: Type.Optional(DisplayName),
      source: Type.Optional(Source),
      version: Type.Optional(SemanticVersion),
      priceAmount: Type.Optional(PriceAmount),
      currency: Type.Optional(Currency),
      billingPeriod: Type.Optional(BillingPeriod),
      description: Type.Optional(Description),
      features: Type.Optional(Features),
      limitations: Type.Optional(Limitations),
      categories: Type.Optional(Categories),
      trialDays: Type.Optional(TrialDays),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  {
    description:
      'The fields to change. The id, tier and base plugin are fixed at publication; a new price applies to new subscriptions.',
    example: { version: '2.2.0', description: 'Now with test scaffolding.' },
  },
);

export const update = defineOperation({
  operationId: 'miyabi.plugins.update',
  method: 'PATCH',
  path: '/v1/miyabi/plugins/{id}',
  tag: 'miyabi',
  summary: 'Update your plugin',
  description:
    'Only its author may (403 for others); a new `version` must be valid Semantic Versioning. A paid tier keeps a non-zero price.',
  auth: { scope: 'miyabi:write' },
  params: PluginParams,
  body: UpdatePluginRequest,
  audited: true,
  success: { status: 200, description: 'The updated plugin.', schema: Plugin },
  errors: [403, 404],
});

export const CurationRequest = named(
  'MiyabiPluginCurationRequest',
  Type.Object(
    {
      verified: Type.Optional(Type.Boolean({ description: 'Mark the plugin verified (or not).' })),
      featured: Type.Optional(Type.Boolean({ description: 'Feature the plugin (or not).' })),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  { description: 'The curation flags to set.', example: { verified: true, featured: true } },
);

export const curate = defineOperation({
  operationId: 'miyabi.plugins.curate',
  method: 'PUT',
  path: '/v1/miyabi/plugins/{id}/curation',
  tag: 'miyabi',
  summary: "Set a plugin's verified and featured flags",
  description: 'Admin role only (403 for other accounts, whatever the id). Flags left out keep their value.',
  auth: { scope: 'admin:write' },
  params: PluginParams,
  body: CurationRequest,
  audited: true,
  success: { status: 200, description: 'The plugin.', schema: Plugin },
  errors: [403, 404],
});
