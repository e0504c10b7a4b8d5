/**
 * src/runtime-flags.ts turns V8's allocation-site pretenuring off in a running process.
 * A child keeps objects from one allocation site alive across scavenges of a young generation
 * held at its maximum size (1 MB: V8 pretenures only then), which makes V8 pretenure that site;
 * `--trace-pretenuring-statistics` prints each decision (`… => tenure`). With the module
 * imported first there must be none.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const flags = fileURLToPath(new URL('./runtime-flags.ts', import.meta.url));

// One literal site; its objects are kept, so nearly all survive each scavenge.
const workload = `
  const keep = [];
  const make = (i) => ({ i, tags: [i, i + 1] });
  for (let round = 0; round < 40; round++) {
    for (let i = 0; i < 50_000; i++) keep.push(make(i));
    if (keep.length > 1_000_000) keep.length = 0;
  }
`;

function tenureDecisions(extraArgs: string[]): number {
  const child = spawnSync(
    process.execPath,
    [
      '--trace-pretenuring-statistics',
      '--min-semi-space-size=1',
      '--max-semi-space-size=1',
      ...extraArgs,
      '--input-type=module',
      '-e',
      workload,
    ],
    { encoding: 'utf8', timeout: 20_000 },
  );
  expect(child.status).toBe(0);
  return child.stdout.split('\n').filter((line) => line.includes('=> tenure')).length;
}

describe('runtime flags', () => {
  it('V8 pretenures a site whose objects survive scavenges (the control)', () => {
    expect(tenureDecisions([])).toBeGreaterThan(0);
  });

  it('make no allocation site pretenured once imported', () => {
    expect(tenureDecisions(['--import', flags])).toBe(0);
  });
});
