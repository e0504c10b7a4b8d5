/**
 * Large files stream through the service (docs/architecture.md, Files and generated images): an
 * upload past a few hundred KiB is spooled to a private temporary file while it arrives,
 * inspected and stored in chunks from there, and downloaded a chunk at a time, so neither
 * direction holds the file whole in memory. The temporary file is gone when the request ends,
 * however it ends.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { get, type IncomingMessage, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { crc32 } from 'node:zlib';
import type { Interceptor } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { as, bearer, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { pdf, wav } from '../../../test/media-samples.ts';
import { CHUNK_BYTES, shareFile } from '../../kernel/files/index.ts';
import { withAccount } from '../../kernel/tenancy.ts';

// Uploads spool to os.tmpdir(): a folder of this file's own shows exactly its spooled files.
const spoolDir = mkdtempSync(join(tmpdir(), 'yorozu-spool-test-'));
process.env['TMPDIR'] = spoolDir;
afterAll(() => rmSync(spoolDir, { recursive: true, force: true }));
const spooled = () => readdirSync(spoolDir);

const MB = 1024 * 1024;

// A full collection on demand (V8's --expose-gc, set at run time): what is measured is what is
// still referenced, not garbage waiting for a collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Random bytes repeated: no chunk of the data equals another at the same offset. */
const PATTERN = randomBytes(1_000_003);

/**
 * A ZIP of one stored entry of `dataBytes` bytes, produced piece by piece (the test never holds
 * it whole either), with what any range of it holds.
 */
function largeZip(dataBytes: number) {
  const name = Buffer.from('big.bin');
  const slice = (from: number, to: number) => {
    const pieces: Buffer[] = [];
    for (let at = from; at < to; ) {
      const offset = at % PATTERN.length;
      const piece = PATTERN.subarray(offset, offset + Math.min(to - at, PATTERN.length - offset));
      pieces.push(piece);
      at += piece.length;
    }
    return Buffer.concat(pieces);
  };
  let crc = 0;
  for (let at = 0; at < dataBytes; at += MB) crc = crc32(slice(at, Math.min(dataBytes, at + MB)), crc);
  const common = Buffer.alloc(26);
  common.writeUInt16LE(20, 0);
  common.writeUInt32LE(crc, 10);
  common.writeUInt32LE(dataBytes, 14);
  common.writeUInt32LE(dataBytes, 18);
  common.writeUInt16LE(name.length, 22);
  const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, name]);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  common.copy(central, 6);
  const directory = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(local.length + dataBytes, 16);
  const trailer = Buffer.concat([directory, end]);
  const size = local.length + dataBytes + trailer.length;
  const dataStart = local.length;
  const dataEnd = dataStart + dataBytes;

  /** Bytes `from` to `to` (exclusive) of the archive. */
  const bytes = (from: number, to: number) =>
    Buffer.concat([
      local.subarray(from, Math.min(to, dataStart)),
      from < dataEnd && to > dataStart
        ? slice(Math.max(from, dataStart) - dataStart, Math.min(to, dataEnd) - dataStart)
        : Buffer.alloc(0),
      trailer.subarray(Math.max(0, from - dataEnd), Math.max(0, to - dataEnd)),
    ]);

  /** The archive as a stream of 1 MiB pieces, made as they are read. */
  const stream = (upTo = size) => {
    let at = 0;
    return new Readable({
      read() {
        if (at >= upTo) return void this.push(null);
        const next = Math.min(upTo, at + MB);
        this.push(bytes(at, next));
        at = next;
      },
    });
  };
  let sha256 = '';
  const hash = createHash('sha256');
  for (let at = 0; at < size; at += MB) hash.update(bytes(at, Math.min(size, at + MB)));
  sha256 = hash.digest('base64url');
  return { size, bytes, stream, sha256 };
}

/** ArrayBuffer memory (where Buffers live) still referenced: measured after a full collection. */
function liveArrayBuffers(): number {
  // A second collection first finishes sweeping what the first found dead, ArrayBuffers included.
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
}

/**
 * What the app's statements on file chunks carry: the largest value, how many chunks were
 * written, and at the middle one of a long upload a look at memory and at the spooled file.
 */
