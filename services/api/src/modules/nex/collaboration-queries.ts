/** Collaboration requests (docs/products/nex.md, Collaborations): visible to their two parties only. */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const CollaborationRow = rowType(nex.collaborations.Collaboration);
const IdRow = rowType(Type.Object({ id: Type.String() }));

/** `expired` is a pending request past its date: computed on read, so no sweep is needed to be right. */
const collaborationColumns = sql.fragment`
  r.id, sender.username AS "senderUsername", recipient.username AS "recipientUsername", r.artwork_id AS "artworkId",
  r.project, r.message, r.response_message AS "responseMessage",
  CASE WHEN r.status = 'pending' AND r.expires_at <= now() THEN 'expired' ELSE r.status END AS status,
  r.expires_at AS "expiresAt", r.created_at AS "createdAt", r.responded_at AS "respondedAt"
`;
const collaborationSource = sql.fragment`
  nex.collaborations r
  JOIN nex.creators sender ON sender.account_id = r.account_id
  JOIN nex.creators recipient ON recipient.account_id = r.recipient_id
`;

export interface NewCollaboration {
  recipientId: string;
  artworkId: string | null;
  project: string | null;
  message: string;
}

export function insertCollaboration(db: CommonQueryMethods, accountId: string, request: NewCollaboration) {
  return db.oneFirst(sql.type(IdRow)`
    INSERT INTO nex.collaborations (account_id, recipient_id, artwork_id, project, message)
    VALUES (${accountId}, ${request.recipientId}, ${request.artworkId}, ${request.project}, ${request.message})
    RETURNING id
  `);
}

export function findCollaboration(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(CollaborationRow)`
    SELECT ${collaborationColumns} FROM ${collaborationSource} WHERE r.id = ${id}
  `);
}

export function listCollaborations(
  db: CommonQueryMethods,
  accountId: string,
  direction: 'sent' | 'received',
  after: Position | null,
  take: number,
) {
  const side = sql.identifier(['r', direction === 'sent' ? 'account_id' : 'recipient_id']);
  return db.any(sql.type(CollaborationRow)`
    SELECT ${collaborationColumns} FROM ${collaborationSource}
    WHERE ${side} = ${accountId} ${afterPosition(after, 'r')}
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${take}
  `);
}

/**
 * One transition, made only from a pending, unexpired request by the party it belongs to
 * (`party` is the column that must be the caller); null when any of that does not hold.
 */
export function transitionCollaboration(
  db: CommonQueryMethods,
  accountId: string,
  id: string,
  party: 'account_id' | 'recipient_id',
  status: 'accepted' | 'declined' | 'canceled',
  responseMessage: string | null,
) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.collaborations SET status = ${status}, response_message = ${responseMessage}, responded_at = now()
    WHERE id = ${id} AND ${sql.identifier([party])} = ${accountId} AND status = 'pending' AND expires_at > now()
    RETURNING id
  `);
}
