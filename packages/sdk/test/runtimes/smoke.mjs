/**
 * The SDK's smoke test for other runtimes (Deno, Bun; test/runtimes/runtimes.test.ts runs it):
 * the built ESM entry against the real service given as the first argument. Prints one JSON
 * line of what it saw.
 */
import { NotFoundError, PagePromise, ValidationError, Yorozu } from '../../dist/index.js';

const baseUrl = (globalThis.Deno?.args ?? globalThis.process.argv.slice(2))[0];
const email = `runtime-${crypto.randomUUID()}@example.com`;
const anonymous = new Yorozu({ baseUrl, anonymous: true });
const signup = await anonymous.auth.signup({ email, password: 'a perfectly fine passphrase' });
const client = new Yorozu({ baseUrl, accessToken: signup.tokens.accessToken });
const me = await client.me.update({ name: 'Smoke' });
for (let i = 0; i < 3; i++) await client.apiKeys.create({ name: `key ${i}`, scopes: ['me:read'] });
const walk = client.apiKeys.list({ limit: 2 });
const names = [];
for await (const key of walk) names.push(key.name);
const invalid = await client.apiKeys.create({ name: '', scopes: ['me:read'] }).catch((error) => error);
const missing = await client.apiKeys
  .delete({ id: '00000000-0000-4000-8000-000000000000' })
  .catch((error) => error);
console.log(
  JSON.stringify({
    email: me.email === email,
    name: me.name,
    requestId: typeof me._requestId,
    names: names.sort(),
    done: walk.cursor === PagePromise.DONE,
    validation: invalid instanceof ValidationError,
    notFound: missing instanceof NotFoundError,
  }),
);
