/**
 * Resource methods: the generated table (`[method, path, flags?, query?]` per operationId)
 * becomes `client.<resource>.<verb>(params, options)`, and the types map each operationId to
 * its openapi-typescript operation. One params object holds path and query parameters and,
 * for a JSON object body, the body's fields.
 */
import { type Outgoing, type RequestOptions, textOf, unread } from './core';
import { InvalidResponseError, UsageError } from './errors';
import { type Page, PagePromise } from './pagination';

/** Flags of a table entry; keep in sync with scripts/codegen.ts. */
const LIST = 1;
const JSON_BODY = 2;
const RAW_BODY = 4;
const STREAM = 8;
const BLOB = 16;
const BINARY_BODY = 32;
const NO_CONTENT = 64;
const REDIRECT = 128;

export type Entry = readonly [method: string, path: string, flags?: number, query?: readonly string[]];

/** Options of a list call. */
export interface ListOptions extends RequestOptions {
  /**
   * Start (or resume) the walk here: a persisted `PagePromise.cursor`. `null` or left out starts
   * from the beginning; `PagePromise.DONE` walks nothing.
   */
  startCursor?: string | null | undefined;
}

/** The `X-Request-Id` of the response a result came from: quote it to support. */
export interface RequestIdentified {
  /** The `X-Request-Id` of the response (not enumerable: JSON and spreads leave it out). */
  readonly _requestId?: string | undefined;
}

/** A JSON result with its request id; bytes, streams and `undefined` stay as they are. */
export type WithRequestId<T> = T extends Blob | ReadableStream
  ? T
  : T extends object
    ? T & RequestIdentified
    : T;

export interface WithResponse<T> {
  data: T;
  response: Response;
  /** `X-Request-Id`: quote it to support. */
  requestId: string | undefined;
  /**
   * `Yorozu-Quota-Remaining` / `Yorozu-Quota-Reset`, on responses that spend quota;
   * `remaining` is null on an unlimited plan (the header is left out then).
   */
  quota: { remaining: number | null; resetsAt: Date | undefined } | undefined;
}

/**
 * What a 304 resolves with: `If-None-Match` named the current `ETag`, so the copy you have is
 * still good. Typed into the result of calls with `ifNoneMatch` to operations whose spec
 * declares a 304.
 */
export class NotModified {
  readonly status = 304;
  /** The current `ETag`. */
  readonly etag: string | undefined;
  /** The `X-Request-Id` of the response. */
  readonly requestId: string | undefined;
  constructor(response: Response) {
    this.etag = response.headers.get('etag') ?? undefined;
    this.requestId = response.headers.get('x-request-id') ?? undefined;
  }
}

const integer = (value: string | null) =>
  value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;

const quotaOf = (headers: Headers): WithResponse<unknown>['quota'] => {
  const remaining = headers.get('yorozu-quota-remaining');
  const reset = headers.get('yorozu-quota-reset');
  if (remaining === null && reset === null) return undefined;
  const seconds = Number(reset);
  const resetsAt = !reset
    ? undefined
    : new Date(
        Number.isFinite(seconds) ? (seconds > 1e9 ? seconds * 1000 : Date.now() + seconds * 1000) : reset,
      );
  return {
    remaining: integer(remaining),
    resetsAt: resetsAt && !Number.isNaN(resetsAt.getTime()) ? resetsAt : undefined,
  };
};

export interface Result<T> {
  data: T;
  response: Response;
}

/** `.withResponse()` from a result. */
export const withResponse = <T>({ data, response }: Result<T>): WithResponse<T> => ({
  data,
  response,
  requestId: response.headers.get('x-request-id') ?? undefined,
  quota: quotaOf(response.headers),
});

/** The executor of every `APIPromise`'s base promise, made once rather than per call. */
const settled = (resolve: (value: never) => void) => resolve(undefined as never);

