/**
 * The process's own signal handling, shared by `npm start` and
 * services/worker: SIGTERM (a container stop, a deploy) and SIGINT (Ctrl-C)
 * run `shutdown` once and exit with the code it returns. Further signals
 * while it runs are ignored rather than left to Node's default, which would
 * kill the process mid-drain: `npm start` forwards the terminal's signal to
 * a child that already got it from its process group, so a second one is
 * the normal case, not an impatient user.
 */
export type Shutdown = (signal: NodeJS.Signals) => Promise<number>;

export function exitGracefullyOn(shutdown: Shutdown, log: (message: string, error?: unknown) => void): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    shutdown(signal).then(
      (code) => process.exit(code),
      (error: unknown) => {
        log('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
