/**
 * The LINE outbox's delivery (docs/products/miyabi.md, LINE): every minute, and at once when the
 * webhook queues a reply (miyabi.wake_line_delivery), up to 100 pending replies are claimed and
 * sent through the composition root's `LineMessaging`. A reply whose event is under 30 seconds
 * old uses its reply token (free of charge at LINE; tokens expire soon after the event); older
 * ones, and refused tokens, go as a push keyed by the outbox row's id, so a retried push reaches
 * the user once. A permanent refusal fails the row; anything else is retried by the next runs,
 * five attempts in all. Rows expire after 24 hours, delivered or not.
 */
import type { DatabasePool } from 'slonik';
import type { ScheduledTask } from '../../../../kernel/jobs/index.ts';
import type { RetentionRule } from '../maintenance.ts';
import { type LineMessaging, LineRejected } from './messaging.ts';
import { claimReplies, deleteExpiredReplies, settleReply } from './queries.ts';

const BATCH = 100;
const MAX_ATTEMPTS = 5;
const REPLY_TOKEN_FRESH_MS = 30_000;
const OUTBOX_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
  /** True when no messaging is configured: nothing was claimed. */
  unconfigured: boolean;
}

export async function deliverLineReplies(
  pool: DatabasePool,
  messaging: LineMessaging,
  nowMs: number,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, unconfigured: !messaging.configured };
  if (!messaging.configured) return report;
  const claimed = await claimReplies(pool, BATCH);
  for (const reply of claimed) {
    const fresh = nowMs - Date.parse(reply.createdAt) < REPLY_TOKEN_FRESH_MS;
    try {
      await messaging.send({
        replyToken: fresh ? reply.replyToken : null,
        to: reply.lineUserId,
        messages: reply.messages,
        retryKey: reply.id,
      });
      await settleReply(pool, reply.id, 'sent', null);
      report.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
      const permanent = error instanceof LineRejected || reply.attempts >= MAX_ATTEMPTS;
      await settleReply(pool, reply.id, permanent ? 'failed' : 'pending', message);
      if (permanent) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}

export function lineScheduledTasks(clock: () => number, messaging: LineMessaging): readonly ScheduledTask[] {
  return [
    {
      identifier: 'miyabi.line.deliver',
      pattern: '* * * * *',
      run: (pool) => deliverLineReplies(pool, messaging, clock()),
    },
  ];
}

export const lineOutboxRetention: RetentionRule = {
  name: 'LINE outbox',
  deleteBatch: (db, nowMs, limit) =>
    deleteExpiredReplies(db, new Date(nowMs - OUTBOX_RETENTION_MS).toISOString(), limit),
};
