/**
 * Wakes whoever follows a job when one of its events commits: the API's
 * Server-Sent Events streams, and the worker running it (to notice a
 * cancel). One LISTEN connection per hub, shared by every follower in the
 * process and fanned out by job id; it connects on first use and reconnects
 * after a loss.
 *
 * A wake-up is only a hint to read platform.job_events again: the table is
 * the truth, so a notification lost while reconnecting costs latency, not
 * events (followers also re-read on their own timeouts, and every follower
 * is woken after a reconnect).
 */
import pg from 'pg';

/** The channel platform.notify_job_event() notifies (migrations/0003). */
const CHANNEL = 'platform_job_events';
const RECONNECT_DELAY_MS = 1000;

export type WakeReason = 'event' | 'timeout' | 'closed';

export interface JobWatch {
  /**
   * Resolves when the job may have a new event (at once if one came since the
   * last call), after `timeoutMs`, or with 'closed' when `signal` aborts or
   * the hub closes.
   */
  next(timeoutMs: number, signal?: AbortSignal): Promise<WakeReason>;
  /** Stops following; every watch must be closed. */
  close(): void;
}

interface Follower {
  pending: boolean;
  wake: (() => void) | null;
}

export class JobEventHub {
  readonly #connectionUri: string;
  readonly #onError: (error: unknown) => void;
  readonly #followers = new Map<string, Set<Follower>>();
  readonly #closing = new AbortController();
  #client: pg.Client | null = null;
  #connecting = false;
  #reconnectTimer: NodeJS.Timeout | null = null;

  /** `connectionUri` of the database (the Slonik pool's works: LISTEN needs no privileges). */
  constructor(connectionUri: string, onError: (error: unknown) => void = () => {}) {
    this.#connectionUri = connectionUri;
    this.#onError = onError;
  }

  /** How many watches are open: closed streams must bring it back to zero. */
  get size(): number {
    let count = 0;
    for (const followers of this.#followers.values()) count += followers.size;
    return count;
  }

  watch(jobId: string): JobWatch {
    this.#connect();
    const follower: Follower = { pending: false, wake: null };
    const followers = this.#followers.get(jobId) ?? new Set();
    followers.add(follower);
    this.#followers.set(jobId, followers);
    return {
      next: (timeoutMs, signal) => this.#next(follower, timeoutMs, signal),
      close: () => {
        follower.wake = null;
        followers.delete(follower);
        if (followers.size === 0 && this.#followers.get(jobId) === followers) this.#followers.delete(jobId);
      },
    };
  }

  async close(): Promise<void> {
    this.#closing.abort();
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #next(follower: Follower, timeoutMs: number, signal?: AbortSignal): Promise<WakeReason> {
    const signals = signal ? [signal, this.#closing.signal] : [this.#closing.signal];
    if (signals.some((s) => s.aborted)) return Promise.resolve('closed');
    if (follower.pending) {
      follower.pending = false;
      return Promise.resolve('event');
    }
    return new Promise((resolve) => {
      const done = (reason: WakeReason) => {
        clearTimeout(timer);
        for (const s of signals) s.removeEventListener('abort', onAbort);
        follower.wake = null;
        follower.pending = false;
        resolve(reason);
      };
      const onAbort = () => done('closed');
      const timer = setTimeout(() => done('timeout'), timeoutMs);
      for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
      follower.wake = () => done('event');
    });
  }

  #wake(followers: Iterable<Follower>): void {
    for (const follower of followers) {
      follower.pending = true;
      follower.wake?.();
    }
  }

  #wakeEveryone(): void {
    for (const followers of this.#followers.values()) this.#wake(followers);
  }

  #connect(): void {
    if (this.#client || this.#connecting || this.#closing.signal.aborted) return;
    this.#connecting = true;
    const client = new pg.Client({ connectionString: this.#connectionUri });
    client.on('notification', (message) => {
      const followers = message.payload ? this.#followers.get(message.payload) : undefined;
      if (followers) this.#wake(followers);
    });
    let lost = false;
    const onLost = (error: unknown) => {
      if (lost) return;
      lost = true;
      this.#lost(client, error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost(null));
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        this.#connecting = false;
        if (this.#closing.signal.aborted) return void client.end().catch(() => {});
        this.#client = client;
        // Whatever happened while we were not listening is in the table: look again.
        this.#wakeEveryone();
      })
      .catch((error) => {
        this.#connecting = false;
        onLost(error);
      });
  }

  #lost(client: pg.Client, error: unknown): void {
    if (error) this.#onError(error);
    if (this.#client === client) this.#client = null;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.#closing.signal.aborted || this.#client || this.#connecting || this.#reconnectTimer) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#followers.size > 0) this.#connect();
    }, RECONNECT_DELAY_MS);
    this.#reconnectTimer.unref();
  }
}
