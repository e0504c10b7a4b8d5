import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { type Creator, joinedCreator, publishedArtwork } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const creator = async (c: Creator) =>
  (await app.inject({ method: 'GET', url: `/v1/nex/creators/${c.username}` })).json();

async function expLog(c: Creator) {
  const response = await as(app, c.accessToken, { method: 'GET', url: '/v1/nex/exp-log?limit=100' });
  expect(response.statusCode).toBe(200);
  return response.json().data as { actionType: string; expGained: number; referenceId: string | null }[];
}

async function achievements(c: Creator) {
  const response = await as(app, c.accessToken, { method: 'GET', url: '/v1/nex/achievements' });
  expect(response.statusCode).toBe(200);
  return Object.fromEntries(
    response
      .json()
      .data.map((a: { code: string; progress: number; completedAt: string | null }) => [a.code, a]),
  );
}

describe('nex EXP', () => {
  it('credits like_received to the artwork owner, exactly the daily cap under 50 concurrent likes, once per liker', async () => {
    const yuki = await joinedCreator(app);
    const piece = await publishedArtwork(app, yuki, { title: 'EXP集め' });
    // artwork_post: 100 EXP for the first publication.
    expect(await creator(yuki)).toMatchObject({ totalExp: 100, level: 2 });

    const likers = await Promise.all(Array.from({ length: 50 }, () => joinedCreator(app)));
    const like = (c: Creator, method: 'PUT' | 'DELETE' = 'PUT') =>
      as(app, c.accessToken, { method, url: `/v1/nex/artworks/${piece.id}/like` });
    const responses = await Promise.all(likers.map((c) => like(c)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);

    // The cap is 30 a day at 10 EXP: 300, whatever the interleaving; the likers earned nothing.
    expect(await creator(yuki)).toMatchObject({ totalExp: 400, level: 3 });
    const log = (await expLog(yuki)).filter((e) => e.actionType === 'like_received');
    expect(log).toHaveLength(50);
    expect(log.filter((e) => e.expGained === 10)).toHaveLength(30);
    expect(log.every((e) => e.referenceId === piece.id)).toBe(true);
    const [first] = likers;
    if (!first) throw new Error('no likers');
    expect((await creator(first)).totalExp).toBe(0);
    expect(await expLog(first)).toEqual([]);

    // Unliking and liking again earns nothing more.
    await like(first, 'DELETE');
    await like(first);
    expect((await expLog(yuki)).filter((e) => e.actionType === 'like_received')).toHaveLength(50);

    const progress = await achievements(yuki);
    expect(progress.first_artwork).toMatchObject({ progress: 1, completedAt: expect.any(String) });
    expect(progress.ten_artworks).toMatchObject({ progress: 1, completedAt: null });
    expect(progress.hundred_likes).toMatchObject({ progress: 50, completedAt: null });
  });

  it('earns artwork_post once per artwork and comment_post for comments, never through the service role', async () => {
    const yuki = await joinedCreator(app);
    const piece = await publishedArtwork(app, yuki);
    await as(app, yuki.accessToken, { method: 'POST', url: `/v1/nex/artworks/${piece.id}/archive` });
    await as(app, yuki.accessToken, { method: 'POST', url: `/v1/nex/artworks/${piece.id}/publish` });
    expect((await expLog(yuki)).map((e) => [e.actionType, e.expGained])).toEqual([['artwork_post', 100]]);

    const hana = await joinedCreator(app);
    const posted = await as(app, hana.accessToken, {
      method: 'POST',
      url: `/v1/nex/artworks/${piece.id}/comments`,
      payload: { content: 'すてき' },
    });
    expect(posted.statusCode).toBe(201);
    expect(await expLog(hana)).toEqual([
      expect.objectContaining({ actionType: 'comment_post', expGained: 5 }),
    ]);
    // An account that never joined nex comments without earning (it has no EXP to add to).
    const fan = await signUp(app);
    expect(
      (
        await as(app, fan.accessToken, {
          method: 'POST',
          url: `/v1/nex/artworks/${piece.id}/comments`,
          payload: { content: 'fan comment' },
        })
      ).statusCode,
    ).toBe(201);

    for (const statement of [
      sql.unsafe`SELECT nex.award_exp(${hana.id}, 'event_created', 'x', NULL, 'forged')`,
      sql.unsafe`INSERT INTO nex.user_exp_log (account_id, action_type, exp_gained, reference_type, dedupe_key)
                 VALUES (${hana.id}, 'event_created', 1000, 'x', 'forged')`,
      sql.unsafe`UPDATE nex.creators SET level = 99 WHERE account_id = ${hana.id}`,
    ]) {
      await expect(withAccount(pool, hana.id, (tx) => tx.query(statement))).rejects.toThrow(
        /permission denied/,
      );
    }
    expect((await creator(hana)).totalExp).toBe(5);
  });

  it('checks in once a UTC day, grows the streak on consecutive days and completes the 7-day achievement once', async () => {
    const yuki = await joinedCreator(app);
    const checkIn = () => as(app, yuki.accessToken, { method: 'POST', url: '/v1/nex/check-ins' });
    expect((await checkIn()).json()).toEqual({ streak: 1, expGained: 10 });
    expect((await checkIn()).json()).toEqual({ streak: 1, expGained: 0 });
    expect((await creator(yuki)).totalExp).toBe(10);

    // Six consecutive days before today: today's check-in makes seven.
    await admin.query(sql.unsafe`
      UPDATE nex.creators SET login_streak = 6, last_check_in = (now() AT TIME ZONE 'UTC')::date - 1
      WHERE account_id = ${yuki.id}
    `);
    expect((await checkIn()).json()).toEqual({ streak: 7, expGained: 0 });
    const earned = (await achievements(yuki)).seven_day_streak;
    expect(earned).toMatchObject({ progress: 7, completedAt: expect.any(String) });
    // A gap starts the streak again; the achievement stays earned, at the same moment.
    await admin.query(sql.unsafe`
      UPDATE nex.creators SET last_check_in = (now() AT TIME ZONE 'UTC')::date - 3 WHERE account_id = ${yuki.id}
    `);
    expect((await checkIn()).json().streak).toBe(1);
    expect((await achievements(yuki)).seven_day_streak).toEqual(earned);

    expectProblem(
      await as(app, (await signUp(app)).accessToken, { method: 'POST', url: '/v1/nex/check-ins' }),
      409,
      'conflict',
    );
  });

  it('publishes the level curve the levels are computed with, the EXP table, and hides hidden achievements until earned', async () => {
    const levels = (await app.inject({ method: 'GET', url: '/v1/nex/levels' })).json().data;
    expect(levels.slice(0, 4)).toEqual([
      { level: 1, minExp: 0 },
      { level: 2, minExp: 100 },
      { level: 3, minExp: 400 },
      { level: 4, minExp: 900 },
    ]);
    for (const { level, minExp } of levels) {
      const computed = await admin.oneFirst(sql.unsafe`
        SELECT array[nex.level_for(${minExp}), nex.level_for(greatest(${minExp} - 1, 0))] AS levels
      `);
      expect(computed).toEqual([level, Math.max(level - 1, 1)]);
    }
    const actions = (await app.inject({ method: 'GET', url: '/v1/nex/exp-actions' })).json().data;
    expect(
      Object.fromEntries(
        actions.map((a: { actionType: string; baseExp: number }) => [a.actionType, a.baseExp]),
      ),
    ).toEqual({
      artwork_post: 100,
      artwork_purchase: 50,
      like_received: 10,
      comment_post: 5,
      sale_completed: 500,
      stream_minute: 10,
      event_created: 1000,
      daily_login: 10,
    });

    const anonymous = (await app.inject({ method: 'GET', url: '/v1/nex/achievements' })).json().data;
    expect(anonymous.map((a: { code: string }) => a.code)).not.toContain('exp_10000');
    expect(anonymous.every((a: { progress: number | null }) => a.progress === null)).toBe(true);
    const yuki = await joinedCreator(app);
    await admin.query(sql.unsafe`SELECT nex.track_achievements(${yuki.id}, 'total_exp', 10000)`);
    expect((await achievements(yuki)).exp_10000).toMatchObject({ isHidden: true, rarity: 'legendary' });
  });
});
