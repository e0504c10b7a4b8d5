/**
 * The product's maintenance (docs/products/stickers.md) as scheduled work:
 * finished render jobs older than 7 days and expired cache entries are
 * deleted in batches across every account. Idempotent, and safe with several
 * workers at once: the SQL functions (migrations/0005_stickers.sql) skip rows
 * another run holds, so no row is deleted twice and a second run finds
 * nothing left to do.
 */
import type { CommonQueryMethods } from 'slonik';
import { deleteExpiredCacheEntries, deleteFinishedTasks } from './queries.ts';

/** Seed 003: tasks are deleted 7 days after they were created, once completed or failed. */
export const TASK_RETENTION_DAYS = 7;
const BATCH = 500;

export interface CleanupReport {
  tasks: number;
  cacheEntries: number;
}

/** Calls a batch deleter until a batch comes back short; returns how many rows it deleted in all. */
async function drain(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export async function cleanupStickers(db: CommonQueryMethods): Promise<CleanupReport> {
  const tasks = await drain(() => deleteFinishedTasks(db, TASK_RETENTION_DAYS, BATCH));
  const cacheEntries = await drain(() => deleteExpiredCacheEntries(db, BATCH));
  return { tasks, cacheEntries };
}
