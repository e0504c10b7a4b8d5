/**
 * Lints spec/openapi.json as API reviewers would: Redocly CLI (`recommended`, redocly.yaml) and
 * Spectral (`spectral:oas`, .spectral.yaml), failing on any error or warning (Redocly fails only
 * on errors by itself), then the description coverage check of packages/contract.
 */
import { spawnSync } from 'node:child_process';

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.error) throw result.error;
  return result;
}

const redocly = run('npx', ['--no-install', 'redocly', 'lint', 'spec/openapi.json', '--format=json']);
const report = JSON.parse(redocly.stdout) as {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
};
for (const problem of report.problems) {
  console.error(`redocly ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? ''})`);
}
console.log(`redocly (recommended): ${report.totals.errors} errors, ${report.totals.warnings} warnings`);

const spectral = run('npx', [
  '--no-install',
  'spectral',
  'lint',
  'spec/openapi.json',
  '--fail-severity=warn',
]);
process.stdout.write(spectral.stdout);
console.log(`spectral (spectral:oas): ${spectral.status === 0 ? 'no errors or warnings' : 'problems above'}`);

const coverage = run('npm', ['run', '--silent', 'spec:docs', '-w', '@yorozu/contract']);
process.stdout.write(coverage.stdout);

const failed =
  report.totals.errors + report.totals.warnings > 0 || spectral.status !== 0 || coverage.status !== 0;
process.exit(failed ? 1 : 0);