const chunkWrites = {
  count: 0,
  largestValue: 0,
  /** At which chunk insert to look. */
  lookAt: Number.POSITIVE_INFINITY,
  look: null as { arrayBuffers: number; modes: number[] } | null,
};
const watchChunkWrites: Interceptor = {
  name: 'watch-chunk-writes',
  beforeQueryExecution: (_context, query) => {
    if (!query.sql.includes('INSERT INTO platform.file_chunks')) return null;
    chunkWrites.count += 1;
    for (const value of query.values) {
      if (Buffer.isBuffer(value)) chunkWrites.largestValue = Math.max(chunkWrites.largestValue, value.length);
    }
    if (chunkWrites.count === chunkWrites.lookAt) {
      chunkWrites.look = {
        arrayBuffers: liveArrayBuffers(),
        modes: spooled().map((name) => statSync(join(spoolDir, name)).mode & 0o777),
      };
    }
    return null;
  },
};

const { app, pool } = await testApp({ PDF_MAX_BYTES: String(2 * MB) }, { interceptors: [watchChunkWrites] });

const upload = (token: string, payload: Readable | Buffer) =>
  as(app, token, {
    method: 'POST',
    url: '/v1/files',
    payload,
    headers: { 'content-type': 'application/octet-stream' },
  });

/** The app's address over real HTTP (listening from the first call), where sockets apply backpressure. */
let listening: Promise<string> | undefined;
const address = () => {
  listening ??= app.listen({ host: '127.0.0.1', port: 0 });
  return listening;
};

/**
 * Downloads a file over HTTP (light-my-request's response buffers all the service writes, so
 * it would measure itself), keeping only the body's SHA-256, its length and, halfway through,
 * a look at memory.
 */
async function streamedDownload(token: string, id: string, size: number) {
  const { port } = new URL(await address());
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    get({ host: '127.0.0.1', port, path: `/v1/files/${id}`, headers: bearer(token) }, resolve).on(
      'error',
      reject,
    ),
  );
  const hash = createHash('sha256');
  let length = 0;
  let halfway: number | null = null;
  for await (const piece of response as AsyncIterable<Buffer>) {
    hash.update(piece);
    length += piece.length;
    if (halfway === null && length >= size / 2) halfway = liveArrayBuffers();
  }
  return { response, length, halfway, sha256: hash.digest('base64url') };
}

