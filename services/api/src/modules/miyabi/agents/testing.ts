/** Test helpers for Miyabi's agents part: a signed GitHub delivery. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { githubSignature } from './github-webhook.ts';

export const GITHUB_WEBHOOK_URL = '/v1/miyabi/webhooks/github';

export interface GithubDelivery {
  body: string;
  headers: Record<string, string>;
}

/** A delivery of `event` with `payload`, signed with `secret` (or with the signature given). */
export function githubDelivery(
  secret: string,
  event: string,
  payload: object,
  options: { deliveryId?: string; signature?: string } = {},
): GithubDelivery {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': options.deliveryId ?? randomUUID(),
      'x-hub-signature-256': options.signature ?? githubSignature(secret, Buffer.from(body)),
    },
  };
}

export function deliverGithub(app: FastifyInstance, delivery: GithubDelivery) {
  return app.inject({
    method: 'POST',
    url: GITHUB_WEBHOOK_URL,
    headers: delivery.headers,
    payload: delivery.body,
  });
}
