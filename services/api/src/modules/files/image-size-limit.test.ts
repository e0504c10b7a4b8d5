/**
 * Decompression bombs: a few dozen bytes of PNG can declare 16000×16000
 * pixels, a gigabyte once decoded. Uploads are refused by the size their
 * header declares (IMAGE_MAX_PIXELS), and so is a sticker's source image.
 */
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { jpegDeclaring, pngDeclaring, samples } from '../../../test/image-samples.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { requestSticker, secretSticker } from '../stickers/testing.ts';

const { app } = await testApp();
const tight = await testApp({ IMAGE_MAX_PIXELS: '1000' });
// Same database: files it accepts stand for files stored before the limit was lowered.
const generous = await testApp({ IMAGE_MAX_PIXELS: String(16000 * 16000) });

function upload(target: typeof app, token: string, bytes: Buffer) {
  return as(target, token, {
    method: 'POST',
    url: '/v1/files',
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
}

describe('image pixel limit', () => {
  it('refuses an upload whose header declares more pixels than the limit, before decoding it', async () => {
    const account = await signUp(app);
    const bomb = pngDeclaring(16000, 16000);
    expect(bomb.length).toBeLessThan(200);
    expect((await upload(app, account.accessToken, samples.png)).statusCode).toBe(201); // threads started
    const started = performance.now();
    const refused = expectProblem(await upload(app, account.accessToken, bomb), 400, 'validation_failed');
    // Decoding it would allocate a gigabyte and take seconds; reading its header takes microseconds.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused.errors).toEqual([
      { path: '/body', message: 'it is 16000×16000 pixels, over the limit of 25000000 pixels' },
    ]);
    expect(refused.detail).toContain('16000×16000');
    const list = await as(app, account.accessToken, { method: 'GET', url: '/v1/files' });
    expect(list.json().data).toHaveLength(1);
  });

  it('applies IMAGE_MAX_PIXELS to every image type, SVG by its width, height and viewBox', async () => {
    const account = await signUp(tight.app);
    const svg = (attributes: string) =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${attributes}/>`);
    for (const fits of [
      pngDeclaring(40, 25),
      jpegDeclaring(1000, 1),
      svg('viewBox="0 0 40 25"'),
      samples.webp,
    ]) {
      expect((await upload(tight.app, account.accessToken, fits)).statusCode).toBe(201);
    }
    for (const over of [
      pngDeclaring(40, 26),
      jpegDeclaring(1001, 1),
      svg('width="1001" height="1"'),
      svg('viewBox="0 0 100 100"'),
      svg('width="1in" height="1in"'),
      svg(''), // resvg's default size, 100 × 100
    ]) {
      const problem = expectProblem(
        await upload(tight.app, account.accessToken, over),
        400,
        'validation_failed',
      );
      expect(problem.errors[0].message).toMatch(/over the limit of 1000 pixels$/);
    }
  });

  it('refuses a header that gives no size', async () => {
    const account = await signUp(app);
    const problem = expectProblem(
      await upload(app, account.accessToken, jpegDeclaring(0, 0)),
      400,
      'validation_failed',
    );
    expect(problem.errors[0].message).toBe('its JPEG header does not give its size');
  });

  it('refuses a sticker whose source image is over the limit, before a render decodes it', async () => {
    const account = await signUp(app);
    // Access tokens are signed per app; an API key is valid in both.
    const key = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/api-keys',
      payload: { name: 'uploader', scopes: ['files:write'] },
    });
    const stored = await upload(generous.app, key.json().secret, pngDeclaring(16000, 16000));
    expect(stored.statusCode).toBe(201);
    const refused = await requestSticker(app, account, {
      ...secretSticker,
      format: 'png',
      sourceImageFileId: stored.json().id,
    });
    expect(expectProblem(refused, 400, 'validation_failed').errors).toEqual([
      {
        path: '/body/sourceImageFileId',
        message: 'is 16000×16000 pixels, over the limit of 25000000 pixels',
      },
    ]);
    const usage = (await as(app, account.accessToken, { method: 'GET', url: '/v1/usage' })).json();
    const images = usage.data.find((metric: { product: string }) => metric.product === 'stickers');
    expect(images.used).toBe(0);
  });

  it('is validated at boot like every setting', () => {
    expect(loadConfig({}).imageMaxPixels).toBe(25_000_000);
    expect(loadConfig({ IMAGE_MAX_PIXELS: '4000000' }).imageMaxPixels).toBe(4_000_000);
    for (const bad of ['0', '-5', 'many']) {
      expect(() => loadConfig({ IMAGE_MAX_PIXELS: bad })).toThrow(ConfigError);
      try {
        loadConfig({ IMAGE_MAX_PIXELS: bad });
      } catch (error) {
        expect((error as ConfigError).problems[0]).toMatch(/^IMAGE_MAX_PIXELS=/);
      }
    }
  });
});
