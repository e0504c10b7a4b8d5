/** Test helpers for nex: a creator with a published artwork in a few requests, through the real app. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type Account, as, signUp } from '../../../test/harness.ts';
import { samples } from '../../../test/image-samples.ts';

export interface Creator extends Account {
  username: string;
}

export const newUsername = () => `c_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

export async function joinedCreator(app: FastifyInstance): Promise<Creator> {
  const account = await signUp(app);
  const username = newUsername();
  const response = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/nex/creators',
    payload: { username, birthDate: '2000-04-01' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { ...account, username };
}

export async function uploadImage(app: FastifyInstance, account: Account): Promise<string> {
  const response = await as(app, account.accessToken, {
    method: 'POST',
    url: '/v1/files',
    payload: samples.png,
    headers: { 'content-type': 'image/png' },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

export async function draftArtwork(
  app: FastifyInstance,
  creator: Creator,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const response = await as(app, creator.accessToken, {
    method: 'POST',
    url: '/v1/nex/artworks',
    payload: {
      title: 'Untitled',
      category: 'illustration',
      fileId: await uploadImage(app, creator),
      ...fields,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function publishedArtwork(
  app: FastifyInstance,
  creator: Creator,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; [key: string]: unknown }> {
  const draft = await draftArtwork(app, creator, fields);
  const response = await as(app, creator.accessToken, {
    method: 'POST',
    url: `/v1/nex/artworks/${draft.id}/publish`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
