/** The jobs kernel: what product modules, the worker and the jobs routes use. */

export { schemaProblem } from './check.ts';
export { DEFAULT_MAX_ATTEMPTS, enqueueJob, jobResource, type NewJob } from './enqueue.ts';
export { JobEventHub, type JobWatch } from './event-hub.ts';
export { eventStream, jobEventStream, type NumberedEvent, sendEventStream } from './event-stream.ts';
export {
  isRetryable,
  type JobContext,
  JobFailure,
  type JobHandler,
  jobError,
  jobHandler,
} from './handler.ts';
export { findJob, type JobRow, listJobs } from './queries.ts';
export { type JobRunner, type JobRunnerOptions, startJobRunner } from './runner.ts';
export type { ScheduledTask } from './schedule.ts';
export { cancelAndRefund } from './settle.ts';
export type { JobLog } from './worker-logger.ts';
