/**
 * Building blocks every module's schemas share: ids, timestamps, the problem
 * body (RFC 9457), the page envelope and `named()`, which marks a schema as an
 * OpenAPI component. The spec builder turns each titled schema into a
 * `components/schemas` entry and a `$ref`; Fastify gets the same objects inline.
 */
import Type, { type TProperties, type TSchema, type TSchemaOptions } from 'typebox';
import { ProblemCodeSchema } from './problems.ts';

export interface ComponentDocs<T> {
  description: string;
  example: T;
}

/** Names a schema: it becomes `components/schemas/<title>` in the spec. */
export function named<T extends TSchema>(title: string, schema: T, docs: ComponentDocs<Type.Static<T>>): T {
  return Object.assign(schema, { title, description: docs.description, examples: [docs.example] });
}

/**
 * A closed set of strings, declared with `type: "string"` beside its `enum`: without a type,
 * Swagger UI shows the field as "any", and validators cannot check the type first (Ajv then
 * compares the items of a `uniqueItems` array pairwise instead of by hash).
 *
 * `meanings` describes each value: they become `x-enumDescriptions` (value → text, the extension
 * Redocly and Scalar render as a table: https://redocly.com/docs/realm/content/api-docs/openapi-extensions/x-enum-descriptions)
 * and a list after the description, which Swagger UI shows and the SDK's types carry as JSDoc.
 */
export function StringEnum<const Values extends string[]>(
  values: readonly [...Values],
  options: TSchemaOptions = {},
  meanings?: Readonly<Record<Values[number], string>>,
) {
  if (!meanings) return Type.Enum(values, { ...options, type: 'string' });
  const list = values.map((value) => `- \`${value}\`: ${meanings[value as Values[number]]}`).join('\n');
  return Type.Enum(values, {
    ...options,
    type: 'string',
    description: options.description ? `${options.description}\n\n${list}` : list,
    'x-enumDescriptions': meanings,
  });
}

/** A UUID. Say which resource it names where it is used: `Id('The API key's id.')`. */
export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time', description: 'An RFC 3339 timestamp in UTC.' });

/**
 * 9999-12-31T23:59:59Z in Unix seconds: RFC 3339 (section 5.6) writes years with four digits,
 * so a Unix time past this has no RFC 3339 form (nor a PostgreSQL `timestamptz` we could store).
 */
export const LAST_RFC3339_SECOND = 253_402_300_799;

/** An id property or parameter, described by the resource it names. */
export function Id(description: string, example?: string) {
  return Type.String({ format: 'uuid', description, ...(example ? { examples: [example] } : {}) });
}

/** The `{id}` path parameter of an operation on one `resource` (e.g. 'API key'). */
export function IdParams(resource: string, example: string) {
  return Type.Object({ id: Id(`The ${resource}'s id.`, example) }, { additionalProperties: false });
}

/**
 * Raw bytes, for an upload body (`bodyContentTypes`) or a download (`success.contentTypes`):
 * `format: binary`, which openapi-typescript and openapi-fetch type as a string/Blob.
 */
export const Binary = Type.Unsafe<Uint8Array>({
  type: 'string',
  format: 'binary',
  description: 'Raw bytes.',
});

/**
 * How every list pages, said once: the API description shows it and every list operation
 * points at it (docs/architecture.md, Pagination).
 */
export const PAGINATION =
  'List operations answer one page at a time, `{ data, nextCursor }`. `limit` sets the page size, from 1 to 100 ' +
  '(default 20). Items come newest first (by creation time, then id) unless the operation says otherwise. ' +
  'For the next page, repeat the request with `cursor` set to the `nextCursor` you received; on the last page ' +
  '`nextCursor` is `null`. Paging is by position, not by offset: items created while you page never shift a page or ' +
  'appear twice. Cursors are opaque: do not build, parse or store them for long. A cursor is a position in the ' +
  'list it came from, so keep the filters (the other query parameters) unchanged while paging; a malformed cursor, ' +
  "or one from another list, is 400 `invalid_cursor`. A cursor never reaches beyond the caller's own data.";

