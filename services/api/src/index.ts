/** What other workspace packages (the worker, tests) use of the service. */
export { type AppOptions, buildApp } from './app.ts';
export { type Config, ConfigError, loadConfig } from './config.ts';
export { prepareDatabase } from './database.ts';
export { createDatabasePool } from './db/pool.ts';
export { exitGracefullyOn } from './shutdown-signals.ts';
