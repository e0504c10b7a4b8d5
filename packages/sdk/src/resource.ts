/**
 * Resource methods: the generated table (`[method, path, flags?, query?]` per operationId)
 * becomes `client.<resource>.<verb>(params, options)`, and the types map each operationId to
 * its openapi-typescript operation. One params object holds path and query parameters and,
 * for a JSON object body, the body's fields.
 */
import type { Client } from 'openapi-fetch';
import type { RequestOptions } from './core';
import { type Page, PagePromise } from './pagination';

/** Flags of a table entry; keep in sync with scripts/codegen.ts. */
const LIST = 1;
const JSON_BODY = 2;
const RAW_BODY = 4;
const STREAM = 8;
const BLOB = 16;
const BINARY_BODY = 32;

export type Entry = readonly [method: string, path: string, flags?: number, query?: readonly string[]];

/** Options of a list call. */
export interface ListOptions extends RequestOptions {
  /** Start (or resume) the walk at this cursor, e.g. a persisted `PagePromise.cursor`. */
  startCursor?: string | null;
}

export interface WithResponse<T> {
  data: T;
  response: Response;
  /** `X-Request-Id`: quote it to support. */
  requestId: string | undefined;
  /** `Yorozu-Quota-Remaining` / `Yorozu-Quota-Reset`, on responses that spend quota. */
  quota: { remaining: number; resetsAt: Date | undefined } | undefined;
}

const quotaOf = (headers: Headers): WithResponse<unknown>['quota'] => {
  const remaining = headers.get('yorozu-quota-remaining');
  if (remaining === null) return undefined;
  const reset = headers.get('yorozu-quota-reset');
  const seconds = Number(reset);
  const resetsAt = !reset
    ? undefined
    : new Date(
        Number.isFinite(seconds) ? (seconds > 1e9 ? seconds * 1000 : Date.now() + seconds * 1000) : reset,
      );
  return {
    remaining: Number(remaining),
    resetsAt: resetsAt && !Number.isNaN(resetsAt.getTime()) ? resetsAt : undefined,
  };
};

/** A promise of the response data, plus `.withResponse()` for the raw `Response` and request id. */
export class APIPromise<T> implements PromiseLike<T> {
  private readonly result: Promise<{ data: T; response: Response }>;

  constructor(result: Promise<{ data: T; response: Response }>) {
    this.result = result;
  }

  // biome-ignore lint/suspicious/noThenProperty: an API promise is awaitable by design.
  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result.then((r) => r.data).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  /** The data with the raw `Response`, its request id and the quota headers. */
  withResponse(): Promise<WithResponse<T>> {
    return this.result.then(({ data, response }) => ({
      data,
      response,
      requestId: response.headers.get('x-request-id') ?? undefined,
      quota: quotaOf(response.headers),
    }));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the raw client is typed where it is exposed.
type AnyClient = Client<any>;
type Params = Record<string, unknown>;

/** Sends bytes as they are and everything else as JSON. */
export const serializeBody = (body: unknown): unknown =>
  body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof FormData
    ? body
    : JSON.stringify(body);

/** Calls one table entry through openapi-fetch. */
export function invoke(raw: AnyClient, entry: Entry, params: Params = {}, options: ListOptions = {}) {
  const [method, path, flags = 0, queryNames] = entry;
  for (const [, name] of path.matchAll(/\{([^{}]+)\}/g)) {
    if (params[name!] == null) throw new TypeError(`${method} ${path}: missing path parameter "${name}"`);
  }
  const request = (cursor?: string) => {
    const path_: Params = {};
    const query: Params = {};
    let body: unknown = flags & JSON_BODY ? {} : undefined;
    for (const [key, value] of Object.entries(params)) {
      if (path.includes(`{${key}}`)) path_[key] = value;
      else if (flags & (RAW_BODY | BINARY_BODY) && key === 'body') body = value;
      else if (flags & JSON_BODY && !queryNames?.includes(key)) (body as Params)[key] = value;
      else query[key] = value;
    }
    if (cursor) query.cursor = cursor;
    let headers = options.headers;
    if (flags & BINARY_BODY && !(body instanceof FormData)) {
      // Bytes go as they are: a Blob's own type, else octet-stream, unless the caller sets one.
      if (typeof body === 'string') body = new Blob([body]);
      headers = { 'content-type': (body as Blob).type || 'application/octet-stream', ...headers };
    }
    const parseAs: ParseAs = flags & STREAM ? 'stream' : flags & BLOB ? 'blob' : 'json';
    const init = {
      ...options,
      headers,
      params: { path: path_, query },
      body,
      parseAs,
      stream: !!(flags & STREAM),
    };
    return raw.request(method.toLowerCase() as 'get', path, init) as Promise<{
      data: unknown;
      response: Response;
    }>;
  };
  if (flags & LIST) {
    const start = options.startCursor ?? (params.cursor as string | undefined) ?? undefined;
    return new PagePromise(
      (cursor) =>
        request(cursor).then(({ data, response }) => {
          const page = data as Page<unknown>;
          return { ...page, hasMore: page.nextCursor != null, response };
        }),
      start,
    );
  }
  return new APIPromise(request());
}

/** Builds the nested resource objects from the table. */
export function bind(table: object, call: (entry: Entry, params?: Params, options?: ListOptions) => unknown) {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(table)) {
    out[key] = Array.isArray(node)
      ? (params?: Params, options?: ListOptions) => call(node as unknown as Entry, params, options)
      : bind(node, call);
  }
  return out;
}

// ---- Types: from an openapi-typescript operation to a method signature -------------------

type Simplify<T> = { [K in keyof T]: T[K] } & {};
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

/** The params object of an operation: path and query parameters, and a JSON body's fields. */
export type Input<O> = Simplify<ParamsOf<O> & BodyOf<O>>;

type OkStatus = 200 | 201 | 202 | 203 | 204 | 206;
type SuccessOf<R> = {
  [K in keyof R & OkStatus]: R[K] extends { content: infer C } ? Json<C> : undefined;
}[keyof R & OkStatus];

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
    : Output<O>;

/** A generated method: resolves with the response data. */
export type Method<O, As extends ParseAs = 'json'> = (
  ...args: Args<Input<O>, RequestOptions>
) => APIPromise<Parsed<O, As>>;

/** A generated list method: a page promise over every item. */
export type ListMethod<O> = (...args: Args<Input<O>, ListOptions>) => PagePromise<ItemOf<O>>;
