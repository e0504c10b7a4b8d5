/**
 * `npm install` into a throwaway folder, for tests that install what a user would (the packed SDK,
 * Deno and Bun). The npm registry is the one network CI reaches, and a request to it can fail
 * once (seen: a TLS error on one package while the others load): the install is retried with a
 * pause rather than failing the suite on one dropped request. A request can also hang with no
 * error (seen once in CI: the whole test's budget spent inside one install), so each attempt is
 * killed after ATTEMPT_TIMEOUT_MS and counts as failed.
 */
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ATTEMPTS = 3;
/** A warm npm cache installs these in seconds; a cold one in well under a minute. */
const ATTEMPT_TIMEOUT_MS = 100_000;
/**
 * npm waits up to 5 minutes for a stalled registry request by default (npm docs, config
 * `fetch-timeout`): 30 s, then npm's own retries (`fetch-retries`), keep one stall from using up an
 * attempt.
 */
const NPM_OPTIONS = [
  '--no-audit',
  '--no-fund',
  '--prefer-offline',
  '--fetch-timeout=30000',
  '--fetch-retries=4',
  '--fetch-retry-maxtimeout=10000',
];

/** What npm said, not only that it failed: whether it was killed for time, and its last lines. */
function failure(error: unknown, attempts: number): string {
  const { killed, stderr, message } = error as { killed?: boolean; stderr?: string; message: string };
  const said = (stderr ?? '').trim().split('\n').slice(-8).join('\n');
  const how = killed ? `killed after ${ATTEMPT_TIMEOUT_MS / 1000} s` : message.split('\n')[0];
  return `npm install failed ${attempts} times; the last ${how}${said ? `:\n${said}` : ''}`;
}

export async function npmInstall(folder: string, packages: readonly string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run('npm', ['install', ...NPM_OPTIONS, ...packages], {
        cwd: folder,
        timeout: ATTEMPT_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      });
      return;
    } catch (error) {
      if (attempt === ATTEMPTS) throw new Error(failure(error, attempt), { cause: error });
      await sleep(5_000 * attempt);
    }
  }
}
