import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // As in tsup.config.ts: the tests run the sources with the version the build bakes in.
  define: { __YOROZU_SDK_VERSION__: JSON.stringify(version) },
  test: {
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    projects: [
      // An injected fetch, no server: fast.
      { extends: true, test: { name: 'unit', include: ['test/*.test.ts'] } },
      // The real service on a fresh database (test/integration/global-setup.ts), through the SDK.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      // The browser bundle in headless Chromium and Firefox, and the ESM build under Deno and
      // Bun, against the real service.
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts', 'test/runtimes/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