/**
 * A real `Promise` of the response data (`instanceof Promise`, assignable to `Promise<T>`),
 * plus `.withResponse()` and `.asResponse()`. The request is sent when the method is called.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<Result<T>>;

  constructor(result: Promise<Result<T>>) {
    // The settled value of the base promise is never observed: then/catch/finally read #result.
    super(settled);
    this.#result = result;
  }

  // Derived promises (then, catch) are plain Promises, not APIPromises.
  static override get [Symbol.species]() {
    return Promise;
  }

  // biome-ignore lint/suspicious/noThenProperty: an API promise is awaitable by design.
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    // One derived promise rather than two: as `.then((r) => r.data).then(f, g)`, since reading
    // `data` cannot throw (a throwing `f` still rejects the result, never calls `g`).
    return this.#result.then(
      (r) => (typeof onfulfilled === 'function' ? onfulfilled(r.data) : (r.data as unknown as A)),
      onrejected,
    );
  }

  override catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  /** The data with the raw `Response`, its request id and the quota headers. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#result.then(withResponse);
  }

  /** The raw `Response`, unread (its body is a fresh copy), without parsing anything. */
  asResponse(): Promise<Response> {
    return this.#result.then((r) => unread(r.response));
  }
}

type Params = Record<string, unknown>;

/** What a resource call needs of its client: where to send, the client's headers, and `send`. */
export interface Transport {
  baseUrl: string;
  headers?: Record<string, string> | undefined;
  /** Resolves with the response, its body read into `responseBytes` (core.ts `send`). */
  send(out: Outgoing): Promise<Response>;
}

const PARAM = /\{([^{}]+)\}/g;
const encode = (value: unknown) => encodeURIComponent(value as string);

/**
 * The URL of a call, encoded as openapi-fetch's defaults encode it (so `@yorozu/sdk/raw` and
 * the resource methods agree): path parameters percent-encoded in place; query arrays exploded
 * (`tag=a&tag=b`), objects as `deepObject` (`filter[status]=active`), null and undefined left
 * out. Written here rather than imported, so the default entry does not carry openapi-fetch.
 */
export function urlFor(baseUrl: string, path: string, pathParams: Params, query: Params): string {
  const search: string[] = [];
  for (const key in query) {
    const value = query[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item != null && typeof item === 'object') {
        for (const [sub, x] of Object.entries(item))
          if (x != null) search.push(`${key}[${sub}]=${encode(x)}`);
      } else if (item != null) search.push(`${key}=${encode(item)}`);
    }
  }
  const url = path.replace(PARAM, (_, name: string) => encode(pathParams[name]));
  return `${baseUrl}${url}${search.length ? `?${search.join('&')}` : ''}`;
}

/** Sends bytes as they are and everything else as JSON. */
export const serializeBody = (body: unknown): unknown =>
  body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof FormData
    ? body
    : JSON.stringify(body);

const identify = <T>(data: T, response: Response, flags: number): T => {
  if (data && typeof data === 'object' && !(flags & (BLOB | STREAM))) {
    Object.defineProperty(data, '_requestId', {
      value: response.headers.get('x-request-id') ?? undefined,
      enumerable: false,
      configurable: true,
    });
  }
  return data;
};

/** The JSON a 2xx carries, or an `InvalidResponseError` for a body that is not what the spec says. */
function parseJson(response: Response, flags: number): unknown {
  if (flags & NO_CONTENT || response.status === 204) return undefined;
  const text = textOf(response);
  if (text === '') {
    throw new InvalidResponseError('Empty body, JSON expected', response);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new InvalidResponseError(`Invalid JSON (${type})`, response, cause);
  }
}

/** The first path parameter of `path` that `params` leaves out (or sets to null). */
const missingParam = (path: string, params: Params) =>
  [...path.matchAll(PARAM)].find(([, name]) => params[name!] == null)?.[1];

