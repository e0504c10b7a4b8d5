/**
 * GitHub webhook deliveries (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries):
 * `X-Hub-Signature-256: sha256=<hex>` is HMAC-SHA256 of the raw body under the webhook's secret,
 * compared in constant time. GitHub signs no timestamp, so a captured delivery could be sent
 * again at any time: the delivery id (`X-GitHub-Delivery`, kept on redeliveries) is what makes
 * a replay a no-op, claimed in the same transaction that records the event.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { miyabiRepositories } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError } from '../../../kernel/errors.ts';
import { isStorableText } from '../../../kernel/text.ts';
import type { EventStore } from '../events/store.ts';
import { receiveGithubDelivery } from './repository-queries.ts';

type Payload = Static<typeof miyabiRepositories.GitHubWebhookPayload>;

export function githubSignature(secret: string, rawBody: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

function badSignature(message: string): DomainError {
  return new DomainError('validation_failed', `Invalid X-Hub-Signature-256: ${message}.`, {
    errors: [{ path: '/header/x-hub-signature-256', message }],
  });
}

/** Throws a 400 unless the header is this body's signature under `secret`. */
export function assertGithubSignature(rawBody: Buffer, header: string, secret: string): void {
  if (!/^sha256=[0-9a-f]{64}$/.test(header)) throw badSignature('must be sha256=<64 hex digits>');
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  if (!timingSafeEqual(given, expected)) throw badSignature('it does not match the body');
}

/** A short text of the payload we can store, or null. */
function text(value: unknown, maxLength: number): string | null {
  return typeof value === 'string' && value.length <= maxLength && isStorableText(value) ? value : null;
}

/** An issue or pull-request number that fits the column (GitHub's are positive 32-bit). */
function number(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2_147_483_647
    ? value
    : null;
}

export interface GithubDeliveryInput {
  secret: string | null;
  /** Where the delivery is recorded as a `webhook.github` event of each account it concerns. */
  store: EventStore;
  rawBody: Buffer;
  signature: string;
  deliveryId: string;
  event: string;
  payload: Payload;
}

export async function receiveGithubWebhook(db: DatabaseTransactionConnection, input: GithubDeliveryInput) {
  if (!input.secret) {
    throw new DomainError('unavailable', 'GitHub webhooks are not configured on this server.', {
      retryAfter: 3600,
    });
  }
  assertGithubSignature(input.rawBody, input.signature, input.secret);
  const { payload } = input;
  const summary = {
    action: text(payload.action, 100),
    sender: text(payload.sender?.login, 100),
    issueNumber: number(payload.issue?.number),
    pullRequestNumber: number(payload.pull_request?.number),
    ref: text(payload.ref, 300),
  };
  const rows = await receiveGithubDelivery(db, {
    deliveryId: input.deliveryId,
    event: input.event,
    githubRepoId: payload.repository?.id ?? null,
    bodySha256: createHash('sha256').update(input.rawBody).digest(),
    summary,
  });
  // The same transaction as the claim: a replay (the claim fails) appends nothing, and a failed
  // append leaves the delivery unclaimed for GitHub's redelivery.
  const recorded = rows.flatMap((row) =>
    row.accountId && row.repositoryId && row.eventId
      ? [{ accountId: row.accountId, repositoryId: row.repositoryId, id: row.eventId }]
      : [],
  );
  await input.store.append(
    db,
    recorded.map((row) => ({
      ...row,
      type: 'webhook.github',
      subject: `delivery:${input.deliveryId}`,
      data: { deliveryId: input.deliveryId, event: input.event, ...summary },
    })),
  );
  return {
    deliveryId: input.deliveryId,
    duplicate: rows.some((row) => row.duplicate),
    recorded: recorded.length,
  };
}
