/**
 * The quick start's demo account, for development only (main.ts seeds it
 * when NODE_ENV=development, the default): created on first start, with a
 * published password. Secrets are stored hashed, so an old key cannot be
 * shown again; each start revokes the demo keys of earlier starts and mints
 * the one it prints, so a single demo key is ever live. Goes through the
 * public API like any client would.
 */

import { SCOPES } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';

export const DEMO_EMAIL = 'demo@yorozu.dev';
export const DEMO_PASSWORD = 'try-the-quickstart-42';
/** How the demo's keys are named, so a later start can find and revoke them. */
const DEMO_KEY_NAME = 'demo key (npm start)';

async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  payload?: object,
  token?: string,
) {
  const response = await app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

async function revokeEarlierDemoKeys(app: FastifyInstance, token: string): Promise<void> {
  const earlier: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(
      app,
      'GET',
      `/v1/api-keys?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      undefined,
      token,
    );
    if (page.status !== 200)
      throw new Error(`Could not list the demo API keys: ${JSON.stringify(page.body)}`);
    for (const key of page.body.data as { id: string; name: string }[])
      if (key.name === DEMO_KEY_NAME) earlier.push(key.id);
    cursor = page.body.nextCursor;
  } while (cursor);
  for (const id of earlier) {
    const revoked = await call(app, 'DELETE', `/v1/api-keys/${id}`, undefined, token);
    if (revoked.status !== 204)
      throw new Error(`Could not revoke a demo API key: ${JSON.stringify(revoked.body)}`);
  }
}

export async function seedDemoAccount(
  app: FastifyInstance,
): Promise<{ email: string; password: string; apiKey: string }> {
  const credentials = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
  const signup = await call(app, 'POST', '/v1/auth/signup', { ...credentials, name: 'Demo' });
  const session = signup.status === 201 ? signup : await call(app, 'POST', '/v1/auth/login', credentials);
  if (session.status !== 200 && session.status !== 201) {
    throw new Error(`Could not sign in the demo account: ${JSON.stringify(session.body)}`);
  }
  const token = session.body.tokens.accessToken;
  await revokeEarlierDemoKeys(app, token);
  const key = await call(app, 'POST', '/v1/api-keys', { name: DEMO_KEY_NAME, scopes: [...SCOPES] }, token);
  if (key.status !== 201) throw new Error(`Could not create the demo API key: ${JSON.stringify(key.body)}`);
  return { ...credentials, apiKey: key.body.secret };
}
