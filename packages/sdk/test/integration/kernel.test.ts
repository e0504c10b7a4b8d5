/** Every kernel endpoint through the SDK's generated methods, against the real service. */
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NotFoundError,
  NotModified,
  PermissionDeniedError,
  ValidationError,
  Yorozu,
} from '../../src/index';
import { baseUrl, onePixelPng, signUp } from './accounts';

describe('me', () => {
  it('gets and renames the account', async () => {
    const { client, email } = await signUp('me');
    expect(await client.me.get()).toMatchObject({ email, name: 'Ada' });
    expect(await client.me.update({ name: 'Ada Lovelace' })).toMatchObject({ email, name: 'Ada Lovelace' });
    expect((await client.me.update({ name: null })).name).toBeNull();
    expect((await client.me.get()).name).toBeNull();
  });

  it('refuses a bad body with a ValidationError naming the field', async () => {
    const { client } = await signUp('me-invalid');
    const error = await client.me.update({ name: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', retryable: false });
    expect((error as ValidationError).errors).toContainEqual(
      expect.objectContaining({ path: '/body/name', message: expect.any(String) }),
    );
  });
});

describe('apiKeys', () => {
  it('creates a key that works, lists it, and revokes it (then the key is refused)', async () => {
    const { client, email } = await signUp('keys');
    const created = await client.apiKeys.create({ name: 'CI deploys', scopes: ['me:read', 'api-keys:read'] });
    expect(created.secret).toMatch(new RegExp(`^${created.prefix}`));

    const withKey = new Yorozu({ baseUrl, apiKey: created.secret });
    expect((await withKey.me.get()).email).toBe(email);
    const page = await withKey.apiKeys.list();
    expect(page.data.map((key) => key.id)).toEqual([created.id]);
    expect(page).toMatchObject({ nextCursor: null, hasMore: false });
    expect(page.data[0]).not.toHaveProperty('secret');

    // A key cannot act beyond its scopes, nor mint a stronger key.
    const write = await withKey.me.update({ name: 'Eve' }).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(PermissionDeniedError);
    const mint = await withKey.apiKeys.create({ name: 'x', scopes: ['me:write'] }).catch((e: unknown) => e);
    expect(mint).toBeInstanceOf(PermissionDeniedError);
    expect((mint as PermissionDeniedError).status).toBe(403);

    await expect(client.apiKeys.delete({ id: created.id })).resolves.toBeUndefined();
    const revoked = await withKey.me.get().catch((e: unknown) => e);
    expect(revoked).toBeInstanceOf(AuthenticationError);
    expect(revoked).toMatchObject({ status: 401, attempts: 1, retryable: false });
    // The secret is not in the error (only the SDK's redacted view of the request is).
    expect(JSON.stringify(revoked)).not.toContain(created.secret);
    expect(String((revoked as Error).stack)).not.toContain(created.secret);

    const again = await client.apiKeys.delete({ id: created.id }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(NotFoundError);
  });

  it('answers 404 for another account’s key, like a missing one', async () => {
    const { client: mallory } = await signUp('keys-mallory');
    const { client: ada } = await signUp('keys-ada');
    const key = await ada.apiKeys.create({ name: 'mine', scopes: ['me:read'] });
    const error = await mallory.apiKeys.delete({ id: key.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', method: 'DELETE' });
    expect((error as NotFoundError).url).toBe(`${baseUrl}/v1/api-keys/${key.id}`);
  });
});

describe('auditLog', () => {
  it('lists what was done, newest first, with the actor', async () => {
    const { client, session } = await signUp('audit');
    const key = await client.apiKeys.create({ name: 'audited', scopes: ['me:read'] });
    await client.apiKeys.delete({ id: key.id });

    const entries = await client.auditLog.list({ limit: 10 }).toArray({ maxItems: 10 });
    const actions = entries.map((entry) => entry.action);
    expect(actions.indexOf('apiKeys.delete')).toBeLessThan(actions.indexOf('apiKeys.create'));
    expect(entries.find((entry) => entry.action === 'apiKeys.create')).toMatchObject({
      actor: { type: 'account', id: session.account.id },
      resourceId: key.id,
      requestId: expect.any(String),
    });
  });
});

describe('usage', () => {
  it('shows every metric of the free plan, and an empty ledger for a new account', async () => {
    const { client } = await signUp('usage');
    const { data } = await client.usage.list();
    expect(data.find((metric) => metric.product === 'studio' && metric.metric === 'credits')).toMatchObject({
      plan: 'free',
      limit: 5,
      used: 0,
      remaining: 5,
    });
    const ledger = await client.usage.ledger.list({ product: 'studio' });
    expect(ledger).toMatchObject({ data: [], nextCursor: null, hasMore: false });
  });
});

describe('files', () => {
  it('uploads a PNG, downloads the same bytes, lists and deletes it', async () => {
    const { client } = await signUp('files');
    const png = onePixelPng();
    const { data: file, response } = await client.files.create({ body: png }).withResponse();
    expect(response.status).toBe(201);
    expect(file).toMatchObject({ contentType: 'image/png', size: png.size });

    const bytes = await client.files.get({ id: file.id });
    expect(bytes).toBeInstanceOf(Blob);
    expect(bytes.type).toBe('image/png');
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(new Uint8Array(await png.arrayBuffer()));

    // A conditional download with the current ETag is a NotModified result, not an error.
    const etag = (await client.files.get({ id: file.id }).asResponse()).headers.get('etag');
    expect(etag).toBeTruthy();
    const cached = await client.files.get({ id: file.id }, { ifNoneMatch: etag! });
    expect(cached).toBeInstanceOf(NotModified);
    expect(cached).toMatchObject({ status: 304, etag });
    expect(file._requestId).toEqual(response.headers.get('x-request-id'));

    const listed = await client.files.list().toArray({ maxItems: 10 });
    expect(listed.map((item) => item.id)).toEqual([file.id]);

    await client.files.delete({ id: file.id });
    await expect(client.files.get({ id: file.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses bytes that are not an image', async () => {
    const { client } = await signUp('files-invalid');
    const error = await client.files
      .create({ body: new Blob(['just text'], { type: 'image/png' }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe('jobs', () => {
  it('answers NotFoundError for a missing job', async () => {
    const { client } = await signUp('jobs');
    const error = await client.jobs.get({ id: crypto.randomUUID() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', retryable: false });
  });
});
