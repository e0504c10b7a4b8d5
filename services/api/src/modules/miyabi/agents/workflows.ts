/**
 * Workflows (docs/products/miyabi.md, Workflows): public rows under the kernel's visibility rules;
 * every definition written is validated as a DAG of agent steps first (dag.ts).
 */
import type { miyabiWorkflows } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import type { RecordChanges } from '../../../kernel/audit.ts';
import { notFound } from '../../../kernel/errors.ts';
import { validateDag } from './dag.ts';
import { ownRepository } from './executions.ts';
import { deleteWorkflow, findReadableWorkflow, insertWorkflow, updateWorkflow } from './workflow-queries.ts';

type CreateRequest = Static<typeof miyabiWorkflows.CreateWorkflowRequest>;
type UpdateRequest = Static<typeof miyabiWorkflows.UpdateWorkflowRequest>;

/** Templates are offered to others, so they are public (a CHECK says so too). */
const visibilityOf = (isTemplate: boolean, visibility: 'private' | 'public' | undefined) =>
  isTemplate ? 'public' : (visibility ?? 'private');

export async function createWorkflow(
  db: DatabaseTransactionConnection,
  accountId: string,
  body: CreateRequest,
) {
  validateDag(body.definition);
  if (body.repositoryId) await ownRepository(db, accountId, body.repositoryId);
  const isTemplate = body.isTemplate ?? false;
  return insertWorkflow(db, {
    accountId,
    name: body.name,
    description: body.description ?? null,
    repositoryId: body.repositoryId ?? null,
    definition: body.definition,
    isTemplate,
    visibility: visibilityOf(isTemplate, body.visibility),
  });
}

export async function getWorkflow(db: DatabaseTransactionConnection, accountId: string | null, id: string) {
  const workflow = await findReadableWorkflow(db, accountId, id);
  if (!workflow) throw notFound('workflow');
  return workflow;
}

export async function changeWorkflow(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  body: UpdateRequest,
  recordChanges: RecordChanges,
) {
  const before = await findReadableWorkflow(db, accountId, id);
  if (!before?.mine) throw notFound('workflow');
  if (body.definition) validateDag(body.definition);
  if (body.repositoryId) await ownRepository(db, accountId, body.repositoryId);
  // Making a template private withdraws it as a template; making a workflow a template publishes it.
  const isTemplate = body.isTemplate ?? (body.visibility === 'private' ? false : before.isTemplate);
  const after = await updateWorkflow(db, accountId, id, {
    name: body.name ?? before.name,
    description: body.description === undefined ? before.description : body.description,
    repositoryId: body.repositoryId === undefined ? before.repositoryId : body.repositoryId,
    definition: body.definition ?? before.definition,
    isTemplate,
    visibility: visibilityOf(isTemplate, body.visibility ?? before.visibility),
  });
  if (!after) throw notFound('workflow');
  recordChanges(before, after);
  return after;
}

export async function removeWorkflow(db: DatabaseTransactionConnection, accountId: string, id: string) {
  if (!(await deleteWorkflow(db, accountId, id))) throw notFound('workflow');
}
