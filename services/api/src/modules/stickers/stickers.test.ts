import { randomUUID } from 'node:crypto';
import { STICKER_RARITIES } from '@yorozu/contract';
import { stickerGenerator } from '@yorozu/renderers';
import { assertWellFormedXml, svgRoot } from '@yorozu/renderers/testing';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { superuserPool } from '../../../test/superuser.ts';
import { waitForJob } from '../../../test/worker.ts';
import { postgresFileStore } from '../../kernel/files/index.ts';
import { startJobRunner } from '../../kernel/jobs/index.ts';
import { spendsAtCommit } from '../../kernel/metering/index.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { cleanupStickers } from './cleanup.ts';
import { createSticker } from './create.ts';
import { scheduledTasks } from './jobs.ts';
import { download, renderSticker, requestSticker, secretSticker, startStickerWorker } from './testing.ts';
import { promptTokens } from './tokens.ts';

const { app, pool, databaseUrl } = await testApp();
const superuser = await superuserPool(databaseUrl);
await startStickerWorker(databaseUrl);

// A 1x1 transparent PNG.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function upload(account: Account, bytes: Buffer, contentType: string): Promise<string> {
  const response = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/files',
    payload: bytes,
    headers: { 'content-type': contentType },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

function get(account: Account, url: string) {
  return as(app, account.accessToken, { method: 'GET', url });
}

async function stickerQuota(account: Account) {
  const usage = (await get(account, '/v1/usage')).json();
  return usage.data.find((metric: { product: string }) => metric.product === 'stickers');
}

