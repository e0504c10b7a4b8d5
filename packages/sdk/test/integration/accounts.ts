/** Accounts and clients on the integration tests' server (see global-setup.ts). */
import { inject } from 'vitest';
import { type ClientOptions, Yorozu } from '../../src/index';

export const baseUrl = inject('baseUrl');
export const PASSWORD = 'a perfectly fine passphrase';

let accounts = 0;
export const uniqueEmail = (label: string) => `sdk-${label}-${Date.now()}-${accounts++}@example.com`;

/** A client with no credential, for the auth endpoints. */
export const anonymous = (options: ClientOptions = {}) =>
  new Yorozu({ baseUrl, anonymous: true, ...options });

/** Signs up a new account; `client` uses its access token. */
export async function signUp(label: string, options: ClientOptions = {}) {
  const email = uniqueEmail(label);
  const session = await anonymous(options).auth.signup({ email, password: PASSWORD, name: 'Ada' });
  const client = new Yorozu({ baseUrl, ...options, accessToken: session.tokens.accessToken });
  return { email, session, client };
}

/**
 * The global fetch, noting `METHOD /path status` of every exchange: observes the real wire
 * (what the SDK sent and the server answered), replaces nothing.
 */
export function recordingFetch() {
  const exchanges: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    exchanges.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname} ${response.status}`);
    return response;
  };
  return { fetch, exchanges };
}

/** The smallest valid PNG: one transparent pixel. */
export const onePixelPng = () =>
  new Blob(
    [
      Uint8Array.from(
        atob(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        ),
        (c) => c.charCodeAt(0),
      ),
    ],
    { type: 'image/png' },
  );
