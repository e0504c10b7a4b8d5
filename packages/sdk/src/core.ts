/**
 * The transport under every call: credentials, idempotency keys, per-attempt timeouts, one
 * deadline across attempts, retries with server hints, typed errors, redacted logs.
 */
import {
  AbortError,
  type APIError,
  apiError,
  ConnectionError,
  rateLimit,
  retryAfterMs,
  TimeoutError,
  TokenError,
  YorozuError,
} from './errors';
import { VERSION } from './version';

/** Console-compatible; every method is optional. */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: APIError | ConnectionError;
  method: string;
  url: string;
}

/** Options of one call; they override the client's. */
export interface RequestOptions {
  /** Aborts the call, including a retry's sleep; the `AbortError`'s `cause` is `signal.reason`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt (default 30 000). */
  timeout?: number | undefined;
  /** Milliseconds for all attempts and sleeps together (default 120 000). */
  deadline?: number | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /** Sent as `Idempotency-Key`. Every POST gets one generated; PATCH is retried only with one. */
  idempotencyKey?: string | undefined;
  /** Sent with this call, over the client's `headers`. */
  headers?: Record<string, string> | undefined;
  /**
   * Sent as `If-None-Match`: an `ETag` you hold. Where the spec declares a 304, the call then
   * resolves with `NotModified` when that copy is still current.
   */
  ifNoneMatch?: string | undefined;
}

/**
 * Supplies the bearer token before each attempt. After a 401 it is called once more with the
 * rejected token as `stale`: return a different token to retry once, or the same to give up.
 */
export type GetToken = (context: { stale?: string }) => string | undefined | Promise<string | undefined>;

export interface Settings {
  fetch: typeof fetch | undefined;
  getToken: GetToken | undefined;
  maxRetries: number;
  timeout: number;
  deadline: number;
  logger: Logger | undefined;
  onRetry: ((info: RetryInfo) => void) | undefined;
}

export interface Outgoing extends Omit<RequestOptions, 'headers'> {
  method: string;
  url: string;
  headers: Headers;
  /** Sent as it is on every attempt: bytes, a string, a Blob or FormData (never a one-shot stream). */
  body?: BodyInit | undefined;
  /** Keep the body unread (SSE): the timeout then covers the response headers only. */
  stream?: boolean | undefined;
}

/** `Yorozu-SDK`, sent with every request (browsers included) so the service can tell SDK versions apart. */
const SDK_HEADER = `ts/${VERSION}`;

/**
 * Browsers (and their workers) own `User-Agent`: Chromium drops it and Firefox sends it only
 * after a CORS preflight, so it is set only where no page or worker owns the request.
 */
const USER_AGENT = (() => {
  const g = globalThis as {
    document?: unknown;
    WorkerGlobalScope?: unknown;
    navigator?: { userAgent?: string };
  };
  if (g.document !== undefined || g.WorkerGlobalScope !== undefined) return undefined;
  const runtime = g.navigator?.userAgent;
  return `yorozu-sdk-ts/${VERSION}${runtime ? ` ${runtime}` : ''}`;
})();

/**
 * The bytes of the responses `send` has read. `send` reads each body once, inside the attempt,
 * and resolves with the response itself: its body is used, and what needs it reads it here
 * (`textOf`) or from a fresh copy (`unread`), rather than every call paying for a copy.
 */
export const responseBytes = new WeakMap<Response, ArrayBuffer>();

const decoder = new TextDecoder();

/** The body of a response `send` has read, as text. */
export const textOf = (response: Response): string => decoder.decode(responseBytes.get(response));

/** A fresh, unread copy of a response `send` has read (`.asResponse()`, `client.raw`); others as they are. */
export const unread = (response: Response): Response => {
  const bytes = responseBytes.get(response);
  if (!bytes) return response;
  // `Response` copies the bytes it is given (Fetch: "extract a body"), so they are handed over as they are.
  const copy = new Response(bytes.byteLength ? bytes : null, response);
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
};

const REDACTED = /^(authorization|cookie|proxy-authorization|x-api-key)$/i;

/** Headers as a plain object for logs, with credentials replaced. */
export const redact = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = REDACTED.test(key) ? '[redacted]' : value;
  });
  return out;
};

/** `globalThis.crypto` is an accessor in Node that costs about as much as the UUID: read it once. */
let webCrypto: Partial<Crypto> | undefined;

export const uuid = (): string => {
  webCrypto ??= globalThis.crypto;
  return (
    webCrypto?.randomUUID?.() ??
    '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ ((Math.random() * 16) >> (+c / 4))).toString(16),
    )
  );
};

/** Resolves after `ms`, or rejects with `AbortError` as soon as `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal | null): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** `min(8 s, 0.5 s × 2^n)`, less up to 25 % of jitter. */
export const backoff = (retry: number): number =>
  Math.min(8000, 500 * 2 ** retry) * (1 - Math.random() * 0.25);

