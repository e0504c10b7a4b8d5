import { sql, UniqueIntegrityConstraintViolationError } from 'slonik';
import Type from 'typebox';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startTcpProxy } from '../../test/tcp-proxy.ts';
import { PIPELINED, READ_ONLY_PIPELINED } from './driver.ts';
import { createDatabasePool } from './pool.ts';
import { NoRows, rowType } from './row-type.ts';

const databaseUrl = new URL(inject('databaseUrl'));
const proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
const viaProxy = new URL(databaseUrl);
viaProxy.hostname = '127.0.0.1';
viaProxy.port = String(proxy.port);
// As the URL's own user, one connection: every statement of a test shares it.
const pool = await createDatabasePool({ databaseUrl: viaProxy.toString(), role: null, maximumPoolSize: 1 });
afterAll(async () => {
  await pool.end();
  await proxy.close();
});

const Setting = rowType(Type.Object({ value: Type.String() }));
const bind = (value: string) =>
  sql.prepared(`${PIPELINED}test_bind`, NoRows)`SELECT FROM set_config('test.bound', ${value}, true)`;
const bindReadOnly = (value: string) =>
  sql.prepared(`${READ_ONLY_PIPELINED}test_bind`, NoRows)`
    SELECT FROM set_config('test.bound', ${value}, true) AS bound,
                set_config('transaction_read_only', 'on', true) AS read_only`;
const bound = sql.type(Setting)`SELECT current_setting('test.bound', true) AS value`;
const failing = sql.prepared(`${PIPELINED}test_fail`, NoRows)`
  SELECT FROM generate_series(1, 1) AS g WHERE 1 / (g - 1) > 0`;

beforeEach(async () => {
  await pool.query(sql.type(NoRows)`SELECT`);
  proxy.resetFlights();
});

describe('the pipelined driver', () => {
  it('writes START TRANSACTION with the first statement: a transaction of one query is two flights', async () => {
    const value = await pool.transaction((tx) => tx.oneFirst(sql.type(Setting)`SELECT 'one' AS value`));
    expect(value).toBe('one');
    expect(proxy.flights()).toBe(2);
  });

  it('writes a held statement with the next one, in the same transaction, which sees what it set', async () => {
    const value = await pool.transaction(async (tx) => {
      await tx.query(bind('alice'));
      return tx.oneFirst(bound);
    });
    expect(value).toBe('alice');
    expect(proxy.flights()).toBe(2);
    // SET LOCAL ended with the transaction: the connection's next transaction sees nothing.
    expect(await pool.transaction((tx) => tx.oneFirst(bound))).toBe('');
  });

  it('fails the statement a held one travelled with by the held one’s own error, and rolls back', async () => {
    const outcome = pool.transaction(async (tx) => {
      await tx.query(failing);
      return tx.oneFirst(sql.type(Setting)`SELECT 'after' AS value`);
    });
    await expect(outcome).rejects.toMatchObject({ code: '22012' });
    expect(await pool.oneFirst(sql.type(Setting)`SELECT 'usable' AS value`)).toBe('usable');
  });

  it('writes held statements with COMMIT when nothing follows them, and fails the COMMIT by their error', async () => {
    await pool.transaction((tx) => tx.query(bind('unread')));
    // START, the held statement and COMMIT in one flight.
    expect(proxy.flights()).toBe(1);
    await expect(pool.transaction((tx) => tx.query(failing))).rejects.toMatchObject({ code: '22012' });
  });

  it('sends nothing for a transaction that ran no statement, committed or rolled back', async () => {
    await pool.transaction(async () => {});
    await expect(
      pool.transaction(async (tx) => {
        await tx.query(bind('never sent'));
        throw new Error('refused before any query');
      }),
    ).rejects.toThrow('refused before any query');
    expect(proxy.flights()).toBe(0);
  });

  it('refuses a held statement outside a transaction, where its setting would not reach the next one', async () => {
    await expect(pool.query(bind('loose'))).rejects.toThrow(/belongs in a transaction/);
  });

  it('does not wait for the COMMIT of a read-only transaction, and the next statement queues behind it', async () => {
    const value = await pool.transaction(async (tx) => {
      await tx.query(bindReadOnly('reader'));
      const read = await tx.oneFirst(bound);
      // From here the server's answers stop: the COMMIT below is written and not waited for.
      proxy.holdAnswers();
      return read;
    });
    expect(value).toBe('reader');
    const next = pool.oneFirst(sql.type(Setting)`SELECT 'next' AS value`);
    proxy.releaseAnswers();
    expect(await next).toBe('next');
  });

  it('lets an unanswered read-only COMMIT finish when the connection is ended after a failure', async () => {
    await pool.transaction(async (tx) => {
      await tx.query(bindReadOnly('reader'));
      await tx.oneFirst(bound);
      proxy.holdAnswers();
    });
    // Refused before any statement: Slonik ends the connection while that COMMIT is unanswered.
    const refused = pool.transaction(async () => {
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    proxy.releaseAnswers();
    expect(await pool.oneFirst(sql.type(Setting)`SELECT 'next' AS value`)).toBe('next');
  });

  it('keeps a read-only transaction read-only', async () => {
    const outcome = pool.transaction(async (tx) => {
      await tx.query(bindReadOnly('reader'));
      await tx.query(sql.type(NoRows)`CREATE TEMPORARY TABLE written (id int)`);
    });
    await expect(outcome).rejects.toMatchObject({ code: '25006' });
  });

  it("names PostgreSQL's errors as Slonik does", async () => {
    const outcome = pool.transaction(async (tx) => {
      await tx.query(sql.type(NoRows)`CREATE TEMPORARY TABLE once (id int PRIMARY KEY) ON COMMIT DROP`);
      await tx.query(sql.type(NoRows)`INSERT INTO once VALUES (1), (1)`);
    });
    await expect(outcome).rejects.toBeInstanceOf(UniqueIntegrityConstraintViolationError);
  });

  it('parses values with the service’s type parsers, arrays of them included', async () => {
    const row = await pool.one(sql.type(
      rowType(Type.Object({ count: Type.Number(), instants: Type.Array(Type.String()) })),
    )`SELECT 9007199254740991::int8 AS count,
             ARRAY['2026-11-30 09:00:00.5+00'::timestamptz, '2026-12-01 00:00:00+00'::timestamptz] AS instants`);
    expect(row).toEqual({
      count: 9007199254740991,
      instants: ['2026-11-30T09:00:00.5Z', '2026-12-01T00:00:00Z'],
    });
  });
});
