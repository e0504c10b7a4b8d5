import {
  type GetToken,
  type Logger,
  type Outgoing,
  type RetryInfo,
  type Settings,
  send,
  unread,
} from './core';
import { UsageError } from './errors';
import { defaultBaseUrl, type Resources, table } from './generated/resources';
import { type JobType, type SucceededJob, type WaitOptions, waitForJob } from './jobs';
import { bind, type Entry, invoke, isRedirect, urlOf } from './resource';
import { Session, type TokenPair } from './session';
import { type SpeakReplyEvent, streamReply } from './speak';

export interface ClientOptions {
  /** An API key (`yz_…`). Defaults to the `YOROZU_API_KEY` environment variable where there is one. */
  apiKey?: string | undefined;
  /** A short-lived access token (JWT) from `auth.login` or `auth.refresh`. */
  accessToken?: string | undefined;
  /**
   * Supplies the bearer token before each attempt (cache it yourself). After a 401 it is called
   * once more with `{ stale }`, the rejected token: return a new one to retry once.
   */
  getToken?: GetToken | undefined;
  /**
   * Send no credential, on purpose (even with `YOROZU_API_KEY` set): only the public operations
   * (`auth.signup`, `auth.login`, …) will work. Without it, a client with no credential at all
   * is a `UsageError` at construction.
   */
  anonymous?: boolean | undefined;
  /** Defaults to `YOROZU_BASE_URL`, else the spec's server. */
  baseUrl?: string | undefined;
  /** A fetch implementation (default: the global `fetch`). */
  fetch?: typeof fetch | undefined;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt (default 30 000). */
  timeout?: number | undefined;
  /** Milliseconds for all attempts and retry sleeps of one call (default 120 000). */
  deadline?: number | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Receives request, response and retry events; credentials are redacted. */
  logger?: Logger | undefined;
  /** Called before each retry's sleep. */
  onRetry?: ((info: RetryInfo) => void) | undefined;
}

export interface LoginOptions
  extends Omit<ClientOptions, 'apiKey' | 'accessToken' | 'getToken' | 'anonymous'> {
  /** Called with the tokens after login and after every refresh (the refresh token rotates). */
  onTokens?: ((tokens: TokenPair) => void) | undefined;
}

/** `client.jobs`: the spec's job operations, if any, plus `wait`. */
export type JobsResource = (Resources extends { jobs: infer J } ? J : unknown) & {
  /**
   * Waits for a job to finish: follows `GET /v1/jobs/{id}/events` (Server-Sent Events), falling
   * back to polling `GET /v1/jobs/{id}`. Resolves with the succeeded job, whose `result` is typed
   * by the job's type: pass the job a create call answered (`wait(created.job)`), or its id and
   * type (`wait<'stickers.render'>(id)`); a bare id resolves with the union of every job type.
   * Throws `JobFailedError` when it fails or is canceled, `AbortError` when `signal` aborts.
   */
  wait<T extends JobType = JobType>(
    job: string | { id: string; type: T },
    options?: WaitOptions | undefined,
  ): Promise<SucceededJob<T>>;
};

const env = (name: string): string | undefined => {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
};

/** A loop, not `/\/+$/`: that pattern backtracks quadratically on a run of slashes followed by anything else. */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charAt(end - 1) === '/') end--;
  return url.slice(0, end);
}

/** Checks the numeric options now, so a typo fails at construction rather than on the first call. */
function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min) || (name === 'maxRetries' && !Number.isInteger(value)))
    throw new UsageError(`Yorozu: bad ${name} ${value}`);
  return value;
}

const LOCAL = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** A page served from somewhere other than this machine, or Node in production. */
const deployed = () => {
  const host = (globalThis as { location?: { hostname?: string } }).location?.hostname;
  if (host !== undefined) return !/^(localhost|127\.0\.0\.1|\[::1\])$/.test(host);
  return env('NODE_ENV') === 'production';
};

/** The key under which a client keeps its {@link RawTransport}. */
export const RAW: unique symbol = Symbol.for('@yorozu/sdk/raw') as never;

/** How a client's path-level calls are sent: its base URL and headers, and a `fetch` with its auth, retries and errors. */
export interface RawTransport {
  baseUrl: string;
  headers: Record<string, string> | undefined;
  fetch(request: Request): Promise<Response>;
}

type Speak = Resources['speak'];
type NewTurn = Parameters<Speak['messages']['create']>;

/** `client.speak`: the spec's speak operations, plus `messages.stream`. */
export type SpeakResource = Speak & {
  messages: Speak['messages'] & {
    /**
     * Sends a learner turn like `create`, then follows the conversation's events for the
     * partner's reply: `for await (const event of client.speak.messages.stream({ id, text }))`
     * yields the stored `turn`, the reply's `delta`s as they are written, its whole `message`s,
     * and last `replied` with the voiced reply and the next script line. Throws
     * `QuotaExceededError` (nothing was stored) or `JobFailedError` (the reply failed for good).
     */
    stream(...args: NewTurn): AsyncGenerator<SpeakReplyEvent, void>;
  };
};

// Resource members (`client.apiKeys`, `client.me`, …) come from the generated table and are
// assigned in the constructor.
export interface Yorozu extends Omit<Resources, 'jobs' | 'speak'> {
  readonly speak: SpeakResource;
}

