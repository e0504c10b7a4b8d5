/**
 * `GET /v1/auth/oauth/{provider}/start` and `/callback`. Registered inside the auth module's
 * scope, so they share its per-IP budget with sign-up and login.
 */
import { operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findIdentityAccount } from '../../../kernel/accounts/index.ts';
import { callbackUrl } from '../../../kernel/oauth/index.ts';
import { type AvatarStore, fetchAvatar } from './avatar.ts';
import { clearedFlowCookie, flowCookie, openFlowCookie } from './flow-cookie.ts';
import type { OAuthProviderName } from './names.ts';
import type { OAuthProviders, ProviderProfile } from './provider.ts';
import {
  authorizationUrl,
  configuredProvider,
  newFlow,
  providerFailure,
  signInWithIdentity,
} from './service.ts';

export async function oauthRoutes(app: FastifyInstance, providers: OAuthProviders, avatars: AvatarStore) {
  app.operation(operations['auth.oauth.start'], async ({ params, request }) => {
    const provider = configuredProvider(providers, params.provider);
    const flow = newFlow();
    const location = await authorizationUrl(provider, flow);
    const cookie = flowCookie(app.sealer, request, provider.name, flow);
    return (reply) =>
      reply
        .header('set-cookie', cookie)
        .header('cache-control', 'no-store')
        .header('location', location.href)
        .send();
  });

  // Who signed in (and, for an identity not linked yet, its avatar's bytes), learnt from the
  // provider before the request's transaction starts, so no database connection waits on it.
  const signedIn = new WeakMap<FastifyRequest, { profile: ProviderProfile; avatar: Buffer | null }>();
  await app.register(async (scope) => {
    scope.addHook('preHandler', async (request) => {
      const { provider: name } = request.params as { provider: OAuthProviderName };
      const query = request.query as Record<string, string | undefined>;
      const provider = configuredProvider(providers, name);
      const flow = openFlowCookie(app.sealer, request, provider.name, query.state);
      const profile = await provider
        .exchange(callbackUrl(provider.redirectUri, query), flow)
        .catch((error) => {
          request.log.warn({ err: error, provider: provider.name }, 'sign-in failed at the provider');
          throw providerFailure(provider, error);
        });
      const linked = await findIdentityAccount(app.db, provider.name, profile.subject);
      const avatar = linked ? null : await fetchAvatar(provider, profile.avatarUrl, request.log);
      signedIn.set(request, { profile, avatar });
    });
    // Every answer of the callback, success or problem, ends the flow and is never cached (it holds tokens).
    scope.addHook('onSend', async (request, reply) => {
      reply.header('set-cookie', clearedFlowCookie(request)).header('cache-control', 'no-store');
    });
    scope.operation(operations['auth.oauth.callback'], async ({ db, params, request, actAs }) => {
      const found = signedIn.get(request);
      if (!found) throw new Error('the callback ran without its provider profile');
      const avatar = found.avatar && { ...avatars, bytes: found.avatar, log: request.log };
      return signInWithIdentity(db, app.accessTokens, actAs, params.provider, found.profile, avatar);
    });
  });
}
