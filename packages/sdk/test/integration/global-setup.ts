/**
 * The real service (services/api) on a fresh database, once for every integration test file:
 * DATABASE_URL's server when set, else an embedded PostgreSQL. Tests isolate themselves by
 * signing up their own accounts. (The rate-limit test starts its own, stricter server.)
 */
import { startTestServer } from '@yorozu/api/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  project.provide('baseUrl', server.baseUrl);
  project.provide('databaseUrl', server.databaseUrl);
  return () => server.stop();
}
