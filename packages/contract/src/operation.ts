/**
 * One operation of the contract: everything the spec, the service's route and
 * the SDK method need, in one object, so that none of them can drift.
 */
import type { Static, TObject, TSchema } from 'typebox';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export interface OperationDefinition {
  /** `<module>.<resource>.<verb>`; kernel operations drop the module (DESIGN.md, Naming). */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI-style path: `/v1/api-keys/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** `public` needs no credentials; otherwise the API-key scope that grants it. */
  auth: 'public' | { scope: string };
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  /** Accepts `Idempotency-Key` (DESIGN.md, Idempotency). */
  idempotent?: boolean;
  /** Writes one audit-log row on success; every mutating operation does. */
  audited?: boolean;
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: TSchema };
  /** Errors specific to this operation; the common ones are added by the spec builder. */
  errors?: ErrorStatus[];
}

/** Keeps the literal types of an operation so handlers are typed from it. */
export function defineOperation<const O extends OperationDefinition>(operation: O): O {
  return operation;
}

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;

export type OperationParams<O extends OperationDefinition> = StaticOr<O['params'], Record<string, never>>;
export type OperationQuery<O extends OperationDefinition> = StaticOr<O['query'], Record<string, never>>;
export type OperationBody<O extends OperationDefinition> = StaticOr<O['body'], undefined>;
export type OperationResult<O extends OperationDefinition> = StaticOr<O['success']['schema'], void>;
