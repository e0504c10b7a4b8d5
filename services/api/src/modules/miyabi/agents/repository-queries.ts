/** miyabi.repositories and their recorded GitHub events, one function per statement. */
import { miyabiRepositories } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const RepositoryRow = rowType(miyabiRepositories.Repository);
const RepositoryEventRow = rowType(
  Type.Object({ ...miyabiRepositories.RepositoryEvent.properties, createdAt: Type.String() }),
);
const DeliveryRow = rowType(
  Type.Object({
    duplicate: Type.Boolean(),
    accountId: Type.Union([Type.String(), Type.Null()]),
    repositoryId: Type.Union([Type.String(), Type.Null()]),
    eventId: Type.Union([Type.String(), Type.Null()]),
  }),
);

const columns = sql.fragment`
  id, github_repo_id AS "githubRepoId", owner, name, full_name AS "fullName",
  default_branch AS "defaultBranch", is_active AS active, created_at AS "createdAt", updated_at AS "updatedAt"
`;

export interface NewRepository {
  accountId: string;
  githubRepoId: number;
  owner: string;
  name: string;
  defaultBranch: string;
  active: boolean;
}

/** The new repository, or null when the account already connected this GitHub repository. */
export function insertRepository(db: CommonQueryMethods, repository: NewRepository) {
  return db.maybeOne(sql.type(RepositoryRow)`
    INSERT INTO miyabi.repositories (account_id, github_repo_id, owner, name, default_branch, is_active)
    VALUES (${repository.accountId}, ${repository.githubRepoId}, ${repository.owner}, ${repository.name},
            ${repository.defaultBranch}, ${repository.active})
    ON CONFLICT (account_id, github_repo_id) DO NOTHING
    RETURNING ${columns}
  `);
}

export function findRepository(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(RepositoryRow)`
    SELECT ${columns} FROM miyabi.repositories WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export function listRepositories(
  db: CommonQueryMethods,
  accountId: string,
  active: boolean | undefined,
  after: Position | null,
  take: number,
) {
  const activeFilter = active === undefined ? sql.fragment`` : sql.fragment`AND is_active = ${active}`;
  return db.any(sql.type(RepositoryRow)`
    SELECT ${columns} FROM miyabi.repositories
    WHERE account_id = ${accountId} ${activeFilter} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

export interface RepositoryChanges {
  owner: string;
  name: string;
  defaultBranch: string;
  active: boolean;
}

export function updateRepository(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  changes: RepositoryChanges,
) {
  return db.maybeOne(sql.type(RepositoryRow)`
    UPDATE miyabi.repositories
    SET owner = ${changes.owner}, name = ${changes.name}, default_branch = ${changes.defaultBranch},
        is_active = ${changes.active}, updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${columns}
  `);
}

export function deleteRepository(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(RepositoryRow)`
    DELETE FROM miyabi.repositories WHERE account_id = ${accountId} AND id = ${id} RETURNING ${columns}
  `);
}

export function listRepositoryEvents(
  db: CommonQueryMethods,
  accountId: string,
  repositoryId: string,
  after: Position | null,
  take: number,
) {
  const position = afterPosition(after, undefined, 'received_at');
  return db.any(sql.type(RepositoryEventRow)`
    SELECT id, repository_id AS "repositoryId", delivery_id AS "deliveryId", event, action, sender,
           issue_number AS "issueNumber", pull_request_number AS "pullRequestNumber", ref,
           received_at AS "receivedAt", received_at AS "createdAt"
    FROM miyabi.repository_events
    WHERE account_id = ${accountId} AND repository_id = ${repositoryId} ${position}
    ORDER BY received_at DESC, id DESC LIMIT ${take}
  `);
}

export interface Delivery {
  deliveryId: string;
  event: string;
  githubRepoId: number | null;
  bodySha256: Buffer;
  summary: {
    action: string | null;
    sender: string | null;
    issueNumber: number | null;
    pullRequestNumber: number | null;
    ref: string | null;
  };
}

/**
 * Claims the delivery id and records it for the repository's registrations (migrations/0409): one
 * row per registration recorded, or one row without an account (a duplicate, or nobody's).
 */
export function receiveGithubDelivery(db: CommonQueryMethods, delivery: Delivery) {
  return db.any(sql.type(DeliveryRow)`
    SELECT duplicate, account_id AS "accountId", repository_id AS "repositoryId", event_id AS "eventId"
    FROM miyabi.receive_github_delivery(
      ${delivery.deliveryId}, ${delivery.event}, ${delivery.githubRepoId},
      ${sql.binary(delivery.bodySha256)}, ${sql.jsonb(delivery.summary)}
    )
  `);
}
