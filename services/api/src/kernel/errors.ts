/**
 * Domain errors: services throw these, and the one error handler turns each
 * into the contract's problem+json (docs/architecture.md, Errors). The code is the
 * stable machine string; the status follows from it.
 */

import type { FieldProblem, QuotaState } from '@yorozu/contract';
import type { Static } from 'typebox';

export const problemCodes = {
  validation_failed: { status: 400, title: 'Bad Request' },
  invalid_cursor: { status: 400, title: 'Bad Request' },
  unauthenticated: { status: 401, title: 'Unauthorized' },
  quota_exceeded: { status: 402, title: 'Quota Exceeded' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  conflict: { status: 409, title: 'Conflict' },
  idempotency_in_progress: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload Too Large' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type' },
  idempotency_key_mismatch: { status: 422, title: 'Unprocessable Content' },
  rate_limited: { status: 429, title: 'Too Many Requests' },
  internal: { status: 500, title: 'Internal Server Error' },
  unavailable: { status: 503, title: 'Service Unavailable' },
} as const;

export type ProblemCode = keyof typeof problemCodes;

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
    return problemCodes[this.code].status;
  }
}

export const notFound = (what: string) => new DomainError('not_found', `No ${what} with that id.`);
export const unauthenticated = (detail = 'Missing or invalid credentials.') =>
  new DomainError('unauthenticated', detail);
export const validationFailed = (path: string, message: string) =>
  new DomainError('validation_failed', `Invalid request: ${path} ${message}.`, {
    errors: [{ path, message }],
  });
