/**
 * Miyabi with the SDK: a new account subscribes to the free Miyabi Core plugin, fetches the
 * licence key set once, verifies its licence offline with `verifyLicense` (no request), then
 * reports usage in a batch (sent twice: counted once) and reads the month's aggregate.
 *
 *   npm start                          # in another terminal: the service
 *   npm run miyabi -w @yorozu/examples
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each run signs up a new account.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Schemas, Yorozu } from '@yorozu/sdk';
import { type LicenseClaims, verifyLicense } from '@yorozu/sdk/license';

const PLUGIN = 'miyabi-core';

export interface MiyabiRun {
  subscription: Schemas['Subscription'];
  claims: LicenseClaims;
  first: Schemas['MiyabiUsageReceipt'];
  replay: Schemas['MiyabiUsageReceipt'];
  usage: Schemas['MiyabiUsageAggregate'][];
}

export async function runMiyabi(
  baseUrl: string,
  print: (line: string) => void = console.log,
): Promise<MiyabiRun> {
  const signup = await new Yorozu({ baseUrl, anonymous: true }).auth.signup({
    email: `miyabi-${Date.now()}-${randomBytes(3).toString('hex')}@example.com`,
    password: randomBytes(12).toString('base64url'),
    name: 'miyabi example',
  });
  const client = new Yorozu({ baseUrl, accessToken: signup.tokens.accessToken });

  const started = await client.miyabi.subscriptions.create({ id: PLUGIN });
  const { subscription, license } = started;
  if (!subscription || !license) throw new Error(`${PLUGIN} is free: it should start at once`);
  print(`Subscribed to ${PLUGIN}: ${subscription.status}, plan ${subscription.plan}`);

  // The key set, fetched once (it may be cached for five minutes, or shipped with the plugin).
  const jwks = await new Yorozu({ baseUrl, anonymous: true }).miyabi.licenses.jwks();
  // Offline from here: no request verifies the licence.
  const claims = await verifyLicense(license.token, { jwks, plugin: PLUGIN });
  print(
    `Licence ${claims.jti} verified offline: ${claims.plugin} (${claims.tier}), until ${new Date(claims.exp * 1000).toISOString()}`,
  );

  const events = [
    { id: randomUUID(), pluginId: PLUGIN, type: 'issue_processed' as const, data: { issue: 42 } },
    { id: randomUUID(), pluginId: PLUGIN, type: 'tokens_used' as const, quantity: 1200 },
    {
      id: randomUUID(),
      pluginId: PLUGIN,
      type: 'agent_execution' as const,
      agentType: 'Coordinator' as const,
    },
  ];
  const first = await client.miyabi.usageEvents.create({ events });
  // A retry of the same batch (say, after a timeout) counts nothing twice.
  const replay = await client.miyabi.usageEvents.create({ events });
  print(`Usage sent: ${first.accepted} counted, then ${replay.duplicates} duplicates on the retry`);

  const { data: usage } = await client.miyabi.usage.list({ plugin: PLUGIN });
  for (const month of usage) {
    print(
      `${month.period} ${month.pluginId}: ${month.issues} issues, ${month.tokens} tokens, runs ${JSON.stringify(month.agentExecutions)}`,
    );
  }
  return { subscription, claims, first, replay, usage };
}

if (import.meta.main) {
  await runMiyabi(process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000');
}
