/** Building blocks the WorldSpeakAI schemas share (docs/products/speak.md). */
import Type from 'typebox';
import { named, StringEnum } from '../schema.ts';

/**
 * A BCP 47 language tag in its common shape: an ISO 639-1/639-2 language subtag, then up to three
 * script, region or variant subtags (`en`, `ja`, `en-US`, `zh-Hant-TW`). One character class per
 * part, so matching is linear.
 */
export const LANGUAGE_CODE_PATTERN = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$';

export function LanguageCode(description: string, example = 'en') {
  return Type.String({
    pattern: LANGUAGE_CODE_PATTERN,
    maxLength: 35,
    description: `${description} A BCP 47 tag led by an ISO 639-1 code, e.g. \`en\`, \`ja\`, \`en-US\`.`,
    examples: [example],
  });
}

export const PROFICIENCY_LEVELS = ['beginner', 'elementary', 'intermediate', 'advanced', 'native'] as const;

export const ProficiencyLevel = StringEnum([...PROFICIENCY_LEVELS], {
  description: 'How well the learner knows the language, from `beginner` to `native`.',
});

/** A short machine word: a scenario (`restaurant`), a category or a specialization. */
export function Slug(description: string, example: string) {
  return Type.String({
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    description: `${description} Lower-case letters, digits and \`_\`, up to 40 characters.`,
    examples: [example],
  });
}

export const LanguagePair = named(
  'SpeakLanguagePair',
  Type.Object(
    {
      native: LanguageCode('The language the learner speaks.', 'ja'),
      target: LanguageCode('The language being learned.', 'en'),
    },
    { additionalProperties: false },
  ),
  { description: 'The languages of a conversation or script.', example: { native: 'ja', target: 'en' } },
);

/** Free text a learner or the service writes: no control characters but tab and line breaks. */
export function Text(maxLength: number, description: string, example: string) {
  return Type.String({
    minLength: 1,
    maxLength,
    pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$',
    description,
    examples: [example],
  });
}
