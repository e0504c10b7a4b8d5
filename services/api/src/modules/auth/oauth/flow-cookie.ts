/**
 * The sign-in's state lives in the browser that started it, in a cookie sealed with the
 * service's sealer (AES-256-GCM, docs/security.md): nothing is stored server-side, and the
 * callback accepts a `state` only with the cookie of the same sign-in, so a code from someone
 * else's sign-in (login CSRF) cannot be pushed into a victim's browser. The cookie is
 * HttpOnly, SameSite=Lax (sent on the provider's top-level redirect back, not on cross-site
 * subrequests), Secure over https, scoped to `/v1/auth/oauth/`, and lives 10 minutes.
 */
import { timingSafeEqual } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyRequest } from 'fastify';
import type { Sealer } from '../../../kernel/auth/index.ts';
import { DomainError } from '../../../kernel/errors.ts';
import type { OAuthProviderName } from './names.ts';
import type { SignInFlow } from './provider.ts';

export const FLOW_COOKIE = 'yorozu_oauth';
const FLOW_TTL_SECONDS = 600;
const COOKIE_PATH = '/v1/auth/oauth/';

interface SealedFlow extends SignInFlow {
  provider: OAuthProviderName;
  expiresAt: number;
}

/** The associated data: a flow sealed for one provider does not open for another. */
const context = (provider: OAuthProviderName) => JSON.stringify(['oauth-flow', provider]);

const secure = (request: FastifyRequest) => request.protocol === 'https';

export function flowCookie(
  sealer: Sealer,
  request: FastifyRequest,
  provider: OAuthProviderName,
  flow: SignInFlow,
): string {
  const sealed: SealedFlow = { ...flow, provider, expiresAt: Date.now() + FLOW_TTL_SECONDS * 1000 };
  return stringifySetCookie({
    name: FLOW_COOKIE,
    value: sealer.seal(JSON.stringify(sealed), context(provider)).toString('base64url'),
    maxAge: FLOW_TTL_SECONDS,
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
  });
}

/** The callback's answer, whatever it is, clears the cookie: a flow is used once. */
export function clearedFlowCookie(request: FastifyRequest): string {
  return stringifySetCookie({
    name: FLOW_COOKIE,
    value: '',
    maxAge: 0,
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
  });
}

const stateInvalid = () =>
  new DomainError(
    'oauth_state_invalid',
    'The sign-in state is missing, expired or does not match; start the sign-in again.',
  );

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The flow this browser started with this provider, if the callback's `state` is its own. */
export function openFlowCookie(
  sealer: Sealer,
  request: FastifyRequest,
  provider: OAuthProviderName,
  state: string | undefined,
): SignInFlow {
  const value = parseCookie(request.headers.cookie ?? '')[FLOW_COOKIE];
  if (!value || !state) throw stateInvalid();
  const opened = sealer.open(Buffer.from(value, 'base64url'), context(provider));
  if (!opened) throw stateInvalid();
  const flow = JSON.parse(opened) as SealedFlow;
  if (flow.provider !== provider || flow.expiresAt <= Date.now() || !sameText(flow.state, state))
    throw stateInvalid();
  return { state: flow.state, codeVerifier: flow.codeVerifier, nonce: flow.nonce };
}
