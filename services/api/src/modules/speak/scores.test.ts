import { describe, expect, it } from 'vitest';
import { scoreConversation } from './scores.ts';
import { bestMatch, editDistance, lineSimilarity, wordsOf } from './words.ts';

describe('words and line similarity', () => {
  it('segments words in scripts without spaces', () => {
    expect(wordsOf('Can I have a latte, please?', 'en')).toEqual([
      'can',
      'i',
      'have',
      'a',
      'latte',
      'please',
    ]);
    expect(wordsOf('ラーメンをください。', 'ja').length).toBeGreaterThanOrEqual(2);
  });

  it('compares transcripts to script lines ignoring case and punctuation', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(lineSimilarity('can i have a latte please', 'Can I have a latte, please?', 'en')).toBe(1);
    expect(lineSimilarity('a latte', 'Can I have a latte, please?', 'en')).toBeLessThan(0.5);
    expect(bestMatch('a latte please', ['Can I have a latte, please?', 'A latte, please.'], 'en')).toEqual({
      expected: 'A latte, please.',
      similarity: 1,
    });
  });
});

describe('conversation scores (heuristics)', () => {
  it('counts skipped script lines against adherence and rates fluency against 110 wpm', () => {
    const scores = scoreConversation(
      [
        { similarity: 1, spoken: true, words: 11 },
        { similarity: 0.5, spoken: false, words: 4 },
      ],
      4,
      6,
    );
    // (1 + 0.5) / 4 lines; accuracy over both scripted turns; pronunciation over the spoken one;
    // fluency: 11 words in 6 s = 110 wpm.
    expect(scores).toEqual({
      adherence: 0.38,
      accuracy: 75,
      pronunciation: 100,
      fluency: 100,
      overall: 91.67,
    });
  });

  it('has no scores without a script or speech', () => {
    expect(scoreConversation([{ similarity: null, spoken: false, words: 3 }], 0, 0)).toEqual({
      adherence: null,
      accuracy: null,
      pronunciation: null,
      fluency: null,
      overall: null,
    });
  });
});
