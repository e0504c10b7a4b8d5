import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';

const { app } = await testApp();
const small = await testApp({ FILE_MAX_BYTES: '2048' });

function upload(token: string, bytes: Buffer, contentType = 'application/octet-stream', headers = {}) {
  return as(app, token, {
    method: 'POST',
    url: '/v1/files',
    payload: bytes,
    headers: { 'content-type': contentType, ...headers },
  });
}

const extensions = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/svg+xml': 'svg' };

describe('files', () => {
  it('stores each image type as sniffed from its bytes, and serves it back with its headers', async () => {
    const account = await signUp(app);
    const cases = [
      [samples.png, 'image/png', 'image/png'],
      [samples.jpeg, 'image/jpeg', 'image/jpeg'],
      [samples.webp, 'application/octet-stream', 'image/webp'],
      [samples.svg, 'image/svg+xml', 'image/svg+xml'],
      // The client's Content-Type is not trusted: a PNG sent as SVG is a PNG.
      [samples.png, 'image/svg+xml', 'image/png'],
      [samples.jpeg, 'text/plain', 'image/jpeg'],
    ] as const;
    for (const [bytes, sentAs, storedAs] of cases) {
      const created = await upload(account.accessToken, bytes, sentAs);
      expect(created.statusCode).toBe(201);
      const file = created.json();
      expect(file).toEqual({
        id: expect.any(String),
        contentType: storedAs,
        size: bytes.length,
        etag: expect.stringMatching(/^"[A-Za-z0-9_-]{22}"$/),
        filename: null,
        width: expect.any(Number),
        height: expect.any(Number),
        durationMs: null,
        sampleRate: null,
        channels: null,
        codec: null,
        createdAt: expect.any(String),
      });

      const served = await as(app, account.accessToken, { method: 'GET', url: `/v1/files/${file.id}` });
      expect(served.statusCode).toBe(200);
      expect(served.rawPayload.equals(bytes)).toBe(true);
      expect(served.headers).toMatchObject({
        'content-type': storedAs,
        'content-length': String(bytes.length),
        etag: file.etag,
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
        'content-disposition': `inline; filename=${file.id}.${extensions[storedAs]}`,
        'accept-ranges': 'bytes',
      });
    }
  });

  it("answers 406 when Accept excludes the file's type, and serves it to any Accept that includes it", async () => {
    const account = await signUp(app);
    const svg = (await upload(account.accessToken, samples.svg)).json();
    const get = (accept: string) =>
      as(app, account.accessToken, { method: 'GET', url: `/v1/files/${svg.id}`, headers: { accept } });
    for (const accept of [
      'image/png',
      'application/json',
      'image/png, image/jpeg;q=0.5',
      'image/svg+xml;q=0',
    ]) {
      const refused = expectProblem(await get(accept), 406, 'not_acceptable');
      expect(refused.detail).toBe('The file is image/svg+xml, which Accept excludes.');
    }
    for (const accept of [
      'image/svg+xml',
      '*/*',
      'image/*',
      'image/png, image/svg+xml;q=0.1',
      'text/html, */*;q=0.8',
    ]) {
      const served = await get(accept);
      expect({ accept, status: served.statusCode }).toEqual({ accept, status: 200 });
      expect(served.headers['content-type']).toBe('image/svg+xml');
    }
  });

  it('answers 304 to a matching If-None-Match, and 200 otherwise', async () => {
    const account = await signUp(app);
    const file = (await upload(account.accessToken, samples.png)).json();
    const get = (ifNoneMatch: string) =>
      as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/files/${file.id}`,
        headers: { 'if-none-match': ifNoneMatch },
      });
    for (const tag of [file.etag, `W/${file.etag}`, `"other", ${file.etag}`, '*']) {
      const notModified = await get(tag);
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe('');
      expect(notModified.headers['etag']).toBe(file.etag);
    }
    expect((await get('"something-else"')).statusCode).toBe(200);
  });

  it('refuses what is not a supported image, or an unsafe SVG, with 400', async () => {
    const account = await signUp(app);
    const refused = [
      [Buffer.from('just text, pretending'), 'image/png'],
      [Buffer.from('{"image": "yes"}'), 'application/json'],
      [Buffer.from('GIF89a....'), 'image/gif'],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'image/svg+xml',
      ],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml'],
      [Buffer.from('<svg><g></svg>'), 'image/svg+xml'],
      [Buffer.alloc(0), 'image/png'],
    ] as const;
    for (const [bytes, contentType] of refused) {
      const problem = expectProblem(
        await upload(account.accessToken, bytes, contentType),
        400,
        'validation_failed',
      );
      expect(problem.errors[0].path).toBe('/body');
    }
    const script = await upload(
      account.accessToken,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    );
    expect(script.json().detail).toContain('<script> elements are not allowed');
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/files' });
    expect(list.json().data).toEqual([]);
  });

  it('refuses a prologue of empty comments at once, and keeps answering others meanwhile', async () => {
    const account = await signUp(app);
    // 27 comments blocked a backtracking sniffer for 2 s; every one more doubled it.
    const hostile = Buffer.from(`${'<!---->'.repeat(40)}x`);
    const started = performance.now();
    const [refused, health] = await Promise.all([
      upload(account.accessToken, hostile, 'image/svg+xml'),
      app.inject({ method: 'GET', url: '/healthz' }),
    ]);
    const elapsed = performance.now() - started;
    expectProblem(refused, 400, 'validation_failed');
    expect(health.statusCode).toBe(200);
    // A linear scan takes well under a millisecond; the bound leaves room for a loaded CI machine.
    expect(elapsed).toBeLessThan(1000);
  });

  it('caps uploads at FILE_MAX_BYTES with 413', async () => {
    const account = await signUp(small.app);
    const big = Buffer.concat([samples.png, Buffer.alloc(2048)]);
    const refused = await as(small.app, account.accessToken, {
      method: 'POST',
      url: '/v1/files',
      payload: big,
      headers: { 'content-type': 'image/png' },
    });
    expectProblem(refused, 413, 'payload_too_large');
    const fits = await as(small.app, account.accessToken, {
      method: 'POST',
      url: '/v1/files',
      payload: samples.png,
      headers: { 'content-type': 'image/png' },
    });
    expect(fits.statusCode).toBe(201);
  });

  it('replays an upload with the same Idempotency-Key', async () => {
    const account = await signUp(app);
    const headers = { 'idempotency-key': randomUUID() };
    const first = await upload(account.accessToken, samples.webp, 'image/webp', headers);
    const replay = await upload(account.accessToken, samples.webp, 'image/webp', headers);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await upload(account.accessToken, samples.png, 'image/png', headers);
    expectProblem(other, 422, 'idempotency_key_mismatch');
  });

  it('lists files newest first by cursor, and deletes them', async () => {
    const account = await signUp(app);
    const ids: string[] = [];
    for (const bytes of [samples.png, samples.jpeg, samples.svg]) {
      ids.push((await upload(account.accessToken, bytes)).json().id);
    }
    const first = (await as(app, account.accessToken, { method: 'GET', url: '/v1/files?limit=2' })).json();
    expect(first.data.map((f: { id: string }) => f.id)).toEqual([ids[2], ids[1]]);
    expect(first.data[0]).not.toHaveProperty('bytes');
    const second = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/files?limit=2&cursor=${first.nextCursor}`,
      })
    ).json();
    expect(second).toEqual({ data: [expect.objectContaining({ id: ids[0] })], nextCursor: null });

    const deleted = await as(app, account.accessToken, { method: 'DELETE', url: `/v1/files/${ids[0]}` });
    expect(deleted.statusCode).toBe(204);
    expectProblem(
      await as(app, account.accessToken, { method: 'GET', url: `/v1/files/${ids[0]}` }),
      404,
      'not_found',
    );
    expectProblem(
      await as(app, account.accessToken, { method: 'DELETE', url: `/v1/files/${ids[0]}` }),
      404,
      'not_found',
    );
  });

  it("answers another account's file id exactly like a missing one", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const file = (await upload(owner.accessToken, samples.png)).json();
    for (const method of ['GET', 'DELETE'] as const) {
      const foreign = await as(app, intruder.accessToken, { method, url: `/v1/files/${file.id}` });
      const missing = await as(app, intruder.accessToken, { method, url: `/v1/files/${randomUUID()}` });
      const a = expectProblem(foreign, 404, 'not_found');
      const b = expectProblem(missing, 404, 'not_found');
      expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
    }
    const intruderList = await as(app, intruder.accessToken, { method: 'GET', url: '/v1/files' });
    expect(intruderList.json().data).toEqual([]);
    expect(
      (await as(app, owner.accessToken, { method: 'GET', url: `/v1/files/${file.id}` })).statusCode,
    ).toBe(200);
  });

  it('needs the files scopes', async () => {
    const account = await signUp(app);
    const key = (
      await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'reader', scopes: ['files:read'] },
      })
    ).json();
    expectProblem(await upload(key.secret, samples.png), 403, 'forbidden');
    expect((await as(app, key.secret, { method: 'GET', url: '/v1/files' })).statusCode).toBe(200);
  });

  it("needs files:read to download the account's own files, though anonymous callers need nothing for public ones", async () => {
    const account = await signUp(app);
    const file = (await upload(account.accessToken, samples.png)).json();
    const other = (
      await as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'stickers only', scopes: ['stickers:write'] },
      })
    ).json();
    expectProblem(
      await as(app, other.secret, { method: 'GET', url: `/v1/files/${file.id}` }),
      403,
      'forbidden',
    );
    expect(
      (await as(app, account.accessToken, { method: 'GET', url: `/v1/files/${file.id}` })).statusCode,
    ).toBe(200);
    expectProblem(await app.inject({ method: 'GET', url: `/v1/files/${file.id}` }), 404, 'not_found');
  });
});
