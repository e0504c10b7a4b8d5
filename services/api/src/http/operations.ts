/**
 * Binds contract operations to handlers, so a route cannot drift from its
 * spec entry: method, path and schemas all come from the operation table.
 *
 * Every request of an operation runs the named stages of http/operation-stages.ts over one
 * request state: the credential's shape (and an access token's signature), then one database
 * transaction whose first statement authenticates and binds it to the account (SET LOCAL, RLS),
 * the scope check, the Idempotency-Key claim, the handler, the audit row, the stored idempotent
 * response and last the handler's quota spends (`spendAtCommit`: the statement that locks the
 * account's quota counter comes just before COMMIT) — all committed together, or not at all.
 *
 * A request is four round trips on one connection: START TRANSACTION, the
 * credential + binding, the handler's statement(s), COMMIT (measured by bench/list-endpoint.ts).
 * A read-only operation bound with `readOperation` is one: its statement calls a plpgsql
 * function that authenticates, checks the scope, binds the account and then reads, as its own
 * transaction (docs/architecture.md, How a request runs). Folding the binding into the query's
 * own SELECT list instead would rely on the planner evaluating set_config before the RLS policy
 * reads it, which PostgreSQL does not promise; inside a function the order is the code's.
 */
import { type Readable, Transform } from 'node:stream';
import type {
  OperationBody,
  OperationDefinition,
  OperationHeaders,
  OperationParams,
  OperationQuery,
  OperationResult,
} from '@yorozu/contract';
import {
  errorCodes,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import type { DatabasePool, DatabaseTransactionConnection } from 'slonik';
import Type from 'typebox';
import type { RecordChanges } from '../kernel/audit.ts';
import type { Caller, Credential } from '../kernel/auth/authenticate.ts';
import { KnownCallers } from '../kernel/auth/known-callers.ts';
import type { Principal } from '../kernel/auth/principal.ts';
import { DomainError } from '../kernel/errors.ts';
import { discardUpload, type FileBody, spoolUpload } from '../kernel/files/index.ts';
import type { SpendAtCommit } from '../kernel/metering/index.ts';
import { readsOnly, runRead, runStages, writesOwnReply } from './operation-stages.ts';
import { serializationSchema } from './serialization.ts';

type PrincipalOf<O extends OperationDefinition> = O['auth'] extends 'public' | 'optional' | { optional: true }
  ? Principal | null
  : Principal;

export interface OperationContext<O extends OperationDefinition> {
  params: OperationParams<O>;
  query: OperationQuery<O>;
  headers: OperationHeaders<O>;
  /**
   * For an upload (`bodyContentTypes`), the raw bytes: a Buffer, or past a few hundred KiB an
   * upload spooled to a temporary file (kernel/files/spool.ts), removed when the request ends.
   */
  body: OperationBody<O>;
  principal: PrincipalOf<O>;
  db: DatabaseTransactionConnection;
  request: FastifyRequest;
  /**
   * For public operations that establish who is calling (signup, login,
   * refresh, logout): binds the transaction and the audit row to the account.
   */
  actAs(principal: Principal): Promise<void>;
  /**
   * Runs fn with the transaction bound to another account, then binds it back
   * to the caller (or to none): for an admin acting on an account, or a
   * webhook writing to the account an event names, without becoming its
   * actor. The audit row stays the caller's: the trail shows who acted on the account.
   */
  withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T>;
  /** The audited resource id, when it is neither the `{id}` parameter nor the result's `id`. */
  auditResourceId(id: string): void;
  /**
   * Records what the request changed on its audit row: the resource before and after (rows in
   * the API's shape, null for "did not exist"); their difference is stored, secrets left out
   * (src/kernel/audit.ts). The last call wins.
   */
  auditChanges: RecordChanges;
  /**
   * Checks a quota spend now and makes it as the transaction's last statement, after the
   * handler's work, the audit row and the stored response, so the account's quota counter is
   * locked only until COMMIT; over the limit, that statement fails the request with 402 and
   * everything the handler wrote rolls back. The returned ledger id may be written into rows
   * first (their foreign keys to the ledger are deferred to COMMIT). The binder sets the
   * response's quota headers.
   */
  spendAtCommit: SpendAtCommit;
  /** Answers with the operation's `alternativeSuccess` status instead of `success.status`, e.g. 201 for a sticker served from the prompt cache. */
  useAlternativeSuccess(): void;
}

/**
 * What the handler of a non-JSON operation (`success.contentTypes`: a file, an
 * event stream; or a 302 redirect) returns instead of a body: it writes the reply itself, and is
 * called after the transaction has committed, so a long stream holds no
 * transaction (or connection) open.
 */
export type ReplyWriter = (reply: FastifyReply) => FastifyReply | Promise<FastifyReply>;

type WritesOwnReply<O extends OperationDefinition> = O['success'] extends { contentTypes: readonly string[] }
  ? true
  : O['success'] extends { status: 302 }
    ? true
    : false;

export type OperationHandler<O extends OperationDefinition> = (
  context: OperationContext<O>,
) => Promise<WritesOwnReply<O> extends true ? ReplyWriter : OperationResult<O>>;

declare module 'fastify' {
  interface FastifyContextConfig {
    operationId?: string;
  }
  interface FastifyInstance {
    operation<O extends OperationDefinition>(
      operation: O,
      handler: OperationHandler<O>,
      options?: RouteExtras,
    ): void;
    /**
     * Binds a read-only operation whose one statement authenticates the caller, checks the scope,
     * binds the account and reads, outside any explicit transaction: one round trip
     * (docs/architecture.md, How a request runs).
     */
    readOperation<O extends OperationDefinition>(operation: O, read: OneStatementRead<O>): void;
    /** Who credentials were when the database last bound them (kernel/auth/known-callers.ts). */
    knownCallers: KnownCallers;
  }
}

/** What a one-statement read is given: the request's validated parts, the pool and the credential. */
export interface ReadContext<O extends OperationDefinition> {
  params: OperationParams<O>;
  query: OperationQuery<O>;
  headers: OperationHeaders<O>;
  request: FastifyRequest;
  /** The pool itself: the read's statement is its own transaction. */
  db: DatabasePool;
  credential: Credential;
  /** The operation's scope, which the statement checks. */
  scope: string;
}

/** Whom the statement authenticated (null for an unknown credential), and the response body. */
export interface ReadOutcome<O extends OperationDefinition> {
  caller: Caller | null;
  result: OperationResult<O>;
}

export type OneStatementRead<O extends OperationDefinition> = (
  context: ReadContext<O>,
) => Promise<ReadOutcome<O>>;

export interface RouteExtras {
  /** Extra Fastify route config, e.g. a stricter rate limit. */
  config?: Record<string, unknown>;
  /** The route's own body limit in bytes, e.g. an upload's (FILE_MAX_BYTES). */
  bodyLimit?: number;
  /**
   * An upload's limit by what its first bytes are (`limitOf` is given the first
   * `headBytes`, or the whole body when shorter): checked while the body streams in, so
   * an image over its limit is refused at its limit, not buffered up to `bodyLimit`.
   */
  uploadLimit?: { headBytes: number; limitOf(head: Buffer): { limit: number; refusal: Error } };
}

const NoQuery = Type.Object({}, { additionalProperties: false });

function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

type RunRequest = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** Registers the operation's route on `scope`, with its schemas from the contract, answered by `run`. */
function bindRoute(
  scope: FastifyInstance,
  operation: OperationDefinition,
  extras: RouteExtras,
  run: RunRequest,
) {
  const { success } = operation;
  const ownReply = writesOwnReply(operation);
  const uploads = operation.bodyContentTypes !== undefined;
  if (ownReply && operation.idempotent) {
    // A replay returns the stored body; a reply written by the handler leaves none to store.
    throw new Error(`${operation.operationId}: an operation that writes its own reply cannot be idempotent.`);
  }
  if (typeof operation.auth === 'string' && operation.idempotent) {
    // Stored responses are bound to the credential that made the request: a public one has none.
    throw new Error(`${operation.operationId}: a public operation cannot be idempotent.`);
  }
  const responses: Record<number, unknown> = {};
  // Non-JSON responses are written by the handler: no schema to serialise them with.
  const schema = success.schema && serializationSchema(success.schema);
  if (schema && !ownReply) responses[success.status] = schema;
  const alternative = operation.alternativeSuccess;
  if (alternative && schema) responses[alternative.status] = schema;
  // `scope` (the decorator's `this`): the route joins the calling plugin's context, so an encapsulated
  // plugin's content-type parsers and hooks apply to it (the Stripe webhook
  // keeps its raw body this way). fastify-plugin modules are the root context.
  const route: RouteOptions = {
    method: operation.method,
    url: fastifyPath(operation.path),
    config: { operationId: operation.operationId, ...extras.config },
    ...(extras.bodyLimit ? { bodyLimit: extras.bodyLimit } : {}),
    ...(extras.uploadLimit ? { preParsing: limitedByHead(extras.uploadLimit) } : {}),
    schema: {
      ...(operation.params ? { params: operation.params } : {}),
      // Every route validates its query string, so unknown parameters (say, `?access_token=`) are refused.
      querystring: operation.query ?? NoQuery,
      ...(operation.headers ? { headers: operation.headers } : {}),
      // An upload's body is bytes: there is no JSON schema to check them against.
      ...(operation.body && !uploads ? { body: operation.body } : {}),
      response: responses,
    },
    handler: run,
  };
  if (!uploads) return void scope.route(route);
  // An upload's route gets a context of its own where every body, whatever its Content-Type,
  // arrives as bytes (the handler sniffs what it really is); other routes keep JSON only.
  scope.register(async (uploadScope) => {
    uploadScope.removeAllContentTypeParsers();
    uploadScope.addContentTypeParser('*', uploadBody);
    // The request's stages remove a spooled body when they end (operation-stages.ts); this covers
    // a request that never reached them (refused by a hook, or its client gone): the response's
    // `close` comes at its end or when the connection drops, whatever happened before.
    uploadScope.addHook('onRequest', async (request, reply) => {
      reply.raw.once('close', () => {
        discardUpload(request.body).catch((error: unknown) =>
          request.log.warn({ err: error }, 'could not remove a spooled upload'),
        );
      });
    });
    uploadScope.route(route);
  });
}

/**
 * An upload's body parser (https://fastify.dev/docs/latest/Reference/ContentTypeParser/): the
 * body streams to a Buffer or, when large, to a temporary file (kernel/files/spool.ts), within
 * the route's body limit as Fastify's own buffering parser enforces it (a declared length over
 * it is refused before reading). A stream failure that is not a refusal (the client went away)
 * is a 400, as Fastify makes it.
 */
async function uploadBody(request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<FileBody> {
  const limit = request.routeOptions.bodyLimit;
  const tooLarge = () => new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  if (Number(request.headers['content-length']) > limit) throw tooLarge();
  try {
    return await spoolUpload(payload as Readable, limit, tooLarge);
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof Error && !(error instanceof DomainError) && typeof status !== 'number') {
      Object.assign(error, { statusCode: 400 });
    }
    throw error;
  }
}

/**
 * A preParsing hook (https://fastify.dev/docs/latest/Reference/Hooks/#preparsing) that passes
 * the body through while counting it: once the first `headBytes` (or the whole body) have
 * arrived, they say which limit applies, and the stream fails with that limit's refusal as soon
 * as the count passes it. The body parser then stops reading and the error handler answers; the
 * handler never runs, so nothing of the body is stored.
 */
function limitedByHead(
  options: NonNullable<RouteExtras['uploadLimit']>,
): NonNullable<RouteOptions['preParsing']> {
  return async (_request, _reply, payload) => {
    let head: Buffer[] = [];
    let seen = 0;
    let decided: { limit: number; refusal: Error } | null = null;
    const decide = () => {
      decided = options.limitOf(Buffer.concat(head));
      head = [];
    };
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (!decided) {
          head.push(chunk);
          if (seen >= options.headBytes) decide();
        }
        callback(decided && seen > decided.limit ? decided.refusal : null, chunk);
      },
      flush(callback) {
        if (!decided) decide();
        callback(decided && seen > decided.limit ? decided.refusal : null);
      },
    });
    // Fastify's bodyLimit counts what arrived on the wire through this property.
    const wire = counted as Transform & { receivedEncodedLength: number };
    wire.receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => {
      wire.receivedEncodedLength += chunk.length;
    });
    payload.on('error', (error) => counted.destroy(error));
    return payload.pipe(counted);
  };
}

