/**
 * Rows the service benches seed as signup, billing and the API-key routes would write them: one
 * account with today's (or this month's) quota period, a subscription, its counter, and an API key
 * whose secret the load generator sends.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { API_KEY_PREFIX, hashSecret } from '../../services/api/src/kernel/auth/secrets.ts';
import { CONNECTIONS, duration, loadNote, log, serverUrl, warmup } from './harness.ts';

/** The run's settings, first of what a bench that loads the service over HTTP prints. */
export function logLoadSettings(databaseName: string): void {
  log(
    `${CONNECTIONS} connections, load generator on 1 thread, ${warmup} s warm-up + ${duration} s per target; ` +
      `database ${databaseName} on ${new URL(serverUrl).host}; ${loadNote()}`,
  );
}

/** A new account, and the start of its current quota period (`day` or `month`) as RFC 3339 UTC. */
export async function insertAccount(
  client: pg.Client,
  account: { email: string; name: string; period: 'day' | 'month' },
): Promise<{ accountId: string; periodStart: string }> {
  const { rows } = await client.query<{ id: string; period_start: string }>(
    `WITH account AS (
       INSERT INTO platform.accounts (id, email, password_hash, name)
       VALUES (gen_random_uuid(), $1, 'not-a-password-hash', $2)
       RETURNING id
     )
     SELECT id, to_char(platform.quota_period_start($3, now()) AT TIME ZONE 'UTC',
                        'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS period_start
     FROM account`,
    [account.email, account.name, account.period],
  );
  return { accountId: rows[0]!.id, periodStart: rows[0]!.period_start };
}

/** The account's subscription to a product's plan, and its counter of the metric for the period. */
export async function subscribeWithCounter(
  client: pg.Client,
  subscription: { accountId: string; product: string; plan: string; metric: string; periodStart: string },
): Promise<void> {
  const { accountId, product, plan, metric, periodStart } = subscription;
  await client.query(`INSERT INTO platform.subscriptions (account_id, product, plan) VALUES ($1, $2, $3)`, [
    accountId,
    product,
    plan,
  ]);
  await client.query(
    `INSERT INTO platform.quota_counters (account_id, product, metric, subject, period_start)
     VALUES ($1, $2, $3, '', $4::timestamptz)`,
    [accountId, product, metric, periodStart],
  );
}

/** An API key of the account with these scopes; returns the secret, as the API-key route shows it once. */
export async function insertApiKey(
  client: pg.Client,
  accountId: string,
  scopes: readonly string[],
): Promise<string> {
  const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  await client.query(
    `INSERT INTO platform.api_keys (account_id, name, prefix, secret_hash, scopes) VALUES ($1, 'bench', $2, $3, $4)`,
    [accountId, apiKey.slice(0, 7), hashSecret(apiKey), scopes],
  );
  return apiKey;
}
