/**
 * The LINE bot's "create issue" (docs/products/miyabi.md, LINE, Create issue). The webhook only
 * records the request and enqueues a `miyabi.line.issue` job in its transaction
 * (`requestGithubIssue`), so it answers LINE at once and never waits on GitHub with a connection
 * and a transaction open (docs/architecture.md, No third-party call inside a transaction). The job
 * calls GitHub through the composition root's `GithubIssues` between two short transactions of
 * its own, then settles the request once, with its event, its realtime notification and the reply
 * queued in the LINE outbox, in one transaction.
 *
 * Retries: GitHub unreachable, silent, a 5xx or a rate limit fails the attempt, and the kernel
 * retries it with its backoff; GitHub's last word (401, 404, 422, …), or the last attempt, settles
 * the request as failed and tells the user why. A retried job finds a settled request and calls
 * nothing. GitHub's "create an issue" takes no idempotency key, so one window remains: when
 * GitHub filed the issue but its answer was lost (a timeout, a dropped connection) or the worker
 * died before the settling transaction committed, the next attempt files it a second time. The
 * request's `calls` counts the calls started, so such a request can be found afterwards.
 */
import { type JobPayload, type JobResult, miyabiEventsLine } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Sealer } from '../../../../kernel/auth/index.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  enqueueJob,
  type JobContext,
  JobFailure,
  type JobHandler,
  jobHandler,
} from '../../../../kernel/jobs/index.ts';
import { listRepositories } from '../../agents/repository-queries.ts';
import { type GithubIssueOutcome, type GithubIssues, githubTokenOf } from '../../identities/index.ts';
import { notify } from '../realtime.ts';
import type { EventStore } from '../store.ts';
import {
  countIssueCall,
  findIssueRequest,
  insertIssueRequest,
  insertReply,
  type LineIssueRequest,
  settleIssueRequest,
  wakeDelivery,
} from './queries.ts';

type LineIssueJob = typeof miyabiEventsLine.lineIssueJob;

/** The job's runs: three, 2.7 s and 7.4 s apart (the kernel's backoff). */
export const LINE_ISSUE_ATTEMPTS = DEFAULT_MAX_ATTEMPTS;
const ISSUE_BODY = 'Filed from LINE through Miyabi.';

export interface Reply {
  japanese: boolean;
  en: string;
  ja: string;
}

export const say = (japanese: boolean, en: string, ja: string): Reply => ({ japanese, en, ja });

/** What a "create issue" came to: GitHub's outcome, on which repository (none when there was none). */
type IssueOutcome = GithubIssueOutcome & { repository?: string };

function issueReply(japanese: boolean, title: string, issue: IssueOutcome): Reply {
  if (issue.status === 'created') {
    return say(
      japanese,
      `Issue #${issue.number} created in ${issue.repository}: ${issue.url}`,
      `${issue.repository} にイシュー #${issue.number} を作成しました: ${issue.url}`,
    );
  }
  return say(
    japanese,
    `Issue request noted: "${title}". Not created on GitHub: ${issue.reason}`,
    `イシューの依頼を受け付けました:「${title}」。GitHub には作成していません: ${issue.reason}`,
  );
}

/** The `line.issue_requested` event and the realtime notification of an outcome, in the caller's transaction. */
async function recordOutcome(
  db: DatabaseTransactionConnection,
  store: EventStore,
  nowMs: number,
  request: { accountId: string; lineMessageId: string; title: string },
  issue: IssueOutcome,
) {
  const { retryable: _retryable, ...shown } = issue as IssueOutcome & { retryable?: boolean };
  const { accountId, lineMessageId, title } = request;
  await store.append(db, [
    {
      accountId,
      type: 'line.issue_requested',
      subject: `line-message:${lineMessageId}`,
      data: { title, lineMessageId, ...shown },
      at: nowMs,
    },
  ]);
  await notify(db, accountId, {
    type: 'notification',
    payload: { source: 'line', kind: 'issue_requested', title, ...shown },
  });
}

export interface IssueRequestContext {
  db: DatabaseTransactionConnection;
  store: EventStore;
  sealer: Sealer;
  nowMs: number;
}

/**
 * In the webhook's transaction, bound to the account: without an active repository or a usable
 * GitHub identity the request is recorded as pending and answered at once; otherwise it is kept
 * for the job, which answers (null: no reply now).
 */
