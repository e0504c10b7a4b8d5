import { randomUUID } from 'node:crypto';
import type { ImageGenerator } from '@yorozu/renderers';
import { type CharacterRenderInput, studioCharacterGenerator } from '@yorozu/renderers';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { postgresFileStore } from '../../kernel/files/index.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { startTestWorker } from '../../testing/index.ts';
import { createJobHandlers } from './jobs.ts';
import { createCharacter, generate, uploadImage, waitForJob } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();

/**
 * Characters named "fails: …" break the generator: a rendering failure, with everything else real.
 * Characters named "pauses: …" hold their `sad` expression until `pause.release()`.
 */
function gate() {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
const pause = gate();
const pauseReached = gate();
const generator: ImageGenerator<CharacterRenderInput> = {
  name: 'test/studio-character',
  render: async (input) => {
    if (input.name.startsWith('fails:')) throw new Error('the renderer broke');
    if (input.name.startsWith('pauses:') && input.expression === 'sad') {
      pauseReached.resolve();
      await pause.promise;
    }
    return studioCharacterGenerator.render(input);
  },
};
const startRunner = () =>
  startTestWorker(databaseUrl, createJobHandlers({ generator, files: postgresFileStore }));
let runner = await startRunner();
afterAll(() => runner.stop());

const FIVE = ['neutral', 'happy', 'angry', 'sad', 'surprised'];

async function newCharacter(account: Account, name = 'ゆあちゃん') {
  const baseImageFileId = await uploadImage(app, account);
  return (await createCharacter(app, account, { name, baseImageFileId })).json() as {
    id: string;
    name: string;
    consistencyScore: number;
  };
}

/** The kernel's counter, the ledger's net amount and the studio's transactions, for one account. */
async function creditBooks(accountId: string) {
  return withAccount(pool, accountId, async (tx) => ({
    counter: Number(
      (await tx.maybeOneFirst(sql.unsafe`
        SELECT used FROM platform.quota_counters WHERE account_id = ${accountId} AND product = 'studio'
      `)) ?? 0,
    ),
    ledger: Number(
      await tx.oneFirst(sql.unsafe`
        SELECT COALESCE(sum(amount), 0) FROM platform.usage_ledger WHERE account_id = ${accountId} AND product = 'studio'
      `),
    ),
    spends: Number(
      await tx.oneFirst(sql.unsafe`
        SELECT count(*) FROM platform.usage_ledger WHERE account_id = ${accountId} AND product = 'studio' AND amount > 0
      `),
    ),
    transactions: Number(
      await tx.oneFirst(sql.unsafe`
        SELECT COALESCE(sum(credits_used), 0) FROM studio.credit_transactions WHERE account_id = ${accountId}
      `),
    ),
  }));
}

describe('studio generations', () => {
  it('generates five expressions: differences by expression, images, progress, credits and stats', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const accepted = await generate(app, account, character.id);
    expect(accepted.statusCode).toBe(202);
    const body = accepted.json();
    expect(body.job).toMatchObject({ type: 'studio.generate', status: 'queued', progress: 0 });
    expect(body.generation).toMatchObject({
      id: body.batchId,
      characterId: character.id,
      jobId: body.job.id,
      expressions: FIVE,
      resolution: '2K',
      aspectRatio: '1:1',
      totalDifferences: 5,
      completed: 0,
      status: 'pending',
    });
    expect(accepted.headers['yorozu-quota-remaining']).toBe('4');
    expect(Date.parse(String(accepted.headers['yorozu-quota-reset']))).toBeGreaterThan(Date.now());

    const job = await waitForJob(app, account, body.job.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      progress: 100,
      result: { batchId: body.batchId, characterId: character.id },
    });

    const differences = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences`,
      })
    ).json();
    expect(differences.data.map((d: { expression: string }) => d.expression)).toEqual([...FIVE].sort());
    for (const difference of differences.data) {
      expect(difference).toMatchObject({
        batchId: body.batchId,
        resolution: '2K',
        aspectRatio: '1:1',
        customPrompt: null,
      });
      expect(difference.consistencyScore).toBeGreaterThanOrEqual(0);
      expect(difference.consistencyScore).toBeLessThanOrEqual(100);
      expect(difference.imageUrl).toBe(`/v1/files/${difference.imageFileId}`);
      const image = await as(app, account.accessToken, { method: 'GET', url: difference.imageUrl });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toContain('image/svg+xml');
      expect(image.body).toContain('width="2048"');
    }
    const images = await Promise.all(
      differences.data.map(
        async (d: { imageUrl: string }) =>
          (await as(app, account.accessToken, { method: 'GET', url: d.imageUrl })).body,
      ),
    );
    expect(new Set(images).size).toBe(5);

    const credits = await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/credits' });
    expect(credits.json()).toMatchObject({ plan: 'free', monthlyQuota: 5, usedThisMonth: 1, remaining: 4 });
    const transactions = (
      await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/credit-transactions' })
    ).json();
    expect(transactions.data).toEqual([
      expect.objectContaining({
        characterId: character.id,
        batchId: body.batchId,
        differencesGenerated: 5,
        creditsUsed: 1,
      }),
    ]);

    const scores = differences.data.map((d: { consistencyScore: number }) => d.consistencyScore);
    const mean = Math.round((scores.reduce((a: number, b: number) => a + b, 0) / scores.length) * 100) / 100;
    const stats = (await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/stats' })).json();
    expect(stats).toEqual({ totalCharacters: 1, totalDifferences: 5, averageConsistency: mean });
    const reread = (
      await as(app, account.accessToken, { method: 'GET', url: `/v1/studio/characters/${character.id}` })
    ).json();
    // The mean of the differences has a field of its own; consistencyScore stays the base image's.
    expect(reread.averageDifferenceConsistency).toBeCloseTo(mean, 1);
    expect(reread.consistencyScore).toBe(character.consistencyScore);
  });

  it('draws the same images for the same character and request (deterministic generator and scores)', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const request = {
      expressions: ['custom'],
      customPrompt: 'wink and smile',
      resolution: '1K',
      aspectRatio: '9:16',
    };
    const jobs = [
      (await generate(app, account, character.id, request)).json(),
      (await generate(app, account, character.id, request)).json(),
    ];
    for (const accepted of jobs)
      expect((await waitForJob(app, account, accepted.job.id)).status).toBe('succeeded');
    const list = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences`,
      })
    ).json().data;
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      expression: 'custom',
      customPrompt: 'wink and smile',
      resolution: '1K',
      aspectRatio: '9:16',
    });
    expect(list[0].consistencyScore).toBe(list[1].consistencyScore);
    const [a, b] = await Promise.all(
      list.map(
        async (d: { imageUrl: string }) =>
          (await as(app, account.accessToken, { method: 'GET', url: d.imageUrl })).body,
      ),
    );
    expect(a).toBe(b);
    expect(a).toContain('width="576" height="1024"');
  });

  it('refuses bad expressions with field paths, spending nothing', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const cases: [Record<string, unknown>, string][] = [
      [{ expressions: ['custom'] }, '/body/customPrompt'],
      [{ expressions: ['happy'], customPrompt: 'grin' }, '/body/customPrompt'],
      [{ expressions: ['happy', 'custom'], customPrompt: '' }, '/body/customPrompt'],
      [{ expressions: [] }, '/body/expressions'],
      [{ expressions: ['happy', 'happy'] }, '/body/expressions'],
      [{ expressions: ['smug'] }, '/body/expressions/0'],
      [{ expressions: ['happy'], resolution: '8K' }, '/body/resolution'],
      [{ expressions: ['happy'], aspectRatio: '2:1' }, '/body/aspectRatio'],
      [{ expressions: ['happy'], seed: 4 }, '/body/seed'],
    ];
    for (const [body, path] of cases) {
      const problem = expectProblem(
        await generate(app, account, character.id, body),
        400,
        'validation_failed',
      );
      expect(problem.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect(await creditBooks(account.id)).toEqual({ counter: 0, ledger: 0, spends: 0, transactions: 0 });
  });

  it('accepts exactly 5 of 30 concurrent batches on the free plan; the rest get 402 with the quota', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        generate(app, account, character.id, { expressions: ['happy'], resolution: '1K' }),
      ),
    );
    const accepted = responses.filter((response) => response.statusCode === 202);
    const refused = responses.filter((response) => response.statusCode !== 202);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(25);
    for (const response of refused) {
      const problem = expectProblem(response, 402, 'quota_exceeded');
      expect(problem.quota).toEqual({
        product: 'studio',
        metric: 'credits',
        limit: 5,
        used: 5,
        resetsAt: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00(\.0+)?Z$/),
      });
      expect(response.headers['yorozu-quota-remaining']).toBe('0');
    }
    for (const response of accepted) {
      expect((await waitForJob(app, account, response.json().job.id)).status).toBe('succeeded');
    }
    expect(await creditBooks(account.id)).toEqual({ counter: 5, ledger: 5, spends: 5, transactions: 5 });
    const batches = await withAccount(pool, account.id, (tx) =>
      tx.oneFirst(sql.unsafe`SELECT count(*) FROM studio.generation_jobs WHERE account_id = ${account.id}`),
    );
    expect(Number(batches)).toBe(5);
    const credits = (await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/credits' })).json();
    expect(credits).toMatchObject({ monthlyQuota: 5, usedThisMonth: 5, remaining: 0 });
  });

  it('replays a request with the same Idempotency-Key: one job, one credit', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const headers = { 'idempotency-key': `generate-${randomUUID()}` };
    const body = { expressions: ['happy', 'sad'] };
    const first = await generate(app, account, character.id, body, headers);
    const replay = await generate(app, account, character.id, body, headers);
    expect(first.statusCode).toBe(202);
    expect(replay.statusCode).toBe(202);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expectProblem(
      await generate(app, account, character.id, { expressions: ['angry'] }, headers),
      422,
      'idempotency_key_mismatch',
    );
    await waitForJob(app, account, first.json().job.id);
    const jobs = await withAccount(pool, account.id, (tx) =>
      tx.oneFirst(sql.unsafe`SELECT count(*) FROM platform.jobs WHERE account_id = ${account.id}`),
    );
    expect(Number(jobs)).toBe(1);
    expect(await creditBooks(account.id)).toEqual({ counter: 1, ledger: 1, spends: 1, transactions: 1 });
  });

  it('fails a batch whose rendering fails and refunds its credit once', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account, 'fails: broken renderer');
    const accepted = (await generate(app, account, character.id)).json();
    const job = await waitForJob(app, account, accepted.job.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(await creditBooks(account.id)).toEqual({ counter: 0, ledger: 0, spends: 1, transactions: 0 });
    const refunds = await withAccount(pool, account.id, (tx) =>
      tx.anyFirst(sql.unsafe`
        SELECT refund_of FROM platform.usage_ledger WHERE account_id = ${account.id} AND amount < 0
      `),
    );
    expect(refunds).toHaveLength(1);
    const batch = await withAccount(pool, account.id, (tx) =>
      tx.one(sql.unsafe`SELECT status, completed FROM studio.generation_jobs WHERE id = ${accepted.batchId}`),
    );
    expect(batch).toEqual({ status: 'failed', completed: 0 });
    const credits = (await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/credits' })).json();
    expect(credits).toMatchObject({ usedThisMonth: 0, remaining: 5 });
  }, 40_000);

  it('pages differences by expression, filters, deletes one, and cascades a character delete', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    for (const expressions of [FIVE, ['happy', 'sad']]) {
      const accepted = (await generate(app, account, character.id, { expressions, resolution: '1K' })).json();
      expect((await waitForJob(app, account, accepted.job.id)).status).toBe('succeeded');
    }
    const seen: {
      expression: string;
      createdAt: string;
      id: string;
      imageFileId: string;
      imageUrl: string;
    }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/studio/characters/${character.id}/differences?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await as(app, account.accessToken, { method: 'GET', url })).json();
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((d) => d.expression)).toEqual([
      'angry',
      'happy',
      'happy',
      'neutral',
      'sad',
      'sad',
      'surprised',
    ]);
    const happy = seen.filter((d) => d.expression === 'happy');
    expect(happy[0]?.createdAt && happy[1] && happy[0].createdAt > happy[1].createdAt).toBe(true);

    const onlySad = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences?expression=sad`,
      })
    ).json();
    expect(onlySad.data).toHaveLength(2);
    // A cursor is bound to its character's list.
    const other = await newCharacter(account);
    const firstPage = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences?limit=1`,
      })
    ).json();
    expectProblem(
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${other.id}/differences?cursor=${firstPage.nextCursor}`,
      }),
      400,
      'invalid_cursor',
    );

    const [first] = seen;
    if (!first) throw new Error('no differences');
    const got = await as(app, account.accessToken, {
      method: 'GET',
      url: `/v1/studio/differences/${first.id}`,
    });
    expect(got.json()).toEqual(first);
    expect(
      (await as(app, account.accessToken, { method: 'DELETE', url: `/v1/studio/differences/${first.id}` }))
        .statusCode,
    ).toBe(204);
    expectProblem(
      await as(app, account.accessToken, { method: 'GET', url: `/v1/studio/differences/${first.id}` }),
      404,
      'not_found',
    );
    // Its image goes with it; so do the images of a deleted character, but not its base image.
    const fileStatus = async (url: string) =>
      (await as(app, account.accessToken, { method: 'GET', url })).statusCode;
    expect(await fileStatus(`/v1/files/${first.imageFileId}`)).toBe(404);
    const { baseImageFileId } = (
      await as(app, account.accessToken, { method: 'GET', url: `/v1/studio/characters/${character.id}` })
    ).json();

    expect(
      (await as(app, account.accessToken, { method: 'DELETE', url: `/v1/studio/characters/${character.id}` }))
        .statusCode,
    ).toBe(204);
    for (const difference of seen.slice(1)) expect(await fileStatus(difference.imageUrl)).toBe(404);
    expect(await fileStatus(`/v1/files/${baseImageFileId}`)).toBe(200);
    const left = await withAccount(pool, account.id, async (tx) => ({
      differences: Number(
        await tx.oneFirst(
          sql.unsafe`SELECT count(*) FROM studio.differences WHERE character_id = ${character.id}`,
        ),
      ),
      batches: Number(
        await tx.oneFirst(
          sql.unsafe`SELECT count(*) FROM studio.generation_jobs WHERE character_id = ${character.id}`,
        ),
      ),
    }));
    expect(left).toEqual({ differences: 0, batches: 0 });
    // The credit history outlives the character, without the link (ON DELETE SET NULL).
    const transactions = (
      await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/credit-transactions' })
    ).json();
    expect(transactions.data).toHaveLength(2);
    for (const transaction of transactions.data)
      expect(transaction).toMatchObject({ characterId: null, batchId: null });
    expect((await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/stats' })).json()).toEqual({
      totalCharacters: 1,
      totalDifferences: 0,
      averageConsistency: null,
    });
  });

  it('filters credit transactions by month range', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const accepted = (
      await generate(app, account, character.id, { expressions: ['happy'], resolution: '1K' })
    ).json();
    await waitForJob(app, account, accepted.job.id);
    const month = new Date().toISOString().slice(0, 7);
    const list = async (query: string) =>
      (
        await as(app, account.accessToken, { method: 'GET', url: `/v1/studio/credit-transactions?${query}` })
      ).json();
    expect((await list(`fromMonth=${month}&toMonth=${month}`)).data).toHaveLength(1);
    expect((await list('toMonth=2000-01')).data).toHaveLength(0);
    expect((await list('fromMonth=2999-12')).data).toHaveLength(0);
    const reversed = await as(app, account.accessToken, {
      method: 'GET',
      url: '/v1/studio/credit-transactions?fromMonth=2026-05&toMonth=2026-04',
    });
    expect(expectProblem(reversed, 400, 'validation_failed').errors[0].path).toBe('/query/toMonth');
    expectProblem(
      await as(app, account.accessToken, {
        method: 'GET',
        url: '/v1/studio/credit-transactions?fromMonth=2026-13',
      }),
      400,
      'validation_failed',
    );
  });

  it('resumes a batch after its worker stops half-way: every expression once, one credit', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account, 'pauses: at sad');
    const accepted = (await generate(app, account, character.id)).json();
    await pauseReached.promise;
    // neutral, happy and angry are stored; the worker stops while sad is being drawn, and hands the job back.
    await runner.stop();
    pause.resolve();
    const stored = await withAccount(pool, account.id, (tx) =>
      tx.anyFirst(
        sql.unsafe`SELECT expression FROM studio.differences WHERE batch_id = ${accepted.batchId} ORDER BY 1`,
      ),
    );
    expect(stored).toEqual(['angry', 'happy', 'neutral']);
    runner = await startRunner();
    const job = await waitForJob(app, account, accepted.job.id);
    expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
    const differences = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences`,
      })
    ).json().data;
    expect(differences.map((d: { expression: string }) => d.expression)).toEqual([...FIVE].sort());
    const batch = await withAccount(pool, account.id, (tx) =>
      tx.one(sql.unsafe`SELECT status, completed FROM studio.generation_jobs WHERE id = ${accepted.batchId}`),
    );
    expect(batch).toEqual({ status: 'completed', completed: 5 });
    expect(await creditBooks(account.id)).toEqual({ counter: 1, ledger: 1, spends: 1, transactions: 1 });
  });

  it("answers every studio {id} route with another account's id exactly like a missing one", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const character = await newCharacter(owner);
    const accepted = (
      await generate(app, owner, character.id, { expressions: ['happy'], resolution: '1K' })
    ).json();
    await waitForJob(app, owner, accepted.job.id);
    const [difference] = (
      await as(app, owner.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences`,
      })
    ).json().data;
    const routes = (characterId: string, differenceId: string) => [
      { method: 'GET' as const, url: `/v1/studio/characters/${characterId}` },
      {
        method: 'PATCH' as const,
        url: `/v1/studio/characters/${characterId}`,
        payload: { name: 'mine now' },
      },
      { method: 'DELETE' as const, url: `/v1/studio/characters/${characterId}` },
      { method: 'GET' as const, url: `/v1/studio/characters/${characterId}/differences` },
      {
        method: 'POST' as const,
        url: `/v1/studio/characters/${characterId}/generations`,
        payload: { expressions: ['happy'] },
      },
      { method: 'GET' as const, url: `/v1/studio/differences/${differenceId}` },
      { method: 'DELETE' as const, url: `/v1/studio/differences/${differenceId}` },
    ];
    const missing = routes(randomUUID(), randomUUID());
    for (const [index, request] of routes(character.id, difference.id).entries()) {
      const a = expectProblem(await as(app, intruder.accessToken, request), 404, 'not_found');
      const b = expectProblem(
        await as(app, intruder.accessToken, missing[index] ?? request),
        404,
        'not_found',
      );
      expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
    }
    const read = await as(app, owner.accessToken, {
      method: 'GET',
      url: `/v1/studio/differences/${difference.id}`,
    });
    expect(read.json()).toEqual(difference);
    expect(
      (
        await as(app, owner.accessToken, { method: 'GET', url: `/v1/studio/characters/${character.id}` })
      ).json().name,
    ).toBe(character.name);
    expect(await creditBooks(intruder.id)).toEqual({ counter: 0, ledger: 0, spends: 0, transactions: 0 });
  });
});
