/**
 * `GET /v1/studio/characters?include=differences`: a gallery page, each
 * character with its newest difference per expression, in one SQL statement
 * however many characters the page holds (no N+1 queries).
 */
import type { Interceptor } from 'slonik';
import { afterAll, describe, expect, it } from 'vitest';
import { as, ownDatabase, signUp, testApp } from '../../../test/harness.ts';
import { startTestWorker } from '../../testing/index.ts';
import { createCharacter, generate, seedFeatures, uploadImage, waitForJob } from './testing.ts';

const statements: string[] = [];
const counting: Interceptor = {
  name: 'count-statements',
  beforeQueryExecution: (_context, query) => {
    statements.push(query.sql);
    return null;
  },
};
const { app, databaseUrl } = await testApp(
  {},
  { interceptors: [counting], databaseUrl: await ownDatabase() },
);
const runner = await startTestWorker(databaseUrl);
afterAll(() => runner.stop());

describe('studio gallery', () => {
  it('embeds the newest difference of each expression, in one statement for the whole page', async () => {
    const account = await signUp(app);
    const baseImageFileId = await uploadImage(app, account);
    const characterIds: string[] = [];
    // Five batches: the free plan's credits for the month.
    const batches = { a: [['happy', 'sad'], ['happy']], b: [['happy', 'sad'], ['happy']], c: [['sad']] };
    for (const [name, list] of Object.entries(batches)) {
      const character = (await createCharacter(app, account, { name, baseImageFileId })).json();
      characterIds.unshift(character.id);
      for (const expressions of list) {
        const accepted = (
          await generate(app, account, character.id, { expressions, resolution: '1K' })
        ).json();
        expect((await waitForJob(app, account, accepted.job.id)).status).toBe('succeeded');
      }
    }
    const gallery = async (query: string) => {
      statements.length = 0;
      const response = await as(app, account.accessToken, {
        method: 'GET',
        url: `/v1/studio/characters?${query}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return { body: response.json(), statements: [...statements] };
    };

    const page = await gallery('include=differences');
    expect(page.body.data.map((c: { id: string }) => c.id)).toEqual(characterIds);
    for (const character of page.body.data) {
      const all = (
        await as(app, account.accessToken, {
          method: 'GET',
          url: `/v1/studio/characters/${character.id}/differences`,
        })
      ).json().data;
      // By expression, newest first within one: the first of each expression is the newest.
      const expressions = [...new Set(all.map((d: { expression: string }) => d.expression))];
      const newest = expressions.map((e) => all.find((d: { expression: string }) => d.expression === e));
      expect(character.differences).toEqual(newest);
      expect(newest.length).toBeGreaterThan(0);
    }
    // Without include, no differences key and no read of the differences table.
    const plain = await gallery('');
    expect(plain.body.data.every((c: object) => !('differences' in c))).toBe(true);
    expect(plain.statements.some((text) => text.includes('studio.differences'))).toBe(false);

    // One page, one read of the differences, whatever the page's size.
    const reads = (list: string[]) => list.filter((text) => text.includes('studio.differences'));
    expect(reads(page.statements)).toHaveLength(1);
    const single = await gallery('include=differences&limit=1');
    expect(single.body.data).toHaveLength(1);
    expect(single.statements).toHaveLength(page.statements.length);
    expect(reads(single.statements)).toHaveLength(1);
    // …and a character without differences gets an empty list.
    await createCharacter(app, account, { name: 'd', baseImageFileId, features: seedFeatures });
    const withEmpty = await gallery('include=differences&limit=1');
    expect(withEmpty.body.data[0].differences).toEqual([]);
    expect(withEmpty.statements).toHaveLength(page.statements.length);
  });
});
