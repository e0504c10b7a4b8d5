/**
 * The composition root: configuration picks each engine, the defaults are the local ones, and
 * the engines given to the app and to the worker registry are the ones that run, so the API
 * and a worker built from one configuration agree (docs/architecture.md, Composition root).
 */
import { describe, expect, it } from 'vitest';
import { as, ownDatabase, signUp, testApp } from '../test/harness.ts';
import { startTestWorker, waitForJob } from '../test/worker.ts';
import { createEngines, type Engines } from './composition.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createJobHandlers } from './jobs.ts';
import { postgresFileStore } from './kernel/files/index.ts';
import { secretSticker } from './modules/stickers/testing.ts';

describe('createEngines', () => {
  it('builds the local engines by default', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.engines).toEqual({
      fileStore: 'postgres',
      imageGenerator: 'procedural',
      characterAnalyser: 'local',
      conversationEngine: 'local',
      speechSynthesizer: 'espeak-ng',
      transcriber: 'none',
      grammarChecker: 'heuristic',
      translator: 'glossary',
      paymentProvider: 'local',
      agentRunner: 'dry-run',
      miyabiEventStore: 'postgres',
      githubIssues: 'local',
    });
    const engines = createEngines(config);
    expect(engines.money.payments.name).toBe('local');
    expect(engines.money.payouts.name).toBe('local');
    expect(engines.files).toBe(postgresFileStore);
    expect(engines.images.studioCharacter.name).toBe('procedural-svg/studio-character');
    expect(engines.images.sticker.name).toBe('procedural-svg/sticker');
    expect(engines.characterAnalyser.name).toBe('local/digest');
    expect(engines.clock).toBe(Date.now);
    expect(engines.oauthProviders).toEqual({});
    expect(engines.speak.partner.name).toBe('local/templates');
    expect(engines.speak.voice.name).toBe('espeak-ng');
    expect(engines.speak.transcriber.name).toBe('none');
    expect(engines.speak.grammar.name).toBe('heuristic');
    expect(engines.speak.translator.name).toBe('script-glossary');
  });

  it('builds the OpenAI-compatible partner from SPEAK_LLM_*, and refuses it without them', () => {
    const config = loadConfig({
      CONVERSATION_ENGINE: 'openai-compatible',
      SPEAK_LLM_URL: 'http://127.0.0.1:9/v1',
      SPEAK_LLM_MODEL: 'tiny-model',
    });
    expect(createEngines(config).speak.partner.name).toBe('openai:tiny-model');
    expect(() => loadConfig({ CONVERSATION_ENGINE: 'openai-compatible' })).toThrow(
      'SPEAK_LLM_URL, SPEAK_LLM_MODEL: required when CONVERSATION_ENGINE=openai-compatible',
    );
    const feedback = createEngines(
      loadConfig({
        GRAMMAR_CHECKER: 'openai-compatible',
        TRANSLATOR: 'openai-compatible',
        SPEAK_LLM_URL: 'http://127.0.0.1:9/v1',
        SPEAK_LLM_MODEL: 'tiny-model',
      }),
    ).speak;
    expect([feedback.grammar.name, feedback.translator.name]).toEqual([
      'openai:tiny-model',
      'openai:tiny-model',
    ]);
    expect(() => loadConfig({ TRANSLATOR: 'openai-compatible' })).toThrow(
      'SPEAK_LLM_URL, SPEAK_LLM_MODEL: required when TRANSLATOR=openai-compatible',
    );
  });

  it('builds the Stripe payment and payout adapters from PAYMENT_PROVIDER=stripe, and refuses it without a key', () => {
    const config = loadConfig({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef',
      PAYMENTS_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
    });
    const { money } = createEngines(config);
    expect([money.payments.name, money.payouts.name, money.payments.webhookSecret]).toEqual([
      'stripe',
      'stripe',
      'whsec_0123456789abcdef',
    ]);
    expect(money.payments.simulate).toBeNull();
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'stripe' })).toThrow(
      'STRIPE_SECRET_KEY, PAYMENTS_WEBHOOK_SECRET: required when PAYMENT_PROVIDER=stripe',
    );
  });

  it('refuses an engine nobody wrote an adapter for, naming the variable and the choices', () => {
    for (const [name, value] of [
      ['FILE_STORE', 's3'],
      ['IMAGE_GENERATOR', 'hosted'],
      ['CHARACTER_ANALYSER', 'vision'],
      ['CONVERSATION_ENGINE', 'eliza'],
    ] as const) {
      let problems: string[] = [];
      try {
        loadConfig({ [name]: value });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        problems = error.problems;
      }
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name}="${value}"`));
    }
  });

  it('replaces only the engines it is given', () => {
    const clock = () => 0;
    const engines = createEngines(loadConfig({ NODE_ENV: 'test' }), { clock });
    expect(engines.clock).toBe(clock);
    expect(engines.files).toBe(postgresFileStore);
  });
});

describe('one set of engines for the API and the worker', () => {
  it('stores through the chosen file store and draws with the chosen generator', async () => {
    const stored: string[] = [];
    const defaults = createEngines(loadConfig({ NODE_ENV: 'test' }));
    // Another adapter of each interface: the default ones, watched.
    const engines: Partial<Engines> = {
      files: {
        ...postgresFileStore,
        put: async (db, file) => {
          const row = await postgresFileStore.put(db, file);
          stored.push(row.id);
          return row;
        },
      },
      images: {
        ...defaults.images,
        sticker: { name: 'test/watched-sticker', render: (input) => defaults.images.sticker.render(input) },
      },
    };
    // Its own queue: this worker's sticker handler is not the registry's default one.
    const databaseUrl = await ownDatabase();
    const { app } = await testApp({}, { databaseUrl, engines });
    const worker = await startTestWorker(
      databaseUrl,
      createJobHandlers(createEngines(loadConfig({ NODE_ENV: 'test' }), engines), app.sealer),
    );
    try {
      const account = await signUp(app);
      const upload = await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
        headers: { 'content-type': 'image/svg+xml' },
      });
      expect(upload.statusCode).toBe(201);
      expect(stored).toEqual([upload.json().id]);

      const request = await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/stickers/images',
        payload: secretSticker,
      });
      expect(request.statusCode).toBe(202);
      const job = await waitForJob(app, account.accessToken, request.json().job.id);
      expect(job.status).toBe('succeeded');
      const image = await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/stickers/images/${job.result.imageId}`,
      });
      expect(image.json().generator).toBe('test/watched-sticker');
      expect(stored).toEqual([upload.json().id, job.result.fileId]);
    } finally {
      await worker.stop();
    }
  });
});
