/**
 * The pluggable image generator contract (docs/architecture.md, Files and generated images): the
 * built-in generators are deterministic procedural SVG renderers so every
 * product works offline; a hosted AI provider is just another implementation
 * selected by configuration. Keeping `render` async lets such an adapter call
 * out over the network without changing callers.
 */
export type RenderedImage = {
  bytes: Buffer;
  contentType: 'image/svg+xml' | 'image/png';
  width: number;
  height: number;
};

export interface ImageGenerator<Input> {
  /** Stable identifier recorded next to stored images, e.g. "procedural-svg/sticker". */
  readonly name: string;
  render(input: Input): Promise<RenderedImage>;
}
