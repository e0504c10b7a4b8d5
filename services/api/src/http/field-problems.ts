/**
 * Ajv's errors as the contract's field problems: `{ path, message }`, where the path is a JSON
 * pointer that starts with the request part under its OpenAPI name (`/query/limit`,
 * `/path/id`, `/header/idempotency-key`, `/body/scopes/0`), not Fastify's (`/querystring`,
 * `/params`, `/headers`), and names the field itself when one is missing or unknown.
 */
export interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** A problem body names at most this many fields: enough to fix a request, never megabytes. */
export const MAX_FIELD_PROBLEMS = 20;

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/** RFC 6901: `~` and `/` in a property name are escaped. */
const pointerToken = (name: unknown) => String(name).replaceAll('~', '~0').replaceAll('/', '~1');

function describe(issue: ValidationIssue): { field: string; message: string } {
  switch (issue.keyword) {
    case 'additionalProperties':
      return {
        field: `/${pointerToken(issue.params['additionalProperty'])}`,
        message: 'is not a known property',
      };
    case 'required':
      return { field: `/${pointerToken(issue.params['missingProperty'])}`, message: 'is required' };
    case 'enum': {
      const allowed = (issue.params['allowedValues'] as unknown[] | undefined) ?? [];
      return { field: '', message: `must be one of ${allowed.map(String).join(', ')}` };
    }
    default:
      return { field: '', message: issue.message ?? 'is invalid' };
  }
}

/**
 * A value that fails a union (`anyOf`, e.g. a nullable name) makes Ajv report every branch and
 * then the union: "must not contain NUL…", "must be null", "must match a schema in anyOf". The
 * first says what to fix; the other two are noise, dropped when anything else is left.
 */
function withoutUnionNoise(issues: readonly ValidationIssue[]): readonly ValidationIssue[] {
  const telling = issues.filter(
    (issue) => issue.keyword !== 'anyOf' && !(issue.keyword === 'type' && issue.params['type'] === 'null'),
  );
  return telling.length > 0 ? telling : issues;
}

/** `part` is Fastify's name of the request part (its `validationContext`). */
export function fieldProblems(part: string, issues: readonly ValidationIssue[]): FieldProblem[] {
  const prefix = `/${PART_NAMES[part] ?? part}`;
  return withoutUnionNoise(issues)
    .slice(0, MAX_FIELD_PROBLEMS)
    .map((issue) => {
      const { field, message } = describe(issue);
      return { path: `${prefix}${issue.instancePath}${field}`, message };
    });
}
