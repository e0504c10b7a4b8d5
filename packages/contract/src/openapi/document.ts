/**
 * Builds the OpenAPI 3.1 document from the operation table. Deterministic:
 * same table, same bytes (the CI drift check depends on it).
 */
import type { TObject, TSchema } from 'typebox';
import type { OperationDefinition } from '../operation.ts';
import { type ErrorStatus, type ProblemDefinition, problemCodesOf, problems } from '../problems.ts';
import { Problem } from '../schema.ts';
import { ComponentRegistry } from './components.ts';
import { operationDescription } from './description.ts';
import { type HeaderComponent, headerComponents, responseHeaders } from './headers.ts';

export interface DocumentOptions {
  version: string;
  servers: readonly { url: string; description: string }[];
  tags: readonly { name: string; description: string }[];
  /** `info`: the API's own description (Markdown), contact and license. */
  info: {
    description: string;
    contact: { name: string; url: string; email: string };
    license: { name: string; identifier: string };
  };
}

const statusNames: Record<ErrorStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthenticated',
  402: 'QuotaExceeded',
  403: 'Forbidden',
  404: 'NotFound',
  406: 'NotAcceptable',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  416: 'RangeNotSatisfiable',
  422: 'IdempotencyKeyMismatch',
  429: 'RateLimited',
  500: 'Internal',
  503: 'Unavailable',
};

/** An optional credential is an alternative of no requirement (`{}`) and the bearer scheme without a scope. */
function securityOf(auth: OperationDefinition['auth']) {
  if (auth === 'public') return [];
  if (auth === 'optional') return [{}, { bearer: [] }];
  return auth.optional ? [{}, { bearer: [auth.scope] }] : [{ bearer: [auth.scope] }];
}

/** Headers an error response carries besides every response's. */
const errorHeaders: Partial<Record<ErrorStatus, HeaderComponent[]>> = {
  402: ['QuotaRemaining', 'QuotaReset'],
  416: ['ContentRange'],
  429: ['RetryAfter'],
  503: ['RetryAfter'],
};

/** One shared response per error status: its codes from the catalogue, each with its own example. */
function problemResponse(status: ErrorStatus) {
  const codes = problemCodesOf(status);
  return {
    description: codes.map((code) => `\`${code}\`: ${problems[code].description}`).join('\n\n'),
    headers: responseHeaders(errorHeaders[status] ?? []),
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        examples: Object.fromEntries(
          codes.map((code) => {
            const { title, example } = problems[code] as ProblemDefinition;
            const { detail, ...extras } = example;
            const value = {
              type: `https://yorozu.dev/problems/${code}`,
              title,
              status,
              detail,
              code,
              requestId: 'req_5f0c6f2b1d6e4a8f3c2b1a09',
              ...extras,
            };
            return [code, { summary: `${status} ${code}`, value }];
          }),
        ),
      },
    },
  };
}

/** The errors any operation of that shape can return, besides its own. */
export function errorStatuses(operation: OperationDefinition): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([400, 429, 500, 503, ...(operation.errors ?? [])]);
  if (operation.auth === 'optional') statuses.add(401);
  else if (operation.auth !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  if (operation.params) statuses.add(404);
  if (operation.body) statuses.add(413);
  // A JSON body sent as anything else; an upload (`bodyContentTypes`) takes any bytes and sniffs them.
  if (operation.body && !operation.bodyContentTypes) statuses.add(415);
  if (operation.metered) statuses.add(402);
  if (operation.ranged) statuses.add(416);
  if (operation.idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  return [...statuses].sort((a, b) => a - b);
}

function parameters(
  registry: ComponentRegistry,
  location: 'path' | 'query' | 'header',
  schema: TObject | undefined,
) {
  if (!schema) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([name, property]) => {
    // The description and the first example belong to the parameter, where Swagger UI shows them
    // (and fills "Try it out" with the example); the schema keeps the rest.
    const { description, examples, ...rest } = property as { description?: string; examples?: unknown[] };
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(description ? { description } : {}),
      ...(examples?.length ? { example: examples[0] } : {}),
      schema: registry.refOrInline(rest),
    };
  });
}

/**
 * `content` for a body in the given media types (JSON unless the operation says otherwise,
 * for uploads, downloads and event streams), all with the same schema.
 */
function content(registry: ComponentRegistry, schema: TSchema, mediaTypes = ['application/json']) {
  const described = registry.refOrInline(schema);
  return Object.fromEntries(mediaTypes.map((mediaType) => [mediaType, { schema: described }]));
}

