// Generated from spec/openapi.json by scripts/generate.ts: do not edit.
// Regenerate with `npm run spec` (packages/sdk); CI runs `npm run spec:check`.

/** Every problem `code` of the API: its HTTP status, and whether the same request may succeed later. */
export const problems = {
  validation_failed: { status: 400, retryable: false },
  invalid_cursor: { status: 400, retryable: false },
  oauth_state_invalid: { status: 400, retryable: false },
  identity_link_failed: { status: 400, retryable: false },
  unauthenticated: { status: 401, retryable: false },
  oauth_exchange_failed: { status: 401, retryable: false },
  quota_exceeded: { status: 402, retryable: false },
  plan_required: { status: 402, retryable: false },
  forbidden: { status: 403, retryable: false },
  oauth_email_unverified: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  oauth_provider_not_configured: { status: 404, retryable: false },
  not_acceptable: { status: 406, retryable: false },
  conflict: { status: 409, retryable: false },
  base_plugin_required: { status: 409, retryable: false },
  idempotency_in_progress: { status: 409, retryable: true },
  last_sign_in_method: { status: 409, retryable: false },
  payload_too_large: { status: 413, retryable: false },
  unsupported_media_type: { status: 415, retryable: false },
  range_not_satisfiable: { status: 416, retryable: false },
  idempotency_key_mismatch: { status: 422, retryable: false },
  rate_limited: { status: 429, retryable: true },
  internal: { status: 500, retryable: true },
  unavailable: { status: 503, retryable: true },
} as const;

export type ProblemCode = keyof typeof problems;
