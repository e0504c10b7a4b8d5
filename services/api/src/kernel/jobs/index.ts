/** The jobs kernel: what product modules, the worker and the jobs routes use. */

export { DEFAULT_MAX_ATTEMPTS, enqueueJob, jobResource, type NewJob } from './enqueue.ts';
export type { JobEventHub, JobWatch } from './event-hub.ts';
export { type JobContext, JobFailure, type JobHandler, jobError } from './handler.ts';
export type { JobRow } from './queries.ts';
export { type JobRunner, type JobRunnerOptions, startJobRunner } from './runner.ts';
export type { ScheduledTask } from './schedule.ts';
export type { JobLog } from './worker-logger.ts';
