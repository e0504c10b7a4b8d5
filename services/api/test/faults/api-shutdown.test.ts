/**
 * SIGTERM to a real API process (`src/main.ts`) with requests in flight:
 * every admitted request completes, requests that arrive while it drains
 * are answered 503 problem+json with Retry-After (and are not carried out),
 * and the process exits 0.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  exitWithin,
  faultDatabase,
  lockingConnection,
  startApiProcess,
  waitForLockWaiters,
} from './processes.ts';

const databaseUrl = await faultDatabase();

const json = { 'content-type': 'application/json' };

async function signUp(baseUrl: string) {
  const response = await fetch(`${baseUrl}/v1/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      email: `drain-${randomUUID()}@example.com`,
      password: 'a perfectly fine passphrase',
    }),
  });
  expect(response.status).toBe(201);
  const body = await response.json();
  return {
    id: body.account.id as string,
    headers: { ...json, authorization: `Bearer ${body.tokens.accessToken}` },
  };
}

/** A queued job's event stream (no worker runs), read up to its opening comment. */
async function openJobStream(baseUrl: string, headers: Record<string, string>) {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>';
  const file = await fetch(`${baseUrl}/v1/files`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'image/svg+xml' },
    body: svg,
  });
  const character = await fetch(`${baseUrl}/v1/studio/characters`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'Streamed',
      artStyle: 'illustration',
      baseImageFileId: (await file.json()).id,
    }),
  });
  const generation = await fetch(
    `${baseUrl}/v1/studio/characters/${(await character.json()).id}/generations`,
    {
      method: 'POST',
      headers,
      body: JSON.stringify({ expressions: ['neutral'] }),
    },
  );
  expect(generation.status).toBe(202);
  const stream = await fetch(`${baseUrl}/v1/jobs/${(await generation.json()).job.id}/events`, { headers });
  expect(stream.status).toBe(200);
  const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain(': stream open');
  return reader;
}

describe('API shutdown on SIGTERM', () => {
  it('finishes every admitted request, answers new ones 503 with Retry-After until the listener closes, and exits 0', {
    timeout: 60_000,
  }, async () => {
    const api = await startApiProcess(databaseUrl, { SHUTDOWN_GRACE_MS: '20000' });
    const accounts = await Promise.all([1, 2, 3].map(() => signUp(api.baseUrl)));
    const [first] = accounts;
    if (!first) throw new Error('no account');
    const stream = await openJobStream(api.baseUrl, first.headers);

    // Writes held in flight behind row locks of the test's own connection.
    const locker = await lockingConnection(databaseUrl);
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM platform.accounts WHERE id = ANY($1::uuid[]) FOR NO KEY UPDATE', [
      accounts.map((account) => account.id),
    ]);
    const held = accounts.map((account, i) =>
      fetch(`${api.baseUrl}/v1/me`, {
        method: 'PATCH',
        headers: account.headers,
        body: JSON.stringify({ name: `Drained ${i}` }),
      }),
    );
    await waitForLockWaiters(locker, accounts.length);

    api.child.kill('SIGTERM');
    // An open event stream ends at once (its client resumes elsewhere); it does not hold the drain.
    let streamEnded = false;
    while (!streamEnded) streamEnded = (await stream.read()).done;

    // While the held requests keep the process draining, whatever arrives is turned away.
    let turnedAway: Response | undefined;
    for (let attempt = 0; attempt < 100 && turnedAway?.status !== 503; attempt++) {
      turnedAway = await fetch(`${api.baseUrl}/healthz`);
      if (turnedAway.status !== 503) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(turnedAway?.status).toBe(503);
    expect(turnedAway?.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(turnedAway?.headers.get('retry-after')).toBe('1');
    expect(await turnedAway?.json()).toMatchObject({ status: 503, code: 'unavailable' });
    const lateWrite = await fetch(`${api.baseUrl}/v1/api-keys`, {
      method: 'POST',
      headers: first.headers,
      body: JSON.stringify({ name: 'late', scopes: ['me:read'] }),
    });
    expect(lateWrite.status).toBe(503);
    expect(lateWrite.headers.get('retry-after')).toBe('1');

    await locker.query('ROLLBACK');
    const responses = await Promise.all(held);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(await Promise.all(responses.map(async (response) => (await response.json()).name))).toEqual([
      'Drained 0',
      'Drained 1',
      'Drained 2',
    ]);

    expect(await exitWithin(api, 15_000)).toBe(0);
    await expect(fetch(`${api.baseUrl}/healthz`)).rejects.toThrow();

    // Every acknowledged write is there; the one turned away is not.
    const names = await locker.query<{ name: string }>(
      'SELECT name FROM platform.accounts WHERE id = ANY($1::uuid[]) ORDER BY name',
      [accounts.map((account) => account.id)],
    );
    expect(names.rows.map((row) => row.name)).toEqual(['Drained 0', 'Drained 1', 'Drained 2']);
    const keys = await locker.query('SELECT 1 FROM platform.api_keys WHERE account_id = $1', [first.id]);
    expect(keys.rowCount).toBe(0);
  });
});
