/**
 * The quick start's demo account: created on first start, and given a fresh
 * API key on every start (secrets are stored hashed, so an old one cannot be
 * shown again). Goes through the public API like any client would.
 */

import { SCOPES } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';

export const DEMO_EMAIL = 'demo@yorozu.dev';
export const DEMO_PASSWORD = 'try-the-quickstart-42';

async function call(app: FastifyInstance, method: 'POST', url: string, payload: object, token?: string) {
  const response = await app.inject({
    method,
    url,
    payload,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.statusCode, body: response.json() };
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
  const key = await call(
    app,
    'POST',
    '/v1/api-keys',
    { name: `demo key (npm start, ${new Date().toISOString()})`, scopes: [...SCOPES] },
    session.body.tokens.accessToken,
  );
  if (key.status !== 201) throw new Error(`Could not create the demo API key: ${JSON.stringify(key.body)}`);
  return { ...credentials, apiKey: key.body.secret };
}
