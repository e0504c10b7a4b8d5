/**
 * Agent executions (docs/products/miyabi.md, Agent executions): created `pending` with the kernel
 * job that runs them, in one transaction; the job (jobs.ts) moves them to running and then to
 * completed or failed, keeps their agent state and appends their live log.
 */
import { randomUUID } from 'node:crypto';
import { miyabiExecutions as contract, type miyabiExecutions } from '@yorozu/contract';
import type { DatabasePool, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { notFound } from '../../../kernel/errors.ts';
import { enqueueJob, eventStream, type JobEventHub } from '../../../kernel/jobs/index.ts';
import type { SpendAtCommit } from '../../../kernel/metering/index.ts';
import {
  EVENTS_PER_READ,
  executionResource,
  findExecution,
  insertExecution,
  listExecutionEvents,
  setExecutionJob,
} from './execution-queries.ts';
import { reserveRun } from './metering.ts';
import { findRepository } from './repository-queries.ts';

type CreateRequest = Static<typeof miyabiExecutions.CreateExecutionRequest>;
type AgentInput = Static<typeof miyabiExecutions.AgentInput>;

export async function getExecution(db: DatabaseTransactionConnection, accountId: string, id: string) {
  const row = await findExecution(db, accountId, id);
  if (!row) throw notFound('agent execution');
  return executionResource(row);
}

/** A repository of the caller's, or 404 naming the field (it is the body's, not the URL's). */
export async function ownRepository(
  db: DatabaseTransactionConnection,
  accountId: string,
  repositoryId: string,
) {
  const repository = await findRepository(db, accountId, repositoryId);
  if (!repository) throw notFound('repository');
  return repository;
}

export interface ExecutionToRun {
  accountId: string;
  agentType: CreateRequest['agentType'];
  repositoryId: string | null;
  issueNumber: number | null;
  input: AgentInput;
  workflowRunId?: string | null;
  nodeId?: string | null;
  /** Enqueue the job now (a workflow's later steps wait until the steps before them complete). */
  start: boolean;
}

/**
 * Inserts an execution, with one of its plugin's monthly runs reserved (metering.ts), and, if
 * `start`, the job that runs it; returns its id.
 */
export async function insertAndStart(
  db: DatabaseTransactionConnection,
  spend: SpendAtCommit,
  execution: ExecutionToRun,
) {
  const id = randomUUID();
  const reservation = await reserveRun(spend, execution.accountId, execution.agentType, id);
  await insertExecution(db, {
    ...execution,
    id,
    pluginId: reservation.pluginId,
    usageLedgerId: reservation.ledgerEntryId,
  });
  if (execution.start) await startExecution(db, execution.accountId, id, reservation.ledgerEntryId);
  return id;
}

/** Enqueues the execution's job, which gives the run's reservation back if it fails or is canceled. */
export async function startExecution(
  db: DatabaseTransactionConnection,
  accountId: string,
  executionId: string,
  usageLedgerId: string | null,
) {
  const job = await enqueueJob(db, contract.agentJob, {
    accountId,
    payload: { executionId },
    quotaLedgerEntryId: usageLedgerId,
  });
  await setExecutionJob(db, accountId, executionId, job.id);
  return job;
}

export async function createExecution(
  db: DatabaseTransactionConnection,
  spend: SpendAtCommit,
  accountId: string,
  body: CreateRequest,
) {
  if (body.repositoryId) await ownRepository(db, accountId, body.repositoryId);
  const id = await insertAndStart(db, spend, {
    accountId,
    agentType: body.agentType,
    repositoryId: body.repositoryId ?? null,
    issueNumber: body.issueNumber ?? body.input.issue?.number ?? null,
    input: body.input,
    start: true,
  });
  return getExecution(db, accountId, id);
}

export interface ExecutionStreamOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  accountId: string;
  executionId: string;
  afterSeq: number;
  signal: AbortSignal;
}

/** The execution's log, progress and final event, woken by the trigger on its events (migrations/0321). */
export function executionEventStream(options: ExecutionStreamOptions): AsyncGenerator<string> {
  const { accountId, executionId } = options;
  return eventStream({
    ...options,
    id: executionId,
    readLimit: EVENTS_PER_READ,
    read: async (db, afterSeq) =>
      (await listExecutionEvents(db, accountId, executionId, afterSeq)).map((event) => ({
        ...event,
        final: event.event === 'final',
      })),
  });
}
