import { darken, mixColors } from '../../core/color.ts';
import { element, gradient, group, pathData, translate } from '../../core/svg.ts';
import { CENTER_X, NECK_BASE_Y, NECK_HALF_WIDTH, SHOULDER_Y } from './anatomy.ts';
import type { Appearance } from './features.ts';

/**
 * Neck, shoulders and the outfit. The sample character's outfit is
 * `{"primary": "white dress", "secondary": "ribbon"}`: the primary garment picks
 * the neckline/collar drawn here and its colour, the secondary item adds a bow
 * or tie in the accent colour.
 */

const SHIRT_WHITE = '#f7f7fa';

function torsoPath(shoulder: number, bottom: number): string {
  const left = CENTER_X - shoulder;
  const right = CENTER_X + shoulder;
  return pathData`M ${CENTER_X - 64} ${NECK_BASE_Y - 8} C ${CENTER_X - 140} ${NECK_BASE_Y + 12} ${left + 10} ${SHOULDER_Y - 40}
    ${left - 8} ${SHOULDER_Y + 30} L ${left - 34} ${bottom} L ${right + 34} ${bottom} L ${right + 8} ${SHOULDER_Y + 30}
    C ${right - 10} ${SHOULDER_Y - 40} ${CENTER_X + 140} ${NECK_BASE_Y + 12} ${CENTER_X + 64} ${NECK_BASE_Y - 8} Z`;
}

function neck(appearance: Appearance): string[] {
  const { skin } = appearance;
  const left = CENTER_X - NECK_HALF_WIDTH;
  const right = CENTER_X + NECK_HALF_WIDTH;
  return [
    element('path', {
      d: pathData`M ${left} 540 L ${left - 4} ${NECK_BASE_Y + 10} L ${right + 4} ${NECK_BASE_Y + 10} L ${right} 540 Z`,
      fill: skin.base,
      stroke: skin.line,
      'stroke-width': 3,
    }),
    // Shadow under the chin.
    element('path', {
      d: pathData`M ${left} 560 Q ${CENTER_X} 650 ${right} 560 L ${right} 540 L ${left} 540 Z`,
      fill: skin.shadow,
    }),
  ];
}

function neckline(appearance: Appearance): string[] {
  const { outfit, skin } = appearance;
  const outline = { stroke: darken(outfit.main, 0.45), 'stroke-width': 3.5, 'stroke-linejoin': 'round' };
  switch (outfit.kind) {
    case 'dress': {
      const scallops = Array.from({ length: 9 }, (_, index) => {
        const t = index / 8;
        const x = 426 + 148 * t;
        const y = NECK_BASE_Y - 6 + Math.sin(Math.PI * t) * 104;
        return element('circle', {
          cx: x,
          cy: y,
          r: 9,
          fill: SHIRT_WHITE,
          stroke: outline.stroke,
          'stroke-width': 2,
        });
      });
      return [
        element('path', {
          d: pathData`M 424 ${NECK_BASE_Y - 8} Q ${CENTER_X} ${NECK_BASE_Y + 200} 576 ${NECK_BASE_Y - 8} Z`,
          fill: skin.base,
          ...outline,
        }),
        ...scallops,
      ];
    }
    case 'shirt':
      return [
        element('path', {
          d: pathData`M 452 ${NECK_BASE_Y - 6} Q ${CENTER_X} ${NECK_BASE_Y + 56} 548 ${NECK_BASE_Y - 6} Z`,
          fill: skin.base,
          ...outline,
        }),
        element('path', {
          d: pathData`M 448 ${NECK_BASE_Y - 8} Q ${CENTER_X} ${NECK_BASE_Y + 66} 552 ${NECK_BASE_Y - 8}`,
          fill: 'none',
          ...outline,
          'stroke-width': 9,
          stroke: outfit.shadow,
        }),
      ];
    case 'sailor': {
      const collar = mixColors(outfit.accent, '#1d2a5c', 0.55);
      return [
        element('path', {
          d: pathData`M 448 ${NECK_BASE_Y - 6} L ${CENTER_X} 820 L 552 ${NECK_BASE_Y - 6} Z`,
          fill: skin.base,
          ...outline,
        }),
        element('path', {
          d: pathData`M 444 ${NECK_BASE_Y - 10} C 380 700 310 724 268 ${SHOULDER_Y + 6} L 340 800 L ${CENTER_X} 836 L 660 800 L 732 ${SHOULDER_Y + 6}
            C 690 724 620 700 556 ${NECK_BASE_Y - 10} L ${CENTER_X} 812 Z`,
          fill: collar,
          ...outline,
        }),
        element('path', {
          d: pathData`M 300 ${SHOULDER_Y + 6} L 350 786 L ${CENTER_X} 818 L 650 786 L 700 ${SHOULDER_Y + 6}`,
          fill: 'none',
          stroke: SHIRT_WHITE,
          'stroke-width': 5,
        }),
      ];
    }
    case 'blazer':
      return [
        element('path', {
          d: pathData`M 446 ${NECK_BASE_Y - 8} L ${CENTER_X} 880 L 554 ${NECK_BASE_Y - 8} Z`,
          fill: SHIRT_WHITE,
          ...outline,
        }),
        element('path', {
          d: pathData`M 446 ${NECK_BASE_Y - 8} L 470 ${NECK_BASE_Y + 34} L ${CENTER_X} ${NECK_BASE_Y + 12} L 530 ${NECK_BASE_Y + 34} L 554 ${NECK_BASE_Y - 8}`,
          fill: SHIRT_WHITE,
          ...outline,
        }),
        element('path', {
          d: pathData`M 440 ${NECK_BASE_Y - 4} L 404 790 L 440 800 L ${CENTER_X} 900 Z`,
          fill: outfit.shadow,
          ...outline,
        }),
        element('path', {
          d: pathData`M 560 ${NECK_BASE_Y - 4} L 596 790 L 560 800 L ${CENTER_X} 900 Z`,
          fill: outfit.shadow,
          ...outline,
        }),
      ];
    case 'hoodie':
      return [
        element('path', {
          d: pathData`M 392 ${NECK_BASE_Y + 4} Q ${CENTER_X} ${NECK_BASE_Y - 60} 608 ${NECK_BASE_Y + 4} Q ${CENTER_X} ${NECK_BASE_Y + 90} 392 ${NECK_BASE_Y + 4} Z`,
          fill: outfit.shadow,
          ...outline,
        }),
        element('path', {
          d: pathData`M 452 ${NECK_BASE_Y - 6} Q ${CENTER_X} ${NECK_BASE_Y + 40} 548 ${NECK_BASE_Y - 6} Z`,
          fill: skin.base,
          ...outline,
        }),
        element('path', {
          d: pathData`M 470 ${NECK_BASE_Y + 40} L 464 840 M 530 ${NECK_BASE_Y + 40} L 536 840`,
          fill: 'none',
          stroke: outfit.accent,
          'stroke-width': 5,
          'stroke-linecap': 'round',
        }),
        element('circle', { cx: 464, cy: 846, r: 7, fill: outfit.accent }),
        element('circle', { cx: 536, cy: 846, r: 7, fill: outfit.accent }),
      ];
    case 'kimono':
      return [
        element('path', {
          d: pathData`M 446 ${NECK_BASE_Y - 8} L ${CENTER_X} 800 L 554 ${NECK_BASE_Y - 8} Z`,
          fill: skin.base,
          ...outline,
        }),
        // Left over right, as kimono are worn: a white under-collar shows along both edges.
        element('path', {
          d: pathData`M 554 ${NECK_BASE_Y - 8} L 578 ${NECK_BASE_Y + 4} L 486 860 L 470 840 Z`,
          fill: SHIRT_WHITE,
          ...outline,
        }),
        element('path', {
          d: pathData`M 446 ${NECK_BASE_Y - 8} L 422 ${NECK_BASE_Y + 4} L 540 900 L 556 880 Z`,
          fill: SHIRT_WHITE,
          ...outline,
        }),
        element('path', { d: pathData`M 380 ${NECK_BASE_Y + 30} L 520 930`, fill: 'none', ...outline }),
      ];
  }
}

