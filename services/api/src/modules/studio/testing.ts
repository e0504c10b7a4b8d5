/** Helpers for the studio tests (imported by *.test.ts only). */
import type { FastifyInstance } from 'fastify';
import { type Account, as } from '../../../test/harness.ts';

// The sample character's features (docs/products/studio.md).
export const seedFeatures = {
  hair: { color: 'pink', style: 'long', length: 'waist' },
  eyes: { color: 'blue', shape: 'round' },
  outfit: { primary: 'white dress', secondary: 'ribbon', accessories: ['earrings'] },
  bodyType: 'slender',
};

/** Uploads a small SVG base image through `POST /v1/files`; the colour varies the bytes. */
export async function uploadImage(
  app: FastifyInstance,
  account: Account,
  color = '#f48fb1',
): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="24" fill="${color}"/></svg>`;
  const response = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/files',
    payload: Buffer.from(svg),
    headers: { 'content-type': 'image/svg+xml' },
  });
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.body}`);
  return response.json().id;
}

export function createCharacter(app: FastifyInstance, account: Account, overrides: Record<string, unknown>) {
  return as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/studio/characters',
    payload: { name: 'ゆあちゃん', artStyle: 'illustration', features: seedFeatures, ...overrides },
  });
}

export function generate(
  app: FastifyInstance,
  account: Account,
  characterId: string,
  body: Record<string, unknown> = { expressions: ['neutral', 'happy', 'angry', 'sad', 'surprised'] },
  headers: Record<string, string> = {},
) {
  return as(app, account.accessToken, {
    method: 'POST',
    url: `/v1/studio/characters/${characterId}/generations`,
    payload: body,
    headers,
  });
}

const FINAL = new Set(['succeeded', 'failed', 'canceled']);

/** Polls `GET /v1/jobs/{id}` until the job is final. */
export async function waitForJob(app: FastifyInstance, account: Account, jobId: string, timeoutMs = 25_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await as(app, account.accessToken, { method: 'GET', url: `/v1/jobs/${jobId}` })).json();
    if (FINAL.has(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
