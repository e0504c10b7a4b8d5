/** miyabi.workflows, workflow_runs and their events, one function per statement. */
import { miyabiWorkflows } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

type Definition = Static<typeof miyabiWorkflows.WorkflowDefinition>;

const WorkflowRow = rowType(miyabiWorkflows.Workflow);

/** Others see no repository of the owner's: that id is the owner's private data. */
const workflowColumns = (accountId: string | null) => sql.fragment`
  id, name, description,
  CASE WHEN account_id = ${accountId} THEN repository_id END AS "repositoryId",
  definition, is_template AS "isTemplate", visibility,
  coalesce(account_id = ${accountId}, false) AS mine, created_at AS "createdAt", updated_at AS "updatedAt"
`;

export interface NewWorkflow {
  accountId: string;
  name: string;
  description: string | null;
  repositoryId: string | null;
  definition: Definition;
  isTemplate: boolean;
  visibility: 'private' | 'public';
}

export function insertWorkflow(db: CommonQueryMethods, workflow: NewWorkflow) {
  return db.one(sql.type(WorkflowRow)`
    INSERT INTO miyabi.workflows (account_id, repository_id, name, description, definition, is_template, visibility)
    VALUES (${workflow.accountId}, ${workflow.repositoryId}, ${workflow.name}, ${workflow.description},
            ${sql.jsonb(workflow.definition as never)}, ${workflow.isTemplate}, ${workflow.visibility})
    RETURNING ${workflowColumns(workflow.accountId)}
  `);
}

/** The caller's workflow or a public one (RLS lets nothing else through either). */
export function findReadableWorkflow(db: CommonQueryMethods, accountId: string | null, id: string) {
  return db.maybeOne(sql.type(WorkflowRow)`
    SELECT ${workflowColumns(accountId)} FROM miyabi.workflows
    WHERE id = ${id} AND (account_id = ${accountId} OR visibility = 'public')
  `);
}

export function listWorkflows(
  db: CommonQueryMethods,
  accountId: string | null,
  filters: { anyone: boolean; template: boolean | undefined },
  after: Position | null,
  take: number,
) {
  const whose = filters.anyone
    ? sql.fragment`(visibility = 'public' OR account_id = ${accountId})`
    : sql.fragment`account_id = ${accountId}`;
  const template =
    filters.template === undefined ? sql.fragment`` : sql.fragment`AND is_template = ${filters.template}`;
  return db.any(sql.type(WorkflowRow)`
    SELECT ${workflowColumns(accountId)} FROM miyabi.workflows
    WHERE ${whose} ${template} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC LIMIT ${take}
  `);
}

export function updateWorkflow(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  workflow: Omit<NewWorkflow, 'accountId'>,
) {
  return db.maybeOne(sql.type(WorkflowRow)`
    UPDATE miyabi.workflows
    SET name = ${workflow.name}, description = ${workflow.description}, repository_id = ${workflow.repositoryId},
        definition = ${sql.jsonb(workflow.definition as never)}, is_template = ${workflow.isTemplate},
        visibility = ${workflow.visibility}, updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id}
    RETURNING ${workflowColumns(accountId)}
  `);
}

const IdRow = rowType(Type.Object({ id: Type.String() }));

export function deleteWorkflow(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(IdRow)`
    DELETE FROM miyabi.workflows WHERE account_id = ${accountId} AND id = ${id} RETURNING id
  `);
}

// ---- runs ------------------------------------------------------------------------------------

const RunRow = rowType(
  Type.Object({
    id: Type.String(),
    workflowId: Type.Union([Type.String(), Type.Null()]),
    repositoryId: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(['running', 'completed', 'failed']),
    stepOrder: Type.Array(Type.String()),
    stepsDone: Type.Number(),
    definition: Type.Unknown(),
    errorMessage: Type.Union([Type.String(), Type.Null()]),
    startedAt: Type.String(),
    completedAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    steps: Type.Array(
      Type.Object({
        nodeId: Type.String(),
        agentType: Type.String(),
        executionId: Type.String(),
        status: Type.String(),
      }),
    ),
  }),
);

