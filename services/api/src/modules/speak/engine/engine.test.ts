import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { OpenAiCompatibleError } from '../openai-compatible.ts';
import type { ReplyRequest } from './engine.ts';
import { localConversationEngine, localReplyText } from './local.ts';
import { openAiConversationEngine } from './openai.ts';

const script = {
  title: 'Ordering coffee',
  segments: [
    { order: 1, speaker: 'ai' as const, text: 'Hi! What can I get you?', alternatives: [] },
    { order: 2, speaker: 'user' as const, text: 'A latte, please.', alternatives: [] },
    { order: 3, speaker: 'ai' as const, text: 'What size?', alternatives: [] },
  ],
};

function request(overrides: Partial<ReplyRequest> = {}): ReplyRequest {
  return {
    conversation: {
      id: 'c1',
      seed: 42,
      nativeLanguage: 'ja',
      targetLanguage: 'en',
      scenario: 'cafe',
      difficultyLevel: 2,
    },
    script: null,
    turn: { text: 'A latte please', number: 1, scriptSegment: null },
    history: [{ role: 'user', content: 'A latte please' }],
    ...overrides,
  };
}

async function collect(pieces: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of pieces) out.push(piece);
  return out;
}

describe('the local partner', () => {
  it("says the script's next partner line, and closes after the script's end", async () => {
    const scripted = request({ script, turn: { text: 'A latte please', number: 1, scriptSegment: 2 } });
    expect(
      (await collect(localConversationEngine.reply(scripted, new AbortController().signal))).join(''),
    ).toBe('What size?');
    expect(localReplyText({ ...scripted, turn: { ...scripted.turn, scriptSegment: null } })).toContain(
      'end of the script',
    );
  });

  it('answers free conversation from templates, the same for the same seed and turn', () => {
    const first = localReplyText(request());
    expect(localReplyText(request())).toBe(first);
    const others = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
      localReplyText(request({ conversation: { ...request().conversation, seed } })),
    );
    expect(new Set(others).size).toBeGreaterThan(1);
    expect(
      localReplyText(request({ conversation: { ...request().conversation, targetLanguage: 'ja' } })),
    ).toMatch(/[ぁ-ん]/);
  });
});

describe('the OpenAI-compatible partner, against a fake chat-completions server', () => {
  const received: { url: string; authorization: string | undefined; body: Record<string, unknown> }[] = [];
  let status = 200;
  const server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    received.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) });
    if (status !== 200) {
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":{"message":"nope"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    // Chunks split mid-line, a role-only first delta and a keep-alive comment, as real servers send.
    const chunks = ['What ', 'size ', 'would you like?'].map(
      (content) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`,
    );
    const stream = [
      `data: ${JSON.stringify({ choices: [{ delta: { role: 'assistant' } }] })}\n\n`,
      ': ping\n\n',
      ...chunks,
      'data: [DONE]\n\n',
    ].join('');
    for (let i = 0; i < stream.length; i += 37) res.write(stream.slice(i, i + 37));
    res.end();
  });
  const listening = new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`),
    ),
  );
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('streams the deltas in order and sends the model, the key and a prompt with the script line', async () => {
    const engine = openAiConversationEngine({
      baseUrl: await listening,
      apiKey: 'sk-test',
      model: 'tiny-model',
    });
    const scripted = request({ script, turn: { text: 'A latte please', number: 1, scriptSegment: 2 } });
    const pieces = await collect(engine.reply(scripted, new AbortController().signal));
    expect(pieces).toEqual(['What ', 'size ', 'would you like?']);
    const call = received.at(-1);
    expect(call?.url).toBe('/v1/chat/completions');
    expect(call?.authorization).toBe('Bearer sk-test');
    expect(call?.body).toMatchObject({ model: 'tiny-model', stream: true });
    const messages = call?.body['messages'] as { role: string; content: string }[];
    expect(messages[0]?.role).toBe('system');
    expect(messages[0]?.content).toContain('"What size?"');
    expect(messages.slice(1)).toEqual([{ role: 'user', content: 'A latte please' }]);
  });

  it('fails the reply when the endpoint answers an error', async () => {
    status = 503;
    const engine = openAiConversationEngine({ baseUrl: await listening, model: 'tiny-model' });
    await expect(collect(engine.reply(request(), new AbortController().signal))).rejects.toThrow(
      OpenAiCompatibleError,
    );
    expect(received.at(-1)?.authorization).toBeUndefined();
    status = 200;
  });
});
