import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { checkVisibility } from '../../../test/visibility.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { isAtLeast } from './creators.ts';
import { draftArtwork, joinedCreator, newUsername, publishedArtwork, uploadImage } from './testing.ts';

const { app, pool } = await testApp();

/** The published artwork of each owner in the visibility check. */
const published = new Map<string, string>();
const artwork = (id: string) => ({ method: 'GET' as const, url: `/v1/nex/artworks/${id}` });

describe('nex creators', () => {
  it('join with a username unique ignoring case, 13 or older, with validated skills and links', async () => {
    const ada = await signUp(app);
    const username = newUsername();
    const join = (account = ada, payload: Record<string, unknown> = {}) =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/nex/creators',
        payload: { username, birthDate: '2000-02-29', ...payload },
      });
    const twelve = new Date();
    const birth = `${twelve.getUTCFullYear() - 12}-01-01`;
    expectProblem(await join(ada, { birthDate: birth }), 400, 'validation_failed');
    expectProblem(await join(ada, { skills: [{ name: 'x', level: 'god' }] }), 400, 'validation_failed');
    expectProblem(
      await join(ada, { socialLinks: [{ network: 'x', url: 'javascript:alert(1)' }] }),
      400,
      'validation_failed',
    );
    const joined = await join(ada, {
      userType: 'creator',
      skills: [{ name: '水彩', level: 'advanced' }],
      socialLinks: [{ network: 'pixiv', url: 'https://www.pixiv.net/users/1' }],
    });
    expect(joined.statusCode).toBe(201);
    expect(joined.json()).toMatchObject({
      username,
      userType: 'creator',
      level: 1,
      totalExp: 0,
      fanCount: 0,
    });
    expectProblem(await join(ada, { username: newUsername() }), 409, 'conflict');
    expectProblem(await join(await signUp(app), { username: username.toUpperCase() }), 409, 'conflict');

    // Public to anonymous readers, in any case; the birth date is never shown.
    const read = await app.inject({ method: 'GET', url: `/v1/nex/creators/${username.toUpperCase()}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('birthDate');

    // Only the owner edits it; the counters and EXP are not the owner's to write either.
    const bob = await joinedCreator(app);
    expectProblem(
      await as(app, bob.accessToken, {
        method: 'PATCH',
        url: `/v1/nex/creators/${username}`,
        payload: { userType: 'fan' },
      }),
      404,
      'not_found',
    );
    const edited = await as(app, bob.accessToken, {
      method: 'PATCH',
      url: `/v1/nex/creators/${bob.username}`,
      payload: { userType: 'fan', skills: [{ name: 'ドット絵', level: 'beginner' }] },
    });
    expect(edited.json()).toMatchObject({ username: bob.username, userType: 'fan' });
    await expect(
      withAccount(pool, ada.id, (tx) =>
        tx.query(sql.unsafe`UPDATE nex.creators SET total_exp = 99999 WHERE account_id = ${ada.id}`),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('counts the 13th birthday from the day itself, 29 February from 1 March', () => {
    expect(isAtLeast('2010-06-15', 13, new Date('2023-06-15T00:00:00Z'))).toBe(true);
    expect(isAtLeast('2010-06-15', 13, new Date('2023-06-14T23:59:59Z'))).toBe(false);
    expect(isAtLeast('2008-02-29', 13, new Date('2021-02-28T12:00:00Z'))).toBe(false);
    expect(isAtLeast('2008-02-29', 13, new Date('2021-03-01T00:00:00Z'))).toBe(true);
  });

  it('renames to a username free ignoring case; the old name is released at once', async () => {
    const [yuki, hana] = [await joinedCreator(app), await joinedCreator(app)];
    const rename = (who: typeof yuki, from: string, to: string) =>
      as(app, who.accessToken, {
        method: 'PATCH',
        url: `/v1/nex/creators/${from}`,
        payload: { newUsername: to },
      });
    expectProblem(await rename(yuki, yuki.username, hana.username.toUpperCase()), 409, 'conflict');
    expectProblem(await rename(hana, yuki.username, newUsername()), 404, 'not_found');
    const fresh = newUsername();
    const renamed = await rename(yuki, yuki.username, fresh.toUpperCase());
    expect(renamed.json()).toMatchObject({ username: fresh.toUpperCase() });
    expect((await app.inject({ method: 'GET', url: `/v1/nex/creators/${fresh}` })).statusCode).toBe(200);
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/nex/creators/${yuki.username}` }),
      404,
      'not_found',
    );
    // Released: another creator may take the old name.
    expect((await rename(hana, hana.username, yuki.username)).json()).toMatchObject({
      username: yuki.username,
    });
    // A change of case only is the same name.
    expect((await rename(yuki, fresh, fresh)).statusCode).toBe(200);
  });
});

