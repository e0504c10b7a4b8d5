/**
 * The original design's task index (user, status) and usage-by-date index,
 * shown with EXPLAIN on the very statements the API runs
 * (docs/products/stickers.md, Indexes).
 */
import { describe, expect, it } from 'vitest';
import { explainer, statementRecorder } from '../../../test/explain.ts';
import { as, ownDatabase, signUp, testApp } from '../../../test/harness.ts';

const recorder = statementRecorder();
// A database of the file's own: which of two account-led indexes the planner picks depends on the
// statistics of platform.jobs, which other files' jobs would change while the suite runs.
const { app, databaseUrl } = await testApp(
  {},
  { interceptors: [recorder.interceptor], databaseUrl: await ownDatabase() },
);
const explain = await explainer(databaseUrl);

describe('sticker indexes', () => {
  it('serves jobs by status and usage by date from indexes led by the account', async () => {
    const account = await signUp(app);
    const planOf = async (url: string, table: string) => {
      recorder.clear();
      const response = await as(app, account.accessToken, { method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      const [statement] = recorder.matching(`FROM ${table}`);
      if (!statement) throw new Error(`${url} read no ${table}`);
      return explain(account.id, statement);
    };
    expect(await planOf('/v1/jobs?status=succeeded', 'platform.jobs')).toContain(
      'jobs_account_status_page_idx',
    );
    expect(await planOf('/v1/jobs?status=failed&type=stickers.render', 'platform.jobs')).toContain(
      'jobs_account_status_page_idx',
    );
    expect(
      await planOf('/v1/stickers/usage?from=2026-01-01&to=2026-01-31', 'stickers.usage_stats'),
    ).toContain('usage_stats_account_id_day_key');
  });
});
