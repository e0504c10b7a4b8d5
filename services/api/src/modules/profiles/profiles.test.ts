import { randomUUID } from 'node:crypto';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';
import { checkVisibility } from '../../../test/visibility.ts';
import { withAccount } from '../../kernel/tenancy.ts';

const { app, pool } = await testApp();

const newHandle = () => `u_${randomUUID().slice(0, 8)}`;

async function setProfile(account: Account, payload: Record<string, unknown>) {
  return as(app, account.accessToken, { method: 'PATCH', url: '/v1/me/profile', payload });
}

async function publish(account: Account, handle = newHandle()) {
  const response = await setProfile(account, { handle, displayName: 'Ada', visibility: 'public' });
  expect(response.statusCode).toBe(200);
  return handle;
}

async function followIds(viewer: Account) {
  const ids: string[] = [];
  for (const direction of ['following', 'followers']) {
    const page = await as(app, viewer.accessToken, {
      method: 'GET',
      url: `/v1/me/follows?direction=${direction}`,
    });
    expect(page.statusCode).toBe(200);
    ids.push(...page.json().data.map((follow: { id: string }) => follow.id));
  }
  return ids;
}

const profileOf = (handle: string) => ({ method: 'GET' as const, url: `/v1/profiles/${handle}` });

describe('public profiles', () => {
  it('pass the visibility checks: public to all, private like missing, written only by the owner, follows shared by both sides', async () => {
    await checkVisibility(app, pool, {
      publish: async (owner) => ({ read: profileOf(await publish(owner)), key: owner.id }),
      draft: async (owner) => {
        const handle = newHandle();
        expect((await setProfile(owner, { handle, displayName: 'Draft' })).statusCode).toBe(200);
        return { read: profileOf(handle), key: owner.id };
      },
      missing: profileOf(newHandle()),
      ownerView: () => ({ method: 'GET', url: '/v1/me/profile' }),
      attacks: (row) => {
        const handle = String(row.read.url).split('/').at(-1) ?? '';
        return [
          // Taking the owner's handle, in another case, is a conflict and changes nothing.
          { method: 'PATCH', url: '/v1/me/profile', payload: { handle: handle.toUpperCase() } },
          { method: 'DELETE', url: `/v1/profiles/${handle}/follow` },
        ];
      },
      table: {
        name: ['platform', 'profiles'],
        key: 'account_id',
        writable: 'display_name',
        publish: sql.fragment`visibility = 'public'`,
      },
      interaction: {
        create: async (actor, row) => {
          const response = await as(app, actor.accessToken, {
            method: 'POST',
            url: `${row.read.url}/follow`,
          });
          expect(response.statusCode).toBe(200);
          return response.json().id;
        },
        list: followIds,
      },
    });
  });

  it('counts followers through the trigger only: follow is idempotent, unfollow undoes it, the service role cannot write counters', async () => {
    const [ada, bob] = [await signUp(app), await signUp(app)];
    const handle = await publish(ada);
    const bobHandle = await publish(bob);
    const follow = () => as(app, bob.accessToken, { method: 'POST', url: `/v1/profiles/${handle}/follow` });
    const first = await follow();
    expect(first.json()).toMatchObject({ followerId: bob.id, followeeId: ada.id, followeeHandle: handle });
    expect((await follow()).json().id).toBe(first.json().id);
    expect((await app.inject(profileOf(handle))).json()).toMatchObject({
      followerCount: 1,
      followingCount: 0,
    });
    expect((await app.inject(profileOf(bobHandle))).json()).toMatchObject({
      followerCount: 0,
      followingCount: 1,
    });

    expectProblem(
      await as(app, ada.accessToken, { method: 'POST', url: `/v1/profiles/${handle}/follow` }),
      409,
      'conflict',
    );
    // Counters are not the owner's to write, nor anyone's through the service role.
    await expect(
      withAccount(pool, ada.id, (tx) =>
        tx.query(sql.unsafe`UPDATE platform.profiles SET follower_count = 1000 WHERE account_id = ${ada.id}`),
      ),
    ).rejects.toThrow(/permission denied/);
    // A follow in someone else's name is refused by the INSERT policy.
    await expect(
      withAccount(pool, ada.id, (tx) =>
        tx.query(
          sql.unsafe`INSERT INTO platform.follows (follower_id, followee_id) VALUES (${bob.id}, ${ada.id})`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);

    const unfollow = await as(app, bob.accessToken, {
      method: 'DELETE',
      url: `/v1/profiles/${handle}/follow`,
    });
    expect(unfollow.statusCode).toBe(204);
    expect((await app.inject(profileOf(handle))).json()).toMatchObject({ followerCount: 0 });
    expectProblem(
      await as(app, bob.accessToken, { method: 'DELETE', url: `/v1/profiles/${handle}/follow` }),
      404,
      'not_found',
    );
  });

  it('cannot follow a private profile, and keeps follows when a profile goes private without showing its handle', async () => {
    const [ada, bob] = [await signUp(app), await signUp(app)];
    const hidden = newHandle();
    await setProfile(ada, { handle: hidden });
    expectProblem(
      await as(app, bob.accessToken, { method: 'POST', url: `/v1/profiles/${hidden}/follow` }),
      404,
      'not_found',
    );
    await setProfile(ada, { visibility: 'public' });
    expect(
      (await as(app, bob.accessToken, { method: 'POST', url: `/v1/profiles/${hidden}/follow` })).statusCode,
    ).toBe(200);
    await setProfile(ada, { visibility: 'private' });
    const following = await as(app, bob.accessToken, { method: 'GET', url: '/v1/me/follows' });
    expect(following.json().data).toEqual([
      expect.objectContaining({ followeeId: ada.id, followeeHandle: null }),
    ]);
    const followers = await as(app, ada.accessToken, {
      method: 'GET',
      url: '/v1/me/follows?direction=followers',
    });
    expect(followers.json().data).toEqual([
      expect.objectContaining({ followerId: bob.id, followeeHandle: hidden }),
    ]);
  });

  it('pages follows with cursors that stay within the caller’s follows', async () => {
    const bob = await signUp(app);
    const handles = [];
    for (let i = 0; i < 3; i++) {
      const owner = await signUp(app);
      const handle = await publish(owner);
      handles.push(handle);
      await as(app, bob.accessToken, { method: 'POST', url: `/v1/profiles/${handle}/follow` });
    }
    const first = (await as(app, bob.accessToken, { method: 'GET', url: '/v1/me/follows?limit=2' })).json();
    expect(first.data.map((f: { followeeHandle: string }) => f.followeeHandle)).toEqual([
      handles[2],
      handles[1],
    ]);
    const second = (
      await as(app, bob.accessToken, {
        method: 'GET',
        url: `/v1/me/follows?limit=2&cursor=${first.nextCursor}`,
      })
    ).json();
    expect(second).toEqual({
      data: [expect.objectContaining({ followeeHandle: handles[0] })],
      nextCursor: null,
    });
    // A cursor of one direction is not a position in the other.
    expectProblem(
      await as(app, bob.accessToken, {
        method: 'GET',
        url: `/v1/me/follows?direction=followers&cursor=${first.nextCursor}`,
      }),
      400,
      'invalid_cursor',
    );
  });

  it('keeps handles unique ignoring case, strict in format, and public only with a handle', async () => {
    const [ada, bob] = [await signUp(app), await signUp(app)];
    expect((await as(app, ada.accessToken, { method: 'GET', url: '/v1/me/profile' })).json()).toEqual({
      handle: null,
      displayName: null,
      bio: null,
      avatarFileId: null,
      links: [],
      visibility: 'private',
      followerCount: 0,
      followingCount: 0,
      updatedAt: null,
    });
    expectProblem(await setProfile(ada, { visibility: 'public' }), 400, 'validation_failed');
    const handle = await publish(ada);
    expectProblem(await setProfile(bob, { handle: handle.toUpperCase() }), 409, 'conflict');
    for (const bad of ['ab', 'a-b-c', 'ü_name', 'x'.repeat(31), 'has space', `${'a'.repeat(29)}\n`]) {
      expectProblem(await setProfile(bob, { handle: bad }), 400, 'validation_failed');
    }
    expectProblem(await setProfile(bob, {}), 400, 'validation_failed');
    // Any case finds the profile.
    expect((await app.inject(profileOf(handle.toUpperCase()))).json().handle).toBe(handle);
    // Removing the handle unpublishes.
    const removed = await setProfile(ada, { handle: null });
    expect(removed.json()).toMatchObject({ handle: null, visibility: 'private' });
    expectProblem(await app.inject(profileOf(handle)), 404, 'not_found');
  });

  it('validates links and the avatar, which must be a file of the caller', async () => {
    const [ada, bob] = [await signUp(app), await signUp(app)];
    for (const links of [
      [{ label: 'x', url: 'http://plain.example' }],
      [{ label: 'x', url: 'javascript:alert(1)' }],
      [{ label: 'x', url: 'https://has space.example' }],
      [{ label: '', url: 'https://ok.example' }],
      [{ label: 'x', url: 'https://ok.example', extra: 1 }],
      Array.from({ length: 6 }, () => ({ label: 'x', url: 'https://ok.example' })),
    ]) {
      expectProblem(await setProfile(ada, { links }), 400, 'validation_failed');
    }
    const links = [{ label: 'Portfolio', url: 'https://ada.example/works?x=1' }];
    expect((await setProfile(ada, { links, bio: 'Hello' })).json()).toMatchObject({ links, bio: 'Hello' });

    const upload = (account: Account) =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/v1/files',
        payload: samples.png,
        headers: { 'content-type': 'image/png' },
      });
    const bobsFile = (await upload(bob)).json().id;
    expectProblem(await setProfile(ada, { avatarFileId: bobsFile }), 400, 'validation_failed');
    const adasFile = (await upload(ada)).json().id;
    expect((await setProfile(ada, { avatarFileId: adasFile })).json().avatarFileId).toBe(adasFile);
  });

  it('reads anonymously, checks a credential when one is sent, and shows the owner its own private profile', async () => {
    const ada = await signUp(app);
    const handle = newHandle();
    await setProfile(ada, { handle });
    expectProblem(await app.inject(profileOf(handle)), 404, 'not_found');
    expect((await as(app, ada.accessToken, profileOf(handle))).statusCode).toBe(200);
    expectProblem(
      await app.inject({ ...profileOf(handle), headers: { authorization: 'Bearer not-a-token' } }),
      401,
      'unauthenticated',
    );
  });
});
