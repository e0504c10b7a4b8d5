/**
 * `npm run spec`: regenerates src/generated/{schema.d.ts,resources.ts,namespaces.ts} from spec/openapi.json.
 * `npm run spec:check`: generates in memory and fails when the committed files differ.
 *
 * Options: `--spec <file>` (default ../../spec/openapi.json), `--out <dir>` (default src/generated).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './codegen.ts';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    spec: { type: 'string', default: resolve(pkg, '../../spec/openapi.json') },
    out: { type: 'string', default: resolve(pkg, 'src/generated') },
    check: { type: 'boolean', default: false },
  },
});
const specPath = resolve(values.spec);
const outDir = resolve(values.out);
const specName = relative(resolve(pkg, '../..'), specPath).replaceAll('\\', '/');

const spec = JSON.parse(await readFile(specPath, 'utf8'));
const { schema, resources, namespaces, problems, operations } = await generate(spec, { specName });
const files = {
  'schema.d.ts': schema,
  'resources.ts': resources,
  'namespaces.ts': namespaces,
  'problems.ts': problems,
};

if (values.check) {
  const stale: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const current = await readFile(join(outDir, name), 'utf8').catch(() => '');
    if (current !== text) stale.push(name);
  }
  if (stale.length) {
    console.error(
      `${stale.join(', ')} out of date with ${specName}: run \`npm run spec -w @yorozu/sdk\` and commit.`,
    );
    process.exit(1);
  }
  console.log(`src/generated is up to date with ${specName} (${operations.length} operations).`);
} else {
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
  console.log(`generated ${operations.length} operations from ${specName} into ${relative(pkg, outDir)}`);
}
