import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer } from '@yorozu/api/testing';
import { afterAll, expect, it } from 'vitest';
import { runNex } from './index.ts';

// The real service on a fresh database.
const server = await startTestServer();
afterAll(() => server.stop());

it('publishes an artwork, finds it in Japanese, and the like and comment move EXP and level', async () => {
  const lines: string[] = [];
  const run = await runNex(server.baseUrl, (line) => lines.push(line));
  expect(run.found.map((a) => a.id)).toEqual([run.artwork.id]);
  expect(run.comment).toMatchObject({ content: '色がとても綺麗です！', rating: 5, state: 'visible' });
  expect(run.before).toMatchObject({ totalExp: 0, level: 1 });
  // 100 for publishing, 10 for the like received: level 2 starts at 100.
  expect(run.after).toMatchObject({ totalExp: 110, level: 2 });
  expect(run.preview.type).toBe('image/png');
  expect(run.preview.size).toBeGreaterThan(0);
  expect(run.group).toMatchObject({ name: '水彩クラブ', memberCount: 2, myRole: null });
  expect(run.privateGroup).toMatchObject({ isPublic: false, memberCount: 2, myRole: 'member' });
  expect(lines).toContain('Search 「海」: 「夕焼けの海」');
  expect(lines.at(-1)).toBe('Level 3 at 400 EXP');
});

it('runs as `npm run nex` against YOROZU_BASE_URL', async () => {
  const script = fileURLToPath(new URL('index.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, YOROZU_BASE_URL: server.baseUrl },
  });
  expect(stdout).toContain('Search 「海」: 「夕焼けの海」');
  expect(stdout).toMatch(/After a like: yuki_\w+ has 110 EXP, level 2/);
});