function bow(x: number, y: number, color: string): string {
  const line = { stroke: darken(color, 0.45), 'stroke-width': 3, 'stroke-linejoin': 'round' };
  return group({ transform: translate(x, y) }, [
    element('path', {
      d: 'M -6 4 L -22 52 L -6 44 L 2 56 Z M 6 4 L 24 50 L 8 44 L -2 56 Z',
      fill: darken(color, 0.12),
      ...line,
    }),
    element('path', { d: 'M 0 0 C -30 -34 -64 -16 -58 10 C -52 32 -22 20 0 0 Z', fill: color, ...line }),
    element('path', { d: 'M 0 0 C 30 -34 64 -16 58 10 C 52 32 22 20 0 0 Z', fill: color, ...line }),
    element('ellipse', { cx: 0, cy: 0, rx: 12, ry: 14, fill: darken(color, 0.08), ...line }),
  ]);
}

function tie(color: string): string {
  return element('path', {
    d: pathData`M 488 ${NECK_BASE_Y + 14} L 512 ${NECK_BASE_Y + 14} L 506 ${NECK_BASE_Y + 36} L 522 880 L ${CENTER_X} 906 L 478 880 L 494 ${NECK_BASE_Y + 36} Z`,
    fill: color,
    stroke: darken(color, 0.45),
    'stroke-width': 3,
    'stroke-linejoin': 'round',
  });
}

/** `bottomY` is where the canvas ends in bust-box units: tall canvases show more torso. */
export function drawBody(appearance: Appearance, bottomY: number, idPrefix: string): string {
  const { outfit } = appearance;
  const shading = gradient('linearGradient', { id: `${idPrefix}-outfit`, x1: 0, y1: 0, x2: 1, y2: 0 }, [
    [0, outfit.shadow],
    [0.22, outfit.main],
    [0.78, outfit.main],
    [1, outfit.shadow],
  ]);
  const torso = element('path', {
    d: torsoPath(appearance.shoulderHalfWidth, bottomY + 10),
    fill: `url(#${idPrefix}-outfit)`,
    stroke: darken(outfit.main, 0.45),
    'stroke-width': 3.5,
    'stroke-linejoin': 'round',
  });
  const extras: string[] = [];
  if (outfit.kind === 'kimono') {
    extras.push(
      element('rect', {
        x: 200,
        y: 940,
        width: 600,
        height: 90,
        fill: outfit.accent,
        stroke: darken(outfit.accent, 0.45),
        'stroke-width': 3,
      }),
    );
  }
  if (outfit.hasTie && outfit.kind !== 'sailor') extras.push(tie(outfit.accent));
  if (outfit.hasRibbon) {
    const ribbonColor = outfit.kind === 'sailor' ? '#d8343c' : outfit.accent;
    extras.push(bow(CENTER_X, outfit.kind === 'sailor' ? 812 : NECK_BASE_Y + 40, ribbonColor));
  }
  return group({ 'data-part': 'body' }, [
    element('defs', {}, [shading]),
    ...neck(appearance),
    torso,
    ...neckline(appearance),
    ...extras,
  ]);
}
