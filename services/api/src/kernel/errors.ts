/**
 * Domain errors: services throw these, and the one error handler turns each
 * into the contract's problem+json (docs/architecture.md, Errors). The code is the
 * stable machine string; the status follows from it.
 */

import { type FieldProblem, type ProblemCode, problems, type QuotaState } from '@yorozu/contract';
import type { Static } from 'typebox';

export type { ProblemCode };

export interface ProblemExtras {
  errors?: Static<typeof FieldProblem>[];
  quota?: Static<typeof QuotaState>;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  headers?: Record<string, string>;
  /**
   * Commit the request's transaction before answering with this error: for
   * failures that must leave a trace, such as revoking a refresh-token family
   * when a rotated token is reused.
   */
  commitBeforeFailing?: boolean;
}

export class DomainError extends Error {
  readonly code: ProblemCode;
  readonly extras: ProblemExtras;

  constructor(code: ProblemCode, detail: string, extras: ProblemExtras = {}) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.extras = extras;
  }

  get status(): number {
    return problems[this.code].status;
  }
}

export const notFound = (what: string) => new DomainError('not_found', `No ${what} with that id.`);
export const unauthenticated = (detail = 'Missing or invalid credentials.') =>
  new DomainError('unauthenticated', detail);
export const validationFailed = (path: string, message: string) =>
  new DomainError('validation_failed', `Invalid request: ${path} ${message}.`, {
    errors: [{ path, message }],
  });
