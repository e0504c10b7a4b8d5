/**
 * Every regular expression the service or the SDK applies to text runs in
 * linear time: a pattern that backtracks super-linearly lets one small request
 * stall the event loop (ReDoS). recheck (https://makenowjust-labs.github.io/recheck/)
 * decides it per pattern, by automaton analysis where it can and by fuzzing
 * where it cannot (look-arounds, back-references).
 *
 * The patterns are read from the code itself, so a new one is audited without
 * being listed: every regex literal in the TypeScript sources, every `pattern`
 * the OpenAPI contract makes Ajv apply to requests, and the regexes of the Ajv
 * formats the contract uses. Patterns built at run time (`new RegExp`) cannot
 * be read that way: each one is listed below with the widest source it is
 * built from, and an unlisted one fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_FOLDERS = [
  'services/api/src',
  'services/worker/src',
  'packages/contract/src',
  'packages/renderers/src',
  'packages/sdk/src',
];

interface Found {
  where: string;
  source: string;
  flags: string;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Regex literals and `new RegExp(…)` calls of one file, found by the TypeScript parser. */
function regexesOf(file: string): { literals: Found[]; constructed: string[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const literals: Found[] = [];
  const constructed: string[] = [];
  const where = (node: ts.Node) =>
    `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const end = node.text.lastIndexOf('/');
      literals.push({ where: where(node), source: node.text.slice(1, end), flags: node.text.slice(end + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      constructed.push(`${relative(root, file)}: ${node.getText(source).replace(/\s+/g, ' ')}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { literals, constructed };
}

/** Every `pattern` keyword in the published contract: Ajv applies them to query, path and body values. */
function contractPatterns(): Found[] {
  const spec = JSON.parse(readFileSync(join(root, 'spec/openapi.json'), 'utf8'));
  const found: Found[] = [];
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'pattern' && typeof child === 'string')
          found.push({ where: `spec/openapi.json#${path}`, source: child, flags: 'u' });
        else walk(child, `${path}/${key}`);
      }
    }
  };
  walk(spec, '');
  return found;
}

/** Every `format` keyword in the published contract. */
function contractFormats(): Set<string> {
  const spec = readFileSync(join(root, 'spec/openapi.json'), 'utf8');
  return new Set([...spec.matchAll(/"format": "([a-z-]+)"/g)].map((match) => match[1]!));
}

/**
 * The regexes of ajv-formats that requests reach: those in the `fullFormats`
 * entries (Ajv's default mode) of the formats the contract names, and in the
 * module-level helpers those entries call, followed by name. Formats no
 * schema uses (e.g. `uri`, `url`: super-linear) are left out.
 */
function formatRegexes(): Found[] {
  const require = createRequire(join(root, 'services/api/package.json'));
  const file = require.resolve('ajv-formats/dist/formats.js');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const topLevel = new Map<string, ts.Node>();
  let fullFormats: ts.ObjectLiteralExpression | undefined;
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) topLevel.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) topLevel.set(declaration.name.text, declaration);
    if (
      ts.isExpressionStatement(statement) &&
      ts.isBinaryExpression(statement.expression) &&
      statement.expression.left.getText(source) === 'exports.fullFormats' &&
      ts.isObjectLiteralExpression(statement.expression.right)
    )
      fullFormats = statement.expression.right;
  }
  if (!fullFormats) throw new Error('ajv-formats: exports.fullFormats not found');
  const used = contractFormats();
  const pending: ts.Node[] = fullFormats.properties.filter(
    (property) =>
      ts.isPropertyAssignment(property) &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      used.has(property.name.text),
  );
  const seen = new Set<ts.Node>(pending);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const end = node.text.lastIndexOf('/');
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({
        where: `ajv-formats formats.js:${line}`,
        source: node.text.slice(1, end),
        flags: node.text.slice(end + 1),
      });
    }
    const declaration = ts.isIdentifier(node) ? topLevel.get(node.text) : undefined;
    if (declaration && !seen.has(declaration)) {
      seen.add(declaration);
      pending.push(declaration);
    }
    ts.forEachChild(node, visit);
  };
  for (let node = pending.pop(); node; node = pending.pop()) visit(node);
  return found;
}

