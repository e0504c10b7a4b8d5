/**
 * Output sizes. The `differences` table constrains
 *   resolution IN ('1K', '2K', '4K') and aspect_ratio IN ('1:1', '3:4', '4:3', '9:16', '16:9');
 * we read "1K" as 1024 pixels on the long side (2K = 2048, 4K = 4096).
 */
export const CHARACTER_RESOLUTIONS = ['1K', '2K', '4K'] as const;
export type CharacterResolution = (typeof CHARACTER_RESOLUTIONS)[number];

export const CHARACTER_ASPECT_RATIOS = ['1:1', '3:4', '4:3', '9:16', '16:9'] as const;
export type CharacterAspectRatio = (typeof CHARACTER_ASPECT_RATIOS)[number];

const LONG_SIDE: Readonly<Record<CharacterResolution, number>> = { '1K': 1024, '2K': 2048, '4K': 4096 };

/** The bust is drawn in a square box of this many units; the short side of the canvas matches it. */
export const BUST_BOX = 1000;

export type CanvasSize = {
  /** Pixels. */
  width: number;
  height: number;
  /** Drawing units: the short side is BUST_BOX so the bust never needs rescaling. */
  viewBoxWidth: number;
  viewBoxHeight: number;
};

export function canvasSize(resolution: CharacterResolution, aspectRatio: CharacterAspectRatio): CanvasSize {
  const [across, down] = aspectRatio.split(':').map(Number) as [number, number];
  const long = LONG_SIDE[resolution];
  const width = across >= down ? long : Math.round((long * across) / down);
  const height = down >= across ? long : Math.round((long * down) / across);
  const unitsPerShortSide = BUST_BOX / Math.min(across, down);
  return { width, height, viewBoxWidth: across * unitsPerShortSide, viewBoxHeight: down * unitsPerShortSide };
}
