/**
 * Google, or any OpenID Connect provider: its discovery document gives the endpoints and the
 * JWKS, and openid-client verifies the ID token (signature, issuer, audience, expiry, nonce)
 * before any claim is believed (https://developers.google.com/identity/openid-connect/openid-connect).
 */
import * as client from 'openid-client';
import type { OAuthConfig } from '../../../config.ts';
import { allowLoopback, isTrustedUrl, PROVIDER_TIMEOUT_SECONDS } from '../../../kernel/oauth/index.ts';
import type { OAuthProvider, ProviderProfile } from './provider.ts';

const SCOPE = 'openid email profile';

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export function googleProvider(settings: NonNullable<OAuthConfig['google']>): OAuthProvider {
  const { clientId, clientSecret, redirectUri, issuer } = settings;
  let discovered: Promise<client.Configuration> | null = null;
  // Discovered once and kept (with the keys openid-client caches); a failure is forgotten, so the
  // next sign-in tries again.
  const configuration = () => {
    discovered ??= client
      .discovery(new URL(issuer), clientId, clientSecret, undefined, {
        execute: allowLoopback(issuer),
        timeout: PROVIDER_TIMEOUT_SECONDS,
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  return {
    name: 'google',
    redirectUri,
    async authorizationUrl(flow, codeChallenge) {
      return client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: SCOPE,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
    },
    // Google serves profile pictures from lh3.googleusercontent.com and its siblings.
    trustsAvatarUrl(url) {
      return isTrustedUrl(url, ['.googleusercontent.com'], [issuer]);
    },
    async exchange(callbackUrl, flow): Promise<ProviderProfile> {
      const tokens = await client.authorizationCodeGrant(
        await configuration(),
        callbackUrl,
        {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: redirectUri },
      );
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      return {
        subject: claims.sub,
        email: text(claims.email),
        // Google sends a boolean; some providers send the string "true".
        emailVerified: claims.email_verified === true || claims.email_verified === 'true',
        name: text(claims.name),
        avatarUrl: text(claims.picture),
      };
    },
  };
}
