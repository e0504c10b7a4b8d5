/**
 * Shows which indexes the API's own statements use: an interceptor records
 * every statement the app runs (text and values), and `explain` runs
 * `EXPLAIN` on one of them as the service role, bound to an account, with
 * sequential scans off (test tables are small, and the question is whether
 * an index can serve the statement, not whether the planner would bother
 * with one on a few rows).
 */
import pg from 'pg';
import type { Interceptor } from 'slonik';
import { afterAll } from 'vitest';
import { serviceConnectionUri } from '../src/db/pool.ts';

export interface RecordedStatement {
  sql: string;
  values: readonly unknown[];
}

export function statementRecorder() {
  const statements: RecordedStatement[] = [];
  const interceptor: Interceptor = {
    name: 'record-statements',
    beforeQueryExecution: (_context, query) => {
      statements.push({ sql: query.sql, values: query.values });
      return null;
    },
  };
  return {
    interceptor,
    /** Forgets what was recorded so far. */
    clear: () => {
      statements.length = 0;
    },
    /** The recorded statements whose text contains `fragment`. */
    matching: (fragment: string) => statements.filter((statement) => statement.sql.includes(fragment)),
  };
}

export async function explainer(databaseUrl: string) {
  const client = new pg.Client({ connectionString: serviceConnectionUri(databaseUrl) });
  await client.connect();
  afterAll(() => client.end());
  return async (accountId: string, statement: RecordedStatement): Promise<string> => {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.account_id', $1, true)`, [accountId]);
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = await client.query(`EXPLAIN ${statement.sql}`, statement.values as unknown[]);
      return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  };
}
