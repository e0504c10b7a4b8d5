/**
 * One fresh database per test run (see src/testing/fresh-database.ts),
 * migrated once and dropped at the end. Tests isolate themselves by signing
 * up their own accounts.
 */
import type { TestProject } from 'vitest/node';
import { createFreshDatabase } from '../src/testing/fresh-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createFreshDatabase();
  project.provide('databaseUrl', database.databaseUrl);
  return () => database.drop();
}
