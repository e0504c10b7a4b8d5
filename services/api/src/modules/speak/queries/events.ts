/** speak.conversation_events: what a conversation's event stream replays, one function per statement. */
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { rowType } from '../../../db/row-type.ts';

export type ConversationEventName = 'delta' | 'message' | 'replied' | 'failed' | 'ended';

const SeqRow = rowType(Type.Object({ seq: Type.Number() }));
const EventRow = rowType(
  Type.Object({
    seq: Type.Number(),
    event: Type.Enum(['delta', 'message', 'replied', 'failed', 'ended']),
    data: Type.Unknown(),
  }),
);

/** The most events one read returns; a stream reads again at once when it got that many. */
export const EVENTS_PER_READ = 500;

/**
 * Appends an event with the conversation's next number, taken under its row lock (the UPDATE),
 * so concurrent writers (two replies) get distinct, increasing numbers in commit order.
 */
export function appendEvent(
  db: CommonQueryMethods,
  accountId: string,
  conversationId: string,
  event: ConversationEventName,
  data: unknown,
) {
  return db.one(sql.type(SeqRow)`
    WITH next AS (
      UPDATE speak.conversations SET event_seq = event_seq + 1
      WHERE account_id = ${accountId} AND id = ${conversationId}
      RETURNING event_seq
    )
    INSERT INTO speak.conversation_events (account_id, conversation_id, seq, event, data)
    SELECT ${accountId}, ${conversationId}, event_seq, ${event}, ${sql.jsonb(data as never)} FROM next
    RETURNING seq
  `);
}

export function listEvents(
  db: CommonQueryMethods,
  accountId: string,
  conversationId: string,
  afterSeq: number,
) {
  return db.any(sql.type(EventRow)`
    SELECT seq, event, data FROM speak.conversation_events
    WHERE account_id = ${accountId} AND conversation_id = ${conversationId} AND seq > ${afterSeq}
    ORDER BY seq LIMIT ${EVENTS_PER_READ}
  `);
}
