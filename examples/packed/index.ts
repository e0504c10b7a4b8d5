/**
 * The SDK as a third party gets it: `npm pack` of packages/sdk, installed from the tarball into
 * a fresh project (with `typescript` and `@types/node` from the registry, nothing from this
 * repository), the README's quick start copied out of packages/sdk/README.md, compiled with
 * `strict` and `exactOptionalPropertyTypes`, then run with Node against a Yorozu service.
 *
 *   npm run build -w @yorozu/sdk
 *   YOROZU_API_KEY=yz_… YOROZU_BASE_URL=http://127.0.0.1:3000 npm run packed -w @yorozu/examples
 *
 * The key needs the scopes the quick start uses: me:read, api-keys:write and audit-log:read.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { npmInstall } from '@yorozu/api/testing';

const run = promisify(execFile);
const SDK = fileURLToPath(new URL('../../packages/sdk/', import.meta.url));
/** The versions the fresh project installs: the ones this repository builds and tests with. */
const TYPESCRIPT = '5.9.3';
const TYPES_NODE = '24.19.2';

/** The first ```ts block under "## Quick start" in the SDK's README. */
export async function readmeQuickStart(): Promise<string> {
  const readme = await readFile(join(SDK, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Quick start'));
  const code = section?.split('```ts\n')[1]?.split('```')[0];
  if (!code) throw new Error('packages/sdk/README.md has no ```ts block under "## Quick start"');
  return code;
}

export interface PackedProject {
  folder: string;
  tarball: string;
  remove: () => Promise<void>;
}

/** Packs the built SDK and installs the tarball into a new project with the README's quick start. */
export async function installPacked(print: (line: string) => void = console.log): Promise<PackedProject> {
  const folder = await mkdtemp(join(tmpdir(), 'yorozu-packed-'));
  const packs = join(folder, 'packs');
  await mkdir(packs);
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', packs], { cwd: SDK });
  const [{ filename, files }] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  const tarball = join(packs, filename);
  print(`Packed ${filename}: ${files.map((file) => file.path).join(', ')}`);

  const project = join(folder, 'app');
  await mkdir(project);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'yorozu-quick-start', private: true, type: 'module' }, null, 2),
  );
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          types: ['node'],
        },
        include: ['quickstart.ts'],
      },
      null,
      2,
    ),
  );
  await writeFile(join(project, 'quickstart.ts'), await readmeQuickStart());
  await npmInstall(project, [tarball, `typescript@${TYPESCRIPT}`, `@types/node@${TYPES_NODE}`]);
  print(`Installed it into a fresh project: ${project}`);
  return { folder: project, tarball, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** `tsc` of the fresh project (strict, exactOptionalPropertyTypes): its output, empty when clean. */
export async function compile(project: string): Promise<string> {
  const tsc = join(project, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', project]).catch((error) => error);
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
}

/** Runs the quick start with this Node, the credentials from `env`. */
export async function runQuickStart(project: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run(process.execPath, ['quickstart.ts'], {
    cwd: project,
    env: { ...process.env, ...env },
  });
  return stdout;
}

if (import.meta.main) {
  const packed = await installPacked();
  try {
    const errors = await compile(packed.folder);
    if (errors) throw new Error(`The quick start does not compile:\n${errors}`);
    console.log('The quick start compiles with strict and exactOptionalPropertyTypes.');
    process.stdout.write(await runQuickStart(packed.folder, {}));
  } finally {
    await packed.remove();
  }
}
