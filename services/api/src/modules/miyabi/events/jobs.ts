/**
 * The events part's background work on the job engine: the event store's hourly maintenance
 * (maintenance.ts) with the retention rules of the rows that expire sooner, the LINE
 * outbox's delivery (line/delivery.ts), and the `miyabi.line.issue` job that files the GitHub
 * issues asked for on LINE (line/issues.ts).
 */
import type { Clock } from '../../../kernel/clock.ts';
import type { JobHandler, ScheduledTask } from '../../../kernel/jobs/index.ts';
import { lineOutboxRetention, lineScheduledTasks } from './line/delivery.ts';
import { type LineIssueJobDependencies, lineIssueJobHandlers } from './line/issues.ts';
import type { LineMessaging } from './line/messaging.ts';
import { eventStoreScheduledTasks, type RetentionRule } from './maintenance.ts';
import { realtimeRetention } from './realtime.ts';

/** Rows of Miyabi that expire by age; each part adds its own (realtime messages, agent state, …). */
export const retentionRules: readonly RetentionRule[] = [realtimeRetention, lineOutboxRetention];

export function scheduledTasks(engines: {
  clock: Clock;
  lineMessaging: LineMessaging;
}): readonly ScheduledTask[] {
  return [
    ...eventStoreScheduledTasks(engines.clock, retentionRules),
    ...lineScheduledTasks(engines.clock, engines.lineMessaging),
  ];
}

export function createJobHandlers(deps: LineIssueJobDependencies): Record<string, JobHandler> {
  return lineIssueJobHandlers(deps);
}
