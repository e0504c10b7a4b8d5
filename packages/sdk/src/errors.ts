/**
 * One error base, one subclass per meaning. Every API error is built from the RFC 9457
 * problem+json body and the response headers; nothing from the request's headers is kept,
 * so credentials never reach an error.
 */
import { type ProblemCode, problems } from './generated/problems';
import type { components } from './generated/schema';

export type Problem = components['schemas']['Problem'];
export type FieldProblem = components['schemas']['FieldProblem'];

const BRAND = Symbol.for('@yorozu/sdk/error');
const instanceOf = Function.prototype[Symbol.hasInstance];

/** The base of every error the SDK throws. */
export class YorozuError extends Error {
  /** Stable class name, also used for `instanceof` across copies of the SDK (ESM and CJS). */
  static readonly kind: string = 'YorozuError';
  declare readonly [BRAND]: string[];

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const kinds: string[] = [];
    for (let c = new.target as unknown as typeof YorozuError; c?.kind; c = Object.getPrototypeOf(c)) {
      if (!kinds.includes(c.kind)) kinds.push(c.kind);
    }
    this.name = kinds[0]!;
    Object.defineProperty(this, BRAND, { value: kinds });
  }

  /**
   * `instanceof` also recognises errors from another copy of the SDK (its ESM and CJS builds
   * loaded side by side, or two bundles), by the class names each error carries.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of `instanceof`.
    if (instanceOf.call(this, value)) return true;
    const kinds = (value as { [BRAND]?: unknown } | null)?.[BRAND];
    // biome-ignore lint/complexity/noThisInStatic: as above.
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
}

/** Where a failed request went, and how many attempts it took. */
export interface RequestContext {
  method: string;
  url: string;
  attempts: number;
}

/** A non-2xx response from the API. */
export class APIError extends YorozuError {
  static override readonly kind: string = 'APIError';
  readonly status: number;
  /** Stable machine code from the problem body, e.g. `validation_failed`. */
  readonly code: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  /** The `X-Request-Id` of the failed response: quote it to support. */
  readonly requestId: string | undefined;
  /** Response headers. */
  readonly headers: Headers;
  readonly method: string;
  readonly url: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  /** The parsed problem+json body (or the raw text when it was not JSON). */
  readonly body: Problem | string | undefined;
  /**
   * Whether the same request may succeed later: 408, 409 `idempotency_in_progress` (the first
   * attempt is still running), 429 `rate_limited`, 500, 502, 503, 504.
   */
  readonly retryable: boolean;

  constructor(status: number, body: unknown, headers: Headers, context: RequestContext) {
    const problem = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
    const requestId = problem.requestId ?? headers.get('x-request-id') ?? undefined;
    const summary = [problem.title ?? `HTTP ${status}`, problem.detail].filter(Boolean).join(': ');
    super(
      `${status} ${summary} (${context.method} ${context.url}${requestId ? `, request ${requestId}` : ''})`,
    );
    this.status = status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = requestId;
    this.headers = headers;
    this.method = context.method;
    this.url = context.url;
    this.attempts = context.attempts;
    this.body = body as Problem | string | undefined;
    // The catalogue says for the API's own codes; gateways and proxies answer without one.
    const known = problem.code !== undefined && Object.hasOwn(problems, problem.code);
    this.retryable = known
      ? problems[problem.code as ProblemCode].retryable
      : [408, 429, 500, 502, 503, 504].includes(status);
  }
}

/** 400: the request was malformed; `errors` lists the offending fields. */
export class ValidationError extends APIError {
  static override readonly kind: string = 'ValidationError';
  /** Field problems: a JSON pointer `path` (e.g. `/body/email`) and a `message`. */
  readonly errors: FieldProblem[];
  constructor(status: number, body: unknown, headers: Headers, context: RequestContext) {
    super(status, body, headers, context);
    this.errors = (body as Partial<Problem> | undefined)?.errors ?? [];
  }
}

/** 401: missing, malformed, expired or revoked credentials. */
export class AuthenticationError extends APIError {
  static override readonly kind: string = 'AuthenticationError';
}

const toDate = (value: string | null | undefined) => {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
};

/**
 * 402 `quota_exceeded`: the plan's quota for a metric is used up. Never retried: waiting
 * seconds will not help; `resetsAt` says when it refills.
 */
export class QuotaExceededError extends APIError {
  static override readonly kind: string = 'QuotaExceededError';
  readonly product: string | undefined;
  readonly metric: string | undefined;
  /** The plan's limit for the period (null when unlimited). */
  readonly limit: number | null | undefined;
  readonly used: number | undefined;
  /** When the quota refills. */
  readonly resetsAt: Date | undefined;
  constructor(status: number, body: unknown, headers: Headers, context: RequestContext) {
    super(status, body, headers, context);
    const quota = (body as Partial<Problem> | undefined)?.quota;
    this.product = quota?.product;
    this.metric = quota?.metric;
    this.limit = quota?.limit;
    this.used = quota?.used;
    this.resetsAt = toDate(quota?.resetsAt ?? headers.get('yorozu-quota-reset'));
  }
}