const tokenError = (cause: unknown): never => {
  throw cause instanceof YorozuError ? cause : new TokenError(cause);
};

/** The bearer token; one returned as it is (an API key) is used at once, without a turn of the event loop. */
const tokenOf = (settings: Settings, context: { stale?: string }) => {
  try {
    const token = settings.getToken?.(context);
    // A thenable from any realm, not only this one's `Promise`.
    return (token as Partial<PromiseLike<unknown>> | undefined)?.then
      ? Promise.resolve(token).catch(tokenError)
      : (token as string | undefined);
  } catch (cause) {
    return tokenError(cause);
  }
};

/** Sends one call, retrying as the rules allow; resolves with a 2xx or 304 response or throws a typed error. */
export async function send(settings: Settings, out: Outgoing): Promise<Response> {
  const { method, url, headers, body, signal } = out;
  const maxRetries = out.maxRetries ?? settings.maxRetries;
  const timeout = out.timeout ?? settings.timeout;
  const deadline = out.deadline ?? settings.deadline;
  const giveUpAt = Date.now() + deadline;
  const key = out.idempotencyKey ?? headers.get('idempotency-key') ?? (method === 'POST' ? uuid() : null);
  if (key) headers.set('idempotency-key', key);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  headers.set('yorozu-sdk', SDK_HEADER);
  if (USER_AGENT && !headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
  const replayable = key !== null || (method !== 'POST' && method !== 'PATCH');
  const doFetch = settings.fetch ?? globalThis.fetch;

  let retries = 0;
  let attempts = 0;
  let refreshed = false;
  let token = tokenOf(settings, {});
  if (token && typeof token !== 'string') token = await token;
  for (;;) {
    if (signal?.aborted) throw new AbortError(signal.reason);
    attempts++;
    const context = { method, url, attempts };
    const remaining = giveUpAt - Date.now();
    if (remaining <= 0) throw new TimeoutError(`Deadline of ${deadline} ms exceeded`, context);
    const limit = Math.min(timeout, remaining);
    if (token) headers.set('authorization', `Bearer ${token}`);
    headers.set('x-retry-count', String(retries));

    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(), limit);
    const started = Date.now();
    settings.logger?.debug?.('yorozu: request', { method, url, attempt: attempts, headers: redact(headers) });
    let response: Response | undefined;
    let error!: APIError | ConnectionError;
    try {
      response = await doFetch(url, { method, headers, body: body ?? null, signal: controller.signal });
      if (!out.stream || !response.ok) {
        // Read the body inside the attempt, so the timeout covers it too.
        responseBytes.set(response, await response.arrayBuffer());
      }
    } catch (cause) {
      if (signal?.aborted) throw new AbortError(signal.reason);
      response = undefined;
      error = controller.signal.aborted
        ? new TimeoutError(
            limit < timeout ? `Deadline of ${deadline} ms exceeded` : `Timed out after ${timeout} ms`,
            context,
            cause,
          )
        : new ConnectionError(undefined, context, cause);
    } finally {
      clearTimeout(timer);
      if (!out.stream || !response?.ok) signal?.removeEventListener('abort', onAbort);
    }

    if (response) {
      settings.logger?.debug?.('yorozu: response', {
        method,
        url,
        status: response.status,
        requestId: response.headers.get('x-request-id') ?? undefined,
        ms: Date.now() - started,
      });
      // A 304 answers a conditional request (`If-None-Match`): a result, not an error.
      if (response.ok || response.status === 304) return response;
      const text = textOf(response);
      let problem: unknown = text || undefined;
      try {
        problem = JSON.parse(text);
      } catch {}
      error = apiError(response.status, problem, response.headers, context);
      if (response.status === 401 && token && settings.getToken && !refreshed) {
        refreshed = true;
        const fresh = await tokenOf(settings, { stale: token });
        if (fresh && fresh !== token) {
          token = fresh;
          continue;
        }
      }
    }
    if (!error.retryable || !replayable || retries >= maxRetries) throw error;
    const hint =
      response &&
      (retryAfterMs(response.headers) ??
        (response.status === 429 ? rateLimit(response.headers).resetMs : undefined));
    const delay = hint ?? backoff(retries);
    // Sleeping past the deadline cannot help: fail now with the server's answer.
    if (Date.now() + delay >= giveUpAt) throw error;
    retries++;
    settings.onRetry?.({ attempt: retries, delayMs: delay, error, method, url });
    settings.logger?.warn?.('yorozu: retrying', {
      method,
      url,
      retry: retries,
      delayMs: Math.round(delay),
      status: response?.status,
      code: (error as APIError).code,
      requestId: (error as APIError).requestId,
    });
    await sleep(delay, signal);
    token = await tokenOf(settings, {});
  }
}
