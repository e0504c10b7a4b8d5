/**
 * A Slonik driver on postgres.js, for the list endpoint's floors (bench/list-endpoint.ts):
 * `createPool(uri, { driverFactory: createPostgresJsDriverFactory(postgres) })`.
 *
 * It mirrors Slonik's own pg driver (@slonik/pg-driver, `createPgDriverFactory`) through
 * `createDriverFactory` (@slonik/driver): each Slonik pool client is one connection, here a
 * postgres.js instance with `max: 1` (postgres.js refuses `BEGIN` on a pool of more than one,
 * and Slonik's pool, not postgres.js's, hands connections out). What the bench needs, no more:
 *
 * - `query` with parameters returns rows, fields, command and rowCount. Every statement is
 *   prepared (`prepare: true`): postgres.js names and caches it per connection by its text and
 *   parameter types, so Slonik's statement name (`sql.prepared`) is not needed and is ignored.
 * - Slonik's type parsers (`typeParsers`, by `pg_type.typname`) replace postgres.js's for
 *   those types; postgres.js derives the array types' parsers from them (`fetch_types`).
 * - Errors map to Slonik's errors by SQLSTATE as the service's driver maps them (`driverError`).
 * - Notices reach the client's `notice` event; a connection that closes while the client is
 *   in use emits `error`, as the pg driver's client `error` event does.
 * - `stream` is not supported (it throws).
 *
 * postgres.js is a bench tool (bench/lib/harness.ts, `TOOLS`), installed into bench/.work at
 * run time and never a project dependency, so it is passed in (`loadPostgresJs`) and typed
 * here by the little this file uses of it (postgres.js README: `sql.unsafe`, options
 * `types`, `onnotice`, `onclose`, `prepare`, `connection`; results carry `count`, `command`
 * and `columns`).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BackendTerminatedError,
  BackendTerminatedUnexpectedlyError,
  createDriverFactory,
  type DriverCommand,
  type DriverConfiguration,
  type DriverFactory,
  type DriverTypeParser,
} from 'slonik';
import { driverError } from '../../services/api/src/db/driver.ts';

interface PostgresJsType {
  to: number;
  from: number[];
  serialize: (value: unknown) => string;
  parse: (value: string) => unknown;
}

interface PostgresJsOptions {
  max: number;
  prepare: boolean;
  fetch_types: boolean;
  idle_timeout: number | null;
  max_lifetime: number | null;
  connect_timeout?: number;
  password?: string;
  types: Record<string, PostgresJsType>;
  connection: Record<string, string>;
  onnotice: (notice: { message?: string }) => void;
  onclose: () => void;
}

interface PostgresJsResult extends Array<Record<string, unknown>> {
  count: number | null;
  command: string | null;
  columns: { name: string; type: number }[] | null;
}

interface PostgresJsSql {
  unsafe(query: string, values: unknown[], options: { prepare: boolean }): Promise<PostgresJsResult>;
  end(options: { timeout: number }): Promise<void>;
}

/** postgres.js's default export: `postgres(url, options)`. */
export type PostgresJs = (url: string, options: PostgresJsOptions) => PostgresJsSql;

/** postgres.js from bench/.work (bench/lib/harness.ts installs it). */
export async function loadPostgresJs(workDir: string): Promise<PostgresJs> {
  const entry = pathToFileURL(join(workDir, 'node_modules', 'postgres', 'src', 'index.js')).href;
  return ((await import(entry)) as { default: PostgresJs }).default;
}

/**
 * Errors as Slonik names them: postgres.js's own connection errors (postgres.js README, Connection
 * errors), then by SQLSTATE as the service's driver maps them (a PostgresError carries it as `code`).
 */
function wrapError(error: Error, query: { sql: string; values: readonly unknown[] } | null): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'CONNECTION_CLOSED') return new BackendTerminatedUnexpectedlyError(error);
  if (code === 'CONNECTION_ENDED' || code === 'CONNECTION_DESTROYED')
    return new BackendTerminatedError(error);
  return driverError(error, query);
}

