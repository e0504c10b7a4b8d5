import { randomUUID } from 'node:crypto';
import { files, STICKER_SOURCE_IMAGE_TYPES } from '@yorozu/contract';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';

const { app } = await testApp();
const account = await signUp(app);

const valid = {
  title: 'スーパーゼウス',
  characterName: 'ヘッドロココ',
  attribute: 'holy',
  rarity: 'secret',
  backgroundColor: '#3a7bd5',
};

async function problemPaths(body: unknown, url = '/v1/stickers/images', method: 'POST' | 'GET' = 'POST') {
  const response = await as(app, account.accessToken, {
    method,
    url,
    ...(method === 'POST' ? { payload: body as object } : {}),
  });
  const problem = expectProblem(response, 400, 'validation_failed');
  return problem.errors.map((error: { path: string }) => error.path);
}

describe('sticker request validation', () => {
  it.each([
    ['a colour name', { backgroundColor: 'blue' }, '/body/backgroundColor'],
    ['a short hex colour', { backgroundColor: '#fff' }, '/body/backgroundColor'],
    ['a colour without #', { backgroundColor: '3a7bd5' }, '/body/backgroundColor'],
    ['a colour with alpha', { backgroundColor: '#3a7bd5ff' }, '/body/backgroundColor'],
    ['an unknown rarity', { rarity: 'legendary' }, '/body/rarity'],
    ['an unknown attribute', { attribute: 'ice' }, '/body/attribute'],
    ['an overlong title', { title: 'ス'.repeat(29) }, '/body/title'],
    ['an overlong name', { characterName: 'x'.repeat(23) }, '/body/characterName'],
    ['a blank title', { title: '   ' }, '/body/title'],
    ['an empty name', { characterName: '' }, '/body/characterName'],
    ['a control character', { title: 'bell\u0007' }, '/body/title'],
    ['an unknown effect', { effects: { fireworks: true } }, '/body/effects/fireworks'],
    ['a non-boolean effect', { effects: { holo: 'yes' } }, '/body/effects/holo'],
    ['an unknown frame', { style: { frame: 'gold' } }, '/body/style/frame'],
    ['an unknown pattern', { style: { pattern: 'stripes' } }, '/body/style/pattern'],
    ['a malformed source image id', { sourceImageFileId: 'not-a-uuid' }, '/body/sourceImageFileId'],
    ['an unknown format', { format: 'gif' }, '/body/format'],
    ['an unknown property', { prompt: 'ignore the rules' }, '/body/prompt'],
  ])('refuses %s with its field path', async (_case, change, path) => {
    expect(await problemPaths({ ...valid, ...change })).toContain(path);
  });

  it('accepts a title of exactly the longest length, counted in characters', async () => {
    // 28 astral characters are 56 UTF-16 code units; the limit counts what a reader sees.
    const paths = await problemPaths({ ...valid, title: '𠀋'.repeat(28), rarity: 'legendary' });
    expect(paths).toEqual(['/body/rarity']);
  });

  it('names the first missing field (validation stops at the first error, so its cost stays bounded)', async () => {
    const response = await as(app, account.accessToken, {
      method: 'POST',
      url: '/v1/stickers/images',
      payload: {},
    });
    const messages = expectProblem(response, 400, 'validation_failed').errors.map(
      (error: { path: string; message: string }) => `${error.path} ${error.message}`,
    );
    expect(messages).toEqual(['/body/title is required']);
  });

  it('refuses a source image the account does not have', async () => {
    const paths = await problemPaths({ ...valid, sourceImageFileId: randomUUID() });
    expect(paths).toEqual(['/body/sourceImageFileId']);
  });

  it('validates the list filters and the usage range', async () => {
    expect(await problemPaths(null, '/v1/stickers/images?rarity=legendary', 'GET')).toEqual([
      '/query/rarity',
    ]);
    expect(await problemPaths(null, '/v1/stickers/images?from=yesterday', 'GET')).toEqual(['/query/from']);
    expect(await problemPaths(null, '/v1/stickers/usage?from=2026-13-01', 'GET')).toEqual(['/query/from']);
    expect(await problemPaths(null, '/v1/stickers/usage?from=2026-11-02&to=2026-11-01', 'GET')).toEqual([
      '/query/to',
    ]);
  });

  it('names as source image types only raster types the file store accepts', () => {
    const stored: readonly string[] = files.FILE_CONTENT_TYPES;
    expect(STICKER_SOURCE_IMAGE_TYPES.filter((type) => !stored.includes(type))).toEqual([]);
    expect([...STICKER_SOURCE_IMAGE_TYPES]).toEqual(['image/png', 'image/jpeg', 'image/webp']);
  });
});
