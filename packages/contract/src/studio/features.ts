/**
 * `characters.features` (docs/products/studio.md): the original design stores it as
 * free JSONB, and its sample fixes the shape we validate here:
 *   { hair: {color, style, length}, eyes: {color, shape},
 *     outfit: {primary, secondary, accessories}, bodyType }
 * Values stay free text (a colour may be "pink", "桜色" or "#f48fb1"); the
 * renderer maps words it knows and draws a stable choice for the others.
 */
import Type from 'typebox';
import { named } from '../schema.ts';
import { Line } from './vocabulary.ts';

const Word = Line(60);
const Accessories = Type.Array(Word, {
  maxItems: 8,
  uniqueItems: true,
  description: 'e.g. earrings, glasses, hair ribbon, hairclip, cat ears, headphones, choker.',
});

export const seedFeaturesExample = {
  hair: { color: 'pink', style: 'long', length: 'waist' },
  eyes: { color: 'blue', shape: 'round' },
  outfit: { primary: 'white dress', secondary: 'ribbon', accessories: ['earrings'] },
  bodyType: 'slender',
};

export const CharacterFeatures = named(
  'CharacterFeatures',
  Type.Object(
    {
      hair: Type.Object(
        {
          color: Line(60, 'A colour name or `#rrggbb`, e.g. `pink`.'),
          style: Line(60, 'e.g. long, short, bob, ponytail, twin tails, bun.'),
          length: Type.Optional(Line(60, 'e.g. chin, shoulder, waist.')),
        },
        { additionalProperties: false, description: 'Hair colour, style and length.' },
      ),
      eyes: Type.Object(
        {
          color: Line(60, 'A colour name or `#rrggbb`, e.g. `blue`.'),
          shape: Type.Optional(Line(60, 'e.g. round, almond, droopy, sharp.')),
        },
        { additionalProperties: false, description: 'Eye colour and shape.' },
      ),
      outfit: Type.Object(
        {
          primary: Line(60, 'The main garment with its colour, e.g. `white dress`, `navy sailor uniform`.'),
          secondary: Type.Optional(Line(60, 'A secondary item, e.g. `ribbon`, `red tie`.')),
          colors: Type.Optional(
            Type.Array(Word, {
              minItems: 1,
              maxItems: 2,
              description: 'Explicit main and accent colours, overriding the ones named in the text.',
            }),
          ),
          accessories: Type.Optional(Accessories),
        },
        { additionalProperties: false, description: 'What the character wears.' },
      ),
      bodyType: Line(60, 'e.g. petite, slender, athletic, curvy.'),
      skinTone: Type.Optional(Line(60, 'A colour name or `#rrggbb`.')),
      accessories: Type.Optional(Accessories),
    },
    { additionalProperties: false },
  ),
  {
    description:
      'What the character looks like: hair, eyes, outfit and body type. Every generated expression keeps them.',
    example: seedFeaturesExample,
  },
);
