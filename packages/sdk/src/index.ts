export {
  type ClientOptions,
  type JobsResource,
  type LoginOptions,
  type SpeakResource,
  Yorozu,
} from './client';
export type { GetToken, Logger, RequestOptions, RetryInfo } from './core';
export {
  AbortError,
  APIError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  type FieldProblem,
  IdempotencyError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  PlanRequiredError,
  type Problem,
  QuotaExceededError,
  RateLimitError,
  type RequestContext,
  ServiceUnavailableError,
  TimeoutError,
  TokenError,
  UsageError,
  ValidationError,
  YorozuError,
} from './errors';
export type * from './generated/namespaces';
export { apiVersion } from './generated/resources';
export type { components, operations, paths } from './generated/schema';
export {
  type Job,
  JobFailedError,
  type JobOf,
  type JobStatus,
  type JobType,
  type SucceededJob,
  type WaitOptions,
} from './jobs';
export { type Page, PagePromise } from './pagination';
export {
  APIPromise,
  type Input,
  type ItemOf,
  type ListMethod,
  type ListOptions,
  type Loose,
  type Method,
  NotModified,
  type Output,
  type RequestIdentified,
  type UrlMethod,
  type WithRequestId,
  type WithResponse,
} from './resource';
export { type Account, type RedactedSession, Session, type TokenPair } from './session';
export type { SpeakReplyEvent } from './speak';
export { readEvents, type ServerSentEvent } from './sse';
export { VERSION } from './version';

import type { components } from './generated/schema';
/** Every named schema of the spec: `Schemas['ApiKey']`. */
export type Schemas = components['schemas'];
