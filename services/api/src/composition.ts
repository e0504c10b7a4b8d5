/**
 * The composition root (docs/architecture.md, Composition root): the one place that builds the
 * engines the API and the worker run on, each chosen by a configuration value with the local,
 * offline engine as the default. `buildApp` (app.ts) hands them to the modules' plugins and
 * `createJobHandlers` (jobs.ts) to the modules' job handlers, so the API process and
 * services/worker always run the same engines for the same configuration.
 *
 * Adding an engine kind (speech, a conversation partner, a payment provider, an agent runner):
 * its interface and local default in the module that uses it, a field on `Engines`, a variable
 * in config.ts, and a table below with one factory per value of that variable. Adding an
 * adapter for an existing kind (S3 for the file store, a hosted model for images): the adapter,
 * its value in config.ts's enum, and its row in the table; TypeScript refuses a value without one.
 */

import {
  type CharacterRenderInput,
  type ImageGenerator,
  type StickerRenderInput,
  stickerGenerator,
  studioCharacterGenerator,
} from '@yorozu/renderers';
import type { Config } from './config.ts';
import type { Clock } from './kernel/clock.ts';
import { type FileStore, postgresFileStore } from './kernel/files/index.ts';
import {
  localPaymentProvider,
  localPayoutProvider,
  type PaymentProvider,
  type Payments,
  type PayoutProvider,
  paymentsFor,
  stripePaymentProvider,
  stripePayoutProvider,
} from './kernel/payments/index.ts';
import { type OAuthProviders, oauthProviders } from './modules/auth/oauth/index.ts';
import { dryRunAgentRunner } from './modules/miyabi/agents/runner/dry-run.ts';
import { openAiAgentRunner } from './modules/miyabi/agents/runner/openai.ts';
import type { AgentRunner } from './modules/miyabi/agents/runner/runner.ts';
import {
  type LineMessaging,
  lineMessagingApi,
  notConfiguredLineMessaging,
} from './modules/miyabi/events/line/messaging.ts';
import { type EventStore, postgresEventStore } from './modules/miyabi/events/store.ts';
import {
  type GithubIssues,
  githubRestIssues,
  localGithubIssues,
} from './modules/miyabi/identities/github-issues.ts';
import type { ConversationEngine } from './modules/speak/engine/engine.ts';
import { localConversationEngine } from './modules/speak/engine/local.ts';
import { openAiConversationEngine } from './modules/speak/engine/openai.ts';
import type { GrammarChecker } from './modules/speak/feedback/grammar.ts';
import { heuristicGrammarChecker } from './modules/speak/feedback/heuristics.ts';
import { openAiGrammarChecker, openAiTranslator } from './modules/speak/feedback/openai.ts';
import { glossaryTranslator, type Translator } from './modules/speak/feedback/translator.ts';
import type { ChatEndpointOptions } from './modules/speak/openai-compatible.ts';
import { espeakSynthesizer, type SpeechSynthesizer } from './modules/speak/speech/synthesizer.ts';
import { notConfiguredTranscriber, type Transcriber } from './modules/speak/transcriber.ts';
import { type CharacterAnalyser, localCharacterAnalyser } from './modules/studio/analysis.ts';

/** Milliseconds since the epoch, like `Date.now`: tokens expire and webhooks age by it, and tests move it. */
export type { Clock } from './kernel/clock.ts';

/** The image generator of each product that draws. */
export interface ImageGenerators {
  studioCharacter: ImageGenerator<CharacterRenderInput>;
  sticker: ImageGenerator<StickerRenderInput>;
}

export interface Engines {
  clock: Clock;
  /** Where file bytes live (FILE_STORE). */
  files: FileStore;
  /** What draws studio characters and stickers (IMAGE_GENERATOR). */
  images: ImageGenerators;
  /** What reads features from a studio base image (CHARACTER_ANALYSER). */
  characterAnalyser: CharacterAnalyser;
  /**
   * The payment provider subscription changes go to: Stripe's API when STRIPE_SECRET_KEY is set,
   * else none (Stripe-billed subscriptions then cannot be changed from here: 503).
   */
  payments: Payments;
  /**
   * Who takes payments and pays creators out for what nex sells (PAYMENT_PROVIDER): the local
   * test-mode provider by default, Stripe PaymentIntents and Connect transfers otherwise.
   */
  money: { payments: PaymentProvider; payouts: PayoutProvider };
  /** The sign-in providers the `OAUTH_*` variables configure (none by default). */
  oauthProviders: OAuthProviders;
  /**
   * speak's partner (CONVERSATION_ENGINE), voice (SPEECH_SYNTHESIZER), recogniser (TRANSCRIBER),
   * grammar feedback (GRAMMAR_CHECKER) and translations (TRANSLATOR).
   */
  speak: {
    partner: ConversationEngine;
    voice: SpeechSynthesizer;
    transcriber: Transcriber;
    grammar: GrammarChecker;
    translator: Translator;
  };
  /** Where Miyabi records its events (MIYABI_EVENT_STORE); a DynamoDB adapter would be another row. */
  miyabiEventStore: EventStore;
  /** What runs Miyabi's agents (MIYABI_AGENT_RUNNER): the built-in heuristic dry run by default. */
  agentRunner: AgentRunner;
  /** What sends Miyabi's LINE replies: the Messaging API when LINE_CHANNEL_ACCESS_TOKEN is set, else nothing. */
  lineMessaging: LineMessaging;
  /** What creates the GitHub issues asked for on LINE (MIYABI_GITHUB_ISSUES): recorded as pending by default. */
  miyabiGithubIssues: GithubIssues;
}

