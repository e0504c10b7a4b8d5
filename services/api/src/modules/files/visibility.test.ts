/**
 * A file's visibility follows what owns it (docs/architecture.md, File visibility): a public
 * profile's avatar is readable by anyone, anonymous callers included, while the profile is
 * public; a file shared with a buyer is readable by that buyer only; everything else answers
 * exactly like a missing id. RLS enforces it: SQL as the service role cannot share another
 * account's file or withdraw another account's share.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';
import { fixtures, zip } from '../../../test/media-samples.ts';
import { shareFile, unshareFile } from '../../kernel/files/index.ts';
import { withAccount } from '../../kernel/tenancy.ts';

const { app, pool } = await testApp();

async function upload(account: Account, bytes: Buffer) {
  const created = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/files',
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(created.statusCode).toBe(201);
  return created.json().id as string;
}

function updateProfile(account: Account, payload: Record<string, unknown>) {
  return as(app, account.accessToken, { method: 'PATCH', url: '/v1/me/profile', payload });
}

const anonymously = (id: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/v1/files/${id}`, headers });
const by = (account: Account, id: string) =>
  as(app, account.accessToken, { method: 'GET', url: `/v1/files/${id}` });

/** The problem body without what differs between any two requests. */
function comparable(response: LightMyRequestResponse) {
  const { requestId: _requestId, ...body } = expectProblem(response, 404, 'not_found');
  return body;
}

/** Answers exactly like an id nobody has, to an anonymous caller and to `other`. */
async function expectHidden(id: string, other: Account) {
  const missing = randomUUID();
  expect(comparable(await anonymously(id))).toEqual(comparable(await anonymously(missing)));
  expect(comparable(await by(other, id))).toEqual(comparable(await by(other, missing)));
}

const handle = () => `u_${randomUUID().slice(0, 8)}`;

describe('file visibility', () => {
  it("serves a public profile's avatar to anyone, and hides it again when the profile is not public", async () => {
    const [owner, other] = [await signUp(app), await signUp(app)];
    const avatar = await upload(owner, samples.png);
    await expectHidden(avatar, other);

    expect(
      (await updateProfile(owner, { handle: handle(), avatarFileId: avatar, visibility: 'public' }))
        .statusCode,
    ).toBe(200);
    const served = await anonymously(avatar);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(samples.png)).toBe(true);
    expect(served.headers['content-type']).toBe('image/png');
    expect((await by(other, avatar)).statusCode).toBe(200);
    // Reading is all a share allows: the other account still cannot delete it, nor list it.
    expectProblem(
      await as(app, other.accessToken, { method: 'DELETE', url: `/v1/files/${avatar}` }),
      404,
      'not_found',
    );
    expect((await as(app, other.accessToken, { method: 'GET', url: '/v1/files' })).json().data).toEqual([]);

    expect((await updateProfile(owner, { visibility: 'private' })).statusCode).toBe(200);
    await expectHidden(avatar, other);

    // Published again with a new avatar: the new one is public, the old one private again.
    const next = await upload(owner, samples.webp);
    expect((await updateProfile(owner, { avatarFileId: next, visibility: 'public' })).statusCode).toBe(200);
    expect((await anonymously(next)).statusCode).toBe(200);
    await expectHidden(avatar, other);
    // Removing the handle unpublishes the profile, and so its avatar.
    expect((await updateProfile(owner, { handle: null })).statusCode).toBe(200);
    await expectHidden(next, other);
    // The owner reads its files throughout.
    expect((await by(owner, avatar)).statusCode).toBe(200);
    expect((await by(owner, next)).statusCode).toBe(200);
  });

  it('lets a product grant a file to a buyer, who can play it in ranges, and nobody else', async () => {
    const [seller, buyer, stranger] = [await signUp(app), await signUp(app), await signUp(app)];
    const product = await upload(seller, fixtures.ogg);
    const grant = { fileId: product, readerId: buyer.id, reason: 'nex.purchase:order-1' };
    // What a product module does when a purchase completes: bound to the seller, who owns the file.
    await withAccount(pool, seller.id, (db) => shareFile(db, grant));
    await withAccount(pool, seller.id, (db) => shareFile(db, grant)); // granted twice: one share

    const part = await as(app, buyer.accessToken, {
      method: 'GET',
      url: `/v1/files/${product}`,
      headers: { range: 'bytes=0-99' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(fixtures.ogg.subarray(0, 100))).toBe(true);
    await expectHidden(product, stranger);

    expect(await withAccount(pool, seller.id, (db) => unshareFile(db, grant))).toBe(true);
    await expectHidden(product, buyer);
  });

  it('refuses, by RLS, a share of a file the bound account does not own, and the withdrawal of another account’s share', async () => {
    const [owner, intruder, friend] = [await signUp(app), await signUp(app), await signUp(app)];
    const file = await upload(owner, zip({ 'a.txt': 'a' }));
    // The service role bound to the intruder cannot share the owner's file, to itself or to anyone.
    for (const readerId of [intruder.id, null]) {
      await expect(
        withAccount(pool, intruder.id, (db) =>
          shareFile(db, { fileId: file, readerId, reason: 'nex.purchase:x' }),
        ),
      ).rejects.toThrow(/row-level security/);
    }
    // A file shared with the intruder cannot be shared on by it either.
    await withAccount(pool, owner.id, (db) =>
      shareFile(db, { fileId: file, readerId: intruder.id, reason: 'nex.purchase:y' }),
    );
    await expect(
      withAccount(pool, intruder.id, (db) =>
        shareFile(db, { fileId: file, readerId: friend.id, reason: 'nex.purchase:z' }),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await by(friend, file)).statusCode).toBe(404);
    // Nor withdraw the owner's share, nor delete the file, by SQL.
    expect(
      await withAccount(pool, intruder.id, (db) =>
        unshareFile(db, { fileId: file, readerId: intruder.id, reason: 'nex.purchase:y' }),
      ),
    ).toBe(false);
    const deleted = await withAccount(pool, intruder.id, (db) =>
      db.query(sql.unsafe`DELETE FROM platform.files WHERE id = ${file}`),
    );
    expect(deleted.rowCount).toBe(0);
    expect((await by(intruder, file)).statusCode).toBe(200);
    // Anonymous SQL (no account bound) sees no private file and no share but public ones.
    const seen = await pool.transaction((db) =>
      db.any(sql.unsafe`SELECT id FROM platform.files WHERE id = ${file}`),
    );
    expect(seen).toEqual([]);
  });
});
