/**
 * The response headers the service sends, declared once as `components/headers` and referenced
 * from each response that carries them: every response has a request id and the rate limit's
 * state (IETF RateLimit draft fields, as @fastify/rate-limit sends them); 429 and 503 say when to
 * retry; metered operations report their quota; idempotent ones say when a response is a replay.
 */
const headerSchemas = {
  RequestId: {
    description:
      "Identifies the request in logs and support: the client's well-formed `X-Request-Id`, else a new one.",
    required: true,
    schema: { type: 'string', minLength: 1, maxLength: 128 },
    example: 'req_5f0c6f2b1d6e4a8f3c2b1a09',
  },
  RateLimitLimit: {
    description:
      'Requests allowed in the current window (a minute) for this credential, or this IP without one.',
    schema: { type: 'integer', minimum: 0 },
    example: 600,
  },
  RateLimitRemaining: {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', minimum: 0 },
    example: 599,
  },
  RateLimitReset: {
    description: 'Seconds until the current window ends.',
    schema: { type: 'integer', minimum: 0 },
    example: 42,
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying.',
    required: true,
    schema: { type: 'integer', minimum: 0 },
    example: 12,
  },
  QuotaRemaining: {
    description:
      "What is left of the metered quota this operation spent, in the plan's units, in the current period. " +
      'Absent when the plan makes the quota unlimited.',
    schema: { type: 'integer', minimum: 0 },
    example: 4,
  },
  QuotaReset: {
    description:
      'When the quota of the current period resets (RFC 3339, UTC). Sent with `Yorozu-Quota-Remaining` when the response spent quota (not on a cache hit that spends none).',
    schema: { type: 'string', format: 'date-time' },
    example: '2026-12-01T00:00:00.000Z',
  },
  IdempotentReplayed: {
    description:
      'Present (`true`) when the response is the stored answer to an earlier request with the same `Idempotency-Key`.',
    schema: { type: 'string', enum: ['true'] },
    example: 'true',
  },
  ETag: {
    description: 'Identifies this version of the content, for `If-None-Match`.',
    required: true,
    schema: { type: 'string' },
    example: '"q3Lh8xV2m0Zc9yT4pNwA1b"',
  },
  CacheControl: {
    description: 'How the response may be cached.',
    required: true,
    schema: { type: 'string' },
    example: 'private, max-age=0, must-revalidate',
  },
  ContentSecurityPolicy: {
    description: 'Keeps a downloaded SVG from running scripts or loading anything.',
    required: true,
    schema: { type: 'string' },
    example: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  },
  ContentTypeOptions: {
    description: 'Always `nosniff`: browsers keep the declared `Content-Type`.',
    required: true,
    schema: { type: 'string', enum: ['nosniff'] },
    example: 'nosniff',
  },
  ContentDisposition: {
    description:
      '`inline` for images and audio, `attachment` for PDF and ZIP, with the filename given at upload, else the ' +
      "file's id and extension. A name outside ASCII is sent as `filename*` (RFC 8187, UTF-8) with an ASCII fallback " +
      'in `filename` (RFC 6266).',
    required: true,
    schema: { type: 'string' },
    example: `inline; filename="????1.ogg"; filename*=UTF-8''%E3%83%AC%E3%83%83%E3%82%B9%E3%83%B31.ogg`,
  },
  AcceptRanges: {
    description: 'Always `bytes`: the file can be fetched in parts with `Range` (RFC 9110, 14.3).',
    required: true,
    schema: { type: 'string', enum: ['bytes'] },
    example: 'bytes',
  },
  ContentRange: {
    description:
      'Which bytes a 206 carries and the whole size, `bytes <first>-<last>/<size>`; on a 416, `bytes */<size>` (RFC 9110, 14.4).',
    required: true,
    schema: { type: 'string' },
    example: 'bytes 0-1023/48213',
  },
  Location: {
    description: 'Where the redirect goes.',
    required: true,
    schema: { type: 'string', format: 'uri' },
    example:
      'https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&state=Xq3vTt0m3Lr0d0Z4aWqY0g&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256',
  },
  SetCookie: {
    description:
      'The sealed, short-lived cookie that binds a sign-in to the browser that started it (`HttpOnly`, `SameSite=Lax`).',
    required: true,
    schema: { type: 'string' },
    example: 'yorozu_oauth=AQx9…; Max-Age=600; Path=/v1/auth/oauth/; HttpOnly; SameSite=Lax',
  },
} as const;

export type HeaderComponent = keyof typeof headerSchemas;

/** The header's name on the wire for each component. */
const headerNames: Record<HeaderComponent, string> = {
  RequestId: 'X-Request-Id',
  RateLimitLimit: 'RateLimit-Limit',
  RateLimitRemaining: 'RateLimit-Remaining',
  RateLimitReset: 'RateLimit-Reset',
  RetryAfter: 'Retry-After',
  QuotaRemaining: 'Yorozu-Quota-Remaining',
  QuotaReset: 'Yorozu-Quota-Reset',
  IdempotentReplayed: 'Idempotent-Replayed',
  ETag: 'ETag',
  CacheControl: 'Cache-Control',
  ContentSecurityPolicy: 'Content-Security-Policy',
  ContentTypeOptions: 'X-Content-Type-Options',
  ContentDisposition: 'Content-Disposition',
  Location: 'Location',
  SetCookie: 'Set-Cookie',
  AcceptRanges: 'Accept-Ranges',
  ContentRange: 'Content-Range',
};

export const headerComponents = Object.fromEntries(
  Object.entries(headerSchemas).map(([name, header]) => [
    name,
    { required: false, ...(header as { required?: boolean }), ...header },
  ]),
);

/** Every response's headers: the request id and the rate limit's state. */
export const COMMON_HEADERS: readonly HeaderComponent[] = [
  'RequestId',
  'RateLimitLimit',
  'RateLimitRemaining',
  'RateLimitReset',
];

/** A response's `headers`: `$ref`s to the components, by wire name. */
export function responseHeaders(components: readonly HeaderComponent[]) {
  return Object.fromEntries(
    [...COMMON_HEADERS, ...components].map((name) => [
      headerNames[name],
      { $ref: `#/components/headers/${name}` },
    ]),
  );
}
