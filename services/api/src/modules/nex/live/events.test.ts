import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { type Creator, joinedCreator, uploadImage } from '../testing.ts';
import { draftEvent, publishedEvent } from './testing.ts';

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

const move = (c: Creator, id: string, action: string) =>
  as(app, c.accessToken, { method: 'POST', url: `/v1/nex/events/${id}/${action}` });

describe('nex events', () => {
  it('keep drafts to the organizer, publish them for everyone with event_created EXP, and refuse illegal moves', async () => {
    const [yuki, mallory] = [await joinedCreator(app), await joinedCreator(app)];
    const cover = await uploadImage(app, yuki);
    const draft = await draftEvent(app, yuki, { coverFileId: cover });
    expect(draft).toMatchObject({
      status: 'draft',
      organizerUsername: yuki.username,
      taken: 0,
      publishedAt: null,
    });

    // A draft is 404 to anyone else, anonymous or signed in, and absent from lists.
    expectProblem(await app.inject({ method: 'GET', url: `/v1/nex/events/${draft.id}` }), 404, 'not_found');
    expectProblem(
      await as(app, mallory.accessToken, { method: 'GET', url: `/v1/nex/events/${draft.id}` }),
      404,
      'not_found',
    );
    expectProblem(await move(mallory, draft.id, 'publish'), 404, 'not_found');
    expectProblem(
      await as(app, mallory.accessToken, {
        method: 'PATCH',
        url: `/v1/nex/events/${draft.id}`,
        payload: { title: 'x' },
      }),
      404,
      'not_found',
    );
    const anonymousList = await app.inject({
      method: 'GET',
      url: `/v1/nex/events?organizer=${yuki.username}`,
    });
    expect(anonymousList.json().data).toEqual([]);
    // Cover not yet public.
    expect((await app.inject({ method: 'GET', url: `/v1/files/${cover}` })).statusCode).toBe(404);

    expectProblem(await move(yuki, draft.id, 'complete'), 409, 'conflict');
    const published = await move(yuki, draft.id, 'publish');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expectProblem(await move(yuki, draft.id, 'publish'), 409, 'conflict');
    // Not ended yet.
    expectProblem(await move(yuki, draft.id, 'complete'), 409, 'conflict');

    const anonymous = await app.inject({ method: 'GET', url: `/v1/nex/events/${draft.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/v1/files/${cover}` })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/nex/events?organizer=${yuki.username}` })).json().data,
    ).toHaveLength(1);

    const profile = (await app.inject({ method: 'GET', url: `/v1/nex/creators/${yuki.username}` })).json();
    expect(profile.totalExp).toBe(1000);

    // Completed once it has ended (moved into the past by SQL, as the clock would).
    await admin.query(sql.unsafe`
      UPDATE nex.events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = ${draft.id}
    `);
    expect((await move(yuki, draft.id, 'complete')).json().status).toBe('completed');
    for (const action of ['publish', 'complete', 'cancel']) {
      expectProblem(await move(yuki, draft.id, action), 409, 'conflict');
    }
    expectProblem(
      await as(app, yuki.accessToken, {
        method: 'PATCH',
        url: `/v1/nex/events/${draft.id}`,
        payload: { title: 'x' },
      }),
      409,
      'conflict',
    );
    expectProblem(
      await as(app, yuki.accessToken, { method: 'DELETE', url: `/v1/nex/events/${draft.id}` }),
      409,
      'conflict',
    );

    // The trigger holds the machine for any writer, the service role included.
    await expect(
      withAccount(pool, yuki.id, (db) =>
        db.query(sql.unsafe`UPDATE nex.events SET status = 'published' WHERE id = ${draft.id}`),
      ),
    ).rejects.toThrow(/check integrity/);
    // And the organizer cannot write the inventory counters.
    await expect(
      withAccount(pool, yuki.id, (db) =>
        db.query(sql.unsafe`UPDATE nex.events SET taken = 0 WHERE id = ${draft.id}`),
      ),
    ).rejects.toThrow(/permission denied/);

    // Republishing never earns again: one event_created.
    const again = await publishedEvent(app, yuki);
    expect((await move(yuki, again.id, 'cancel')).json()).toMatchObject({
      status: 'canceled',
      canceledAt: expect.any(String),
    });
    expectProblem(await move(yuki, again.id, 'publish'), 409, 'conflict');
  });

  it('validates times, venue and time zone; drafts delete', async () => {
    const yuki = await joinedCreator(app);
    const bad = (payload: Record<string, unknown>) =>
      as(app, yuki.accessToken, {
        method: 'POST',
        url: '/v1/nex/events',
        payload: {
          title: 'Bad',
          eventType: 'offline',
          venue: 'Here',
          startsAt: '2030-01-01T10:00:00Z',
          endsAt: '2030-01-01T12:00:00Z',
          timezone: 'Asia/Tokyo',
          ...payload,
        },
      });
    expectProblem(await bad({ endsAt: '2030-01-01T10:00:00Z' }), 400, 'validation_failed');
    expectProblem(await bad({ venue: undefined }), 400, 'validation_failed');
    expectProblem(await bad({ timezone: 'Mars/Olympus' }), 400, 'validation_failed');
    expectProblem(
      await bad({
        registrationOpensAt: '2029-12-01T00:00:00Z',
        registrationClosesAt: '2029-11-01T00:00:00Z',
      }),
      400,
      'validation_failed',
    );
    expect((await bad({ eventType: 'online', venue: undefined })).statusCode).toBe(201);

    const draft = await draftEvent(app, yuki);
    expectProblem(
      await as(app, yuki.accessToken, {
        method: 'PATCH',
        url: `/v1/nex/events/${draft.id}`,
        payload: { startsAt: '2031-01-01T00:00:00Z' },
      }),
      400,
      'validation_failed',
    );
    expect(
      (await as(app, yuki.accessToken, { method: 'DELETE', url: `/v1/nex/events/${draft.id}` })).statusCode,
    ).toBe(204);
  });

  it('ticket types: organizer only, free/paid prices, quantity never below held + sold', async () => {
    const [yuki, mallory] = [await joinedCreator(app), await joinedCreator(app)];
    const free = await draftEvent(app, yuki, { isFree: true });
    const addType = (c: Creator, eventId: string, payload: Record<string, unknown>) =>
      as(app, c.accessToken, { method: 'POST', url: `/v1/nex/events/${eventId}/ticket-types`, payload });
    expectProblem(
      await addType(yuki, free.id, { name: '一般', priceAmount: 1000, quantity: 5 }),
      400,
      'validation_failed',
    );
    expectProblem(
      await addType(mallory, free.id, { name: '一般', priceAmount: 0, quantity: 5 }),
      404,
      'not_found',
    );
    const created = await addType(yuki, free.id, { name: '一般', priceAmount: 0, quantity: 5 });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ available: 5, held: 0, sold: 0, isActive: true });
    // A draft's types are the organizer's alone to read.
    expectProblem(
      await app.inject({ method: 'GET', url: `/v1/nex/events/${free.id}/ticket-types` }),
      404,
      'not_found',
    );
    await move(yuki, free.id, 'publish');
    const listed = await app.inject({ method: 'GET', url: `/v1/nex/events/${free.id}/ticket-types` });
    expect(listed.json().data).toHaveLength(1);

    const typeId = created.json().id;
    const patch = (c: Creator, payload: Record<string, unknown>) =>
      as(app, c.accessToken, { method: 'PATCH', url: `/v1/nex/ticket-types/${typeId}`, payload });
    expectProblem(await patch(mallory, { quantity: 1 }), 404, 'not_found');
    await admin.query(sql.unsafe`UPDATE nex.ticket_types SET sold = 3 WHERE id = ${typeId}`);
    expectProblem(await patch(yuki, { quantity: 2 }), 409, 'conflict');
    expect((await patch(yuki, { quantity: 3, isActive: false })).json()).toMatchObject({
      quantity: 3,
      available: 0,
    });

    const paid = await draftEvent(app, yuki, { isFree: false });
    expectProblem(
      await addType(yuki, paid.id, { name: 'Free', priceAmount: 0, quantity: 5 }),
      400,
      'validation_failed',
    );
    expect((await addType(yuki, paid.id, { name: 'S席', priceAmount: 5000, quantity: 5 })).statusCode).toBe(
      201,
    );
  });
});
