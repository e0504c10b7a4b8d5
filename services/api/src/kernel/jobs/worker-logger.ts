/**
 * graphile-worker logs through its own Logger type; this bridges it to the
 * service's pino logger (or to nothing, for migrations and tests), so the
 * worker's lines are JSON like every other line.
 */
import { Logger } from 'graphile-worker';

/** The part of a pino logger (Fastify's `app.log`) the worker writes to. */
export interface JobLog {
  error(object: object, message: string): void;
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
  debug(object: object, message: string): void;
}

const methods = { error: 'error', warning: 'warn', info: 'info', debug: 'debug' } as const;

export function workerLogger(log: JobLog): Logger {
  return new Logger((scope) => (level, message) => {
    log[methods[String(level) as keyof typeof methods] ?? 'info']({ worker: scope }, message);
  });
}

export const silentWorkerLogger = new Logger(() => () => {});
