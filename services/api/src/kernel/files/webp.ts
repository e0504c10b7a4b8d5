/**
 * WebP → PNG, for the renderer: resvg draws a WebP `<image>` blank, so a WebP is decoded by
 * libwebp (compiled to WebAssembly by jSquash, @jsquash/webp) and its pixels written as a PNG
 * (pngjs), which resvg draws. Runs on a worker thread (threads/tasks.ts): decoding is CPU work
 * proportional to the pixels, which the upload already bounded (IMAGE_MAX_PIXELS).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import decode, { init } from '@jsquash/webp/decode.js';
import { PNG } from 'pngjs';

let ready: Promise<void> | undefined;

/**
 * The decoder's WebAssembly, loaded once per thread from the package's own file: jSquash's glue
 * code targets browsers and bundlers, and is handed the binary here (its README, "Manual WASM
 * initialisation"; `wasmBinary` is an Emscripten module option).
 */
function decoder(): Promise<void> {
  ready ??= (async () => {
    const path = createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm');
    await init({ wasmBinary: await readFile(path) });
  })();
  return ready;
}

/** The PNG of a WebP image (its first frame when animated); null when libwebp cannot decode it. */
export async function webpToPng(bytes: Buffer): Promise<Buffer | null> {
  await decoder();
  let image: ImageData;
  try {
    image = await decode(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
  } catch {
    return null;
  }
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}
