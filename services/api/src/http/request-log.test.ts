import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestIdFor } from './request-id.ts';
import { AccessLog } from './request-log.ts';

/** A synthetic app with the service's logger settings, its lines captured as parsed JSON. */
async function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n')) if (text) lines.push(JSON.parse(text));
      done();
    },
  });
  const app = Fastify({
    logger: { level: 'info', stream, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: requestIdFor,
    logController: new AccessLog(),
  });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/broken', async () => {
    throw new Error('disk on fire');
  });
  await app.ready();
  return { app, lines };
}

describe('the access log', () => {
  it('writes one line per request with method, URL, status, time and request id', async () => {
    const { app, lines } = await appWithLog();
    const response = await app.inject({
      method: 'GET',
      url: '/ok?limit=2',
      headers: { authorization: 'Bearer yz_secret', 'x-request-id': 'client-id-1234' },
    });
    expect(response.statusCode).toBe(200);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: 'client-id-1234',
      method: 'GET',
      url: '/ok?limit=2',
      statusCode: 200,
    });
    expect(line!.responseTime).toBeTypeOf('number');
    // No request object, so no header (and no credential) can reach the line.
    expect(JSON.stringify(line)).not.toContain('yz_secret');
    await app.close();
  });

  it('logs a failed request at error with the error, still once for the access line', async () => {
    const { app, lines } = await appWithLog();
    const response = await app.inject({ method: 'GET', url: '/broken' });
    expect(response.statusCode).toBe(500);
    const completed = lines.filter(
      (line) => line.msg === 'request completed' || line.msg === 'request errored',
    );
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ method: 'GET', url: '/broken', statusCode: 500 });
    // Fastify's own 5xx line carries the error and its stack.
    expect(lines.some((line) => line.level === 50 && JSON.stringify(line.err).includes('disk on fire'))).toBe(
      true,
    );
    expect(lines.some((line) => line.msg === 'incoming request')).toBe(false);
    await app.close();
  });
});
