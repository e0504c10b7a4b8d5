/**
 * Files beyond images: audio, PDF and ZIP are sniffed from their bytes (never the client's
 * Content-Type), read for their metadata, held to their own size limits, and refused with a
 * 400 (never a 500) when corrupt.
 */
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';
import { fixtures, mp4, pdf, wav, zip } from '../../../test/media-samples.ts';

const { app } = await testApp();
const tight = await testApp({
  AUDIO_MAX_BYTES: '4096',
  VIDEO_MAX_BYTES: '2048',
  PDF_MAX_BYTES: '2048',
  ZIP_MAX_BYTES: '2048',
});

function upload(token: string, bytes: Buffer, contentType = 'application/octet-stream', target = app) {
  return as(target, token, {
    method: 'POST',
    url: '/v1/files',
    payload: bytes,
    headers: { 'content-type': contentType },
  });
}

const noImage = { width: null, height: null };
const noAudio = { durationMs: null, sampleRate: null, channels: null, codec: null };

describe('audio uploads', () => {
  it('stores a WAV made here with its duration, sample rate, channels and codec', async () => {
    const account = await signUp(app);
    const bytes = wav(2.5, 16000);
    // Sent as an image: the bytes decide.
    const created = await upload(account.accessToken, bytes, 'image/png');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      contentType: 'audio/wav',
      size: bytes.length,
      etag: expect.any(String),
      filename: null,
      ...noImage,
      durationMs: 2500,
      sampleRate: 16000,
      channels: 1,
      codec: 'PCM',
      createdAt: expect.any(String),
    });
    const listed = (await as(app, account.accessToken, { method: 'GET', url: '/v1/files' })).json();
    expect(listed.data).toEqual([created.json()]);
  });

  it('reads Ogg Opus, MP3, WebM Opus and M4A AAC fixtures', async () => {
    const account = await signUp(app);
    const cases = [
      [fixtures.ogg, 'audio/ogg', 48000, 'Opus'],
      [fixtures.mp3, 'audio/mpeg', 22050, 'MPEG 2 Layer 3'],
      [fixtures.webm, 'audio/webm', 48000, 'OPUS'],
      [fixtures.m4a, 'audio/mp4', 22050, 'MPEG-4/AAC'],
    ] as const;
    for (const [bytes, contentType, sampleRate, codec] of cases) {
      const created = await upload(account.accessToken, bytes);
      expect(created.statusCode).toBe(201);
      const file = created.json();
      expect(file).toMatchObject({ contentType, sampleRate, codec, ...noImage });
      // "Hello from Yorozu." is about 1.6 s in every encoding (encoders pad a few frames).
      expect(file.durationMs).toBeGreaterThan(1500);
      expect(file.durationMs).toBeLessThan(1700);
      expect(file.channels).toBeGreaterThanOrEqual(1);
      const served = await as(app, account.accessToken, { method: 'GET', url: `/v1/files/${file.id}` });
      expect(served.headers['content-type']).toBe(contentType);
      expect(served.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('refuses corrupt or cut files with a 400 that says why', async () => {
    const account = await signUp(app);
    const whole = wav(1);
    const garbage = Buffer.concat([whole.subarray(0, 12), Buffer.alloc(200, 0x41)]);
    const cases = [
      [garbage, 'it is not a readable WAV audio file'],
      [whole.subarray(0, 40), 'its WAV header does not give its duration, sample rate and channels'],
      [
        Buffer.concat([fixtures.ogg.subarray(0, 5), Buffer.alloc(300, 7)]),
        'it is not a readable Ogg audio file',
      ],
      [fixtures.ogg.subarray(0, 200), 'its Ogg header does not give its duration, sample rate and channels'],
      [Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64)]), 'it is not a readable MP3 audio file'],
      [fixtures.m4a.subarray(0, 600), 'it is not a readable M4A audio file'],
      [fixtures.webm.subarray(0, 300), 'it is not a readable WebM audio file'],
      [
        Buffer.from('GIF89a....'),
        expect.stringMatching(/^it is not an image \(PNG, JPEG, WebP, SVG\), audio/),
      ],
    ] as const;
    for (const [bytes, message] of cases) {
      const refused = expectProblem(
        await upload(account.accessToken, bytes, 'audio/wav'),
        400,
        'validation_failed',
      );
      expect(refused.errors).toEqual([{ path: '/body', message }]);
    }
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/files' });
    expect(list.json().data).toEqual([]);
  });
});

