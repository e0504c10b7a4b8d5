import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobFailedError, QuotaExceededError, type Schemas, type SpeakReplyEvent } from '../src/index';
import { type Call, client, json, mockFetch, problem } from './helpers';

const CONVERSATION = 'c0000000-0000-4000-8000-000000000001';
const TURN_ID = 'a0000000-0000-4000-8000-000000000001';

const message = (
  id: string,
  type: Schemas['SpeakMessage']['type'],
  content: string,
  replyTo: string | null,
) =>
  ({
    id,
    conversationId: CONVERSATION,
    type,
    isAi: type !== 'user_speech',
    content,
    language: 'en',
    translatedContent: null,
    translationSource: null,
    audioFileId: type === 'ai_response' ? 'f0000000-0000-4000-8000-000000000001' : null,
    audioUrl: null,
    audioDurationMs: null,
    scriptSegment: null,
    pronunciationAnalysis: null,
    grammarCorrections: null,
    vocabularyHighlights: null,
    replyTo,
    createdAt: '2026-11-30T12:00:00.000Z',
  }) satisfies Schemas['SpeakMessage'];

const learner = message(TURN_ID, 'user_speech', 'Can I have a latte please', null);
const reply = message('b0000000-0000-4000-8000-000000000001', 'ai_response', 'Sure. What size?', TURN_ID);
const suggestion = message(
  'b0000000-0000-4000-8000-000000000002',
  'script_suggestion',
  'Medium, please.',
  TURN_ID,
);
const turn = {
  message: learner,
  job: {
    id: 'd0000000-0000-4000-8000-000000000001',
    type: 'speak.reply',
    status: 'queued',
    progress: 0,
    result: null,
    error: null,
    createdAt: '2026-11-30T12:00:00.000Z',
    updatedAt: '2026-11-30T12:00:00.000Z',
    finishedAt: null,
  },
  eventId: 4,
} satisfies Schemas['SpeakTurn'];

const frame = (event: string, id: number, data: unknown) =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

function sse(chunks: string[]) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const replied = {
  replyTo: TURN_ID,
  messageId: reply.id,
  audioFileId: reply.audioFileId,
  suggestionMessageId: suggestion.id,
};

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const event of events) out.push(event);
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('speak.messages.stream', () => {
  it("sends the turn, then yields this turn's reply pieces and messages until `replied`", async () => {
    const other = 'a0000000-0000-4000-8000-000000000009';
    const { fetch, calls } = mockFetch(
      json(turn, 201),
      sse([
        ': stream open\n\n',
        frame('delta', 5, { replyTo: TURN_ID, text: 'Sure. ' }),
        // Another turn's reply on the same conversation is not this one's.
        frame('delta', 6, { replyTo: other, text: 'Hello' }),
        frame('delta', 7, { replyTo: TURN_ID, text: 'What size?' }),
        frame('message', 8, reply),
        frame('message', 9, suggestion),
        frame('replied', 10, replied),
        frame('delta', 11, { replyTo: other, text: 'never read' }),
      ]),
    );
    const stream = client(fetch).speak.messages.stream({ id: CONVERSATION, text: learner.content });
    const events: SpeakReplyEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual([
      { type: 'turn', turn },
      { type: 'delta', text: 'Sure. ' },
      { type: 'delta', text: 'What size?' },
      { type: 'message', message: reply },
      { type: 'message', message: suggestion },
      { type: 'replied', turn, reply, suggestion },
    ]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST /v1/speak/conversations/${CONVERSATION}/messages`,
      `GET /v1/speak/conversations/${CONVERSATION}/events`,
    ]);
    expect(JSON.parse(calls[0]!.body!)).toEqual({ text: learner.content });
    // Only what follows the turn's own event.
    expect(calls[1]!.headers.get('last-event-id')).toBe('4');
    expect(calls[1]!.headers.get('accept')).toBe('text/event-stream');
  });

  it('ends with `replied` carrying no suggestion past the script', async () => {
    const { fetch } = mockFetch(
      json(turn, 201),
      sse([frame('message', 5, reply), frame('replied', 6, { ...replied, suggestionMessageId: null })]),
    );
    const events = await collect(client(fetch).speak.messages.stream({ id: CONVERSATION, text: 'hi' }));
    expect(events.at(-1)).toEqual({ type: 'replied', turn, reply, suggestion: null });
  });

  it('reconnects after the last event seen when the stream drops', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = mockFetch(
      json(turn, 201),
      sse([frame('delta', 5, { replyTo: TURN_ID, text: 'Sure. ' })]),
      new TypeError('fetch failed'),
      sse([frame('message', 6, reply), frame('replied', 7, { ...replied, suggestionMessageId: null })]),
    );
    const stream = client(fetch, { maxRetries: 0 }).speak.messages.stream({ id: CONVERSATION, text: 'hi' });
    const events = collect(stream);
    await vi.runAllTimersAsync();
    expect((await events).map((e) => e.type)).toEqual(['turn', 'delta', 'message', 'replied']);
    expect(calls.slice(1).map((c: Call) => c.headers.get('last-event-id'))).toEqual(['4', '5', '5']);
  });

  it('throws JobFailedError when the reply failed for good', async () => {
    const { fetch } = mockFetch(
      json(turn, 201),
      sse([
        frame('failed', 5, {
          replyTo: TURN_ID,
          code: 'empty_reply',
          message: 'The partner answered nothing.',
        }),
      ]),
    );
    const events: SpeakReplyEvent[] = [];
    const error = await (async () => {
      for await (const event of client(fetch).speak.messages.stream({ id: CONVERSATION, text: 'hi' }))
        events.push(event);
    })().catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ code: 'empty_reply', job: { id: turn.job.id, status: 'failed' } });
    expect(events.map((e) => e.type)).toEqual(['turn']);
  });

  it('throws QuotaExceededError from the turn and opens no stream', async () => {
    const { fetch, calls } = mockFetch(
      problem(402, 'quota_exceeded', { product: 'speak', metric: 'seconds', limit: 3600, used: 3590 }),
    );
    const stream = client(fetch).speak.messages.stream({
      id: CONVERSATION,
      text: 'hi',
      audioFileId: TURN_ID,
    });
    await expect(stream.next()).rejects.toBeInstanceOf(QuotaExceededError);
    expect(calls).toHaveLength(1);
  });

  it('gives up with the last error after three failed reconnects', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = mockFetch(json(turn, 201), new TypeError('fetch failed'));
    const events = collect(
      client(fetch, { maxRetries: 0 }).speak.messages.stream({ id: CONVERSATION, text: 'hi' }),
    );
    events.catch(() => {});
    await vi.runAllTimersAsync();
    await expect(events).rejects.toMatchObject({ name: 'ConnectionError' });
    expect(calls).toHaveLength(5);
  });

  it('aborts with the signal', async () => {
    const controller = new AbortController();
    const { fetch } = mockFetch(json(turn, 201), () => {
      controller.abort();
      return sse([]);
    });
    const stream = client(fetch).speak.messages.stream(
      { id: CONVERSATION, text: 'hi' },
      { signal: controller.signal },
    );
    await expect(collect(stream)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
