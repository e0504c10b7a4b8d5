import { startTestServer, startTestWorker } from '@yorozu/api/testing';
import { Yorozu } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runWorkflowExample } from './workflow.ts';

// The real service and worker (the registry `npm start` runs) on a fresh database.
const server = await startTestServer();
const worker = await startTestWorker(server.databaseUrl);
afterAll(async () => {
  await worker.stop();
  await server.stop();
});

it('runs a three-step workflow and follows it live to the pull request', async () => {
  const anonymous = new Yorozu({ baseUrl: server.baseUrl, anonymous: true });
  const signup = await anonymous.auth.signup({
    email: `miyabi-workflow-${Date.now()}@example.com`,
    password: 'a perfectly fine passphrase',
  });
  const client = new Yorozu({ baseUrl: server.baseUrl, accessToken: signup.tokens.accessToken });
  const lines: string[] = [];
  const { run, pullRequest } = await runWorkflowExample(client, (line) => lines.push(line));
  expect(run.status).toBe('completed');
  expect(lines.filter((line) => line.includes('completed')).map((line) => line.trim())).toEqual([
    '[ 33%] triage: completed',
    '[ 67%] review: completed',
    '[100%] pr: completed',
    'Run completed.',
  ]);
  expect(pullRequest).toContain('Closes #42');
  expect(pullRequest).toContain('`src/server.ts`');
});
