/**
 * Uploads are limited while they stream in: the first bytes say what the file is, and its
 * kind's limit (not the largest kind's) then bounds how much of the body is read. An upload
 * refused or cut off before its end stores nothing.
 */
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';
import { wav } from '../../../test/media-samples.ts';

// Images up to 8 KiB, audio up to 50 MB (the default).
const { app } = await testApp({ FILE_MAX_BYTES: '8192' });

const MB = 1024 * 1024;

/** A body of `total` bytes starting with `head`, produced on demand; `pulled()` says how much was read. */
function producer(head: Buffer, total: number) {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const chunk = sent === 0 ? head : Buffer.alloc(Math.min(64 * 1024, total - sent));
      sent += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

/** How many files the account has, as the API lists them. */
async function fileCount(token: string): Promise<number> {
  const list = await as(app, token, { method: 'GET', url: '/v1/files' });
  expect(list.statusCode).toBe(200);
  return list.json().data.length;
}

describe('streaming upload limits', () => {
  it("refuses an image at the image limit while it streams, without reading up to the largest kind's", async () => {
    const account = await signUp(app);
    const body = producer(samples.png, 40 * MB);
    const refused = expectProblem(
      await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: body.stream,
        headers: { 'content-type': 'application/octet-stream' },
      }),
      413,
      'payload_too_large',
    );
    expect(refused.detail).toContain('image/png, whose limit is 8192 bytes');
    // Read past the limit by at most what was already buffered in flight, never the 40 MB.
    expect(body.pulled()).toBeLessThan(2 * MB);
    expect(await fileCount(account.accessToken)).toBe(0);
  });

  it('lets a kind with a larger limit through: audio over the image limit is stored', async () => {
    const account = await signUp(app);
    const audio = wav(1);
    expect(audio.length).toBeGreaterThan(8192);
    const response = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/files',
      payload: Readable.from([audio.subarray(0, 100), audio.subarray(100)]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ contentType: 'audio/wav', size: audio.length });
  });

  it('bytes of no supported type are read only up to the image limit', async () => {
    const account = await signUp(app);
    const body = producer(Buffer.from('not a known signature'), 20 * MB);
    expectProblem(
      await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: body.stream,
        headers: { 'content-type': 'application/octet-stream' },
      }),
      413,
      'payload_too_large',
    );
    expect(body.pulled()).toBeLessThan(2 * MB);
  });

  it('an upload cut off before its end stores nothing, and the service goes on', async () => {
    const account = await signUp(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const audio = wav(2);
    await new Promise<void>((resolve) => {
      const upload = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/files',
        headers: {
          authorization: `Bearer ${account.accessToken}`,
          'content-type': 'application/octet-stream',
          'content-length': String(audio.length),
        },
      });
      upload.on('error', () => resolve());
      upload.write(audio.subarray(0, audio.length >> 1), () => {
        // Half sent: the client goes away.
        setTimeout(() => {
          upload.destroy();
          resolve();
        }, 100);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nothing stored, and the service answers the same client at once.
    expect(await fileCount(account.accessToken)).toBe(0);
  });
});

describe('streaming upload limits over HTTP', () => {
  it('answers 413 to a client still sending, which reads it', { timeout: 20_000 }, async () => {
    const account = await signUp(app);
    const address = app.server.listening
      ? `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
      : await app.listen({ host: '127.0.0.1', port: 0 });
    for (const extra of [9000, 4 * MB]) {
      const response = await fetch(`${address}/v1/files`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${account.accessToken}`,
          'content-type': 'application/octet-stream',
        },
        body: Buffer.concat([samples.png, Buffer.alloc(extra)]),
        signal: AbortSignal.timeout(15_000),
      }).catch((error: Error) => error);
      // Either the 413, or the connection closed on a client still writing: never a hang.
      if (response instanceof Response) {
        expect(response.status).toBe(413);
        await response.arrayBuffer();
      } else expect(response.name).not.toBe('TimeoutError');
    }
    expect(await fileCount(account.accessToken)).toBe(0);
  });
});
