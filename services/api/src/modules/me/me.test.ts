import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../../test/harness.ts';

const { app } = await testApp();

describe('me', () => {
  it('renames the account and clears the name with null', async () => {
    const account = await signUp(app);
    const renamed = await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: 'Ada' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: account.id, name: 'Ada' });
    const cleared = await as(app, account.accessToken, {
      method: 'PATCH',
      url: '/v1/me',
      payload: { name: null },
    });
    expect(cleared.json().name).toBeNull();
    expectProblem(
      await as(app, account.accessToken, { method: 'PATCH', url: '/v1/me', payload: { name: '' } }),
      400,
      'validation_failed',
    );
  });
});
