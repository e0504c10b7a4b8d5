/**
 * `client.jobs.wait(id)`: follows a job's Server-Sent Events stream (`GET /v1/jobs/{id}/events`,
 * reconnecting with `Last-Event-ID`) and falls back to polling `GET /v1/jobs/{id}`.
 */
import { type Settings, send, sleep, textOf } from './core';
import { AbortError, APIError, YorozuError } from './errors';
import type { components } from './generated/schema';
import { readEvents } from './sse';

/** Every job the API runs, discriminated by `type`: its `result` follows the type. */
export type Job = components['schemas']['Job'];
/** A job's `type`, e.g. `stickers.render`. */
export type JobType = Job['type'];
export type JobStatus = Job['status'];
/** The job of one type (or a union of types). */
export type JobOf<T extends JobType> = Extract<Job, { type: T }>;
/** A job that succeeded: its `result` is there, typed by the job's type. */
export type SucceededJob<T extends JobType = JobType> = T extends JobType
  ? JobOf<T> & { status: 'succeeded'; result: NonNullable<JobOf<T>['result']> }
  : never;

export interface WaitOptions {
  signal?: AbortSignal | undefined;
  /**
   * Called with the job whenever its status or progress changes, the final state included
   * (`succeeded` at 100, `failed`, `canceled`), before `wait` settles.
   */
  onProgress?: ((job: Job) => void) | undefined;
  /** Milliseconds between polls when the event stream is unavailable (default 1000). */
  pollInterval?: number | undefined;
}

/** A job ended `failed` or `canceled`. */
export class JobFailedError extends YorozuError {
  static override readonly kind: string = 'JobFailedError';
  readonly job: Job;
  /** The job's `error.code`, or `canceled`. */
  readonly code: string;
  constructor(job: Job) {
    const code = job.error?.code ?? job.status;
    super(`Job ${job.id} ${job.status}: ${job.error?.message ?? code}`);
    this.job = job;
    this.code = code;
  }
}

const TERMINAL = ['succeeded', 'failed', 'canceled'];
/** Reconnects to a dropped stream before falling back to polling. */
const RECONNECTS = 3;

export async function waitForJob(
  settings: Settings,
  baseUrl: string,
  job: string | { id: string },
  options: WaitOptions = {},
): Promise<SucceededJob> {
  const id = typeof job === 'string' ? job : job.id;
  const { signal, onProgress, pollInterval = 1000 } = options;
  const url = `${baseUrl}/v1/jobs/${encodeURIComponent(id)}`;
  let seen = '';
  /** Reports every change of state, the final one included; returns the job once it succeeded. */
  const check = (job: Job): SucceededJob | undefined => {
    const state = `${job.status}:${job.progress}`;
    if (state !== seen) {
      seen = state;
      onProgress?.(job);
    }
    if (job.status === 'succeeded') return job as SucceededJob;
    if (TERMINAL.includes(job.status)) throw new JobFailedError(job);
    return undefined;
  };

  let lastEventId: string | undefined;
  let failures = 0;
  while (failures < RECONNECTS) {
    try {
      const headers = new Headers({ accept: 'text/event-stream' });
      if (lastEventId) headers.set('last-event-id', lastEventId);
      const response = await send(settings, {
        method: 'GET',
        url: `${url}/events`,
        headers,
        signal,
        stream: true,
      });
      if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
        await response.body?.cancel();
        break;
      }
      for await (const event of readEvents(response.body)) {
        lastEventId = event.id;
        failures = 0;
        let job: Job;
        try {
          job = JSON.parse(event.data);
        } catch {
          continue;
        }
        const done = check(job);
        if (done) return done;
      }
      failures++;
    } catch (error) {
      if (signal?.aborted) throw new AbortError(signal.reason);
      if (error instanceof JobFailedError || error instanceof AbortError) throw error;
      // No stream here (old server, proxy): poll instead; but bad credentials stay bad.
      if (error instanceof APIError) {
        if (error.status === 401 || error.status === 403) throw error;
        break;
      }
      failures++;
    }
    if (failures < RECONNECTS) await sleep(500 * 2 ** failures, signal);
  }

  for (;;) {
    const response = await send(settings, { method: 'GET', url, headers: new Headers(), signal });
    const done = check(JSON.parse(textOf(response)) as Job);
    if (done) return done;
    await sleep(pollInterval, signal);
  }
}
