/**
 * Generation batches read by id and by character, their status in step with
 * their job whichever way it ends (succeeded, failed part-way, canceled while
 * queued or while drawing), and what each ending does to the credit.
 */
import { randomUUID } from 'node:crypto';
import type { ImageGenerator } from '@yorozu/renderers';
import { type CharacterRenderInput, studioCharacterGenerator } from '@yorozu/renderers';
import { sql } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, ownDatabase, signUp, testApp } from '../../../test/harness.ts';
import { postgresFileStore } from '../../kernel/files/index.ts';
import { JobFailure, type JobRunner } from '../../kernel/jobs/index.ts';
import { withAccount } from '../../kernel/tenancy.ts';
import { startTestWorker } from '../../testing/index.ts';
import { createJobHandlers } from './jobs.ts';
import { createCharacter, generate, uploadImage, waitForJob } from './testing.ts';

const { app, pool, databaseUrl } = await testApp({}, { databaseUrl: await ownDatabase() });

/** Characters named "refuses sad" cannot have a sad face; "holds sad" waits at it until released. */
let releaseHeld = () => {};
let heldReached = () => {};
const held = { released: new Promise<void>((resolve) => (releaseHeld = resolve)) };
const reachedHeld = new Promise<void>((resolve) => (heldReached = resolve));
const generator: ImageGenerator<CharacterRenderInput> = {
  name: 'test/studio-batches',
  render: async (input) => {
    if (input.name === 'refuses sad' && input.expression === 'sad') {
      throw new JobFailure('expression_refused', 'The renderer refused the sad expression.', {
        retry: false,
      });
    }
    if (input.name === 'holds sad' && input.expression === 'sad') {
      heldReached();
      await held.released;
    }
    return studioCharacterGenerator.render(input);
  },
};

// Started by the first test that needs one, so the test before it sees a job stay queued.
let runner: JobRunner | null = null;
const ensureRunner = async () => {
  runner ??= await startTestWorker(databaseUrl, createJobHandlers({ generator, files: postgresFileStore }));
};
afterAll(async () => {
  releaseHeld();
  await runner?.stop();
});

async function newCharacter(account: Account, name = 'ゆあちゃん') {
  const baseImageFileId = await uploadImage(app, account);
  return (await createCharacter(app, account, { name, baseImageFileId })).json() as { id: string };
}

const getBatch = async (account: Account, id: string) =>
  (await as(app, account.accessToken, { method: 'GET', url: `/v1/studio/generations/${id}` })).json();

/** Spends, refunds and credit transactions of the account's studio credits. */
const books = (accountId: string) =>
  withAccount(pool, accountId, async (tx) => ({
    used: Number(
      await tx.oneFirst(sql.unsafe`
        SELECT COALESCE(sum(amount), 0) FROM platform.usage_ledger WHERE account_id = ${accountId} AND product = 'studio'
      `),
    ),
    transactions: await tx.any(sql.unsafe`
      SELECT differences_generated AS "differencesGenerated", credits_used AS "creditsUsed"
      FROM studio.credit_transactions WHERE account_id = ${accountId}
    `),
  }));

