/**
 * One operation of the contract: everything the spec, the service's route and
 * the SDK method need, in one object, so that none of them can drift.
 */
import type { Static, TObject, TSchema } from 'typebox';
import type { HeaderComponent } from './openapi/headers.ts';
import type { ErrorStatus } from './problems.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface OperationDefinition {
  /** `<module>.<resource>[.<sub-resource>].<verb>`; kernel operations drop the module (docs/architecture.md, Naming). */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI-style path: `/v1/api-keys/{id}`. */
  path: string;
  tag: string;
  summary: string;
  /**
   * What a reader needs beyond the summary (Markdown). Required: the spec adds the scope and, for
   * lists, the pagination pointer, but never stands in for this.
   */
  description: string;
  /**
   * `public` reads no credentials at all; `optional` runs without an account when none is sent
   * (seeing only public rows) and as the caller's account when one is (a bad one is still 401),
   * with no scope to check, since an anonymous caller may do the same; otherwise the API-key
   * scope that grants it (docs/architecture.md, Visibility and shared data). `{ scope, optional:
   * true }` is for a read that also shows the caller's private rows (its own files, its drafts):
   * anonymous callers see public rows, and a credential that is sent must carry the scope, so a
   * key scoped to other products cannot read the account's private data through it.
   */
  auth: 'public' | 'optional' | { scope: string; optional?: true };
  params?: TObject;
  query?: TObject;
  /**
   * Request headers the operation reads (names in lower case, as Node sees them), e.g. SSE's
   * `last-event-id`: validated like query parameters and listed as `in: header` in the spec.
   */
  headers?: TObject;
  body?: TSchema;
  /**
   * An upload: the body is raw bytes in one of these media types, not JSON. `body` is then `Binary`
   * (`format: binary`, which openapi-typescript types as a string/Blob), and the service hands the
   * handler the bytes as a Buffer whatever `Content-Type` says, capped by the route's own body limit.
   */
  bodyContentTypes?: readonly string[];
  /** Accepts `Idempotency-Key` (docs/architecture.md, Idempotency). */
  idempotent?: boolean;
  /**
   * Spends this quota (docs/architecture.md, Quotas): its successes carry `Yorozu-Quota-Remaining`
   * and `Yorozu-Quota-Reset`, set by the service's binder, and it can answer 402 `quota_exceeded`.
   */
  metered?: { product: string; metric: string };
  /** Writes one audit-log row on success; every mutating operation does. */
  audited?: boolean;
  success: {
    /**
     * 302: a redirect the handler writes itself (`Location`, and any cookie it sets), such as the
     * start of an OAuth sign-in; the SDK gives it a URL helper instead of a fetching method.
     */
    status: 200 | 201 | 202 | 204 | 302;
    description: string;
    schema?: TSchema;
    /**
     * A response that is not JSON (a file's bytes, a Server-Sent Events stream), in one of these
     * media types: the handler writes the reply itself and nothing serialises it.
     */
    contentTypes?: readonly string[];
    /** Headers of the success response besides those every response has (see openapi/headers.ts). */
    headers?: readonly HeaderComponent[];
  };
  /**
   * A conditional GET: the response carries an `ETag`, and `If-None-Match` with that tag is
   * answered 304 Not Modified without a body.
   */
  conditional?: boolean;
  /**
   * A download that answers `Range` (RFC 9110, 14): 206 Partial Content with `Content-Range` for one
   * satisfiable byte range, 416 for a range past the end, the whole file when `If-Range` names
   * another version. Every success carries `Accept-Ranges: bytes`.
   */
  ranged?: boolean;
  /**
   * Another success status the handler may choose (`context.status()`), with the same body
   * schema: e.g. 201 with a result served at once where the usual answer is 202 and a job.
   */
  alternativeSuccess?: { status: 200 | 201 | 202; description: string };
  /** Errors specific to this operation; the common ones are added by the spec builder. */
  errors?: ErrorStatus[];
  /**
   * Called by another service (a webhook), not by API clients: marked `x-internal: true` in the
   * spec, and the SDK has no method for it.
   */
  internal?: boolean;
}

/** Keeps the literal types of an operation so handlers are typed from it. */
export function defineOperation<const O extends OperationDefinition>(operation: O): O {
  return operation;
}

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;

export type OperationParams<O extends OperationDefinition> = StaticOr<O['params'], Record<string, never>>;
export type OperationQuery<O extends OperationDefinition> = StaticOr<O['query'], Record<string, never>>;
export type OperationHeaders<O extends OperationDefinition> = StaticOr<O['headers'], Record<string, never>>;
export type OperationBody<O extends OperationDefinition> = StaticOr<O['body'], undefined>;
export type OperationResult<O extends OperationDefinition> = StaticOr<O['success']['schema'], void>;

/** Whether the operation also runs without credentials (docs/architecture.md, Visibility and shared data). */
export function credentialsOptional(auth: OperationDefinition['auth']): boolean {
  return auth === 'optional' || (typeof auth === 'object' && auth.optional === true);
}
