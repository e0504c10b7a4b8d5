/**
 * `npm run spec:docs`: fails when spec/openapi.json leaves a reader guessing
 * (an operation or a schema property without a description, a parameter
 * without an example). Reads the committed file, as a docs reader gets it.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { documentationGaps } from '../openapi/coverage.ts';

const source = fileURLToPath(new URL('../../../../spec/openapi.json', import.meta.url));
const gaps = documentationGaps(JSON.parse(await readFile(source, 'utf8')));
for (const gap of gaps) console.error(gap);
if (gaps.length > 0) {
  console.error(
    `spec/openapi.json: ${gaps.length} undocumented places (packages/contract is where to fix them).`,
  );
  process.exit(1);
}
console.log('spec/openapi.json: every operation and property is described, every parameter has an example.');