describe('nex artworks', () => {
  it('pass the visibility checks: published to all, drafts like missing, written only by the owner', async () => {
    await checkVisibility(app, pool, {
      publish: async (owner) => {
        const creator = await joinAs(owner);
        const row = await publishedArtwork(app, creator, { title: '公開作品' });
        published.set(owner.id, row.id);
        return { read: artwork(row.id), key: row.id };
      },
      draft: async (owner) => {
        const row = await draftArtwork(app, await joinAs(owner));
        return { read: artwork(row.id), key: row.id };
      },
      missing: artwork('00000000-0000-4000-8000-000000000000'),
      ownerView: (owner) => artwork(published.get(owner.id) ?? ''),
      attacks: (row) => [
        { method: 'PATCH', url: row.read.url as string, payload: { title: 'taken over' } },
        { method: 'DELETE', url: row.read.url as string },
        { method: 'POST', url: `${row.read.url}/archive` },
        { method: 'POST', url: `${row.read.url}/publish` },
      ],
      table: {
        name: ['nex', 'artworks'],
        key: 'id',
        writable: 'title',
        publish: sql.fragment`status = 'published', published_at = now()`,
      },
      interaction: {
        create: async (actor, row) => {
          const response = await as(app, actor.accessToken, { method: 'PUT', url: `${row.read.url}/like` });
          expect(response.statusCode, response.body).toBe(200);
          return response.json().id;
        },
        list: async (viewer) => {
          const ids: string[] = [];
          for (const direction of ['given', 'received']) {
            const page = await as(app, viewer.accessToken, {
              method: 'GET',
              url: `/v1/nex/likes?direction=${direction}`,
            });
            expect(page.statusCode).toBe(200);
            ids.push(...page.json().data.map((like: { id: string }) => like.id));
          }
          return ids;
        },
      },
    });
  });
});

describe('nex reads with optional credentials', () => {
  it("need nex:read from a key that is sent, since they show the account's drafts", async () => {
    const owner = await joinedCreator(app);
    const draft = await draftArtwork(app, owner);
    const stickersOnly = (
      await as(app, owner.accessToken, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'stickers only', scopes: ['stickers:write'] },
      })
    ).json();
    const reader = (
      await as(app, owner.accessToken, {
        method: 'POST',
        url: '/v1/api-keys',
        payload: { name: 'nex reader', scopes: ['nex:read'] },
      })
    ).json();
    expectProblem(await as(app, stickersOnly.secret, artwork(draft.id)), 403, 'forbidden');
    expect((await as(app, reader.secret, artwork(draft.id))).statusCode).toBe(200);
    expectProblem(await app.inject(artwork(draft.id)), 404, 'not_found');
  });
});