/** `limit` 1..100 (default 20) and an opaque `cursor` (docs/architecture.md, Pagination). */
export const PageQueryProperties = {
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 20,
      description: 'Page size, 1 to 100 (default 20).',
      examples: [20],
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 512,
      pattern: '^[A-Za-z0-9_-]+$',
      description:
        'The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.',
      examples: [
        'WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd',
      ],
    }),
  ),
};

export function PageQuery<P extends TProperties>(filters: P = {} as P) {
  return Type.Object({ ...PageQueryProperties, ...filters }, { additionalProperties: false });
}

export function Page<T extends TSchema>(title: string, item: T, example: Type.Static<T>) {
  const page = Type.Object({
    data: Type.Array(item, { description: 'This page of items, at most `limit` of them.' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` to get the next page; null on the last page.',
    }),
  });
  const itemName = (item as { title?: string }).title ?? 'items';
  // The generic item type defeats TypeBox's inference of the example; its shape is checked by the callers' types.
  const docs = {
    description: `A page of ${itemName} objects.`,
    example: { data: [example], nextCursor: null },
  };
  return named(title, page, docs as ComponentDocs<Type.Static<typeof page>>);
}

export const FieldProblem = named(
  'FieldProblem',
  Type.Object({
    path: Type.String({
      description:
        'JSON pointer to the offending field, led by the request part as this document names it: `/body/email`, `/query/limit`, `/path/id`, `/header/idempotency-key`. A missing or unknown property is named by its own pointer.',
    }),
    message: Type.String({
      description:
        'What is wrong with the field, e.g. `is required`, or for an enum the values it allows: `must be one of fire, water, …`.',
    }),
  }),
  {
    description: 'One invalid field of a request.',
    example: { path: '/body/email', message: 'must match format "email"' },
  },
);

export const QuotaState = named(
  'QuotaState',
  Type.Object({
    product: Type.String({ description: 'The product the quota belongs to, e.g. `studio`.' }),
    metric: Type.String({ description: 'What the product meters, e.g. `credits` or `images`.' }),
    limit: Type.Union([Type.Integer(), Type.Null()], {
      description: "The plan's limit for the period; null when unlimited.",
    }),
    used: Type.Integer({ description: 'How much of the limit this period has used.' }),
    resetsAt: Type.String({
      format: 'date-time',
      description: 'When the period ends and `used` starts again from 0 (RFC 3339, UTC).',
    }),
  }),
  {
    description: 'A metered quota at the moment of the request.',
    example: {
      product: 'studio',
      metric: 'credits',
      limit: 5,
      used: 5,
      resetsAt: '2026-12-01T00:00:00.000Z',
    },
  },
);

export const Problem = named(
  'Problem',
  Type.Object({
    type: Type.String({ description: 'A URI naming the problem type.' }),
    title: Type.String({
      description: 'A short summary of the problem type, the same for every occurrence.',
    }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status code, repeated.' }),
    detail: Type.String({ description: 'What went wrong with this request, for a human.' }),
    code: ProblemCodeSchema,
    requestId: Type.String({
      description: 'The request id (also in `X-Request-Id`): quote it to support, it finds the log lines.',
    }),
    errors: Type.Optional(
      Type.Array(FieldProblem, { description: 'With `validation_failed`: one entry per invalid field.' }),
    ),
    quota: Type.Optional(QuotaState),
  }),
  {
    description: 'An RFC 9457 problem details body, returned with every error.',
    example: {
      type: 'https://yorozu.dev/problems/not_found',
      title: 'Not Found',
      status: 404,
      detail: 'No api key with that id.',
      code: 'not_found',
      requestId: 'req_5f0c6f2b1d6e4a8f',
    },
  },
);
