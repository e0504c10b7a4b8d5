/** Builds RFC 9457 problem bodies from domain errors. */

import { type Problem, problems } from '@yorozu/contract';
import type { Static } from 'typebox';
import type { DomainError, ProblemCode } from './errors.ts';

export type ProblemBody = Static<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: ProblemCode): string {
  return `https://yorozu.dev/problems/${code}`;
}

export function problemBody(error: DomainError, requestId: string): ProblemBody {
  const { errors, quota } = error.extras;
  return {
    type: problemType(error.code),
    title: problems[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    requestId,
    ...(errors ? { errors } : {}),
    ...(quota ? { quota } : {}),
  };
}