describe('nex artwork lifecycle', () => {
  it('creates drafts with free ⇔ price 0, edits them, publishes once, archives and deletes', async () => {
    const yuki = await joinedCreator(app);
    const fileId = await uploadImage(app, yuki);
    const create = (payload: Record<string, unknown>) =>
      as(app, yuki.accessToken, {
        method: 'POST',
        url: '/v1/nex/artworks',
        payload: { title: '夕焼けの海', category: 'landscape', fileId, ...payload },
      });
    expectProblem(await create({ priceAmount: 0, isFree: false }), 400, 'validation_failed');
    expectProblem(await create({ priceAmount: 500, isFree: true }), 400, 'validation_failed');
    expectProblem(await create({ category: 'no-such-category' }), 400, 'validation_failed');
    expectProblem(
      await create({ fileId: await uploadImage(app, await signUp(app)) }),
      400,
      'validation_failed',
    );
    expectProblem(await create({ priceAmount: 1.5 }), 400, 'validation_failed');
    // An account that has not joined nex cannot create artworks.
    const stranger = await signUp(app);
    expectProblem(
      await as(app, stranger.accessToken, {
        method: 'POST',
        url: '/v1/nex/artworks',
        payload: { title: 'x', category: 'landscape', fileId: await uploadImage(app, stranger) },
      }),
      409,
      'conflict',
    );

    const created = await create({
      priceAmount: 800,
      currency: 'JPY',
      tags: ['Sunset', 'ｓｕｎｓｅｔ', '海'],
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({
      creatorUsername: yuki.username,
      status: 'draft',
      priceAmount: 800,
      isFree: false,
      tags: ['sunset', '海'],
      publishedAt: null,
      likeCount: 0,
    });
    // The database holds the rule too, whatever the service sends.
    await expect(
      withAccount(pool, yuki.id, (tx) =>
        tx.query(sql.unsafe`UPDATE nex.artworks SET price_amount = 0 WHERE id = ${draft.id}`),
      ),
    ).rejects.toThrow(/check integrity constraint/);

    const patch = (payload: Record<string, unknown>) =>
      as(app, yuki.accessToken, { method: 'PATCH', url: `/v1/nex/artworks/${draft.id}`, payload });
    expect((await patch({ priceAmount: 0, tags: ['海'] })).json()).toMatchObject({
      priceAmount: 0,
      isFree: true,
      tags: ['海'],
    });
    expectProblem(await patch({ isFree: false }), 400, 'validation_failed');
    expectProblem(await patch({}), 400, 'validation_failed');

    expectProblem(
      await as(app, yuki.accessToken, { method: 'POST', url: `/v1/nex/artworks/${draft.id}/archive` }),
      409,
      'conflict',
    );
    const published = await as(app, yuki.accessToken, {
      method: 'POST',
      url: `/v1/nex/artworks/${draft.id}/publish`,
    });
    expect(published.json()).toMatchObject({ status: 'published' });
    const again = await as(app, yuki.accessToken, {
      method: 'POST',
      url: `/v1/nex/artworks/${draft.id}/publish`,
    });
    expect(again.json().publishedAt).toBe(published.json().publishedAt);
    expect((await app.inject(artwork(draft.id))).statusCode).toBe(200);

    const archived = await as(app, yuki.accessToken, {
      method: 'POST',
      url: `/v1/nex/artworks/${draft.id}/archive`,
    });
    expect(archived.json()).toMatchObject({ status: 'archived' });
    expectProblem(await app.inject(artwork(draft.id)), 404, 'not_found');

    // Deleting the media leaves the artwork without it, and then it cannot be published.
    const deleted = await as(app, yuki.accessToken, { method: 'DELETE', url: `/v1/files/${fileId}` });
    expect(deleted.statusCode).toBe(204);
    expect((await as(app, yuki.accessToken, artwork(draft.id))).json().fileId).toBeNull();
    expectProblem(
      await as(app, yuki.accessToken, { method: 'POST', url: `/v1/nex/artworks/${draft.id}/publish` }),
      409,
      'conflict',
    );
    expect(
      (await as(app, yuki.accessToken, { method: 'DELETE', url: `/v1/nex/artworks/${draft.id}` })).statusCode,
    ).toBe(204);
    expectProblem(await as(app, yuki.accessToken, artwork(draft.id)), 404, 'not_found');
  });
});

describe('nex likes', () => {
  it('are idempotent, exact under 50 concurrent likes, never on drafts nor one’s own artwork', async () => {
    const yuki = await joinedCreator(app);
    const piece = await publishedArtwork(app, yuki, { title: 'いいね集め' });
    const fans = await Promise.all(Array.from({ length: 50 }, () => signUp(app)));
    const like = (token: string, id = piece.id) =>
      as(app, token, { method: 'PUT', url: `/v1/nex/artworks/${id}/like` });
    // 50 accounts at once, each twice: 50 likes, counted exactly.
    const responses = await Promise.all(
      fans.flatMap((fan) => [like(fan.accessToken), like(fan.accessToken)]),
    );
    expect(responses.map((r) => r.statusCode).every((status) => status === 200)).toBe(true);
    expect((await app.inject(artwork(piece.id))).json().likeCount).toBe(50);
    const [first, second] = [fans[0], fans[1]];
    if (!first || !second) throw new Error('no fans');
    expect((await like(first.accessToken)).json().id).toBe(responses[0]?.json().id);

    // Unlike is idempotent too, and the count follows.
    for (let i = 0; i < 2; i++) {
      const response = await as(app, first.accessToken, {
        method: 'DELETE',
        url: `/v1/nex/artworks/${piece.id}/like`,
      });
      expect(response.statusCode).toBe(204);
    }
    expect((await app.inject(artwork(piece.id))).json().likeCount).toBe(49);

    expectProblem(await like(yuki.accessToken), 409, 'conflict');
    const draft = await draftArtwork(app, yuki);
    expectProblem(await like(second.accessToken, draft.id), 404, 'not_found');
    expectProblem(await like(yuki.accessToken, draft.id), 409, 'conflict');
    // By SQL as the service role: no like in someone else's name, none on a draft, no counter writes.
    await expect(
      withAccount(pool, second.id, (tx) =>
        tx.query(sql.unsafe`
          INSERT INTO nex.likes (account_id, artwork_id, artwork_owner_id) VALUES (${second.id}, ${draft.id}, ${yuki.id})
        `),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withAccount(pool, yuki.id, (tx) =>
        tx.query(sql.unsafe`UPDATE nex.artworks SET like_count = 1000 WHERE id = ${piece.id}`),
      ),
    ).rejects.toThrow(/permission denied/);
    const received = await as(app, yuki.accessToken, {
      method: 'GET',
      url: '/v1/nex/likes?direction=received&limit=100',
    });
    expect(received.json().data).toHaveLength(49);
  });
});

async function joinAs(owner: { accessToken: string }) {
  const username = newUsername();
  const response = await as(app, owner.accessToken, {
    method: 'POST',
    url: '/v1/nex/creators',
    payload: { username, birthDate: '1990-01-01' },
  });
  expect(response.statusCode).toBe(201);
  return { ...(owner as Awaited<ReturnType<typeof signUp>>), username };
}
