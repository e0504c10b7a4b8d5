/**
 * Builds the Fastify app: cross-cutting plugins first, then one plugin per
 * module. Adding a product = one module folder + one line in `modules`.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { DatabasePool } from 'slonik';
import { createEngines, type Engines } from './composition.ts';
import type { Config } from './config.ts';
import accessTokensPlugin from './http/access-tokens.ts';
import corsPlugin from './http/cors.ts';
import databasePlugin from './http/database.ts';
import docsPlugin from './http/docs/index.ts';
import drainingPlugin from './http/draining.ts';
import errorsPlugin, { frameworkErrors } from './http/errors.ts';
import healthPlugin from './http/health.ts';
import metricsPlugin from './http/metrics.ts';
import operationsPlugin from './http/operations.ts';
import rateLimitPlugin from './http/rate-limit.ts';
import requestIdPlugin, { requestIdFor } from './http/request-id.ts';
import { AccessLog } from './http/request-log.ts';
import sealerPlugin from './http/sealer.ts';
import validationPlugin from './http/validation.ts';
import admin from './modules/admin/index.ts';
import apiKeys from './modules/api-keys/index.ts';
import auditLog from './modules/audit-log/index.ts';
import auth from './modules/auth/index.ts';
import billing from './modules/billing/index.ts';
import files from './modules/files/index.ts';
import identities from './modules/identities/index.ts';
import jobs from './modules/jobs/index.ts';
import me from './modules/me/index.ts';
import miyabi from './modules/miyabi/index.ts';
import nex from './modules/nex/index.ts';
import profiles from './modules/profiles/index.ts';
import speak from './modules/speak/index.ts';
import stickers from './modules/stickers/index.ts';
import studio from './modules/studio/index.ts';
import subscriptions from './modules/subscriptions/index.ts';
import usage from './modules/usage/index.ts';

export interface AppOptions {
  config: Config;
  pool: DatabasePool;
  redis?: Redis;
  logger?: boolean;
  /** The engines the modules run on (composition.ts); by default those `config` chooses. */
  engines?: Engines;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const engines = options.engines ?? createEngines(config);
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: requestIdFor,
    logController: new AccessLog(),
    bodyLimit: config.bodyLimitBytes,
    // request.ip, which unauthenticated rate limits key on, is the client's only behind trusted proxies.
    trustProxy: config.trustProxy,
    // http/draining.ts answers requests that arrive during a shutdown, in problem+json.
    return503OnClosing: false,
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(errorsPlugin);
  await app.register(validationPlugin);
  await app.register(requestIdPlugin);
  await app.register(corsPlugin);
  // Before every hook that does work (metrics, rate limits, auth): a draining process turns requests away first.
  await app.register(drainingPlugin);
  await app.register(metricsPlugin, { env: config.env, token: config.metricsToken });
  await app.register(databasePlugin, { pool: options.pool });
  await app.register(accessTokensPlugin, { secret: config.jwtSecret, now: engines.clock });
  await app.register(sealerPlugin, { secret: config.jwtSecret });
  await app.register(rateLimitPlugin, {
    perMinute: config.rateLimitPerMinute,
    authFailuresPerMinute: config.authFailuresPerMinute,
    ...(options.redis ? { redis: options.redis } : {}),
  });
  await app.register(healthPlugin);
  await app.register(docsPlugin);
  await app.register(operationsPlugin, { now: engines.clock });

  await app.register(auth, {
    loginAttemptsPerMinute: config.loginAttemptsPerMinute,
    requestsPerMinutePerIp: config.authRequestsPerMinute,
    refreshGraceSeconds: config.refreshGraceSeconds,
    oauthProviders: engines.oauthProviders,
    avatars: { files: engines.files, maxPixels: config.imageMaxPixels },
  });
  await app.register(me);
  await app.register(identities);
  await app.register(apiKeys);
  await app.register(auditLog);
  await app.register(jobs);
  await app.register(files, {
    store: engines.files,
    maxBytes: config.fileMaxBytes,
    maxPixels: config.imageMaxPixels,
  });
  await app.register(usage);
  await app.register(profiles);
  await app.register(subscriptions, { payments: engines.payments });
  await app.register(billing, {
    stripeWebhookSecret: config.stripeWebhookSecret,
    now: engines.clock,
  });
  await app.register(admin);
  await app.register(studio, { analyser: engines.characterAnalyser });
  await app.register(speak, {
    now: engines.clock,
    transcriber: engines.speak.transcriber,
    grammar: engines.speak.grammar,
    translator: engines.speak.translator,
  });
  await app.register(stickers, {
    generator: engines.images.sticker,
    cacheTtlDays: config.stickerCacheTtlDays,
    maxImagePixels: config.imageMaxPixels,
  });
  await app.register(nex, {
    payments: engines.money.payments,
    payouts: engines.money.payouts,
    clock: engines.clock,
    ingestSecret: config.nexIngestSecret,
  });
  await app.register(miyabi, {
    market: { now: engines.clock, payments: engines.payments },
    agents: {
      githubWebhookSecret: config.miyabiAgents.githubWebhookSecret,
      eventStore: engines.miyabiEventStore,
    },
    events: { engines, config },
    identities: { config: config.miyabiIdentities },
  });
  return app;
}
