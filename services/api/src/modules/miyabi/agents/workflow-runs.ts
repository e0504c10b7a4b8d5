/**
 * Workflow runs (docs/products/miyabi.md, Workflows): a run is one agent execution per node, all
 * created at once; the nodes without an upstream start at once, and each completion starts the
 * nodes whose every upstream has now completed, in the transaction that records the completion
 * and under the run's row lock (so two branches completing together cannot both miss the other).
 * A failed step fails the run and the steps still waiting.
 */
import type { miyabiWorkflows } from '@yorozu/contract';
import type { DatabasePool, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { notFound } from '../../../kernel/errors.ts';
import { eventStream, type JobEventHub } from '../../../kernel/jobs/index.ts';
import type { SpendAtCommit } from '../../../kernel/metering/index.ts';
import { validateDag } from './dag.ts';
import { appendExecutionEvent, executionResource, findExecution, markFailed } from './execution-queries.ts';
import { insertAndStart, ownRepository, startExecution } from './executions.ts';
import { refundUnrunRun } from './metering.ts';
import type { AgentResult, AgentType } from './runner/runner.ts';
import {
  appendRunEvent,
  findReadableWorkflow,
  findRun,
  finishRun,
  insertRun,
  listRunEvents,
  lockRun,
  RUN_EVENTS_PER_READ,
  recordStepDone,
  stepResults,
} from './workflow-queries.ts';

type RunRequest = Static<typeof miyabiWorkflows.CreateWorkflowRunRequest>;
type Definition = Static<typeof miyabiWorkflows.WorkflowDefinition>;
type Run = Static<typeof miyabiWorkflows.WorkflowRun>;
type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

function runResource(row: RunRow): Run {
  const total = row.stepOrder.length;
  return {
    id: row.id,
    workflowId: row.workflowId,
    repositoryId: row.repositoryId,
    status: row.status,
    progress: total === 0 ? 100 : Math.round((100 * row.stepsDone) / total),
    steps: row.steps as Run['steps'],
    errorMessage: row.errorMessage,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function getRun(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const row = await findRun(db, accountId, id);
  if (!row) throw notFound('workflow run');
  return runResource(row);
}

const MAX_INSTRUCTIONS = 4000;

export async function createRun(
  db: DatabaseTransactionConnection,
  spend: SpendAtCommit,
  accountId: string,
  workflowId: string,
  body: RunRequest,
) {
  const workflow = await findReadableWorkflow(db, accountId, workflowId);
  if (!workflow) throw notFound('workflow');
  if (body.repositoryId) await ownRepository(db, accountId, body.repositoryId);
  const repositoryId = body.repositoryId ?? (workflow.mine ? workflow.repositoryId : null);
  const definition = workflow.definition as Definition;
  const dag = validateDag(definition);
  const { id: runId } = await insertRun(db, {
    accountId,
    workflowId: workflow.id,
    repositoryId,
    definition,
    stepOrder: dag.order,
  });
  const nodes = new Map(definition.nodes.map((node) => [node.id, node]));
  for (const nodeId of dag.order) {
    const extra = nodes.get(nodeId)?.data?.instructions;
    const instructions = [body.input.instructions, extra]
      .filter(Boolean)
      .join('\n')
      .slice(0, MAX_INSTRUCTIONS);
    await insertAndStart(db, spend, {
      accountId,
      agentType: dag.agentOf.get(nodeId) as AgentType,
      repositoryId,
      issueNumber: body.input.issue?.number ?? null,
      input: { ...body.input, ...(instructions ? { instructions } : {}) },
      workflowRunId: runId,
      nodeId,
      start: (dag.upstream.get(nodeId) ?? []).length === 0,
    });
  }
  return getRun(db, accountId, runId);
}

/** The results of the steps with an edge into `nodeId`, in edge order: what its agent reads. */
export async function upstreamResults(
  db: DatabaseTransactionConnection,
  accountId: string,
  runId: string,
  nodeId: string | null,
): Promise<{ nodeId: string; agentType: AgentType; result: AgentResult }[]> {
  const run = await findRun(db, accountId, runId);
  if (!run || nodeId === null) return [];
  const sources = validateDag(run.definition as Definition).upstream.get(nodeId) ?? [];
  const rows = await stepResults(db, accountId, runId, sources);
  const byNode = new Map(rows.map((row) => [row.nodeId, row]));
  return sources.flatMap((source) => {
    const row = byNode.get(source);
    return row
      ? [{ nodeId: source, agentType: row.agentType as AgentType, result: row.result as AgentResult }]
      : [];
  });
}

const stepOf = (run: RunRow, executionId: string) =>
  run.steps.find((step) => step.executionId === executionId);

export async function stepStarted(
  db: DatabaseTransactionConnection,
  accountId: string,
  runId: string,
  executionId: string,
) {
  const run = await findRun(db, accountId, runId);
  const step = run && stepOf(run, executionId);
  if (!run || !step) return;
  await appendRunEvent(db, accountId, runId, 'step', {
    nodeId: step.nodeId,
    executionId,
    status: 'running',
    progress: runResource(run).progress,
  });
}

/** Records a completed step and starts the steps it unblocks; completes the run after the last. */
export async function stepCompleted(
  db: DatabaseTransactionConnection,
  accountId: string,
  runId: string,
  executionId: string,
) {
  const locked = await lockRun(db, accountId, runId);
  if (locked?.status !== 'running') return;
  await recordStepDone(db, accountId, runId);
  const run = { ...locked, stepsDone: locked.stepsDone + 1 };
  const step = stepOf(run, executionId);
  if (!step) return;
  await appendRunEvent(db, accountId, runId, 'step', {
    nodeId: step.nodeId,
    executionId,
    status: 'completed',
    progress: runResource(run).progress,
  });
  const dag = validateDag(run.definition as Definition);
  const statusOf = new Map(run.steps.map((s) => [s.nodeId, s]));
  for (const next of dag.downstream.get(step.nodeId) ?? []) {
    const waiting = statusOf.get(next);
    const ready = (dag.upstream.get(next) ?? []).every(
      (source) => statusOf.get(source)?.status === 'completed',
    );
    if (waiting && waiting.status === 'pending' && ready) {
      const unblocked = await findExecution(db, accountId, waiting.executionId);
      await startExecution(db, accountId, waiting.executionId, unblocked?.usageLedgerId ?? null);
    }
  }
  if (run.stepsDone >= run.stepOrder.length) {
    await finishRun(db, accountId, runId, 'completed', null);
    const finished = await findRun(db, accountId, runId);
    if (finished) await appendRunEvent(db, accountId, runId, 'final', runResource(finished));
  }
}

/** Fails the run for a failed step, and with it every step that has not started. */
export async function stepFailed(
  db: DatabaseTransactionConnection,
  accountId: string,
  runId: string,
  executionId: string,
  message: string,
) {
  const run = await lockRun(db, accountId, runId);
  if (run?.status !== 'running') return;
  const step = stepOf(run, executionId);
  const error = `Step "${step?.nodeId ?? executionId}" failed: ${message}`;
  await appendRunEvent(db, accountId, runId, 'step', {
    nodeId: step?.nodeId ?? null,
    executionId,
    status: 'failed',
    progress: runResource(run).progress,
  });
  for (const waiting of run.steps.filter((s) => s.status === 'pending' && s.executionId !== executionId)) {
    if (!(await markFailed(db, accountId, waiting.executionId, `Not run: ${error}`))) continue;
    const skipped = await findExecution(db, accountId, waiting.executionId);
    // It never got a job, so no job gives its reserved run back: this does.
    await refundUnrunRun(db, accountId, skipped?.usageLedgerId ?? null);
    await appendExecutionEvent(
      db,
      accountId,
      waiting.executionId,
      'final',
      skipped && executionResource(skipped),
    );
  }
  await finishRun(db, accountId, runId, 'failed', error);
  const finished = await findRun(db, accountId, runId);
  if (finished) await appendRunEvent(db, accountId, runId, 'final', runResource(finished));
}

export interface RunStreamOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  accountId: string;
  runId: string;
  afterSeq: number;
  signal: AbortSignal;
}

export function runEventStream(options: RunStreamOptions): AsyncGenerator<string> {
  const { accountId, runId } = options;
  return eventStream({
    ...options,
    id: runId,
    readLimit: RUN_EVENTS_PER_READ,
    read: async (db, afterSeq) =>
      (await listRunEvents(db, accountId, runId, afterSeq)).map((event) => ({
        ...event,
        final: event.event === 'final',
      })),
  });
}
