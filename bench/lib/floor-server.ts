/**
 * Child process of bench/list-endpoint.ts: the floor of this stack for the list endpoint, the
 * same work per request as the service with nothing around it. Bare Fastify (no hooks, no
 * logger, no schemas) and node-postgres (no Slonik): the Bearer API key is hashed (sha256) and
 * one named statement, `platform.list_api_keys_as` (the service's own: credential, scope,
 * binding and keyset page), runs as `yorozu_app` under RLS outside any transaction; the body is
 * `{ data, nextCursor }` by JSON.stringify. Reports its URL over IPC; stops on SIGTERM or when
 * the parent goes away.
 *
 * BENCH_FLOOR_DRIVER picks what runs the statement: `pg` (the default, node-postgres alone),
 * `slonik-pg` (Slonik on its pg driver, as the service) or `slonik-postgres-js` (Slonik on
 * postgres.js, bench/lib/postgres-js-driver.ts; needs BENCH_WORK_DIR). Under Slonik the statement
 * is the service's `sql.prepared` typed query with the service's type parsers and no
 * interceptors, so the row type is declared and not checked. Every variant runs with the
 * service's V8 flags (services/api/src/runtime-flags.ts), as `npm start` does.
 */
import '../../services/api/src/runtime-flags.ts';
import Fastify from 'fastify';
import pg from 'pg';
import { createPool, sql } from 'slonik';
import Type, { type Static, type TSchema } from 'typebox';
import { serviceConnectionUri, TYPE_PARSERS, toRfc3339 } from '../../services/api/src/db/pool.ts';
import { rowType } from '../../services/api/src/db/row-type.ts';
import { API_KEY_PREFIX, hashSecret } from '../../services/api/src/kernel/auth/secrets.ts';
import { encodeCursor } from '../../services/api/src/kernel/pagination.ts';
import { createPostgresJsDriverFactory, loadPostgresJs } from './postgres-js-driver.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('floor-server: DATABASE_URL is required');

const PAGE = 20;
const TIMESTAMPTZ = 1184;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ ? toRfc3339 : pg.types.getTypeParser(oid, format),
};

const LIST = `SELECT caller_key_id, caller_allowed, id, name, prefix, scopes, created_at AS "createdAt",
                     last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
              FROM platform.list_api_keys_as($1, NULL, 'api-keys:read', NULL, NULL, $2)`;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const FloorColumns = Type.Object({
  caller_key_id: Nullable(Type.String()),
  caller_allowed: Nullable(Type.Boolean()),
  id: Nullable(Type.String()),
  name: Nullable(Type.String()),
  prefix: Nullable(Type.String()),
  scopes: Nullable(Type.Array(Type.String())),
  createdAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
});
const FloorRow = rowType(FloorColumns);
/** A page row's key columns are NOT NULL (migrations/0070): only the caller row has them null. */
type Row = Static<typeof FloorColumns> & { id: string; createdAt: string };

const driver = process.env.BENCH_FLOOR_DRIVER ?? 'pg';
let list: (secretHash: Buffer) => Promise<readonly Row[]>;
let end: () => Promise<void>;
if (driver === 'pg') {
  const pool = new pg.Pool({ connectionString: serviceConnectionUri(databaseUrl), max: 10, types });
  list = async (secretHash) =>
    (await pool.query<Row>({ name: 'floor_list', text: LIST, values: [secretHash, PAGE + 1] })).rows;
  end = () => pool.end();
} else if (driver === 'slonik-pg' || driver === 'slonik-postgres-js') {
  const workDir = process.env.BENCH_WORK_DIR;
  if (driver === 'slonik-postgres-js' && !workDir)
    throw new Error('floor-server: BENCH_WORK_DIR is required for slonik-postgres-js');
  const pool = await createPool(serviceConnectionUri(databaseUrl), {
    maximumPoolSize: 10,
    resetConnection: async () => {},
    captureStackTrace: false,
    typeParsers: [...TYPE_PARSERS],
    ...(driver === 'slonik-postgres-js'
      ? { driverFactory: createPostgresJsDriverFactory(await loadPostgresJs(workDir!)) }
      : {}),
  });
  // The page rows' key columns are not null (see Row).
  list = (secretHash) =>
    pool.any(sql.prepared('floor_list', FloorRow)`
      SELECT caller_key_id, caller_allowed, id, name, prefix, scopes, created_at AS "createdAt",
             last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
      FROM platform.list_api_keys_as(${sql.binary(secretHash)}, NULL, 'api-keys:read', NULL, NULL, ${PAGE + 1})
    `) as Promise<readonly Row[]>;
  end = () => pool.end();
} else {
  throw new Error(`floor-server: unknown BENCH_FLOOR_DRIVER ${driver}`);
}

const app = Fastify();
app.get('/v1/api-keys', async (request, reply) => {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token?.startsWith(API_KEY_PREFIX)) return reply.code(401).send({ code: 'unauthenticated' });
  const rows = await list(hashSecret(token));
  const [caller, ...page] = rows;
  if (!caller) return reply.code(401).send({ code: 'unauthenticated' });
  if (!caller.caller_allowed) return reply.code(403).send({ code: 'forbidden' });
  const data = page.slice(0, PAGE).map(({ caller_key_id: _key, caller_allowed: _allowed, ...row }) => row);
  const last = data.at(-1);
  return { data, nextCursor: page.length > PAGE && last ? encodeCursor('api-keys', last) : null };
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close();
  await end();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.once('disconnect', () => void stop());

process.send?.({ url });
