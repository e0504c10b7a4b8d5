/**
 * The job handler registry: every module's handlers by job type, on the engines of the
 * composition root (composition.ts), which is what a worker runs (services/worker, and the
 * in-process worker of `npm start`). A module with background work adds its handlers here,
 * built from the engines they need. Tests may run their own handlers instead (test/worker.ts).
 */
import type { Engines } from './composition.ts';
import type { Config } from './config.ts';
import { type Sealer, sealer } from './kernel/auth/index.ts';
import {
  type JobHandler,
  type JobLog,
  type JobRunner,
  type ScheduledTask,
  startJobRunner,
} from './kernel/jobs/index.ts';
import {
  createJobHandlers as miyabiAgentJobHandlers,
  scheduledTasks as miyabiAgentScheduledTasks,
} from './modules/miyabi/agents/jobs.ts';
import {
  createJobHandlers as miyabiEventsJobHandlers,
  scheduledTasks as miyabiEventsScheduledTasks,
} from './modules/miyabi/events/jobs.ts';
import {
  engineScheduledTasks as nexEngineScheduledTasks,
  scheduledTasks as nexScheduledTasks,
} from './modules/nex/jobs.ts';
import { createJobHandlers as speakJobHandlers } from './modules/speak/jobs.ts';
import {
  createJobHandlers as stickersJobHandlers,
  scheduledTasks as stickersScheduledTasks,
} from './modules/stickers/jobs.ts';
import { createJobHandlers as studioJobHandlers } from './modules/studio/jobs.ts';

/**
 * `sealer` opens what the API sealed (a linked GitHub identity's token): the same JWT_SECRET as
 * the API's, which a worker process is given like the API.
 */
export function createJobHandlers(engines: Engines, sealer: Sealer): Readonly<Record<string, JobHandler>> {
  return {
    ...studioJobHandlers({ generator: engines.images.studioCharacter, files: engines.files }),
    ...stickersJobHandlers({ generator: engines.images.sticker, files: engines.files }),
    ...speakJobHandlers({
      engine: engines.speak.partner,
      synthesizer: engines.speak.voice,
      files: engines.files,
      translator: engines.speak.translator,
    }),
    ...miyabiAgentJobHandlers({ runner: engines.agentRunner }),
    ...miyabiEventsJobHandlers({
      githubIssues: engines.miyabiGithubIssues,
      sealer,
      store: engines.miyabiEventStore,
      clock: engines.clock,
    }),
  };
}

/** Recurring tasks by crontab pattern (kernel/jobs/schedule.ts), which the same workers run. */
export const scheduledTasks: readonly ScheduledTask[] = [
  ...stickersScheduledTasks,
  ...nexScheduledTasks,
  ...miyabiAgentScheduledTasks,
];

export interface WorkerOptions {
  config: Pick<Config, 'workerConcurrency' | 'shutdownGraceMs' | 'workerLeaseMs' | 'jwtSecret'>;
  /** Already migrated (the API migrates at start). */
  databaseUrl: string;
  engines: Engines;
  log: JobLog;
}

/** A job runner with every module's handlers and schedules: services/worker, or `npm start` in process. */
export function startWorker({ config, databaseUrl, engines, log }: WorkerOptions): Promise<JobRunner> {
  return startJobRunner({
    databaseUrl,
    handlers: createJobHandlers(engines, sealer(config.jwtSecret)),
    // Tasks that read the composition root's clock (tests move it) are built from the engines.
    schedules: [
      ...scheduledTasks,
      ...miyabiEventsScheduledTasks(engines),
      ...nexEngineScheduledTasks(engines),
    ],
    concurrency: config.workerConcurrency,
    shutdownGraceMs: config.shutdownGraceMs,
    leaseMs: config.workerLeaseMs,
    log,
  });
}
