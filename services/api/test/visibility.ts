/**
 * The visibility checks every public resource must pass (docs/architecture.md, Visibility and
 * shared data), through the API and through SQL as the service role, so a handler bug cannot
 * hide a missing policy:
 * - anonymous callers and other accounts read a published row, and never an unpublished one;
 * - an unpublished row answers another account exactly like a missing one (same status, same body);
 * - another account can neither change, delete nor re-publish the row: not by API, and not by
 *   SQL as the service role bound to that account (RLS must refuse it);
 * - an interaction by B on A's row is visible to both A and B, and to nobody else.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type DatabasePool, sql } from 'slonik';
import { expect } from 'vitest';
import { withAccount } from '../src/kernel/tenancy.ts';
import { type Account, as, signUp } from './harness.ts';

export interface VisibleRow {
  /** The read anyone may make once the row is published, e.g. `GET /v1/profiles/ada`. */
  read: InjectOptions;
  /** The row's key in its table. */
  key: string;
}

export interface VisibilityCase {
  /** A published row of `owner`. */
  publish(owner: Account): Promise<VisibleRow>;
  /** An unpublished row (a draft, a private profile) of `owner`. */
  draft(owner: Account): Promise<VisibleRow>;
  /** The same read for a row that does not exist. */
  missing: InjectOptions;
  /** How the owner reads the row back (unchanged by anyone else's attempts). */
  ownerView(owner: Account): InjectOptions;
  /** Requests by another account that try to change, delete or (re-)publish the owner's row. */
  attacks(row: VisibleRow): InjectOptions[];
  /** The table, its key column, a column the owner may write, and what publishing sets. */
  table: { name: [string, string]; key: string; writable: string; publish: ReturnType<typeof sql.fragment> };
  /** A shared interaction: B acts on A's published row; `list` is what a viewer can see of them. */
  interaction: {
    create(actor: Account, row: VisibleRow): Promise<string>;
    list(viewer: Account): Promise<string[]>;
  };
}

/** The problem body without what differs between any two requests. */
function comparable(response: LightMyRequestResponse) {
  const { requestId: _requestId, instance: _instance, ...rest } = response.json();
  return { status: response.statusCode, body: rest };
}

async function asServiceRole(
  pool: DatabasePool,
  accountId: string,
  statement: ReturnType<typeof sql.unsafe>,
) {
  return withAccount(pool, accountId, (tx) => tx.query(statement));
}

export async function checkVisibility(app: FastifyInstance, pool: DatabasePool, resource: VisibilityCase) {
  const [owner, other, third] = [await signUp(app), await signUp(app), await signUp(app)];
  const published = await resource.publish(owner);
  const draft = await resource.draft(await signUp(app));

  // Published: anonymous and another account read it.
  expect((await app.inject(published.read)).statusCode).toBe(200);
  expect((await as(app, other.accessToken, published.read)).statusCode).toBe(200);

  // Unpublished: 404 to anonymous and another account, with the body of a missing row.
  const missingAnonymous = comparable(await app.inject(resource.missing));
  const missingOther = comparable(await as(app, other.accessToken, resource.missing));
  expect(missingAnonymous.status).toBe(404);
  expect(comparable(await app.inject(draft.read))).toEqual(missingAnonymous);
  expect(comparable(await as(app, other.accessToken, draft.read))).toEqual(missingOther);

  // By API: another account's attempts leave the owner's row as it was.
  const before = (await as(app, owner.accessToken, resource.ownerView(owner))).json();
  for (const attack of resource.attacks(published)) {
    const response = await as(app, other.accessToken, attack);
    expect(response.statusCode, `${attack.method} ${attack.url}`).toBeGreaterThanOrEqual(400);
  }
  expect((await as(app, owner.accessToken, resource.ownerView(owner))).json()).toEqual(before);

  // By SQL as the service role bound to another account: RLS matches none of the owner's rows.
  const [schema, table] = resource.table.name;
  const target = sql.identifier([schema, table]);
  const key = sql.identifier([resource.table.key]);
  const writable = sql.identifier([resource.table.writable]);
  for (const row of [published, draft]) {
    const update = await asServiceRole(
      pool,
      other.id,
      sql.unsafe`UPDATE ${target} SET ${writable} = ${writable} WHERE ${key} = ${row.key}`,
    );
    expect(update.rowCount).toBe(0);
    const deleted = await asServiceRole(
      pool,
      other.id,
      sql.unsafe`DELETE FROM ${target} WHERE ${key} = ${row.key}`,
    );
    expect(deleted.rowCount).toBe(0);
  }
  const republished = await asServiceRole(
    pool,
    other.id,
    sql.unsafe`UPDATE ${target} SET ${resource.table.publish} WHERE ${key} = ${draft.key}`,
  );
  expect(republished.rowCount).toBe(0);
  // Unbound (anonymous), SELECT sees the published row and not the draft.
  const seen = await pool.transaction((tx) =>
    tx.anyFirst(
      sql.unsafe`SELECT ${key}::text FROM ${target} WHERE ${key} IN (${published.key}, ${draft.key})`,
    ),
  );
  expect(seen).toEqual([published.key]);
  expect(comparable(await app.inject(draft.read))).toEqual(missingAnonymous);

  // Shared interaction: B's on A's row is visible to both, not to a third account.
  const interaction = await resource.interaction.create(other, published);
  expect(await resource.interaction.list(other)).toContain(interaction);
  expect(await resource.interaction.list(owner)).toContain(interaction);
  expect(await resource.interaction.list(third)).not.toContain(interaction);
}
