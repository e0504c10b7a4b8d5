/** Test helpers for nex's live half: an event in a request or two, through the real app. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type Account, as } from '../../../../test/harness.ts';
import { type Creator, joinedCreator } from '../testing.ts';

export async function draftEvent(
  app: FastifyInstance,
  organizer: Creator,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const starts = Date.now() + 7 * 24 * 3600_000;
  const response = await as(app, organizer.accessToken, {
    method: 'POST',
    url: '/v1/nex/events',
    payload: {
      title: '水彩ワークショップ',
      eventType: 'offline',
      venue: '渋谷',
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(starts + 2 * 3600_000).toISOString(),
      timezone: 'Asia/Tokyo',
      ...fields,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function publishedEvent(
  app: FastifyInstance,
  organizer: Creator,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const draft = await draftEvent(app, organizer, fields);
  const response = await as(app, organizer.accessToken, {
    method: 'POST',
    url: `/v1/nex/events/${draft.id}/publish`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A published paid event of a new organizer with one ticket type of `quantity` at `priceAmount` JPY. */
export async function paidTicketType(app: FastifyInstance, quantity: number, priceAmount: number) {
  const organizer = await joinedCreator(app);
  const event = await publishedEvent(app, organizer, { isFree: false });
  const created = await as(app, organizer.accessToken, {
    method: 'POST',
    url: `/v1/nex/events/${event.id}/ticket-types`,
    payload: { name: '一般', priceAmount, quantity },
  });
  expect(created.statusCode, created.body).toBe(201);
  return { organizer, event, type: created.json() as { id: string } };
}

export const orderTickets = (
  app: FastifyInstance,
  buyer: Account,
  ticketTypeId: string,
  quantity = 1,
  extra: Record<string, unknown> = {},
) =>
  as(app, buyer.accessToken, {
    method: 'POST',
    url: '/v1/nex/ticket-orders',
    payload: { ticketTypeId, quantity, ...extra },
  });

/** The local provider's test-mode payment, completed through the signed webhook path. */
export const simulatePayment = (
  app: FastifyInstance,
  payer: Account,
  paymentId: string,
  outcome: 'succeeded' | 'failed' = 'succeeded',
) =>
  as(app, payer.accessToken, {
    method: 'POST',
    url: `/v1/nex/payments/${paymentId}/simulate`,
    payload: { outcome },
  });

/** The caller's balances (`GET /v1/nex/balance`). */
export const balances = async (app: FastifyInstance, account: Account) =>
  (await as(app, account.accessToken, { method: 'GET', url: '/v1/nex/balance' })).json().data;
