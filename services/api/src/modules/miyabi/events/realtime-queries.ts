/** The realtime messages' statements (migrations/0341_miyabi-realtime.sql). */
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { NoRows, rowType } from '../../../db/row-type.ts';

const SeqRow = rowType(Type.Object({ seq: Type.Integer() }));
const StreamRow = rowType(Type.Object({ lastSeq: Type.Integer(), deliveredSeq: Type.Integer() }));
const Message = Type.Object({
  seq: Type.Integer(),
  type: Type.Union([Type.Literal('execution_update'), Type.Literal('notification')]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
});
const MessageRowType = rowType(Message);
const CountRow = rowType(Type.Object({ count: Type.Integer() }));

export type MessageRow = Type.Static<typeof Message>;

/**
 * Numbers the message with the account's next sequence number and stores it, in one statement.
 * The counter row stays locked until the caller's transaction ends, so the account's messages
 * commit in the order of their numbers.
 */
export function insertMessage(
  db: CommonQueryMethods,
  message: { accountId: string; type: string; payload: string },
) {
  return db.oneFirst(sql.type(SeqRow)`
    WITH counter AS (
      INSERT INTO miyabi.realtime_streams AS s (account_id, last_seq) VALUES (${message.accountId}, 1)
      ON CONFLICT (account_id) DO UPDATE SET last_seq = s.last_seq + 1
      RETURNING last_seq
    )
    INSERT INTO miyabi.realtime_messages (account_id, seq, type, payload)
    SELECT ${message.accountId}, last_seq, ${message.type}, ${message.payload}::jsonb FROM counter
    RETURNING seq
  `);
}

export function findStream(db: CommonQueryMethods, accountId: string) {
  return db.maybeOne(sql.type(StreamRow)`
    SELECT last_seq AS "lastSeq", delivered_seq AS "deliveredSeq"
    FROM miyabi.realtime_streams WHERE account_id = ${accountId}
  `);
}

/** The kept messages after `afterSeq`, in order, at most `limit`. */
export function listMessagesAfter(
  db: CommonQueryMethods,
  accountId: string,
  afterSeq: number,
  since: string,
  limit: number,
) {
  return db.any(sql.type(MessageRowType)`
    SELECT seq, type, payload, created_at AS "createdAt"
    FROM miyabi.realtime_messages
    WHERE account_id = ${accountId} AND seq > ${afterSeq} AND created_at > ${since}::timestamptz
    ORDER BY seq
    LIMIT ${limit}
  `);
}

/** Raises the account's delivered mark to `seq` (never lowers it). */
export async function markDelivered(db: CommonQueryMethods, accountId: string, seq: number) {
  await db.query(sql.type(NoRows)`
    UPDATE miyabi.realtime_streams SET delivered_seq = ${seq}
    WHERE account_id = ${accountId} AND delivered_seq < ${seq}
  `);
}

export function deleteExpiredMessages(db: CommonQueryMethods, before: string, limit: number) {
  return db.oneFirst(sql.type(CountRow)`
    SELECT miyabi.delete_expired_realtime_messages(${before}::timestamptz, ${limit}) AS count
  `);
}