/** Calls one table entry: builds the URL, headers and body, and hands them to the transport. */
export function invoke(transport: Transport, entry: Entry, params: Params = {}, options: ListOptions = {}) {
  const [method, path, flags = 0, queryNames] = entry;
  // Most paths have no parameter: they skip the pattern (and the copy of it `matchAll` makes).
  const templated = path.includes('{');
  const missing = templated && missingParam(path, params);
  const request = async (cursor?: string): Promise<Result<unknown>> => {
    if (missing) throw new UsageError(`${method} ${path}: missing path parameter "${missing}"`);
    const path_: Params = {};
    const query: Params = {};
    let body: unknown = flags & JSON_BODY ? {} : undefined;
    for (const key of Object.keys(params)) {
      const value = params[key];
      if (templated && path.includes(`{${key}}`)) path_[key] = value;
      else if (flags & (RAW_BODY | BINARY_BODY) && key === 'body') body = value;
      else if (flags & JSON_BODY && !queryNames?.includes(key)) (body as Params)[key] = value;
      else query[key] = value;
    }
    if (cursor) query.cursor = cursor;
    let headers = options.ifNoneMatch
      ? { 'if-none-match': options.ifNoneMatch, ...options.headers }
      : options.headers;
    if (flags & BINARY_BODY && !(body instanceof FormData)) {
      // Bytes go as they are: a Blob's own type, else octet-stream, unless the caller sets one.
      if (typeof body === 'string') body = new Blob([body]);
      headers = { 'content-type': (body as Blob).type || 'application/octet-stream', ...headers };
    }
    // A download takes whatever type the file has: the API answers 406 to an Accept that excludes it.
    if (flags & BLOB) headers = { accept: '*/*', ...headers };
    const serialized = body === undefined ? undefined : (serializeBody(body) as BodyInit);
    // As openapi-fetch does: JSON unless there is no body or it is FormData (whose boundary the
    // runtime sets); then the client's headers, then the call's (an undefined value is left out).
    // `set` rather than a record passed to the constructor, which converts the record more slowly.
    const merged = new Headers();
    if (serialized !== undefined && !(serialized instanceof FormData))
      merged.set('content-type', 'application/json');
    if (transport.headers || headers)
      for (const [key, value] of Object.entries({ ...transport.headers, ...headers }))
        if (value !== undefined) merged.set(key, value);
    const response = await transport.send({
      ...options,
      method,
      url: urlFor(transport.baseUrl, path, path_, query),
      headers: merged,
      // JSON goes as the string, as a plain `fetch` sends it: `fetch` encodes it on each attempt,
      // which costs less than encoding it here and having `fetch` copy the bytes.
      body: serialized,
      stream: !!(flags & STREAM),
    });
    if (response.status === 304) return { data: new NotModified(response), response };
    const data =
      flags & STREAM
        ? response.body
        : flags & BLOB
          ? await unread(response).blob()
          : parseJson(response, flags);
    return { data: identify(data, response, flags), response };
  };
  if (flags & LIST) {
    const start = options.startCursor ?? (params.cursor as string | undefined) ?? null;
    return new PagePromise(
      (cursor) =>
        request(cursor ?? undefined).then(({ data, response }) => {
          const page = data as Page<unknown>;
          return identify({ ...page, hasMore: page.nextCursor != null, response }, response, 0);
        }),
      start,
    );
  }
  return new APIPromise(request());
}

/**
 * The absolute URL of a redirect operation (an OAuth sign-in's start), for a browser to open:
 * path parameters encoded into the path, the others as the query string.
 */
export function urlOf(baseUrl: string, entry: Entry, params: Params = {}): string {
  const [method, path] = entry;
  const pathParams: Params = {};
  const query: Params = {};
  for (const [key, value] of Object.entries(params))
    (path.includes(`{${key}}`) ? pathParams : query)[key] = value;
  const missing = missingParam(path, params);
  if (missing) throw new UsageError(`${method} ${path}: missing path parameter "${missing}"`);
  return urlFor(baseUrl, path, pathParams, query);
}

/** Whether a table entry is a redirect, whose member builds a URL rather than fetching. */
export const isRedirect = (entry: Entry) => ((entry[2] ?? 0) & REDIRECT) !== 0;

/**
 * The entry a table's `0` stands for, from the member's names: `a.bC.list` is `GET /v1/a/b-c`
 * (paginated), `create` a POST there with a JSON body, `get` / `update` / `delete` a GET /
 * PATCH (JSON body) / DELETE (no content) of `…/{id}`. The generator writes `0` only where
 * this gives the operation's own entry. Keep in sync with scripts/codegen.ts.
 */
export function conventional(verb: string, names: string[]): Entry {
  const path = `/v1/${names.map((name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('/')}`;
  const item = verb !== 'list' && verb !== 'create';
  return [
    { list: 'GET', create: 'POST', get: 'GET', update: 'PATCH' }[verb] ?? 'DELETE',
    item ? `${path}/{id}` : path,
    { list: LIST, create: JSON_BODY, update: JSON_BODY, delete: NO_CONTENT }[verb] ?? 0,
  ];
}

/** Builds the nested resource objects from the table. */
export function bind(
  table: object,
  call: (entry: Entry, params?: Params, options?: ListOptions) => unknown,
  names: string[] = [],
) {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(table)) {
    const entry = node === 0 ? conventional(key, names) : node;
    out[key] = Array.isArray(entry)
      ? (params?: Params, options?: ListOptions) => call(entry as unknown as Entry, params, options)
      : bind(node, call, [...names, key]);
  }
  return out;
}

