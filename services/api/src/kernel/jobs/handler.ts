/**
 * What a job handler is and gets: the kernel interface every module implements. Modules export
 * their handlers from their jobs.ts as `jobHandlers`, keyed by job type, and
 * src/jobs.ts composes them into the one registry the worker runs.
 */
import type { DatabaseTransactionConnection } from 'slonik';
import { DomainError } from '../errors.ts';

export interface JobContext {
  jobId: string;
  accountId: string;
  payload: Record<string, unknown>;
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
