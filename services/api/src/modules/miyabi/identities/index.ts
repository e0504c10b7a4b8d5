/**
 * `/v1/miyabi/identities`: the account's connected GitHub and LINE identities
 * (docs/products/miyabi.md, Connected accounts).
 */
import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import type { MiyabiIdentityConfig } from '../../../config.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { identityProviders } from './providers.ts';
import { listIdentities } from './queries.ts';
import { configuredProvider, finishLink, startLink, unlink } from './service.ts';

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

export function identityRoutes(app: FastifyInstance, { config }: IdentitiesOptions) {
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

  app.operation(operations['miyabi.identities.callback'], ({ db, principal, params, body }) =>
    finishLink(db, app.sealer, configuredProvider(providers, params.provider), principal.accountId, body),
  );
}
