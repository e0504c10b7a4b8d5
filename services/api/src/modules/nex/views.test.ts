import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../test/harness.ts';
import { flushBufferedViews } from './jobs.ts';
import { draftArtwork, joinedCreator, publishedArtwork } from './testing.ts';

const { app, pool } = await testApp();

const view = (id: string) => app.inject({ method: 'POST', url: `/v1/nex/artworks/${id}/views` });
const artwork = async (id: string) =>
  (await app.inject({ method: 'GET', url: `/v1/nex/artworks/${id}` })).json();

describe('nex views, popularity and stats', () => {
  it('buffers views, anonymous ones included, and counts them when the task flushes the buffer', async () => {
    const yuki = await joinedCreator(app);
    const piece = await publishedArtwork(app, yuki);
    const responses = await Promise.all(Array.from({ length: 25 }, () => view(piece.id)));
    expect(responses.every((r) => r.statusCode === 202)).toBe(true);
    // Not one UPDATE per view: the count moves only with the flush.
    expect((await artwork(piece.id)).viewCount).toBe(0);
    const { moved } = await flushBufferedViews(pool);
    expect(moved).toBeGreaterThanOrEqual(25);
    expect((await artwork(piece.id)).viewCount).toBe(25);
    expect((await flushBufferedViews(pool)).moved).toBeGreaterThanOrEqual(0);
    expect((await artwork(piece.id)).viewCount).toBe(25);

    const draft = await draftArtwork(app, yuki);
    expectProblem(await view(draft.id), 404, 'not_found');
  });

  it('orders popular artworks by 0.4·likes + 0.3·views + 0.3·comments and reports creator stats', async () => {
    const yuki = await joinedCreator(app);
    const [liked, viewed, quiet] = [
      await publishedArtwork(app, yuki, { title: 'liked' }),
      await publishedArtwork(app, yuki, { title: 'viewed' }),
      await publishedArtwork(app, yuki, { title: 'quiet' }),
    ];
    const fans = [await joinedCreator(app), await joinedCreator(app), await joinedCreator(app)];
    for (const fan of fans)
      await as(app, fan.accessToken, { method: 'PUT', url: `/v1/nex/artworks/${liked.id}/like` });
    // 3 likes score 12; 3 views score 9.
    for (let i = 0; i < 3; i++) await view(viewed.id);
    await flushBufferedViews(pool);

    const order: string[] = [];
    let cursor: string | null = null;
    do {
      const page: LightMyRequestResponse = await app.inject({
        method: 'GET',
        url: `/v1/nex/artworks/popular?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(page.statusCode).toBe(200);
      order.push(...page.json().data.map((a: { id: string }) => a.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    const mine = order.filter((id) => [liked.id, viewed.id, quiet.id].includes(id));
    expect(mine).toEqual([liked.id, viewed.id, quiet.id]);
    expect(new Set(order).size).toBe(order.length);

    const stats = await app.inject({ method: 'GET', url: `/v1/nex/creators/${yuki.username}/stats` });
    expect(stats.json()).toEqual({
      username: yuki.username,
      totalExp: 300 + 30,
      level: 2,
      artworkCount: 3,
      fanCount: 0,
      totalLikesReceived: 3,
      totalViews: 3,
    });
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/nex/creators/nobody_here_2/stats' }),
      404,
      'not_found',
    );
  });
});
