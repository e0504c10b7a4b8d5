/**
 * The Slonik pool the service queries through.
 *
 * - Connects as `yorozu_app` (startup option `role`), which owns no table, so
 *   row-level security applies (DESIGN.md, Tenancy) whatever user the URL names.
 * - Session time zone UTC, so timestamps parse straight to RFC 3339.
 * - Type parsers give rows the API's shape: numbers, not BigInt; ISO strings,
 *   not epoch milliseconds (DESIGN.md, Known gotchas).
 * - An interceptor runs each query's row type, without which `sql.type` checks nothing.
 * - No `DISCARD ALL` between queries: request transactions use SET LOCAL, which
 *   ends with the transaction, so the reset would only cost a round trip.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { createPool, type DatabasePool, type Interceptor } from 'slonik';

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
  transformRowAsync: async (context, _query, row) => {
    const parser = context.resultParser;
    if (!parser) return row;
    const result = await parser['~standard'].validate(row);
    if (result.issues) {
      const where = result.issues
        .map((issue: StandardSchemaV1.Issue) => `${(issue.path ?? []).join('.')}: ${issue.message}`)
        .join('; ');
      throw new Error(`Row does not match its type (${where})`);
    }
    return result.value as typeof row;
  },
};

export interface PoolOptions {
  databaseUrl: string;
  maximumPoolSize?: number;
  /** The service role; null connects as the URL's own user (migrations, admin tasks). */
  role?: string | null;
}

export async function createDatabasePool(options: PoolOptions): Promise<DatabasePool> {
  return createPool(
    serviceConnectionUri(options.databaseUrl, options.role === undefined ? APP_ROLE : options.role),
    {
      maximumPoolSize: options.maximumPoolSize ?? 10,
      interceptors: [rowTypeInterceptor],
      resetConnection: async () => {},
      captureStackTrace: false,
      typeParsers: [
        { name: 'int8', parse: (value) => Number(value) },
        { name: 'numeric', parse: (value) => Number(value) },
        { name: 'timestamptz', parse: toRfc3339 },
        { name: 'date', parse: (value) => value },
        { name: 'json', parse: (value) => JSON.parse(value) },
        { name: 'jsonb', parse: (value) => JSON.parse(value) },
      ],
    },
  );
}
