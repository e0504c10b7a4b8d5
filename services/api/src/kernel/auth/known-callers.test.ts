import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Credential } from './authenticate.ts';
import { KnownCallers } from './known-callers.ts';
import type { Principal } from './principal.ts';

const apiKey = (): Credential => ({ type: 'api_key', secretHash: randomBytes(32) });
const keyPrincipal = (scopes: string[]): Principal => ({
  accountId: randomUUID(),
  actor: { type: 'api_key', id: randomUUID() },
  scopes: new Set(scopes),
});

function clock() {
  const time = { now: 1_000_000 };
  return { time, callers: new KnownCallers(() => time.now) };
}

describe('known callers', () => {
  it('predicts an access token’s account from the token alone, with every scope', () => {
    const accountId = randomUUID();
    const known = new KnownCallers().get({ type: 'access_token', accountId });
    expect(known).toEqual({
      principal: { accountId, actor: { type: 'account', id: accountId }, scopes: null },
      scopes: null,
    });
  });

  it('remembers an API key for a minute after the database bound it, then asks again', () => {
    const { time, callers } = clock();
    const credential = apiKey();
    const principal = keyPrincipal(['me:read', 'jobs:read']);
    expect(callers.get(credential)).toBeNull();
    callers.learn(credential, principal, ['me:read', 'jobs:read']);
    expect(callers.get(credential)).toMatchObject({ principal, scopes: ['me:read', 'jobs:read'] });
    time.now += 59_999;
    expect(callers.get(credential)?.principal).toBe(principal);
    time.now += 1;
    expect(callers.get(credential)).toBeNull();
    // Learning it again (the ordinary binding, which also marks the key's use) starts a new minute.
    callers.learn(credential, principal, ['me:read', 'jobs:read']);
    time.now += 30_000;
    expect(callers.get(credential)?.principal).toBe(principal);
  });

  it('forgets a key on request, and the first key learned when 10 000 are remembered', () => {
    const { callers } = clock();
    const first = apiKey();
    callers.learn(first, keyPrincipal([]), []);
    const forgotten = apiKey();
    callers.learn(forgotten, keyPrincipal([]), []);
    callers.forget(forgotten);
    expect(callers.get(forgotten)).toBeNull();
    for (let index = 1; index < 10_000; index++) callers.learn(apiKey(), keyPrincipal([]), []);
    expect(callers.get(first)).not.toBeNull();
    callers.learn(apiKey(), keyPrincipal([]), []);
    expect(callers.get(first)).toBeNull();
  });
});