/**
 * Patterns built at run time, by the call that builds them: the source they
 * are built from, written with the widest value the code lets in.
 */
const CONSTRUCTED: Record<string, Found[]> = {
  'packages/renderers/src/core/color.ts: new RegExp(`(^|[^a-z])${name}($|[^a-z])`)': [
    // `name` is a colour name of the built-in table, checked against /^[a-z ]+$/ first.
    { where: 'color.ts containsName', source: '(^|[^a-z])light sky blue($|[^a-z])', flags: '' },
  ],
  'packages/sdk/src/errors.ts: new RegExp(`(?:^|[\\\\s,;])${k}=(\\\\d+)`)': [
    // `k` is one of the SDK's own RateLimit parameter names.
    { where: 'sdk errors.ts rateLimit', source: '(?:^|[\\s,;])remaining=(\\d+)', flags: '' },
  ],
};

const literals = SOURCE_FOLDERS.flatMap((folder) => typeScriptFiles(join(root, folder))).map((file) =>
  regexesOf(file),
);
const constructedCalls = literals.flatMap((file) => file.constructed);
const audited: Found[] = [
  ...literals.flatMap((file) => file.literals),
  ...contractPatterns(),
  ...formatRegexes(),
  ...Object.values(CONSTRUCTED).flat(),
];

/**
 * recheck's verdict. On a loaded machine its fuzzer can run out of time and
 * answer `unknown`: such a pattern is checked again with more time, and
 * fails only if still not found safe.
 */
function audit(found: Found) {
  const first = checkSync(found.source, found.flags, { timeout: 10_000 });
  return first.status === 'unknown' ? checkSync(found.source, found.flags, { timeout: 60_000 }) : first;
}

describe('every regular expression applied to client input', () => {
  it('is found in the sources (the scan itself works)', () => {
    expect(audited.length).toBeGreaterThan(50);
    expect(audited.some((found) => found.where.startsWith('spec/openapi.json'))).toBe(true);
    const formats = audited
      .filter((found) => found.where.startsWith('ajv-formats'))
      .map((found) => found.source);
    // uuid and email are regexes of their own; date-time reaches the DATE and TIME helpers.
    expect(formats).toEqual(expect.arrayContaining(['^(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)$']));
    expect(formats.some((source) => source.includes('urn:uuid'))).toBe(true);
    expect(formats.some((source) => source.includes('[a-z0-9\\-._~!$&'))).toBe(false); // uri is unused
  });

  it('is audited: each RegExp built at run time is listed with the source it is built from', () => {
    expect(constructedCalls.sort()).toEqual(Object.keys(CONSTRUCTED).sort());
  });

  it('runs in linear time (recheck finds no super-linear backtracking)', () => {
    const unique = new Map(audited.map((found) => [`/${found.source}/${found.flags}`, found]));
    const vulnerable = [...unique.values()]
      .map((found) => ({ ...found, diagnostics: audit(found) }))
      .filter((found) => found.diagnostics.status !== 'safe')
      .map(
        (found) =>
          `${found.where}: /${found.source}/${found.flags} is ${found.diagnostics.status}` +
          ('complexity' in found.diagnostics && found.diagnostics.complexity
            ? ` (${found.diagnostics.complexity.type})`
            : ''),
      );
    expect(vulnerable).toEqual([]);
  }, 300_000);

  it('would catch a super-linear pattern (the checker is not a no-op)', () => {
    const exponential = '^((<!--[\\s\\S]*?-->)\\s*)*<svg';
    expect(checkSync(exponential, '').status).toBe('vulnerable');
    expect(checkSync('^(a+)+$', '').status).toBe('vulnerable');
  });
});
