import { describe, expect, it } from 'vitest';
import { type Account, as, signUp, testApp } from '../../../test/harness.ts';

// Grammar feedback through the app, with the built-in engines: the reply jobs stay queued.
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
