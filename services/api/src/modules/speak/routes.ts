import { operations } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { sendEventStream } from '../../kernel/jobs/index.ts';
import { paginate } from '../../kernel/pagination.ts';
import {
  conversationResource,
  endConversationNow,
  getConversation,
  listConversationPage,
  startConversation,
} from './conversations.ts';
import { conversationEventStream } from './events.ts';
import type { GrammarChecker } from './feedback/grammar.ts';
import type { Translator } from './feedback/translator.ts';
import { getLanguage, getProfile, listLanguages, putLanguage, putProfile } from './profile.ts';
import { listMessages } from './queries/messages.ts';
import { listAchievements, listProgress } from './queries/progress.ts';
import { createScript, getScript, listScriptPage, removeScript } from './scripts.ts';
import type { Transcriber } from './transcriber.ts';
import { sendTurn } from './turns.ts';
import { listUsage } from './usage.ts';

export interface SpeakOptions {
  /** The service's clock: conversations start and end by it (tests move it). */
  now: () => number;
  transcriber: Transcriber;
  grammar: GrammarChecker;
  translator: Translator;
}

export function speakRoutes(app: FastifyInstance, options: SpeakOptions) {
  app.operation(operations['speak.profile.get'], ({ db, principal }) => getProfile(db, principal.accountId));
  app.operation(
    operations['speak.profile.update'],
    async ({ db, principal, body, auditResourceId, auditChanges }) => {
      auditResourceId(principal.accountId);
      const { before, after } = await putProfile(db, principal.accountId, body);
      auditChanges(before, after);
      return after;
    },
  );
  app.operation(operations['speak.languages.list'], ({ db, principal, query }) =>
    listLanguages(db, principal.accountId, query),
  );
  app.operation(operations['speak.languages.get'], ({ db, principal, params }) =>
    getLanguage(db, principal.accountId, params.code),
  );
  app.operation(
    operations['speak.languages.update'],
    async ({ db, principal, params, body, auditChanges }) => {
      const { before, after } = await putLanguage(db, principal.accountId, params.code, body);
      auditChanges(before, after);
      return after;
    },
  );

  app.operation(operations['speak.scripts.list'], ({ db, principal, query }) =>
    listScriptPage(db, principal?.accountId ?? null, query),
  );
  app.operation(operations['speak.scripts.get'], ({ db, principal, params }) =>
    getScript(db, principal?.accountId ?? null, params.id),
  );
  app.operation(operations['speak.scripts.create'], ({ db, principal, body }) =>
    createScript(db, principal.accountId, body),
  );
  app.operation(operations['speak.scripts.delete'], ({ db, principal, params }) =>
    removeScript(db, principal.accountId, params.id),
  );

  app.operation(operations['speak.conversations.create'], ({ db, principal, body }) =>
    startConversation(db, principal.accountId, body, { now: options.now, translator: options.translator }),
  );
  app.operation(operations['speak.conversations.list'], ({ db, principal, query }) =>
    listConversationPage(db, principal.accountId, query),
  );
  app.operation(operations['speak.conversations.get'], async ({ db, principal, params }) =>
    conversationResource(await getConversation(db, principal.accountId, params.id)),
  );
  app.operation(operations['speak.conversations.end'], ({ db, principal, params, body }) =>
    endConversationNow(db, principal.accountId, params.id, { rating: body.rating ?? null, now: options.now }),
  );
  app.operation(operations['speak.conversations.events'], async ({ db, principal, params, headers }) => {
    await getConversation(db, principal.accountId, params.id);
    return (reply) =>
      sendEventStream(reply, (signal) =>
        conversationEventStream({
          pool: app.db,
          hub: app.jobEvents,
          accountId: principal.accountId,
          conversationId: params.id,
          afterSeq: headers['last-event-id'] ?? 0,
          signal,
        }),
      );
  });

  app.operation(operations['speak.messages.create'], ({ db, principal, params, body, spendAtCommit }) =>
    sendTurn(db, principal.accountId, params.id, body, {
      files: app.files,
      transcriber: options.transcriber,
      grammar: options.grammar,
      translator: options.translator,
      spendAtCommit,
    }),
  );
  app.operation(operations['speak.messages.list'], async ({ db, principal, params, query }) => {
    await getConversation(db, principal.accountId, params.id);
    return paginate('speak.messages', query, (after, take) =>
      listMessages(db, principal.accountId, params.id, query.type, after, take),
    );
  });

  app.operation(operations['speak.progress.list'], async ({ db, principal, query }) => {
    const page = await paginate('speak.progress', query, (after, take) =>
      listProgress(db, principal.accountId, query.language, after, take),
    );
    return { ...page, data: page.data.map(({ id: _id, createdAt: _createdAt, ...progress }) => progress) };
  });
  app.operation(operations['speak.achievements.list'], async ({ db, principal, query }) => ({
    data: [...(await listAchievements(db, principal.accountId, query.earned))],
  }));
  app.operation(operations['speak.usage.list'], ({ db, principal, query }) =>
    listUsage(db, principal.accountId, query),
  );
}
