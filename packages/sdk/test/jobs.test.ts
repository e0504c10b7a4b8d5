import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AbortError,
  AuthenticationError,
  type Job,
  JobFailedError,
  type JobOf,
  NotFoundError,
} from '../src/index';
import { type Call, client, json, mockFetch, problem } from './helpers';

const render = { fileId: 'f1', imageId: 'i1', imageUrl: '/v1/files/f1' };
const job = (status: Job['status'], progress: number, extra: Partial<JobOf<'stickers.render'>> = {}) =>
  ({
    id: 'job-1',
    type: 'stickers.render',
    status,
    progress,
    error: null,
    result: null,
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:01.000Z',
    finishedAt: null,
    ...extra,
  }) satisfies JobOf<'stickers.render'>;

const frame = (event: string, id: number, data: unknown) =>
  `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;

/** An SSE response whose body arrives in the given chunks; `open` keeps the stream open afterwards. */
function sse(chunks: string[], { open = false, signal }: { open?: boolean; signal?: AbortSignal } = {}) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!open) controller.close();
      signal?.addEventListener('abort', () => controller.error(signal.reason));
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('jobs.wait', () => {
  it('follows the event stream and resolves with the succeeded job', async () => {
    const done = job('succeeded', 100, { result: render, finishedAt: '2026-11-23T09:00:09.000Z' });
    const text = [
      ': comment\n\n',
      frame('progress', 1, job('queued', 0)),
      frame('progress', 2, job('running', 40)),
      frame('final', 3, done),
    ].join('');
    // Split at awkward places: inside a line, between \r and \n.
    const crlf = text.replace(/\n/g, '\r\n');
    const cut = crlf.indexOf('\r\n', 40) + 1;
    const chunks = [crlf.slice(0, 7), crlf.slice(7, cut), crlf.slice(cut, cut + 1), crlf.slice(cut + 1)];
    expect(chunks[1]!.endsWith('\r')).toBe(true);
    expect(chunks[2]).toBe('\n');
    const { fetch, calls } = mockFetch(() => sse(chunks));
    const progress: number[] = [];
    const result = await client(fetch).jobs.wait(
      { id: 'job-1', type: 'stickers.render' },
      { onProgress: (j) => progress.push(j.progress) },
    );
    expect(result).toEqual(done);
    expect(result.result.fileId).toBe('f1');
    // The final state too, so a progress bar reaches 100 %.
    expect(progress).toEqual([0, 40, 100]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1/jobs/job-1/events');
    expect(calls[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(calls[0]!.headers.get('authorization')).toMatch(/^Bearer /);
  });

  it('throws JobFailedError for a failed job', async () => {
    const failed = job('failed', 60, {
      error: { code: 'generator_failed', message: 'the renderer crashed' },
    });
    const { fetch } = mockFetch(() =>
      sse([frame('progress', 1, job('running', 60)), frame('final', 2, failed)]),
    );
    const error = await client(fetch)
      .jobs.wait('job-1')
      .catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ code: 'generator_failed', job: failed });
    expect(error.message).toContain('the renderer crashed');
  });

  it('throws JobFailedError with code canceled for a canceled job', async () => {
    const { fetch } = mockFetch(() => sse([frame('final', 1, job('canceled', 10))]));
    await expect(client(fetch).jobs.wait('job-1')).rejects.toMatchObject({
      name: 'JobFailedError',
      code: 'canceled',
    });
  });

  it('reconnects with Last-Event-ID when the stream drops', async () => {
    vi.useFakeTimers();
    const replies = [
      () => sse([frame('progress', 7, job('running', 10))]),
      () => sse([frame('final', 8, job('succeeded', 100))]),
    ];
    const { fetch, calls } = mockFetch((_call: Call, i: number) => replies[i]!());
    const wait = client(fetch).jobs.wait('job-1');
    await vi.runAllTimersAsync();
    await expect(wait).resolves.toMatchObject({ status: 'succeeded' });
    expect(calls.map((c) => c.headers.get('last-event-id'))).toEqual([null, '7']);
  });

  it('falls back to polling when the stream is unavailable', async () => {
    vi.useFakeTimers();
    const states = [job('running', 20), job('running', 20), job('running', 80), job('succeeded', 100)];
    let poll = 0;
    const { fetch, calls } = mockFetch((call) =>
      call.path.endsWith('/events') ? problem(404, 'not_found') : json(states[poll++]),
    );
    const progress: number[] = [];
    const wait = client(fetch).jobs.wait('job-1', {
      pollInterval: 250,
      onProgress: (j) => progress.push(j.progress),
    });
    await vi.runAllTimersAsync();
    await expect(wait).resolves.toMatchObject({ status: 'succeeded' });
    expect(calls.map((c) => c.path)).toEqual([
      '/v1/jobs/job-1/events',
      '/v1/jobs/job-1',
      '/v1/jobs/job-1',
      '/v1/jobs/job-1',
      '/v1/jobs/job-1',
    ]);
    expect(progress).toEqual([20, 80, 100]);
  });

  it('falls back to polling when the answer is not an event stream', async () => {
    const { fetch, calls } = mockFetch((call) =>
      call.path.endsWith('/events') ? json({ unexpected: true }) : json(job('succeeded', 100)),
    );
    await expect(client(fetch).jobs.wait('job-1')).resolves.toMatchObject({ status: 'succeeded' });
    expect(calls).toHaveLength(2);
  });

  it('throws NotFoundError when polling finds no job', async () => {
    const { fetch } = mockFetch(problem(404, 'not_found'));
    await expect(client(fetch).jobs.wait('nope')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throws AuthenticationError without polling', async () => {
    const { fetch, calls } = mockFetch(problem(401, 'unauthenticated'));
    await expect(client(fetch).jobs.wait('job-1')).rejects.toBeInstanceOf(AuthenticationError);
    expect(calls).toHaveLength(1);
  });

  it('aborts a stream in progress with the signal', async () => {
    const controller = new AbortController();
    const { fetch } = mockFetch((call) =>
      sse([frame('progress', 1, job('running', 5))], { open: true, signal: call.signal }),
    );
    const wait = client(fetch).jobs.wait('job-1', {
      signal: controller.signal,
      onProgress: () => controller.abort('enough'),
    });
    const error = await wait.catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe('enough');
  });
});
