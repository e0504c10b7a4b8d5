/**
 * What a job handler is and gets: the kernel interface every module implements. A module
 * builds its handlers in its jobs.ts with `jobHandler(definition, run)`, one per job type of
 * the contract (`defineJob`), and src/jobs.ts composes them into the one registry the worker runs.
 */
import type { JobDefinition, JobPayload, JobResult } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../errors.ts';
import { schemaProblem } from './check.ts';

export interface JobContext<Payload = Record<string, unknown>> {
  jobId: string;
  accountId: string;
  payload: Payload;
  /** 1 on the first run, counting every retry and every release at a worker's shutdown. */
  attempt: number;
  /** Runs fn in a transaction of its own, bound to the job's account (RLS). */
  withAccount<T>(fn: (db: DatabaseTransactionConnection) => Promise<T>): Promise<T>;
  /** 0..100, an integer; emits an event to the job's stream when it changes. */
  reportProgress(progress: number): Promise<void>;
  /**
   * Aborted when this run no longer owns the job: it was canceled, or the
   * worker is shutting down and hands the job to another one. Whatever the
   * handler does afterwards is discarded.
   */
  signal: AbortSignal;
}

/**
 * Does the work and returns its result (the job's `result`). Jobs run at
 * least once, so a handler must be idempotent. A throw fails the attempt:
 * it is retried with exponential backoff, except a `JobFailure` with
 * `retry: false` or a client-side `DomainError` (4xx), which fail the job at
 * once; after the last attempt the job is failed and its quota refunded, once.
 */
export type JobHandler = (job: JobContext) => Promise<Record<string, unknown>>;

/**
 * The handler of a contract job type: the payload is checked before `run` sees it, and the
 * result before it is stored. A payload that does not match (a job enqueued by another release,
 * a row edited by hand) fails the job at once with `invalid_payload`, refunding what it reserved;
 * a result that does not match fails it with `invalid_result`. Neither is retried: another
 * attempt would read the same payload.
 */
export function jobHandler<J extends JobDefinition>(
  job: J,
  run: (context: JobContext<JobPayload<J>>) => Promise<JobResult<J>>,
): Record<string, JobHandler> {
  const handler: JobHandler = async (context) => {
    const payloadProblem = schemaProblem(job.payload, context.payload);
    if (payloadProblem) {
      throw new JobFailure(
        'invalid_payload',
        `The ${job.type} job's payload is invalid: ${payloadProblem}.`,
        {
          retry: false,
        },
      );
    }
    const result = await run(context as JobContext<JobPayload<J>>);
    const resultProblem = schemaProblem(job.result, result);
    if (resultProblem) {
      throw new JobFailure(
        'invalid_result',
        `The ${job.type} job produced an invalid result: ${resultProblem}.`,
        {
          retry: false,
        },
      );
    }
    return result as Record<string, unknown>;
  };
  return { [job.type]: handler };
}

/** A failure a handler names itself: its code and message become the job's `error`. */
export class JobFailure extends Error {
  readonly code: string;
  readonly retry: boolean;

  constructor(code: string, message: string, options: { retry?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'JobFailure';
    this.code = code;
    this.retry = options.retry ?? true;
  }
}

/** The job's `error`: only failures the handler named say more than "internal" (no internals leak). */
export function jobError(error: unknown): { code: string; message: string } {
  if (error instanceof JobFailure || error instanceof DomainError) {
    return { code: error.code, message: error.message };
  }
  return { code: 'internal', message: 'The job failed; the error has been logged.' };
}

/** Whether another attempt could turn out differently. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof JobFailure) return error.retry;
  if (error instanceof DomainError) return error.status >= 500;
  return true;
}