async function ledger(account: Account) {
  return (await get(account, '/v1/usage/ledger?product=stickers&limit=100')).json().data as {
    kind: string;
  }[];
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * The tokens of the prompts of the account's rendered stickers (`usage.totalTokens`), counted
 * here from each image's stored prompt: the request counts them from the same text.
 */
async function tokensOfRenderedImages(account: Account) {
  const images = (await get(account, '/v1/stickers/images?limit=100')).json().data;
  const tokens = images.map((image: { prompt: string }) => promptTokens(image.prompt));
  expect(tokens.every((count: number) => count > 20)).toBe(true);
  return tokens.reduce((sum: number, count: number) => sum + count, 0);
}

async function usageToday(account: Account) {
  const days = (await get(account, `/v1/stickers/usage?from=${today()}&to=${today()}`)).json().data;
  return days[0];
}

/**
 * Enqueues a render job that fails whoever runs it: its source image is
 * deleted in the transaction that enqueued the job, so the job finds none.
 */
async function failingJob(account: Account, request: Record<string, unknown>): Promise<string> {
  const source = await upload(account, PIXEL_PNG, 'image/png');
  return withAccount(pool, account.id, async (db) => {
    const spends = spendsAtCommit(db);
    const { body } = await createSticker(
      db,
      account.id,
      { ...request, sourceImageFileId: source } as Parameters<typeof createSticker>[2],
      {
        files: postgresFileStore,
        generatorName: stickerGenerator.name,
        cacheTtlDays: 7,
        maxImagePixels: 25_000_000,
      },
      spends.spend,
    );
    await postgresFileStore.delete(db, account.id, source);
    await spends.settle();
    if (!body.job) throw new Error('expected a job');
    return body.job.id;
  });
}

/** A distinct request per index, so the cache never answers. */
function variant(index: number) {
  return { ...secretSticker, title: `Sticker ${index}` };
}

describe('rendering through the job', () => {
  it.each(STICKER_RARITIES)(
    'draws a %s sticker with every effect as valid SVG, the same bytes every time',
    async (rarity) => {
      const request = { ...secretSticker, rarity };
      const [first, second] = [await signUp(app), await signUp(app)];
      // Two accounts: the cache is per account, so each renders the request itself.
      const a = await renderSticker(app, first, request);
      const b = await renderSticker(app, second, request);
      expect(a.job.progress).toBe(100);
      expect(a.image).toMatchObject({
        rarity,
        contentType: 'image/svg+xml',
        width: 600,
        height: 840,
        backgroundColor: '#3a7bd5',
        effects: { sparkle: true, glow: true, holo: true },
        style: { frame: 'ornate', pattern: 'rays' },
        jobId: a.job.id,
        imageUrl: `/v1/files/${a.image.fileId}`,
        generator: 'procedural-svg/sticker',
      });
      expect(a.image.prompt).toContain(`${rarity.replace('_', ' ')} rarity`);
      const fileA = await download(app, first, a.image.fileId);
      const fileB = await download(app, second, b.image.fileId);
      expect(fileA.headers['content-type']).toMatch(/^image\/svg\+xml/);
      const svg = fileA.body;
      assertWellFormedXml(svg);
      expect(svgRoot(svg)).toMatchObject({ width: 600, height: 840 });
      expect(svg).toContain(`data-rarity="${rarity}"`);
      for (const part of ['sparkles', 'holo']) expect(svg).toContain(`data-part="${part}"`);
      expect(svg).toMatch(/-glow\)"/);
      expect(fileA.rawPayload.equals(fileB.rawPayload)).toBe(true);
    },
  );

  it('renders a PNG when asked', async () => {
    const account = await signUp(app);
    const { image } = await renderSticker(app, account, { ...secretSticker, format: 'png' });
    expect(image.contentType).toBe('image/png');
    const file = await download(app, account, image.fileId);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });

  it('draws the source image in the portrait window, and refuses an SVG one', async () => {
    const account = await signUp(app);
    const png = await upload(account, PIXEL_PNG, 'image/png');
    const { image } = await renderSticker(app, account, { ...secretSticker, sourceImageFileId: png });
    expect(image.sourceImageFileId).toBe(png);
    const svg = (await download(app, account, image.fileId)).body;
    expect(svg).toContain(`href="data:image/png;base64,${PIXEL_PNG.toString('base64')}"`);

    const svgFile = await upload(
      account,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'),
      'image/svg+xml',
    );
    const refused = await requestSticker(app, account, { ...secretSticker, sourceImageFileId: svgFile });
    expect(expectProblem(refused, 400, 'validation_failed').errors).toEqual([
      { path: '/body/sourceImageFileId', message: 'must be a PNG, JPEG or WebP image, not image/svg+xml' },
    ]);
    // Another account's file is not a file of this one.
    const other = await signUp(app);
    const foreign = await requestSticker(app, other, { ...secretSticker, sourceImageFileId: png });
    expect(expectProblem(foreign, 400, 'validation_failed').errors[0].path).toBe('/body/sourceImageFileId');
  });
});

describe('prompt cache', () => {
  it('answers the same request with the same image at once: 201, no job, no quota', async () => {
    const account = await signUp(app);
    const { image } = await renderSticker(app, account, secretSticker);
    expect((await stickerQuota(account)).used).toBe(1);

    // The same sticker, written differently: colour case, spacing, key order, effects off, defaults spelled out.
    const same = {
      style: { pattern: 'rays', frame: 'ornate' },
      effects: { holo: true, glow: true, sparkle: true },
      backgroundColor: '#3a7bd5',
      rarity: 'secret',
      attribute: 'holy',
      characterName: '  ヘッドロココ ',
      title: 'スーパーゼウス',
      format: 'svg',
    };
    const hit = await requestSticker(app, account, same);
    expect(hit.statusCode).toBe(201);
    expect(hit.json()).toEqual({ image, job: null });
    expect(hit.headers['yorozu-quota-remaining']).toBeUndefined();
    expect((await stickerQuota(account)).used).toBe(1);
    expect(await ledger(account)).toHaveLength(1);
    expect(await usageToday(account)).toMatchObject({ imageCount: 1, successCount: 1, cacheHitCount: 1 });

    // Anything that changes the picture misses.
    const miss = await requestSticker(app, account, { ...secretSticker, effects: { sparkle: true } });
    expect(miss.statusCode).toBe(202);
    await waitForJob(app, account.accessToken, miss.json().job.id);
  });

  it('renders anew after the entry expired, and caches the new image', async () => {
    const account = await signUp(app);
    const first = await renderSticker(app, account, secretSticker);
    await withAccount(pool, account.id, (db) =>
      db.query(sql.unsafe`UPDATE stickers.image_cache SET expires_at = now() - interval '1 second'`),
    );
    const again = await requestSticker(app, account, secretSticker);
    expect(again.statusCode).toBe(202);
    const job = await waitForJob(app, account.accessToken, again.json().job.id);
    expect(job.result.imageId).not.toBe(first.image.id);
    const hit = await requestSticker(app, account, secretSticker);
    expect(hit.statusCode).toBe(201);
    expect(hit.json().image.id).toBe(job.result.imageId);
    expect((await stickerQuota(account)).used).toBe(2);
  });

  it('forgets a deleted image: its file is gone and the request renders again', async () => {
    const account = await signUp(app);
    const { image } = await renderSticker(app, account, secretSticker);
    const deleted = await as(app, account.accessToken, {
      method: 'DELETE',
      url: `/v1/stickers/images/${image.id}`,
    });
    expect(deleted.statusCode).toBe(204);
    expectProblem(await get(account, `/v1/stickers/images/${image.id}`), 404, 'not_found');
    expectProblem(await download(app, account, image.fileId), 404, 'not_found');
    expect((await requestSticker(app, account, secretSticker)).statusCode).toBe(202);
  });

  it('replays an Idempotency-Key: one job, one image of quota; a replayed cache hit stays 201', async () => {
    const account = await signUp(app);
    const headers = { 'idempotency-key': randomUUID() };
    const first = await requestSticker(app, account, secretSticker, headers);
    const replay = await requestSticker(app, account, secretSticker, headers);
    expect(first.statusCode).toBe(202);
    expect(replay.statusCode).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().job.id).toBe(first.json().job.id);
    expect((await stickerQuota(account)).used).toBe(1);
    await waitForJob(app, account.accessToken, first.json().job.id);

    const hitHeaders = { 'idempotency-key': randomUUID() };
    const hit = await requestSticker(app, account, secretSticker, hitHeaders);
    const hitReplay = await requestSticker(app, account, secretSticker, hitHeaders);
    expect([hit.statusCode, hitReplay.statusCode]).toEqual([201, 201]);
    expect(hitReplay.json()).toEqual(hit.json());
  });
});

