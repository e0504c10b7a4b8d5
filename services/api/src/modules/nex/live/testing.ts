/** Test helpers for nex's live half: an event in a request or two, through the real app. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { as } from '../../../../test/harness.ts';
import type { Creator } from '../testing.ts';

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
