/**
 * Environment configuration, validated once at boot: every bad value is
 * reported with its variable name, and the process refuses to start.
 */

import { randomBytes } from 'node:crypto';
import Type, { type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import type { FileLimits } from './kernel/files/index.ts';

const PostgresUrl = Type.String({ pattern: '^postgres(ql)?://', description: 'a postgres:// URL' });
const HttpUrl = Type.String({
  pattern: '^https?://[^\\s]+$',
  maxLength: 2000,
  description: 'an http(s):// URL',
});

const Environment = Type.Object({
  NODE_ENV: Type.Enum(['development', 'test', 'production'], { default: 'development' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  DATABASE_URL: Type.Optional(PostgresUrl),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'a redis:// URL' })),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'at least 32 characters' })),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 1000 }),
  LOGIN_ATTEMPTS_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  // Every request to a /v1/auth endpoint (sign-up, login, GitHub/Google sign-in, refresh, logout) from one IP.
  AUTH_REQUESTS_PER_MINUTE: Type.Integer({ minimum: 1, default: 60 }),
  // How long a rotated refresh token still gets the pair it was rotated to (two tabs refreshing at once); 0: never.
  REFRESH_GRACE_SECONDS: Type.Integer({ minimum: 0, maximum: 60, default: 10 }),
  // Credentials the database did not know, per IP; past it, that IP's API keys get 429 before any query.
  AUTH_FAILURES_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  // Which proxies' X-Forwarded-For to believe for the client IP rate limits key on: `true` (any), or
  // a comma-separated list of addresses/CIDRs. Unset, the socket's address is the client.
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  // Bearer token for /metrics. Unset: /metrics is open in development and test, and not served in production.
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 32, description: 'at least 32 characters' })),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  // The largest image `POST /v1/files` takes (10 MiB by default); audio, video, PDF and ZIP have their own.
  FILE_MAX_BYTES: Type.Integer({ minimum: 1024, default: 10_485_760 }),
  AUDIO_MAX_BYTES: Type.Integer({ minimum: 1024, default: 52_428_800 }),
  VIDEO_MAX_BYTES: Type.Integer({ minimum: 1024, default: 209_715_200 }),
  PDF_MAX_BYTES: Type.Integer({ minimum: 1024, default: 52_428_800 }),
  ZIP_MAX_BYTES: Type.Integer({ minimum: 1024, default: 104_857_600 }),
  // The most pixels (width × height) an uploaded image may declare: a few KiB of PNG can declare
  // gigabytes of pixels, which decoding (e.g. a sticker's PNG render) would allocate.
  IMAGE_MAX_PIXELS: Type.Integer({ minimum: 1, default: 25_000_000 }),
  // Jobs the in-process worker of `npm start` (and services/worker) runs at once; 0: no in-process worker.
  WORKER_CONCURRENCY: Type.Integer({ minimum: 0, maximum: 100, default: 2 }),
  // How long a shutdown (SIGTERM) waits for in-flight requests and running jobs before cutting the
  // requests and handing the jobs back to the queue.
  SHUTDOWN_GRACE_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000 }),
  // A worker not heard from for this long (killed, crashed, cut off) is presumed dead and its running
  // jobs go back to the queue; they run again within about 1.35 × this (kernel/jobs/leases.ts).
  WORKER_LEASE_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
  // How long a rendered sticker request is served from the prompt cache (0 turns the cache off).
  STICKER_CACHE_TTL_DAYS: Type.Integer({ minimum: 0, maximum: 365, default: 7 }),
  // The Stripe webhook endpoint's signing secret; unset, the webhook answers 503 (it cannot verify anything).
  // The engines (composition.ts): one value per adapter, the local offline one by default.
  // Where file bytes live: `postgres` keeps them in bytea rows beside their metadata.
  FILE_STORE: Type.Enum(['postgres'], { default: 'postgres' }),
  // What draws studio characters and stickers: `procedural`, the deterministic SVG renderers.
  IMAGE_GENERATOR: Type.Enum(['procedural'], { default: 'procedural' }),
  // What reads a studio base image: `local` derives stable features from the bytes' digest.
  CHARACTER_ANALYSER: Type.Enum(['local'], { default: 'local' }),
  // speak's conversation partner: `local` (scripts and seeded templates) or `openai-compatible`, any
  // chat-completions endpoint at SPEAK_LLM_URL (e.g. https://api.openai.com/v1) with SPEAK_LLM_MODEL.
  CONVERSATION_ENGINE: Type.Enum(['local', 'openai-compatible'], { default: 'local' }),
  SPEAK_LLM_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'an http(s):// URL' })),
  SPEAK_LLM_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  SPEAK_LLM_MODEL: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  // speak's grammar feedback on learner turns: `heuristic`, the built-in deterministic rules, or
  // `openai-compatible`, the SPEAK_LLM_URL endpoint asked for corrections as JSON.
  GRAMMAR_CHECKER: Type.Enum(['heuristic', 'openai-compatible'], { default: 'heuristic' }),
  // speak's translations into the learner's language: `glossary`, the catalogue scripts' stored
  // translations of their own lines (nothing else), or `openai-compatible`, the SPEAK_LLM_URL endpoint.
  TRANSLATOR: Type.Enum(['glossary', 'openai-compatible'], { default: 'glossary' }),
  // speak's voice: `espeak-ng`, eSpeak NG compiled to WebAssembly.
  SPEECH_SYNTHESIZER: Type.Enum(['espeak-ng'], { default: 'espeak-ng' }),
  // speak's speech recognition: `none` (clients send the transcript with the audio).
  TRANSCRIBER: Type.Enum(['none'], { default: 'none' }),
  // Who takes and pays out money for what products sell (nex commerce): `local`, the test-mode
  // provider whose payments a developer completes through the signed webhook, or `stripe`
  // (PaymentIntents and Connect transfers; needs STRIPE_SECRET_KEY and PAYMENTS_WEBHOOK_SECRET).
  PAYMENT_PROVIDER: Type.Enum(['local', 'stripe'], { default: 'local' }),
  // The signing secret of the payments webhook (`POST /v1/nex/payments/webhook`): Stripe's endpoint
  // secret for it, or for `local` the secret its events are signed with (a fresh one per process if unset).
  PAYMENTS_WEBHOOK_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: 'the `whsec_…` endpoint secret' }),
  ),
  // The secret the media server's relay signs nex's stream ingest webhook with
  // (`POST /v1/nex/streams/ingest-events`); unset, that webhook answers 503.
  NEX_INGEST_SECRET: Type.Optional(Type.String({ minLength: 16, maxLength: 256 })),
  // Where Miyabi's events are recorded: `postgres`, day partitions of miyabi.events dropped after 90 days.
  MIYABI_EVENT_STORE: Type.Enum(['postgres'], { default: 'postgres' }),
  STRIPE_WEBHOOK_SECRET: Type.Optional(
    Type.String({ minLength: 16, description: 'the `whsec_…` endpoint secret' }),
  ),
  // Stripe's secret API key, for the changes callers ask for (canceling at period end); unset, a
  // subscription Stripe bills cannot be changed through the API (503).
  STRIPE_SECRET_KEY: Type.Optional(Type.String({ minLength: 16, description: 'an `sk_…` or `rk_…` key' })),
  // Stripe's API origin (tests point it at a local fake).
  STRIPE_API_URL: Type.String({ pattern: '^https?://[^/]+$', default: 'https://api.stripe.com' }),
  // Miyabi's GitHub webhook secret (docs/products/miyabi.md): unset, POST /v1/miyabi/webhooks/github
  // answers 503, since it cannot verify X-Hub-Signature-256.
  MIYABI_GITHUB_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 16, maxLength: 256 })),
  // Miyabi's agent runner: `dry-run` (built-in heuristics, offline) or `openai-compatible`, a
  // chat-completions endpoint at MIYABI_LLM_URL with MIYABI_LLM_MODEL.
  MIYABI_AGENT_RUNNER: Type.Enum(['dry-run', 'openai-compatible'], { default: 'dry-run' }),
  MIYABI_LLM_URL: Type.Optional(Type.String({ pattern: '^https?://', description: 'an http(s):// URL' })),
  MIYABI_LLM_API_KEY: Type.Optional(Type.String({ minLength: 1 })),
  MIYABI_LLM_MODEL: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  // Miyabi's LINE bot: the channel secret signs webhooks (unset, the webhook answers 503); the
  // channel access token sends replies through the Messaging API (unset, replies stay queued).
  LINE_CHANNEL_SECRET: Type.Optional(Type.String({ minLength: 16, description: 'the channel secret' })),
  LINE_CHANNEL_ACCESS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  LINE_API_URL: Type.String({ pattern: '^https?://[^/]+$', default: 'https://api.line.me' }),
  // Sign-in with GitHub (docs/security.md, Sign-in with GitHub or Google): on when the client id and
  // secret are set. The URLs default to github.com's; a test points them at a local fake.
  OAUTH_GITHUB_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  OAUTH_GITHUB_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  OAUTH_GITHUB_REDIRECT_URI: Type.Optional(HttpUrl),
  OAUTH_GITHUB_URL: Type.String({ ...HttpUrl, default: 'https://github.com' }),
  OAUTH_GITHUB_API_URL: Type.String({ ...HttpUrl, default: 'https://api.github.com' }),
  // Sign-in with Google, or any OpenID Connect provider at OAUTH_GOOGLE_ISSUER (discovery document).
  OAUTH_GOOGLE_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  OAUTH_GOOGLE_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  OAUTH_GOOGLE_REDIRECT_URI: Type.Optional(HttpUrl),
  OAUTH_GOOGLE_ISSUER: Type.String({ ...HttpUrl, default: 'https://accounts.google.com' }),
  // Miyabi's connected accounts (docs/products/miyabi.md, Connected accounts): a GitHub OAuth app
  // and a LINE Login channel, each on when its client id, secret and redirect URI are set (unset,
  // linking that provider answers 503). The redirect URI is the client's page that passes `code`
  // and `state` to POST /v1/miyabi/identities/{provider}/callback. The URLs default to the real
  // providers'; tests point them at a local fake. MIYABI_GITHUB_API_URL is also where agents call
  // GitHub's REST API.
  MIYABI_GITHUB_OAUTH_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  MIYABI_GITHUB_OAUTH_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  MIYABI_GITHUB_OAUTH_REDIRECT_URI: Type.Optional(HttpUrl),
  MIYABI_GITHUB_OAUTH_URL: Type.String({ ...HttpUrl, default: 'https://github.com' }),
  MIYABI_GITHUB_API_URL: Type.String({ ...HttpUrl, default: 'https://api.github.com' }),
  MIYABI_LINE_OAUTH_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  MIYABI_LINE_OAUTH_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  MIYABI_LINE_OAUTH_REDIRECT_URI: Type.Optional(HttpUrl),
  MIYABI_LINE_OAUTH_URL: Type.String({ ...HttpUrl, default: 'https://access.line.me' }),
  MIYABI_LINE_OAUTH_API_URL: Type.String({ ...HttpUrl, default: 'https://api.line.me' }),
  // What creates the GitHub issues Miyabi's LINE bot is asked for: `local` records them as pending
  // (nothing is sent), `github` calls GitHub's REST API at MIYABI_GITHUB_API_URL with the account's
  // linked GitHub identity.
  MIYABI_GITHUB_ISSUES: Type.Enum(['local', 'github'], { default: 'local' }),
});

