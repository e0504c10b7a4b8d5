/**
 * The problem catalogue: every `code` an error response can carry, with its HTTP status, title,
 * meaning, whether the same request may succeed later, and an example. The spec's error
 * responses, the `Problem.code` enum, the service's errors and the SDK's error classes all come
 * from this table (docs/architecture.md, Errors).
 */
import Type from 'typebox';

export type ErrorStatus = 400 | 401 | 402 | 403 | 404 | 406 | 409 | 413 | 415 | 416 | 422 | 429 | 500 | 503;

export interface ProblemDefinition {
  status: ErrorStatus;
  /** The RFC 9457 `title`: the same for every problem of this code. */
  title: string;
  /** When it happens and what to do, for the reader of the spec. */
  description: string;
  /** Whether repeating the same request later can succeed (a client may retry it with backoff). */
  retryable: boolean;
  /** The example's `detail`, `errors` and `quota`. */
  example: {
    detail: string;
    errors?: { path: string; message: string }[];
    quota?: { product: string; metric: string; limit: number | null; used: number; resetsAt: string };
  };
}

export const problems = {
  validation_failed: {
    status: 400,
    title: 'Bad Request',
    description:
      'The request is malformed: a missing, mistyped or out-of-range field, an unknown body property or an unknown ' +
      'query parameter (refused, never ignored), or a body that is not JSON. `errors` lists each field by JSON pointer.',
    retryable: false,
    example: {
      detail: 'Invalid request: /body/name must NOT have fewer than 1 characters.',
      errors: [{ path: '/body/name', message: 'must NOT have fewer than 1 characters' }],
    },
  },
  invalid_cursor: {
    status: 400,
    title: 'Bad Request',
    description:
      'The `cursor` is malformed, or comes from another list or other filters: start again without it.',
    retryable: false,
    example: {
      detail: 'The cursor is malformed or belongs to another list; start again without it.',
      errors: [{ path: '/query/cursor', message: 'is not a cursor of this list' }],
    },
  },
  oauth_state_invalid: {
    status: 400,
    title: 'Bad Request',
    description:
      "An OAuth callback whose `state` does not match the sign-in this browser started (forged, replayed, from another browser, or over 10 minutes old), or that lacks the sign-in's cookie: start again from `/v1/auth/oauth/{provider}/start`.",
    retryable: false,
    example: { detail: 'The sign-in state is missing, expired or does not match; start the sign-in again.' },
  },
  identity_link_failed: {
    status: 400,
    title: 'Bad Request',
    description:
      "Linking a connected account (`/v1/miyabi/identities`) failed: the callback's `state` is unknown, used, over 10 minutes old or another account's, or the provider refused the authorization code (denied, used, expired, wrong PKCE verifier) or answered something that failed verification. Start the link again.",
    retryable: false,
    example: { detail: 'GitHub refused the authorization code: bad_verification_code.' },
  },
  unauthenticated: {
    status: 401,
    title: 'Unauthorized',
    description: 'Credentials are missing, malformed, expired or revoked.',
    retryable: false,
    example: { detail: 'Missing or invalid credentials.' },
  },
  oauth_exchange_failed: {
    status: 401,
    title: 'Unauthorized',
    description:
      'The provider refused the sign-in (the user denied it, or the code was already used or expired), or its answer failed verification (ID token signature, issuer, audience, nonce): start the sign-in again.',
    retryable: false,
    example: { detail: 'The provider refused the authorization code: invalid_grant.' },
  },
  quota_exceeded: {
    status: 402,
    title: 'Quota Exceeded',
    description:
      "The plan's quota for a metric is used up; `quota` says which and when it resets (`resetsAt`). Retrying before then cannot succeed.",
    retryable: false,
    example: {
      detail: 'The free plan allows 5 studio credits a month; 5 used, 1 more requested.',
      quota: {
        product: 'studio',
        metric: 'credits',
        limit: 5,
        used: 5,
        resetsAt: '2026-12-01T00:00:00.000Z',
      },
    },
  },
  plan_required: {
    status: 402,
    title: 'Plan Required',
    description:
      "The resource is part of a paid plan (e.g. a premium WorldSpeakAI script) and the account's plan does not include it. " +
      'Subscribing to a paid plan of the product lifts it; retrying on the same plan cannot succeed.',
    retryable: false,
    example: { detail: 'This script is premium: it needs the speak standard, premium or enterprise plan.' },
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    description: 'The credentials are valid but lack the scope or role the operation requires.',
    retryable: false,
    example: { detail: 'This API key lacks the `studio:write` scope.' },
  },
  oauth_email_unverified: {
    status: 403,
    title: 'Forbidden',
    description:
      'The provider has not verified the email address of this identity (or shares none), and it is linked to no account: verify the address with the provider, then sign in again.',
    retryable: false,
    example: {
      detail: 'GitHub has not verified the email of this identity; verify it there and sign in again.',
    },
  },
  not_found: {
    status: 404,
    title: 'Not Found',
    description: 'No such resource in this account (one owned by another account is not found either).',
    retryable: false,
    example: { detail: 'No character with that id.' },
  },
  oauth_provider_not_configured: {
    status: 404,
    title: 'Not Found',
    description:
      'Sign-in with this provider is not configured on this server (its client id and secret are not set).',
    retryable: false,
    example: { detail: 'Sign-in with google is not configured on this server.' },
  },
  not_acceptable: {
    status: 406,
    title: 'Not Acceptable',
    description:
      "`Accept` excludes the resource's media type; leave `Accept` out or include that type (or `*/*`).",
    retryable: false,
    example: { detail: 'The file is image/svg+xml, which Accept excludes.' },
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    description: "The request conflicts with the resource's current state.",
    retryable: false,
    example: { detail: 'The job has succeeded already.' },
  },
  base_plugin_required: {
    status: 409,
    title: 'Conflict',
    description:
      'The plugin is an add-on (`requiresPlugin`), and the account has no active, trialing or past-due subscription to its base plugin: subscribe to the base plugin first.',
    retryable: false,
    example: {
      detail: 'miyabi-token-pack is an add-on of miyabi-codegen: subscribe to miyabi-codegen first.',
    },
  },
  idempotency_in_progress: {
    status: 409,
    title: 'Conflict',
    description:
      'A request with the same `Idempotency-Key` is still running; retry it once that one has finished.',
    retryable: true,
    example: { detail: 'A request with this Idempotency-Key is still in progress.' },
  },
  last_sign_in_method: {
    status: 409,
    title: 'Conflict',
    description:
      'The identity is the last way into an account that has no password: link another identity first.',
    retryable: false,
    example: { detail: 'This identity is the only way to sign in to this account; link another one first.' },
  },
  payload_too_large: {
    status: 413,
    title: 'Payload Too Large',
    description: 'The body is over the size limit.',
    retryable: false,
    example: { detail: 'The request body is over the size limit.' },
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported Media Type',
    description: 'The body of a JSON operation was sent with a `Content-Type` other than `application/json`.',
    retryable: false,
    example: { detail: 'Send the body as application/json.' },
  },
  range_not_satisfiable: {
    status: 416,
    title: 'Range Not Satisfiable',
    description:
      'No byte of the requested `Range` lies inside the file (it starts at or past the end); `Content-Range: bytes */<size>` gives the size.',
    retryable: false,
    example: { detail: 'The file has 48213 bytes; the range bytes=50000- starts past its end.' },
  },
  idempotency_key_mismatch: {
    status: 422,
    title: 'Unprocessable Content',
    description: 'The `Idempotency-Key` was used before with a different request.',
    retryable: false,
    example: { detail: 'This Idempotency-Key was used with a different request.' },
  },
  rate_limited: {
    status: 429,
    title: 'Too Many Requests',
    description: 'Too many requests; wait `Retry-After` seconds (`RateLimit-*` show the window).',
    retryable: true,
    example: { detail: 'Too many requests; retry in 12 s.' },
  },
  internal: {
    status: 500,
    title: 'Internal Server Error',
    description: 'A bug on our side, logged with the request id.',
    retryable: true,
    example: { detail: 'An unexpected error occurred; it has been logged.' },
  },
  unavailable: {
    status: 503,
    title: 'Service Unavailable',
    description: 'The service is down, shutting down or overloaded; retry after `Retry-After` seconds.',
    retryable: true,
    example: { detail: 'The service is temporarily unavailable; retry shortly.' },
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof problems;
export const PROBLEM_CODES = Object.keys(problems) as ProblemCode[];

/** The codes of one status, in catalogue order. */
export function problemCodesOf(status: ErrorStatus): ProblemCode[] {
  return PROBLEM_CODES.filter((code) => problems[code].status === status);
}

/** `Problem.code`: the enum, with the catalogue as an extension the SDK generates its error table from. */
export const ProblemCodeSchema = Type.Enum(PROBLEM_CODES, {
  type: 'string',
  title: 'ProblemCode',
  description: `Stable machine-readable code to branch on:\n\n${PROBLEM_CODES.map(
    (code) => `- \`${code}\` (${problems[code].status}): ${problems[code].description}`,
  ).join('\n')}`,
  examples: ['validation_failed'],
  'x-enumDescriptions': Object.fromEntries(PROBLEM_CODES.map((code) => [code, problems[code].description])),
  'x-problems': Object.fromEntries(
    PROBLEM_CODES.map((code) => [
      code,
      { status: problems[code].status, retryable: problems[code].retryable },
    ]),
  ),
});
