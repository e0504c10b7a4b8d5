/**
 * Ranged downloads (RFC 9110, 14) and Content-Disposition (RFC 6266, RFC 8187): audio uploaded,
 * read for its metadata, then played the way a browser's <audio> element fetches it.
 */
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';
import { fixtures, pdf, wav, zip } from '../../../test/media-samples.ts';
import { requestedRange } from './ranges.ts';

const { app } = await testApp();

async function uploaded(token: string, bytes: Buffer, filename?: string) {
  const query = filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}`;
  const created = await as(app, token, {
    method: 'POST',
    url: `/v1/files${query}`,
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(created.statusCode).toBe(201);
  return created.json();
}

function download(token: string, id: string, headers: Record<string, string> = {}) {
  return as(app, token, { method: 'GET', url: `/v1/files/${id}`, headers });
}

describe('ranged playback', () => {
  it('uploads a WAV, reads its metadata, and serves it in parts as a player seeks', async () => {
    const account = await signUp(app);
    const bytes = wav(3, 8000); // 44-byte header + 48 000 bytes of samples
    const file = await uploaded(account.accessToken, bytes, 'tone.wav');
    expect(file).toMatchObject({ contentType: 'audio/wav', durationMs: 3000, sampleRate: 8000, channels: 1 });

    const whole = await download(account.accessToken, file.id);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-range']).toBeUndefined();

    // A player's first request, then a seek to 2 s (44 + 2 × 8000 × 2 bytes), then the tail.
    const cases = [
      ['bytes=0-', 0, bytes.length - 1],
      ['bytes=32044-', 32044, bytes.length - 1],
      ['bytes=100-199', 100, 199],
      ['bytes=-500', bytes.length - 500, bytes.length - 1],
      [`bytes=10-${bytes.length + 1000}`, 10, bytes.length - 1],
      ['bytes = 5-9', 5, 9],
    ] as const;
    for (const [range, first, last] of cases) {
      const part = await download(account.accessToken, file.id, { range });
      expect({ range, status: part.statusCode }).toEqual({ range, status: 206 });
      expect(part.headers).toMatchObject({
        'content-range': `bytes ${first}-${last}/${bytes.length}`,
        'content-length': String(last - first + 1),
        'content-type': 'audio/wav',
        'accept-ranges': 'bytes',
        etag: file.etag,
      });
      expect(part.rawPayload.equals(bytes.subarray(first, last + 1))).toBe(true);
    }
  });

  it('plays a committed Ogg Opus fixture in two halves that join to the file', async () => {
    const account = await signUp(app);
    const file = await uploaded(account.accessToken, fixtures.ogg);
    expect(file).toMatchObject({ contentType: 'audio/ogg', codec: 'Opus', sampleRate: 48000 });
    const half = Math.floor(fixtures.ogg.length / 2);
    const first = await download(account.accessToken, file.id, { range: `bytes=0-${half - 1}` });
    const second = await download(account.accessToken, file.id, { range: `bytes=${half}-` });
    expect([first.statusCode, second.statusCode]).toEqual([206, 206]);
    expect(Buffer.concat([first.rawPayload, second.rawPayload]).equals(fixtures.ogg)).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const account = await signUp(app);
    const file = await uploaded(account.accessToken, fixtures.mp3);
    for (const range of [`bytes=${fixtures.mp3.length}-`, 'bytes=999999-1000000', 'bytes=-0']) {
      const refused = expectProblem(
        await download(account.accessToken, file.id, { range }),
        416,
        'range_not_satisfiable',
      );
      expect(refused.detail).toBe(
        `The file has ${fixtures.mp3.length} bytes; the range ${range} starts past its end.`,
      );
    }
    const last = await download(account.accessToken, file.id, { range: `bytes=${fixtures.mp3.length - 1}-` });
    expect(last.statusCode).toBe(206);
    const refused = await download(account.accessToken, file.id, { range: `bytes=${fixtures.mp3.length}-` });
    expect(refused.headers['content-range']).toBe(`bytes */${fixtures.mp3.length}`);
  });

  it('serves the whole file for several ranges, other units, malformed ranges and a stale If-Range', async () => {
    const account = await signUp(app);
    const file = await uploaded(account.accessToken, fixtures.webm);
    for (const headers of [
      { range: 'bytes=0-1,5-9' } as Record<string, string>,
      { range: 'items=0-5' },
      { range: 'bytes=9-5' },
      { range: 'bytes=abc' },
      { range: 'bytes=-' },
      { range: 'bytes=0-10', 'if-range': '"an-older-version"' },
      { range: 'bytes=0-10', 'if-range': `W/${file.etag}` },
      { range: 'bytes=0-10', 'if-range': 'Wed, 21 Oct 2026 07:28:00 GMT' },
    ]) {
      const whole = await download(account.accessToken, file.id, headers);
      expect({ headers, status: whole.statusCode }).toEqual({ headers, status: 200 });
      expect(whole.rawPayload.equals(fixtures.webm)).toBe(true);
    }
    const resumed = await download(account.accessToken, file.id, {
      range: 'bytes=0-10',
      'if-range': file.etag,
    });
    expect(resumed.statusCode).toBe(206);
    // If-None-Match is judged before Range: a current copy is 304 whatever the range.
    const cached = await download(account.accessToken, file.id, {
      range: 'bytes=0-10',
      'if-none-match': file.etag,
    });
    expect(cached.statusCode).toBe(304);
  });

  it('reads a range as the same bytes as a slice for every position, by property', () => {
    const size = 1000;
    for (let first = 0; first < size + 5; first += 97) {
      for (let last = first; last < size + 200; last += 131) {
        expect(requestedRange({ range: `bytes=${first}-${last}` }, '"t"', size)).toEqual(
          first >= size ? 'unsatisfiable' : { first, last: Math.min(last, size - 1) },
        );
      }
    }
    expect(requestedRange({ range: `bytes=0-${'9'.repeat(300)}` }, '"t"', size)).toBeNull();
  });
});

describe('Content-Disposition', () => {
  it('names the download after the upload, in UTF-8 with an ASCII fallback, inline or attachment by type', async () => {
    const account = await signUp(app);
    const cases = [
      // A token needs no quotes (RFC 6266, 4.1).
      [fixtures.ogg, 'lesson-1.ogg', 'inline; filename=lesson-1.ogg'],
      [
        fixtures.ogg,
        'レッスン1.ogg',
        `inline; filename="????1.ogg"; filename*=UTF-8''%E3%83%AC%E3%83%83%E3%82%B9%E3%83%B31.ogg`,
      ],
      [pdf(), 'Guide 2026.pdf', 'attachment; filename="Guide 2026.pdf"'],
      [zip({ 'a.txt': 'a' }), 'brushes.zip', 'attachment; filename=brushes.zip'],
      [samples.png, 'café.png', `inline; filename="caf?.png"; filename*=UTF-8''caf%C3%A9.png`],
    ] as const;
    for (const [bytes, filename, header] of cases) {
      const file = await uploaded(account.accessToken, bytes, filename);
      expect(file.filename).toBe(filename);
      const served = await download(account.accessToken, file.id);
      expect(served.headers['content-disposition']).toBe(header);
    }
    const unnamed = await uploaded(account.accessToken, fixtures.m4a);
    expect((await download(account.accessToken, unnamed.id)).headers['content-disposition']).toBe(
      `inline; filename=${unnamed.id}.m4a`,
    );
  });

  it('refuses a filename with a path separator, a quote or a control character', async () => {
    const account = await signUp(app);
    for (const filename of ['../etc/passwd', 'a\\b.ogg', 'say "hi".ogg', 'line\nbreak.ogg', '']) {
      const refused = await as(app, account.accessToken, {
        method: 'POST',
        url: `/v1/files?filename=${encodeURIComponent(filename)}`,
        payload: fixtures.ogg,
        headers: { 'content-type': 'audio/ogg' },
      });
      expect(expectProblem(refused, 400, 'validation_failed').errors[0].path).toBe('/query/filename');
    }
  });
});
