/**
 * File bytes in chunks (platform.file_chunks): files stored before the chunks existed are moved
 * into them by their migration, and a Buffer the service stores itself (a render, synthesized
 * speech) is chunked like an upload. Both read back whole, and in ranges across chunk boundaries.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { type DatabasePool, sql } from 'slonik';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { zip } from '../../../test/media-samples.ts';
import { createDatabase, dropDatabase } from '../../db/databases.ts';
import { MIGRATIONS_DIR, migrate } from '../../db/migrate.ts';
import { createDatabasePool } from '../../db/pool.ts';
import { withAccount } from '../tenancy.ts';
import { CHUNK_BYTES, etagOf, postgresFileStore } from './index.ts';

/** A valid ZIP of some `bytes` random bytes: several chunks. */
function archive(bytes: number): Buffer {
  return zip({ 'data.bin': randomBytes(bytes / 2).toString('hex') });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of stream as AsyncIterable<Buffer>) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** Reads `file` as its owner: whole through `get`, and a range across the first chunk boundary through `stream`. */
async function readBack(pool: DatabasePool, accountId: string, id: string) {
  const later = <T>(read: Parameters<typeof withAccount<T>>[2]) => withAccount(pool, accountId, read);
  return withAccount(pool, accountId, async (db) => {
    const whole = await postgresFileStore.get(db, accountId, id);
    const part = { offset: CHUNK_BYTES - 3, length: CHUNK_BYTES + 6 };
    const stream = await postgresFileStore.stream(db, id, part, later);
    return { whole, range: stream && (await readAll(stream)) };
  });
}

describe('chunked file bytes', () => {
  it('moves the bytes of files stored before the chunks into chunks, readable whole and in ranges', async () => {
    const server = inject('databaseUrl');
    const name = `yorozu_test_chunks_${process.pid}_${Date.now()}`;
    const databaseUrl = await createDatabase(server, name);
    onTestFinished(() => dropDatabase(server, name));
    // The database as it was before the chunks' migration, with a file of several chunks in it.
    const migrations = readdirSync(MIGRATIONS_DIR)
      .filter((file) => file.endsWith('.sql'))
      .sort();
    const before = migrations.findIndex((file) => file.startsWith('0400_'));
    expect(before).toBeGreaterThan(0);
    await runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      migrationsSchema: 'public',
      count: before,
      checkOrder: true,
      log: () => {},
    });
    const bytes = archive(3 * CHUNK_BYTES);
    const accountId = randomUUID();
    const fileId = randomUUID();
    const owner = new pg.Client({ connectionString: databaseUrl });
    await owner.connect();
    try {
      await owner.query(`INSERT INTO platform.accounts (id, email, password_hash) VALUES ($1, $2, 'x')`, [
        accountId,
        `${accountId}@example.com`,
      ]);
      await owner.query(
        `INSERT INTO platform.files (id, account_id, content_type, size, etag, bytes)
         VALUES ($1, $2, 'application/zip', $3, $4, $5)`,
        [fileId, accountId, bytes.length, etagOf(bytes), bytes],
      );
    } finally {
      await owner.end();
    }

    await migrate(databaseUrl);
    const pool = await createDatabasePool({ databaseUrl, maximumPoolSize: 2 });
    onTestFinished(() => pool.end());
    const { whole, range } = await readBack(pool, accountId, fileId);
    expect(whole?.bytes.equals(bytes)).toBe(true);
    expect(range?.equals(bytes.subarray(CHUNK_BYTES - 3, 2 * CHUNK_BYTES + 3))).toBe(true);
    // Another account reads nothing of it.
    const stranger = await withAccount(pool, randomUUID(), (db) =>
      postgresFileStore.stream(db, fileId, { offset: 0, length: 1 }, () =>
        Promise.reject(new Error('unused')),
      ),
    );
    expect(stranger).toBeNull();
  });

  it("stores a Buffer (the service's own file) in chunks, as an upload's", async () => {
    const pool = await createDatabasePool({ databaseUrl: inject('databaseUrl'), maximumPoolSize: 2 });
    onTestFinished(() => pool.end());
    const owner = await createDatabasePool({
      databaseUrl: inject('databaseUrl'),
      role: null,
      maximumPoolSize: 1,
    });
    onTestFinished(() => owner.end());
    const accountId = randomUUID();
    await owner.query(sql.unsafe`
      INSERT INTO platform.accounts (id, email, password_hash) VALUES (${accountId}, ${`${accountId}@example.com`}, 'x')
    `);
    const bytes = archive(2 * CHUNK_BYTES + 1000);
    const file = await withAccount(pool, accountId, (db) => postgresFileStore.put(db, { accountId, bytes }));
    expect(file).toMatchObject({ contentType: 'application/zip', size: bytes.length, etag: etagOf(bytes) });
    const { whole, range } = await readBack(pool, accountId, file.id);
    expect(whole?.bytes.equals(bytes)).toBe(true);
    expect(range?.equals(bytes.subarray(CHUNK_BYTES - 3, 2 * CHUNK_BYTES + 3))).toBe(true);
  });
});
