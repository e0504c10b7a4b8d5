/** Adds up the vitest JSON reports of every package into one "N passed, N failed" line. */
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  'packages/contract',
  'packages/renderers',
  'packages/sdk',
  'services/api',
  'services/worker',
  'examples',
]
  .map((dir) => `${dir}/.vitest/results.json`)
  .filter((file) => existsSync(file));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (reports.length === 0 || passed === 0 || failed > 0) process.exit(1);
