import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import encodeWebp, { init as initWebpEncoder } from '@jsquash/webp/encode.js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { as, testApp } from '../../../test/harness.ts';
import { mp4, wav } from '../../../test/media-samples.ts';
import { type Creator, joinedCreator } from './testing.ts';

const { app } = await testApp();

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An RGB PNG of this size, a horizontal gradient. */
function png(width: number, height: number) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([x % 256, 120, 200], 1 + x * 3);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A lossless WebP of this size, left half red and right half blue (libwebp's encoder, through jSquash). */
async function webp(width: number, height: number) {
  const wasm = createRequire(import.meta.url).resolve('@jsquash/webp/codec/enc/webp_enc_simd.wasm');
  await initWebpEncoder({ wasmBinary: await readFile(wasm) });
  const data = new Uint8ClampedArray(width * height * 4);
  for (let at = 0; at < width * height; at++) {
    data.set(at % width < width / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], at * 4);
  }
  const image = { data, width, height, colorSpace: 'srgb' } as ImageData;
  return Buffer.from(await encodeWebp(image, { lossless: 1 }));
}

async function upload(creator: Creator, bytes: Buffer, contentType: string) {
  const response = await as(app, creator.accessToken, {
    method: 'POST',
    url: '/v1/files',
    payload: bytes,
    headers: { 'content-type': contentType },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const anonymousRead = async (fileId: string) =>
  (await app.inject({ method: 'GET', url: `/v1/files/${fileId}` })).statusCode;

describe('nex artwork media', () => {
  it('generates a preview of image media, shared with anyone exactly while the artwork is published', async () => {
    const yuki = await joinedCreator(app);
    const media = await upload(yuki, png(1000, 500), 'image/png');
    const act = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      as(app, yuki.accessToken, { method, url, ...(payload ? { payload } : {}) });
    const created = await act('POST', '/v1/nex/artworks', {
      title: '夕焼けの海',
      category: 'landscape',
      fileId: media,
    });
    expect(created.statusCode, created.body).toBe(201);
    const artwork = created.json();
    const preview = artwork.previewFileId as string;
    expect(preview).toEqual(expect.any(String));

    // The preview is a PNG 640 pixels wide, same aspect ratio.
    const read = await as(app, yuki.accessToken, { method: 'GET', url: `/v1/files/${preview}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toBe('image/png');
    expect([read.rawPayload.readUInt32BE(16), read.rawPayload.readUInt32BE(20)]).toEqual([640, 320]);

    // A draft's media and preview are private; published (free), both are anyone's.
    expect([await anonymousRead(media), await anonymousRead(preview)]).toEqual([404, 404]);
    expect((await act('POST', `/v1/nex/artworks/${artwork.id}/publish`)).statusCode).toBe(200);
    expect([await anonymousRead(media), await anonymousRead(preview)]).toEqual([200, 200]);

    // Priced, the media goes back to private (for buyers) and the preview stays public.
    expect((await act('PATCH', `/v1/nex/artworks/${artwork.id}`, { priceAmount: 500 })).statusCode).toBe(200);
    expect([await anonymousRead(media), await anonymousRead(preview)]).toEqual([404, 200]);

    // Archived: nothing is shared; published again: shared again.
    expect((await act('POST', `/v1/nex/artworks/${artwork.id}/archive`)).statusCode).toBe(200);
    expect([await anonymousRead(media), await anonymousRead(preview)]).toEqual([404, 404]);
    expect((await act('POST', `/v1/nex/artworks/${artwork.id}/publish`)).statusCode).toBe(200);
    expect(await anonymousRead(preview)).toBe(200);

    // New media: a new preview, and the old one is withdrawn.
    const replacement = await upload(yuki, png(300, 600), 'image/png');
    const changed = await act('PATCH', `/v1/nex/artworks/${artwork.id}`, { fileId: replacement });
    const newPreview = changed.json().previewFileId as string;
    expect(newPreview).not.toBe(preview);
    expect([await anonymousRead(preview), await anonymousRead(newPreview)]).toEqual([404, 200]);
    // Narrower than the preview width: not enlarged.
    const small = await as(app, yuki.accessToken, { method: 'GET', url: `/v1/files/${newPreview}` });
    expect([small.rawPayload.readUInt32BE(16), small.rawPayload.readUInt32BE(20)]).toEqual([300, 600]);

    // Deleted: withdrawn.
    expect((await act('DELETE', `/v1/nex/artworks/${artwork.id}`)).statusCode).toBe(204);
    expect([await anonymousRead(replacement), await anonymousRead(newPreview)]).toEqual([404, 404]);
  });

  it('draws the preview of WebP media from its pixels', async () => {
    const kaito = await joinedCreator(app);
    const media = await upload(kaito, await webp(800, 400), 'image/webp');
    const created = await as(app, kaito.accessToken, {
      method: 'POST',
      url: '/v1/nex/artworks',
      payload: { title: '赤と青', category: 'illustration', fileId: media },
    });
    expect(created.statusCode, created.body).toBe(201);
    const preview = created.json().previewFileId as string;
    const read = await as(app, kaito.accessToken, { method: 'GET', url: `/v1/files/${preview}` });
    expect(read.headers['content-type']).toBe('image/png');
    const image = PNG.sync.read(read.rawPayload);
    expect([image.width, image.height]).toEqual([640, 320]);
    // Not blank: red on the left, blue on the right, opaque.
    const pixel = (x: number, y: number) => [
      ...image.data.subarray((y * 640 + x) * 4, (y * 640 + x) * 4 + 4),
    ];
    expect(pixel(100, 160)).toEqual([255, 0, 0, 255]);
    expect(pixel(540, 160)).toEqual([0, 0, 255, 255]);
  });

  it('gives audio and video media no preview, and shares a free published media file', async () => {
    const hana = await joinedCreator(app);
    for (const [bytes, contentType, category] of [
      [wav(1, 8000), 'audio/wav', 'bgm'],
      [mp4(), 'video/mp4', 'video'],
    ] as const) {
      const media = await upload(hana, bytes, contentType);
      const created = await as(app, hana.accessToken, {
        method: 'POST',
        url: '/v1/nex/artworks',
        payload: { title: '波の音', category, fileId: media },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ previewFileId: null, fileId: media });
      await as(app, hana.accessToken, {
        method: 'POST',
        url: `/v1/nex/artworks/${created.json().id}/publish`,
      });
      const read = await app.inject({ method: 'GET', url: `/v1/files/${media}` });
      expect([read.statusCode, read.headers['content-type']]).toEqual([200, contentType]);
    }
  });
});