const runColumns = sql.fragment`
  r.id, r.workflow_id AS "workflowId", r.repository_id AS "repositoryId", r.status, r.step_order AS "stepOrder",
  r.steps_done AS "stepsDone", r.definition, r.error_message AS "errorMessage", r.started_at AS "startedAt",
  r.completed_at AS "completedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  coalesce((
    SELECT json_agg(json_build_object('nodeId', e.node_id, 'agentType', e.agent_type, 'executionId', e.id,
                                      'status', e.status) ORDER BY array_position(r.step_order, e.node_id))
    FROM miyabi.agent_executions e WHERE e.account_id = r.account_id AND e.workflow_run_id = r.id
  ), '[]') AS steps
`;

export interface NewRun {
  accountId: string;
  workflowId: string;
  repositoryId: string | null;
  definition: Definition;
  stepOrder: string[];
}

export function insertRun(db: CommonQueryMethods, run: NewRun) {
  return db.one(sql.type(IdRow)`
    INSERT INTO miyabi.workflow_runs (account_id, workflow_id, repository_id, definition, step_order)
    VALUES (${run.accountId}, ${run.workflowId}, ${run.repositoryId}, ${sql.jsonb(run.definition as never)},
            ${sql.array(run.stepOrder, 'text')})
    RETURNING id
  `);
}

export function findRun(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(RunRow)`
    SELECT ${runColumns} FROM miyabi.workflow_runs r WHERE r.account_id = ${accountId} AND r.id = ${id}
  `);
}

/**
 * The run locked for the rest of the transaction: a step's completion reads its siblings'
 * statuses under this lock, so two steps completing at once cannot both miss the other.
 */
export function lockRun(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(RunRow)`
    SELECT ${runColumns} FROM miyabi.workflow_runs r
    WHERE r.account_id = ${accountId} AND r.id = ${id} FOR UPDATE
  `);
}

export function recordStepDone(db: CommonQueryMethods, accountId: string, id: string) {
  return db.query(sql.type(NoRows)`
    UPDATE miyabi.workflow_runs SET steps_done = steps_done + 1, updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export function finishRun(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  status: 'completed' | 'failed',
  errorMessage: string | null,
) {
  return db.query(sql.type(NoRows)`
    UPDATE miyabi.workflow_runs
    SET status = ${status}, error_message = ${errorMessage?.slice(0, 2000) ?? null}, completed_at = now(), updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id} AND status = 'running'
  `);
}

const ResultRow = rowType(
  Type.Object({ nodeId: Type.String(), agentType: Type.String(), result: Type.Unknown() }),
);

/** The completed results of these nodes of the run. */
export function stepResults(
  db: CommonQueryMethods,
  accountId: string,
  runId: string,
  nodeIds: readonly string[],
) {
  return db.any(sql.type(ResultRow)`
    SELECT node_id AS "nodeId", agent_type AS "agentType", result FROM miyabi.agent_executions
    WHERE account_id = ${accountId} AND workflow_run_id = ${runId} AND node_id = ANY(${sql.array([...nodeIds], 'text')})
      AND status = 'completed'
  `);
}

const SeqRow = rowType(Type.Object({ seq: Type.Number() }));
const EventRow = rowType(
  Type.Object({ seq: Type.Number(), event: Type.Enum(['step', 'final']), data: Type.Unknown() }),
);

export const RUN_EVENTS_PER_READ = 500;

export function appendRunEvent(
  db: CommonQueryMethods,
  accountId: string,
  runId: string,
  event: 'step' | 'final',
  data: unknown,
) {
  return db.one(sql.type(SeqRow)`
    WITH next AS (
      UPDATE miyabi.workflow_runs SET event_seq = event_seq + 1
      WHERE account_id = ${accountId} AND id = ${runId}
      RETURNING event_seq
    )
    INSERT INTO miyabi.workflow_run_events (account_id, run_id, seq, event, data)
    SELECT ${accountId}, ${runId}, event_seq, ${event}, ${sql.jsonb(data as never)} FROM next
    RETURNING seq
  `);
}

export function listRunEvents(db: CommonQueryMethods, accountId: string, runId: string, afterSeq: number) {
  return db.any(sql.type(EventRow)`
    SELECT seq, event, data FROM miyabi.workflow_run_events
    WHERE account_id = ${accountId} AND run_id = ${runId} AND seq > ${afterSeq}
    ORDER BY seq LIMIT ${RUN_EVENTS_PER_READ}
  `);
}
