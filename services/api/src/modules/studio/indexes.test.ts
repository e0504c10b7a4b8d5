/**
 * The indexes behind Character Studio's lists, shown with EXPLAIN on the very
 * statements the API runs (docs/products/studio.md, Indexes).
 */
import { describe, expect, it } from 'vitest';
import { explainer, statementRecorder } from '../../../test/explain.ts';
import { as, signUp, testApp } from '../../../test/harness.ts';
import { createCharacter, generate, uploadImage } from './testing.ts';

const recorder = statementRecorder();
const { app, databaseUrl } = await testApp({}, { interceptors: [recorder.interceptor] });
const explain = await explainer(databaseUrl);

describe('studio indexes', () => {
  it('serves every list from an index led by the account', async () => {
    const account = await signUp(app);
    const baseImageFileId = await uploadImage(app, account);
    const character = (await createCharacter(app, account, { baseImageFileId })).json();
    await generate(app, account, character.id, { expressions: ['happy'] });

    const planOf = async (url: string, table: string) => {
      recorder.clear();
      const response = await as(app, account.accessToken, { method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      const [statement] = recorder.matching(`FROM ${table}`);
      if (!statement) throw new Error(`${url} read no ${table}`);
      return explain(account.id, statement);
    };
    // Batches by date: a character's batches, newest first (docs/products/studio.md, Decisions).
    expect(
      await planOf(`/v1/studio/characters/${character.id}/generations`, 'studio.generation_jobs'),
    ).toContain('generation_jobs_character_page_idx');
    // Differences by expression, then date: a character's list, and the gallery's newest per expression.
    expect(
      await planOf(
        `/v1/studio/characters/${character.id}/differences?expression=happy`,
        'studio.differences',
      ),
    ).toContain('idx_differences_char_expr');
    expect(await planOf('/v1/studio/characters?include=differences', 'studio.differences d')).toContain(
      'idx_differences_char_expr',
    );
    // Credit transactions by month (query pattern 3).
    expect(
      await planOf(
        '/v1/studio/credit-transactions?fromMonth=2026-01&toMonth=2026-12',
        'studio.credit_transactions',
      ),
    ).toContain('idx_credit_transactions_user_created');
  });
});
