/** The script catalogue and learners' own scripts (docs/products/speak.md, Scripts). */
import type { CommonQueryMethods } from 'slonik';
import { notFound, validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import {
  deleteScript,
  findScript,
  insertScript,
  listScripts,
  type NewScript,
  type ScriptFilters,
} from './queries/scripts.ts';

export function listScriptPage(
  db: CommonQueryMethods,
  accountId: string | null,
  query: ScriptFilters & { limit?: number; cursor?: string },
) {
  const { limit, cursor, ...filters } = query;
  if (
    filters.minDifficulty !== undefined &&
    filters.maxDifficulty !== undefined &&
    filters.minDifficulty > filters.maxDifficulty
  ) {
    throw validationFailed('/query/maxDifficulty', 'must not be below minDifficulty');
  }
  return paginate('speak.scripts', { limit, cursor }, (after, take) =>
    listScripts(db, accountId, filters, after, take),
  );
}

export async function getScript(db: CommonQueryMethods, accountId: string | null, id: string) {
  const script = await findScript(db, accountId, id);
  if (!script) throw notFound('script');
  return script;
}

/** Segments are numbered 1, 2, 3… in order, and the learner has at least one line. */
export function createScript(db: CommonQueryMethods, accountId: string, script: NewScript) {
  script.segments.forEach((segment, index) => {
    if (segment.order !== index + 1)
      throw validationFailed(`/body/segments/${index}/order`, `must be ${index + 1}`);
    if (segment.speaker === 'ai' && segment.alternatives.length > 0) {
      throw validationFailed(`/body/segments/${index}/alternatives`, "must be empty on the partner's lines");
    }
  });
  if (!script.segments.some((segment) => segment.speaker === 'user')) {
    throw validationFailed('/body/segments', 'must hold at least one line of the learner (`user`)');
  }
  return insertScript(db, accountId, script);
}

export async function removeScript(db: CommonQueryMethods, accountId: string, id: string) {
  if (!(await deleteScript(db, accountId, id))) throw notFound('script');
}
