/**
 * What the demo account shows in Character Studio on first start: the
 * sample character of docs/products/studio.md (ゆあちゃん) and a batch of its
 * five standard expressions, so Swagger UI has something to browse. Made
 * through the public API like any client, so it follows every rule (one
 * credit of the demo's month). Idempotent and quick: a start that finds a
 * character skips it all, and the expressions are drawn by the worker after
 * the server is listening, not before.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { studio } from '@yorozu/contract';
import type { FastifyInstance, InjectOptions } from 'fastify';

/** The built-in renderer's neutral expression of the sample, committed with the renderers (README). */
const SAMPLE_BASE_IMAGE = createRequire(import.meta.url).resolve(
  '@yorozu/renderers/samples/studio/sample-neutral.svg',
);

export const SAMPLE_CHARACTER = {
  name: 'ゆあちゃん',
  artStyle: 'illustration',
  features: studio.seedFeaturesExample,
} as const;

const FIVE_EXPRESSIONS = ['neutral', 'happy', 'angry', 'sad', 'surprised'] as const;

/** Null when the account has characters already (an earlier start made the sample, or the user made their own). */
export async function seedStudioSample(
  app: FastifyInstance,
  token: string,
): Promise<{ characterId: string; batchId: string } | null> {
  const call = async (options: InjectOptions, expected: number) => {
    const response = await app.inject({
      ...options,
      headers: { authorization: `Bearer ${token}`, ...options.headers },
    });
    if (response.statusCode !== expected) {
      throw new Error(
        `Studio demo: ${options.method} ${options.url} answered ${response.statusCode}: ${response.body}`,
      );
    }
    return response.json();
  };
  const existing = await call({ method: 'GET', url: '/v1/studio/characters?limit=1' }, 200);
  if (existing.data.length > 0) return null;
  const file = await call(
    {
      method: 'POST',
      url: '/v1/files',
      payload: await readFile(SAMPLE_BASE_IMAGE),
      headers: { 'content-type': 'image/svg+xml' },
    },
    201,
  );
  const character = await call(
    {
      method: 'POST',
      url: '/v1/studio/characters',
      payload: { ...SAMPLE_CHARACTER, baseImageFileId: file.id },
    },
    201,
  );
  const accepted = await call(
    {
      method: 'POST',
      url: `/v1/studio/characters/${character.id}/generations`,
      payload: { expressions: FIVE_EXPRESSIONS },
      headers: { 'idempotency-key': `studio-demo-${character.id}` },
    },
    202,
  );
  return { characterId: character.id, batchId: accepted.batchId };
}
