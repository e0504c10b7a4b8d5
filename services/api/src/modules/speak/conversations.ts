/**
 * Starting and ending conversations (docs/products/speak.md, Conversations). Ending is one
 * transaction: the scores, the target language's progress, the language totals, the vocabulary,
 * the script's statistics (a trigger) and the achievements.
 */
import { randomInt } from 'node:crypto';
import { speak } from '@yorozu/contract';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../kernel/errors.ts';
import { enqueueJob } from '../../kernel/jobs/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import { nextLearnerLine } from './engine/engine.ts';
import { translation } from './feedback/feedback.ts';
import type { Translator } from './feedback/translator.ts';
import {
  type ConversationFilters,
  type ConversationRecord,
  countOpening,
  endConversation,
  findConversation,
  insertConversation,
  listConversations,
} from './queries/conversations.ts';
import { appendEvent } from './queries/events.ts';
import { insertMessage, learnerTurns } from './queries/messages.ts';
import { addToLanguageTotals, findProfile, learnerTimezone } from './queries/profile.ts';
import { addVocabulary, checkAchievements, updateProgress, vocabularySize } from './queries/progress.ts';
import { findScript, speakPlan } from './queries/scripts.ts';
import { addUsage } from './queries/usage.ts';
import { scoreConversation } from './scores.ts';
import { vocabularyUsed, wordsOf } from './words.ts';

type NewConversationRequest = Static<typeof speak.conversations.NewConversation>;
export type Conversation = Static<typeof speak.conversations.Conversation>;

/** The resource, without what the service keeps to itself. */
export function conversationResource({
  seed: _seed,
  scriptPosition: _position,
  ...conversation
}: ConversationRecord): Conversation {
  return conversation;
}

export async function getConversation(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
): Promise<ConversationRecord> {
  const conversation = await findConversation(db, accountId, id);
  if (!conversation) throw notFound('conversation');
  return conversation;
}

export async function listConversationPage(
  db: CommonQueryMethods,
  accountId: string,
  query: ConversationFilters & { limit?: number; cursor?: string },
) {
  const { limit, cursor, ...filters } = query;
  const page = await paginate('speak.conversations', { limit, cursor }, (after, take) =>
    listConversations(db, accountId, filters, after, take),
  );
  return { ...page, data: page.data.map(conversationResource) };
}

async function languagePairOf(db: CommonQueryMethods, accountId: string, request: NewConversationRequest) {
  if (request.languagePair) return request.languagePair;
  const profile = await findProfile(db, accountId);
  if (profile?.currentLanguagePair) return profile.currentLanguagePair;
  throw validationFailed(
    '/body/languagePair',
    "is required without a script or a current pair in the learner's profile",
  );
}

/** Only paid speak plans (standard, premium, enterprise) may start premium scripts. */
async function checkPremium(db: CommonQueryMethods, accountId: string) {
  const plan = await speakPlan(db, accountId);
  if (plan === 'free') {
    throw new DomainError(
      'plan_required',
      'This script is premium: it needs the speak standard, premium or enterprise plan.',
    );
  }
}