describe('large files', () => {
  const archive = largeZip(40 * MB);

  it('stores a 40 MB ZIP and serves it back, growing memory by a fraction of its size either way', {
    timeout: 60_000,
  }, async () => {
    const account = await signUp(app);
    const before = liveArrayBuffers();
    chunkWrites.lookAt = chunkWrites.count + Math.floor(archive.size / CHUNK_BYTES / 2);
    const stored = await upload(account.accessToken, archive.stream());
    expect(stored.statusCode).toBe(201);
    const file = stored.json();
    expect(file).toMatchObject({ contentType: 'application/zip', size: archive.size });
    expect(file.etag).toBe(`"${archive.sha256.slice(0, 22)}"`);
    // Halfway through writing the chunks, the body would be all in memory had it been buffered
    // (40 MB, and its bytea text twice that): a few chunks and stream buffers are.
    expect(chunkWrites.look).not.toBeNull();
    expect(chunkWrites.look!.arrayBuffers - before).toBeLessThan(10 * MB);
    expect(chunkWrites.look!.modes).toEqual([0o600]);
    expect(chunkWrites.largestValue).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(spooled()).toEqual([]);

    const served = await streamedDownload(account.accessToken, file.id, archive.size);
    expect(served.response.statusCode).toBe(200);
    expect(served.response.headers['content-length']).toBe(String(archive.size));
    expect(served.length).toBe(archive.size);
    expect(served.sha256).toBe(archive.sha256);
    expect(served.halfway! - before).toBeLessThan(10 * MB);

    // Ranges across chunk boundaries: one byte either side, three chunks, the last bytes.
    for (const [first, last] of [
      [CHUNK_BYTES - 1, CHUNK_BYTES],
      [CHUNK_BYTES - 5, 3 * CHUNK_BYTES + 4],
      [17 * CHUNK_BYTES, 18 * CHUNK_BYTES - 1],
      [archive.size - 100, archive.size - 1],
    ] as const) {
      const part = await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/files/${file.id}`,
        headers: { range: `bytes=${first}-${last}`, 'if-range': file.etag },
      });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes ${first}-${last}/${archive.size}`);
      expect(part.rawPayload.equals(archive.bytes(first, last + 1))).toBe(true);
    }
  });

  it('removes the spooled file of an upload refused after spooling: unreadable, or over its limit', async () => {
    const account = await signUp(app);
    // A ZIP cut before its central directory: spooled, inspected, refused.
    const cut = await upload(account.accessToken, archive.stream(3 * MB));
    expectProblem(cut, 400, 'validation_failed');
    expect(spooled()).toEqual([]);
    // A PDF over its 2 MiB limit: refused while it streams, past the spooling threshold.
    const head = pdf();
    const tooLarge = await upload(
      account.accessToken,
      Readable.from([head, ...Array.from({ length: 4 }, () => Buffer.alloc(MB))]),
    );
    expectProblem(tooLarge, 413, 'payload_too_large');
    expect(spooled()).toEqual([]);
    // Spooled whole, then refused before any database work: a credential that is no access token.
    const unauthenticated = await as(app, 'not-a-token', {
      method: 'POST',
      url: '/v1/files',
      payload: archive.stream(2 * MB),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expectProblem(unauthenticated, 401, 'unauthenticated');
    expect(spooled()).toEqual([]);
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/files' });
    expect(list.json().data).toEqual([]);
  });

  it('removes the spooled file of an upload whose client goes away halfway', {
    timeout: 20_000,
  }, async () => {
    const account = await signUp(app);
    const { port } = new URL(await address());
    await new Promise<void>((resolve) => {
      const sending = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/files',
        headers: {
          authorization: `Bearer ${account.accessToken}`,
          'content-type': 'application/octet-stream',
          'content-length': String(archive.size),
        },
      });
      sending.on('error', () => resolve());
      sending.write(archive.bytes(0, 3 * MB), () => {
        // Spooling by now (it is past the threshold); the client goes away.
        setTimeout(() => {
          expect(spooled().length).toBe(1);
          sending.destroy();
          resolve();
        }, 200);
      });
    });
    await expect.poll(spooled, { timeout: 5_000 }).toEqual([]);
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/files' });
    expect(list.json().data).toEqual([]);
  });

  it('serves every chunk of a shared file to its readers (RLS on each), and none to anyone else', async () => {
    const [seller, buyer, stranger] = [await signUp(app), await signUp(app), await signUp(app)];
    const small = largeZip(3 * CHUNK_BYTES);
    const product = (await upload(seller.accessToken, small.stream())).json();
    const grant = { fileId: product.id, readerId: buyer.id, reason: 'nex.purchase:order-1' };
    await withAccount(pool, seller.id, (db) => shareFile(db, grant));
    const read = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: `/v1/files/${product.id}`, headers });
    const whole = await read(bearer(buyer.accessToken));
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.equals(small.bytes(0, small.size))).toBe(true);
    const range = await read({ ...bearer(buyer.accessToken), range: `bytes=${CHUNK_BYTES - 2}-` });
    expect(range.rawPayload.equals(small.bytes(CHUNK_BYTES - 2, small.size))).toBe(true);
    expectProblem(await read(bearer(stranger.accessToken)), 404, 'not_found');
    expectProblem(await read({}), 404, 'not_found');
    // Shared with anyone: an anonymous caller reads every chunk too.
    await withAccount(pool, seller.id, (db) => shareFile(db, { ...grant, readerId: null }));
    const anonymous = await read({});
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.rawPayload.equals(small.bytes(0, small.size))).toBe(true);
  });

  it('replays a spooled upload sent again under its Idempotency-Key, and refuses other bytes under it', async () => {
    const account = await signUp(app);
    const first = largeZip(MB);
    const other = largeZip(MB + 1);
    const send = (body: ReturnType<typeof largeZip>) =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: body.stream(),
        headers: { 'content-type': 'application/octet-stream', 'idempotency-key': 'large-upload-1' },
      });
    const created = await send(first);
    expect(created.statusCode).toBe(201);
    const replayed = await send(first);
    expect(replayed.statusCode).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json().id).toBe(created.json().id);
    expectProblem(await send(other), 422, 'idempotency_key_mismatch');
    expect(spooled()).toEqual([]);
  });

  it('inspects spooled audio and PDFs from their files: metadata read, a cut file refused', async () => {
    const account = await signUp(app);
    const audio = wav(20); // 640 KB of 16 kHz mono PCM: spooled
    expect(audio.length).toBeGreaterThan(2 * CHUNK_BYTES);
    const stored = await upload(account.accessToken, audio);
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ contentType: 'audio/wav', durationMs: 20000, sampleRate: 16000 });
    const document = pdf();
    const padded = Buffer.concat([
      document.subarray(0, 9),
      Buffer.from(`%${'x'.repeat(400_000)}\n`),
      document.subarray(9),
    ]);
    expect((await upload(account.accessToken, padded)).json()).toMatchObject({
      contentType: 'application/pdf',
    });
    const cut = await upload(account.accessToken, padded.subarray(0, padded.length - 2000));
    expect(expectProblem(cut, 400, 'validation_failed').detail).toContain('%%EOF');
    expect(spooled()).toEqual([]);
  });
});
