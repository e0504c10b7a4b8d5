/**
 * Quick start with the SDK: sign up, create an API key, and call the API with that key.
 *
 *   npm start                          # in another terminal: the service
 *   npm run quickstart -w @yorozu/examples
 *
 * YOROZU_BASE_URL defaults to http://127.0.0.1:3000. Each run signs up a new account
 * (quickstart-<time>@example.com).
 */
import { randomBytes } from 'node:crypto';
import { type Schemas, Yorozu } from '@yorozu/sdk';

export interface QuickstartRun {
  account: Schemas['Account'];
  apiKey: Schemas['CreatedApiKey'];
  me: Schemas['Account'];
}

export async function runQuickstart(baseUrl: string, print: (line: string) => void = console.log) {
  // Signing up needs no credential; it answers with the account and a first pair of tokens.
  const email = `quickstart-${Date.now()}@example.com`;
  const password = randomBytes(12).toString('base64url');
  const signup = await new Yorozu({ baseUrl, anonymous: true }).auth.signup({
    email,
    password,
    name: 'Quick Start',
  });
  print(`Signed up ${signup.account.email} (account ${signup.account.id})`);

  // The access token lasts minutes; an API key is what a program keeps.
  const asUser = new Yorozu({ baseUrl, accessToken: signup.tokens.accessToken });
  const apiKey = await asUser.apiKeys.create({ name: 'quickstart', scopes: ['me:read', 'api-keys:read'] });
  print(`Created API key ${apiKey.prefix}… with scopes ${apiKey.scopes.join(', ')}`);
  print(`  secret (shown once, keep it safe): ${apiKey.secret}`);

  const client = new Yorozu({ baseUrl, apiKey: apiKey.secret });
  const { data: me, requestId } = await client.me.get().withResponse();
  print(
    `GET /v1/me with the key: ${me.email}, role ${me.role}, since ${me.createdAt} (request ${requestId})`,
  );
  return { account: signup.account, apiKey, me } satisfies QuickstartRun;
}

if (import.meta.main) {
  await runQuickstart(process.env.YOROZU_BASE_URL ?? 'http://127.0.0.1:3000');
}
