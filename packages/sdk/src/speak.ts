/**
 * `client.speak.messages.stream(turn)`: sends a learner turn, then follows the conversation's
 * Server-Sent Events (`GET /v1/speak/conversations/{id}/events`) from that turn's own event on,
 * reconnecting with `Last-Event-ID`, until its reply is complete (`replied`) or failed (`failed`).
 */
import { type Settings, send, sleep } from './core';
import { AbortError, APIError, YorozuError } from './errors';
import type { components } from './generated/schema';
import { JobFailedError } from './jobs';
import { readEvents } from './sse';

type SpeakMessage = components['schemas']['SpeakMessage'];
type SpeakTurn = components['schemas']['SpeakTurn'];

/**
 * What `stream` yields: the stored `turn` first, then the reply's `delta`s as they are written
 * and its whole `message`s, and last `replied`, the whole reply (its `audioFileId` is the voiced
 * WAV) with the learner's next script line, when the script has one.
 */
export type SpeakReplyEvent =
  | { type: 'turn'; turn: SpeakTurn }
  | { type: 'delta'; text: string }
  | { type: 'message'; message: SpeakMessage }
  | { type: 'replied'; turn: SpeakTurn; reply: SpeakMessage; suggestion: SpeakMessage | null };

export async function* streamReply(
  settings: Settings,
  url: string,
  post: () => Promise<SpeakTurn>,
  signal: AbortSignal | undefined,
): AsyncGenerator<SpeakReplyEvent, void> {
  const turn = await post();
  yield { type: 'turn', turn };
  const messages: Record<string, SpeakMessage> = {};
  let lastEventId = `${turn.eventId}`;
  let failures = 0;
  let failure: unknown = new YorozuError('Event stream closed before the reply');
  for (;;) {
    try {
      const response = await send(settings, {
        method: 'GET',
        url,
        headers: new Headers({ accept: 'text/event-stream', 'last-event-id': lastEventId }),
        signal,
        stream: true,
      });
      for await (const { event, data, id } of readEvents(response.body as ReadableStream<Uint8Array>)) {
        lastEventId = id ?? lastEventId;
        failures = 0;
        const value = JSON.parse(data);
        // Other turns' replies (a turn sent meanwhile) and `ended` are not this turn's.
        if (value.replyTo !== turn.message.id) continue;
        if (event === 'delta') yield { type: 'delta', text: value.text };
        if (event === 'message') {
          messages[value.id] = value;
          yield { type: 'message', message: value };
        }
        if (event === 'failed') throw new JobFailedError({ ...turn.job, status: 'failed', error: value });
        if (event === 'replied') {
          const reply = messages[value.messageId] as SpeakMessage;
          return yield {
            type: 'replied',
            turn,
            reply,
            suggestion: messages[value.suggestionMessageId] ?? null,
          };
        }
      }
    } catch (error) {
      if (signal?.aborted) throw new AbortError(signal.reason);
      if (error instanceof JobFailedError || (error instanceof APIError && error.status < 500)) throw error;
      failure = error;
    }
    // The stream dropped: resume after the last event seen.
    if (failures > 2) throw failure;
    await sleep(500 * 2 ** failures++, signal);
  }
}
