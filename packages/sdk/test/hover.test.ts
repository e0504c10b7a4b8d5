/**
 * What an editor shows on hover: the TypeScript language service (the one VS Code runs) asked for
 * quick info inside a program that uses the SDK's sources, as a user's code would.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const sdk = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const user = fileURLToPath(new URL('./hover-fixture.ts', import.meta.url));

/** The user's program, with `‸` before each place hovered. */
const source = `
import { type Problem, Yorozu } from ${JSON.stringify(sdk.replace(/\.ts$/, ''))};
const client = new Yorozu({ apiKey: 'yz_test' });
client.jobs.list({ ‸status: 'queued' });
client.studio.characters.list({ ‸artStyle: 'anime' });
async function look() {
  const job = await client.jobs.get({ id: '3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b' });
  return job.‸status;
}
declare const problem: Problem;
problem.‸code;
`;
const marks: number[] = [];
const text = source.replace(/‸/g, (_, offset: number) => {
  marks.push(offset - marks.length);
  return '';
});

const service = ts.createLanguageService({
  getScriptFileNames: () => [user],
  getScriptVersion: () => '1',
  getScriptSnapshot: (name) => {
    const content = name === user ? text : ts.sys.readFile(name);
    return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
  },
  getCurrentDirectory: () => process.cwd(),
  getCompilationSettings: () => ({
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  }),
  getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
  fileExists: (name) => name === user || ts.sys.fileExists(name),
  readFile: (name) => (name === user ? text : ts.sys.readFile(name)),
});

/** The hover text at a mark: the signature line, the documentation and every tag's text. */
function hover(mark: number): string {
  const info = service.getQuickInfoAtPosition(user, marks[mark]!);
  if (!info) return '';
  const tags = (info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`);
  return [
    ts.displayPartsToString(info.displayParts),
    ts.displayPartsToString(info.documentation),
    ...tags,
  ].join('\n');
}

describe('hover documentation', () => {
  it('documents each value of an enum where it is used, in params and in results', () => {
    expect(service.getSemanticDiagnostics(user).map((d) => d.messageText)).toEqual([]);
    const [statusParam, artStyleParam, statusResult, problemCode] = [0, 1, 2, 3].map(hover);
    expect(statusParam).toContain('`queued`: Waiting for a worker, also between retries.');
    expect(statusParam).toContain('`canceled`: Stopped on request');
    expect(artStyleParam).toContain('`anime`: Drawn in anime style.');
    expect(statusResult).toContain('`succeeded`: Done');
    expect(problemCode).toContain('`quota_exceeded` (402)');
  });

  it('documents every parameter, not only enums', () => {
    expect(hover(0)).toContain('@description Only jobs in this status.');
    expect(hover(1)).toContain('@example anime');
  });
});
