import type { ImageGenerator, RenderedImage } from '../core/generator.ts';
import { hashHex, seededRandom } from '../core/prng.ts';
import { group, svgDocument, svgImage, translate } from '../core/svg.ts';
import { drawBehindHairAccessories, drawFrontAccessories } from './portrait/accessories.ts';
import { drawBody } from './portrait/body.ts';
import {
  BUST_BOX,
  type CharacterAspectRatio,
  type CharacterResolution,
  canvasSize,
} from './portrait/canvas.ts';
import { type CharacterExpression, faceRecipeFor } from './portrait/expression.ts';
import {
  drawBrows,
  drawEyes,
  drawFaceMarks,
  drawHead,
  drawMouth,
  drawOverlayMarks,
} from './portrait/face.ts';
import { type CharacterFeatures, resolveAppearance } from './portrait/features.ts';
import { drawBackHair, drawFrontHair, planHair } from './portrait/hair.ts';
import { drawBackground, drawCaption } from './portrait/scene.ts';

/**
 * Character Studio's built-in generator: a deterministic anime-style bust as SVG.
 * It stands in for a hosted model (the original design used Gemini) so the product works
 * offline (docs/architecture.md, Files and generated images); an AI adapter implements the same ImageGenerator.
 */

export type { CharacterAspectRatio, CharacterResolution } from './portrait/canvas.ts';
export { CHARACTER_ASPECT_RATIOS, CHARACTER_RESOLUTIONS } from './portrait/canvas.ts';
export type { CharacterExpression } from './portrait/expression.ts';
export { CHARACTER_EXPRESSIONS } from './portrait/expression.ts';
export type { CharacterFeatures } from './portrait/features.ts';
export { ACCESSORIES, EYE_SHAPES, HAIR_STYLES, OUTFIT_KINDS } from './portrait/features.ts';

export type CharacterRenderInput = {
  name: string;
  features: CharacterFeatures;
  expression: CharacterExpression;
  /** Only read when expression is "custom": mood keywords pick the face. */
  customPrompt?: string;
  resolution: CharacterResolution;
  aspectRatio: CharacterAspectRatio;
};

export function renderCharacter(input: CharacterRenderInput): RenderedImage {
  const size = canvasSize(input.resolution, input.aspectRatio);
  // Appearance randomness is seeded by who the character is, not by the expression or size,
  // so the expression "differences" of one character share hair, colours and backdrop.
  const identity = { name: input.name, features: input.features };
  const appearance = resolveAppearance(input.features, seededRandom(['appearance', identity]));
  const hairShape = planHair(appearance, seededRandom(['hair', identity]));
  const recipe = faceRecipeFor(
    input.expression,
    input.customPrompt,
    seededRandom(['expression', input.customPrompt ?? '']),
  );
  // Ids are unique per full input so several renders can be inlined in one HTML page.
  const idPrefix = `c${hashHex(input).slice(0, 10)}`;

  // Bottom-align the bust on short canvases; on tall ones keep the head near 45% height and extend the torso.
  const offsetX = (size.viewBoxWidth - BUST_BOX) / 2;
  const offsetY = Math.min(size.viewBoxHeight - BUST_BOX, size.viewBoxHeight * 0.45 - 400);
  const bustBottom = size.viewBoxHeight - offsetY;

  const bust = group({ transform: translate(offsetX, offsetY) }, [
    drawBackHair(appearance, hairShape),
    drawBody(appearance, bustBottom, idPrefix),
    drawBehindHairAccessories(appearance),
    drawHead(appearance),
    drawEyes(appearance, recipe, idPrefix),
    drawMouth(appearance, recipe),
    drawFaceMarks(appearance, recipe),
    drawFrontHair(appearance, hairShape),
    drawBrows(appearance, recipe),
    drawFrontAccessories(appearance),
    drawOverlayMarks(recipe),
  ]);

  const expressionText =
    input.expression === 'custom' && input.customPrompt ? `custom: ${input.customPrompt}` : input.expression;
  const svg = svgDocument(
    {
      width: size.width,
      height: size.height,
      viewBoxWidth: size.viewBoxWidth,
      viewBoxHeight: size.viewBoxHeight,
      title: input.name,
      description: `Expression: ${expressionText}`,
    },
    [
      drawBackground(
        appearance,
        size.viewBoxWidth,
        size.viewBoxHeight,
        seededRandom(['backdrop', identity]),
        idPrefix,
      ),
      bust,
      drawCaption(input.name, appearance, size.viewBoxWidth, size.viewBoxHeight),
    ],
  );
  return svgImage(svg, size.width, size.height);
}

export const studioCharacterGenerator: ImageGenerator<CharacterRenderInput> = {
  name: 'procedural-svg/studio-character',
  render: async (input) => renderCharacter(input),
};