describe('daily quota and usage statistics', () => {
  it('accepts exactly 10 of 20 concurrent requests on the free plan; the rest get 402 until next UTC midnight', async () => {
    const account = await signUp(app);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) => requestSticker(app, account, variant(index))),
    );
    const accepted = responses.filter((response) => response.statusCode === 202);
    const refused = responses.filter((response) => response.statusCode === 402);
    expect([accepted.length, refused.length]).toEqual([10, 10]);
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    for (const response of refused) {
      const problem = expectProblem(response, 402, 'quota_exceeded');
      expect(problem.quota).toMatchObject({ product: 'stickers', metric: 'images', limit: 10, used: 10 });
      expect(Date.parse(problem.quota.resetsAt)).toBe(midnight);
    }
    const remaining = accepted
      .map((response) => Number(response.headers['yorozu-quota-remaining']))
      .sort((a, b) => a - b);
    expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const jobs = await Promise.all(
      accepted.map((response) => waitForJob(app, account.accessToken, response.json().job.id)),
    );
    expect(jobs.every((job) => job.status === 'succeeded')).toBe(true);
    expect(await usageToday(account)).toEqual({
      date: today(),
      imageCount: 10,
      totalTokens: await tokensOfRenderedImages(account),
      successCount: 10,
      failureCount: 0,
      cacheHitCount: 0,
    });
    expect((await ledger(account)).filter((entry) => entry.kind === 'spend')).toHaveLength(10);
  });

  it('leaves no job, audit row, ledger row or stored response behind a 402, and keeps the Idempotency-Key usable', async () => {
    const account = await signUp(app);
    const setUsed = (used: number) =>
      superuser.query(sql.unsafe`
        INSERT INTO platform.quota_counters (account_id, product, metric, period_start, used)
        VALUES (${account.id}, 'stickers', 'images', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', ${used})
        ON CONFLICT (account_id, product, metric, subject, period_start) DO UPDATE SET used = EXCLUDED.used
      `);
    const traces = () =>
      superuser.one(sql.unsafe`
        SELECT (SELECT count(*) FROM platform.jobs WHERE account_id = ${account.id}) AS jobs,
               (SELECT count(*) FROM platform.audit_log
                 WHERE account_id = ${account.id} AND action = 'stickers.images.create') AS audit,
               (SELECT count(*) FROM platform.usage_ledger WHERE account_id = ${account.id}) AS ledger,
               (SELECT count(*) FROM platform.idempotency_keys WHERE account_id = ${account.id}) AS stored
      `);
    const headers = { 'idempotency-key': randomUUID() };
    await setUsed(10);
    expectProblem(await requestSticker(app, account, variant(1), headers), 402, 'quota_exceeded');
    expect(await traces()).toEqual({ jobs: 0, audit: 0, ledger: 0, stored: 0 });

    await setUsed(9);
    const accepted = await requestSticker(app, account, variant(1), headers);
    expect(accepted.statusCode).toBe(202);
    expect(accepted.headers['yorozu-quota-remaining']).toBe('0');
    expect(await traces()).toEqual({ jobs: 1, audit: 1, ledger: 1, stored: 1 });
  });

  it('agrees with the ledger: a failed job is refunded once and counted as a failure', async () => {
    const account = await signUp(app);
    await renderSticker(app, account, variant(1));
    await renderSticker(app, account, variant(2));
    expect((await requestSticker(app, account, variant(1))).statusCode).toBe(201);

    const jobId = await failingJob(account, variant(3));
    const failed = await waitForJob(app, account.accessToken, jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('source_image_missing');

    const entries = await ledger(account);
    const spends = entries.filter((entry) => entry.kind === 'spend').length;
    const refunds = entries.filter((entry) => entry.kind === 'refund').length;
    expect([spends, refunds]).toEqual([3, 1]);
    const usage = await usageToday(account);
    expect(usage).toMatchObject({
      imageCount: 2,
      successCount: 2,
      failureCount: 1,
      cacheHitCount: 1,
      // The failed render's prompt counts nothing: only rendered images' tokens do.
      totalTokens: await tokensOfRenderedImages(account),
    });
    expect(usage.imageCount).toBe(spends - refunds);
    expect(usage.failureCount).toBe(refunds);
    expect((await stickerQuota(account)).used).toBe(spends - refunds);
  });

  it('lists usage days newest first within from and to', async () => {
    const account = await signUp(app);
    await withAccount(pool, account.id, (db) =>
      db.query(sql.unsafe`
        INSERT INTO stickers.usage_stats (account_id, day, image_count, success_count)
        SELECT ${account.id}, day, 1, 1 FROM generate_series('2026-01-01'::date, '2026-01-05'::date, '1 day') AS day
      `),
    );
    const page = (await get(account, '/v1/stickers/usage?from=2026-01-02&to=2026-01-04&limit=2')).json();
    expect(page.data.map((day: { date: string }) => day.date)).toEqual(['2026-01-04', '2026-01-03']);
    const next = (
      await get(account, `/v1/stickers/usage?from=2026-01-02&to=2026-01-04&limit=2&cursor=${page.nextCursor}`)
    ).json();
    expect(next).toEqual({
      data: [
        {
          date: '2026-01-02',
          imageCount: 1,
          totalTokens: 0,
          successCount: 1,
          failureCount: 0,
          cacheHitCount: 0,
        },
      ],
      nextCursor: null,
    });
  });
});

