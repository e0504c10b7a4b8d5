/**
 * Test harness: the real app on the run's real database. `testApp()` builds
 * one app per test file; `signUp()` makes a fresh account, so tests never
 * share data and can run in parallel.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DatabasePool, Interceptor } from 'slonik';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createEngines, type Engines } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { createDatabasePool } from '../src/db/pool.ts';
import { createFreshDatabase } from '../src/testing/fresh-database.ts';

export interface TestApp {
  app: FastifyInstance;
  pool: DatabasePool;
  databaseUrl: string;
  /** Moves the clock the app issues and verifies tokens by. */
  clock: { offsetMs: number };
}

export interface TestAppOptions {
  /** Registers test-only routes before the app is ready (e.g. one that spends quota). */
  routes?: (app: FastifyInstance) => void;
  /** Another database than the run's (a file whose workers must not share the run's queue). */
  databaseUrl?: string;
  /** Engines in place of those the composition root would choose (e.g. a fake character analyser). */
  engines?: Partial<Engines>;
  /** Extra Slonik interceptors on the app's pool (e.g. one that counts statements). */
  interceptors?: readonly Interceptor[];
}

export async function testApp(
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? inject('databaseUrl');
  // Every test signs its accounts up from one address: the per-IP auth budget would end a busy file.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    AUTH_REQUESTS_PER_MINUTE: '1000000',
    ...env,
  });
  const pool = await createDatabasePool({
    databaseUrl,
    maximumPoolSize: 5,
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
  });
  const clock = { offsetMs: 0 };
  const engines = createEngines(config, { clock: () => Date.now() + clock.offsetMs, ...options.engines });
  const app = await buildApp({ config, pool, engines, logger: false });
  options.routes?.(app);
  await app.ready();
  afterAll(() => app.close());
  return { app, pool, databaseUrl, clock };
}

/**
 * A database of the calling file's own, dropped after it: the job queue is per database, so a
 * file whose workers run the product job types with test handlers must not share the run's
 * queue with files whose workers run the real handlers (each would take the other's jobs).
 */
export async function ownDatabase(): Promise<string> {
  const database = await createFreshDatabase(inject('databaseUrl'));
  afterAll(() => database.drop());
  return database.databaseUrl;
}

export interface Account {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export function uniqueEmail(): string {
  return `user-${randomUUID()}@example.com`;
}

export async function signUp(app: FastifyInstance): Promise<Account> {
  const email = uniqueEmail();
  const password = 'a perfectly fine passphrase';
  const response = await app.inject({ method: 'POST', url: '/v1/auth/signup', payload: { email, password } });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const body = response.json();
  return {
    id: body.account.id,
    email,
    password,
    accessToken: body.tokens.accessToken,
    refreshToken: body.tokens.refreshToken,
  };
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** `app.inject` with a bearer token. */
export function as(
  app: FastifyInstance,
  token: string,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return app.inject({ ...options, headers: { ...bearer(token), ...options.headers } });
}

/** Asserts the RFC 9457 shape every error must have, and returns the body. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  const body = response.json();
  const problem = {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    code: body.code,
    bodyStatus: body.status,
  };
  const expected = {
    status,
    contentType: 'application/problem+json; charset=utf-8',
    code,
    bodyStatus: status,
  };
  if (JSON.stringify(problem) !== JSON.stringify(expected)) {
    throw new Error(
      `expected problem ${JSON.stringify(expected)}, got ${JSON.stringify(problem)}: ${response.body}`,
    );
  }
  for (const field of ['type', 'title', 'detail', 'requestId']) {
    if (typeof body[field] !== 'string') throw new Error(`problem lacks ${field}: ${response.body}`);
  }
  if (body.requestId !== response.headers['x-request-id'])
    throw new Error('problem requestId differs from X-Request-Id');
  return body;
}
