/**
 * The LINE webhook (docs/products/miyabi.md, LINE): checks the signature, records every message
 * and postback once per webhook event id, reads texts for an intent, acts on it for the account
 * the LINE user is linked to, and queues the reply in the outbox, all in the request's
 * transaction; the delivery task sends the replies (delivery.ts). A "create issue" is the one
 * intent that needs GitHub: it is handed to a job that answers later (issues.ts), so nothing here
 * waits on a third party. A redelivered event is recognised by its id and changes nothing.
 *
 * The bot answers from the event store: agent runs are recorded there as `agent_execution`
 * events whose data carries `agentType`, `status` and `issueNumber`.
 */
import { randomBytes } from 'node:crypto';
import type { miyabiEventsLine } from '@yorozu/contract';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import type { Sealer } from '../../../../kernel/auth/index.ts';
import { DomainError } from '../../../../kernel/errors.ts';
import type { EventStore } from '../store.ts';
import { type Intent, parseIntent } from './intents.ts';
import { type Reply, requestGithubIssue, say } from './issues.ts';
import type { LineTextMessage } from './messaging.ts';
import {
  insertLineMessage,
  insertLinkCode,
  insertReply,
  lineAccountOf,
  redeemLinkCode,
  wakeDelivery,
} from './queries.ts';
import { assertLineSignature } from './signature.ts';

type WebhookBody = Static<typeof miyabiEventsLine.LineWebhookBody>;
type WebhookEvent = WebhookBody['events'][number];
type Receipt = Static<typeof miyabiEventsLine.LineWebhookReceipt>;

const MESSAGE_TYPES = new Set(['text', 'image', 'video', 'audio', 'file', 'location', 'sticker']);
const LINE_USER_ID = /^U[0-9a-f]{32}$/;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Runs listed in a reply, and events read to find them. */
const RUNS_SHOWN = 5;
const RUN_EVENTS_READ = 100;
const UNCONFIGURED_RETRY_AFTER_SECONDS = 300;
export const LINK_CODE_TTL_MS = 10 * 60 * 1000;

export interface LineWebhookContext {
  db: DatabaseTransactionConnection;
  withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T>;
  channelSecret: string | null;
  store: EventStore;
  nowMs: number;
  sealer: Sealer;
}

export interface LineDelivery {
  rawBody: Buffer;
  signature: string;
  body: WebhookBody;
}

/** What a message carried besides its text, kept with the log row. */
function detailsOf(event: WebhookEvent): Record<string, unknown> {
  const { message } = event;
  if (!message) return {};
  const { type: _type, text: _text, ...rest } = message;
  return rest;
}

function textOf(event: WebhookEvent): string | null {
  if (event.type === 'postback') return event.postback?.data ?? null;
  return event.message?.type === 'text' ? (event.message.text ?? null) : null;
}

function messageTypeOf(event: WebhookEvent): string | null {
  if (event.type === 'postback') return event.postback ? 'postback' : null;
  if (event.type !== 'message' || !event.message) return null;
  return MESSAGE_TYPES.has(event.message.type) ? event.message.type : null;
}

const HELP = (japanese: boolean) =>
  say(
    japanese,
    'Try: "create issue <title>", "status of issue 12" or "list my runs".',
    '「<タイトル>というイシューを作成」「#12の状態」「実行一覧」のように送ってください。',
  );

interface AgentRun {
  agentType: string;
  status: string;
  issueNumber: number | null;
  at: string;
}

function runOf(event: { data: object; createdAt: string }): AgentRun {
  const { agentType, status, issueNumber } = event.data as Record<string, unknown>;
  return {
    agentType: typeof agentType === 'string' ? agentType : 'Agent',
    status: typeof status === 'string' ? status : 'recorded',
    issueNumber: typeof issueNumber === 'number' ? issueNumber : null,
    at: event.createdAt.slice(0, 16).replace('T', ' '),
  };
}

/** The account's latest agent runs, from the event store (bounded: the last 100 run events). */
async function recentRuns(db: CommonQueryMethods, store: EventStore, accountId: string): Promise<AgentRun[]> {
  const events = await store.list(db, {
    accountId,
    type: 'agent_execution',
    after: null,
    take: RUN_EVENTS_READ,
  });
  return events.map(runOf);
}

const describeRun = (run: AgentRun) =>
  `${run.agentType} ${run.status}${run.issueNumber === null ? '' : ` #${run.issueNumber}`} (${run.at} UTC)`;

async function act(
  context: LineWebhookContext,
  accountId: string,
  intent: Exclude<Intent, { intent: 'link' | 'unknown' }>,
  japanese: boolean,
  message: { lineMessageId: string; lineUserId: string; replyToken: string | null },
): Promise<Reply | null> {
  const { db, store } = context;
  if (intent.intent === 'create_issue')
    return requestGithubIssue(context, { accountId, japanese, title: intent.title, ...message });
  const runs = await recentRuns(db, store, accountId);
  if (intent.intent === 'issue_status') {
    const latest = runs.find((run) => run.issueNumber === intent.issueNumber);
    if (!latest) {
      return say(
        japanese,
        `No agent run is recorded for issue #${intent.issueNumber} in the last 90 days.`,
        `イシュー #${intent.issueNumber} のエージェント実行はありません(過去90日)。`,
      );
    }
    return say(
      japanese,
      `Issue #${intent.issueNumber}: ${describeRun(latest)}.`,
      `イシュー #${intent.issueNumber}: ${describeRun(latest)}`,
    );
  }
  const shown = runs.slice(0, RUNS_SHOWN).map(describeRun);
  if (shown.length === 0)
    return say(japanese, 'You have no agent runs yet.', 'エージェントの実行はまだありません。');
  return say(japanese, `Your latest runs:\n${shown.join('\n')}`, `最近の実行:\n${shown.join('\n')}`);
}

