import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { OpenAiCompatibleError } from '../openai-compatible.ts';
import { openAiGrammarChecker, openAiTranslator } from './openai.ts';
import { glossaryTranslator } from './translator.ts';

/** A fake chat-completions server: answers each request with the next queued message content (or status). */
const answers: ({ content: string } | { status: number } | { raw: string })[] = [];
const received: { url: string; authorization: string | undefined; body: Record<string, unknown> }[] = [];
const server = createServer(async (req, res) => {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  received.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) });
  const answer = answers.shift() ?? { status: 500 };
  if ('status' in answer) {
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end('{"error":{"message":"nope"}}');
    return;
  }
  const body =
    'raw' in answer
      ? answer.raw
      : JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          choices: [
            { index: 0, message: { role: 'assistant', content: answer.content }, finish_reason: 'stop' },
          ],
        });
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
});
const baseUrl = await new Promise<string>((resolve) =>
  server.listen(0, '127.0.0.1', () =>
    resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`),
  ),
);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const signal = () => new AbortController().signal;
const checker = openAiGrammarChecker({ baseUrl, apiKey: 'sk-test', model: 'tiny-model' });
const request = {
  text: 'She go to school and she go home.',
  language: 'en',
  nativeLanguage: 'ja',
  spoken: true,
};

describe('the OpenAI-compatible grammar checker, against a fake server', () => {
  it('asks for JSON, quotes the text, and finds the offsets of each quoted part', async () => {
    answers.push({
      content: JSON.stringify({
        corrections: [
          { original: 'She go', suggestion: 'She goes', explanation: 'Third person singular takes -s.' },
          { original: 'she go', suggestion: 'she goes', explanation: 'Third person singular takes -s.' },
        ],
      }),
    });
    const corrections = await checker.check(request, signal());
    expect(corrections).toEqual([
      {
        rule: 'model',
        start: 0,
        end: 6,
        original: 'She go',
        suggestion: 'She goes',
        explanation: 'Third person singular takes -s.',
        method: 'model',
      },
      expect.objectContaining({ start: 21, end: 27, original: 'she go' }),
    ]);
    const call = received.at(-1);
    expect(call?.url).toBe('/v1/chat/completions');
    expect(call?.authorization).toBe('Bearer sk-test');
    expect(call?.body).toMatchObject({
      model: 'tiny-model',
      stream: false,
      response_format: { type: 'json_object' },
    });
    const messages = call?.body['messages'] as { role: string; content: string }[];
    expect(messages[0]?.content).toContain('transcript');
    expect(messages[1]).toEqual({ role: 'user', content: request.text });
  });

  it('rejects malformed answers: wrong shape, not JSON, a quote not in the turn, an error status', async () => {
    answers.push(
      { content: JSON.stringify({ corrections: [{ original: 'She go' }] }) },
      { content: 'Here are your corrections: none!' },
      {
        content: JSON.stringify({
          corrections: [{ original: 'He went', suggestion: 'He goes', explanation: 'Tense.' }],
        }),
      },
      { raw: '<html>gateway</html>' },
      { status: 503 },
    );
    for (let i = 0; i < 5; i++) {
      await expect(checker.check(request, signal())).rejects.toThrow(OpenAiCompatibleError);
    }
  });
});

describe('translators', () => {
  it('the OpenAI-compatible one returns the model translation, labelled with the model', async () => {
    answers.push({ content: JSON.stringify({ translation: 'ラテをお願いします。' }) });
    const translator = openAiTranslator({ baseUrl, model: 'tiny-model' });
    await expect(
      translator.translate({ text: 'A latte, please.', from: 'en', to: 'ja' }, signal()),
    ).resolves.toEqual({ text: 'ラテをお願いします。', source: 'model:tiny-model' });
    expect(received.at(-1)?.authorization).toBeUndefined();
    answers.push({ content: JSON.stringify({ translation: '' }) });
    await expect(
      translator.translate({ text: 'A latte, please.', from: 'en', to: 'ja' }, signal()),
    ).rejects.toThrow(OpenAiCompatibleError);
  });

  it('the built-in one knows only the catalogue lines, whatever the case and punctuation', async () => {
    await expect(
      glossaryTranslator.translate({ text: 'can i have a latte please', from: 'en', to: 'ja' }, signal()),
    ).resolves.toEqual({ text: 'ラテをお願いできますか。', source: 'script' });
    await expect(
      glossaryTranslator.translate({ text: 'Can I have a mocha, please?', from: 'en', to: 'ja' }, signal()),
    ).resolves.toBeNull();
    await expect(
      glossaryTranslator.translate({ text: 'Can I have a latte, please?', from: 'en', to: 'en' }, signal()),
    ).resolves.toBeNull();
  });
});
