/** miyabi.agent_executions, their agent state and their log, one function per statement. */
import { miyabiExecutions } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

type Execution = Static<typeof miyabiExecutions.AgentExecution>;
type AgentInput = Static<typeof miyabiExecutions.AgentInput>;
type AgentResult = Static<typeof miyabiExecutions.AgentResult>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const ExecutionRow = rowType(
  Type.Object({
    id: Type.String(),
    agentType: miyabiExecutions.AgentType,
    pluginId: Nullable(Type.String()),
    usageLedgerId: Nullable(Type.String()),
    repositoryId: Nullable(Type.String()),
    issueNumber: Nullable(Type.Number()),
    status: miyabiExecutions.ExecutionStatus,
    jobId: Nullable(Type.String()),
    workflowRunId: Nullable(Type.String()),
    nodeId: Nullable(Type.String()),
    input: Type.Unknown(),
    result: Type.Unknown(),
    errorMessage: Nullable(Type.String()),
    startedAt: Nullable(Type.String()),
    completedAt: Nullable(Type.String()),
    durationMs: Nullable(Type.Number()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    stateTask: Nullable(Type.String()),
    stateProgress: Nullable(Type.Number()),
    stateData: Type.Unknown(),
    stateUpdatedAt: Nullable(Type.String()),
    stateExpiresAt: Nullable(Type.String()),
  }),
);
/** The execution as the API shows it: the state only while it has not expired. */
export function executionResource(row: Readonly<Record<string, unknown>>): Execution {
  const r = row as unknown as Execution & {
    stateTask: string | null;
    stateProgress: number | null;
    stateData: Record<string, unknown> | null;
    stateUpdatedAt: string | null;
    stateExpiresAt: string | null;
  };
  return {
    id: r.id,
    agentType: r.agentType,
    pluginId: r.pluginId,
    repositoryId: r.repositoryId,
    issueNumber: r.issueNumber,
    status: r.status,
    jobId: r.jobId,
    workflowRunId: r.workflowRunId,
    nodeId: r.nodeId,
    input: r.input as AgentInput,
    result: (r.result as AgentResult | null) ?? null,
    errorMessage: r.errorMessage,
    state:
      r.stateUpdatedAt === null
        ? null
        : {
            currentTask: r.stateTask,
            progress: r.stateProgress ?? 0,
            stateData: r.stateData ?? {},
            updatedAt: r.stateUpdatedAt,
            expiresAt: r.stateExpiresAt,
          },
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    durationMs: r.durationMs,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const columns = sql.fragment`
  e.id, e.agent_type AS "agentType", e.plugin_id AS "pluginId", e.usage_ledger_id AS "usageLedgerId",
  e.repository_id AS "repositoryId", e.issue_number AS "issueNumber",
  e.status, e.job_id AS "jobId", e.workflow_run_id AS "workflowRunId", e.node_id AS "nodeId", e.input, e.result,
  e.error_message AS "errorMessage", e.started_at AS "startedAt", e.completed_at AS "completedAt",
  (extract(epoch FROM e.completed_at - e.started_at) * 1000)::integer AS "durationMs",
  e.created_at AS "createdAt", e.updated_at AS "updatedAt",
  s.current_task AS "stateTask", s.progress AS "stateProgress", s.state_data AS "stateData",
  s.updated_at AS "stateUpdatedAt", s.expires_at AS "stateExpiresAt"
`;

const withState = sql.fragment`
  LEFT JOIN miyabi.agent_states s
    ON s.execution_id = e.id AND s.account_id = e.account_id AND (s.expires_at IS NULL OR s.expires_at > now())
`;

export interface NewExecution {
  id: string;
  accountId: string;
  /** The plugin whose monthly runs it reserved one of, and the reservation's ledger entry (metering.ts). */
  pluginId: string;
  usageLedgerId: string;
  agentType: string;
  repositoryId: string | null;
  issueNumber: number | null;
  input: AgentInput;
  workflowRunId?: string | null;
  nodeId?: string | null;
}

const IdRow = rowType(Type.Object({ id: Type.String() }));

export function insertExecution(db: CommonQueryMethods, execution: NewExecution) {
  return db.one(sql.type(IdRow)`
    INSERT INTO miyabi.agent_executions (id, account_id, agent_type, plugin_id, usage_ledger_id, repository_id,
      issue_number, input, workflow_run_id, node_id)
    VALUES (${execution.id}, ${execution.accountId}, ${execution.agentType}, ${execution.pluginId},
            ${execution.usageLedgerId}, ${execution.repositoryId}, ${execution.issueNumber},
            ${sql.jsonb(execution.input as never)}, ${execution.workflowRunId ?? null}, ${execution.nodeId ?? null})
    RETURNING id
  `);
}

export function setExecutionJob(db: CommonQueryMethods, accountId: string, id: string, jobId: string) {
  return db.query(sql.type(NoRows)`
    UPDATE miyabi.agent_executions SET job_id = ${jobId}, updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id}
  `);
}

export function findExecution(db: CommonQueryMethods, accountId: string, id: string) {
  return db.maybeOne(sql.type(ExecutionRow)`
    SELECT ${columns} FROM miyabi.agent_executions e ${withState}
    WHERE e.account_id = ${accountId} AND e.id = ${id}
  `);
}

export interface ExecutionFilters {
  status?: string | undefined;
  agentType?: string | undefined;
  repositoryId?: string | undefined;
}

export function listExecutions(
  db: CommonQueryMethods,
  accountId: string,
  filters: ExecutionFilters,
  after: Position | null,
  take: number,
) {
  const conditions = [
    sql.fragment`e.account_id = ${accountId}`,
    ...(filters.status ? [sql.fragment`e.status = ${filters.status}`] : []),
    ...(filters.agentType ? [sql.fragment`e.agent_type = ${filters.agentType}`] : []),
    ...(filters.repositoryId ? [sql.fragment`e.repository_id = ${filters.repositoryId}`] : []),
  ];
  return db.any(sql.type(ExecutionRow)`
    SELECT ${columns} FROM miyabi.agent_executions e ${withState}
    WHERE ${sql.join(conditions, sql.fragment` AND `)} ${afterPosition(after, 'e')}
    ORDER BY e.created_at DESC, e.id DESC LIMIT ${take}
  `);
}

/** Moves a pending execution to running (a retried attempt finds it running already). */
export function markRunning(db: CommonQueryMethods, accountId: string, id: string) {
  return db.query(sql.type(NoRows)`
    UPDATE miyabi.agent_executions
    SET status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id} AND status IN ('pending', 'running')
  `);
}

export function markCompleted(db: CommonQueryMethods, accountId: string, id: string, result: AgentResult) {
  return db.maybeOne(sql.type(IdRow)`
    UPDATE miyabi.agent_executions
    SET status = 'completed', result = ${sql.jsonb(result as never)}, completed_at = now(), updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id} AND status IN ('pending', 'running')
    RETURNING id
  `);
}

/** Fails an execution that has not finished; returns its id, or null if it had. */
export function markFailed(db: CommonQueryMethods, accountId: string, id: string, message: string) {
  return db.maybeOne(sql.type(IdRow)`
    UPDATE miyabi.agent_executions
    SET status = 'failed', error_message = ${message.slice(0, 2000)}, started_at = coalesce(started_at, now()),
        completed_at = now(), updated_at = now()
    WHERE account_id = ${accountId} AND id = ${id} AND status IN ('pending', 'running')
    RETURNING id
  `);
}

export function upsertState(
  db: CommonQueryMethods,
  accountId: string,
  executionId: string,
  state: { currentTask: string; progress: number; stateData?: Record<string, unknown> | undefined },
) {
  return db.query(sql.type(NoRows)`
    INSERT INTO miyabi.agent_states (execution_id, account_id, current_task, progress, state_data)
    VALUES (${executionId}, ${accountId}, ${state.currentTask.slice(0, 500)}, ${state.progress},
            ${sql.jsonb((state.stateData ?? {}) as never)})
    ON CONFLICT (execution_id) DO UPDATE
    SET current_task = excluded.current_task, progress = excluded.progress,
        state_data = miyabi.agent_states.state_data || excluded.state_data, updated_at = now()
  `);
}

/** The agent state's last word: kept for `retentionDays` from now, then deleted by the cleanup. */
export function finishState(
  db: CommonQueryMethods,
  accountId: string,
  executionId: string,
  currentTask: string,
  retentionDays: number,
) {
  return db.query(sql.type(NoRows)`
    INSERT INTO miyabi.agent_states (execution_id, account_id, current_task, progress, expires_at)
    VALUES (${executionId}, ${accountId}, ${currentTask.slice(0, 500)}, 100,
            now() + make_interval(days => ${retentionDays}))
    ON CONFLICT (execution_id) DO UPDATE
    SET current_task = excluded.current_task,
        progress = CASE WHEN ${currentTask} = 'Failed' THEN miyabi.agent_states.progress ELSE 100 END,
        expires_at = excluded.expires_at, updated_at = now()
  `);
}

const SeqRow = rowType(Type.Object({ seq: Type.Number() }));
const EventRow = rowType(
  Type.Object({ seq: Type.Number(), event: Type.Enum(['log', 'progress', 'final']), data: Type.Unknown() }),
);

export const EVENTS_PER_READ = 500;

/** Appends to the execution's log with its next number, taken under the execution's row lock. */
export function appendExecutionEvent(
  db: CommonQueryMethods,
  accountId: string,
  executionId: string,
  event: 'log' | 'progress' | 'final',
  data: unknown,
) {
  return db.one(sql.type(SeqRow)`
    WITH next AS (
      UPDATE miyabi.agent_executions SET event_seq = event_seq + 1
      WHERE account_id = ${accountId} AND id = ${executionId}
      RETURNING event_seq
    )
    INSERT INTO miyabi.agent_execution_events (account_id, execution_id, seq, event, data)
    SELECT ${accountId}, ${executionId}, event_seq, ${event}, ${sql.jsonb(data as never)} FROM next
    RETURNING seq
  `);
}

export function listExecutionEvents(
  db: CommonQueryMethods,
  accountId: string,
  executionId: string,
  afterSeq: number,
) {
  return db.any(sql.type(EventRow)`
    SELECT seq, event, data FROM miyabi.agent_execution_events
    WHERE account_id = ${accountId} AND execution_id = ${executionId} AND seq > ${afterSeq}
    ORDER BY seq LIMIT ${EVENTS_PER_READ}
  `);
}

const CountRow = rowType(Type.Object({ deleted: Type.Number() }));

export function deleteExpiredStates(db: CommonQueryMethods, now: Date, batch: number) {
  return db.oneFirst(sql.type(CountRow)`
    SELECT miyabi.delete_expired_agent_states(${now.toISOString()}::timestamptz, ${batch}) AS deleted
  `);
}
