/**
 * Child process of bench/list-endpoint.ts: the floor of this stack for the list endpoint, the
 * same work per request as the service with nothing around it. Bare Fastify (no hooks, no
 * logger, no schemas) and node-postgres (no Slonik): the Bearer API key is hashed (sha256) and
 * one named statement, `platform.list_api_keys_as` (the service's own: credential, scope,
 * binding and keyset page), runs as `yorozu_app` under RLS outside any transaction; the body is
 * `{ data, nextCursor }` by JSON.stringify. Reports its URL over IPC; stops on SIGTERM or when
 * the parent goes away.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { serviceConnectionUri, toRfc3339 } from '../../services/api/src/db/pool.ts';
import { API_KEY_PREFIX, hashSecret } from '../../services/api/src/kernel/auth/secrets.ts';
import { encodeCursor } from '../../services/api/src/kernel/pagination.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('floor-server: DATABASE_URL is required');

const PAGE = 20;
const TIMESTAMPTZ = 1184;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ ? toRfc3339 : pg.types.getTypeParser(oid, format),
};
const pool = new pg.Pool({ connectionString: serviceConnectionUri(databaseUrl), max: 10, types });

const LIST = `SELECT caller_key_id, caller_allowed, id, name, prefix, scopes, created_at AS "createdAt",
                     last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
              FROM platform.list_api_keys_as($1, NULL, 'api-keys:read', NULL, NULL, $2)`;

const app = Fastify();
app.get('/v1/api-keys', async (request, reply) => {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token?.startsWith(API_KEY_PREFIX)) return reply.code(401).send({ code: 'unauthenticated' });
  const { rows } = await pool.query({
    name: 'floor_list',
    text: LIST,
    values: [hashSecret(token), PAGE + 1],
  });
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
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.once('disconnect', () => void stop());

process.send?.({ url });