// ---- Types: from an openapi-typescript operation to a method signature -------------------

type Part<T> = [NonNullable<T>] extends [never] ? unknown : NonNullable<T>;
type Json<C> = C[Extract<keyof C, `${string}json`>];
type Primitive = readonly unknown[] | string | number | boolean | null;

type ParamsOf<O> = O extends { parameters: infer P }
  ? Part<P extends { path?: infer X } ? X : never> & Part<P extends { query?: infer X } ? X : never>
  : unknown;

/** What a non-JSON request body (an upload) may be. */
export type BinaryBody = Blob | ArrayBuffer | Uint8Array | string | FormData;

type BodyOf<O> = O extends { requestBody?: never }
  ? unknown
  : O extends { requestBody?: { content: infer C } }
    ? [Json<C>] extends [never]
      ? { body: BinaryBody }
      : Json<C> extends Primitive
        ? { body: Json<C> }
        : Json<C>
    : unknown;

type Leaf = Blob | ArrayBuffer | ArrayBufferView | FormData | Date;
// biome-ignore lint/complexity/noBannedTypes: `{} extends Pick<T, K>` holds exactly when K is optional.
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/**
 * Every optional property also takes `undefined`, at every depth, so params built from
 * possibly-undefined values compile under `exactOptionalPropertyTypes` (the SDK leaves
 * `undefined` fields out of the request).
 */
export type Loose<T> = T extends Leaf | Primitive
  ? T extends readonly (infer I)[]
    ? T extends unknown[]
      ? Loose<I>[]
      : readonly Loose<I>[]
    : T
  : T extends object
    ? // Mapped over `keyof T` itself (homomorphic): each property keeps its optionality and its
      // declaration, so an editor's hover still shows the spec's description of it.
      { [K in keyof T]: K extends OptionalKeys<T> ? Loose<T[K]> | undefined : Loose<T[K]> }
    : T;

/** The params object of an operation: path and query parameters, and a JSON body's fields. */
export type Input<O> = Loose<ParamsOf<O> & BodyOf<O>>;

type OkStatus = 200 | 201 | 202 | 203 | 204 | 206;
type SuccessOf<R> = {
  [K in keyof R & OkStatus]: R[K] extends { content: infer C } ? Json<C> : undefined;
}[keyof R & OkStatus];
/** Whether the operation declares a 304 (it answers `If-None-Match`). */
type Conditional<O> = O extends { responses: { 304: unknown } } ? true : false;

/** The parsed 2xx body of an operation (`undefined` for 204). */
export type Output<O> = O extends { responses: infer R }
  ? [SuccessOf<R>] extends [never]
    ? unknown
    : SuccessOf<R>
  : unknown;

/** The item type of a list operation's `data`. */
export type ItemOf<O> = Output<O> extends { data: readonly (infer I)[] } ? I : never;

// biome-ignore lint/complexity/noBannedTypes: `{} extends I` holds when I has no required key.
type Args<I, Options> = {} extends I ? [params?: I, options?: Options] : [params: I, options?: Options];

/** How a method reads its 2xx body: JSON (typed from the spec), a Blob, or the raw stream (SSE). */
export type ParseAs = 'json' | 'blob' | 'stream';

type Parsed<O, As extends ParseAs> = As extends 'blob'
  ? Blob
  : As extends 'stream'
    ? ReadableStream<Uint8Array>
    : WithRequestId<Output<O>>;

type Plain<O, As extends ParseAs> = (...args: Args<Input<O>, RequestOptions>) => APIPromise<Parsed<O, As>>;

/**
 * A generated method: resolves with the response data. Where the spec declares a 304, a call
 * with `ifNoneMatch` may resolve with `NotModified` instead.
 */
export type Method<O, As extends ParseAs = 'json'> =
  Conditional<O> extends true
    ? {
        (
          params: Input<O>,
          options: RequestOptions & { ifNoneMatch: string | undefined },
        ): APIPromise<Parsed<O, As> | NotModified>;
        (...args: Args<Input<O>, RequestOptions>): APIPromise<Parsed<O, As>>;
      }
    : Plain<O, As>;

/** A generated URL helper: the URL of a redirect operation, for a browser to open. */
export type UrlMethod<O> = (...args: Args<Input<O>, never>) => string;

/** A generated list method: a page promise over every item. */
export type ListMethod<O> = (...args: Args<Input<O>, ListOptions>) => PagePromise<ItemOf<O>>;
