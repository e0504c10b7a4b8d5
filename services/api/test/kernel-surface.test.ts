/**
 * A module's code uses the kernel through each kernel folder's index.ts, and never another
 * module's files (tests and their helpers may reach further) (docs/architecture.md, How the pieces fit): what an index
 * exports is the kernel's surface, and the rest may change without touching a product.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const modules = join(src, 'modules');

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Each import specifier of a file that reaches outside its own module folder. */
function outsideImports(file: string): string[] {
  const module = relative(modules, file).split('/')[0]!;
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)];
  return specifiers
    .map((match) => match[1]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(src, join(file, '..', specifier)))
    .filter((target) => !target.startsWith(`modules/${module}/`));
}

describe('the kernel surface', () => {
  it("is all a module's code imports of the service besides its own files", () => {
    // The configuration's types (config.ts) are allowed: the composition root passes its values.
    const allowed =
      /^(config\.ts|kernel\/[a-z-]+\.ts|kernel\/[a-z-]+\/index\.ts|db\/[a-z-]+\.ts|http\/[a-z-]+\.ts)$/;
    const code = typeScriptFiles(modules).filter(
      (file) => !file.endsWith('.test.ts') && !file.endsWith('/testing.ts'),
    );
    const offending = code.flatMap((file) =>
      outsideImports(file)
        .filter((target) => !allowed.test(target))
        .map((target) => `${relative(src, file)} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
