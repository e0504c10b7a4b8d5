import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { paginate, paginateByKey } from '../../kernel/pagination.ts';
import { getCredits } from './credits.ts';
import { startGeneration } from './generations.ts';
import { listCharacters, listCreditTransactions, listDifferences, listGenerations } from './queries.ts';
import {
  characterFilters,
  createCharacter,
  getCharacter,
  getDifference,
  getGeneration,
  getStats,
  monthRange,
  removeCharacter,
  removeDifference,
  type StudioDependencies,
  updateCharacter,
} from './service.ts';

export function studioRoutes(app: FastifyInstance, deps: StudioDependencies) {
  app.operation(operations['studio.characters.create'], ({ db, principal, body }) =>
    createCharacter(db, deps, principal.accountId, body),
  );
  app.operation(operations['studio.characters.list'], ({ db, principal, query }) => {
    const filters = characterFilters(query);
    return paginate('studio-characters', query, (after, take) =>
      listCharacters(db, principal.accountId, filters, after, take),
    );
  });
  app.operation(operations['studio.characters.get'], ({ db, principal, params }) =>
    getCharacter(db, principal.accountId, params.id),
  );
  app.operation(operations['studio.characters.update'], ({ db, principal, params, body, auditChanges }) =>
    updateCharacter(db, principal.accountId, params.id, body.name, auditChanges),
  );
  app.operation(operations['studio.characters.delete'], ({ db, principal, params }) =>
    removeCharacter(db, deps.files, principal.accountId, params.id),
  );

  app.operation(operations['studio.generations.create'], ({ db, spendAtCommit, principal, params, body }) =>
    startGeneration(db, spendAtCommit, principal.accountId, params.id, body),
  );
  app.operation(operations['studio.generations.get'], ({ db, principal, params }) =>
    getGeneration(db, principal.accountId, params.id),
  );
  app.operation(operations['studio.generations.list'], async ({ db, principal, params, query }) => {
    const character = await getCharacter(db, principal.accountId, params.id);
    // The cursor names its character: it cannot continue another character's list.
    return paginate(`studio-generations/${character.id}`, query, (after, take) =>
      listGenerations(db, principal.accountId, character.id, after, take),
    );
  });

  app.operation(operations['studio.differences.list'], async ({ db, principal, params, query }) => {
    const character = await getCharacter(db, principal.accountId, params.id);
    // The cursor names its character: it cannot continue another character's list.
    return paginateByKey(
      `studio-differences/${character.id}`,
      query,
      (difference) => difference.expression,
      (after, take) => listDifferences(db, principal.accountId, character.id, query.expression, after, take),
    );
  });
  app.operation(operations['studio.differences.get'], ({ db, principal, params }) =>
    getDifference(db, principal.accountId, params.id),
  );
  app.operation(operations['studio.differences.delete'], ({ db, principal, params }) =>
    removeDifference(db, deps.files, principal.accountId, params.id),
  );

  app.operation(operations['studio.credits.get'], ({ db, principal }) => getCredits(db, principal.accountId));
  app.operation(operations['studio.creditTransactions.list'], ({ db, principal, query }) => {
    const range = monthRange(query);
    return paginate('studio-credit-transactions', query, (after, take) =>
      listCreditTransactions(db, principal.accountId, range, after, take),
    );
  });
  app.operation(operations['studio.stats.get'], ({ db, principal }) => getStats(db, principal.accountId));
}
