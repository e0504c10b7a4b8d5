/**
 * The events part's background work on the job engine: the event store's hourly maintenance
 * (maintenance.ts) with the retention rules of the rows that expire sooner.
 */
import type { Engines } from '../../../composition.ts';
import type { ScheduledTask } from '../../../kernel/jobs/index.ts';
import { eventStoreScheduledTasks, type RetentionRule } from './maintenance.ts';
import { realtimeRetention } from './realtime.ts';

/** Rows of Miyabi that expire by age; each part adds its own (realtime messages, agent state, …). */
export const retentionRules: readonly RetentionRule[] = [realtimeRetention];

export function scheduledTasks(engines: Pick<Engines, 'clock'>): readonly ScheduledTask[] {
  return eventStoreScheduledTasks(engines.clock, retentionRules);
}
