import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, startTestWorker } from '@yorozu/api/testing';
import { Yorozu } from '@yorozu/sdk';
import { afterAll, expect, it } from 'vitest';
import { runSpeak } from './index.ts';

// The real service and worker (local partner, eSpeak NG voice) on a fresh database.
const server = await startTestServer();
const worker = await startTestWorker(server.databaseUrl);
const outputDir = await mkdtemp(join(tmpdir(), 'yorozu-speak-example-'));
afterAll(async () => {
  await worker.stop();
  await server.stop();
  await rm(outputDir, { recursive: true, force: true });
});

it('holds the café script in the terminal: replies stream in pieces, each is saved as a WAV', async () => {
  const signup = await new Yorozu({ baseUrl: server.baseUrl, anonymous: true }).auth.signup({
    email: `speak-example-${Date.now()}@example.com`,
    password: 'a perfectly fine passphrase',
  });
  const client = new Yorozu({ baseUrl: server.baseUrl, accessToken: signup.tokens.accessToken });
  const writes: string[] = [];
  const run = await runSpeak(client, outputDir, (text) => writes.push(text));

  // Three learner lines, three replies; what streamed is what was stored.
  expect(run.replies).toHaveLength(3);
  expect(run.streamed).toEqual(run.replies.map((reply) => reply.content));
  // The reply was printed as it streamed: in more than one write per reply.
  const output = writes.join('');
  for (const reply of run.replies) expect(output).toContain(`partner: ${reply.content}`);
  // The replies are the script's lines: each is printed with its translation into Japanese.
  for (const reply of run.replies) {
    expect(reply.translationSource).toBe('script');
    expect(output).toContain(`(ja: ${reply.translatedContent?.['ja']})`);
  }
  expect(writes.length).toBeGreaterThan(run.replies.length * 4);
  expect(run.files).toHaveLength(3);
  for (const file of run.files) {
    const wav = await readFile(file);
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    expect(wav.length).toBeGreaterThan(10_000);
  }
  expect(run.conversation).toMatchObject({ userMessageCount: 3 });
  expect(run.conversation.endedAt).not.toBeNull();
  expect(run.conversation.scriptAdherenceScore).toBe(1);
  expect(run.earned.sort()).toEqual(['FIRST_CONV', 'FIRST_SCRIPT']);
  expect(output).toMatch(/Microphone: \d+ s used, \d+ s left this month/);
});

it('runs as `npm run speak` against YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, join(outputDir, 'cli')], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl },
  });
  expect(stdout).toContain('you:     Can I have a latte, please?');
  expect(stdout).toMatch(/partner: .+\n\s+\(voiced: .+reply-1\.wav, \d+\.\d s\)/);
  expect(stdout).toContain('Earned: FIRST_CONV, FIRST_SCRIPT');
});
