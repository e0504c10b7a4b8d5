/**
 * `miyabi.agent`: runs one agent execution with the composition root's AgentRunner. Each log line
 * and progress step is a short transaction of its own, so the execution's stream shows it at
 * once. Jobs run at least once: an attempt that finds its execution finished returns what it
 * recorded. A failure another attempt would repeat (`AgentFailure`), or any failure on the last
 * attempt, fails the execution with its message; other failures are retried by the kernel.
 * A workflow step's completion starts the steps it unblocks (workflow-runs.ts), in the same
 * transaction.
 */
import { type JobPayload, type JobResult, miyabiExecutions } from '@yorozu/contract';
import {
  DEFAULT_MAX_ATTEMPTS,
  type JobContext,
  JobFailure,
  type JobHandler,
  jobHandler,
  type ScheduledTask,
} from '../../../kernel/jobs/index.ts';
import {
  appendExecutionEvent,
  deleteExpiredStates,
  executionResource,
  findExecution,
  finishState,
  markCompleted,
  markFailed,
  markRunning,
  upsertState,
} from './execution-queries.ts';
import { countCompletedRun } from './metering.ts';
import { findRepository } from './repository-queries.ts';
import { AgentFailure, type AgentInput, type AgentRunner, type AgentType } from './runner/runner.ts';
import { stepCompleted, stepFailed, stepStarted, upstreamResults } from './workflow-runs.ts';

type AgentJob = typeof miyabiExecutions.agentJob;

/** Seed 004: an agent's state is kept 7 days after the execution finished. */
export const STATE_RETENTION_DAYS = 7;
const CLEANUP_BATCH = 500;

export interface AgentJobDependencies {
  runner: AgentRunner;
}

const now = () => new Date().toISOString();

async function run(
  deps: AgentJobDependencies,
  job: JobContext<JobPayload<AgentJob>>,
): Promise<JobResult<AgentJob>> {
  const { executionId } = job.payload;
  const { accountId } = job;
  const context = await job.withAccount(async (db) => {
    const row = await findExecution(db, accountId, executionId);
    if (!row || row.status === 'completed' || row.status === 'failed') return { row, request: null };
    await markRunning(db, accountId, executionId);
    await upsertState(db, accountId, executionId, { currentTask: 'Starting', progress: 0 });
    await appendExecutionEvent(db, accountId, executionId, 'log', {
      message: `${row.agentType} agent started (${deps.runner.name}, attempt ${job.attempt}).`,
      at: now(),
    });
    if (row.workflowRunId && row.status === 'pending')
      await stepStarted(db, accountId, row.workflowRunId, executionId);
    const repository = row.repositoryId ? await findRepository(db, accountId, row.repositoryId) : null;
    const upstream = row.workflowRunId
      ? await upstreamResults(db, accountId, row.workflowRunId, row.nodeId)
      : [];
    return {
      row,
      request: {
        agentType: row.agentType as AgentType,
        input: row.input as AgentInput,
        repository: repository && { fullName: repository.fullName, defaultBranch: repository.defaultBranch },
        issueNumber: row.issueNumber,
        upstream,
      },
    };
  });
  if (!context.row) {
    throw new JobFailure('execution_missing', 'The agent execution was deleted before it ran.', {
      retry: false,
    });
  }
  if (!context.request) {
    if (context.row.status === 'completed') return { executionId, status: 'completed' };
    throw new JobFailure('agent_failed', context.row.errorMessage ?? 'The agent failed.', { retry: false });
  }

  let result: Awaited<ReturnType<AgentRunner['run']>>;
  try {
    result = await deps.runner.run(context.request, {
      log: async (message) => {
        await job.withAccount((db) =>
          appendExecutionEvent(db, accountId, executionId, 'log', { message, at: now() }),
        );
      },
      progress: async (progress, currentTask, stateData) => {
        const clamped = Math.max(0, Math.min(100, Math.round(progress)));
        await job.withAccount(async (db) => {
          await upsertState(db, accountId, executionId, { currentTask, progress: clamped, stateData });
          await appendExecutionEvent(db, accountId, executionId, 'progress', {
            progress: clamped,
            currentTask,
          });
        });
        await job.reportProgress(Math.min(clamped, 99));
      },
      signal: job.signal,
    });
  } catch (error) {
    if (job.signal.aborted) throw error;
    const final = error instanceof AgentFailure || job.attempt >= DEFAULT_MAX_ATTEMPTS;
    if (!final) throw error;
    const message =
      error instanceof AgentFailure ? error.message : 'The agent failed; the error has been logged.';
    await job.withAccount(async (db) => {
      if (!(await markFailed(db, accountId, executionId, message))) return;
      await finishState(db, accountId, executionId, 'Failed', STATE_RETENTION_DAYS);
      await appendExecutionEvent(db, accountId, executionId, 'log', {
        message: `Failed: ${message}`,
        at: now(),
      });
      const failed = await findExecution(db, accountId, executionId);
      await appendExecutionEvent(db, accountId, executionId, 'final', failed && executionResource(failed));
      if (context.row?.workflowRunId)
        await stepFailed(db, accountId, context.row.workflowRunId, executionId, message);
    });
    throw new JobFailure('agent_failed', message, { retry: false, cause: error });
  }
  job.signal.throwIfAborted();
  await job.withAccount(async (db) => {
    if (!(await markCompleted(db, accountId, executionId, result))) return;
    // Counted in the plugin's month in the transaction that completes it (metering.ts).
    if (context.row) await countCompletedRun(db, accountId, context.row);
    await finishState(db, accountId, executionId, 'Done', STATE_RETENTION_DAYS);
    await appendExecutionEvent(db, accountId, executionId, 'log', { message: result.summary, at: now() });
    const completed = await findExecution(db, accountId, executionId);
    await appendExecutionEvent(
      db,
      accountId,
      executionId,
      'final',
      completed && executionResource(completed),
    );
    if (context.row?.workflowRunId)
      await stepCompleted(db, accountId, context.row.workflowRunId, executionId);
  });
  return { executionId, status: 'completed' };
}

export function createJobHandlers(deps: AgentJobDependencies): Record<string, JobHandler> {
  return jobHandler(miyabiExecutions.agentJob, (job) => run(deps, job));
}

/** Deletes agent states 7 days after their execution finished, in batches, across every account. */
export async function cleanupAgentStates(
  db: Parameters<typeof deleteExpiredStates>[0],
  clock: () => number = Date.now,
): Promise<{ states: number }> {
  let states = 0;
  for (;;) {
    const deleted = await deleteExpiredStates(db, new Date(clock()), CLEANUP_BATCH);
    states += deleted;
    if (deleted < CLEANUP_BATCH) return { states };
  }
}

export const scheduledTasks: readonly ScheduledTask[] = [
  {
    identifier: 'miyabi.agent-states-cleanup',
    pattern: '23 * * * *',
    run: (pool) => cleanupAgentStates(pool),
  },
];