function operationObject(registry: ComponentRegistry, operation: OperationDefinition) {
  const { success } = operation;
  const successResponse = {
    description: success.description,
    headers: responseHeaders([
      ...(operation.conditional ? (['ETag'] as const) : []),
      ...(operation.metered ? (['QuotaRemaining', 'QuotaReset'] as const) : []),
      ...(operation.idempotent ? (['IdempotentReplayed'] as const) : []),
      ...(operation.ranged ? (['AcceptRanges'] as const) : []),
      ...(success.headers ?? []),
    ]),
    ...(success.schema ? { content: content(registry, success.schema, success.contentTypes?.slice()) } : {}),
  };
  const responses: Record<string, unknown> = { [success.status]: successResponse };
  if (operation.alternativeSuccess) {
    const { status, description } = operation.alternativeSuccess;
    responses[status] = { ...successResponse, description };
  }
  if (operation.ranged) {
    responses['206'] = {
      ...successResponse,
      description: 'Partial content: the one byte range `Range` asked for, which `Content-Range` names.',
      headers: { ...successResponse.headers, ...responseHeaders(['ContentRange']) },
    };
  }
  if (operation.conditional) {
    responses['304'] = {
      description: 'Not modified: `If-None-Match` names the current `ETag`; no body.',
      headers: responseHeaders(['ETag']),
    };
  }
  for (const status of errorStatuses(operation)) {
    responses[status] = { $ref: `#/components/responses/${statusNames[status]}` };
  }
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: operationDescription(operation),
    // OpenAPI 3.1 allows scopes in the requirement of any scheme: Swagger UI and the reference show them.
    security: securityOf(operation.auth),
    parameters: [
      ...parameters(registry, 'path', operation.params),
      ...parameters(registry, 'query', operation.query),
      ...parameters(registry, 'header', operation.headers),
      ...(operation.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
      ...(operation.conditional ? [{ $ref: '#/components/parameters/IfNoneMatch' }] : []),
      ...(operation.ranged
        ? [{ $ref: '#/components/parameters/Range' }, { $ref: '#/components/parameters/IfRange' }]
        : []),
    ],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: content(registry, operation.body, operation.bodyContentTypes?.slice()),
          },
        }
      : {}),
    responses,
    ...(operation.internal ? { 'x-internal': true } : {}),
  };
}

export function buildDocument(operations: readonly OperationDefinition[], options: DocumentOptions) {
  const registry = new ComponentRegistry();
  registry.refOrInline(Problem);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: operationObject(registry, operation),
    };
  }
  const problemResponses = Object.fromEntries(
    (Object.keys(statusNames) as unknown as ErrorStatus[]).map((status) => [
      statusNames[status],
      problemResponse(Number(status) as ErrorStatus),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Yorozu API',
      version: options.version,
      ...options.info,
    },
    servers: options.servers,
    tags: options.tags,
    paths,
    components: {
      schemas: Object.fromEntries([...registry.schemas.entries()].sort(([a], [b]) => a.localeCompare(b))),
      responses: problemResponses,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes retries safe: a replay within 24 h with the same credential returns the first response; from another ' +
            'credential it is a new request. The same key with another request is 422, and while the first is still running, 409. ' +
            'Printable ASCII, 1 to 255 characters; a UUID is a good choice.',
          example: '5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The `ETag` of a copy you hold: answered 304 Not Modified while it is current.',
          example: '"q3Lh8xV2m0Zc9yT4pNwA1b"',
          schema: { type: 'string' },
        },
        Range: {
          name: 'Range',
          in: 'header',
          required: false,
          description:
            'One byte range (RFC 9110, 14.1.2): `bytes=<first>-<last>`, `bytes=<first>-` or the last n bytes, ' +
            '`bytes=-<n>`; answered 206 with those bytes (`last` is clipped to the end), 416 when `first` is at or ' +
            'past the end. Several ranges, another unit or a malformed value get the whole file (200).',
          example: 'bytes=0-1023',
          schema: { type: 'string', maxLength: 200 },
        },
        IfRange: {
          name: 'If-Range',
          in: 'header',
          required: false,
          description:
            'The `ETag` of the copy a partial download continues: the range is served only while it is current, ' +
            'else the whole file (200). A date never matches (files have no `Last-Modified`).',
          example: '"q3Lh8xV2m0Zc9yT4pNwA1b"',
          schema: { type: 'string', maxLength: 200 },
        },
      },
      headers: headerComponents,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An access token from auth.login / auth.refresh, or an API key (`yz_…`).',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildDocument>;