describe('video uploads', () => {
  it('stores MP4 and WebM video with its duration, size and codec, played inline', async () => {
    const account = await signUp(app);
    const cases = [
      [mp4(), 'video/mp4', { durationMs: 1500, width: 320, height: 240, codec: 'avc1' }, 'mp4'],
      // Past 256 KiB the upload is spooled to disk: its boxes are read from the file, `mdat` skipped.
      [mp4({ mediaBytes: 600 * 1024 }), 'video/mp4', { durationMs: 1500, width: 320, height: 240 }, 'mp4'],
      // 0.5 s of 8 × 8 VP8 with an Opus track (test/fixtures/README.md): video, whatever it also carries.
      [fixtures.film, 'video/webm', { width: 8, height: 8, codec: 'VP8' }, 'webm'],
    ] as const;
    for (const [bytes, contentType, metadata, extension] of cases) {
      const created = await upload(account.accessToken, bytes, 'audio/mp4');
      expect(created.statusCode, created.body).toBe(201);
      const file = created.json();
      expect(file).toMatchObject({
        contentType,
        size: bytes.length,
        sampleRate: null,
        channels: null,
        ...metadata,
      });
      expect(file.durationMs).toBeGreaterThan(400);
      const served = await as(app, account.accessToken, { method: 'GET', url: `/v1/files/${file.id}` });
      expect(served.headers['content-type']).toBe(contentType);
      expect(served.headers['content-disposition']).toBe(`inline; filename=${file.id}.${extension}`);
      expect(served.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('takes an MP4 without a video track as audio, and refuses unreadable video with a 400', async () => {
    const account = await signUp(app);
    const whole = mp4();
    const cases = [
      // The track list after 8 KiB of media data: the first 4 KiB show no video, and the audio check finds it.
      [
        mp4({ moovLast: true, mediaBytes: 8192 }),
        'its video track is not listed at its start; a video is taken when its track list comes first (in an MP4, moov before mdat)',
      ],
      // Cut inside the track list.
      [
        whole.subarray(0, whole.length - 120),
        'it is not a readable MP4 video (its duration, size and codec)',
      ],
      // A movie header of no duration.
      [
        Buffer.from(whole.toString('latin1').replace('\x00\x00\x05\xdc', '\x00\x00\x00\x00'), 'latin1'),
        'it is not a readable MP4 video (its duration, size and codec)',
      ],
      [fixtures.film.subarray(0, 320), 'it is not a readable WebM video (its duration, size and codec)'],
    ] as const;
    for (const [bytes, message] of cases) {
      const refused = expectProblem(await upload(account.accessToken, bytes), 400, 'validation_failed');
      expect(refused.errors).toEqual([{ path: '/body', message }]);
    }
    // A sound track only: audio, which the audio check reads (and refuses, having no real samples).
    const sound = expectProblem(
      await upload(account.accessToken, mp4({ handler: 'soun' })),
      400,
      'validation_failed',
    );
    expect(sound.errors[0].message).toMatch(/M4A/);
  });

  it('holds video to VIDEO_MAX_BYTES', async () => {
    const account = await signUp(tight.app);
    const refused = expectProblem(
      await upload(account.accessToken, fixtures.film, 'video/webm', tight.app),
      413,
      'payload_too_large',
    );
    expect(refused.detail).toBe('The file is video/webm, whose limit is 2048 bytes.');
  });
});

describe('PDF and ZIP uploads', () => {
  it('sniffs a PDF and a ZIP from their bytes, whatever the Content-Type says', async () => {
    const account = await signUp(app);
    const document = pdf();
    const archive = zip({ 'readme.txt': 'A digital product.', 'art/cover.svg': samples.svg.toString() });
    for (const [bytes, sentAs, contentType] of [
      [document, 'image/png', 'application/pdf'],
      [archive, 'application/pdf', 'application/zip'],
      [zip({}), 'application/zip', 'application/zip'],
      // The other way round: a PNG sent as a PDF is the PNG it is.
      [samples.png, 'application/pdf', 'image/png'],
    ] as const) {
      const created = await upload(account.accessToken, bytes, sentAs);
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        contentType,
        size: bytes.length,
        ...(contentType.startsWith('image/') ? {} : noImage),
        ...noAudio,
      });
    }
  });

  it('refuses a PDF or ZIP cut short', async () => {
    const account = await signUp(app);
    const document = pdf();
    const archive = zip({ 'a.txt': 'x'.repeat(100) });
    const cases = [
      [document.subarray(0, document.length - 20), 'it is not a complete PDF (no %%EOF marker at its end)'],
      [Buffer.from('%PDF-9.1\n%%EOF'), 'its PDF header is not `%PDF-1.x` or `%PDF-2.x`'],
      [
        archive.subarray(0, archive.length - 30),
        'it is not a complete ZIP archive (no end of central directory record)',
      ],
      [
        Buffer.concat([archive.subarray(0, 30), archive.subarray(archive.length - 22)]),
        'its ZIP central directory lies outside the file',
      ],
    ] as const;
    for (const [bytes, message] of cases) {
      const refused = expectProblem(await upload(account.accessToken, bytes), 400, 'validation_failed');
      expect(refused.errors).toEqual([{ path: '/body', message }]);
    }
  });
});

describe('size limits per kind', () => {
  it('answers 413 past the limit of the kind the bytes are, not the largest one', async () => {
    const account = await signUp(tight.app);
    const refused = expectProblem(
      await upload(account.accessToken, wav(0.5), 'audio/wav', tight.app),
      413,
      'payload_too_large',
    );
    expect(refused.detail).toBe('The file is audio/wav, whose limit is 4096 bytes.');
    const bigZip = zip({ 'a.txt': 'x'.repeat(3000) });
    expectProblem(
      await upload(account.accessToken, bigZip, 'application/zip', tight.app),
      413,
      'payload_too_large',
    );
    // Images keep FILE_MAX_BYTES (10 MiB by default), above the others here.
    const image = Buffer.concat([samples.png, Buffer.alloc(5000)]);
    expect((await upload(account.accessToken, image, 'image/png', tight.app)).statusCode).toBe(201);
    expect((await upload(account.accessToken, fixtures.ogg, 'audio/ogg', tight.app)).statusCode).toBe(201);
    expect((await upload(account.accessToken, pdf(), 'application/pdf', tight.app)).statusCode).toBe(201);
  });
});