const NOT_LINKED = (japanese: boolean) =>
  say(
    japanese,
    'This LINE account is not linked to Miyabi yet. Get a code from POST /v1/miyabi/line/link-codes and send "link <code>".',
    'この LINE アカウントはまだ Miyabi と連携されていません。POST /v1/miyabi/line/link-codes のコードを「連携 <コード>」と送ってください。',
  );

export async function receiveLineEvents(
  context: LineWebhookContext,
  delivery: LineDelivery,
): Promise<Receipt> {
  if (!context.channelSecret) {
    throw new DomainError(
      'unavailable',
      'LINE webhooks are not configured on this server: set LINE_CHANNEL_SECRET to the channel secret.',
      { retryAfter: UNCONFIGURED_RETRY_AFTER_SECONDS },
    );
  }
  assertLineSignature(delivery.rawBody, delivery.signature, context.channelSecret);
  const receipt: Receipt = { recorded: 0, duplicates: 0, ignored: 0 };
  let queued = false;
  for (const event of delivery.body.events) {
    const lineUserId = event.source?.userId;
    const messageType = messageTypeOf(event);
    if (!messageType || !lineUserId || !LINE_USER_ID.test(lineUserId)) {
      receipt.ignored++;
      continue;
    }
    const text = textOf(event);
    const intent = text === null ? null : parseIntent(text);
    let accountId = await lineAccountOf(context.db, lineUserId);
    let reply: Reply | null = null;
    const japanese = text !== null && JAPANESE.test(text);
    if (intent?.intent === 'link') {
      const linked = await redeemLinkCode(
        context.db,
        intent.code,
        lineUserId,
        new Date(context.nowMs).toISOString(),
      );
      reply = linked
        ? say(
            japanese,
            'Linked: this LINE account now answers for your Miyabi account.',
            'Miyabi アカウントと連携しました。',
          )
        : say(japanese, 'That code is unknown or has expired.', 'そのコードは無効か期限切れです。');
      accountId = linked ?? accountId;
    }
    const row = {
      accountId,
      lineUserId,
      webhookEventId: event.webhookEventId,
      messageType,
      messageText: text,
      parsedIntent: intent?.intent ?? null,
      issueNumber: intent?.intent === 'issue_status' ? intent.issueNumber : null,
      details: JSON.stringify(detailsOf(event)),
    };
    const record = async () => {
      const lineMessageId = await insertLineMessage(context.db, row);
      if (lineMessageId === null) return false;
      if (!accountId || !intent || reply) return true;
      await context.store.append(context.db, [
        {
          accountId,
          type: 'line.message',
          subject: `line-message:${lineMessageId}`,
          data: { messageType, intent: intent.intent },
          at: context.nowMs,
        },
      ]);
      if (intent.intent === 'unknown') reply = HELP(japanese);
      else if (intent.intent !== 'link') {
        reply = await act(context, accountId, intent, japanese, {
          lineMessageId,
          lineUserId,
          replyToken: event.replyToken ?? null,
        });
      }
      return true;
    };
    // Bound to the linked account, so RLS files the rows under it; unlinked rows have none.
    const recorded = accountId ? await context.withAccount(accountId, record) : await record();
    if (!recorded) {
      receipt.duplicates++;
      continue;
    }
    receipt.recorded++;
    if (!accountId && text !== null && !reply) reply = NOT_LINKED(japanese);
    if (reply) {
      const chosen: Reply = reply;
      const messages: LineTextMessage[] = [{ type: 'text', text: chosen.japanese ? chosen.ja : chosen.en }];
      const queue = () =>
        insertReply(context.db, {
          accountId,
          lineUserId,
          replyToken: event.replyToken ?? null,
          messages: JSON.stringify(messages),
        });
      await (accountId ? context.withAccount(accountId, queue) : queue());
      queued = true;
    }
  }
  if (queued) await wakeDelivery(context.db);
  return receipt;
}

/** A one-time link code for the account: 8 characters of [a-z0-9], replacing its unused ones. */
export function createLinkCode(db: CommonQueryMethods, accountId: string, nowMs: number) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  // 256 is not a multiple of 36: bytes ≥ 252 are dropped, so every character is equally likely.
  let code = '';
  while (code.length < 8) {
    for (const byte of randomBytes(16)) {
      if (byte < 252 && code.length < 8) code += alphabet[byte % 36];
    }
  }
  return insertLinkCode(db, accountId, code, new Date(nowMs + LINK_CODE_TTL_MS).toISOString());
}
