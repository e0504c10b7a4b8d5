import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { draftArtwork, joinedCreator, publishedArtwork } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const creatorOf = (username: string) => ({ method: 'GET' as const, url: `/v1/nex/creators/${username}` });

describe('nex fans', () => {
  it('count exactly under 50 concurrent fans, are idempotent, public in keyset lists, never oneself', async () => {
    const yuki = await joinedCreator(app);
    const fans = await Promise.all(Array.from({ length: 50 }, () => joinedCreator(app)));
    const fan = (token: string, method: 'PUT' | 'DELETE' = 'PUT') =>
      as(app, token, { method, url: `/v1/nex/creators/${yuki.username}/fan` });
    const responses = await Promise.all(fans.flatMap((f) => [fan(f.accessToken), fan(f.accessToken)]));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect((await app.inject(creatorOf(yuki.username))).json().fanCount).toBe(50);
    const [first] = fans;
    if (!first) throw new Error('no fans');
    expect((await app.inject(creatorOf(first.username))).json().followingCount).toBe(1);
    expect(responses[0]?.json()).toMatchObject({
      fanUsername: first.username,
      creatorUsername: yuki.username,
    });

    // Anonymous readers page through all 50, newest first, without repeats.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: LightMyRequestResponse = await app.inject({
        method: 'GET',
        url: `/v1/nex/creators/${yuki.username}/fans?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(response.statusCode).toBe(200);
      seen.push(...response.json().data.map((f: { fanUsername: string }) => f.fanUsername));
      cursor = response.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(50);
    const following = await app.inject({
      method: 'GET',
      url: `/v1/nex/creators/${first.username}/following`,
    });
    expect(following.json().data.map((f: { creatorUsername: string }) => f.creatorUsername)).toEqual([
      yuki.username,
    ]);

    expect((await fan(first.accessToken, 'DELETE')).statusCode).toBe(204);
    expect((await fan(first.accessToken, 'DELETE')).statusCode).toBe(204);
    expect((await app.inject(creatorOf(yuki.username))).json().fanCount).toBe(49);
    expectProblem(await fan(yuki.accessToken), 409, 'conflict');
    expectProblem(
      await as(app, yuki.accessToken, { method: 'PUT', url: '/v1/nex/creators/nobody_here_1/fan' }),
      404,
      'not_found',
    );
    // A fan relation in someone else's name is refused by RLS.
    await expect(
      withAccount(pool, yuki.id, (tx) =>
        tx.query(sql.unsafe`INSERT INTO nex.fans (account_id, creator_id) VALUES (${first.id}, ${yuki.id})`),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('nex comments', () => {
  it('thread with ratings on top-level comments, count exactly under concurrency, and keep the thread when deleted', async () => {
    const yuki = await joinedCreator(app);
    const piece = await publishedArtwork(app, yuki, { title: 'コメント欄' });
    const hana = await joinedCreator(app);
    const post = (token: string, payload: Record<string, unknown>, id = piece.id) =>
      as(app, token, { method: 'POST', url: `/v1/nex/artworks/${id}/comments`, payload });
    const top = await post(hana.accessToken, { content: '色がとても綺麗です！', rating: 5 });
    expect(top.statusCode).toBe(201);
    expect(top.json()).toMatchObject({
      state: 'visible',
      rating: 5,
      authorUsername: hana.username,
      parentId: null,
    });
    const topId = top.json().id;

    expectProblem(await post(hana.accessToken, { content: 'x', rating: 6 }), 400, 'validation_failed');
    expectProblem(await post(hana.accessToken, { content: '   ' }), 400, 'validation_failed');
    expectProblem(
      await post(hana.accessToken, { content: 'reply', parentId: topId, rating: 3 }),
      400,
      'validation_failed',
    );
    const other = await publishedArtwork(app, yuki, { title: '別作品' });
    expectProblem(
      await post(hana.accessToken, { content: 'wrong thread', parentId: topId }, other.id),
      400,
      'validation_failed',
    );
    const draft = await draftArtwork(app, yuki);
    expectProblem(await post(hana.accessToken, { content: 'draft?' }, draft.id), 404, 'not_found');

    // 20 replies at once from different accounts: counted exactly.
    const repliers = await Promise.all(Array.from({ length: 20 }, () => signUp(app)));
    const replies = await Promise.all(
      repliers.map((r, i) => post(r.accessToken, { content: `返信 ${i}`, parentId: topId })),
    );
    expect(replies.every((r) => r.statusCode === 201)).toBe(true);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/nex/artworks/${piece.id}` })).json().commentCount,
    ).toBe(21);

    // Deleting the top comment keeps it as a placeholder with its replies.
    expect(
      (await as(app, hana.accessToken, { method: 'DELETE', url: `/v1/nex/comments/${topId}` })).statusCode,
    ).toBe(204);
    expect(
      (await as(app, hana.accessToken, { method: 'DELETE', url: `/v1/nex/comments/${topId}` })).statusCode,
    ).toBe(204);
    const thread = await app.inject({ method: 'GET', url: `/v1/nex/artworks/${piece.id}/comments` });
    expect(thread.json().data).toEqual([
      expect.objectContaining({ id: topId, state: 'deleted', content: null, rating: null, replyCount: 20 }),
    ]);
    const repliesPage = await app.inject({
      method: 'GET',
      url: `/v1/nex/artworks/${piece.id}/comments?parentId=${topId}&limit=100`,
    });
    expect(repliesPage.json().data).toHaveLength(20);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/nex/artworks/${piece.id}` })).json().commentCount,
    ).toBe(20);
    expectProblem(
      await post(hana.accessToken, { content: 'to a deleted one', parentId: topId }),
      409,
      'conflict',
    );
  });

  it('are edited by their author within 15 minutes, hidden by the artwork owner, and touched by nobody else', async () => {
    const yuki = await joinedCreator(app);
    const piece = await publishedArtwork(app, yuki, { title: '編集' });
    const hana = await joinedCreator(app);
    const mallory = await joinedCreator(app);
    const created = await as(app, hana.accessToken, {
      method: 'POST',
      url: `/v1/nex/artworks/${piece.id}/comments`,
      payload: { content: '最初の感想', rating: 3 },
    });
    const id = created.json().id;
    const url = `/v1/nex/comments/${id}`;
    const edited = await as(app, hana.accessToken, {
      method: 'PATCH',
      url,
      payload: { content: '修正した感想', rating: 4 },
    });
    expect(edited.json()).toMatchObject({ content: '修正した感想', rating: 4, isEdited: true });

    // Another account (even the artwork's owner) cannot edit or delete it, by API or by SQL.
    for (const account of [mallory, yuki]) {
      expectProblem(
        await as(app, account.accessToken, { method: 'PATCH', url, payload: { content: 'x' } }),
        404,
        'not_found',
      );
      expectProblem(await as(app, account.accessToken, { method: 'DELETE', url }), 404, 'not_found');
      const update = await withAccount(pool, account.id, (tx) =>
        tx.query(sql.unsafe`UPDATE nex.comments SET content = 'x', deleted_at = now() WHERE id = ${id}`),
      );
      expect(update.rowCount).toBe(0);
    }
    // Only the artwork's owner hides it.
    expectProblem(
      await as(app, mallory.accessToken, { method: 'POST', url: `${url}/hide` }),
      404,
      'not_found',
    );
    await expect(
      withAccount(pool, mallory.id, (tx) =>
        tx.query(
          sql.unsafe`INSERT INTO nex.comment_hides (comment_id, account_id) VALUES (${id}, ${mallory.id})`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const hidden = await as(app, yuki.accessToken, { method: 'POST', url: `${url}/hide` });
    expect(hidden.json()).toMatchObject({ state: 'hidden', content: null });
    expect((await as(app, yuki.accessToken, { method: 'POST', url: `${url}/hide` })).statusCode).toBe(200);
    expectProblem(
      await as(app, hana.accessToken, { method: 'PATCH', url, payload: { content: 'y' } }),
      409,
      'conflict',
    );
    const shown = await as(app, yuki.accessToken, { method: 'POST', url: `${url}/unhide` });
    expect(shown.json()).toMatchObject({ state: 'visible', content: '修正した感想' });

    // After the window, no more edits.
    await admin.query(
      sql.unsafe`UPDATE nex.comments SET created_at = now() - interval '16 minutes' WHERE id = ${id}`,
    );
    expectProblem(
      await as(app, hana.accessToken, { method: 'PATCH', url, payload: { content: 'late' } }),
      409,
      'conflict',
    );
  });
});
