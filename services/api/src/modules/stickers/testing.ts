/** Helpers for the stickers tests (imported by *.test.ts only). */

import { stickerGenerator } from '@yorozu/renderers';
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { type Account, as } from '../../../test/harness.ts';
import { startTestWorker, waitForJob } from '../../../test/worker.ts';
import { postgresFileStore } from '../../kernel/files/index.ts';
import { createJobHandlers } from './jobs.ts';

export const secretSticker = {
  title: 'スーパーゼウス',
  characterName: 'ヘッドロココ',
  attribute: 'holy',
  rarity: 'secret',
  backgroundColor: '#3A7BD5',
  effects: { sparkle: true, glow: true, holo: true },
  style: { frame: 'ornate', pattern: 'rays' },
};

/**
 * A real worker running the stickers handlers (only those: other files on the run's database
 * run studio jobs with handlers of their own) on the default engines, stopped after the file.
 */
export async function startStickerWorker(databaseUrl: string): Promise<void> {
  const worker = await startTestWorker(
    databaseUrl,
    createJobHandlers({ generator: stickerGenerator, files: postgresFileStore }),
  );
  afterAll(() => worker.stop());
}

export function requestSticker(
  app: FastifyInstance,
  account: Account,
  body: Record<string, unknown> = secretSticker,
  headers: Record<string, string> = {},
) {
  return as(app, account.accessToken, { method: 'POST', url: '/v1/stickers/images', payload: body, headers });
}

/** Requests a sticker, waits for its job and returns the rendered image resource. */
export async function renderSticker(app: FastifyInstance, account: Account, body: Record<string, unknown>) {
  const response = await requestSticker(app, account, body);
  if (response.statusCode !== 202)
    throw new Error(`expected 202, got ${response.statusCode}: ${response.body}`);
  const job = await waitForJob(app, account.accessToken, response.json().job.id);
  if (job.status !== 'succeeded')
    throw new Error(`job ${job.id} ${job.status}: ${JSON.stringify(job.error)}`);
  const image = await as(app, account.accessToken, {
    method: 'GET',
    url: `/v1/stickers/images/${job.result.imageId}`,
  });
  return { job, image: image.json() };
}

export async function download(app: FastifyInstance, account: Account, fileId: string) {
  return as(app, account.accessToken, { method: 'GET', url: `/v1/files/${fileId}` });
}
