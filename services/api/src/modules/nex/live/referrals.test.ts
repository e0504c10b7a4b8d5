import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { type Creator, joinedCreator, publishedArtwork } from '../testing.ts';
import { deviceType } from './referrals.ts';
import { draftEvent, publishedEvent } from './testing.ts';

// jsqr is CommonJS whose typings declare an ES default export: the function is module.exports itself.
const jsQR = jsqr as unknown as typeof jsqr.default;

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const createReferral = (c: Creator, payload: Record<string, unknown>) =>
  as(app, c.accessToken, { method: 'POST', url: '/v1/nex/referrals', payload });

function decodePng(bytes: Buffer) {
  const png = PNG.sync.read(bytes);
  return { png, qr: jsQR(new Uint8ClampedArray(png.data), png.width, png.height) };
}

describe('nex referrals', () => {
  it('render a QR code that decodes to the tracking link, in the chosen colours and size', async () => {
    const yuki = await joinedCreator(app);
    const event = await publishedEvent(app, yuki);
    const created = await createReferral(yuki, {
      referralType: 'event',
      referenceId: event.id,
      qrDarkColor: '#1A1A2E',
      qrLightColor: '#FFF8E7',
      qrSize: 300,
    });
    expect(created.statusCode, created.body).toBe(201);
    const referral = created.json();
    expect(referral).toMatchObject({
      commissionBasisPoints: 500,
      status: 'active',
      qrDarkColor: '#1a1a2e',
      clickCount: 0,
    });
    expect(referral.code).toMatch(/^[A-Za-z0-9_-]{10}$/);

    const png = await app.inject({
      method: 'GET',
      url: `/v1/nex/referrals/${referral.code}/qr?format=png`,
      headers: { host: 'nex.example.com' },
    });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const decoded = decodePng(png.rawPayload);
    expect(decoded.png.width).toBe(300);
    expect(decoded.qr?.data).toBe(`http://nex.example.com/r/${referral.code}?src=qr`);
    // The corner pixel is the light colour (the quiet zone), a finder pattern pixel the dark one.
    expect([...decoded.png.data.subarray(0, 3)]).toEqual([0xff, 0xf8, 0xe7]);
    const { x, y } = decoded.qr!.location.topLeftFinderPattern;
    const at = (Math.round(y) * 300 + Math.round(x)) * 4;
    expect([...decoded.png.data.subarray(at, at + 3)]).toEqual([0x1a, 0x1a, 0x2e]);

    const svg = await app.inject({ method: 'GET', url: `/v1/nex/referrals/${referral.code}/qr` });
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toContain('<svg');
    expect(svg.body).toContain('#1a1a2e');

    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/nex/referrals/nope-nope/qr' }),
      404,
      'not_found',
    );
  });

  it('count every visit exactly under concurrency, store only the network, and redirect', async () => {
    const [yuki, mallory] = [await joinedCreator(app), await joinedCreator(app)];
    const piece = await publishedArtwork(app, yuki);
    const code = `art-${yuki.id.slice(0, 8)}`;
    expect(
      (await createReferral(yuki, { referralType: 'artwork', referenceId: piece.id, code })).statusCode,
    ).toBe(201);
    expectProblem(await createReferral(mallory, { referralType: 'user', code }), 409, 'conflict');

    const visit = (src: string, ua: string) =>
      app.inject({
        method: 'GET',
        url: `/r/${code}${src}`,
        headers: { 'user-agent': ua, referer: 'https://sns.example/post/1' },
        remoteAddress: '203.0.113.77',
      });
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, () => visit('', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)')),
      ...Array.from({ length: 20 }, () => visit('?src=qr', iphone)),
    ]);
    expect(answers[0]?.body).toBe('');
    for (const answer of answers) {
      expect(answer.statusCode).toBe(302);
      expect(answer.headers.location).toBe(`http://localhost:80/v1/nex/artworks/${piece.id}?ref=${code}`);
    }
    const stats = (
      await as(app, yuki.accessToken, { method: 'GET', url: `/v1/nex/referrals/${code}` })
    ).json();
    expect(stats).toMatchObject({ clickCount: 30, scanCount: 20 });

    const visits = (await admin.any(sql.unsafe`
      SELECT source, device_type, host(ip_network) AS network, masklen(ip_network) AS bits, country_code, referer
      FROM nex.referral_visits v JOIN nex.referral_codes c ON c.id = v.code_id WHERE c.code = ${code}
    `)) as readonly Record<string, unknown>[];
    expect(visits).toHaveLength(50);
    expect(new Set(visits.map((v) => `${v.source}/${v.device_type}`))).toEqual(
      new Set(['click/desktop', 'scan/mobile']),
    );
    for (const v of visits) expect(v).toMatchObject({ network: '203.0.113.0', bits: 24, country_code: null });

    // The referrer's visits are its own: another account reads nothing, by API or SQL.
    expectProblem(
      await as(app, mallory.accessToken, { method: 'GET', url: `/v1/nex/referrals/${code}` }),
      404,
      'not_found',
    );
    const seen = await withAccount(pool, mallory.id, (db) =>
      db.any(sql.unsafe`SELECT id FROM nex.referral_visits v WHERE v.account_id = ${yuki.id}`),
    );
    expect(seen).toHaveLength(0);
    // Nor can the service role write visits or counts itself.
    await expect(
      withAccount(pool, yuki.id, (db) =>
        db.query(sql.unsafe`UPDATE nex.referral_codes SET click_count = 1000 WHERE code = ${code}`),
      ),
    ).rejects.toThrow(/permission denied/);

    // Paused or expired codes count nothing and 404.
    await as(app, yuki.accessToken, {
      method: 'PATCH',
      url: `/v1/nex/referrals/${code}`,
      payload: { status: 'paused' },
    });
    expectProblem(await visit('', iphone), 404, 'not_found');
    await admin.query(
      sql.unsafe`UPDATE nex.referral_codes SET status = 'active', expires_at = now() - interval '1 second' WHERE code = ${code}`,
    );
    expectProblem(await visit('', iphone), 404, 'not_found');
    expect(
      (await as(app, yuki.accessToken, { method: 'GET', url: `/v1/nex/referrals/${code}` })).json(),
    ).toMatchObject({
      status: 'expired',
      clickCount: 30,
    });
  });

  it('refer only to public things; a user code is its owner', async () => {
    const yuki = await joinedCreator(app);
    const draft = await draftEvent(app, yuki);
    expectProblem(
      await createReferral(yuki, { referralType: 'event', referenceId: draft.id }),
      400,
      'validation_failed',
    );
    expectProblem(await createReferral(yuki, { referralType: 'event' }), 400, 'validation_failed');
    const invite = await createReferral(yuki, { referralType: 'user' });
    expect(invite.json()).toMatchObject({ referralType: 'user', referenceId: yuki.id });
    const followed = await app.inject({ method: 'GET', url: `/r/${invite.json().code}` });
    expect(followed.headers.location).toBe(
      `http://localhost:80/v1/nex/creators/${yuki.username}?ref=${invite.json().code}`,
    );
    const list = await as(app, yuki.accessToken, { method: 'GET', url: '/v1/nex/referrals' });
    expect(list.json().data).toHaveLength(1);
  });

  it('guesses device types from user agents (a heuristic)', () => {
    expect(deviceType('')).toBe('unknown');
    expect(deviceType('Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe('bot');
    expect(deviceType('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)')).toBe('tablet');
    expect(deviceType('Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36')).toBe('mobile');
    expect(deviceType('Mozilla/5.0 (Linux; Android 14; SM-X710) Safari/537.36')).toBe('tablet');
    expect(deviceType('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)')).toBe('desktop');
  });
});
