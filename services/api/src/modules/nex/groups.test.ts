import type { InjectOptions } from 'fastify';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../test/harness.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { type Creator, joinedCreator } from './testing.ts';

const { app, pool } = await testApp();

async function newGroup(owner: Creator, payload: Record<string, unknown>) {
  const response = await as(app, owner.accessToken, { method: 'POST', url: '/v1/nex/groups', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; [key: string]: unknown };
}

const call = (who: Creator | null, request: InjectOptions) =>
  who ? as(app, who.accessToken, request) : app.inject(request);
const group = (id: string, tail = '') => `/v1/nex/groups/${id}${tail}`;
const join = (who: Creator, id: string) => call(who, { method: 'POST', url: group(id, '/join') });

/** The problem body without what differs between any two requests. */
function comparable(response: Awaited<ReturnType<typeof call>>) {
  const { requestId: _requestId, instance: _instance, ...rest } = response.json();
  return { status: response.statusCode, body: rest };
}

describe('nex groups', () => {
  it('show a public group to everyone and a private one only to its members and invitees', async () => {
    const [yuki, hana, mallory] = [
      await joinedCreator(app),
      await joinedCreator(app),
      await joinedCreator(app),
    ];
    const open = await newGroup(yuki, { name: '水彩クラブ', isPublic: true });
    const closed = await newGroup(yuki, { name: '秘密の部屋', description: '招待制' });
    expect(open).toMatchObject({
      ownerUsername: yuki.username,
      memberCount: 1,
      memberLimit: 50,
      myRole: 'owner',
    });
    expect(closed).toMatchObject({ isPublic: false, memberCount: 1 });

    expect((await call(null, { method: 'GET', url: group(open.id) })).json()).toMatchObject({
      name: '水彩クラブ',
      myRole: null,
    });
    const missing = group('00000000-0000-4000-8000-000000000000');
    for (const who of [null, mallory]) {
      const absent = comparable(await call(who, { method: 'GET', url: missing }));
      expect(absent.status).toBe(404);
      expect(comparable(await call(who, { method: 'GET', url: group(closed.id) }))).toEqual(absent);
      expect(comparable(await call(who, { method: 'GET', url: group(closed.id, '/members') }))).toEqual(
        absent,
      );
    }
    expectProblem(await join(mallory, closed.id), 404, 'not_found');

    // Lists: others see the public group only; the owner sees both, `mine` too.
    const ids = async (who: Creator | null, query = '') =>
      (await call(who, { method: 'GET', url: `/v1/nex/groups?limit=100${query}` }))
        .json()
        .data.map((g: { id: string }) => g.id);
    expect(await ids(null)).toContain(open.id);
    expect(await ids(mallory)).not.toContain(closed.id);
    expect(await ids(yuki)).toEqual(expect.arrayContaining([open.id, closed.id]));
    expect(await ids(yuki, '&member=me')).toEqual([closed.id, open.id]);
    expect(await ids(hana, '&member=me')).toEqual([]);

    // An invitation shows the private group to the invitee, who joins with it (and uses it up).
    const invited = await call(yuki, {
      method: 'POST',
      url: group(closed.id, '/invitations'),
      payload: { username: hana.username.toUpperCase() },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({
      groupName: '秘密の部屋',
      username: hana.username,
      invitedBy: yuki.username,
    });
    const received = await call(hana, { method: 'GET', url: '/v1/nex/group-invitations' });
    expect(received.json().data.map((i: { id: string }) => i.id)).toEqual([invited.json().id]);
    expect((await call(hana, { method: 'GET', url: group(closed.id) })).statusCode).toBe(200);
    const joined = await join(hana, closed.id);
    expect(joined.json()).toMatchObject({ username: hana.username, role: 'member', groupId: closed.id });
    expect((await call(hana, { method: 'GET', url: '/v1/nex/group-invitations' })).json().data).toEqual([]);
    expect((await call(hana, { method: 'GET', url: group(closed.id) })).json()).toMatchObject({
      memberCount: 2,
      myRole: 'member',
    });
    const members = await call(hana, { method: 'GET', url: group(closed.id, '/members') });
    expect(members.json().data.map((m: { username: string; role: string }) => [m.username, m.role])).toEqual([
      [hana.username, 'member'],
      [yuki.username, 'owner'],
    ]);

    // Declining an invitation removes it; only the invitee or the group's admins can.
    const second = await call(yuki, {
      method: 'POST',
      url: group(closed.id, '/invitations'),
      payload: { username: mallory.username },
    });
    const invitation = `/v1/nex/group-invitations/${second.json().id}`;
    expectProblem(await call(hana, { method: 'DELETE', url: invitation }), 404, 'not_found');
    expect((await call(mallory, { method: 'DELETE', url: invitation })).statusCode).toBe(204);
    expectProblem(await call(mallory, { method: 'GET', url: group(closed.id) }), 404, 'not_found');
  });

  it('give the owner, admins and members their powers, and nobody else any', async () => {
    const [owner, admin, member, outsider] = [
      await joinedCreator(app),
      await joinedCreator(app),
      await joinedCreator(app),
      await joinedCreator(app),
    ];
    const g = await newGroup(owner, { name: 'ドット絵部', isPublic: true, memberLimit: 10 });
    for (const who of [admin, member]) expect((await join(who, g.id)).statusCode).toBe(200);
    expect((await join(member, g.id)).statusCode).toBe(200); // idempotent
    const role = (who: Creator, username: string, value: string) =>
      call(who, { method: 'PATCH', url: group(g.id, `/members/${username}`), payload: { role: value } });
    expectProblem(await role(admin, admin.username, 'admin'), 403, 'forbidden');
    expect((await role(owner, admin.username, 'admin')).json()).toMatchObject({ role: 'admin' });
    expectProblem(await role(owner, owner.username, 'member'), 409, 'conflict');
    expectProblem(await role(owner, outsider.username, 'admin'), 404, 'not_found');

    // Only the owner edits or deletes; members get 403, and the group stays as it was.
    const before = (await call(owner, { method: 'GET', url: group(g.id) })).json();
    for (const who of [admin, member, outsider]) {
      const edit = await call(who, { method: 'PATCH', url: group(g.id), payload: { name: 'taken over' } });
      expectProblem(edit, 403, 'forbidden');
      expectProblem(await call(who, { method: 'DELETE', url: group(g.id) }), 403, 'forbidden');
      const transfer = await call(who, {
        method: 'POST',
        url: group(g.id, '/transfer'),
        payload: { username: who.username },
      });
      expectProblem(transfer, 403, 'forbidden');
    }
    expect((await call(owner, { method: 'GET', url: group(g.id) })).json()).toEqual(before);
    // A limit below the member count is refused.
    expectProblem(
      await call(owner, { method: 'PATCH', url: group(g.id), payload: { memberLimit: 2 } }),
      409,
      'conflict',
    );

    // Invitations: owner and admins; a member is refused, and inviting a member is 409.
    const invite = (who: Creator, username: string) =>
      call(who, { method: 'POST', url: group(g.id, '/invitations'), payload: { username } });
    expectProblem(await invite(member, outsider.username), 403, 'forbidden');
    expectProblem(await invite(admin, member.username), 409, 'conflict');
    expect((await invite(admin, outsider.username)).statusCode).toBe(201);

    // Removing: an admin removes members but not admins or the owner.
    const remove = (who: Creator, username: string) =>
      call(who, { method: 'DELETE', url: group(g.id, `/members/${username}`) });
    expectProblem(await remove(member, admin.username), 403, 'forbidden');
    expectProblem(await remove(admin, owner.username), 409, 'conflict');
    expect((await remove(admin, member.username)).statusCode).toBe(204);
    expectProblem(await remove(admin, member.username), 404, 'not_found');

    // The owner cannot leave; after a transfer the new owner rules and the old one is an admin.
    const leave = (who: Creator) => call(who, { method: 'POST', url: group(g.id, '/leave') });
    expectProblem(await leave(owner), 409, 'conflict');
    expectProblem(
      await call(owner, {
        method: 'POST',
        url: group(g.id, '/transfer'),
        payload: { username: member.username },
      }),
      409,
      'conflict',
    );
    const moved = await call(owner, {
      method: 'POST',
      url: group(g.id, '/transfer'),
      payload: { username: admin.username },
    });
    expect(moved.json()).toMatchObject({ ownerUsername: admin.username, myRole: 'admin', memberCount: 2 });
    expect((await leave(owner)).statusCode).toBe(204);
    expect((await call(admin, { method: 'GET', url: group(g.id) })).json()).toMatchObject({
      myRole: 'owner',
      memberCount: 1,
    });
    expect((await call(admin, { method: 'DELETE', url: group(g.id) })).statusCode).toBe(204);
    expectProblem(await call(admin, { method: 'GET', url: group(g.id) }), 404, 'not_found');
  });

  it('refuse by SQL as the service role what the API refuses', async () => {
    const [owner, member, intruder] = [
      await joinedCreator(app),
      await joinedCreator(app),
      await joinedCreator(app),
    ];
    const open = await newGroup(owner, { name: 'open', isPublic: true });
    const closed = await newGroup(owner, { name: 'closed' });
    expect((await join(member, open.id)).statusCode).toBe(200);
    const asRole = (accountId: string, statement: ReturnType<typeof sql.unsafe>) =>
      withAccount(pool, accountId, (tx) => tx.query(statement));

    for (const who of [member, intruder]) {
      for (const id of [open.id, closed.id]) {
        expect(
          (await asRole(who.id, sql.unsafe`UPDATE nex.groups SET name = 'x' WHERE id = ${id}`)).rowCount,
        ).toBe(0);
        expect((await asRole(who.id, sql.unsafe`DELETE FROM nex.groups WHERE id = ${id}`)).rowCount).toBe(0);
        // No one but the owner changes a role, and the owner's membership is never deleted.
        const promote = await asRole(
          who.id,
          sql.unsafe`UPDATE nex.group_members SET role = 'admin' WHERE group_id = ${id}`,
        );
        expect(promote.rowCount).toBe(0);
        const evict = await asRole(
          who.id,
          sql.unsafe`DELETE FROM nex.group_members WHERE group_id = ${id} AND account_id = ${owner.id}`,
        );
        expect(evict.rowCount).toBe(0);
        // Ownership moves only by the owner.
        const moved = await asRole(who.id, sql.unsafe`SELECT nex.transfer_group(${id}, ${who.id}) AS moved`);
        expect(moved.rows[0]).toEqual({ moved: false });
      }
      // A private group admits no one uninvited, and nobody joins as owner or admin.
      for (const role of ['member', 'admin', 'owner']) {
        await expect(
          asRole(
            who.id,
            sql.unsafe`INSERT INTO nex.group_members (group_id, account_id, role) VALUES (${closed.id}, ${who.id}, ${role})`,
          ),
        ).rejects.toThrow(/row-level security/);
      }
      await expect(
        asRole(
          who.id,
          sql.unsafe`INSERT INTO nex.group_members (group_id, account_id, role) VALUES (${open.id}, ${owner.id}, 'member')`,
        ),
      ).rejects.toThrow(/row-level security/);
      // Nor invites itself, nor moves the counter.
      await expect(
        asRole(
          who.id,
          sql.unsafe`INSERT INTO nex.group_invitations (group_id, account_id, invited_by) VALUES (${closed.id}, ${who.id}, ${who.id})`,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        asRole(who.id, sql.unsafe`UPDATE nex.groups SET member_count = 0 WHERE id = ${open.id}`),
      ).rejects.toThrow(/permission denied/);
      const seen = await asRole(who.id, sql.unsafe`SELECT id FROM nex.groups WHERE id = ${closed.id}`);
      expect(seen.rowCount).toBe(0);
    }
    // The owner cannot take over ownership columns directly either.
    await expect(
      asRole(owner.id, sql.unsafe`UPDATE nex.groups SET account_id = ${member.id} WHERE id = ${open.id}`),
    ).rejects.toThrow(/permission denied/);
    expect((await call(owner, { method: 'GET', url: group(open.id) })).json()).toMatchObject({
      name: 'open',
      ownerUsername: owner.username,
      memberCount: 2,
    });
  });

  it('hold the member limit exactly under concurrent joins', async () => {
    const owner = await joinedCreator(app);
    const g = await newGroup(owner, { name: '少人数', isPublic: true, memberLimit: 5 });
    const joiners = await Promise.all(Array.from({ length: 12 }, () => joinedCreator(app)));
    const answers = await Promise.all(joiners.map((who) => join(who, g.id)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 409)).toHaveLength(8);
    const read = await call(owner, { method: 'GET', url: group(g.id) });
    expect(read.json()).toMatchObject({ memberCount: 5 });
    const members = await call(owner, { method: 'GET', url: group(g.id, '/members?limit=100') });
    expect(members.json().data).toHaveLength(5);
  });
  describe('join requests', () => {
    const ask = (who: Creator | null, id: string, payload: Record<string, unknown> = {}) =>
      call(who, { method: 'POST', url: group(id, '/join-requests'), payload });
    const answer = (who: Creator, id: string, action: string) =>
      call(who, { method: 'POST', url: `/v1/nex/group-join-requests/${id}/${action}` });
    const pending = async (who: Creator, id: string, query = '') =>
      call(who, { method: 'GET', url: group(id, `/join-requests${query}`) });

    it('let an outsider ask to join a private group it cannot see, and the admins answer', async () => {
      const [owner, admin, member, hana, ken] = await Promise.all([
        joinedCreator(app),
        joinedCreator(app),
        joinedCreator(app),
        joinedCreator(app),
        joinedCreator(app),
      ]);
      const closed = await newGroup(owner, { name: '招待制の部屋' });
      const open = await newGroup(owner, { name: '誰でも', isPublic: true });
      for (const who of [admin, member]) {
        await call(owner, {
          method: 'POST',
          url: group(closed.id, '/invitations'),
          payload: { username: who.username },
        });
        expect((await join(who, closed.id)).statusCode).toBe(200);
      }
      const promoted = await call(owner, {
        method: 'PATCH',
        url: group(closed.id, `/members/${admin.username}`),
        payload: { role: 'admin' },
      });
      expect(promoted.statusCode).toBe(200);

      // Asking: idempotent while pending; the answer is the request, never the group.
      const asked = await ask(hana, closed.id, { message: '参加させてください' });
      expect(asked.statusCode, asked.body).toBe(201);
      expect(asked.json()).toEqual({
        id: expect.any(String),
        groupId: closed.id,
        username: hana.username,
        message: '参加させてください',
        status: 'pending',
        createdAt: expect.any(String),
        decidedAt: null,
      });
      const again = await ask(hana, closed.id);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json()).toEqual(asked.json());
      expectProblem(await call(hana, { method: 'GET', url: group(closed.id) }), 404, 'not_found');
      const kens = await ask(ken, closed.id);
      expect(kens.statusCode).toBe(201);

      // Who may not ask: members, askers of a public group, and anyone for an id that is no group.
      expectProblem(await ask(member, closed.id), 409, 'conflict');
      const publicAsk = await ask(hana, open.id);
      expectProblem(publicAsk, 409, 'conflict');
      expect(publicAsk.json().detail).toContain(`/v1/nex/groups/${open.id}/join`);
      const nowhere = '00000000-0000-4000-8000-000000000000';
      const absent = comparable(await call(hana, { method: 'GET', url: group(nowhere) }));
      expect(comparable(await ask(hana, nowhere))).toEqual(absent);
      expectProblem(await ask(null, closed.id), 401, 'unauthenticated');
      expectProblem(await ask(hana, closed.id, { message: '' }), 400, 'validation_failed');

      // The list: the owner and admins only; a member is refused, an outsider sees no group.
      const listed = await pending(admin, closed.id, '?limit=1');
      expect(listed.json().data.map((r: { id: string }) => r.id)).toEqual([kens.json().id]);
      const next = await pending(admin, closed.id, `?limit=1&cursor=${listed.json().nextCursor}`);
      expect(next.json().data.map((r: { id: string }) => r.id)).toEqual([asked.json().id]);
      expectProblem(await pending(member, closed.id), 403, 'forbidden');
      expectProblem(await pending(hana, closed.id), 404, 'not_found');

      // Moves: the asker cannot approve itself, a plain member cannot read the request.
      const hanaRequest = asked.json().id;
      expectProblem(await answer(hana, hanaRequest, 'approve'), 403, 'forbidden');
      expectProblem(await answer(admin, hanaRequest, 'cancel'), 403, 'forbidden');
      expectProblem(await answer(member, hanaRequest, 'approve'), 404, 'not_found');
      expectProblem(await answer(ken, hanaRequest, 'cancel'), 404, 'not_found');
      const approved = await answer(admin, hanaRequest, 'approve');
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
      expect((await call(hana, { method: 'GET', url: group(closed.id) })).json()).toMatchObject({
        myRole: 'member',
        memberCount: 4,
      });
      expectProblem(await answer(admin, hanaRequest, 'decline'), 409, 'conflict');
      expectProblem(await answer(hana, hanaRequest, 'cancel'), 409, 'conflict');
      expectProblem(await ask(hana, closed.id), 409, 'conflict');

      const kenRequest = kens.json().id;
      expect((await answer(owner, kenRequest, 'decline')).json()).toMatchObject({ status: 'declined' });
      expectProblem(await answer(owner, kenRequest, 'approve'), 409, 'conflict');
      expectProblem(await call(ken, { method: 'GET', url: group(closed.id) }), 404, 'not_found');
      // Declined, one may ask again, and cancel that.
      const second = await ask(ken, closed.id);
      expect(second.json().id).not.toBe(kenRequest);
      expect((await answer(ken, second.json().id, 'cancel')).json()).toMatchObject({ status: 'canceled' });
      const own = await call(ken, { method: 'GET', url: '/v1/nex/group-join-requests' });
      expect(own.json().data.map((r: { status: string }) => r.status)).toEqual(['canceled', 'declined']);
      expect((await pending(owner, closed.id)).json().data).toEqual([]);
      const declined = await pending(owner, closed.id, '?status=declined');
      expect(declined.json().data.map((r: { id: string }) => r.id)).toEqual([kenRequest]);

      // An invitee is told to join instead; joining by invitation ends its pending request.
      const third = await ask(ken, closed.id);
      await call(owner, {
        method: 'POST',
        url: group(closed.id, '/invitations'),
        payload: { username: ken.username },
      });
      expectProblem(await ask(ken, closed.id), 409, 'conflict');
      expect((await join(ken, closed.id)).statusCode).toBe(200);
      const after = await call(ken, { method: 'GET', url: '/v1/nex/group-join-requests?limit=1' });
      expect(after.json().data).toEqual([
        expect.objectContaining({ id: third.json().id, status: 'canceled' }),
      ]);
    });

    it('refuse by SQL as the service role what the API refuses', async () => {
      const [owner, outsider, leaver] = await Promise.all([
        joinedCreator(app),
        joinedCreator(app),
        joinedCreator(app),
      ]);
      const closed = await newGroup(owner, { name: 'closed' });
      const open = await newGroup(owner, { name: 'open', isPublic: true });
      const asRole = (accountId: string, statement: ReturnType<typeof sql.unsafe>) =>
        withAccount(pool, accountId, (tx) => tx.query(statement));
      const insert = (who: Creator, groupId: string, accountId: string) =>
        asRole(
          who.id,
          sql.unsafe`INSERT INTO nex.group_join_requests (group_id, account_id) VALUES (${groupId}, ${accountId})`,
        );
      // Not for someone else, not decided from the start, not to a public group or one's own.
      await expect(insert(outsider, closed.id, leaver.id)).rejects.toThrow(/row-level security/);
      await expect(
        asRole(
          outsider.id,
          sql.unsafe`INSERT INTO nex.group_join_requests (group_id, account_id, status) VALUES (${closed.id}, ${outsider.id}, 'approved')`,
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(insert(outsider, open.id, outsider.id)).rejects.toThrow(/row-level security/);
      await expect(insert(owner, closed.id, owner.id)).rejects.toThrow(/row-level security/);

      const request = (await ask(outsider, closed.id)).json().id;
      // The asker cannot approve itself, and cannot see the group through the request.
      await expect(
        asRole(
          outsider.id,
          sql.unsafe`UPDATE nex.group_join_requests SET status = 'approved', decided_at = now() WHERE id = ${request}`,
        ),
      ).rejects.toThrow(/row-level security/);
      const seen = await asRole(outsider.id, sql.unsafe`SELECT id FROM nex.groups WHERE id = ${closed.id}`);
      expect(seen.rowCount).toBe(0);
      // The owner cannot admit anyone without an approval in the same transaction.
      const admit = (accountId: string) =>
        asRole(
          owner.id,
          sql.unsafe`INSERT INTO nex.group_members (group_id, account_id, role) VALUES (${closed.id}, ${accountId}, 'member')`,
        );
      await expect(admit(outsider.id)).rejects.toThrow(/row-level security/);

      // An approved creator who leaves is not readmitted by the old approval.
      const leaverRequest = (await ask(leaver, closed.id)).json().id;
      expect((await answer(owner, leaverRequest, 'approve')).statusCode).toBe(200);
      expect((await call(leaver, { method: 'POST', url: group(closed.id, '/leave') })).statusCode).toBe(204);
      await expect(admit(leaver.id)).rejects.toThrow(/row-level security/);
      // Nor is an answered request moved again, even by the owner.
      const moved = await asRole(
        owner.id,
        sql.unsafe`UPDATE nex.group_join_requests SET status = 'declined', decided_at = now() WHERE id = ${leaverRequest}`,
      );
      expect(moved.rowCount).toBe(0);
    });

    it('hold the member limit exactly when many requests are approved at once', async () => {
      const owner = await joinedCreator(app);
      const closed = await newGroup(owner, { name: '満員御礼' });
      expect(closed.memberLimit).toBe(50);
      const askers = await Promise.all(Array.from({ length: 60 }, () => joinedCreator(app)));
      const requests = await Promise.all(askers.map(async (who) => (await ask(who, closed.id)).json().id));
      const answers = await Promise.all(requests.map((id) => answer(owner, id, 'approve')));
      const statuses = answers.map((a) => a.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      expect(statuses.filter((s) => s === 409)).toHaveLength(11);
      expect((await call(owner, { method: 'GET', url: group(closed.id) })).json()).toMatchObject({
        memberCount: 50,
      });
      const members = await call(owner, { method: 'GET', url: group(closed.id, '/members?limit=100') });
      expect(members.json().data).toHaveLength(50);
      // The refused approvals left their requests pending.
      const left = await pending(owner, closed.id, '?limit=100');
      expect(left.json().data).toHaveLength(11);
    });
  });
});