export async function requestGithubIssue(
  context: IssueRequestContext,
  message: {
    accountId: string;
    lineMessageId: string;
    lineUserId: string;
    replyToken: string | null;
    japanese: boolean;
    title: string;
  },
): Promise<Reply | null> {
  const { db } = context;
  const { accountId, japanese, title } = message;
  const [repository] = await listRepositories(db, accountId, true, null, 1);
  const token = repository ? await githubTokenOf(db, context.sealer, accountId) : null;
  if (!repository || !token) {
    const issue: IssueOutcome = repository
      ? {
          status: 'pending',
          reason: 'no GitHub identity is linked (POST /v1/miyabi/identities/github/authorizations).',
          repository: repository.fullName,
        }
      : { status: 'pending', reason: 'no active repository is connected (POST /v1/miyabi/repositories).' };
    await recordOutcome(db, context.store, context.nowMs, message, issue);
    return issueReply(japanese, title, issue);
  }
  await insertIssueRequest(db, { ...message, repository: repository.fullName });
  await enqueueJob(db, miyabiEventsLine.lineIssueJob, {
    accountId,
    payload: { lineMessageId: message.lineMessageId },
    maxAttempts: LINE_ISSUE_ATTEMPTS,
  });
  return null;
}

export interface LineIssueJobDependencies {
  githubIssues: GithubIssues;
  /** Opens the linked identity's sealed token (the API's sealer: the same JWT_SECRET). */
  sealer: Sealer;
  store: EventStore;
  clock: () => number;
}

const resultOf = (request: LineIssueRequest): JobResult<LineIssueJob> => ({
  lineMessageId: request.lineMessageId,
  status: request.status === 'created' ? 'created' : 'pending',
  repository: request.repository,
  issueNumber: request.issueNumber,
  issueUrl: request.issueUrl,
});

/** The outcome of a request settled by an earlier attempt: its result, or its failure again. */
function settledBefore(request: LineIssueRequest): JobResult<LineIssueJob> {
  if (request.status === 'failed')
    throw new JobFailure('github_refused', request.reason ?? 'GitHub refused the issue.', { retry: false });
  return resultOf(request);
}

async function run(
  deps: LineIssueJobDependencies,
  job: JobContext<JobPayload<LineIssueJob>>,
): Promise<JobResult<LineIssueJob>> {
  const { accountId } = job;
  const { lineMessageId } = job.payload;
  // A short transaction: the request, the token, and the call counted before it is made.
  const start = await job.withAccount(async (db) => {
    const request = await findIssueRequest(db, accountId, lineMessageId);
    if (request?.status !== 'queued') return { request, token: null };
    const token = await githubTokenOf(db, deps.sealer, accountId);
    if (token) await countIssueCall(db, accountId, lineMessageId);
    return { request, token };
  });
  const { request, token } = start;
  if (!request) {
    throw new JobFailure('request_missing', 'The LINE message asking for the issue is gone.', {
      retry: false,
    });
  }
  if (request.status !== 'queued') return settledBefore(request);

  let issue: IssueOutcome;
  if (!token) {
    // Unlinked since the message came, or sealed under another secret: nothing goes to GitHub.
    issue = {
      status: 'pending',
      reason:
        'no GitHub identity is linked any more, or its token does not open on this worker (its JWT_SECRET must be the API’s).',
    };
  } else {
    job.signal.throwIfAborted();
    // No transaction and no connection are held while GitHub answers.
    issue = await deps.githubIssues.create({
      token,
      fullName: request.repository,
      title: request.title,
      body: ISSUE_BODY,
    });
    if (issue.status === 'failed' && issue.retryable && job.attempt < LINE_ISSUE_ATTEMPTS)
      throw new JobFailure('github_unavailable', issue.reason);
  }
  job.signal.throwIfAborted();
  issue = { ...issue, repository: request.repository };
  const settled = await job.withAccount(async (db) => {
    const row = await settleIssueRequest(db, accountId, lineMessageId, {
      status: issue.status,
      issueNumber: issue.status === 'created' ? issue.number : null,
      issueUrl: issue.status === 'created' ? issue.url : null,
      reason: issue.status === 'created' ? null : issue.reason,
    });
    if (!row) return findIssueRequest(db, accountId, lineMessageId);
    await recordOutcome(db, deps.store, deps.clock(), { ...row, accountId }, issue);
    const reply = issueReply(row.japanese, row.title, issue);
    await insertReply(db, {
      accountId,
      lineUserId: row.lineUserId,
      replyToken: row.replyTokenFresh ? row.replyToken : null,
      messages: JSON.stringify([{ type: 'text', text: reply.japanese ? reply.ja : reply.en }]),
    });
    await wakeDelivery(db);
    return row;
  });
  if (!settled)
    throw new JobFailure('request_missing', 'The LINE message asking for the issue is gone.', {
      retry: false,
    });
  return settledBefore(settled);
}

export function lineIssueJobHandlers(deps: LineIssueJobDependencies): Record<string, JobHandler> {
  return jobHandler(miyabiEventsLine.lineIssueJob, (job) => run(deps, job));
}