export type Environment = Static<typeof Environment>;

/** A provider's client, as the environment configures it (null: that sign-in is off). */
export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  /** This service's callback as registered with the provider: `…/v1/auth/oauth/<provider>/callback`. */
  redirectUri: string;
}

export interface OAuthConfig {
  github: (OAuthClientConfig & { webUrl: string; apiUrl: string }) | null;
  google: (OAuthClientConfig & { issuer: string }) | null;
}

/** Miyabi's connected-account providers (null: linking that provider is off, 503). */
export interface MiyabiIdentityConfig {
  /** A GitHub OAuth app: `webUrl` serves authorize and access_token, `apiUrl` the REST API. */
  github: (OAuthClientConfig & { webUrl: string; apiUrl: string }) | null;
  /** A LINE Login channel: `authorizeUrl` is its web origin, `apiUrl` serves token and profile. */
  line: (OAuthClientConfig & { authorizeUrl: string; apiUrl: string }) | null;
  /** GitHub's REST API, for agents acting with a linked identity's token. */
  githubApiUrl: string;
}

export interface Config {
  env: Environment['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Environment['LOG_LEVEL'];
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  jwtSecret: Uint8Array;
  rateLimitPerMinute: number;
  loginAttemptsPerMinute: number;
  authRequestsPerMinute: number;
  authFailuresPerMinute: number;
  refreshGraceSeconds: number;
  trustProxy: boolean | string;
  metricsToken: string | null;
  bodyLimitBytes: number;
  /** Upload size limits per kind of file. */
  fileMaxBytes: FileLimits;
  imageMaxPixels: number;
  workerConcurrency: number;
  shutdownGraceMs: number;
  workerLeaseMs: number;
  stickerCacheTtlDays: number;
  stripeWebhookSecret: string | null;
  /** The payments webhook's signing secret (PAYMENTS_WEBHOOK_SECRET, or a fresh one for the local provider). */
  paymentsWebhookSecret: string;
  /** NEX_INGEST_SECRET; null: the stream ingest webhook answers 503. */
  nexIngestSecret: string | null;
  /** Which adapter of each engine the composition root builds (composition.ts). */
  engines: {
    fileStore: Environment['FILE_STORE'];
    imageGenerator: Environment['IMAGE_GENERATOR'];
    characterAnalyser: Environment['CHARACTER_ANALYSER'];
    conversationEngine: Environment['CONVERSATION_ENGINE'];
    agentRunner: Environment['MIYABI_AGENT_RUNNER'];
    speechSynthesizer: Environment['SPEECH_SYNTHESIZER'];
    transcriber: Environment['TRANSCRIBER'];
    grammarChecker: Environment['GRAMMAR_CHECKER'];
    translator: Environment['TRANSLATOR'];
    paymentProvider: Environment['PAYMENT_PROVIDER'];
    miyabiEventStore: Environment['MIYABI_EVENT_STORE'];
    githubIssues: Environment['MIYABI_GITHUB_ISSUES'];
  };
  stripeSecretKey: string | null;
  stripeApiUrl: string;
  line: { channelSecret: string | null; channelAccessToken: string | null; apiUrl: string };
  oauth: OAuthConfig;
  /** The chat-completions endpoint of speak's `openai-compatible` partner, grammar checker and translator. */
  speakLlm: { url: string; apiKey: string | null; model: string } | null;
  /** Miyabi's repositories, agents and workflows (docs/products/miyabi.md). */
  miyabiAgents: MiyabiAgentsConfig;
  miyabiIdentities: MiyabiIdentityConfig;
}

export interface MiyabiAgentsConfig {
  /** The secret GitHub signs webhook deliveries with; null: the webhook answers 503. */
  githubWebhookSecret: string | null;
  /** The chat-completions endpoint of the `openai-compatible` agent runner. */
  llm: { url: string; apiKey: string | null; model: string } | null;
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

const validator = Compile(Environment);

/** TRUST_PROXY in the forms Fastify's `trustProxy` takes (proxy-addr). */
function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false;
  return value === 'true' || value;
}

/**
 * Provider endpoints must be https: a plain-http provider would hand codes and tokens to anyone on
 * the path. The one exception is a loopback address, for local development and tests.
 */
function isSecureEndpoint(url: string): boolean {
  const parsed = URL.parse(url);
  if (!parsed) return false;
  return parsed.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/** One provider's client settings: all three or none (partly set is a configuration error). */
function oauthClient(
  prefix: 'OAUTH_GITHUB' | 'OAUTH_GOOGLE' | 'MIYABI_GITHUB_OAUTH' | 'MIYABI_LINE_OAUTH',
  env: Environment,
  endpoints: string[],
  problems: string[],
): OAuthClientConfig | null {
  const clientId = env[`${prefix}_CLIENT_ID`];
  const clientSecret = env[`${prefix}_CLIENT_SECRET`];
  const redirectUri = env[`${prefix}_REDIRECT_URI`];
  if (!clientId && !clientSecret && !redirectUri) return null;
  if (!clientId || !clientSecret || !redirectUri) {
    problems.push(
      `${prefix}_CLIENT_ID, ${prefix}_CLIENT_SECRET, ${prefix}_REDIRECT_URI: set all three or none`,
    );
    return null;
  }
  for (const url of endpoints) {
    if (!isSecureEndpoint(url))
      problems.push(`${url}: a provider endpoint must be https (or a loopback address)`);
  }
  return { clientId, clientSecret, redirectUri };
}

function oauthConfig(env: Environment, problems: string[]): OAuthConfig {
  const github = oauthClient('OAUTH_GITHUB', env, [env.OAUTH_GITHUB_URL, env.OAUTH_GITHUB_API_URL], problems);
  const google = oauthClient('OAUTH_GOOGLE', env, [env.OAUTH_GOOGLE_ISSUER], problems);
  return {
    github: github && { ...github, webUrl: env.OAUTH_GITHUB_URL, apiUrl: env.OAUTH_GITHUB_API_URL },
    google: google && { ...google, issuer: env.OAUTH_GOOGLE_ISSUER },
  };
}

function miyabiIdentityConfig(env: Environment, problems: string[]): MiyabiIdentityConfig {
  const { MIYABI_GITHUB_OAUTH_URL: webUrl, MIYABI_GITHUB_API_URL: githubApiUrl } = env;
  const { MIYABI_LINE_OAUTH_URL: authorizeUrl, MIYABI_LINE_OAUTH_API_URL: lineApiUrl } = env;
  const github = oauthClient('MIYABI_GITHUB_OAUTH', env, [webUrl, githubApiUrl], problems);
  const line = oauthClient('MIYABI_LINE_OAUTH', env, [authorizeUrl, lineApiUrl], problems);
  return {
    github: github && { ...github, webUrl, apiUrl: githubApiUrl },
    line: line && { ...line, authorizeUrl, apiUrl: lineApiUrl },
    githubApiUrl,
  };
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const raw = Object.fromEntries(
    Object.keys(Environment.properties)
      .filter((key) => source[key] !== undefined && source[key] !== '')
      .map((key) => [key, source[key]]),
  );
  const env = Value.Default(Environment, Value.Convert(Environment, raw)) as Environment;
  const problems = [...validator.Errors(env)].map((error) => {
    const name = error.instancePath.slice(1);
    return `${name}=${JSON.stringify(raw[name])}: ${error.message}`;
  });
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 characters)');
  }
  const oauth = oauthConfig(env, problems);
  const miyabiIdentities = miyabiIdentityConfig(env, problems);
  for (const variable of ['CONVERSATION_ENGINE', 'GRAMMAR_CHECKER', 'TRANSLATOR'] as const) {
    if (env[variable] === 'openai-compatible' && (!env.SPEAK_LLM_URL || !env.SPEAK_LLM_MODEL)) {
      problems.push(`SPEAK_LLM_URL, SPEAK_LLM_MODEL: required when ${variable}=openai-compatible`);
    }
  }
  if (env.PAYMENT_PROVIDER === 'stripe' && (!env.STRIPE_SECRET_KEY || !env.PAYMENTS_WEBHOOK_SECRET)) {
    problems.push('STRIPE_SECRET_KEY, PAYMENTS_WEBHOOK_SECRET: required when PAYMENT_PROVIDER=stripe');
  }
  if (env.MIYABI_AGENT_RUNNER === 'openai-compatible' && (!env.MIYABI_LLM_URL || !env.MIYABI_LLM_MODEL)) {
    problems.push('MIYABI_LLM_URL, MIYABI_LLM_MODEL: required when MIYABI_AGENT_RUNNER=openai-compatible');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    // Development and tests get a fresh secret per process: tokens do not outlive a restart.
    jwtSecret: env.JWT_SECRET ? new TextEncoder().encode(env.JWT_SECRET) : randomBytes(32),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    loginAttemptsPerMinute: env.LOGIN_ATTEMPTS_PER_MINUTE,
    authRequestsPerMinute: env.AUTH_REQUESTS_PER_MINUTE,
    authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    refreshGraceSeconds: env.REFRESH_GRACE_SECONDS,
    trustProxy: trustProxy(env.TRUST_PROXY),
    metricsToken: env.METRICS_TOKEN ?? null,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    fileMaxBytes: {
      image: env.FILE_MAX_BYTES,
      audio: env.AUDIO_MAX_BYTES,
      video: env.VIDEO_MAX_BYTES,
      pdf: env.PDF_MAX_BYTES,
      zip: env.ZIP_MAX_BYTES,
    },
    imageMaxPixels: env.IMAGE_MAX_PIXELS,
    workerConcurrency: env.WORKER_CONCURRENCY,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    workerLeaseMs: env.WORKER_LEASE_MS,
    stickerCacheTtlDays: env.STICKER_CACHE_TTL_DAYS,
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
    paymentsWebhookSecret: env.PAYMENTS_WEBHOOK_SECRET ?? `whsec_local_${randomBytes(24).toString('hex')}`,
    nexIngestSecret: env.NEX_INGEST_SECRET ?? null,
    engines: {
      fileStore: env.FILE_STORE,
      imageGenerator: env.IMAGE_GENERATOR,
      characterAnalyser: env.CHARACTER_ANALYSER,
      conversationEngine: env.CONVERSATION_ENGINE,
      agentRunner: env.MIYABI_AGENT_RUNNER,
      speechSynthesizer: env.SPEECH_SYNTHESIZER,
      transcriber: env.TRANSCRIBER,
      grammarChecker: env.GRAMMAR_CHECKER,
      translator: env.TRANSLATOR,
      paymentProvider: env.PAYMENT_PROVIDER,
      miyabiEventStore: env.MIYABI_EVENT_STORE,
      githubIssues: env.MIYABI_GITHUB_ISSUES,
    },
    stripeSecretKey: env.STRIPE_SECRET_KEY ?? null,
    stripeApiUrl: env.STRIPE_API_URL,
    line: {
      channelSecret: env.LINE_CHANNEL_SECRET ?? null,
      channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN ?? null,
      apiUrl: env.LINE_API_URL,
    },
    oauth,
    speakLlm:
      env.SPEAK_LLM_URL && env.SPEAK_LLM_MODEL
        ? { url: env.SPEAK_LLM_URL, apiKey: env.SPEAK_LLM_API_KEY ?? null, model: env.SPEAK_LLM_MODEL }
        : null,
    miyabiAgents: {
      githubWebhookSecret: env.MIYABI_GITHUB_WEBHOOK_SECRET ?? null,
      llm:
        env.MIYABI_LLM_URL && env.MIYABI_LLM_MODEL
          ? { url: env.MIYABI_LLM_URL, apiKey: env.MIYABI_LLM_API_KEY ?? null, model: env.MIYABI_LLM_MODEL }
          : null,
    },
    miyabiIdentities,
  };
}