type Choice<Key extends keyof Config['engines'], Engine> = Record<
  Config['engines'][Key],
  (config: Config) => Engine
>;

const fileStores: Choice<'fileStore', FileStore> = {
  postgres: () => postgresFileStore,
};

const imageGenerators: Choice<'imageGenerator', ImageGenerators> = {
  procedural: () => ({ studioCharacter: studioCharacterGenerator, sticker: stickerGenerator }),
};

const characterAnalysers: Choice<'characterAnalyser', CharacterAnalyser> = {
  local: () => localCharacterAnalyser,
};

/** speak's chat-completions endpoint (SPEAK_LLM_*), which loadConfig requires for any `openai-compatible` speak engine. */
function speakLlm(config: Config, variable: string): ChatEndpointOptions {
  const llm = config.speakLlm;
  if (!llm) throw new Error(`${variable}=openai-compatible needs SPEAK_LLM_URL and SPEAK_LLM_MODEL.`);
  return { baseUrl: llm.url, model: llm.model, ...(llm.apiKey ? { apiKey: llm.apiKey } : {}) };
}

const conversationEngines: Choice<'conversationEngine', ConversationEngine> = {
  local: () => localConversationEngine,
  'openai-compatible': (config) => openAiConversationEngine(speakLlm(config, 'CONVERSATION_ENGINE')),
};

const agentRunners: Choice<'agentRunner', AgentRunner> = {
  'dry-run': () => dryRunAgentRunner,
  'openai-compatible': (config) => {
    // loadConfig refuses this runner without them.
    const llm = config.miyabiAgents.llm;
    if (!llm)
      throw new Error('MIYABI_AGENT_RUNNER=openai-compatible needs MIYABI_LLM_URL and MIYABI_LLM_MODEL.');
    return openAiAgentRunner({
      baseUrl: llm.url,
      model: llm.model,
      ...(llm.apiKey ? { apiKey: llm.apiKey } : {}),
    });
  },
};

const speechSynthesizers: Choice<'speechSynthesizer', SpeechSynthesizer> = {
  'espeak-ng': () => espeakSynthesizer,
};

const transcribers: Choice<'transcriber', Transcriber> = {
  none: () => notConfiguredTranscriber,
};

const grammarCheckers: Choice<'grammarChecker', GrammarChecker> = {
  heuristic: () => heuristicGrammarChecker,
  'openai-compatible': (config) => openAiGrammarChecker(speakLlm(config, 'GRAMMAR_CHECKER')),
};

const translators: Choice<'translator', Translator> = {
  glossary: () => glossaryTranslator,
  'openai-compatible': (config) => openAiTranslator(speakLlm(config, 'TRANSLATOR')),
};

const moneyProviders: Choice<'paymentProvider', Engines['money']> = {
  local: (config) => ({
    payments: localPaymentProvider(config.paymentsWebhookSecret),
    payouts: localPayoutProvider,
  }),
  stripe: (config) => {
    // loadConfig refuses this provider without a key.
    if (!config.stripeSecretKey) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY.');
    const api = { secretKey: config.stripeSecretKey, apiUrl: config.stripeApiUrl };
    return {
      payments: stripePaymentProvider({ ...api, webhookSecret: config.paymentsWebhookSecret }),
      payouts: stripePayoutProvider(api),
    };
  },
};

/** Event stores read the engines' clock, so a moved test clock moves their retention window too. */
const miyabiEventStores: Record<Config['engines']['miyabiEventStore'], (clock: Clock) => EventStore> = {
  postgres: (clock) => postgresEventStore(clock),
};

/** The engines `config` chooses; `overrides` replaces some (a test's fake analyser, a moved clock). */
export function createEngines(config: Config, overrides: Partial<Engines> = {}): Engines {
  const clock = overrides.clock ?? Date.now;
  return {
    clock,
    files: fileStores[config.engines.fileStore](config),
    images: imageGenerators[config.engines.imageGenerator](config),
    characterAnalyser: characterAnalysers[config.engines.characterAnalyser](config),
    payments: paymentsFor(config),
    money: moneyProviders[config.engines.paymentProvider](config),
    oauthProviders: oauthProviders(config.oauth),
    speak: {
      partner: conversationEngines[config.engines.conversationEngine](config),
      voice: speechSynthesizers[config.engines.speechSynthesizer](config),
      transcriber: transcribers[config.engines.transcriber](config),
      grammar: grammarCheckers[config.engines.grammarChecker](config),
      translator: translators[config.engines.translator](config),
    },
    miyabiEventStore: miyabiEventStores[config.engines.miyabiEventStore](clock),
    agentRunner: agentRunners[config.engines.agentRunner](config),
    lineMessaging: config.line.channelAccessToken
      ? lineMessagingApi({ baseUrl: config.line.apiUrl, channelAccessToken: config.line.channelAccessToken })
      : notConfiguredLineMessaging,
    miyabiGithubIssues:
      config.engines.githubIssues === 'github'
        ? githubRestIssues(config.miyabiIdentities.githubApiUrl)
        : localGithubIssues,
    ...overrides,
  };
}
