/** The LINE bot's statements (migrations/0342_miyabi-line.sql). */
import { randomUUID } from 'node:crypto';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../../../db/row-type.ts';

const AccountRow = rowType(Type.Object({ accountId: Type.Union([Type.String(), Type.Null()]) }));
const CodeRow = rowType(Type.Object({ code: Type.String(), expiresAt: Type.String() }));
const RecordedRow = rowType(Type.Object({ recorded: Type.Boolean() }));
const CountRow = rowType(Type.Object({ count: Type.Integer() }));
const Claimed = Type.Object({
  id: Type.String(),
  lineUserId: Type.String(),
  replyToken: Type.Union([Type.String(), Type.Null()]),
  messages: Type.Array(Type.Object({ type: Type.Literal('text'), text: Type.String() })),
  attempts: Type.Integer(),
  createdAt: Type.String(),
});
const ClaimedRow = rowType(Claimed);
export type ClaimedReply = Type.Static<typeof Claimed>;

export function lineAccountOf(db: CommonQueryMethods, lineUserId: string) {
  return db.oneFirst(sql.type(AccountRow)`SELECT miyabi.line_account(${lineUserId}) AS "accountId"`);
}

export function redeemLinkCode(db: CommonQueryMethods, code: string, lineUserId: string, now: string) {
  return db.oneFirst(sql.type(AccountRow)`
    SELECT miyabi.redeem_line_link_code(${code}, ${lineUserId}, ${now}::timestamptz) AS "accountId"
  `);
}

export interface NewLineMessage {
  accountId: string | null;
  lineUserId: string;
  webhookEventId: string;
  messageType: string;
  messageText: string | null;
  parsedIntent: string | null;
  issueNumber: number | null;
  details: string;
}

/** The message's row id, or null when this webhook event was recorded before (a redelivery). */
export async function insertLineMessage(
  db: CommonQueryMethods,
  message: NewLineMessage,
): Promise<string | null> {
  const id = randomUUID();
  const recorded = await db.oneFirst(sql.type(RecordedRow)`
    SELECT miyabi.record_line_message(${id}, ${message.accountId}, ${message.lineUserId}, ${message.webhookEventId},
      ${message.messageType}, ${message.messageText}, ${message.parsedIntent}, ${message.issueNumber},
      ${message.details}::jsonb) AS recorded
  `);
  return recorded ? id : null;
}

export async function insertReply(
  db: CommonQueryMethods,
  reply: { accountId: string | null; lineUserId: string; replyToken: string | null; messages: string },
) {
  await db.query(sql.type(NoRows)`
    INSERT INTO miyabi.line_outbox (account_id, line_user_id, reply_token, messages)
    VALUES (${reply.accountId}, ${reply.lineUserId}, ${reply.replyToken}, ${reply.messages}::jsonb)
  `);
}

export async function wakeDelivery(db: CommonQueryMethods) {
  await db.query(sql.type(NoRows)`SELECT miyabi.wake_line_delivery()`);
}

/** Replaces the account's unused codes with a new one. */
export async function insertLinkCode(
  db: CommonQueryMethods,
  accountId: string,
  code: string,
  expiresAt: string,
) {
  await db.query(sql.type(NoRows)`DELETE FROM miyabi.line_link_codes WHERE account_id = ${accountId}`);
  return db.one(sql.type(CodeRow)`
    INSERT INTO miyabi.line_link_codes (code, account_id, expires_at)
    VALUES (${code}, ${accountId}, ${expiresAt}::timestamptz)
    RETURNING code, expires_at AS "expiresAt"
  `);
}

export function claimReplies(db: CommonQueryMethods, limit: number) {
  return db.any(sql.type(ClaimedRow)`
    SELECT id, line_user_id AS "lineUserId", reply_token AS "replyToken", messages, attempts,
      created_at AS "createdAt"
    FROM miyabi.claim_line_outbox(${limit})
  `);
}

