import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';

const { app } = await testApp();

describe('plan catalogue', () => {
  it('shows every product’s plans to anonymous callers, with prices in minor units, periods, trials and limits', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/plans' });
    expect(response.statusCode).toBe(200);
    const plans: { product: string; plan: string }[] = response.json().data;
    const names = (product: string) => plans.filter((p) => p.product === product).map((p) => p.plan);
    expect(names('studio')).toEqual(['free', 'basic', 'pro']);
    expect(names('speak')).toEqual(['free', 'standard', 'premium', 'enterprise']);
    expect(names('nex')).toEqual(['free', 'premium', 'pro']);
    expect(names('stickers')).toEqual(['free', 'pro']);
    expect(names('miyabi')).toEqual(['free', 'pro', 'enterprise', 'addon']);
    const speak = (await app.inject({ method: 'GET', url: '/v1/plans?product=speak' })).json().data;
    expect(speak.map((p: { limits: { limit: number | null }[] }) => p.limits[0]?.limit)).toEqual([
      3600,
      54000,
      180000,
      null,
    ]);
    expect(speak[1]).toEqual({
      product: 'speak',
      plan: 'standard',
      tier: 'standard',
      priceAmount: 1200,
      currency: 'USD',
      billingPeriod: 'month',
      trialDays: 7,
      subscribedPer: 'account',
      limits: [{ metric: 'seconds', period: 'month', limit: 54000 }],
    });
    expect(speak[3]).toMatchObject({ tier: 'enterprise', priceAmount: null });
    const miyabi = (await app.inject({ method: 'GET', url: '/v1/plans?product=miyabi' })).json().data;
    expect(miyabi.every((p: { subscribedPer: string }) => p.subscribedPer === 'plugin')).toBe(true);
    expect(miyabi.at(-1)).toMatchObject({ plan: 'addon', tier: 'addon', billingPeriod: 'one_time' });
  });

  it('answers the same to a signed-in caller, and refuses an unknown product', async () => {
    const account = await signUp(app);
    const signedIn = await as(app, account.accessToken, { method: 'GET', url: '/v1/plans' });
    expect(signedIn.json()).toEqual((await app.inject({ method: 'GET', url: '/v1/plans' })).json());
    expectProblem(
      await app.inject({ method: 'GET', url: '/v1/plans?product=nope' }),
      400,
      'validation_failed',
    );
  });
});
