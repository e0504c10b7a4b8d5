/** Connected repositories (docs/products/miyabi.md): private to the account that connected them. */
import type { miyabiRepositories } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import type { RecordChanges } from '../../../kernel/audit.ts';
import { DomainError, notFound } from '../../../kernel/errors.ts';
import {
  deleteRepository,
  findRepository,
  insertRepository,
  updateRepository,
} from './repository-queries.ts';

type CreateRequest = Static<typeof miyabiRepositories.CreateRepositoryRequest>;
type UpdateRequest = Static<typeof miyabiRepositories.UpdateRepositoryRequest>;

/** `owner/name`, which the contract's pattern has already checked has exactly one slash. */
function splitFullName(fullName: string): { owner: string; name: string } {
  const slash = fullName.indexOf('/');
  return { owner: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
}

export async function createRepository(
  db: DatabaseTransactionConnection,
  accountId: string,
  body: CreateRequest,
) {
  const repository = await insertRepository(db, {
    accountId,
    githubRepoId: body.githubRepoId,
    ...splitFullName(body.fullName),
    defaultBranch: body.defaultBranch ?? 'main',
    active: body.active ?? true,
  });
  if (!repository) {
    throw new DomainError(
      'conflict',
      `GitHub repository ${body.githubRepoId} is already connected to this account.`,
    );
  }
  return repository;
}

export async function getRepository(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const repository = await findRepository(db, accountId, id);
  if (!repository) throw notFound('repository');
  return repository;
}

export async function changeRepository(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  body: UpdateRequest,
  recordChanges: RecordChanges,
) {
  const before = await getRepository(db, accountId, id);
  const after = await updateRepository(db, accountId, id, {
    ...(body.fullName ? splitFullName(body.fullName) : { owner: before.owner, name: before.name }),
    defaultBranch: body.defaultBranch ?? before.defaultBranch,
    active: body.active ?? before.active,
  });
  if (!after) throw notFound('repository');
  recordChanges(before, after);
  return after;
}

export async function removeRepository(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await deleteRepository(db, accountId, id))) throw notFound('repository');
}