/** 402 `plan_required`: the resource is part of a paid plan of the product (a premium script); never retried. */
export class PlanRequiredError extends APIError {
  static override readonly kind: string = 'PlanRequiredError';
}

/** 403: authenticated, but the credentials lack the scope or role. */
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = 'PermissionDeniedError';
}

/** 404: no such resource in this account. */
export class NotFoundError extends APIError {
  static override readonly kind: string = 'NotFoundError';
}

/** 409: the request conflicts with the resource's state. */
export class ConflictError extends APIError {
  static override readonly kind: string = 'ConflictError';
}

/**
 * 409 `idempotency_in_progress` (the same key is still running; retried on its `Retry-After`,
 * so it surfaces only when the retries or the deadline run out) or 422
 * `idempotency_key_mismatch` (the key was used for a different request).
 */
export class IdempotencyError extends APIError {
  static override readonly kind: string = 'IdempotencyError';
}

/** 429 `rate_limited`: too many requests; retried automatically within the deadline. */
export class RateLimitError extends APIError {
  static override readonly kind: string = 'RateLimitError';
  /** How long the server asked to wait (`Retry-After`, else `RateLimit-Reset`). */
  readonly retryAfterMs: number | undefined;
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** When the rate-limit window resets. */
  readonly resetAt: Date | undefined;
  constructor(status: number, body: unknown, headers: Headers, context: RequestContext) {
    super(status, body, headers, context);
    const limits = rateLimit(headers);
    this.retryAfterMs = retryAfterMs(headers);
    this.limit = limits.limit;
    this.remaining = limits.remaining;
    this.resetAt = limits.resetMs === undefined ? undefined : new Date(Date.now() + limits.resetMs);
  }
}

/** 5xx: the server failed. */
export class InternalServerError extends APIError {
  static override readonly kind: string = 'InternalServerError';
}

/** 503: the service is down, shutting down or overloaded. */
export class ServiceUnavailableError extends InternalServerError {
  static override readonly kind: string = 'ServiceUnavailableError';
}

/** The code and address of a failed connection, from the fetch error's `cause` chain (Node, undici). */
function describe(cause: unknown): { code: string | undefined; text: string } {
  type Failure = { code?: unknown; address?: unknown; port?: unknown; cause?: unknown; errors?: Failure[] };
  // Node's happy-eyeballs connect reports every address it tried in an AggregateError: the first.
  for (let e = cause as Failure | undefined, depth = 0; e && depth < 5; depth++) {
    e = typeof e.code === 'string' ? e : (e.errors?.[0] ?? e);
    if (typeof e.code === 'string') {
      const at = typeof e.address === 'string' ? ` ${e.address}${e.port ? `:${e.port}` : ''}` : '';
      return { code: e.code, text: e.code + at };
    }
    e = e.cause as Failure | undefined;
  }
  return { code: undefined, text: String((cause as Error)?.message ?? cause) };
}

/**
 * No response: DNS, TCP, TLS or a reset connection. The message names what happened where the
 * runtime says (`ECONNREFUSED 127.0.0.1:3000`); browsers only say that the fetch failed.
 */
export class ConnectionError extends YorozuError {
  static override readonly kind: string = 'ConnectionError';
  readonly retryable = true;
  /** The system error code when the runtime gives one, e.g. `ECONNREFUSED`, `ENOTFOUND`. */
  readonly code: string | undefined;
  readonly method: string;
  readonly url: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;
  constructor(message: string | undefined, context: RequestContext, cause?: unknown) {
    const { code, text } = describe(cause);
    super(`${message ?? `Connection failed: ${text}`} (${context.method} ${context.url})`, { cause });
    this.code = message === undefined ? code : undefined;
    this.method = context.method;
    this.url = context.url;
    this.attempts = context.attempts;
  }
}

/**
 * An attempt took longer than the SDK's `timeout`, or all attempts longer than `deadline`
 * (retried within the deadline). Your own `signal` timing out is an `AbortError` instead.
 */
export class TimeoutError extends ConnectionError {
  static override readonly kind: string = 'TimeoutError';
  constructor(message: string, context: RequestContext, cause?: unknown) {
    super(message, context, cause);
  }
}

/**
 * The caller's `signal` aborted the request; `cause` is `signal.reason`. Never retried: the
 * signal is yours. `timedOut` is true when the reason is a timeout (`AbortSignal.timeout()`).
 */
