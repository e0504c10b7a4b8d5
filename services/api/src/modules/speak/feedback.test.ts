import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type Account, as, signUp, testApp } from '../../../test/harness.ts';
import { glossaryTranslation } from './feedback/translator.ts';

// Grammar feedback and translations through the app: the reply jobs stay queued (no worker here).
const { app } = await testApp();

async function ok(account: Account, method: 'GET' | 'POST', url: string, payload?: object) {
  const response = await as(app, account.accessToken, {
    method,
    url,
    ...(payload === undefined ? {} : { payload }),
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function conversation(learner: Account, native: string, target: string) {
  return ok(learner, 'POST', '/v1/speak/conversations', {
    languagePair: { native, target },
    scenario: 'travel',
  });
}

describe('grammar feedback on learner turns (heuristic)', () => {
  it('stores corrections with offsets into the turn, and lists them with the message', async () => {
    const learner = await signUp(app);
    const { id } = await conversation(learner, 'ja', 'en');
    const text = 'i want to buy a ticket to to Kyoto';
    const turn = await ok(learner, 'POST', `/v1/speak/conversations/${id}/messages`, { text });
    const corrections = turn.message.grammarCorrections;
    expect(corrections.map((c: { rule: string }) => c.rule)).toEqual([
      'en.capital_i',
      'en.repeated_word',
      'en.end_punctuation',
    ]);
    for (const c of corrections) {
      expect(text.slice(c.start, c.end)).toBe(c.original);
      expect(c.method).toBe('heuristic');
    }
    const listed = await ok(learner, 'GET', `/v1/speak/conversations/${id}/messages?type=user_speech`);
    expect(listed.data[0].grammarCorrections).toEqual(corrections);

    const clean = await ok(learner, 'POST', `/v1/speak/conversations/${id}/messages`, {
      text: 'Can I have a window seat, please?',
    });
    expect(clean.message.grammarCorrections).toEqual([]);
  });

  it('checks Japanese turns, and leaves languages without rules unchecked (null)', async () => {
    const learner = await signUp(app);
    const japanese = await conversation(learner, 'en', 'ja');
    const turn = await ok(learner, 'POST', `/v1/speak/conversations/${japanese.id}/messages`, {
      text: '京都にに行きたいです。新幹線は速いだ。',
    });
    expect(
      turn.message.grammarCorrections.map((c: { rule: string; suggestion: string }) => [
        c.rule,
        c.suggestion,
      ]),
    ).toEqual([
      ['ja.doubled_particle', 'に'],
      ['ja.mixed_politeness', 'です'],
    ]);
    const spanish = await conversation(learner, 'en', 'es');
    const other = await ok(learner, 'POST', `/v1/speak/conversations/${spanish.id}/messages`, {
      text: 'Quiero un billete.',
    });
    expect(other.message.grammarCorrections).toBeNull();
  });
});

describe('translations (the built-in translator: catalogue lines only)', () => {
  it('translates script lines into the learner language and leaves free text untranslated', async () => {
    const learner = await signUp(app);
    const page = await ok(learner, 'GET', '/v1/speak/scripts?nativeLanguage=ja&targetLanguage=en&limit=100');
    const script = page.data.find((s: { title: string }) => s.title === 'Ordering coffee at a café');
    const { id } = await ok(learner, 'POST', '/v1/speak/conversations', { scriptId: script.id });
    const opening = await ok(learner, 'GET', `/v1/speak/conversations/${id}/messages`);
    // Newest first: the first learner line as a suggestion, then the partner's opening line.
    expect(
      opening.data.map((m: { type: string; translatedContent: unknown; translationSource: unknown }) => [
        m.type,
        m.translatedContent,
        m.translationSource,
      ]),
    ).toEqual([
      ['script_suggestion', { ja: 'ラテをお願いできますか。' }, 'script'],
      ['ai_response', { ja: 'いらっしゃいませ！ご注文は何になさいますか。' }, 'script'],
    ]);
    // The learner's line in other case and punctuation is the same words: it has the stored translation.
    const said = await ok(learner, 'POST', `/v1/speak/conversations/${id}/messages`, {
      text: 'can I have a latte please',
    });
    expect(said.message).toMatchObject({
      translatedContent: { ja: 'ラテをお願いできますか。' },
      translationSource: 'script',
    });
    const free = await ok(learner, 'POST', `/v1/speak/conversations/${id}/messages`, {
      text: 'Do you have oat milk?',
    });
    expect(free.message).toMatchObject({ translatedContent: null, translationSource: null });
  });

  it('has a stored translation for every line of every catalogue script', async () => {
    const learner = await signUp(app);
    const page = await ok(learner, 'GET', '/v1/speak/scripts?limit=100');
    const catalogue = page.data.filter((s: { mine: boolean }) => !s.mine);
    expect(catalogue.length).toBeGreaterThanOrEqual(20);
    const missing = catalogue.flatMap(
      (s: { languagePair: { native: string; target: string }; segments: { text: string }[] }) =>
        s.segments
          .filter(
            (segment) =>
              !glossaryTranslation({
                text: segment.text,
                from: s.languagePair.target,
                to: s.languagePair.native,
              }),
          )
          .map((segment) => segment.text),
    );
    expect(missing).toEqual([]);
  });
});

describe('a configured model for grammar and translations (a fake chat-completions server)', () => {
  let healthy = true;
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const { messages } = JSON.parse(raw) as { messages: { content: string }[] };
    if (!healthy) {
      res.writeHead(503).end();
      return;
    }
    const translating = messages[0]?.content.startsWith('Translate');
    const answer = translating
      ? { translation: `[ja] ${messages[1]?.content}` }
      : { corrections: [{ original: 'She go', suggestion: 'She goes', explanation: 'Third person -s.' }] };
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ choices: [{ message: { role: 'assistant', content: JSON.stringify(answer) } }] }),
      );
  });
  const listening = new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`),
    ),
  );
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stores the model corrections and translation, and keeps the turn without them when the model fails', async () => {
    const hosted = await testApp({
      GRAMMAR_CHECKER: 'openai-compatible',
      TRANSLATOR: 'openai-compatible',
      SPEAK_LLM_URL: await listening,
      SPEAK_LLM_MODEL: 'tiny-model',
    });
    const learner = await signUp(hosted.app);
    const post = async (url: string, payload: object) => {
      const response = await as(hosted.app, learner.accessToken, { method: 'POST', url, payload });
      expect(response.statusCode).toBe(201);
      return response.json();
    };
    const { id } = await post('/v1/speak/conversations', { languagePair: { native: 'ja', target: 'en' } });
    const turn = await post(`/v1/speak/conversations/${id}/messages`, { text: 'She go to school.' });
    expect(turn.message).toMatchObject({
      grammarCorrections: [
        {
          rule: 'model',
          start: 0,
          end: 6,
          original: 'She go',
          suggestion: 'She goes',
          explanation: 'Third person -s.',
          method: 'model',
        },
      ],
      translatedContent: { ja: '[ja] She go to school.' },
      translationSource: 'model:tiny-model',
    });
    healthy = false;
    const unchecked = await post(`/v1/speak/conversations/${id}/messages`, { text: 'She go home.' });
    expect(unchecked.message).toMatchObject({
      content: 'She go home.',
      grammarCorrections: null,
      translatedContent: null,
      translationSource: null,
    });
  });
});
