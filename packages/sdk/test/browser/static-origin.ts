/**
 * The page's origin for the browser tests: a loopback HTTP server (another port, so another
 * origin than the API's) serving a page, the SDK's browser bundle (packages/sdk/dist/index.js
 * and openapi-fetch bundled by esbuild, as an app's bundler would) and the scenario.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
export const distEntry = new URL('../../dist/index.js', here);

export async function startStaticOrigin(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bundle = await build({
    entryPoints: [distEntry.pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  const files: Record<string, [type: string, body: string | Uint8Array]> = {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>Yorozu SDK in a browser</title>'],
    '/sdk.js': ['text/javascript', bundle.outputFiles[0]!.contents],
    '/scenario.js': ['text/javascript', await readFile(new URL('scenario.js', here), 'utf8')],
  };
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
    response.end(file?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
