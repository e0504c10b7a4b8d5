/**
 * `npm run spec` writes spec/openapi.json; `npm run spec:check` fails when the
 * committed file differs from what the contract generates.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '../spec.ts';

const target = fileURLToPath(new URL('../../../../spec/openapi.json', import.meta.url));
const generated = `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== generated) {
    console.error('spec/openapi.json is out of date with packages/contract: run `npm run spec` and commit.');
    process.exit(1);
  }
  console.log('spec/openapi.json is up to date.');
} else {
  await writeFile(target, generated);
  console.log(`wrote ${target}`);
}
