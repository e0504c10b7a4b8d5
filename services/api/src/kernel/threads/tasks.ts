/**
 * The CPU-heavy work that runs on worker threads (pool.ts), one export per
 * task. Arguments and results cross threads by structured clone, which turns
 * a Buffer into a plain Uint8Array: each task wraps its bytes back.
 */
import type { RenderedImage } from '@yorozu/renderers';
import type { RasterizeOptions } from '@yorozu/renderers/rasterize';
import { type InspectedBytes, inspectFile as inspect } from '../files/inspect.ts';
import type { SpeechRequest } from '../speech/espeak.ts';
import { asBuffer } from './buffer.ts';

/**
 * Sniffing, the pixel size, the SVG check and audio headers: a 10 MiB SVG takes seconds to parse.
 * Given bytes, or a spooled upload's path, which this thread reads (files/inspect.ts).
 */
export function inspectFile(source: Uint8Array | Exclude<InspectedBytes, Buffer>) {
  return inspect(source instanceof Uint8Array ? asBuffer(source) : source);
}

/** SVG → PNG: resvg renders on the calling thread. Loaded on first use, so threads that only inspect never load it. */
export async function rasterize({ image, options }: { image: RenderedImage; options: RasterizeOptions }) {
  const { rasterizeSvg } = await import('@yorozu/renderers/rasterize');
  return rasterizeSvg({ ...image, bytes: asBuffer(image.bytes) }, options);
}

/** WebP → PNG (files/webp.ts), for the renderer, which cannot draw WebP. Loaded on first use. */
export async function webpToPng(bytes: Uint8Array) {
  const { webpToPng: convert } = await import('../files/webp.ts');
  return convert(asBuffer(bytes));
}

/** Text to speech with eSpeak NG (WebAssembly): one run compiles an 18 MB module, ~0.3 s of CPU. Loaded on first use. */
export async function synthesizeSpeech(request: SpeechRequest) {
  const { espeakWav } = await import('../speech/espeak.ts');
  return espeakWav(request);
}

/** The tasks by name, for the pool's types (piscina calls the exports above by name). */
export type Tasks = {
  inspectFile: typeof inspectFile;
  rasterize: typeof rasterize;
  synthesizeSpeech: typeof synthesizeSpeech;
  webpToPng: typeof webpToPng;
};
