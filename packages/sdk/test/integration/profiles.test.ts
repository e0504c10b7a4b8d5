/** Public profiles, follows and the plan catalogue through the SDK against the real service. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/index';
import { anonymous, signUp } from './accounts';

describe('public data', () => {
  it('publishes a profile, reads it without credentials, follows it and hides it again', async () => {
    const ada = await signUp('profile-owner');
    const bob = await signUp('profile-follower');
    const handle = `sdk_${randomUUID().slice(0, 8)}`;
    const mine = await ada.client.me.profile.update({ handle, displayName: 'Ada', visibility: 'public' });
    expect(mine).toMatchObject({ handle, visibility: 'public', followerCount: 0 });

    expect(await anonymous().profiles.get({ handle })).toMatchObject({ handle, displayName: 'Ada' });
    const follow = await bob.client.profiles.follow({ handle });
    expect(follow.followeeHandle).toBe(handle);
    expect((await ada.client.me.follows.list({ direction: 'followers' })).data.map((f) => f.id)).toEqual([
      follow.id,
    ]);
    expect((await anonymous().profiles.get({ handle })).followerCount).toBe(1);

    await ada.client.me.profile.update({ visibility: 'private' });
    await expect(anonymous().profiles.get({ handle })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists the plan catalogue without credentials', async () => {
    const { data } = await anonymous().plans.list({ product: 'speak' });
    // Microphone time is metered in seconds: 60, 900 and 3000 minutes a month.
    expect(data.map((plan) => [plan.plan, plan.priceAmount, plan.limits[0]?.limit])).toEqual([
      ['free', 0, 60 * 60],
      ['standard', 1200, 900 * 60],
      ['premium', 2900, 3000 * 60],
      ['enterprise', null, null],
    ]);
  });
});
