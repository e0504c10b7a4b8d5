/** Eldonia-Nex through the SDK against the real service: publish, search anonymously in Japanese, like. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/index';
import { anonymous, onePixelPng, signUp } from './accounts';

describe('nex', () => {
  it('publishes an artwork, finds it anonymously by a Japanese word, and counts a like', async () => {
    const yuki = await signUp('nex-creator');
    const fan = await signUp('nex-fan');
    const username = `sdk_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    expect(await yuki.client.nex.creators.create({ username, birthDate: '2001-05-05' })).toMatchObject({
      username,
      level: 1,
    });
    const file = await yuki.client.files.create({ body: onePixelPng() });
    const draft = await yuki.client.nex.artworks.create({
      title: '夕焼けの海',
      category: 'landscape',
      fileId: file.id,
      tags: ['夕焼け'],
    });
    await expect(anonymous().nex.artworks.get({ id: draft.id })).rejects.toBeInstanceOf(NotFoundError);
    await yuki.client.nex.artworks.publish({ id: draft.id });

    const found = await anonymous().nex.artworks.list({ q: '海', creator: username });
    expect(found.data.map((a) => a.id)).toEqual([draft.id]);
    const like = await fan.client.nex.artworks.like({ id: draft.id });
    expect(like.artworkOwnerId).not.toBe(like.accountId);
    expect((await anonymous().nex.artworks.get({ id: draft.id })).likeCount).toBe(1);
    await expect(yuki.client.nex.artworks.like({ id: draft.id })).rejects.toBeInstanceOf(ConflictError);
  });
});
