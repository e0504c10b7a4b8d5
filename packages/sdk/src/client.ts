import createClient, { type Client } from 'openapi-fetch';
import { type GetToken, type Logger, type RetryInfo, type Settings, send } from './core';
import { defaultBaseUrl, type Resources, table } from './generated/resources';
import type { paths } from './generated/schema';
import { type Job, type WaitOptions, waitForJob } from './jobs';
import { bind, type Entry, invoke, serializeBody } from './resource';
import { Session, type TokenPair } from './session';

export interface ClientOptions {
  /** An API key (`yz_…`). Defaults to the `YOROZU_API_KEY` environment variable where there is one. */
  apiKey?: string;
  /** A short-lived access token (JWT) from `auth.login` or `auth.refresh`. */
  accessToken?: string;
  /**
   * Supplies the bearer token before each attempt (cache it yourself). After a 401 it is called
   * once more with `{ stale }`, the rejected token: return a new one to retry once.
   */
  getToken?: GetToken;
  /** Defaults to `YOROZU_BASE_URL`, else the spec's server. */
  baseUrl?: string;
  /** A fetch implementation (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Milliseconds per attempt (default 30 000). */
  timeout?: number;
  /** Milliseconds for all attempts and retry sleeps of one call (default 120 000). */
  deadline?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Receives request, response and retry events; credentials are redacted. */
  logger?: Logger;
  /** Called before each retry's sleep. */
  onRetry?: (info: RetryInfo) => void;
}

export interface LoginOptions extends Omit<ClientOptions, 'apiKey' | 'accessToken' | 'getToken'> {
  /** Called with the tokens after login and after every refresh (the refresh token rotates). */
  onTokens?: (tokens: TokenPair) => void;
}

/** `client.jobs`: the spec's job operations, if any, plus `wait`. */
export type Jobs = (Resources extends { jobs: infer J } ? J : unknown) & {
  /**
   * Waits for a job to finish: follows `GET /v1/jobs/{id}/events` (Server-Sent Events), falling
   * back to polling `GET /v1/jobs/{id}`. Resolves with the succeeded job; throws
   * `JobFailedError` when it fails or is canceled, `AbortError` when `signal` aborts.
   */
  wait<Result = unknown>(id: string, options?: WaitOptions): Promise<Job<Result>>;
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

const noToken: GetToken = () => undefined;

// Resource members (`client.apiKeys`, `client.me`, …) come from the generated table and are
// assigned in the constructor.
export interface Yorozu extends Omit<Resources, 'jobs'> {}

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
  /** openapi-fetch, path-level, sharing this client's auth, retries and errors: `client.raw.GET('/v1/me')`. */
  readonly raw: Client<paths>;
  readonly jobs: Jobs;
  /** Set on clients from `Yorozu.login()`. */
  readonly session: Session | undefined;
  readonly baseUrl: string;

  constructor(options: ClientOptions = {}, session?: Session) {
    const configured = options.baseUrl ?? env('YOROZU_BASE_URL') ?? defaultBaseUrl;
    const baseUrl = configured === undefined ? undefined : withoutTrailingSlashes(configured);
    if (!baseUrl) throw new TypeError('Yorozu: pass a baseUrl');
    const token = options.accessToken ?? options.apiKey ?? env('YOROZU_API_KEY');
    const settings: Settings = {
      fetch: options.fetch,
      getToken: session?.getToken ?? options.getToken ?? (() => token),
      maxRetries: options.maxRetries ?? 2,
      timeout: options.timeout ?? 30_000,
      deadline: options.deadline ?? 120_000,
      logger: options.logger,
      onRetry: options.onRetry,
    };
    this.baseUrl = baseUrl;
    this.session = session;
    this.raw = createClient<paths>({
      baseUrl,
      headers: options.headers,
      bodySerializer: serializeBody,
      fetch: async (request) => {
        const extra = request as Request & ClientOptions & { idempotencyKey?: string; stream?: boolean };
        return send(settings, {
          method: request.method,
          url: request.url,
          headers: new Headers(request.headers),
          body: request.body ? await request.arrayBuffer() : undefined,
          signal: request.signal,
          timeout: extra.timeout,
          deadline: extra.deadline,
          maxRetries: extra.maxRetries,
          idempotencyKey: extra.idempotencyKey,
          stream: extra.stream,
        });
      },
    });
    Object.assign(
      this,
      bind(table, (entry: Entry, params, opts) => invoke(this.raw, entry, params, opts)),
    );
    const generatedJobs = (this as { jobs?: object }).jobs;
    this.jobs = {
      ...generatedJobs,
      wait: (id: string, opts?: WaitOptions) => waitForJob(settings, baseUrl, id, opts),
    } as Jobs;
  }

  /**
   * Signs in with email and password and returns a client whose access token is refreshed
   * before it expires and once after a 401 (`client.session` has the account and `logout()`).
   */
  static async login(
    credentials: { email: string; password: string },
    options: LoginOptions = {},
  ): Promise<Yorozu> {
    const anonymous = new Yorozu({ ...options, getToken: noToken });
    const signedIn = await anonymous.auth.login(credentials);
    return new Yorozu(options, new Session(anonymous.auth, signedIn, options.onTokens));
  }
}