export async function settleReply(
  db: CommonQueryMethods,
  id: string,
  status: 'sent' | 'failed' | 'pending',
  error: string | null,
) {
  await db.query(sql.type(NoRows)`SELECT miyabi.settle_line_outbox(${id}, ${status}, ${error})`);
}

export function deleteExpiredReplies(db: CommonQueryMethods, before: string, limit: number) {
  return db.oneFirst(sql.type(CountRow)`
    SELECT miyabi.delete_expired_line_outbox(${before}::timestamptz, ${limit}) AS count
  `);
}

const IssueRequest = Type.Object({
  lineMessageId: Type.String(),
  lineUserId: Type.String(),
  replyToken: Type.Union([Type.String(), Type.Null()]),
  japanese: Type.Boolean(),
  title: Type.String(),
  repository: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('created'),
    Type.Literal('pending'),
    Type.Literal('failed'),
  ]),
  calls: Type.Integer(),
  issueNumber: Type.Union([Type.Integer(), Type.Null()]),
  issueUrl: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
});
const IssueRequestRow = rowType(IssueRequest);
const SettledRow = rowType(Type.Object({ ...IssueRequest.properties, replyTokenFresh: Type.Boolean() }));
export type LineIssueRequest = Type.Static<typeof IssueRequest>;

const issueRequestColumns = sql.fragment`
  line_message_id AS "lineMessageId", line_user_id AS "lineUserId", reply_token AS "replyToken", japanese,
  title, repository, status, calls, issue_number AS "issueNumber", issue_url AS "issueUrl", reason
`;

/** Migration 0445: a "create issue" the `miyabi.line.issue` job files (line/issues.ts). */
export async function insertIssueRequest(
  db: CommonQueryMethods,
  request: {
    lineMessageId: string;
    accountId: string;
    lineUserId: string;
    replyToken: string | null;
    japanese: boolean;
    title: string;
    repository: string;
  },
) {
  await db.query(sql.type(NoRows)`
    INSERT INTO miyabi.line_issue_requests
      (line_message_id, account_id, line_user_id, reply_token, japanese, title, repository)
    VALUES (${request.lineMessageId}, ${request.accountId}, ${request.lineUserId}, ${request.replyToken},
      ${request.japanese}, ${request.title}, ${request.repository})
  `);
}

export function findIssueRequest(db: CommonQueryMethods, accountId: string, lineMessageId: string) {
  return db.maybeOne(sql.type(IssueRequestRow)`
    SELECT ${issueRequestColumns} FROM miyabi.line_issue_requests
    WHERE line_message_id = ${lineMessageId} AND account_id = ${accountId}
  `);
}

/** Counts a GitHub call about to be made, in a transaction that commits before it starts. */
export async function countIssueCall(db: CommonQueryMethods, accountId: string, lineMessageId: string) {
  await db.query(sql.type(NoRows)`
    UPDATE miyabi.line_issue_requests SET calls = calls + 1
    WHERE line_message_id = ${lineMessageId} AND account_id = ${accountId} AND status = 'queued'
  `);
}

/**
 * Settles a queued request once: the settled row, or null when an earlier attempt settled it. Its
 * reply token is fresh while the message is under 30 seconds old (line/delivery.ts): the outbox
 * row written now would otherwise look fresh however long the job took.
 */
export function settleIssueRequest(
  db: CommonQueryMethods,
  accountId: string,
  lineMessageId: string,
  outcome: {
    status: 'created' | 'pending' | 'failed';
    issueNumber: number | null;
    issueUrl: string | null;
    reason: string | null;
  },
) {
  return db.maybeOne(sql.type(SettledRow)`
    UPDATE miyabi.line_issue_requests
    SET status = ${outcome.status}, issue_number = ${outcome.issueNumber}, issue_url = ${outcome.issueUrl},
      reason = ${outcome.reason}, settled_at = now()
    WHERE line_message_id = ${lineMessageId} AND account_id = ${accountId} AND status = 'queued'
    RETURNING ${issueRequestColumns}, created_at > now() - interval '30 seconds' AS "replyTokenFresh"
  `);
}
