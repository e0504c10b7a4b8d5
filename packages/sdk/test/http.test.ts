/**
 * The same client over real sockets (Node's fetch against a loopback server), to catch what
 * an injected fetch cannot: body re-sending, streaming, socket timeouts.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, TimeoutError, Yorozu } from '../src/index';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: { method: string; url: string; body: string; headers: IncomingMessage['headers'] }[] = [];
const server = createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  seen.push({ method: req.method!, url: req.url!, body, headers: req.headers });
  const handler = routes.get(`${req.method} ${req.url?.split('?')[0]}`);
  if (handler) return handler(req, body, res);
  res.writeHead(404, { 'content-type': 'application/problem+json', 'x-request-id': 'req_404' });
  res.end(
    JSON.stringify({
      type: 'about:blank',
      title: 'Not found',
      status: 404,
      detail: 'nope',
      code: 'not_found',
      requestId: 'req_404',
    }),
  );
});
let client: Yorozu;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  client = new Yorozu({ apiKey: 'yz_http', baseUrl: `http://127.0.0.1:${port}` });
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('over HTTP', () => {
  it('re-sends the same body and idempotency key after a 503', async () => {
    seen.length = 0;
    let n = 0;
    routes.set('POST /v1/api-keys', (_req, body, res) => {
      if (n++ === 0) {
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '0' });
        return res.end(JSON.stringify({ code: 'unavailable', status: 503, title: 'Unavailable' }));
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...JSON.parse(body), id: 'k1', secret: 'yz_new' }));
    });
    const key = await client.apiKeys.create({ name: 'ci', scopes: ['me:read'] });
    expect(key).toMatchObject({ name: 'ci', secret: 'yz_new' });
    expect(seen.map((s) => [s.body, s.headers['idempotency-key'], s.headers['x-retry-count']])).toEqual([
      ['{"name":"ci","scopes":["me:read"]}', seen[0]!.headers['idempotency-key'], '0'],
      ['{"name":"ci","scopes":["me:read"]}', seen[0]!.headers['idempotency-key'], '1'],
    ]);
    expect(seen[0]!.headers.authorization).toBe('Bearer yz_http');
  });

  it('handles 204 and problem+json', async () => {
    routes.set('DELETE /v1/api-keys/k1', (_req, _body, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(client.apiKeys.delete({ id: 'k1' })).resolves.toBeUndefined();
    await expect(client.apiKeys.delete({ id: 'k2' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('times out a stalled response', async () => {
    routes.set('GET /v1/me', () => {});
    const error = await client.me.get(undefined, { timeout: 200, maxRetries: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).attempts).toBe(2);
  });

  it('follows a job over a real event stream', async () => {
    routes.set('GET /v1/jobs/j1/events', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      const job = (status: string, progress: number) =>
        JSON.stringify({ id: 'j1', type: 't', status, progress, createdAt: '', updatedAt: '' });
      res.write(`event: progress\nid: 1\ndata: ${job('running', 50)}\n\n`);
      setTimeout(() => res.end(`event: final\nid: 2\ndata: ${job('succeeded', 100)}\n\n`), 50);
    });
    const progress: number[] = [];
    const job = await client.jobs.wait('j1', { onProgress: (j) => progress.push(j.progress) });
    expect(job.status).toBe('succeeded');
    expect(progress).toEqual([50, 100]);
  });
});
