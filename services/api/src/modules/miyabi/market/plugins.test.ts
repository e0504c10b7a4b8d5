import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { isSemanticVersion } from './plugins.ts';
import { makeAdmin, pluginId, publish } from './testing.ts';

const { app, databaseUrl } = await testApp();
const superuser = await superuserPool(databaseUrl);

async function pageThrough(url: string): Promise<{ id: string; downloads: number; rating: number }[]> {
  const seen: { id: string; downloads: number; rating: number }[] = [];
  let cursor: string | null = null;
  do {
    const response: LightMyRequestResponse = await app.inject({
      method: 'GET',
      url: `${url}${url.includes('?') ? '&' : '?'}limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    });
    expect(response.statusCode).toBe(200);
    seen.push(...response.json().data);
    cursor = response.json().nextCursor;
  } while (cursor);
  return seen;
}

describe('the miyabi plugin catalogue', () => {
  it('is readable anonymously: a seeded catalogue of at least 10, filtered and sorted by keyset', async () => {
    const all = await pageThrough('/v1/miyabi/plugins');
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    const one = await app.inject({ method: 'GET', url: '/v1/miyabi/plugins/miyabi-codegen' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ tier: 'pro', priceAmount: 1900, currency: 'USD', trialDays: 14 });
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/miyabi/plugins/no-such-plugin' }),
      404,
      'not_found',
    );

    const addons = await pageThrough('/v1/miyabi/plugins?tier=addon');
    expect(addons.length).toBeGreaterThanOrEqual(2);
    expect(addons.every((p) => (p as unknown as { tier: string }).tier === 'addon')).toBe(true);
    const featuredQuality = await pageThrough('/v1/miyabi/plugins?category=quality&verified=true');
    expect(featuredQuality.map((p) => p.id).sort()).toEqual(
      expect.arrayContaining(['miyabi-review', 'miyabi-security-scan']),
    );
    expect(featuredQuality.map((p) => p.id)).not.toContain('miyabi-review-insights');

    const byDownloads = await pageThrough('/v1/miyabi/plugins?sort=downloads');
    expect(byDownloads.length).toBe(all.length);
    const downloads = byDownloads.map((p) => p.downloads);
    expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
    const byRating = await pageThrough('/v1/miyabi/plugins?sort=rating');
    const ratings = byRating.map((p) => p.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));

    // A cursor of one sort is refused by another.
    const first = await app.inject({ method: 'GET', url: '/v1/miyabi/plugins?sort=rating&limit=1' });
    const cursor = first.json().nextCursor;
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/miyabi/plugins?sort=downloads&cursor=${cursor}` }),
      400,
      'invalid_cursor',
    );
  });

  it('lets authors publish and update their own plugins, with semver and tier rules', async () => {
    const author = await signUp(app);
    const other = await signUp(app);
    const category = pluginId('cat');
    const plugin = await publish(app, author.accessToken, { categories: [category] });
    expect(plugin).toMatchObject({ authorId: author.id, verified: false, featured: false, downloads: 0 });
    const post = (payload: Record<string, unknown>) =>
      as(app, author.accessToken, {
        method: 'POST',
        url: '/v1/miyabi/plugins',
        payload: {
          id: pluginId(),
          name: 'x',
          displayName: 'X',
          source: 'https://example.com/x',
          version: '1.0.0',
          tier: 'pro',
          priceAmount: 100,
          ...payload,
        },
      });
    expectProblem(await post({ version: '1.0' }), 400, 'validation_failed');
    expectProblem(await post({ version: '1.0.0-01' }), 400, 'validation_failed');
    expectProblem(await post({ version: '1.0.0-a..b' }), 400, 'validation_failed');
    expectProblem(await post({ tier: 'free', priceAmount: 100 }), 400, 'validation_failed');
    expectProblem(await post({ tier: 'pro', priceAmount: 0 }), 400, 'validation_failed');
    expectProblem(await post({ tier: 'addon' }), 400, 'validation_failed');
    expectProblem(
      await post({ tier: 'addon', requiresPlugin: 'miyabi-token-pack' }),
      400,
      'validation_failed',
    );
    expectProblem(await post({ requiresPlugin: 'miyabi-core' }), 400, 'validation_failed');
    expectProblem(await post({ id: 'miyabi-core' }), 409, 'conflict');
    expect(
      (await post({ tier: 'addon', requiresPlugin: plugin.id, version: '2.0.0-rc.1+build.5' })).statusCode,
    ).toBe(201);

    const patch = (token: string, payload: Record<string, unknown>) =>
      as(app, token, { method: 'PATCH', url: `/v1/miyabi/plugins/${plugin.id}`, payload });
    const updated = await patch(author.accessToken, { version: '1.1.0', description: 'Better.' });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: '1.1.0', description: 'Better.' });
    expectProblem(await patch(author.accessToken, { version: '01.1.0' }), 400, 'validation_failed');
    expectProblem(await patch(author.accessToken, { priceAmount: 0 }), 400, 'validation_failed');
    expectProblem(await patch(author.accessToken, { verified: true }), 400, 'validation_failed');
    expectProblem(await patch(other.accessToken, { version: '9.0.0' }), 403, 'forbidden');
    expectProblem(
      await as(app, author.accessToken, {
        method: 'PATCH',
        url: '/v1/miyabi/plugins/miyabi-core',
        payload: { version: '9.0.0' },
      }),
      403,
      'forbidden',
    );

    // Curation is an admin's: a member gets 403 (even its own plugin), an admin sets the flags.
    const curation = (token: string, id: string) =>
      as(app, token, {
        method: 'PUT',
        url: `/v1/miyabi/plugins/${id}/curation`,
        payload: { verified: true },
      });
    expectProblem(await curation(author.accessToken, plugin.id), 403, 'forbidden');
    await makeAdmin(superuser, other.id);
    const curated = await curation(other.accessToken, plugin.id);
    expect(curated.statusCode).toBe(200);
    expect(curated.json()).toMatchObject({ verified: true, featured: false });
    expectProblem(await curation(other.accessToken, 'no-such-plugin'), 404, 'not_found');
    const listed = await app.inject({
      method: 'GET',
      url: `/v1/miyabi/plugins?category=${category}&verified=true`,
    });
    expect(listed.json().data.map((p: { id: string }) => p.id)).toEqual([plugin.id]);
  });

  it('checks Semantic Versioning 2.0.0 identifiers', () => {
    for (const good of [
      '0.0.0',
      '1.2.3',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-0.3.7',
      '1.0.0+20130313144700',
      '1.0.0-beta+exp.sha.5114f85',
    ]) {
      expect(isSemanticVersion(good), good).toBe(true);
    }
    for (const bad of ['1.2', '01.2.3', '1.2.3-', '1.2.3-01', '1.2.3-a..b', '1.2.3+', '1.2.3-a_b']) {
      expect(isSemanticVersion(bad), bad).toBe(false);
    }
  });
});