/** A read in one statement has no transaction: nothing to audit, replay, spend or write after it. */
function assertOneStatementRead(operation: OperationDefinition): void {
  const fits = readsOnly(operation) && typeof operation.auth !== 'string' && !operation.auth.optional;
  if (!fits) {
    throw new Error(
      `${operation.operationId}: a one-statement read is a GET with a scope, neither idempotent, audited, metered nor writing its own reply.`,
    );
  }
}

export interface OperationsOptions {
  /** The clock that ages what `knownCallers` remembers (the engines' clock, which tests move). */
  now: () => number;
}

async function operationsPlugin(app: FastifyInstance, options: OperationsOptions) {
  app.decorate('knownCallers', new KnownCallers(options.now));
  app.decorate('operation', function bind<
    O extends OperationDefinition,
  >(this: FastifyInstance, operation: O, handler: OperationHandler<O>, extras: RouteExtras = {}) {
    bindRoute(this, operation, extras, (request, reply) =>
      runStages(app, operation, handler, request, reply),
    );
  });
  app.decorate('readOperation', function bindRead<
    O extends OperationDefinition,
  >(this: FastifyInstance, operation: O, read: OneStatementRead<O>) {
    assertOneStatementRead(operation);
    bindRoute(this, operation, {}, (request, reply) => runRead(app, operation, read, request, reply));
  });
}

export default fp(operationsPlugin, {
  name: 'operations',
  dependencies: ['database', 'access-tokens', 'sealer', 'rate-limit', 'validation'],
});
