import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only contend for them and for PostgreSQL.
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
