/**
 * A conversation's Server-Sent Events (`speak.conversations.events`): reply pieces as the partner
 * writes them, whole messages, and `ended`, after which the stream closes. The kernel's event
 * stream does the reading and waiting; it is woken through the jobs' listener, which
 * speak.conversation_events notifies with the conversation's id.
 */
import type { DatabasePool } from 'slonik';
import { eventStream, type JobEventHub } from '../../kernel/jobs/index.ts';
import { EVENTS_PER_READ, listEvents } from './queries/events.ts';

export interface ConversationStreamOptions {
  pool: DatabasePool;
  hub: JobEventHub;
  accountId: string;
  conversationId: string;
  afterSeq: number;
  signal: AbortSignal;
}

export function conversationEventStream(options: ConversationStreamOptions): AsyncGenerator<string> {
  const { accountId, conversationId } = options;
  return eventStream({
    ...options,
    id: conversationId,
    readLimit: EVENTS_PER_READ,
    read: async (db, afterSeq) =>
      (await listEvents(db, accountId, conversationId, afterSeq)).map((event) => ({
        ...event,
        final: event.event === 'ended',
      })),
  });
}