/** Slonik's type parsers as postgres.js custom types, keyed by the types' oids (looked up once). */
async function customTypes(
  postgres: PostgresJs,
  connectionUri: string,
  options: Omit<PostgresJsOptions, 'types' | 'onnotice' | 'onclose'>,
  typeParsers: readonly DriverTypeParser[],
): Promise<Record<string, PostgresJsType>> {
  if (typeParsers.length === 0) return {};
  const sql = postgres(connectionUri, { ...options, types: {}, onnotice: () => {}, onclose: () => {} });
  try {
    const rows = await sql.unsafe(
      'SELECT oid, typname FROM pg_type WHERE typname = ANY($1::text[])',
      [typeParsers.map((parser) => parser.name)],
      { prepare: false },
    );
    const types: Record<string, PostgresJsType> = {};
    for (const parser of typeParsers) {
      const row = rows.find((candidate) => candidate.typname === parser.name);
      if (!row) throw new Error(`Database type "${parser.name}" not found.`);
      const oid = Number(row.oid);
      types[parser.name] = { to: oid, from: [oid], serialize: (value) => String(value), parse: parser.parse };
    }
    return types;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function timeoutSeconds(value: DriverConfiguration['connectionTimeout']): number | undefined {
  if (value === 'DISABLE_TIMEOUT') return undefined;
  return Math.max(value, 1) / 1000;
}

/** Slonik's session settings as startup parameters, as the pg driver sends them. */
function startupParameters(configuration: DriverConfiguration): Record<string, string> {
  const parameters: Record<string, string> = {};
  if (configuration.statementTimeout !== 'DISABLE_TIMEOUT')
    parameters.statement_timeout = String(Math.max(configuration.statementTimeout, 1));
  if (configuration.idleInTransactionSessionTimeout !== 'DISABLE_TIMEOUT')
    parameters.idle_in_transaction_session_timeout = String(
      Math.max(configuration.idleInTransactionSessionTimeout, 1),
    );
  return parameters;
}

export function createPostgresJsDriverFactory(postgres: PostgresJs): DriverFactory {
  return createDriverFactory(async ({ driverConfiguration }) => {
    // The URL's own parameters (`options=-c role=…`, application_name) reach the server as
    // startup parameters: postgres.js passes every query parameter it does not know on.
    const { connectionUri } = driverConfiguration;
    const base = {
      max: 1,
      prepare: true,
      fetch_types: true,
      // Slonik's pool ends idle and old clients itself.
      idle_timeout: null,
      max_lifetime: null,
      connect_timeout: timeoutSeconds(driverConfiguration.connectionTimeout),
      connection: startupParameters(driverConfiguration),
    };
    if (driverConfiguration.ssl)
      throw new Error('postgres-js-driver: ssl is not supported by this bench driver');
    if (typeof driverConfiguration.password === 'string')
      Object.assign(base, { password: driverConfiguration.password });
    const types = await customTypes(postgres, connectionUri, base, driverConfiguration.typeParsers);

    return {
      createPoolClient: async ({ clientEventEmitter }) => {
        let ending = false;
        const sql = postgres(connectionUri, {
          ...base,
          ...(typeof driverConfiguration.password === 'function'
            ? { password: await driverConfiguration.password() }
            : {}),
          types,
          onnotice: (notice) => {
            if (notice.message) clientEventEmitter.emit('notice', { message: notice.message });
          },
          onclose: () => {
            if (!ending)
              clientEventEmitter.emit(
                'error',
                new BackendTerminatedUnexpectedlyError(new Error('Connection terminated unexpectedly')),
              );
          },
        });
        return {
          // postgres.js connects on its first query: this one opens the connection (and reads
          // the array types) before Slonik hands the client out, as the pg driver's connect does.
          connect: async () => {
            try {
              await sql.unsafe('SELECT 1', [], { prepare: false });
            } catch (error) {
              ending = true;
              await sql.end({ timeout: 0 }).catch(() => {});
              throw wrapError(error as Error, null);
            }
          },
          end: async () => {
            ending = true;
            await sql.end({ timeout: 5 });
          },
          query: async (text, values = []) => {
            let result: PostgresJsResult;
            try {
              result = await sql.unsafe(text, values, { prepare: true });
            } catch (error) {
              throw wrapError(error as Error, { sql: text, values });
            }
            return {
              command: (result.command ?? 'SELECT') as DriverCommand,
              fields: (result.columns ?? []).map((column) => ({
                dataTypeId: column.type,
                name: column.name,
              })),
              rowCount: result.count,
              rows: result,
            };
          },
          stream: () => {
            throw new Error(
              'postgres-js-driver: stream is not supported by this bench driver (use the pg driver for sql streams)',
            );
          },
        };
      },
    };
  });
}
