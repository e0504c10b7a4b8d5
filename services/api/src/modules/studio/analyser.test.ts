/**
 * The analyser is chosen where the app is composed: a hosted vision model is
 * one adapter away. Here a fake one stands in for it.
 */
import { describe, expect, it } from 'vitest';
import { as, signUp, testApp } from '../../../test/harness.ts';
import type { BaseImage, CharacterAnalyser } from './analysis.ts';
import { createCharacter, seedFeatures, uploadImage } from './testing.ts';

const seen: BaseImage[] = [];
const visionModel: CharacterAnalyser = {
  name: 'test/vision-model',
  async analyse(image) {
    seen.push(image);
    return {
      features: {
        hair: { color: 'teal', style: 'twin tails', length: 'shoulder' },
        eyes: { color: 'gold', shape: 'sharp' },
        outfit: { primary: 'black blazer' },
        bodyType: 'athletic',
      },
      consistencyScore: 95.2,
    };
  },
};
const { app } = await testApp({}, { engines: { characterAnalyser: visionModel } });

describe('studio analyser', () => {
  it("uses the composed analyser for features and the base image's consistency score", async () => {
    const account = await signUp(app);
    const baseImageFileId = await uploadImage(app, account);
    const analysed = (await createCharacter(app, account, { baseImageFileId, features: undefined })).json();
    expect(analysed).toMatchObject({
      consistencyScore: 95.2,
      averageDifferenceConsistency: null,
      features: { hair: { color: 'teal', style: 'twin tails' }, bodyType: 'athletic' },
    });
    expect(analysed.masterPrompt).toContain('twin tails teal hair');
    expect(seen.at(-1)?.contentType).toBe('image/svg+xml');
    expect(seen.at(-1)?.bytes.toString()).toContain('<svg');

    // The caller's own features win; the image is still scored.
    const described = (await createCharacter(app, account, { baseImageFileId })).json();
    expect(described).toMatchObject({ features: seedFeatures, consistencyScore: 95.2 });
    const listed = (
      await as(app, account.accessToken, { method: 'GET', url: '/v1/studio/characters?hairColor=teal' })
    ).json();
    expect(listed.data.map((c: { id: string }) => c.id)).toEqual([analysed.id]);
  });
});
