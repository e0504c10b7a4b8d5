/** What other workspace packages (the worker, tests) use of the service: the worker needs nothing else. */
export { type AppOptions, buildApp } from './app.ts';
export { type Clock, createEngines, type Engines, type ImageGenerators } from './composition.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { prepareDatabase } from './database.ts';
export { createDatabasePool } from './db/pool.ts';
export { createJobHandlers, startWorker, type WorkerOptions } from './jobs.ts';
export { exitGracefullyOn } from './shutdown-signals.ts';
