/**
 * The stages every operation's request goes through (http/operations.ts runs them in order), each
 * a small function over one `RequestState`:
 *
 * 1. `authenticate`: the Authorization header's shape and an access token's signature (no database);
 * 2. `checkAuthFailures`: an IP that keeps presenting unknown API keys is refused before the database;
 * 3. `bindCaller`, the transaction's first statement: the credential is found and the transaction
 *    bound to its account (SET LOCAL, RLS) in one round trip; for a caller already known
 *    (`KnownCallers`), `bindKnown` instead, written with the next statement;
 * 4. `authorizeScope`: the operation's API-key scope;
 * 5. `claimIdempotency`: the Idempotency-Key claim, or the stored response to replay;
 * 6. `runHandler`: the operation's own work (its context: http/operation-context.ts);
 * 7. `auditOperation`, 8. `storeResponse`: the audit row and the stored idempotent response;
 * 9. `settleSpends`: the handler's quota spends, the transaction's last statements, so the
 *    account's quota counter is locked only until COMMIT (docs/architecture.md, Quotas); when
 *    there is a spend, the audit row is written by its statement rather than by one of its own;
 * 10. `markKeyUsed`: after the transaction, whatever its outcome;
 * 11. `respond`: status, headers and body.
 *
 * Stages 3–9 share one transaction: committed together, or not at all.
 */
