/**
 * A sticker request in its normal form: what the cache key hashes, the job
 * renders and the image row stores. Requests that draw the same sticker
 * normalise to the same spec (the prompt cache is keyed by its hash).
 */
import { DEFAULT_STICKER_STYLE, STICKER_EFFECTS, type stickers } from '@yorozu/contract';
import { hashHex } from '@yorozu/renderers';
import type { Static } from 'typebox';

export type StickerRequest = Static<typeof stickers.images.StickerRequest>;

/** The render job's `spec` (the contract's `stickers.StickerSpec`, checked when enqueued and run). */
export type StickerSpec = Static<typeof stickers.StickerSpec>;

/** NFC, one space for any run of white space, none at the ends: the renderer lays the text out this way anyway. */
function lettering(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function normaliseRequest(request: StickerRequest): StickerSpec {
  const effects = Object.fromEntries(
    STICKER_EFFECTS.map((effect) => [effect, request.effects?.[effect] === true]),
  ) as StickerSpec['effects'];
  return {
    title: lettering(request.title),
    characterName: lettering(request.characterName),
    attribute: request.attribute,
    rarity: request.rarity,
    backgroundColor: request.backgroundColor.toLowerCase(),
    effects,
    style: {
      frame: request.style?.frame ?? DEFAULT_STICKER_STYLE.frame,
      pattern: request.style?.pattern ?? DEFAULT_STICKER_STYLE.pattern,
    },
    sourceImageFileId: request.sourceImageFileId ?? null,
    format: request.format ?? 'svg',
  };
}

/**
 * The cache key: SHA-256 of the spec's canonical JSON (sorted keys) and the
 * generator's name, so a different renderer never serves another's images.
 */
export function promptHash(spec: StickerSpec, generator: string): string {
  return hashHex({ generator, spec });
}

/** The request as one line of text (stored as the image's prompt): what a hosted model would be asked. */
export function describeSticker(spec: StickerSpec): string {
  const effects = STICKER_EFFECTS.filter((effect) => spec.effects[effect]);
  return [
    `Bikkuriman-style collectible sticker, ${spec.rarity.replace('_', ' ')} rarity, ${spec.attribute} attribute`,
    `: title ${JSON.stringify(spec.title)}, character ${JSON.stringify(spec.characterName)}`,
    `, background ${spec.backgroundColor}, ${spec.style.frame} frame, ${spec.style.pattern} pattern`,
    effects.length > 0 ? `, effects: ${effects.join(', ')}` : '',
    spec.sourceImageFileId ? ', character from the source image' : '',
  ].join('');
}
