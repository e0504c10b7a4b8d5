/**
 * The Slonik pool the service queries through.
 *
 * - Connects as `yorozu_app` (startup option `role`), which owns no table, so
 *   row-level security applies (docs/architecture.md, Tenancy) whatever user the URL names.
 * - Session time zone UTC, so timestamps parse straight to RFC 3339.
 * - Type parsers give rows the API's shape: numbers, not BigInt; ISO strings,
 *   not epoch milliseconds (docs/architecture.md, Library notes).
 * - An interceptor runs each query's row type, without which `sql.type` checks nothing;
 *   synchronously (`transformRow`): the compiled TypeBox check is synchronous,
 *   and `transformRowAsync` costs a task queue per query.
 * - Named statements (`sql.prepared(name, rowType)`) are planned once per
 *   connection instead of on every call (bench/list-endpoint.ts: the list query 0.25–0.34
 *   ms → 0.05 ms in PostgreSQL). Another interceptor suffixes each name with a
 *   hash of its SQL, so the variants a fragment makes (a first page, a page after
 *   a cursor) get statements of their own: node-postgres refuses one name for two
 *   texts. Use them only for statements of a fixed shape (no `sql.join` over a
 *   list): each variant stays prepared on every connection.
 * - Slonik's driver is the service's own (db/driver.ts): node-postgres in pipeline mode, so a
 *   transaction's START and a request's binding travel with the statement after them.
 * - No `DISCARD ALL` between queries: request transactions use SET LOCAL, which
 *   ends with the transaction, so the reset would only cost a round trip — and it
 *   would drop the named statements (docs/architecture.md, Library notes).
 */
import { createHash } from 'node:crypto';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { createPool, type DatabasePool, type DriverTypeParser, type Interceptor } from 'slonik';
import { createPipelinedDriverFactory } from './driver.ts';

export const APP_ROLE = 'yorozu_app';

/** Adds the startup options that every service connection needs. */
export function serviceConnectionUri(databaseUrl: string, role: string | null = APP_ROLE): string {
  const url = new URL(databaseUrl);
  const options = [role ? `-c role=${role}` : '', '-c TimeZone=UTC'].filter(Boolean).join(' ');
  url.searchParams.set('options', options);
  return url.toString();
}

/** `2026-11-23 09:00:00.123456+00` → `2026-11-23T09:00:00.123456Z`, keeping every digit keyset cursors need. */
export function toRfc3339(value: string): string {
  if (value.endsWith('+00')) return `${value.slice(0, -3).replace(' ', 'T')}Z`;
  return new Date(value).toISOString();
}

const rowTypeInterceptor: Interceptor = {
  name: 'row-type',
  transformRow: (context, _query, row) => {
    const parser = context.resultParser;
    if (!parser) return row;
    const result = parser['~standard'].validate(row);
    if (result instanceof Promise)
      throw new Error('Row types must validate synchronously (src/db/row-type.ts)');
    if (result.issues) {
      const where = result.issues
        .map((issue: StandardSchemaV1.Issue) => `${(issue.path ?? []).join('.')}: ${issue.message}`)
        .join('; ');
      throw new Error(`Row does not match its type (${where})`);
    }
    return result.value as typeof row;
  },
};

/**
 * `name`, then SQL text → the statement's name on the server (at most 63 bytes). Two levels rather
 * than one key `name + sql`: the lookup runs on every query, and joining the two would build and
 * hash a new string of the whole SQL text each time (bench/README.md, list endpoint).
 */
const statementNames = new Map<string, Map<string, string>>();

const statementNameInterceptor: Interceptor = {
  name: 'statement-name',
  transformQuery: (_context, query) => {
    if (!query.name) return query;
    let variants = statementNames.get(query.name);
    if (variants === undefined) {
      variants = new Map();
      statementNames.set(query.name, variants);
    }
    let name = variants.get(query.sql);
    if (name === undefined) {
      const digest = createHash('sha256').update(query.sql).digest('hex').slice(0, 12);
      name = `${query.name.slice(0, 50)}_${digest}`;
      variants.set(query.sql, name);
    }
    return { ...query, name };
  },
};

/** How the service reads PostgreSQL's values: numbers as numbers, instants as RFC 3339, JSON parsed, dates as text. */
export const TYPE_PARSERS: readonly DriverTypeParser[] = [
  { name: 'int8', parse: (value) => Number(value) },
  { name: 'numeric', parse: (value) => Number(value) },
  { name: 'timestamptz', parse: toRfc3339 },
  { name: 'date', parse: (value) => value },
  { name: 'json', parse: (value) => JSON.parse(value) },
  { name: 'jsonb', parse: (value) => JSON.parse(value) },
];

export interface PoolOptions {
  databaseUrl: string;
  maximumPoolSize?: number;
  /** The service role; null connects as the URL's own user (migrations, admin tasks). */
  role?: string | null;
  /** Run after the service's own interceptors (a test counts statements with one). */
  interceptors?: readonly Interceptor[];
}

export async function createDatabasePool(options: PoolOptions): Promise<DatabasePool> {
  return createPool(
    serviceConnectionUri(options.databaseUrl, options.role === undefined ? APP_ROLE : options.role),
    {
      maximumPoolSize: options.maximumPoolSize ?? 10,
      interceptors: [statementNameInterceptor, rowTypeInterceptor, ...(options.interceptors ?? [])],
      resetConnection: async () => {},
      driverFactory: createPipelinedDriverFactory(),
      captureStackTrace: false,
      typeParsers: TYPE_PARSERS,
    },
  );
}