describe('studio generation batches', () => {
  it('cancels a queued batch with its job: canceled, credit back, no transaction', async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const accepted = (await generate(app, account, character.id)).json();
    expect(await getBatch(account, accepted.batchId)).toEqual(accepted.generation);
    const canceled = await as(app, account.accessToken, {
      method: 'POST',
      url: `/v1/jobs/${accepted.job.id}/cancel`,
    });
    expect(canceled.json().status).toBe('canceled');
    const batch = await getBatch(account, accepted.batchId);
    expect(batch).toMatchObject({ status: 'canceled', completed: 0, errorMessage: null, completedAt: null });
    expect(batch.updatedAt > accepted.generation.updatedAt).toBe(true);
    expect(await books(account.id)).toEqual({ used: 0, transactions: [] });
  });

  it('follows a job from processing to canceled while it is drawing, keeping what was drawn', async () => {
    await ensureRunner();
    const account = await signUp(app);
    const character = await newCharacter(account, 'holds sad');
    const accepted = (await generate(app, account, character.id)).json();
    await reachedHeld;
    // neutral, happy and angry are drawn (expressions run in request order); sad is being drawn.
    expect(await getBatch(account, accepted.batchId)).toMatchObject({ status: 'processing', completed: 3 });
    await as(app, account.accessToken, { method: 'POST', url: `/v1/jobs/${accepted.job.id}/cancel` });
    expect(await getBatch(account, accepted.batchId)).toMatchObject({ status: 'canceled', completed: 3 });
    // Give the worker time to notice the cancel (LISTEN/NOTIFY) before sad is let through.
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseHeld();
    expect((await waitForJob(app, account, accepted.job.id)).status).toBe('canceled');
    // The aborted run stores nothing more, and the batch stays canceled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await getBatch(account, accepted.batchId)).toMatchObject({ status: 'canceled', completed: 3 });
    expect(await books(account.id)).toEqual({ used: 0, transactions: [] });
  });

  it('fails a batch part-way: the drawn images stay, the credit comes back (docs/products/studio.md)', async () => {
    await ensureRunner();
    const account = await signUp(app);
    const character = await newCharacter(account, 'refuses sad');
    const accepted = (await generate(app, account, character.id)).json();
    const job = await waitForJob(app, account, accepted.job.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'expression_refused' } });
    const batch = await getBatch(account, accepted.batchId);
    expect(batch).toMatchObject({
      status: 'failed',
      completed: 3,
      errorMessage: 'The renderer refused the sad expression.',
      completedAt: null,
    });
    const differences = (
      await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters/${character.id}/differences`,
      })
    ).json().data;
    expect(differences.map((d: { expression: string }) => d.expression)).toEqual([
      'angry',
      'happy',
      'neutral',
    ]);
    expect(await books(account.id)).toEqual({ used: 0, transactions: [] });
  });

  it('completes a batch with its job and records its one credit transaction', async () => {
    await ensureRunner();
    const account = await signUp(app);
    const character = await newCharacter(account);
    const accepted = (await generate(app, account, character.id, { expressions: ['happy', 'sad'] })).json();
    await waitForJob(app, account, accepted.job.id);
    const batch = await getBatch(account, accepted.batchId);
    expect(batch).toMatchObject({
      status: 'completed',
      completed: 2,
      totalDifferences: 2,
      errorMessage: null,
    });
    expect(batch.completedAt).toEqual(expect.any(String));
    expect(await books(account.id)).toEqual({
      used: 1,
      transactions: [{ differencesGenerated: 2, creditsUsed: 1 }],
    });
  });

  it("lists a character's batches newest first by cursor, bound to that character", async () => {
    const account = await signUp(app);
    const character = await newCharacter(account);
    const other = await newCharacter(account);
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      ids.unshift((await generate(app, account, character.id, { expressions: ['happy'] })).json().batchId);
    }
    await generate(app, account, other.id, { expressions: ['sad'] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/studio/characters/${character.id}/generations?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await as(app, account.accessToken, { method: 'GET', url })).json();
      seen.push(...page.data.map((batch: { id: string; characterId: string }) => batch.id));
      cursor = page.nextCursor;
      if (cursor) {
        expectProblem(
          await as(app, account.accessToken, {
            method: 'GET',
            url: `/v1/studio/characters/${other.id}/generations?cursor=${cursor}`,
          }),
          400,
          'invalid_cursor',
        );
      }
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it("answers another account's batch or character exactly like a missing one", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const character = await newCharacter(owner);
    const accepted = (await generate(app, owner, character.id, { expressions: ['happy'] })).json();
    const pairs = [
      [`/v1/studio/generations/${accepted.batchId}`, `/v1/studio/generations/${randomUUID()}`],
      [
        `/v1/studio/characters/${character.id}/generations`,
        `/v1/studio/characters/${randomUUID()}/generations`,
      ],
    ];
    for (const [theirs, missing] of pairs) {
      const a = expectProblem(
        await as(app, intruder.accessToken, { method: 'GET', url: theirs }),
        404,
        'not_found',
      );
      const b = expectProblem(
        await as(app, intruder.accessToken, { method: 'GET', url: missing }),
        404,
        'not_found',
      );
      expect({ ...a, requestId: '' }).toEqual({ ...b, requestId: '' });
    }
  });
});
