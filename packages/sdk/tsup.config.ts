import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

export default defineConfig({
  entry: ['src/index.ts', 'src/raw.ts', 'src/license.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
  platform: 'neutral',
  clean: true,
  treeshake: true,
  // Maps carry the sources (sourcesContent), so stack traces and debuggers show the TypeScript.
  sourcemap: true,
  minify: false,
  splitting: false,
  define: { __YOROZU_SDK_VERSION__: JSON.stringify(version) },
});
