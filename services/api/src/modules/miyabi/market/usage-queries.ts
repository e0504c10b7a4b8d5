/**
 * Usage events and monthly aggregates (docs/products/miyabi.md, Usage and quotas), one function
 * per statement. RLS binds both tables to the caller's account.
 */
import { miyabiMarket } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const AggregateRow = rowType(miyabiMarket.usage.UsageAggregate);
const CountedRow = rowType(
  Type.Intersect([
    miyabiMarket.usage.UsageAggregate,
    Type.Object({ addedIssues: Type.Number(), addedTokens: Type.Number(), accepted: Type.Number() }),
  ]),
);
const EventRow = rowType(miyabiMarket.usage.UsageEvent);
const PluginIdRow = rowType(Type.Object({ id: Type.String() }));

export interface NewUsageEvent {
  id: string;
  pluginId: string;
  type: string;
  quantity: number;
  agentType: string | null;
  data: Record<string, unknown>;
}

/** Which of these plugin ids exist. */
export function existingPlugins(db: CommonQueryMethods, ids: readonly string[]) {
  return db.anyFirst(sql.type(PluginIdRow)`
    SELECT id FROM miyabi.plugins WHERE id = ANY(${sql.array(ids, 'text')})
  `);
}

const aggregateColumns = sql.fragment`
  plugin_id AS "pluginId", period, issues, tokens, agent_executions AS "agentExecutions", updated_at AS "updatedAt"
`;

/**
 * Inserts the events and moves their month's aggregates in one statement. Only the events this
 * statement inserted count: an id the account sent before (in this batch's replay, or in a
 * concurrent batch, whose insert this one waits for on the primary key) is skipped and adds
 * nothing. Events go in by id and aggregates by plugin id, so two batches lock in one order.
 * Returns, per plugin with new events, the aggregate as it now is and what this batch added.
 */
export function countUsage(db: CommonQueryMethods, accountId: string, events: readonly NewUsageEvent[]) {
  return db.any(sql.type(CountedRow)`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${sql.jsonb(events as never)})
        AS e(id uuid, "pluginId" text, type text, quantity bigint, "agentType" text, data jsonb)
    ), inserted AS (
      INSERT INTO miyabi.usage_events (account_id, id, plugin_id, event_type, quantity, agent_type, event_data, period)
      SELECT ${accountId}, e.id, e."pluginId", e.type, e.quantity, e."agentType", e.data,
             to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')
      FROM input e ORDER BY e.id
      ON CONFLICT (account_id, id) DO NOTHING
      RETURNING plugin_id, event_type, quantity, agent_type, period
    ), per_agent AS (
      SELECT plugin_id, agent_type, count(*) AS runs FROM inserted WHERE agent_type IS NOT NULL GROUP BY 1, 2
    ), sums AS (
      SELECT i.plugin_id, min(i.period) AS period,
             COALESCE(sum(i.quantity) FILTER (WHERE i.event_type = 'issue_processed'), 0) AS issues,
             COALESCE(sum(i.quantity) FILTER (WHERE i.event_type = 'tokens_used'), 0) AS tokens,
             count(*) AS accepted,
             COALESCE((SELECT jsonb_object_agg(a.agent_type, a.runs) FROM per_agent a WHERE a.plugin_id = i.plugin_id),
                      '{}') AS agents
      FROM inserted i GROUP BY i.plugin_id
    ), upserted AS (
      INSERT INTO miyabi.usage_aggregates AS a (account_id, plugin_id, period, issues, tokens, agent_executions)
      SELECT ${accountId}, plugin_id, period, issues, tokens, agents FROM sums ORDER BY plugin_id
      ON CONFLICT (account_id, plugin_id, period) DO UPDATE SET
        issues = a.issues + EXCLUDED.issues,
        tokens = a.tokens + EXCLUDED.tokens,
        agent_executions = (
          SELECT COALESCE(jsonb_object_agg(k, COALESCE((a.agent_executions ->> k)::bigint, 0)
                                              + COALESCE((EXCLUDED.agent_executions ->> k)::bigint, 0)), '{}')
          FROM (SELECT jsonb_object_keys(a.agent_executions) UNION SELECT jsonb_object_keys(EXCLUDED.agent_executions))
            AS agent_keys(k)
        ),
        updated_at = now()
      RETURNING a.plugin_id, a.period, a.issues, a.tokens, a.agent_executions, a.updated_at
    )
    SELECT u.plugin_id AS "pluginId", u.period, u.issues, u.tokens, u.agent_executions AS "agentExecutions",
           u.updated_at AS "updatedAt", s.issues AS "addedIssues", s.tokens AS "addedTokens", s.accepted
    FROM upserted u JOIN sums s USING (plugin_id)
    ORDER BY u.plugin_id
  `);
}

export interface AggregateFilter {
  plugin?: string;
  fromMonth?: string;
  toMonth?: string;
}

/** Newest month first, then by plugin id; the keyed cursor carries the month, its id the plugin's place. */
export function listAggregates(
  db: CommonQueryMethods,
  accountId: string,
  filter: AggregateFilter,
  after: { period: string; pluginId: string } | null,
  take: number,
) {
  const conditions = [sql.fragment`account_id = ${accountId}`];
  if (filter.plugin !== undefined) conditions.push(sql.fragment`plugin_id = ${filter.plugin}`);
  if (filter.fromMonth !== undefined) conditions.push(sql.fragment`period >= ${filter.fromMonth}`);
  if (filter.toMonth !== undefined) conditions.push(sql.fragment`period <= ${filter.toMonth}`);
  if (after) {
    conditions.push(
      sql.fragment`(period < ${after.period} OR (period = ${after.period} AND plugin_id > ${after.pluginId}))`,
    );
  }
  return db.any(sql.type(AggregateRow)`
    SELECT ${aggregateColumns} FROM miyabi.usage_aggregates
    WHERE ${sql.join(conditions, sql.fragment` AND `)}
    ORDER BY period DESC, plugin_id
    LIMIT ${take}
  `);
}

export function listEvents(
  db: CommonQueryMethods,
  accountId: string,
  plugin: string | undefined,
  after: Position | null,
  take: number,
) {
  const byPlugin = plugin === undefined ? sql.fragment`` : sql.fragment`AND plugin_id = ${plugin}`;
  const position = afterPosition(after);
  return db.any(sql.type(EventRow)`
    SELECT id, plugin_id AS "pluginId", event_type AS type, quantity, agent_type AS "agentType",
           event_data AS data, period, created_at AS "createdAt"
    FROM miyabi.usage_events
    WHERE account_id = ${accountId} ${byPlugin} ${position}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}