describe('history', () => {
  it('lists images newest first, filtered by rarity, attribute and date range, page by page', async () => {
    const account = await signUp(app);
    const drawn = [];
    for (const [index, rarity] of ['common', 'rare', 'rare', 'secret'].entries()) {
      const attribute = index % 2 === 0 ? 'fire' : 'water';
      drawn.push((await renderSticker(app, account, { ...variant(index), rarity, attribute })).image);
    }
    const ids = (url: string) =>
      get(account, url).then((response) => response.json().data.map((image: { id: string }) => image.id));
    const newestFirst = drawn.map((image) => image.id).reverse();
    expect(await ids('/v1/stickers/images')).toEqual(newestFirst);
    expect(await ids('/v1/stickers/images?rarity=rare')).toEqual([drawn[2].id, drawn[1].id]);
    expect(await ids('/v1/stickers/images?attribute=fire')).toEqual([drawn[2].id, drawn[0].id]);
    expect(await ids('/v1/stickers/images?rarity=rare&attribute=water')).toEqual([drawn[1].id]);
    const range = `from=${encodeURIComponent(drawn[1].createdAt)}&to=${encodeURIComponent(drawn[3].createdAt)}`;
    expect(await ids(`/v1/stickers/images?${range}`)).toEqual([drawn[2].id, drawn[1].id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: { id: string }[]; nextCursor: string | null } = (
        await get(account, `/v1/stickers/images?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.data.map((image) => image.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
  });

  it("answers another account's image or task id exactly like a missing one", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const { job, image } = await renderSticker(app, owner, secretSticker);
    const sameAsMissing = async (method: 'GET' | 'DELETE', url: (id: string) => string, id: string) => {
      const foreign = expectProblem(
        await as(app, intruder.accessToken, { method, url: url(id) }),
        404,
        'not_found',
      );
      const missing = expectProblem(
        await as(app, intruder.accessToken, { method, url: url(randomUUID()) }),
        404,
        'not_found',
      );
      expect({ ...foreign, requestId: '' }).toEqual({ ...missing, requestId: '' });
    };
    await sameAsMissing('GET', (id) => `/v1/stickers/images/${id}`, image.id);
    await sameAsMissing('DELETE', (id) => `/v1/stickers/images/${id}`, image.id);
    await sameAsMissing('GET', (id) => `/v1/jobs/${id}`, job.id);
    await sameAsMissing('GET', (id) => `/v1/files/${id}`, image.fileId);
    expect((await get(intruder, '/v1/stickers/images')).json().data).toEqual([]);
    // The owner still has it.
    expect((await get(owner, `/v1/stickers/images/${image.id}`)).statusCode).toBe(200);
  });
});

// Last in the file: the cleanup works across every account, and the tests above leave no old
// jobs or expired cache entries behind (no other test file makes any), so its counts are exact.
describe('cleanup', () => {
  it('deletes finished jobs older than 7 days and expired cache entries, once, however many run at once', async () => {
    const account = await signUp(app);
    const rendered = [];
    for (let index = 0; index < 4; index++) rendered.push(await renderSticker(app, account, variant(index)));
    const failed = await failingJob(account, variant(4));
    expect((await waitForJob(app, account.accessToken, failed)).status).toBe('failed');
    // A job that never ran (no worker run was scheduled for it) is not finished, however old.
    const queued = await superuser.oneFirst(sql.unsafe`
      INSERT INTO platform.jobs (account_id, type, payload, max_attempts)
      VALUES (${account.id}, 'stickers.render', '{}', 3) RETURNING id
    `);
    const [oldest, old, recent] = rendered;
    const backdate = (ids: string[], days: number) =>
      superuser.query(sql.unsafe`
        UPDATE platform.jobs SET created_at = now() - make_interval(days => ${days})
        WHERE id = ANY(${sql.array(ids, 'uuid')})
      `);
    await backdate([oldest!.job.id, old!.job.id, failed, String(queued)], 8);
    await backdate([recent!.job.id], 6);
    const expire = (imageIds: string[]) =>
      withAccount(pool, account.id, (db) =>
        db.query(sql.unsafe`
          UPDATE stickers.image_cache SET expires_at = now() - interval '1 second'
          WHERE image_id = ANY(${sql.array(imageIds, 'uuid')})
        `),
      );
    await expire([oldest!.image.id, recent!.image.id]);

    const runs = await Promise.all([cleanupStickers(pool), cleanupStickers(pool), cleanupStickers(pool)]);
    expect(runs.reduce((sum, run) => sum + run.tasks, 0)).toBe(3);
    expect(runs.reduce((sum, run) => sum + run.cacheEntries, 0)).toBe(2);
    expect(await cleanupStickers(pool)).toEqual({ tasks: 0, cacheEntries: 0 });

    const jobStatus = async (id: string) => (await get(account, `/v1/jobs/${id}`)).statusCode;
    expect(await Promise.all([oldest!.job.id, old!.job.id, failed].map(jobStatus))).toEqual([404, 404, 404]);
    expect(await Promise.all([recent!.job.id, rendered[3]!.job.id, String(queued)].map(jobStatus))).toEqual([
      200, 200, 200,
    ]);
    // Every image stays in the history with its file; the deleted jobs are no longer named.
    for (const { job, image } of rendered) {
      const kept = (await get(account, `/v1/stickers/images/${image.id}`)).json();
      expect(kept.jobId).toBe([oldest!.job.id, old!.job.id].includes(job.id) ? null : job.id);
      expect((await download(app, account, image.fileId)).statusCode).toBe(200);
    }
    // Expired entries no longer answer; the others still do.
    const answers = await Promise.all(
      [0, 1, 2, 3].map(async (index) => (await requestSticker(app, account, variant(index))).statusCode),
    );
    expect(answers).toEqual([202, 201, 202, 201]);
  });

  it('runs on the job engine as the scheduled task stickers.cleanup, with several workers', async () => {
    // Two workers with the registry's schedules, as `npm start` and services/worker run them.
    const workers = await Promise.all(
      [0, 1].map(() =>
        startJobRunner({ databaseUrl, handlers: {}, schedules: scheduledTasks, pollIntervalMs: 100 }),
      ),
    );
    try {
      const account = await signUp(app);
      const { image } = await renderSticker(app, account, variant(9));
      await withAccount(pool, account.id, (db) =>
        db.query(sql.unsafe`UPDATE stickers.image_cache SET expires_at = now() - interval '1 second'`),
      );
      // What graphile-worker's cron enqueues on each tick; twice, as if two ticks overlapped.
      await superuser.query(sql.unsafe`
        SELECT graphile_worker.add_job('stickers.cleanup'), graphile_worker.add_job('stickers.cleanup')
      `);
      const pending = async () =>
        Number(
          await superuser.oneFirst(sql.unsafe`
          SELECT (SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'stickers.cleanup')
               + (SELECT count(*) FROM stickers.image_cache WHERE image_id = ${image.id})
        `),
        );
      const deadline = Date.now() + 20_000;
      while ((await pending()) > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await pending()).toBe(0);
      expect((await requestSticker(app, account, variant(9))).statusCode).toBe(202);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });
});
