/**
 * A pool of worker threads (piscina) for CPU-heavy work: parsing a large SVG
 * or rendering a PNG on the event loop would stall every other request of the
 * process, health checks included. Started on first use; idle threads exit
 * after a while and never keep the process alive. When the queue is full the
 * caller gets 503 with Retry-After rather than an ever longer wait.
 */
import { availableParallelism } from 'node:os';
import type { RenderedImage } from '@yorozu/renderers';
import type { RasterizeOptions } from '@yorozu/renderers/rasterize';
import { Piscina } from 'piscina';
import { DomainError } from '../errors.ts';
import type { InspectedBytes, Inspection } from '../files/inspect.ts';
import type { SpeechRequest } from '../speech/espeak.ts';
import { asBuffer } from './buffer.ts';
import type { Tasks } from './tasks.ts';

let pool: Piscina | undefined;

function threads(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./tasks.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.max(1, availableParallelism()),
    idleTimeout: 30_000,
    // Lower priority (Unix nice +10, via piscina's optional @napi-rs/nice): on a busy machine the
    // event loop answering requests gets the CPU first, and the threads take what is left.
    niceIncrement: 10,
    // piscina's 'auto': maxThreads² tasks may wait.
    maxQueue: 'auto',
  });
  return pool;
}

async function run<K extends keyof Tasks>(
  name: K,
  argument: Parameters<Tasks[K]>[0],
): Promise<Awaited<ReturnType<Tasks[K]>>> {
  try {
    return await threads().run(argument, { name });
  } catch (error) {
    if (error instanceof Error && error.message === 'Task queue is at limit') {
      throw new DomainError('unavailable', 'The service is busy processing images; try again shortly.', {
        retryAfter: 1,
      });
    }
    throw error;
  }
}

/**
 * `inspectFile` (files/inspect.ts) on a worker thread: bytes are copied to it, a spooled upload's
 * file is read there.
 */
export function inspectFileOffThread(source: InspectedBytes): Promise<Inspection> {
  return run('inspectFile', source);
}

/** `rasterizeSvg` (@yorozu/renderers/rasterize) on a worker thread. */
export async function rasterizeOffThread(
  image: RenderedImage,
  options: RasterizeOptions = {},
): Promise<RenderedImage> {
  const png = await run('rasterize', { image, options });
  return { ...png, bytes: asBuffer(png.bytes) };
}

/** A WebP image as a PNG (files/webp.ts) on a worker thread; null when it cannot be decoded. */
export async function webpToPngOffThread(bytes: Buffer): Promise<Buffer | null> {
  const png = await run('webpToPng', bytes);
  return png && asBuffer(png);
}

/** Speech synthesis (kernel/speech/espeak.ts) on a worker thread: a WAV file's bytes. */
export async function synthesizeSpeechOffThread(request: SpeechRequest): Promise<Buffer> {
  return asBuffer(await run('synthesizeSpeech', request));
}
