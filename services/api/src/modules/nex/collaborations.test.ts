import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { type Creator, joinedCreator, publishedArtwork } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

async function ask(
  sender: Creator,
  recipient: Creator,
  payload: Record<string, unknown> = { project: '合同誌' },
) {
  return as(app, sender.accessToken, {
    method: 'POST',
    url: '/v1/nex/collaborations',
    payload: { recipient: recipient.username, message: '一緒に作りませんか？', ...payload },
  });
}

const move = (c: Creator, id: string, action: string, payload: Record<string, unknown> = {}) =>
  as(app, c.accessToken, { method: 'POST', url: `/v1/nex/collaborations/${id}/${action}`, payload });

describe('nex collaborations', () => {
  it('move pending → accepted by the recipient only, and every other transition is refused', async () => {
    const [yuki, hana, mallory] = [
      await joinedCreator(app),
      await joinedCreator(app),
      await joinedCreator(app),
    ];
    const piece = await publishedArtwork(app, yuki);
    const created = await ask(yuki, hana, { artworkId: piece.id });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({
      senderUsername: yuki.username,
      recipientUsername: hana.username,
      status: 'pending',
      artworkId: piece.id,
    });

    expectProblem(await move(yuki, request.id, 'accept'), 403, 'forbidden');
    expectProblem(await move(hana, request.id, 'cancel'), 403, 'forbidden');
    expectProblem(await move(mallory, request.id, 'accept'), 404, 'not_found');
    expectProblem(
      await as(app, mallory.accessToken, { method: 'GET', url: `/v1/nex/collaborations/${request.id}` }),
      404,
      'not_found',
    );

    const accepted = await move(hana, request.id, 'accept', { responseMessage: 'ぜひ！' });
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      responseMessage: 'ぜひ！',
      respondedAt: expect.any(String),
    });
    for (const [who, action] of [
      [hana, 'accept'],
      [hana, 'decline'],
      [yuki, 'cancel'],
    ] as const) {
      expectProblem(await move(who, request.id, action), 409, 'conflict');
    }
    // The sender's first accepted collaboration completes its achievement.
    const progress = await as(app, yuki.accessToken, { method: 'GET', url: '/v1/nex/achievements' });
    expect(
      progress.json().data.find((a: { code: string }) => a.code === 'first_collaboration'),
    ).toMatchObject({
      progress: 1,
      completedAt: expect.any(String),
    });

    // By SQL as the service role, the state machine holds too: no reopening, no accepting one's own.
    await expect(
      withAccount(pool, hana.id, (tx) =>
        tx.query(sql.unsafe`UPDATE nex.collaborations SET status = 'pending' WHERE id = ${request.id}`),
      ),
    ).rejects.toThrow(/check integrity constraint|no longer pending/);
    const second = (await ask(yuki, hana)).json();
    await expect(
      withAccount(pool, yuki.id, (tx) =>
        tx.query(
          sql.unsafe`UPDATE nex.collaborations SET status = 'accepted', responded_at = now() WHERE id = ${second.id}`,
        ),
      ),
    ).rejects.toThrow(/check integrity constraint|illegal/);
    const mallorys = await withAccount(pool, mallory.id, (tx) =>
      tx.query(
        sql.unsafe`UPDATE nex.collaborations SET status = 'canceled', responded_at = now() WHERE id = ${second.id}`,
      ),
    );
    expect(mallorys.rowCount).toBe(0);
  });

  it('declines, cancels, expires after 30 days, and lists each side', async () => {
    const [yuki, hana] = [await joinedCreator(app), await joinedCreator(app)];
    const declined = (await ask(yuki, hana)).json();
    expect((await move(hana, declined.id, 'decline')).json().status).toBe('declined');
    const canceled = (await ask(yuki, hana)).json();
    expect((await move(yuki, canceled.id, 'cancel')).json().status).toBe('canceled');
    const expiring = (await ask(yuki, hana)).json();
    await admin.query(
      sql.unsafe`UPDATE nex.collaborations SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}`,
    );
    expectProblem(await move(hana, expiring.id, 'accept'), 409, 'conflict');

    const sent = await as(app, yuki.accessToken, {
      method: 'GET',
      url: '/v1/nex/collaborations?direction=sent',
    });
    expect(sent.json().data.map((r: { status: string }) => r.status)).toEqual([
      'expired',
      'canceled',
      'declined',
    ]);
    const received = await as(app, hana.accessToken, {
      method: 'GET',
      url: '/v1/nex/collaborations?limit=2',
    });
    expect(received.json().data).toHaveLength(2);
    expect(received.json().nextCursor).not.toBeNull();

    expectProblem(await ask(yuki, yuki), 409, 'conflict');
    expectProblem(await ask(yuki, hana, { project: 'x', artworkId: expiring.id }), 400, 'validation_failed');
    expectProblem(await ask(yuki, hana, { project: undefined }), 400, 'validation_failed');
  });
});
