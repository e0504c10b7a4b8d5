/**
 * Usage metering (docs/products/miyabi.md, Usage and quotas): batches of up to 1 000 events,
 * authenticated by a credential with `miyabi:write` or by a licence; each event id counted once;
 * the month's aggregate moved in the statement that inserts the events; the `issues` and
 * `tokens` they add spent from the plugin's quotas in the same transaction, so a batch past a
 * limit is refused whole (402) and leaves nothing behind.
 */
import type { miyabiMarket } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, unauthenticated, validationFailed } from '../../../kernel/errors.ts';
import type { SpendAtCommit } from '../../../kernel/metering/index.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { isRevoked } from './license-queries.ts';
import type { LicenseSigner } from './signing.ts';
import {
  type AggregateFilter,
  countUsage,
  existingPlugins,
  listAggregates,
  listEvents,
  type NewUsageEvent,
} from './usage-queries.ts';

type Batch = Static<typeof miyabiMarket.usage.UsageBatch>;

const OPERATION = 'miyabi.usageEvents.create';

/** The account and plugin a licence names, once it verifies (signature, expiry, revocation). */
export async function licenseHolder(
  db: DatabaseTransactionConnection,
  signer: LicenseSigner,
  token: string,
  nowMs: number,
): Promise<{ accountId: string; pluginId: string }> {
  let claims: Awaited<ReturnType<LicenseSigner['verify']>>;
  try {
    claims = await signer.verify(db, token, Math.floor(nowMs / 1000));
  } catch {
    throw unauthenticated('The licence is malformed, expired, or not signed by a published key.');
  }
  const { sub, jti, plugin } = claims;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof plugin !== 'string') {
    throw unauthenticated('The licence lacks its account, id or plugin.');
  }
  if (await isRevoked(db, jti)) throw unauthenticated('The licence has been revoked.');
  return { accountId: sub, pluginId: plugin };
}

/** Checks the batch beyond its schema and returns its events, each id once (the first wins). */
async function checkedEvents(db: DatabaseTransactionConnection, batch: Batch, onlyPlugin: string | null) {
  const seen = new Set<string>();
  const events: NewUsageEvent[] = [];
  for (const [index, event] of batch.events.entries()) {
    const path = `/body/events/${index}`;
    if (onlyPlugin !== null && event.pluginId !== onlyPlugin) {
      throw new DomainError(
        'forbidden',
        `The licence is for ${onlyPlugin}; event ${index} is for ${event.pluginId}.`,
      );
    }
    const agent = event.type === 'agent_execution';
    if (agent && event.agentType === undefined)
      throw validationFailed(`${path}/agentType`, 'is required for agent_execution');
    if (!agent && event.agentType !== undefined)
      throw validationFailed(`${path}/agentType`, `is only for agent_execution`);
    if (agent && (event.quantity ?? 1) !== 1)
      throw validationFailed(`${path}/quantity`, 'must be 1 for agent_execution');
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    events.push({
      id: event.id,
      pluginId: event.pluginId,
      type: event.type,
      quantity: event.quantity ?? 1,
      agentType: event.agentType ?? null,
      data: event.data ?? {},
    });
  }
  const plugins = [...new Set(events.map((event) => event.pluginId))];
  const known = new Set(await existingPlugins(db, plugins));
  const unknown = batch.events.findIndex((event) => !known.has(event.pluginId));
  if (unknown >= 0)
    throw validationFailed(`/body/events/${unknown}/pluginId`, 'is not a plugin of the catalogue');
  return events;
}

export async function ingestUsage(
  context: { db: DatabaseTransactionConnection; spendAtCommit: SpendAtCommit },
  accountId: string,
  batch: Batch,
  onlyPlugin: string | null,
) {
  const { db } = context;
  const events = await checkedEvents(db, batch, onlyPlugin);
  const counted = await countUsage(db, accountId, events);
  // In plugin order, like the aggregates, so concurrent batches lock counters in one order too.
  for (const row of counted) {
    for (const [metric, amount] of [
      ['issues', row.addedIssues],
      ['tokens', row.addedTokens],
    ] as const) {
      if (amount > 0) {
        await context.spendAtCommit({
          accountId,
          product: 'miyabi',
          metric,
          amount,
          reason: OPERATION,
          subject: row.pluginId,
        });
      }
    }
  }
  const accepted = counted.reduce((sum, row) => sum + row.accepted, 0);
  return {
    accepted,
    duplicates: batch.events.length - accepted,
    aggregates: counted.map(({ addedIssues: _i, addedTokens: _t, accepted: _a, ...aggregate }) => aggregate),
  };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PLUGIN = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
const DEFAULT_LIMIT = 20;

function invalidCursor() {
  return new DomainError(
    'invalid_cursor',
    'The cursor is malformed or belongs to another list; start again without it.',
    {
      errors: [{ path: '/query/cursor', message: 'is not a cursor of this list' }],
    },
  );
}

/** Aggregates are keyed by (month, plugin), not by a uuid: their cursor is `["miyabi-usage", month, plugin]`. */
function decodeAggregateCursor(cursor: string | undefined) {
  if (cursor === undefined) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 3 || parts[0] !== 'miyabi-usage') throw invalidCursor();
  const [, period, pluginId] = parts;
  if (
    typeof period !== 'string' ||
    !MONTH.test(period) ||
    typeof pluginId !== 'string' ||
    !PLUGIN.test(pluginId)
  ) {
    throw invalidCursor();
  }
  return { period, pluginId };
}

export async function monthlyUsage(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: AggregateFilter & { limit?: number; cursor?: string },
) {
  if (query.fromMonth !== undefined && query.toMonth !== undefined && query.fromMonth > query.toMonth) {
    throw validationFailed('/query/toMonth', 'must not be before fromMonth');
  }
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await listAggregates(db, accountId, query, decodeAggregateCursor(query.cursor), limit + 1);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify(['miyabi-usage', last.period, last.pluginId])).toString('base64url')
        : null,
  };
}

export function usageEvents(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { plugin?: string; limit?: number; cursor?: string },
) {
  return paginate(`miyabi-usage-events-${query.plugin ?? ''}`, query, (after, take) =>
    listEvents(db, accountId, query.plugin, after, take),
  );
}