import { credentialsOptional, type OperationDefinition } from '@yorozu/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseTransactionConnection, FragmentSqlToken } from 'slonik';
import { type AuditChanges, auditedUserAgent, auditInsert, recordAudit } from '../kernel/audit.ts';
import {
  bindCredential,
  bindKnownCaller,
  type Caller,
  type Credential,
  isMispredictedCaller,
  isReadOnlyRefusal,
  markApiKeyUsed,
  unknownCredential,
} from '../kernel/auth/authenticate.ts';
import type { KnownCaller } from '../kernel/auth/known-callers.ts';
import { hasScope, type Principal } from '../kernel/auth/principal.ts';
import { DomainError } from '../kernel/errors.ts';
import { discardUpload } from '../kernel/files/index.ts';
import {
  claimIdempotencyKey,
  type IdempotencyRecord,
  parseIdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../kernel/idempotency.ts';
import { type SpentQuota, setQuotaHeaders, spendsAtCommit } from '../kernel/metering/index.ts';
import { requestCredential } from './credential.ts';
import { operationContext } from './operation-context.ts';
import type { OneStatementRead, OperationHandler, ReplyWriter } from './operations.ts';

/** What the stages of one request know so far; each stage reads and sets its own fields. */
export interface RequestState {
  readonly operation: OperationDefinition;
  readonly request: FastifyRequest;
  /**
   * The request's body; an upload's bytes as a Buffer (zero bytes when none were sent) or an
   * upload spooled to a file, which `runStages` removes when it ends.
   */
  readonly body: unknown;
  /** The credential sent, checked for shape (null when the operation runs without one). */
  credential: Credential | null;
  /** Who authenticated. */
  principal: Principal | null;
  /** Whom the audit row names: the principal, or whom a public operation acts as (`actAs`). */
  actor: Principal | null;
  /** The account the transaction is bound to now ('' for none). */
  boundAccountId: string;
  /** An API key whose last use should be marked after the request. */
  touchDue: boolean;
  idempotency: IdempotencyRecord | null;
  /** The audited resource id a handler named (`auditResourceId`). */
  resourceId: string | null;
  /** What the request changed, as a handler recorded it (`auditChanges`). */
  changes: AuditChanges | null;
  /** The success status: the operation's, or its `alternativeSuccess`. */
  status: number;
  /** The handler's quota spends, made by `settleSpends`. */
  spends: ReturnType<typeof spendsAtCommit> | null;
  spent: SpentQuota[];
  /** The audit row, when `settleSpends` writes it with the first spend. */
  auditWithSpend: FragmentSqlToken | null;
  /** A handler's error that commits the transaction before it is answered (`commitBeforeFailing`). */
  committedFailure: DomainError | null;
  /** The handler's reply writer, for operations that write their own reply. */
  writer: ReplyWriter | null;
  /** The response body (JSON operations). */
  responseBody: unknown;
  /** The response was replayed from a stored idempotent one. */
  replayed: boolean;
}

/**
 * Whether the handler writes the reply itself (a file, an event stream, a redirect) and returns a
 * ReplyWriter rather than a body to serialise.
 */
export function writesOwnReply(operation: OperationDefinition): boolean {
  return operation.success.contentTypes !== undefined || operation.success.status === 302;
}

export function requestState(operation: OperationDefinition, request: FastifyRequest): RequestState {
  const uploads = operation.bodyContentTypes !== undefined;
  return {
    operation,
    request,
    // A bodiless upload reaches the handler as zero bytes, for it to refuse like any other non-image.
    body: uploads && request.body === undefined ? Buffer.alloc(0) : request.body,
    credential: null,
    principal: null,
    actor: null,
    boundAccountId: '',
    touchDue: false,
    idempotency: null,
    resourceId: null,
    changes: null,
    status: operation.success.status,
    spends: null,
    spent: [],
    auditWithSpend: null,
    committedFailure: null,
    writer: null,
    responseBody: null,
    replayed: false,
  };
}

/**
 * Stage 1. The header's shape and an access token's signature are checked before any database
 * work. An optional credential that is sent is checked like any other: a bad one is 401, not anonymous.
 */
export function authenticate(app: FastifyInstance, state: RequestState): void {
  const { auth } = state.operation;
  const { request } = state;
  if (auth === 'public' || (credentialsOptional(auth) && request.headers.authorization === undefined)) return;
  state.credential = requestCredential(app.accessTokens, request);
}

/** Stage 2. An IP that keeps presenting keys the database does not know is refused before the database. */
export async function checkAuthFailures(app: FastifyInstance, state: RequestState): Promise<void> {
  if (state.credential?.type === 'api_key') await app.authFailures.assertAvailable(state.request);
}

/**
 * Stage 3, the transaction's first statement: an API key is found and the transaction bound to
 * its account in one round trip (src/kernel/auth/authenticate.ts). Without a credential nothing
 * is bound: RLS then shows only public rows. An unknown key counts against its IP.
 */
export async function bindCaller(
  app: FastifyInstance,
  state: RequestState,
  db: DatabaseTransactionConnection,
): Promise<void> {
  if (!state.credential) return;
  const bound = await bindCredential(db, state.credential).catch(async (error: unknown) => {
    if (error instanceof DomainError && error.code === 'unauthenticated')
      await app.authFailures.count(state.request);
    throw error;
  });
  state.principal = bound.principal;
  state.actor = bound.principal;
  state.boundAccountId = bound.principal.accountId;
  state.touchDue = bound.touchDue;
  if (bound.scopes) app.knownCallers.learn(state.credential, bound.principal, bound.scopes);
}

/**
 * Stage 3 of a request whose caller is known before the database answers: the binding is held by
 * the driver and travels with the first statement after it (`bindKnownCaller`), so a read of one
 * query is one round trip (docs/architecture.md, Round trips). The database checks the prediction
 * before that statement runs; `runStages` serves the request again the ordinary way if it fails.
 */
export async function bindKnown(
  state: RequestState,
  db: DatabaseTransactionConnection,
  known: KnownCaller,
): Promise<void> {
  if (!state.credential) throw new Error('bindKnown needs the credential it predicted for.');
  await bindKnownCaller(db, state.credential, known, readsOnly(state.operation));
  state.principal = known.principal;
  state.actor = known.principal;
  state.boundAccountId = known.principal.accountId;
}

/**
 * An operation that only reads, so it runs in a read-only transaction on a predicted caller:
 * a GET answered with JSON (a file or stream writes its reply after COMMIT), neither audited,
 * idempotent nor metered (all three write).
 */
export function readsOnly(operation: OperationDefinition): boolean {
  return (
    operation.method === 'GET' &&
    !writesOwnReply(operation) &&
    !operation.audited &&
    !operation.idempotent &&
    !operation.metered
  );
}

/** Stage 4. An API key must carry the operation's scope (access tokens carry every scope). */
export function authorizeScope(state: RequestState): void {
  const { auth } = state.operation;
  if (!state.principal || typeof auth === 'string') return;
  if (!hasScope(state.principal, auth.scope)) {
    throw new DomainError('forbidden', `This API key lacks the \`${auth.scope}\` scope.`);
  }
}

/**
 * Stage 5. Claims the Idempotency-Key, bound to the credential that was just authenticated and
 * authorised, so a replay goes only to a caller that passed the same checks as the original
 * request. Returns true when a stored response was found: it becomes the response.
 */
export async function claimIdempotency(
  app: FastifyInstance,
  state: RequestState,
  db: DatabaseTransactionConnection,
): Promise<boolean> {
  const { operation, request, principal } = state;
  if (!operation.idempotent) return false;
  const key = parseIdempotencyKey(request.headers['idempotency-key']);
  if (!key || !principal) return false;
  // Hashed only when a key is sent: most requests carry none, and hashing a body is not free.
  state.idempotency = { principal, key, hash: requestHash(request.method, request.url, state.body) };
  const stored = await claimIdempotencyKey(db, app.sealer, state.idempotency);
  if (!stored) return false;
  state.status = stored.status;
  state.responseBody = stored.body;
  state.replayed = true;
  return true;
}

/**
 * Stage 6. Runs the handler. A `commitBeforeFailing` error is kept for `respond` to throw after
 * COMMIT (a reused refresh token's family stays revoked); any other error rolls everything back.
 */
export async function runHandler<O extends OperationDefinition>(
  state: RequestState,
  db: DatabaseTransactionConnection,
  handler: OperationHandler<O>,
): Promise<void> {
  state.spends = spendsAtCommit(db);
  let result: unknown;
  try {
    result = await handler(operationContext<O>(state, db));
  } catch (error) {
    if (!(error instanceof DomainError && error.extras.commitBeforeFailing)) throw error;
    state.committedFailure = error;
    state.status = error.status;
    return;
  }
  if (writesOwnReply(state.operation)) state.writer = result as ReplyWriter;
  else state.responseBody = result ?? null;
}

function auditedResourceId(params: unknown, result: unknown): string | null {
  for (const source of [params, result]) {
    const id = (source as { id?: unknown } | null | undefined)?.id;
    if (typeof id === 'string') return id;
  }
  return null;
}

/**
 * Stage 7. The audit row of an audited operation, naming the actor (none for anonymous work).
 * When the handler spent quota, the row is written by the first spend's statement (stage 9),
 * in the same transaction: one round trip fewer, and the same row.
 */
export async function auditOperation(state: RequestState, db: DatabaseTransactionConnection): Promise<void> {
  const { operation, request, actor } = state;
  if (!operation.audited || !actor) return;
  const record = {
    principal: actor,
    action: operation.operationId,
    resource: operation.tag,
    resourceId: state.resourceId ?? auditedResourceId(request.params, state.responseBody),
    requestId: request.id,
    ip: request.ip,
    userAgent: auditedUserAgent(request.headers['user-agent']),
    changes: state.changes,
  };
  if (state.spends?.pending) state.auditWithSpend = auditInsert(record);
  else await recordAudit(db, record);
}

/** Stage 8. The response an Idempotency-Key replays, stored in the same transaction as the work. */
export async function storeResponse(
  app: FastifyInstance,
  state: RequestState,
  db: DatabaseTransactionConnection,
): Promise<void> {
  if (!state.idempotency) return;
  await storeIdempotentResponse(db, app.sealer, state.idempotency, {
    status: state.status,
    body: state.responseBody,
  });
}

/** Stage 9. The handler's quota spends, last before COMMIT; over a limit, the request fails with 402. */
export async function settleSpends(state: RequestState): Promise<void> {
  if (state.spends) state.spent = await state.spends.settle(state.auditWithSpend);
}

/**
 * Stage 10. A used key is marked whatever the request's outcome, after its transaction (never
 * holding the key's row lock during a request), and a failed mark never fails the request.
 */
export async function markKeyUsed(app: FastifyInstance, state: RequestState): Promise<void> {
  if (!state.touchDue || !state.credential) return;
  await markApiKeyUsed(app.db, state.credential).catch((error: unknown) =>
    state.request.log.warn({ err: error }, 'could not mark the API key used'),
  );
}

/** Stage 11. Status, replay and quota headers, then the body (or the handler's own reply). */
export function respond(state: RequestState, reply: FastifyReply): FastifyReply | Promise<FastifyReply> {
  if (state.committedFailure) throw state.committedFailure;
  if (state.replayed) reply.header('Idempotent-Replayed', 'true');
  for (const quota of state.spent) setQuotaHeaders(reply, quota);
  reply.code(state.status);
  if (state.writer) return state.writer(reply);
  // A success that declares no body (a 204, or a 202 such as a recorded view) sends none.
  const bodiless = state.status === 204 || state.operation.success.schema === undefined;
  return bodiless ? reply.send() : reply.send(state.responseBody);
}

/** Stages 3–9, in the request's transaction; `known` is the caller predicted for it, if any. */
async function transactionStages<O extends OperationDefinition>(
  app: FastifyInstance,
  state: RequestState,
  handler: OperationHandler<O>,
  known: KnownCaller | null,
): Promise<void> {
  await app.db.transaction(async (db) => {
    if (known) await bindKnown(state, db, known);
    else await bindCaller(app, state, db);
    authorizeScope(state);
    if (await claimIdempotency(app, state, db)) return;
    await runHandler(state, db, handler);
    if (state.committedFailure) return;
    await auditOperation(state, db);
    await storeResponse(app, state, db);
    await settleSpends(state);
  });
}

/** Stages 3 and 4 in a short transaction of their own: 401 or 403 now, or nothing. */
async function confirmCaller(app: FastifyInstance, state: RequestState): Promise<void> {
  await app.db.transaction(async (db) => {
    await bindCaller(app, state, db);
    authorizeScope(state);
  });
}

/** Every stage in order: one request of one operation. */
export async function runStages<O extends OperationDefinition>(
  app: FastifyInstance,
  operation: O,
  handler: OperationHandler<O>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  let state = requestState(operation, request);
  try {
    authenticate(app, state);
    await checkAuthFailures(app, state);
    const { credential } = state;
    const known = credential ? app.knownCallers.get(credential) : null;
    try {
      await transactionStages(app, state, handler, known);
    } catch (error) {
      if (!known || !credential) throw error;
      // The transaction on a predicted caller rolled back. A wrong prediction (28000), a 403 (the
      // scopes predicted may be stale), or a GET that wrote (refused by its read-only
      // transaction) is served again the ordinary way. Any other failure is the request's own,
      // answered once the credential is known good: it may have come before the binding reached
      // the database, and 401 and 403 come first.
      const mispredicted = isMispredictedCaller(error);
      if (mispredicted) app.knownCallers.forget(credential);
      const wrote = isReadOnlyRefusal(error);
      if (wrote) request.log.warn({ operationId: operation.operationId }, 'a read-only operation wrote');
      const forbidden = error instanceof DomainError && error.code === 'forbidden';
      state = requestState(operation, request);
      state.credential = credential;
      if (!mispredicted && !wrote && !forbidden) {
        await confirmCaller(app, state);
        throw error;
      }
      await transactionStages(app, state, handler, null);
    }
  } finally {
    await discardUpload(state.body);
    await markKeyUsed(app, state);
  }
  return respond(state, reply);
}

/**
 * Stages 1–4 in a short transaction of their own, then `fn` in it, bound to the caller's account:
 * for a route's `preHandler` that must know who calls before it makes a provider's round trips
 * outside any transaction (docs/architecture.md, No third-party call inside a transaction). The
 * operation's own stages authenticate the same credential again in the transaction that follows.
 */
export async function asCaller<T>(
  app: FastifyInstance,
  operation: OperationDefinition,
  request: FastifyRequest,
  fn: (db: DatabaseTransactionConnection, principal: Principal) => Promise<T>,
): Promise<T> {
  const state = requestState(operation, request);
  authenticate(app, state);
  await checkAuthFailures(app, state);
  return app.db.transaction(async (db) => {
    await bindCaller(app, state, db);
    authorizeScope(state);
    if (!state.principal)
      throw new Error(`${operation.operationId}: asCaller needs an authenticated caller.`);
    return fn(db, state.principal);
  });
}

/**
 * Stages 3, 4 and 6 of a one-statement read, after its statement: an unknown credential is 401
 * (and counts against its IP, as in `bindCaller`), a missing scope 403, else the caller is who
 * the statement read for.
 */
export async function acceptCaller(
  app: FastifyInstance,
  state: RequestState,
  caller: Caller | null,
): Promise<void> {
  const { credential } = state;
  if (!credential) throw new Error('authenticate reads the credential of a scoped operation.');
  if (!caller) {
    await app.authFailures.count(state.request);
    throw unknownCredential(credential);
  }
  state.principal = caller.principal;
  state.actor = caller.principal;
  state.boundAccountId = caller.principal.accountId;
  state.touchDue = caller.touchDue;
  if (caller.scopes) app.knownCallers.learn(credential, caller.principal, caller.scopes);
  authorizeScope(state);
  if (!caller.allowed) throw new Error('The statement refused a scope that authorizeScope allows.');
}

/**
 * A read-only operation in one round trip (`app.readOperation`): its statement authenticates,
 * checks the scope, binds the account and reads, as its own transaction. A read refused before
 * its statement ran (a malformed cursor) still answers 401 or 403 first, as the stages in a
 * transaction do, by authenticating in one.
 */
export async function runRead<O extends OperationDefinition>(
  app: FastifyInstance,
  operation: O,
  read: OneStatementRead<O>,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const state = requestState(operation, request);
  authenticate(app, state);
  await checkAuthFailures(app, state);
  const { credential } = state;
  const { auth } = operation;
  if (!credential || typeof auth === 'string') throw new Error('A one-statement read has a scope.');
  try {
    const outcome = await read({
      params: request.params as ReadContextOf<O>['params'],
      query: request.query as ReadContextOf<O>['query'],
      headers: request.headers as ReadContextOf<O>['headers'],
      request,
      db: app.db,
      credential,
      scope: auth.scope,
    }).catch(async (error: unknown) => {
      if (error instanceof DomainError) await confirmCaller(app, state);
      throw error;
    });
    await acceptCaller(app, state, outcome.caller);
    state.responseBody = outcome.result;
  } finally {
    await markKeyUsed(app, state);
  }
  return respond(state, reply);
}

type ReadContextOf<O extends OperationDefinition> = Parameters<OneStatementRead<O>>[0];
