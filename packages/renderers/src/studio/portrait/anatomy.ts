/**
 * Landmarks of the bust, in the 1000-unit bust box (see canvas.ts). Hair, face,
 * body and accessories are drawn by separate modules; sharing these numbers is
 * what keeps the parts lined up.
 */
export const CENTER_X = 500;
export const SKULL_TOP_Y = 150;
export const CHEEK_HALF_WIDTH = 178;
export const CHEEK_Y = 360;
export const CHIN_Y = 608;
export const EYE_Y = 448;
export const EYE_OFFSET_X = 80;
export const BROW_Y = 386;
export const MOUTH_Y = 553;
export const EAR_Y = 452;
export const NECK_HALF_WIDTH = 42;
export const NECK_BASE_Y = 690;
export const SHOULDER_Y = 760;

/** -1 is the viewer's left, +1 the viewer's right: parts are drawn once per side by mirroring x. */
export type Side = -1 | 1;
export const SIDES: readonly Side[] = [-1, 1];

export function mirrorX(side: Side, offsetFromCenter: number): number {
  return CENTER_X + side * offsetFromCenter;
}
