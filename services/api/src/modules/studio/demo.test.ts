import { afterAll, describe, expect, it } from 'vitest';
import { as, ownDatabase, signUp, testApp } from '../../../test/harness.ts';
import { startTestWorker } from '../../testing/index.ts';
import { SAMPLE_CHARACTER, seedStudioSample } from './demo.ts';
import { waitForJob } from './testing.ts';

const { app, databaseUrl } = await testApp({}, { databaseUrl: await ownDatabase() });
const runner = await startTestWorker(databaseUrl);
afterAll(() => runner.stop());

describe('studio demo sample', () => {
  it('gives an account the sample character and its five expressions, once', async () => {
    const account = await signUp(app);
    const seeded = await seedStudioSample(app, account.accessToken);
    if (!seeded) throw new Error('nothing seeded');
    expect(await seedStudioSample(app, account.accessToken)).toBeNull();

    const characters = (
      await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/characters' })
    ).json();
    expect(characters.data).toEqual([
      expect.objectContaining({ id: seeded.characterId, ...SAMPLE_CHARACTER }),
    ]);
    const batch = (
      await as(app, account.accessToken, { method: 'GET', url: `/v1/studio/generations/${seeded.batchId}` })
    ).json();
    expect(batch.expressions).toEqual(['neutral', 'happy', 'angry', 'sad', 'surprised']);
    expect((await waitForJob(app, account, batch.jobId)).status).toBe('succeeded');
    const gallery = (
      await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/characters?include=differences' })
    ).json();
    expect(gallery.data[0].differences.map((d: { expression: string }) => d.expression)).toEqual([
      'angry',
      'happy',
      'neutral',
      'sad',
      'surprised',
    ]);
  });
});
