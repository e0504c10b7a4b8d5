/**
 * Live streams and donations through the real app, PostgreSQL and the local payment provider:
 * the streamer's state machine (others 403, illegal moves 409, and any writer refused by SQL);
 * donations counted in the stream's total and credited to the streamer only once their payment
 * is confirmed (10 concurrent donations, 6 paid, 2 failed, 2 pending → exactly 6 counted); an
 * anonymous donor is never shown to anyone, the streamer included; stream keys shown once, kept
 * as their SHA-256 digest, rotated by the streamer only (404 for anyone else); the viewers' feed
 * of status moves and confirmed donations, followed live by an anonymous viewer and resumable;
 * viewers counted as open feeds over real HTTP connections, with their peak.
 */
import { createHash } from 'node:crypto';
import { type ClientRequest, get as httpGet } from 'node:http';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { parseSse } from '../../../../test/sse.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { type Creator, joinedCreator, uploadImage } from '../testing.ts';
import { balances, simulatePayment } from './testing.ts';

const { app, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const post = (who: Account, url: string, payload?: Record<string, unknown>) =>
  as(app, who.accessToken, { method: 'POST', url, ...(payload ? { payload } : {}) });

async function liveStream(streamer: Creator) {
  const created = await post(streamer, '/v1/nex/streams', {
    title: '水彩ライブ',
    scheduledAt: '2026-12-01T11:00:00Z',
  });
  expect(created.statusCode, created.body).toBe(201);
  const started = await post(streamer, `/v1/nex/streams/${created.json().id}/start`);
  expect(started.statusCode, started.body).toBe(200);
  return started.json() as { id: string; status: string };
}

describe('live streams', () => {
  it('move scheduled → live → ended by the streamer only', async () => {
    const streamer = await joinedCreator(app);
    const stranger = await joinedCreator(app);
    expectProblem(await post(await signUp(app), '/v1/nex/streams', { title: 'x' }), 409, 'conflict');
    const created = (await post(streamer, '/v1/nex/streams', { title: '夜のスケッチ' })).json();
    expect(created).toMatchObject({
      status: 'scheduled',
      streamerUsername: streamer.username,
      totalDonations: 0,
    });
    const anonymous = await app.inject({ method: 'GET', url: `/v1/nex/streams/${created.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).not.toHaveProperty('accountId');
    expectProblem(await post(stranger, `/v1/nex/streams/${created.id}/start`), 403, 'forbidden');
    expectProblem(await post(streamer, `/v1/nex/streams/${created.id}/end`), 409, 'conflict');
    const live = (await post(streamer, `/v1/nex/streams/${created.id}/start`)).json();
    expect(live).toMatchObject({ status: 'live', startedAt: expect.any(String) });
    expectProblem(await post(streamer, `/v1/nex/streams/${created.id}/cancel`), 409, 'conflict');
    expect((await post(streamer, `/v1/nex/streams/${created.id}/end`)).json()).toMatchObject({
      status: 'ended',
      endedAt: expect.any(String),
    });
    await expect(
      admin.query(sql.unsafe`UPDATE nex.streams SET status = 'live' WHERE id = ${created.id}`),
    ).rejects.toThrow(/check integrity/);
    const other = (await post(streamer, '/v1/nex/streams', { title: 'また今度' })).json();
    expect((await post(streamer, `/v1/nex/streams/${other.id}/cancel`)).json().status).toBe('cancelled');
    const listed = (await app.inject({ method: 'GET', url: '/v1/nex/streams?limit=100' })).json().data;
    expect(listed.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([created.id, other.id]));
  });

  it('show a stream key once, keep only its digest, and let only the streamer rotate it', async () => {
    const streamer = await joinedCreator(app);
    const stranger = await joinedCreator(app);
    const created = await post(streamer, '/v1/nex/streams', { title: '鍵のテスト' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, streamKey } = created.json() as { id: string; streamKey: string };
    expect(streamKey).toMatch(/^nexsk_[A-Za-z0-9_-]{43}$/);
    const digest = async () =>
      (await admin.one(
        sql.unsafe`SELECT encode(key_hash, 'hex') AS hash, row_to_json(k)::text AS row FROM nex.stream_keys k WHERE stream_id = ${id}`,
      )) as { hash: string; row: string };
    const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
    const first = await digest();
    expect(first.hash).toBe(sha256(streamKey));
    expect(first.row).not.toContain(streamKey.slice(6));

    // Never shown again: not by the stream, not in the list, not to the streamer.
    for (const reader of [undefined, streamer]) {
      const headers = reader ? { authorization: `Bearer ${reader.accessToken}` } : {};
      const got = await app.inject({ method: 'GET', url: `/v1/nex/streams/${id}`, headers });
      expect(got.json()).not.toHaveProperty('streamKey');
      const listed = await app.inject({ method: 'GET', url: '/v1/nex/streams?limit=100', headers });
      expect(listed.body).not.toContain(streamKey);
    }

    // Anyone else, and a stream that does not exist, get the same 404.
    expectProblem(await post(stranger, `/v1/nex/streams/${id}/key`), 404, 'not_found');
    expectProblem(await post(streamer, `/v1/nex/streams/${crypto.randomUUID()}/key`), 404, 'not_found');
    expect((await digest()).hash).toBe(first.hash);

    const rotated = await post(streamer, `/v1/nex/streams/${id}/key`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json()).toMatchObject({ streamId: id, rotatedAt: expect.any(String) });
    const newKey = rotated.json().streamKey as string;
    expect(newKey).toMatch(/^nexsk_/);
    expect(newKey).not.toBe(streamKey);
    expect((await digest()).hash).toBe(sha256(newKey));

    await post(streamer, `/v1/nex/streams/${id}/cancel`);
    expectProblem(await post(streamer, `/v1/nex/streams/${id}/key`), 409, 'conflict');

    // Without NEX_INGEST_SECRET, the media server's webhook cannot verify anything: 503.
    const ingest = await app.inject({
      method: 'POST',
      url: '/v1/nex/streams/ingest-events',
      headers: { 'nex-ingest-signature': `t=1,v1=${'0'.repeat(64)}` },
      payload: { event: 'publish', streamKey },
    });
    expectProblem(ingest, 503, 'unavailable');
  });

  it('feed anonymous viewers the status moves and confirmed donations, live and resumable', async () => {
    const streamer = await joinedCreator(app);
    const [seen, hidden] = [await joinedCreator(app), await joinedCreator(app)];
    const created = (await post(streamer, '/v1/nex/streams', { title: '配信フィード' })).json();
    const url = `/v1/nex/streams/${created.id}/events`;
    // Opened while the stream is scheduled: it follows until the stream ends.
    const following = app.inject({ method: 'GET', url });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await post(streamer, `/v1/nex/streams/${created.id}/start`);
    for (const [donor, isAnonymous] of [
      [seen, false],
      [hidden, true],
    ] as const) {
      const placed = await post(donor, `/v1/nex/streams/${created.id}/donations`, {
        amount: 700,
        message: 'がんばって',
        isAnonymous,
      });
      await simulatePayment(app, donor, placed.json().payment.id, 'succeeded');
    }
    const pending = await post(seen, `/v1/nex/streams/${created.id}/donations`, { amount: 900 });
    expect(pending.statusCode).toBe(201);
    await post(streamer, `/v1/nex/streams/${created.id}/end`);

    const response = await following;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseSse(response.body).filter((e) => e.data);
    // First the count of open feeds (this one), unnumbered; then the stream's own events.
    const viewers = events.shift();
    expect(viewers).toMatchObject({ event: 'viewers' });
    expect(viewers?.id).toBeUndefined();
    expect(JSON.parse(viewers?.data as string)).toEqual({ viewerCount: 1 });
    expect(events.map((e) => e.event)).toEqual(['status', 'donation', 'donation', 'status']);
    const data = events.map((e) => JSON.parse(e.data as string));
    expect(data[0]).toMatchObject({ status: 'live', startedAt: expect.any(String), endedAt: null });
    expect(data[1]).toMatchObject({ donorUsername: seen.username, amount: 700, isAnonymous: false });
    expect(data[2]).toMatchObject({ donorUsername: null, amount: 700, isAnonymous: true });
    expect(response.body).not.toContain(hidden.username);
    expect(response.body).not.toContain(hidden.id);
    expect(data[3]).toMatchObject({ status: 'ended', endedAt: expect.any(String) });

    // Over: its events, then the end at once; resumed after an id, only what came after it.
    const ids = events.map((e) => Number(e.id));
    const replay = await app.inject({ method: 'GET', url });
    expect(
      parseSse(replay.body)
        .filter((e) => e.data)
        .map((e) => Number(e.id)),
    ).toEqual(ids);
    const resumed = await app.inject({ method: 'GET', url, headers: { 'last-event-id': String(ids[1]) } });
    expect(
      parseSse(resumed.body)
        .filter((e) => e.data)
        .map((e) => Number(e.id)),
    ).toEqual(ids.slice(2));
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/nex/streams/${crypto.randomUUID()}/events` }),
      404,
      'not_found',
    );
  });

  it('take a thumbnail, an archive once ended, and settings that refuse donations', async () => {
    const streamer = await joinedCreator(app);
    const [donor, stranger] = [await joinedCreator(app), await joinedCreator(app)];
    const stream = await liveStream(streamer);
    const url = `/v1/nex/streams/${stream.id}`;
    const patch = (who: Creator, payload: Record<string, unknown>) =>
      as(app, who.accessToken, { method: 'PATCH', url, payload });
    const donateTo = (amount: number) => post(donor, `${url}/donations`, { amount });
    expect((await app.inject({ method: 'GET', url })).json()).toMatchObject({
      thumbnailFileId: null,
      archiveFileId: null,
      settings: { donationsEnabled: true, minDonationAmount: 100 },
    });

    // The thumbnail: the streamer's own file only, then readable by anyone.
    const thumbnail = await uploadImage(app, streamer);
    const file = `/v1/files/${thumbnail}`;
    expect((await app.inject({ method: 'GET', url: file })).statusCode).toBe(404);
    expectProblem(
      await patch(streamer, { thumbnailFileId: await uploadImage(app, stranger) }),
      400,
      'validation_failed',
    );
    expectProblem(await patch(stranger, { thumbnailFileId: thumbnail }), 403, 'forbidden');
    expectProblem(await patch(streamer, { settings: { minDonationAmount: 99 } }), 400, 'validation_failed');
    const changed = await patch(streamer, {
      thumbnailFileId: thumbnail,
      settings: { minDonationAmount: 500 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      thumbnailFileId: thumbnail,
      settings: { donationsEnabled: true, minDonationAmount: 500 },
    });
    expect((await app.inject({ method: 'GET', url: file })).statusCode).toBe(200);

    // Settings: below the minimum is 400, donations off is 409; nothing is placed either way.
    expectProblem(await donateTo(400), 400, 'validation_failed');
    expect((await donateTo(500)).statusCode).toBe(201);
    await patch(streamer, { settings: { donationsEnabled: false } });
    expectProblem(await donateTo(1000), 409, 'conflict');
    const placed = await admin.oneFirst(
      sql.unsafe`SELECT count(*)::int FROM nex.donations WHERE stream_id = ${stream.id}`,
    );
    expect(placed).toBe(1);

    // The archive: only once ended, the streamer's file, then readable by anyone.
    const archive = await uploadImage(app, streamer);
    expectProblem(await patch(streamer, { archiveFileId: archive }), 409, 'conflict');
    await post(streamer, `${url}/end`);
    const archived = await patch(streamer, { archiveFileId: archive });
    expect(archived.json()).toMatchObject({
      status: 'ended',
      archiveFileId: archive,
      thumbnailFileId: thumbnail,
      settings: { donationsEnabled: false, minDonationAmount: 500 },
    });
    expect((await app.inject({ method: 'GET', url: `/v1/files/${archive}` })).statusCode).toBe(200);
    expect((await patch(streamer, { archiveFileId: null })).json().archiveFileId).toBeNull();
    expect((await app.inject({ method: 'GET', url: `/v1/files/${archive}` })).statusCode).toBe(404);
    // A replaced thumbnail is private again; the new one is public.
    const next = await uploadImage(app, streamer);
    expect((await patch(streamer, { thumbnailFileId: next })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: file })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/v1/files/${next}` })).statusCode).toBe(200);
  });

  it('count open feeds over HTTP as viewers, forget a dead process’s, and keep the peak', async () => {
    const streamer = await joinedCreator(app);
    const stream = await liveStream(streamer);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const counts = async () => {
      const got = (await app.inject({ method: 'GET', url: `/v1/nex/streams/${stream.id}` })).json();
      return { viewerCount: got.viewerCount, maxViewers: got.maxViewers };
    };
    const until = async (want: { viewerCount: number; maxViewers: number }) => {
      for (let tries = 0; tries < 100 && JSON.stringify(await counts()) !== JSON.stringify(want); tries++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await counts()).toEqual(want);
    };
    const rows = async () =>
      admin.oneFirst(sql.unsafe`SELECT count(*)::int FROM nex.stream_viewers WHERE stream_id = ${stream.id}`);
    // Opens a feed on a connection of its own and waits for its first bytes: by then it is
    // counted. Destroying the request closes the connection, as a viewer going away does.
    const open = () =>
      new Promise<ClientRequest>((resolve, reject) => {
        const request = httpGet(
          `${address}/v1/nex/streams/${stream.id}/events`,
          { agent: false },
          (response) => response.once('data', () => resolve(request)),
        );
        request.once('error', reject);
      });
    expect(await counts()).toEqual({ viewerCount: 0, maxViewers: 0 });
    const feeds = await Promise.all(Array.from({ length: 5 }, open));
    await until({ viewerCount: 5, maxViewers: 5 });
    for (const feed of feeds.slice(0, 3)) feed.destroy();
    await until({ viewerCount: 2, maxViewers: 5 });
    expect(await rows()).toBe(2);

    // A feed whose process died stops being refreshed: unseen for a minute, it no longer counts,
    // and the next feed to open clears its row.
    await admin.query(sql.unsafe`
      UPDATE nex.stream_viewers SET seen_at = now() - interval '61 seconds'
      WHERE id = (SELECT id FROM nex.stream_viewers WHERE stream_id = ${stream.id} LIMIT 1)
    `);
    await until({ viewerCount: 1, maxViewers: 5 });
    const late = await open();
    await until({ viewerCount: 2, maxViewers: 5 });
    expect(await rows()).toBe(2);

    for (const feed of [...feeds.slice(3), late]) feed.destroy();
    await until({ viewerCount: 0, maxViewers: 5 });
    expect(await rows()).toBe(0);
    // Nobody but the counters' functions writes the rows or the peak.
    for (const write of [
      sql.unsafe`INSERT INTO nex.stream_viewers (stream_id) VALUES (${stream.id})`,
      sql.unsafe`UPDATE nex.streams SET max_viewers = 1000 WHERE id = ${stream.id}`,
    ]) {
      await expect(
        admin.transaction(async (tx) => {
          await tx.query(sql.unsafe`SET LOCAL ROLE yorozu_app`);
          await tx.query(write);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('count donations only once paid: 10 at once, 6 paid, 2 failed, 2 pending → 6 counted and credited', async () => {
    const streamer = await joinedCreator(app);
    const stream = await liveStream(streamer);
    const donors = await Promise.all(Array.from({ length: 10 }, () => joinedCreator(app)));
    const placed = await Promise.all(
      donors.map((donor, i) =>
        post(donor, `/v1/nex/streams/${stream.id}/donations`, {
          amount: 1000,
          message: `応援 ${i}`,
          isAnonymous: i === 0,
        }),
      ),
    );
    expect(placed.map((p) => p.statusCode)).toEqual(Array(10).fill(201));
    for (const p of placed)
      expect(p.json()).toMatchObject({ status: 'pending', payment: { id: expect.any(String) } });
    expect(placed[0]!.json().donorUsername).toBeNull();
    const outcomes = donors.map((_, i) => (i < 6 ? 'succeeded' : i < 8 ? 'failed' : null));
    await Promise.all(
      donors.flatMap((donor, i) => {
        const outcome = outcomes[i];
        return outcome ? [simulatePayment(app, donor, placed[i]!.json().payment.id, outcome)] : [];
      }),
    );
    const after = (await app.inject({ method: 'GET', url: `/v1/nex/streams/${stream.id}` })).json();
    expect(after).toMatchObject({ totalDonations: 6000, donationCount: 6 });
    expect(await balances(app, streamer)).toEqual([{ currency: 'JPY', available: 5400, withdrawing: 0 }]);

    // The public list, and the streamer's own view, show six, the anonymous one without a donor.
    for (const reader of [undefined, streamer]) {
      const listed = await app.inject({
        method: 'GET',
        url: `/v1/nex/streams/${stream.id}/donations?limit=100`,
        ...(reader ? { headers: { authorization: `Bearer ${reader.accessToken}` } } : {}),
      });
      const data = listed.json().data as Record<string, unknown>[];
      expect(data).toHaveLength(6);
      const hidden = data.find((d) => d.id === placed[0]!.json().id);
      expect(hidden).toMatchObject({ isAnonymous: true, donorUsername: null, message: '応援 0' });
      expect(listed.body).not.toContain(donors[0]!.username);
      expect(listed.body).not.toContain(donors[0]!.id);
      expect(data.find((d) => d.id === placed[1]!.json().id)?.donorUsername).toBe(donors[1]!.username);
    }

    // Not to oneself, not to a stream that is not live.
    expectProblem(
      await post(streamer, `/v1/nex/streams/${stream.id}/donations`, { amount: 500 }),
      409,
      'conflict',
    );
    await post(streamer, `/v1/nex/streams/${stream.id}/end`);
    expectProblem(
      await post(donors[1]!, `/v1/nex/streams/${stream.id}/donations`, { amount: 500 }),
      409,
      'conflict',
    );
  });
});
