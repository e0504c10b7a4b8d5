import { colorFromText, darken, lighten, mixColors, resolveColor } from '../../core/color.ts';
import type { Random } from '../../core/prng.ts';

/**
 * Character features, shaped after the `characters.features` sample of the
 * original design (docs/products/studio.md):
 *   { "hair": {"color": "pink", "style": "long", "length": "waist"},
 *     "eyes": {"color": "blue", "shape": "round"},
 *     "outfit": {"primary": "white dress", "secondary": "ribbon", "accessories": ["earrings"]},
 *     "bodyType": "slender" }
 * Everything is free text there, so this module turns it into a drawable appearance:
 * colour names become hex, style words become one of a few hair/outfit/eye shapes.
 */
export type CharacterFeatures = {
  hair: { color: string; style: string; length?: string };
  eyes: { color: string; shape?: string };
  outfit: {
    /** Seed wording: main garment with its colour, e.g. "white dress". */
    primary?: string;
    /** Seed wording: secondary item, e.g. "ribbon". */
    secondary?: string;
    /** Garment kind when given separately ("sailor uniform", "hoodie"…). */
    type?: string;
    style?: string;
    /** Explicit colours, first is the main one. */
    colors?: string[];
    accessories?: string[];
  };
  bodyType?: string;
  skinTone?: string;
  /** Accepted at the top level too, for callers that do not nest them under outfit. */
  accessories?: string[];
};

export const HAIR_STYLES = ['long', 'short', 'bob', 'ponytail', 'twin-tails', 'bun'] as const;
export type HairStyle = (typeof HAIR_STYLES)[number];

export const EYE_SHAPES = ['round', 'almond', 'droopy', 'sharp'] as const;
export type EyeShape = (typeof EYE_SHAPES)[number];

export const OUTFIT_KINDS = ['dress', 'shirt', 'sailor', 'blazer', 'hoodie', 'kimono'] as const;
export type OutfitKind = (typeof OUTFIT_KINDS)[number];

export const ACCESSORIES = [
  'earrings',
  'glasses',
  'hair-ribbon',
  'hairclip',
  'cat-ears',
  'headphones',
  'choker',
] as const;
export type Accessory = (typeof ACCESSORIES)[number];

export type Appearance = {
  hair: { base: string; shadow: string; highlight: string; line: string; style: HairStyle; lengthY: number };
  eyes: { iris: string; dark: string; light: string; shape: EyeShape };
  skin: { base: string; shadow: string; blush: string; line: string };
  outfit: {
    kind: OutfitKind;
    main: string;
    shadow: string;
    accent: string;
    hasRibbon: boolean;
    hasTie: boolean;
  };
  shoulderHalfWidth: number;
  accessories: ReadonlySet<Accessory>;
  background: { inner: string; outer: string };
};

/** First keyword table entry whose pattern matches, else undefined. */
function matchKeyword<T>(text: string, table: readonly (readonly [RegExp, T])[]): T | undefined {
  return table.find(([pattern]) => pattern.test(text))?.[1];
}

const HAIR_STYLE_WORDS: readonly (readonly [RegExp, HairStyle])[] = [
  [/twin|pigtail|ツイン/, 'twin-tails'],
  [/pony|ポニー/, 'ponytail'],
  [/bun|odango|お団子/, 'bun'],
  [/bob|ボブ/, 'bob'],
  [/short|pixie|buzz|crop|ショート/, 'short'],
  [/long|straight|wavy|curly|flowing|ロング/, 'long'],
];

// How far hair falls, in the 1000-unit bust box (chin ≈ 600, shoulders ≈ 760, bottom = 1000).
const HAIR_LENGTH_WORDS: readonly (readonly [RegExp, number])[] = [
  [/ear|very short/, 540],
  [/chin|jaw/, 640],
  [/shoulder|medium/, 780],
  [/chest|mid|back/, 900],
  [/waist|hip|floor|very long/, 1010],
  [/short/, 600],
  [/long/, 940],
];

const DEFAULT_LENGTH_FOR_STYLE: Readonly<Record<HairStyle, number>> = {
  long: 940,
  short: 580,
  bob: 640,
  ponytail: 860,
  'twin-tails': 900,
  bun: 580,
};

const EYE_SHAPE_WORDS: readonly (readonly [RegExp, EyeShape])[] = [
  [/round|big|large|丸/, 'round'],
  [/droop|tare|gentle|sleepy|たれ/, 'droopy'],
  [/sharp|tsuri|cat|narrow|fierce|つり/, 'sharp'],
  [/almond|oval/, 'almond'],
];

