/**
 * The OAuth 2.0 authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636) on openid-client,
 * shared by every place the service sends a user to a provider: sign-in (docs/security.md, Sign-in
 * with GitHub or Google) and Miyabi's connected accounts (docs/products/miyabi.md, Connected
 * accounts). The state and the PKCE verifier are made here; the provider gets the S256 challenge
 * in the authorization URL and the token request the verifier, and openid-client checks the
 * callback's state before it spends the code.
 */
import * as client from 'openid-client';
import { DomainError, type ProblemCode } from '../errors.ts';
import { allowLoopback, PROVIDER_TIMEOUT_SECONDS } from './endpoints.ts';

/** What the start of a flow keeps until its callback. */
export interface PkceFlow {
  state: string;
  /** PKCE (RFC 7636): the provider gets its S256 challenge, the token request the verifier. */
  codeVerifier: string;
}

/** A fresh state and verifier, each 32 random bytes in base64url. */
export function newPkceFlow(): PkceFlow {
  return { state: client.randomState(), codeVerifier: client.randomPKCECodeVerifier() };
}

/** The S256 challenge of a verifier (RFC 7636 §4.2). */
export const pkceChallenge = (codeVerifier: string) => client.calculatePKCECodeChallenge(codeVerifier);

/** A provider whose endpoints are configured, not discovered (GitHub, LINE Login). */
export interface CodeFlowEndpoints {
  /** The provider's web origin, as openid-client names the server it talks to. */
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
}

/** openid-client's configuration for such a provider: loopback http allowed (tests), a timeout. */
export function codeFlowConfiguration(endpoints: CodeFlowEndpoints): client.Configuration {
  const config = new client.Configuration(
    {
      issuer: endpoints.issuer,
      authorization_endpoint: endpoints.authorizationEndpoint,
      token_endpoint: endpoints.tokenEndpoint,
    },
    endpoints.clientId,
    endpoints.clientSecret,
  );
  for (const allow of allowLoopback(endpoints.authorizationEndpoint)) allow(config);
  config.timeout = PROVIDER_TIMEOUT_SECONDS;
  return config;
}

/** The authorization URL of a flow: code response, S256 challenge, and the provider's extras. */
export function codeFlowAuthorizationUrl(
  config: client.Configuration,
  request: { redirectUri: string; scope: string; flow: PkceFlow; codeChallenge: string },
  extra: Record<string, string> = {},
): URL {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state: request.flow.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...extra,
  });
}

/**
 * Spends the callback's code with the flow's verifier, after checking the callback's state is the
 * flow's: the provider's access token. For a provider without ID tokens (no `openid` scope).
 */
export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  flow: PkceFlow,
  redirectUri: string,
): Promise<string> {
  const tokens = await client.authorizationCodeGrant(
    config,
    callbackUrl,
    { pkceCodeVerifier: flow.codeVerifier, expectedState: flow.state },
    { redirect_uri: redirectUri },
  );
  return tokens.access_token;
}

/** The URL the provider sent the browser to: the registered redirect URI with the callback's query. */
export function callbackUrl(redirectUri: string, query: Record<string, string | undefined>): URL {
  const url = new URL(redirectUri);
  url.search = '';
  for (const [name, value] of Object.entries(query))
    if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

const isNetworkFailure = (error: unknown) =>
  (error instanceof TypeError && error.message === 'fetch failed') ||
  (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));

/**
 * What a failed exchange tells the client, for the provider called `title`: 503 when it could not
 * be reached; its own OAuth error code when it sent one (`access_denied`, `invalid_grant` for a
 * used or expired code or a wrong PKCE verifier); else that its answer failed verification. The
 * library's message goes to the log only.
 */
export function providerFailure(
  title: string,
  error: unknown,
  code: ProblemCode = 'oauth_exchange_failed',
): DomainError {
  if (error instanceof DomainError) return error;
  if (isNetworkFailure(error)) {
    return new DomainError('unavailable', `${title} could not be reached; try again shortly.`, {
      retryAfter: 5,
    });
  }
  if (error instanceof client.AuthorizationResponseError)
    return new DomainError(code, `${title} refused the authorization: ${error.error}.`);
  if (error instanceof client.ResponseBodyError)
    return new DomainError(code, `${title} refused the authorization code: ${error.error}.`);
  return new DomainError(code, `${title}'s answer failed verification; start again.`);
}
