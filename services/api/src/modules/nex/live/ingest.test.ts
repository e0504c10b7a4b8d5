/**
 * The media server's ingest webhook through the real app and PostgreSQL: a signed publish moves
 * the key's scheduled stream live and a signed unpublish ends it; replays, other states, stale or
 * wrong signatures, and keys of no stream (a rotated-away one included) are refused. Ending earns
 * the streamer `stream_minute` EXP for each whole minute actually live, once.
 */
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { stripeSignature } from '../../../kernel/payments/index.ts';
import { type Creator, joinedCreator } from '../testing.ts';

const SECRET = 'nex-ingest-test-secret-0123456789';
const { app, databaseUrl } = await testApp({ NEX_INGEST_SECRET: SECRET });
const admin = await superuserPool(databaseUrl);

async function streamMinutes(streamer: Creator) {
  const log = await as(app, streamer.accessToken, { method: 'GET', url: '/v1/nex/exp-log?limit=100' });
  return (log.json().data as { actionType: string; expGained: number }[]).filter(
    (e) => e.actionType === 'stream_minute',
  );
}

function ingest(event: string, streamKey: string, options: { secret?: string; at?: number } = {}) {
  const payload = JSON.stringify({ event, streamKey });
  const t = options.at ?? Math.floor(Date.now() / 1000);
  const v1 = stripeSignature(options.secret ?? SECRET, t, Buffer.from(payload));
  return app.inject({
    method: 'POST',
    url: '/v1/nex/streams/ingest-events',
    headers: { 'content-type': 'application/json', 'nex-ingest-signature': `t=${t},v1=${v1}` },
    payload,
  });
}

async function scheduled(streamer: Creator) {
  const created = await as(app, streamer.accessToken, {
    method: 'POST',
    url: '/v1/nex/streams',
    payload: { title: 'エンコーダーから配信' },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; streamKey: string };
}

describe('stream ingest', () => {
  it('moves the key’s stream live on publish and ended on unpublish, once each, earning stream_minute EXP', async () => {
    const streamer = await joinedCreator(app);
    const { id, streamKey } = await scheduled(streamer);

    const live = await ingest('publish', streamKey);
    expect(live.statusCode, live.body).toBe(200);
    expect(live.json()).toMatchObject({ id, status: 'live', startedAt: expect.any(String), endedAt: null });
    expectProblem(await ingest('publish', streamKey), 409, 'conflict');
    // Three and a half minutes live: the actual start moved back, as if the encoder had sent that long.
    await admin.query(
      sql.unsafe`UPDATE nex.streams SET started_at = clock_timestamp() - interval '210 seconds' WHERE id = ${id}`,
    );

    const ended = await ingest('unpublish', streamKey);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ id, status: 'ended', endedAt: expect.any(String) });
    expectProblem(await ingest('unpublish', streamKey), 409, 'conflict');
    expectProblem(await ingest('publish', streamKey), 409, 'conflict');

    // Three whole minutes, 10 EXP each, credited once: the replays above earned nothing more.
    const minutes = await streamMinutes(streamer);
    expect(minutes.map((e) => e.expGained)).toEqual([10, 10, 10]);
    const creator = await app.inject({ method: 'GET', url: `/v1/nex/creators/${streamer.username}` });
    expect(creator.json().totalExp, creator.body).toBe(30);
  });

  it('earns nothing for a stream ended by the streamer within its first minute', async () => {
    const streamer = await joinedCreator(app);
    const { id } = await scheduled(streamer);
    for (const move of ['start', 'end'])
      await as(app, streamer.accessToken, { method: 'POST', url: `/v1/nex/streams/${id}/${move}` });
    expect(await streamMinutes(streamer)).toEqual([]);
  });

  it('refuses keys of no stream alike, and bad or stale signatures, changing nothing', async () => {
    const streamer = await joinedCreator(app);
    const { id, streamKey } = await scheduled(streamer);

    // A rotated-away key, a well-formed key of nothing and a malformed one: the same 403.
    const rotated = await as(app, streamer.accessToken, { method: 'POST', url: `/v1/nex/streams/${id}/key` });
    const newKey = rotated.json().streamKey as string;
    const refusals = await Promise.all(
      [streamKey, `nexsk_${'A'.repeat(43)}`, 'not a key'].map((key) => ingest('publish', key)),
    );
    for (const refused of refusals) expectProblem(refused, 403, 'forbidden');
    expect(new Set(refusals.map((r) => r.json().detail)).size).toBe(1);

    expectProblem(
      await ingest('publish', newKey, { secret: 'another-secret-0123456789' }),
      400,
      'validation_failed',
    );
    const stale = Math.floor(Date.now() / 1000) - 301;
    expectProblem(await ingest('publish', newKey, { at: stale }), 400, 'validation_failed');
    const got = await app.inject({ method: 'GET', url: `/v1/nex/streams/${id}` });
    expect(got.json().status).toBe('scheduled');

    // A cancelled stream cannot go live.
    await as(app, streamer.accessToken, { method: 'POST', url: `/v1/nex/streams/${id}/cancel` });
    expectProblem(await ingest('publish', newKey), 409, 'conflict');
  });
});
