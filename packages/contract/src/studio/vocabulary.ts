/**
 * Character Studio's closed vocabularies, straight from the CHECK constraints
 * of the original design (docs/products/studio.md): `characters.art_style`, `differences.expression`,
 * `differences.resolution` and `differences.aspect_ratio`.
 */
import Type from 'typebox';
import { StringEnum } from '../schema.ts';

export const ART_STYLES = ['illustration', 'realistic', '3d', 'anime'] as const;
export const EXPRESSIONS = ['neutral', 'happy', 'angry', 'sad', 'surprised', 'custom'] as const;
export const RESOLUTIONS = ['1K', '2K', '4K'] as const;
export const ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const;

/** What each art style asks of the image generator (its words lead the master prompt). */
export const ART_STYLE_MEANINGS = {
  illustration: 'Drawn as an illustration.',
  realistic: 'Drawn realistically, close to a photograph.',
  '3d': 'Rendered as a 3D model.',
  anime: 'Drawn in anime style.',
} as const;

export const ArtStyle = StringEnum(
  [...ART_STYLES],
  { description: 'The art style of the character.' },
  ART_STYLE_MEANINGS,
);
export const Expression = StringEnum([...EXPRESSIONS], {
  description: 'A facial expression; `custom` is described by `customPrompt`.',
});
const RESOLUTION_DESCRIPTION = 'Pixels on the long side: 1K = 1024, 2K = 2048, 4K = 4096.';
const ASPECT_RATIO_DESCRIPTION = 'Width to height.';
export const Resolution = StringEnum([...RESOLUTIONS], { description: RESOLUTION_DESCRIPTION });
export const AspectRatio = StringEnum([...ASPECT_RATIOS], { description: ASPECT_RATIO_DESCRIPTION });
/** The original design's sample differences are 2K, 1:1. */
export const DEFAULT_RESOLUTION = '2K' as const;
export const DEFAULT_ASPECT_RATIO = '1:1' as const;
/** The same, optional in a request, with those defaults. */
export const DefaultedResolution = Type.Optional(
  StringEnum([...RESOLUTIONS], { description: RESOLUTION_DESCRIPTION, default: DEFAULT_RESOLUTION }),
);
export const DefaultedAspectRatio = Type.Optional(
  StringEnum([...ASPECT_RATIOS], { description: ASPECT_RATIO_DESCRIPTION, default: DEFAULT_ASPECT_RATIO }),
);

/** A single line of free text with no leading or trailing spaces. */
export function Line(maxLength: number, description?: string, example?: string) {
  return Type.String({
    minLength: 1,
    maxLength,
    pattern: '^\\S(.*\\S)?$',
    ...(description ? { description } : {}),
    ...(example ? { examples: [example] } : {}),
  });
}