export class AbortError extends YorozuError {
  static override readonly kind: string = 'AbortError';
  /** The signal aborted because its time ran out (`signal.reason.name === 'TimeoutError'`). */
  readonly timedOut: boolean;
  constructor(reason: unknown) {
    const timedOut = (reason as { name?: unknown } | null)?.name === 'TimeoutError';
    super(`The request was aborted${timedOut ? ' (timed out)' : ''}`, { cause: reason });
    this.timedOut = timedOut;
  }
}

/**
 * The SDK was used wrongly, found before anything is sent: no credential, a bad option, a
 * missing path parameter.
 */
export class UsageError extends YorozuError {
  static override readonly kind: string = 'UsageError';
}

/** `getToken` (yours, or a session's refresh) threw; `cause` is what it threw. */
export class TokenError extends YorozuError {
  static override readonly kind: string = 'TokenError';
  constructor(cause: unknown) {
    super(`getToken failed: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

/**
 * A 2xx response whose body the SDK cannot read as the spec says: truncated JSON, an HTML page
 * from a proxy, an empty body where JSON was expected. `cause` is the parse error, if any.
 */
export class InvalidResponseError extends YorozuError {
  static override readonly kind: string = 'InvalidResponseError';
  readonly status: number;
  /** The `X-Request-Id` of the response: quote it to support. */
  readonly requestId: string | undefined;
  readonly url: string;
  constructor(message: string, response: Response, cause?: unknown) {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    super(
      `${message} (HTTP ${response.status} from ${response.url}${requestId ? `, request ${requestId}` : ''})`,
      {
        cause,
      },
    );
    this.status = response.status;
    this.requestId = requestId;
    this.url = response.url;
  }
}

/** One class per problem code of the catalogue: a code the spec adds fails to type-check here until it has one. */
const byCode: Record<ProblemCode, typeof APIError> = {
  validation_failed: ValidationError,
  invalid_cursor: ValidationError,
  oauth_state_invalid: ValidationError,
  identity_link_failed: ValidationError,
  unauthenticated: AuthenticationError,
  oauth_exchange_failed: AuthenticationError,
  quota_exceeded: QuotaExceededError,
  plan_required: PlanRequiredError,
  forbidden: PermissionDeniedError,
  oauth_email_unverified: PermissionDeniedError,
  not_found: NotFoundError,
  oauth_provider_not_configured: NotFoundError,
  not_acceptable: APIError,
  conflict: ConflictError,
  last_sign_in_method: ConflictError,
  base_plugin_required: ConflictError,
  idempotency_in_progress: IdempotencyError,
  payload_too_large: APIError,
  unsupported_media_type: APIError,
  range_not_satisfiable: APIError,
  idempotency_key_mismatch: IdempotencyError,
  rate_limited: RateLimitError,
  internal: InternalServerError,
  unavailable: ServiceUnavailableError,
};

/** For responses without a code of the catalogue (a proxy's, a gateway's). */
const byStatus: Record<number, typeof APIError> = {
  400: ValidationError,
  401: AuthenticationError,
  402: QuotaExceededError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
  503: ServiceUnavailableError,
};

/** The error class for a response: by the problem's `code` (the catalogue), else by status. */
export function apiError(status: number, body: unknown, headers: Headers, context: RequestContext): APIError {
  const code = (body as Partial<Problem> | undefined)?.code;
  const Class =
    (code !== undefined && Object.hasOwn(byCode, code) ? byCode[code] : undefined) ??
    byStatus[status] ??
    (status >= 500 ? InternalServerError : APIError);
  return new Class(status, body, headers, context);
}

const number = (value: string | null | undefined) => {
  const n = value == null || value === '' ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** `Retry-After` in milliseconds: delta seconds or an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = number(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * `RateLimit-Limit` / `-Remaining` / `-Reset` (also `X-RateLimit-*`), or the structured
 * `RateLimit: limit=…, remaining=…, reset=…` / `"policy";r=…;t=…` header. Reset is delta
 * seconds; a value that looks like epoch seconds is read as one.
 */
export function rateLimit(headers: Headers): {
  limit: number | undefined;
  remaining: number | undefined;
  resetMs: number | undefined;
} {
  const one = (name: string) => headers.get(`ratelimit-${name}`) ?? headers.get(`x-ratelimit-${name}`);
  const combined = headers.get('ratelimit') ?? '';
  const field = (...keys: string[]) =>
    keys.map((k) => new RegExp(`(?:^|[\\s,;])${k}=(\\d+)`).exec(combined)?.[1]).find(Boolean);
  const reset = number(one('reset') ?? field('reset', 't'));
  return {
    limit: number(one('limit') ?? field('limit')),
    remaining: number(one('remaining') ?? field('remaining', 'r')),
    resetMs:
      reset === undefined ? undefined : reset > 1e9 ? Math.max(0, reset * 1000 - Date.now()) : reset * 1000,
  };
}