/**
 * The Yorozu API client.
 *
 * ```ts
 * const client = new Yorozu({ apiKey: 'yz_…' });
 * const me = await client.me.get();
 * for await (const key of client.apiKeys.list({ limit: 50 })) console.log(key.name);
 * ```
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: see the interface above.
export class Yorozu {
  readonly jobs: JobsResource;
  /** Set on clients from `Yorozu.login()`. */
  readonly session: Session | undefined;
  readonly baseUrl: string;

  /**
   * @throws UsageError with no credential (pass `apiKey`, `accessToken` or `getToken`, set
   *   `YOROZU_API_KEY`, or pass `anonymous: true`), a base URL that is not http(s), or a
   *   numeric option out of range.
   */
  constructor(options: ClientOptions = {}, session?: Session) {
    const explicitUrl = options.baseUrl ?? env('YOROZU_BASE_URL');
    const baseUrl = withoutTrailingSlashes(explicitUrl ?? defaultBaseUrl ?? '');
    // A path (`/api`) is for pages calling their own origin.
    if (!/^(https?:\/\/[^/]|\/)/.test(baseUrl))
      throw new UsageError(`Yorozu: bad baseUrl ${JSON.stringify(baseUrl)}`);
    const token = options.accessToken ?? options.apiKey ?? env('YOROZU_API_KEY');
    const getToken = options.anonymous
      ? undefined
      : (session?.getToken ?? options.getToken ?? (token ? () => token : undefined));
    if (!getToken && !options.anonymous)
      throw new UsageError(
        'Yorozu: no credential: pass apiKey, accessToken or getToken, set YOROZU_API_KEY, or anonymous: true',
      );
    if (explicitUrl === undefined && LOCAL.test(baseUrl) && deployed()) {
      (options.logger?.warn ?? console.warn)(
        `yorozu: ${baseUrl} is the local default; set baseUrl or YOROZU_BASE_URL`,
      );
    }
    const settings: Settings = {
      fetch: options.fetch,
      getToken,
      maxRetries: count('maxRetries', options.maxRetries, 2, 0),
      timeout: count('timeout', options.timeout, 30_000, 1),
      deadline: count('deadline', options.deadline, 120_000, 1),
      logger: options.logger,
      onRetry: options.onRetry,
    };
    this.baseUrl = baseUrl;
    this.session = session;
    const transport = { baseUrl, headers: options.headers, send: (out: Outgoing) => send(settings, out) };
    // What `@yorozu/sdk/raw` builds its openapi-fetch client from: kept under a registered symbol
    // (not enumerable), so a copy of the SDK loaded from the other entry or format finds it.
    const rawTransport: RawTransport = {
      baseUrl,
      headers: options.headers,
      fetch: async (request) => {
        const extra = request as Request & ClientOptions & { idempotencyKey?: string; stream?: boolean };
        // Read the bytes whenever the method can carry a body: Firefox has no `Request.body`,
        // so testing it would send every body empty there.
        const bytes =
          request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
        // openapi-fetch reads the body itself: it gets an unread copy.
        return unread(
          await send(settings, {
            method: request.method,
            url: request.url,
            headers: new Headers(request.headers),
            body: bytes?.byteLength ? bytes : undefined,
            signal: request.signal,
            timeout: extra.timeout,
            deadline: extra.deadline,
            maxRetries: extra.maxRetries,
            idempotencyKey: extra.idempotencyKey,
            stream: extra.stream,
          }),
        );
      },
    };
    Object.defineProperty(this, RAW, { value: rawTransport });
    Object.assign(
      this,
      bind(table, (entry: Entry, params, opts) =>
        isRedirect(entry) ? urlOf(baseUrl, entry, params) : invoke(transport, entry, params, opts),
      ),
    );
    const messages = this.speak.messages;
    messages.stream = (params, opts) =>
      streamReply(
        settings,
        `${baseUrl}/v1/speak/conversations/${encodeURIComponent(params.id)}/events`,
        () => messages.create(params, opts),
        opts?.signal,
      );
    const generatedJobs = (this as { jobs?: object }).jobs;
    this.jobs = {
      ...generatedJobs,
      wait: (job: string | { id: string }, opts?: WaitOptions) => waitForJob(settings, baseUrl, job, opts),
    } as JobsResource;
  }

  /**
   * Signs in with email and password and returns a client whose access token is refreshed
   * before it expires and once after a 401 (`client.session` has the account and `logout()`).
   */
  static async login(
    credentials: { email: string; password: string },
    options: LoginOptions = {},
  ): Promise<Yorozu> {
    const anonymous = new Yorozu({ ...options, anonymous: true });
    const signedIn = await anonymous.auth.login(credentials);
    return new Yorozu(options, new Session(anonymous.auth, signedIn, options.onTokens));
  }

  /**
   * Resumes a password user's session from a persisted refresh token (the one `onTokens`
   * received last): rotates it at once, so `onTokens` gets the new pair before this resolves,
   * and loads the account. A rotated or revoked token is an `AuthenticationError`.
   */
  static async fromRefreshToken(refreshToken: string, options: LoginOptions = {}): Promise<Yorozu> {
    if (typeof refreshToken !== 'string' || !refreshToken)
      throw new UsageError('Yorozu.fromRefreshToken: pass the refresh token you persisted');
    const anonymous = new Yorozu({ ...options, anonymous: true });
    const tokens = await anonymous.auth.refresh({ refreshToken });
    const account = await new Yorozu({ ...options, accessToken: tokens.accessToken }).me.get();
    return new Yorozu(options, new Session(anonymous.auth, { account, tokens }, options.onTokens));
  }
}
