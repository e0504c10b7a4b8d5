/**
 * Collaboration requests (docs/products/nex.md, Collaborations). Each transition is one
 * conditional UPDATE; when it matches nothing, the request as the caller sees it says why:
 * absent (404), the other party's move (403), or no longer pending (409).
 */
import type { nex } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import { findArtwork } from './artwork-queries.ts';
import {
  findCollaboration,
  insertCollaboration,
  listCollaborations,
  transitionCollaboration,
} from './collaboration-queries.ts';
import { findCreatorOf } from './creator-queries.ts';
import { findCreatorAccount } from './fan-queries.ts';

const joinFirst = () => new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');

export async function requestCollaboration(
  db: DatabaseTransactionConnection,
  accountId: string,
  request: Static<typeof nex.collaborations.CreateCollaborationRequest>,
) {
  if (!(await findCreatorOf(db, accountId))) throw joinFirst();
  if ((request.artworkId === undefined) === (request.project === undefined)) {
    throw validationFailed('/body', 'must name exactly one of artworkId and project');
  }
  const recipientId = await findCreatorAccount(db, request.recipient);
  if (!recipientId) throw validationFailed('/body/recipient', 'is not a creator');
  if (recipientId === accountId) throw new DomainError('conflict', 'You cannot ask yourself to collaborate.');
  if (request.artworkId !== undefined && !(await findArtwork(db, request.artworkId))) {
    throw validationFailed('/body/artworkId', 'is not an artwork you can see');
  }
  const id = await insertCollaboration(db, accountId, {
    recipientId,
    artworkId: request.artworkId ?? null,
    project: request.project ?? null,
    message: request.message,
  });
  return getCollaboration(db, id);
}

export async function getCollaboration(db: DatabaseTransactionConnection, id: string) {
  const collaboration = await findCollaboration(db, id);
  if (!collaboration) throw notFound('collaboration request');
  return collaboration;
}

export function listOwnCollaborations(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { direction?: 'sent' | 'received'; limit?: number; cursor?: string },
) {
  const direction = query.direction ?? 'received';
  return paginate(`nex-collaborations-${direction}`, query, (after, take) =>
    listCollaborations(db, accountId, direction, after, take),
  );
}

const MOVES = {
  accept: { status: 'accepted', party: 'recipient_id', who: 'the recipient' },
  decline: { status: 'declined', party: 'recipient_id', who: 'the recipient' },
  cancel: { status: 'canceled', party: 'account_id', who: 'the sender' },
} as const;

export async function answerCollaboration(
  db: DatabaseTransactionConnection,
  accountId: string,
  id: string,
  action: keyof typeof MOVES,
  responseMessage: string | undefined,
) {
  const move = MOVES[action];
  if (await transitionCollaboration(db, accountId, id, move.party, move.status, responseMessage ?? null)) {
    return getCollaboration(db, id);
  }
  const current = await getCollaboration(db, id);
  const callerIsSender = (await findCreatorOf(db, accountId))?.username === current.senderUsername;
  if (callerIsSender !== (move.party === 'account_id')) {
    throw new DomainError('forbidden', `Only ${move.who} can ${action} a collaboration request.`);
  }
  throw new DomainError('conflict', `The request is ${current.status}: only a pending request can change.`);
}
