import { describe, expect, it } from 'vitest';
import { heuristicCorrections } from './heuristics.ts';

function check(text: string, language = 'en', spoken = false) {
  return heuristicCorrections({ text, language, nativeLanguage: 'ja', spoken });
}

function rules(text: string, language = 'en', spoken = false) {
  return (check(text, language, spoken) ?? []).map((c) => [c.rule, c.original, c.suggestion]);
}

describe('the heuristic grammar checker, English', () => {
  it('finds a repeated word, with offsets into the text', () => {
    const [correction] = check('I want the the red one.') ?? [];
    expect(correction).toEqual({
      rule: 'en.repeated_word',
      start: 7,
      end: 14,
      original: 'the the',
      suggestion: 'the',
      explanation: '"the" is written twice in a row.',
      method: 'heuristic',
    });
    expect(rules('I had had enough. I think that that is fine.')).toEqual([]);
  });

  it('puts "an" before vowel sounds and "a" before consonant sounds', () => {
    expect(rules('I would like a apple and an banana.')).toEqual([
      ['en.article', 'a apple', 'an apple'],
      ['en.article', 'an banana', 'a banana'],
    ]);
    expect(rules('A hour ago I met an university student.')).toEqual([
      ['en.article', 'A hour', 'An hour'],
      ['en.article', 'an university', 'a university'],
    ]);
    expect(rules('It is an honest answer, a useful one and an uninteresting one, a European city.')).toEqual(
      [],
    );
  });

  it('checks subject–verb agreement for pronoun subjects, not after an auxiliary', () => {
    expect(rules("She don't like coffee. They has a car. I is happy.")).toEqual([
      ['en.agreement', "She don't", "She doesn't"],
      ['en.agreement', 'They has', 'They have'],
      ['en.agreement', 'I is', 'I am'],
    ]);
    expect(rules('Does he have a ticket? Let it be. Can she do it?')).toEqual([]);
  });

  it('asks for capitals and end punctuation in typed turns only', () => {
    expect(rules('hello there. i am Ken and this is my friend')).toEqual([
      ['en.sentence_capital', 'hello', 'Hello'],
      ['en.capital_i', 'i', 'I'],
      ['en.end_punctuation', 'friend', 'friend.'],
    ]);
    expect(rules('where is the station')).toEqual([
      ['en.sentence_capital', 'where', 'Where'],
      ['en.end_punctuation', 'station', 'station?'],
    ]);
    expect(rules('where is the station', 'en', true)).toEqual([]);
    expect(rules('Mr. Tanaka is here. See e.g. the map.')).toEqual([]);
  });

  it('finds nothing in correct text and applies to regional tags', () => {
    expect(check('Can I have a latte, please?')).toEqual([]);
    expect(check('Can I have a latte, please?', 'en-GB')).toEqual([]);
  });
});

describe('the heuristic grammar checker, Japanese', () => {
  it('flags plain endings in a turn that is otherwise polite', () => {
    const text = '私は学生です。昨日は雨だった。';
    const corrections = check(text, 'ja') ?? [];
    expect(corrections.map((c) => [c.rule, c.original, c.suggestion])).toEqual([
      ['ja.mixed_politeness', 'だった', 'でした'],
    ]);
    const [found] = corrections;
    expect(text.slice(found?.start, found?.end)).toBe('だった');
    // All plain, or all polite (with final particles), is consistent.
    expect(rules('昨日は雨だった。今日は晴れだ。', 'ja')).toEqual([]);
    expect(rules('これは本ですよね。お願いします！', 'ja')).toEqual([]);
    expect(rules('コーヒーをください。砂糖はいらないよ。', 'ja')).toEqual([
      ['ja.mixed_politeness', 'ない', 'ないです'],
    ]);
  });

  it('flags a doubled particle, not laughter', () => {
    expect(rules('私はは学生です。コーヒーをを飲みます。', 'ja')).toEqual([
      ['ja.doubled_particle', 'はは', 'は'],
      ['ja.doubled_particle', 'をを', 'を'],
    ]);
    expect(rules('ははは、そうですね。', 'ja')).toEqual([]);
  });
});

describe('the heuristic grammar checker, bounds', () => {
  it('has no rules for other languages (null: not checked)', () => {
    expect(check('Quiero un café.', 'es')).toBeNull();
  });

  it('stays fast on long and adversarial turns, and caps the corrections', () => {
    const started = performance.now();
    const english = check('the '.repeat(500));
    const japanese = check('をを'.repeat(1000), 'ja');
    check(`${'a '.repeat(999)}a`);
    check(`${'。'.repeat(1999)}だ`, 'ja');
    check(`a.${' '.repeat(1996)}x`);
    check(`${'"'.repeat(1999)}x`);
    check(`です${' 、'.repeat(999)}`, 'ja');
    expect(performance.now() - started).toBeLessThan(500);
    expect(english?.length).toBe(20);
    expect(japanese?.length).toBeLessThanOrEqual(20);
  });
});
