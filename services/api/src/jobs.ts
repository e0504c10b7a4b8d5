/**
 * The job handler registry: every module's handlers by job type, which is
 * what a worker runs (services/worker, and the in-process worker of
 * `npm start`). A module with background work adds one line here, e.g.
 * `...studioJobHandlers,` imported from its jobs.ts. Tests run their own
 * handlers instead (test/worker.ts).
 */
import type { JobHandler, ScheduledTask } from './kernel/jobs/index.ts';
import {
  jobHandlers as stickersJobHandlers,
  scheduledTasks as stickersScheduledTasks,
} from './modules/stickers/jobs.ts';
import { jobHandlers as studioJobHandlers } from './modules/studio/jobs.ts';

export const jobHandlers: Readonly<Record<string, JobHandler>> = {
  ...studioJobHandlers,
  ...stickersJobHandlers,
};

/** Recurring tasks by crontab pattern (kernel/jobs/schedule.ts), which the same workers run. */
export const scheduledTasks: readonly ScheduledTask[] = [...stickersScheduledTasks];
