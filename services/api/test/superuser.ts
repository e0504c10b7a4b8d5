/**
 * A pool that connects as the database URL's own user (a superuser, not
 * yorozu_app): for test setup the service may not do itself, such as making
 * an account admin or back-dating a quota counter. Closed after the file.
 */
import type { DatabasePool } from 'slonik';
import { afterAll } from 'vitest';
import { createDatabasePool } from '../src/db/pool.ts';

export async function superuserPool(databaseUrl: string): Promise<DatabasePool> {
  const pool = await createDatabasePool({ databaseUrl, role: null, maximumPoolSize: 2 });
  afterAll(() => pool.end());
  return pool;
}