export async function startConversation(
  db: DatabaseTransactionConnection,
  accountId: string,
  request: NewConversationRequest,
  deps: { now: () => number; translator: Translator },
): Promise<Conversation> {
  const { now } = deps;
  const script = request.scriptId === undefined ? null : await findScript(db, accountId, request.scriptId);
  if (request.scriptId !== undefined && !script)
    throw validationFailed('/body/scriptId', 'is not a script you can use');
  if (script?.isPremium) await checkPremium(db, accountId);
  const pair = script ? script.languagePair : await languagePairOf(db, accountId, request);
  const conversation = await insertConversation(db, {
    accountId,
    title: request.title ?? script?.title ?? null,
    nativeLanguage: pair.native,
    targetLanguage: pair.target,
    scenario: script?.scenario ?? request.scenario ?? 'free_talk',
    specialization: script?.specialization ?? request.specialization ?? null,
    difficultyLevel: script?.difficultyLevel ?? request.difficultyLevel ?? 3,
    scriptId: script?.id ?? null,
    seed: randomInt(2 ** 31),
    startedAt: new Date(now()).toISOString(),
  });
  await addUsage(db, accountId, {
    microphoneSeconds: 0,
    conversations: 1,
    messages: 0,
    languages: {},
    features: { [script ? 'script_conversation' : 'free_conversation']: 1 },
  });
  if (!script) return conversationResource(conversation);
  // The partner's opening lines (those before the learner's first), and the learner's first line as a suggestion.
  const first = nextLearnerLine(script.segments, 0);
  const opening = script.segments.filter(
    (segment) => segment.speaker === 'ai' && (!first || segment.order < first.order),
  );
  for (const line of opening) {
    const message = await insertMessage(db, {
      accountId,
      conversationId: conversation.id,
      type: 'ai_response',
      content: line.text,
      language: pair.target,
      ...(await translation(deps.translator, line.text, pair.target, pair.native)),
      audioFileId: null,
      audioDurationMs: null,
      scriptSegment: line.order,
      pronunciationAnalysis: null,
      grammarCorrections: null,
      vocabularyHighlights: vocabularyUsed(line.text, script.vocabularyFocus, pair.target),
      replyTo: null,
    });
    await appendEvent(db, accountId, conversation.id, 'message', message);
    // Voiced like a reply, off the request: the stream carries the message again with its audio.
    await enqueueJob(db, speak.replyJob, {
      accountId,
      payload: { conversationId: conversation.id, messageId: message.id },
    });
  }
  if (first) {
    const suggestion = await insertMessage(db, {
      accountId,
      conversationId: conversation.id,
      type: 'script_suggestion',
      content: first.text,
      language: pair.target,
      ...(await translation(deps.translator, first.text, pair.target, pair.native)),
      audioFileId: null,
      audioDurationMs: null,
      scriptSegment: first.order,
      pronunciationAnalysis: null,
      grammarCorrections: null,
      vocabularyHighlights: null,
      replyTo: null,
    });
    await appendEvent(db, accountId, conversation.id, 'message', suggestion);
  }
  const started = await countOpening(db, accountId, conversation.id, {
    replies: opening.length,
    suggestions: first ? 1 : 0,
    scriptPosition: opening.at(-1)?.order ?? 0,
  });
  return conversationResource(started);
}

export interface EndOptions {
  rating: number | null;
  now: () => number;
}

export async function endConversationNow(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  options: EndOptions,
): Promise<Conversation> {
  const conversation = await getConversation(db, accountId, id);
  if (conversation.endedAt !== null) return conversationResource(conversation);
  const language = conversation.languagePair.target;
  const turns = await learnerTurns(db, accountId, id);
  const script =
    conversation.scriptId === null ? null : await findScript(db, accountId, conversation.scriptId);
  const turnWords = turns.map((turn) => wordsOf(turn.content, language));
  const vocabulary = new Set(turnWords.flat());
  const scores = scoreConversation(
    turns.map((turn, index) => ({
      similarity: turn.similarity,
      spoken: turn.spoken,
      words: turnWords[index]?.length ?? 0,
    })),
    script ? script.segments.filter((segment) => segment.speaker === 'user').length : 0,
    conversation.speakingSeconds,
  );
  const endedAtMs = Math.max(options.now(), Date.parse(conversation.startedAt));
  const endedAt = new Date(endedAtMs).toISOString();
  const ended = await endConversation(db, accountId, id, {
    endedAt,
    durationSeconds: Math.floor((endedAtMs - Date.parse(conversation.startedAt)) / 1000),
    wordsSpoken: turnWords.reduce((sum, words) => sum + words.length, 0),
    uniqueWordsUsed: vocabulary.size,
    ...scores,
    rating: options.rating,
  });
  // Another request ended it first (it held the row): answer it as that one left it.
  if (!ended) return conversationResource(await getConversation(db, accountId, id));

  await addVocabulary(db, accountId, language, [...vocabulary]);
  const size = await vocabularySize(db, accountId, language);
  await updateProgress(db, accountId, {
    language,
    scenario: ended.scenario,
    endedAt,
    timezone: await learnerTimezone(db, accountId),
    studySeconds: ended.durationSeconds ?? 0,
    vocabularySize: size,
    adherence: scores.adherence,
  });
  await addToLanguageTotals(db, accountId, language, {
    seconds: ended.durationSeconds ?? 0,
    vocabularySize: size,
  });
  await checkAchievements(db, accountId, endedAt);
  const resource = conversationResource(ended);
  await appendEvent(db, accountId, id, 'ended', resource);
  return resource;
}
