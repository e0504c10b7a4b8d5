/**
 * PostgreSQL unreachable for a few seconds under load: a real API process
 * reaches the database through a TCP proxy the test cuts and restores while
 * clients keep writing. Every answer is 201 or 503 problem+json with
 * Retry-After (never a 500, never a dropped connection), every write that
 * was acknowledged is in the database afterwards, and the API recovers by
 * itself.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTcpProxy } from '../tcp-proxy.ts';
import { exitWithin, faultDatabase, lockingConnection, startApiProcess } from './processes.ts';

const CLIENTS = 6;
const PHASE_MS = { before: 1500, outage: 3000, after: 2500 };

const databaseUrl = await faultDatabase();

describe('database outage under load', () => {
  it('answers only 201 or 503 with Retry-After, loses no acknowledged write, and recovers', {
    timeout: 60_000,
  }, async () => {
    const direct = new URL(databaseUrl);
    const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(databaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const api = await startApiProcess(viaProxy.toString(), { RATE_LIMIT_PER_MINUTE: '1000000' });
    try {
      const signup = await fetch(`${api.baseUrl}/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `outage-${randomUUID()}@example.com`,
          password: 'a perfectly fine passphrase',
        }),
      });
      expect(signup.status).toBe(201);
      const { account, tokens } = await signup.json();
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` };

      const acknowledged: string[] = [];
      const unexpected: string[] = [];
      const statuses = { created: 0, unavailable: 0 };
      let load = true;
      const client = async (n: number) => {
        for (let i = 0; load; i++) {
          const name = `load-${n}-${i}`;
          try {
            const response = await fetch(`${api.baseUrl}/v1/api-keys`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ name, scopes: ['me:read'] }),
            });
            const body = await response.json();
            if (response.status === 201 && body.name === name) {
              acknowledged.push(name);
              statuses.created++;
            } else if (
              response.status === 503 &&
              body.code === 'unavailable' &&
              response.headers.get('retry-after') !== null &&
              response.headers.get('content-type')?.startsWith('application/problem+json')
            ) {
              statuses.unavailable++;
            } else {
              unexpected.push(`${response.status} ${JSON.stringify(body)}`);
            }
          } catch (error) {
            unexpected.push(String(error));
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));

      await new Promise((resolve) => setTimeout(resolve, PHASE_MS.before));
      const beforeOutage = statuses.created;
      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, PHASE_MS.outage));
      const duringOutage = { ...statuses };
      await proxy.restore();
      await new Promise((resolve) => setTimeout(resolve, PHASE_MS.after));
      load = false;
      await Promise.all(clients);

      expect(unexpected).toEqual([]);
      expect(beforeOutage).toBeGreaterThan(0);
      expect(duringOutage.unavailable).toBeGreaterThan(0);
      // Recovered: writes succeed again after the outage.
      expect(statuses.created).toBeGreaterThan(duringOutage.created);

      const db = await lockingConnection(databaseUrl);
      const stored = await db.query<{ name: string }>(
        'SELECT name FROM platform.api_keys WHERE account_id = $1',
        [account.id],
      );
      const storedNames = new Set(stored.rows.map((row) => row.name));
      expect(acknowledged.filter((name) => !storedNames.has(name))).toEqual([]);

      api.child.kill('SIGTERM');
      expect(await exitWithin(api, 15_000)).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
