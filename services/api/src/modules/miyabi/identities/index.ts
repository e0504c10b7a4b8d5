/**
 * `/v1/miyabi/identities`: the account's connected GitHub and LINE identities
 * (docs/products/miyabi.md, Connected accounts).
 */
import { type OperationBody, type OperationParams, operations } from '@yorozu/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { MiyabiIdentityConfig } from '../../../config.ts';
import { asCaller } from '../../../http/operation-stages.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { identityProviders } from './providers.ts';
import { findFlow, listIdentities } from './queries.ts';
import {
  configuredProvider,
  type Exchanged,
  exchangeAtProvider,
  finishLink,
  startLink,
  unlink,
} from './service.ts';

/** For the LINE bot: GitHub issues as the account's linked identity. */
export {
  type GithubIssueOutcome,
  type GithubIssues,
  githubRestIssues,
  localGithubIssues,
} from './github-issues.ts';
export { githubTokenOf } from './service.ts';

export interface IdentitiesOptions {
  config: MiyabiIdentityConfig;
}

export async function identityRoutes(app: FastifyInstance, { config }: IdentitiesOptions) {
  const providers = identityProviders(config);

  app.operation(operations['miyabi.identities.list'], ({ db, principal, query }) =>
    paginate('miyabi-identities', query, (after, take) =>
      listIdentities(db, principal.accountId, after, take),
    ),
  );
  app.operation(operations['miyabi.identities.authorizations.create'], ({ db, principal, params }) =>
    startLink(db, configuredProvider(providers, params.provider), principal.accountId),
  );
  app.operation(operations['miyabi.identities.delete'], ({ db, principal, params }) =>
    unlink(db, principal.accountId, params.provider),
  );

  // Who the user is at the provider, learnt before the request's transaction starts (as sign-in's
  // callback does, modules/auth/oauth/routes.ts), so no database connection waits on the provider.
  const callback = operations['miyabi.identities.callback'];
  const exchanges = new WeakMap<FastifyRequest, { accountId: string; exchanged: Exchanged }>();
  await app.register(async (scope) => {
    scope.addHook('preHandler', async (request) => {
      // Validated already: preHandler runs after the route's schemas.
      const params = request.params as OperationParams<typeof callback>;
      const body = request.body as OperationBody<typeof callback>;
      const readFlow = (state: string) =>
        asCaller(app, callback, request, async (db, principal) => ({
          accountId: principal.accountId,
          codeVerifier: await findFlow(db, principal.accountId, params.provider, state),
        }));
      // The caller is authenticated before the provider's configuration is looked at (401 first).
      const outcome = await exchangeAtProvider(readFlow, providers, params.provider, body);
      exchanges.set(request, outcome);
    });
    scope.operation(callback, ({ db, principal, params, body, request }) => {
      const found = exchanges.get(request);
      if (found?.accountId !== principal.accountId)
        throw new Error('the callback ran without the provider exchange of its caller');
      return finishLink(
        db,
        app.sealer,
        configuredProvider(providers, params.provider),
        principal.accountId,
        body,
        found.exchanged,
      );
    });
  });
}
