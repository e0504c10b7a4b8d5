import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { sql } from 'slonik';
import { describe, expect, it } from 'vitest';
import { type Account, as, expectProblem, signUp, testApp } from '../../../../test/harness.ts';
import { superuserPool } from '../../../../test/superuser.ts';
import { withAccount } from '../../../kernel/tenancy.ts';
import { joinedCreator } from '../testing.ts';
import { releaseHolds } from './jobs.ts';
import { publishedEvent } from './testing.ts';

// jsqr is CommonJS whose typings declare an ES default export: the function is module.exports itself.
const jsQR = jsqr as unknown as typeof jsqr.default;

const { app, pool, databaseUrl } = await testApp();
const admin = await superuserPool(databaseUrl);

async function eventWithType(fields: Record<string, unknown> = {}, type: Record<string, unknown> = {}) {
  const organizer = await joinedCreator(app);
  const event = await publishedEvent(app, organizer, fields);
  const created = await as(app, organizer.accessToken, {
    method: 'POST',
    url: `/v1/nex/events/${event.id}/ticket-types`,
    payload: { name: '一般', priceAmount: 0, quantity: 10, ...type },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { organizer, event, type: created.json() };
}

const order = (buyer: Account, ticketTypeId: string, quantity = 1, extra: Record<string, unknown> = {}) =>
  as(app, buyer.accessToken, {
    method: 'POST',
    url: '/v1/nex/ticket-orders',
    payload: { ticketTypeId, quantity, ...extra },
  });

const typeRow = async (id: string) =>
  admin.one(sql.unsafe`
    SELECT t.held, t.sold, e.taken FROM nex.ticket_types t JOIN nex.events e ON e.id = t.event_id WHERE t.id = ${id}
  `) as Promise<{ held: number; sold: number; taken: number }>;

describe('nex tickets', () => {
  it('never oversell: 100 concurrent orders for 10 tickets issue exactly 10', async () => {
    const { type } = await eventWithType();
    const buyers = await Promise.all(Array.from({ length: 20 }, () => signUp(app)));
    const answers = await Promise.all(
      buyers.flatMap((b) => Array.from({ length: 5 }, () => order(b, type.id))),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(90);
    expect(await typeRow(type.id)).toEqual({ held: 0, sold: 10, taken: 10 });
    const [issued] = (await admin.any(
      sql.unsafe`SELECT count(*)::int AS n, count(DISTINCT code)::int AS codes FROM nex.tickets WHERE ticket_type_id = ${type.id}`,
    )) as { n: number; codes: number }[];
    expect(issued).toEqual({ n: 10, codes: 10 });
  });

  it('the event capacity binds across ticket types, and no one buys their own event', async () => {
    const { organizer, event, type } = await eventWithType({ capacity: 3 });
    const other = await as(app, organizer.accessToken, {
      method: 'POST',
      url: `/v1/nex/events/${event.id}/ticket-types`,
      payload: { name: 'VIP', priceAmount: 0, quantity: 10 },
    });
    const buyer = await signUp(app);
    expect((await order(buyer, type.id, 2)).statusCode).toBe(201);
    expectProblem(await order(buyer, other.json().id, 2), 409, 'conflict');
    expect((await order(buyer, other.json().id, 1)).statusCode).toBe(201);
    expectProblem(await order(organizer, type.id, 1), 409, 'conflict');
  });

  it('issue a QR ticket the organizer checks in once; others see 404', async () => {
    const { organizer, event, type } = await eventWithType();
    const [buyer, stranger] = [await signUp(app), await signUp(app)];
    const placed = await order(buyer, type.id, 2);
    expect(placed.statusCode, placed.body).toBe(201);
    const bought = placed.json();
    expect(bought).toMatchObject({ status: 'paid', totalAmount: 0, payment: null, quantity: 2 });
    expect(bought.tickets).toHaveLength(2);
    const [ticket] = bought.tickets;

    // The QR code carries the code.
    const png = await as(app, buyer.accessToken, {
      method: 'GET',
      url: `/v1/nex/tickets/${ticket.id}/qr?format=png`,
    });
    expect(png.statusCode).toBe(200);
    const image = PNG.sync.read(png.rawPayload);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(ticket.code);

    // Another account's ticket and order are 404, by API and by SQL.
    expectProblem(
      await as(app, stranger.accessToken, { method: 'GET', url: `/v1/nex/tickets/${ticket.id}/qr` }),
      404,
      'not_found',
    );
    expectProblem(
      await as(app, stranger.accessToken, { method: 'GET', url: `/v1/nex/ticket-orders/${bought.id}` }),
      404,
      'not_found',
    );
    const seen = await withAccount(pool, stranger.id, (db) =>
      db.any(sql.unsafe`SELECT id FROM nex.tickets WHERE id = ${ticket.id}`),
    );
    expect(seen).toHaveLength(0);
    expect(
      (await as(app, buyer.accessToken, { method: 'GET', url: '/v1/nex/tickets' })).json().data,
    ).toHaveLength(2);

    const scan = (who: Account, code: string, eventId = event.id) =>
      as(app, who.accessToken, {
        method: 'POST',
        url: `/v1/nex/events/${eventId}/check-ins`,
        payload: { code },
      });
    expectProblem(await scan(stranger, ticket.code), 404, 'not_found');
    expectProblem(await scan(buyer, ticket.code), 404, 'not_found');
    // A forged or altered code does not verify.
    const altered = `${ticket.code.slice(0, -2)}${ticket.code.endsWith('AA') ? 'BB' : 'AA'}`;
    expectProblem(await scan(organizer, altered), 404, 'not_found');
    // Ten concurrent scans of one ticket: one check-in, nine 409s.
    const scans = await Promise.all(Array.from({ length: 10 }, () => scan(organizer, ticket.code)));
    expect(scans.filter((s) => s.statusCode === 200)).toHaveLength(1);
    expect(scans.filter((s) => s.statusCode === 409)).toHaveLength(9);
    expectProblem(await scan(organizer, ticket.code), 409, 'conflict');

    // Another event of the same organizer does not admit it.
    const { event: elsewhere } = await eventWithType();
    expectProblem(await scan(organizer, ticket.code, elsewhere.id), 404, 'not_found');
  });

  it('hold paid reservations for a bounded time; the sweep releases them; illegal moves refused', async () => {
    const { type } = await eventWithType({ isFree: false }, { priceAmount: 2500, quantity: 3 });
    const buyer = await signUp(app);

    // The reservation itself, as the buyer, through the same function the service calls.
    const orderId = await withAccount(pool, buyer.id, (db) =>
      db.oneFirst(sql.unsafe`SELECT nex.reserve_tickets(${type.id}, 3, NULL, interval '10 minutes') AS id`),
    );
    expect(orderId).toEqual(expect.any(String));
    expect(await typeRow(type.id)).toEqual({ held: 3, sold: 0, taken: 3 });
    // Sold out meanwhile.
    const second = await signUp(app);
    const none = await withAccount(pool, second.id, (db) =>
      db.oneFirst(sql.unsafe`SELECT nex.reserve_tickets(${type.id}, 1, NULL, interval '10 minutes') AS id`),
    );
    expect(none).toBeNull();
    // Holds longer than an hour are refused outright.
    const long = await withAccount(pool, second.id, (db) =>
      db.oneFirst(sql.unsafe`SELECT nex.reserve_tickets(${type.id}, 1, NULL, interval '2 hours') AS id`),
    );
    expect(long).toBeNull();

    // Not yet expired: the sweep leaves it.
    expect(await releaseHolds(pool)).toEqual({ released: 0 });
    await admin.query(
      sql.unsafe`UPDATE nex.ticket_orders SET expires_at = now() - interval '1 second' WHERE id = ${String(orderId)}`,
    );
    expect((await releaseHolds(pool)).released).toBeGreaterThanOrEqual(1);
    expect(await typeRow(type.id)).toEqual({ held: 0, sold: 0, taken: 0 });
    // An expired order is never paid, and its status machine holds for any writer.
    const settled = await withAccount(pool, buyer.id, (db) =>
      db.oneFirst(sql.unsafe`SELECT nex.settle_ticket_order(${String(orderId)}) AS done`),
    );
    expect(settled).toBe(false);
    await expect(
      admin.query(sql.unsafe`UPDATE nex.ticket_orders SET status = 'pending' WHERE id = ${String(orderId)}`),
    ).rejects.toThrow(/check integrity/);
    // The service role cannot touch inventory or orders directly.
    await expect(
      withAccount(pool, buyer.id, (db) =>
        db.query(sql.unsafe`UPDATE nex.ticket_types SET sold = 0 WHERE id = ${type.id}`),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('cancelling an event releases holds and refunds issued tickets', async () => {
    const { organizer, event, type } = await eventWithType();
    const buyer = await signUp(app);
    const bought = (await order(buyer, type.id, 2)).json();
    const canceled = await as(app, organizer.accessToken, {
      method: 'POST',
      url: `/v1/nex/events/${event.id}/cancel`,
    });
    expect(canceled.statusCode, canceled.body).toBe(200);
    expect(canceled.json().taken).toBe(0);
    const after = (
      await as(app, buyer.accessToken, { method: 'GET', url: `/v1/nex/ticket-orders/${bought.id}` })
    ).json();
    expect(after.status).toBe('refunded');
    expect(after.tickets.map((t: { status: string }) => t.status)).toEqual(['refunded', 'refunded']);
    expectProblem(await order(buyer, type.id, 1), 409, 'conflict');
  });
});