const OUTFIT_WORDS: readonly (readonly [RegExp, OutfitKind])[] = [
  [/sailor|seifuku|セーラー/, 'sailor'],
  [/kimono|yukata|着物|浴衣/, 'kimono'],
  [/hoodie|hood|parka|パーカー/, 'hoodie'],
  [/blazer|suit|jacket|uniform|coat|ブレザー|スーツ|制服/, 'blazer'],
  [/dress|gown|one-?piece|ワンピース|ドレス/, 'dress'],
  [/shirt|tee|top|blouse|sweater|シャツ/, 'shirt'],
];

const ACCESSORY_WORDS: readonly (readonly [RegExp, Accessory])[] = [
  [/earring|ピアス|イヤリング/, 'earrings'],
  [/glasses|spectacles|眼鏡|メガネ/, 'glasses'],
  [/ribbon|bow|リボン/, 'hair-ribbon'],
  [/clip|pin|ヘアピン/, 'hairclip'],
  [/cat.?ear|nekomimi|猫耳/, 'cat-ears'],
  [/headphone|ヘッドホン/, 'headphones'],
  [/choker|necklace|pendant|チョーカー/, 'choker'],
];

// Shoulder half-width in the bust box: body type is the features' `bodyType` ("slender").
const BODY_TYPE_WORDS: readonly (readonly [RegExp, number])[] = [
  [/petite|small|child|小柄/, 190],
  [/slender|slim|thin|細/, 210],
  [/athletic|muscular|broad|strong/, 270],
  [/curvy|chubby|plump|stocky|large/, 262],
];

const DEFAULT_SKIN = '#ffe4d4';

export function resolveAppearance(features: CharacterFeatures, random: Random): Appearance {
  const hairBase = resolveColor(features.hair.color);
  const hairWords = `${features.hair.style} ${features.hair.length ?? ''}`.toLowerCase();
  // Unknown style words still have to draw something; the seeded pick keeps it stable per character.
  const style = matchKeyword(hairWords, HAIR_STYLE_WORDS) ?? random.pick(HAIR_STYLES);
  const lengthWords = (features.hair.length ?? '').toLowerCase();
  const lengthY = matchKeyword(lengthWords, HAIR_LENGTH_WORDS) ?? DEFAULT_LENGTH_FOR_STYLE[style];

  const iris = resolveColor(features.eyes.color);
  const eyeShape = matchKeyword((features.eyes.shape ?? '').toLowerCase(), EYE_SHAPE_WORDS) ?? 'almond';

  const skinBase = features.skinTone ? resolveColor(features.skinTone) : DEFAULT_SKIN;

  const outfit = features.outfit;
  const outfitText = [outfit.type, outfit.style, outfit.primary].filter(Boolean).join(' ').toLowerCase();
  const kind = matchKeyword(outfitText, OUTFIT_WORDS) ?? 'shirt';
  const main =
    (outfit.colors?.[0] ? resolveColor(outfit.colors[0]) : undefined) ??
    colorFromText(outfit.primary ?? '') ??
    colorFromText(outfitText) ??
    mixColors(iris, '#ffffff', 0.25);
  const accent =
    (outfit.colors?.[1] ? resolveColor(outfit.colors[1]) : undefined) ??
    colorFromText(outfit.secondary ?? '') ??
    // A ribbon on a white dress reads best in the character's eye colour.
    mixColors(iris, hairBase, 0.3);
  const secondary = (outfit.secondary ?? '').toLowerCase();

  const accessoryText = [...(outfit.accessories ?? []), ...(features.accessories ?? [])]
    .join(' ')
    .toLowerCase();
  const accessories = new Set(
    ACCESSORY_WORDS.filter(([pattern]) => pattern.test(accessoryText)).map(([, a]) => a),
  );

  const shoulderHalfWidth = matchKeyword((features.bodyType ?? '').toLowerCase(), BODY_TYPE_WORDS) ?? 232;

  return {
    hair: {
      base: hairBase,
      shadow: darken(hairBase, 0.22),
      highlight: lighten(hairBase, 0.45),
      line: darken(hairBase, 0.55),
      style,
      lengthY,
    },
    eyes: { iris, dark: darken(iris, 0.55), light: lighten(iris, 0.55), shape: eyeShape },
    skin: {
      base: skinBase,
      shadow: mixColors(skinBase, '#c8746a', 0.28),
      blush: mixColors(skinBase, '#ff5d7a', 0.55),
      line: mixColors(skinBase, '#5a2a22', 0.7),
    },
    outfit: {
      kind,
      main,
      shadow: darken(main, 0.18),
      accent,
      hasRibbon: /ribbon|bow|リボン/.test(secondary) || kind === 'sailor',
      hasTie: /tie|ネクタイ/.test(secondary) || (kind === 'blazer' && !/ribbon|bow/.test(secondary)),
    },
    shoulderHalfWidth,
    accessories,
    background: {
      inner: lighten(mixColors(iris, hairBase, 0.5), 0.78),
      outer: lighten(mixColors(iris, hairBase, 0.35), 0.45),
    },
  };
}
