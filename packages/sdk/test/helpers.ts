import { vi } from 'vitest';
import { type ClientOptions, Yorozu } from '../src/index';

export interface Call {
  url: string;
  path: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

export type Reply = Response | Error | ((call: Call, index: number) => Response | Promise<Response>);

/**
 * An injected fetch that answers with `replies` in order (the last one repeats) and records
 * every call. An `Error` reply rejects, like a network failure.
 */
export function mockFetch(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input);
    const body = init.body ? await new Response(init.body).text() : undefined;
    const call: Call = {
      url,
      path: new URL(url).pathname + new URL(url).search,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body,
      signal: init.signal ?? undefined,
    };
    const index = calls.push(call) - 1;
    const reply = replies[Math.min(index, replies.length - 1)];
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(call, index);
    if (!reply) throw new Error('mockFetch: no reply');
    return reply.clone();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, mock: fetch };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_ok', ...headers },
  });

export const problem = (
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  new Response(
    JSON.stringify({
      type: `https://yorozu.dev/problems/${code}`,
      title: code.replace(/_/g, ' '),
      status,
      detail: `detail of ${code}`,
      code,
      requestId: `req_${status}`,
      ...extra,
    }),
    {
      status,
      headers: { 'content-type': 'application/problem+json', 'x-request-id': `req_${status}`, ...headers },
    },
  );

export const noContent = () => new Response(null, { status: 204, headers: { 'x-request-id': 'req_204' } });

/** A reply that never answers until the request's signal aborts. */
export const hang: Reply = (call) =>
  new Promise<Response>((_, reject) => {
    call.signal?.addEventListener('abort', () => reject(call.signal?.reason ?? new Error('aborted')));
  });

export const SECRET = 'yz_live_s3cr3t_key_do_not_leak';

export const client = (fetch: typeof globalThis.fetch, options: ClientOptions = {}) =>
  new Yorozu({ apiKey: SECRET, baseUrl: 'https://api.test', fetch, ...options });

export const account = {
  id: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'member',
  createdAt: '2026-11-23T09:00:00.000Z',
};

export const apiKey = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `key ${n}`,
  prefix: 'yz_3Fq9',
  scopes: ['me:read'],
  createdAt: '2026-11-23T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
});
