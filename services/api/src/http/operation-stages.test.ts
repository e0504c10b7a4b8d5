/**
 * The binder's stages, each driven alone or through synthetic operations registered on a
 * throwaway app (the real plugins, routes that exist only in this file).
 */
import { randomUUID } from 'node:crypto';
import { defineOperation, type OperationDefinition } from '@yorozu/contract';
import type { FastifyInstance } from 'fastify';
import { type CommonQueryMethods, sql } from 'slonik';
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { as, expectProblem, signUp, testApp } from '../../test/harness.ts';
import { accountPrincipal } from '../kernel/auth/principal.ts';
import { DomainError, notFound } from '../kernel/errors.ts';
import { withAccount } from '../kernel/tenancy.ts';
import { acceptCaller, authenticate, authorizeScope, bindCaller, requestState } from './operation-stages.ts';

const Bound = Type.Object({ bound: Type.String(), inside: Type.Optional(Type.String()) });
const Name = Type.Object({ name: Type.String() });
const Calls = Type.Object({ calls: Type.Integer() });

function synthetic<const O extends Omit<OperationDefinition, 'tag' | 'summary' | 'description'>>(
  operation: O,
) {
  return defineOperation({
    tag: 'binder-test',
    summary: 'A synthetic operation',
    description: "Drives the binder's stages in tests.",
    ...operation,
  });
}

const ops = {
  bound: synthetic({
    operationId: 'binderTest.bound',
    method: 'GET',
    path: '/test/binder/bound',
    auth: { scope: 'me:read' },
    success: { status: 200, description: 'The account bound', schema: Bound },
  }),
  optional: synthetic({
    operationId: 'binderTest.optional',
    method: 'GET',
    path: '/test/binder/optional',
    auth: 'optional',
    success: { status: 200, description: 'The account bound', schema: Bound },
  }),
  otherAccount: synthetic({
    operationId: 'binderTest.otherAccount',
    method: 'POST',
    path: '/test/binder/other-account',
    auth: { scope: 'me:write' },
    body: Type.Object({ accountId: Type.String(), fail: Type.Boolean() }),
    success: { status: 200, description: 'The bindings seen', schema: Bound },
  }),
  actAs: synthetic({
    operationId: 'binderTest.actAs',
    method: 'POST',
    path: '/test/binder/act-as',
    auth: 'public',
    audited: true,
    body: Type.Object({ accountId: Type.String() }),
    success: { status: 200, description: 'The account bound', schema: Bound },
  }),
  idempotent: synthetic({
    operationId: 'binderTest.idempotent',
    method: 'POST',
    path: '/test/binder/idempotent',
    auth: { scope: 'me:write' },
    idempotent: true,
    audited: true,
    body: Type.Object({ resourceId: Type.String() }),
    success: { status: 201, description: 'How often the handler ran', schema: Calls },
  }),
  rename: synthetic({
    operationId: 'binderTest.rename',
    method: 'POST',
    path: '/test/binder/rename',
    auth: { scope: 'me:write' },
    body: Type.Object({
      name: Type.String(),
      outcome: Type.Union([
        Type.Literal('succeed'),
        Type.Literal('fail'),
        Type.Literal('commitBeforeFailing'),
        Type.Literal('overspend'),
      ]),
    }),
    success: { status: 200, description: 'The new name', schema: Name },
  }),
  spend: synthetic({
    operationId: 'binderTest.spend',
    method: 'POST',
    path: '/test/binder/spend',
    auth: { scope: 'me:write' },
    metered: { product: 'stickers', metric: 'images' },
    body: Type.Object({ amount: Type.Integer() }),
    success: { status: 202, description: 'Spent later', schema: Calls },
    alternativeSuccess: { status: 201, description: 'Nothing spent' },
  }),
  empty: synthetic({
    operationId: 'binderTest.empty',
    method: 'DELETE',
    path: '/test/binder/empty',
    auth: { scope: 'me:write' },
    success: { status: 204, description: 'Nothing' },
  }),
  writer: synthetic({
    operationId: 'binderTest.writer',
    method: 'GET',
    path: '/test/binder/writer',
    auth: { scope: 'me:read' },
    success: { status: 200, description: 'Text', contentTypes: ['text/plain'] },
  }),
};

async function boundAccount(db: CommonQueryMethods): Promise<string> {
  const bound = await db.oneFirst(sql.unsafe`SELECT coalesce(current_setting('app.account_id', true), '')`);
  return String(bound);
}

let idempotentCalls = 0;

function routes(app: FastifyInstance) {
  // Single stages on plain routes: only the stage under test runs.
  app.get<{ Querystring: { auth: string } }>('/test/stages/authenticate', async (request) => {
    const auth = request.query.auth === 'scoped' ? { scope: 'me:read' } : request.query.auth;
    const state = requestState({ ...ops.bound, auth } as OperationDefinition, request);
    authenticate(app, state);
    return { credential: state.credential?.type ?? null };
  });
  app.get<{ Querystring: { scopes: string } }>('/test/stages/authorize-scope', async (request) => {
    const state = requestState(ops.bound, request);
    state.principal = { ...accountPrincipal(randomUUID()), scopes: new Set(request.query.scopes.split(',')) };
    authorizeScope(state);
    return { authorized: true };
  });
  app.get('/test/stages/bind-caller', async (request) => {
    const state = requestState(ops.bound, request);
    authenticate(app, state);
    return app.db.transaction(async (db) => {
      await bindCaller(app, state, db);
      return { bound: await boundAccount(db), stateBound: state.boundAccountId };
    });
  });

  app.get<{ Querystring: { caller: 'none' | 'unscoped' | 'scoped' } }>(
    '/test/stages/accept-caller',
    async (request) => {
      const state = requestState(ops.bound, request);
      authenticate(app, state);
      const scopes = request.query.caller === 'scoped' ? ['me:read'] : ['me:write'];
      const principal = { ...accountPrincipal(randomUUID()), scopes: new Set(scopes) };
      const caller =
        request.query.caller === 'none' ? null : { principal, scopes, touchDue: true, allowed: true };
      await acceptCaller(app, state, caller);
      return { bound: state.boundAccountId, touchDue: state.touchDue };
    },
  );

  // Synthetic operations: every stage, in order.
  app.operation(ops.bound, async ({ db }) => ({ bound: await boundAccount(db) }));
  app.operation(ops.optional, async ({ db }) => ({ bound: await boundAccount(db) }));
  app.operation(ops.otherAccount, async ({ db, body, withAccount }) => {
    let inside = '';
    try {
      await withAccount(body.accountId, async () => {
        inside = await boundAccount(db);
        if (body.fail) throw notFound('thing');
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    return { bound: await boundAccount(db), inside };
  });
  app.operation(ops.actAs, async ({ db, body, actAs }) => {
    await actAs(accountPrincipal(body.accountId));
    return { bound: await boundAccount(db) };
  });
  app.operation(ops.idempotent, async ({ body, auditResourceId, auditChanges }) => {
    auditResourceId(body.resourceId);
    auditChanges({ name: 'before' }, { name: 'after' });
    idempotentCalls += 1;
    return { calls: idempotentCalls };
  });
  app.operation(ops.rename, async ({ db, body, principal, spendAtCommit }) => {
    await db.query(
      sql.unsafe`UPDATE platform.accounts SET name = ${body.name} WHERE id = ${principal.accountId}`,
    );
    if (body.outcome === 'fail') throw new DomainError('conflict', 'Failed after the write.');
    if (body.outcome === 'commitBeforeFailing')
      throw new DomainError('conflict', 'Failed after the write.', { commitBeforeFailing: true });
    if (body.outcome === 'overspend')
      await spendAtCommit({
        accountId: principal.accountId,
        product: 'stickers',
        metric: 'images',
        amount: 1000,
        reason: 'binderTest.rename',
      });
    return { name: body.name };
  });
  app.operation(ops.spend, async ({ body, principal, spendAtCommit, useAlternativeSuccess }) => {
    if (body.amount === 0) useAlternativeSuccess();
    else
      await spendAtCommit({
        accountId: principal.accountId,
        product: 'stickers',
        metric: 'images',
        amount: body.amount,
        reason: 'binderTest.spend',
      });
    return { calls: 1 };
  });
  app.operation(ops.empty, async () => undefined);
  app.operation(
    ops.writer,
    async ({ principal }) =>
      (reply) =>
        reply.type('text/plain').send(`written for ${principal.accountId}`),
  );
}

const { app, pool } = await testApp({}, { routes });

async function apiKey(token: string, scopes: string[]): Promise<string> {
  const created = await as(app, token, {
    method: 'POST',
    url: '/v1/api-keys',
    payload: { name: 'binder test', scopes },
  });
  expect(created.statusCode).toBe(201);
  return created.json().secret;
}

function accountName(accountId: string) {
  return withAccount(pool, accountId, (db) =>
    db.oneFirst(sql.unsafe`SELECT coalesce(name, '') FROM platform.accounts`),
  );
}

describe('stage: authenticate', () => {
  it('reads no credential for a public operation, even a malformed one', async () => {
    const response = await app.inject({
      url: '/test/stages/authenticate?auth=public',
      headers: { authorization: 'nonsense' },
    });
    expect(response.json()).toEqual({ credential: null });
  });

  it('runs an optional operation anonymously without a header, and refuses a bad one', async () => {
    const anonymous = await app.inject({ url: '/test/stages/authenticate?auth=optional' });
    expect(anonymous.json()).toEqual({ credential: null });
    const bad = await app.inject({
      url: '/test/stages/authenticate?auth=optional',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expectProblem(bad, 401, 'unauthenticated');
  });

  it('checks the shape of an API key and the signature of an access token without the database', async () => {
    const account = await signUp(app);
    const token = await as(app, account.accessToken, { url: '/test/stages/authenticate?auth=scoped' });
    expect(token.json()).toEqual({ credential: 'access_token' });
    // Well-formed but unknown: only the database can tell, which this stage never asks.
    const unknownKey = await as(app, `yz_${'A'.repeat(43)}`, {
      url: '/test/stages/authenticate?auth=scoped',
    });
    expect(unknownKey.json()).toEqual({ credential: 'api_key' });
    expectProblem(await app.inject({ url: '/test/stages/authenticate?auth=scoped' }), 401, 'unauthenticated');
  });
});

describe('stage: bindCaller', () => {
  it('binds the transaction to the account of an access token and of an API key', async () => {
    const account = await signUp(app);
    const byToken = await as(app, account.accessToken, { url: '/test/stages/bind-caller' });
    expect(byToken.json()).toEqual({ bound: account.id, stateBound: account.id });
    const key = await apiKey(account.accessToken, ['me:read']);
    const byKey = await as(app, key, { url: '/test/stages/bind-caller' });
    expect(byKey.json()).toEqual({ bound: account.id, stateBound: account.id });
  });

  it('refuses an unknown API key with 401', async () => {
    const response = await as(app, `yz_${'B'.repeat(43)}`, { url: '/test/stages/bind-caller' });
    expectProblem(response, 401, 'unauthenticated');
  });
});

describe('stage: authorizeScope', () => {
  it('lets a key with the scope through and refuses one without it with 403', async () => {
    const allowed = await app.inject({ url: '/test/stages/authorize-scope?scopes=me:read,me:write' });
    expect(allowed.json()).toEqual({ authorized: true });
    const refused = await app.inject({ url: '/test/stages/authorize-scope?scopes=me:write' });
    expectProblem(refused, 403, 'forbidden');
  });
});

describe('stage: acceptCaller (a one-statement read)', () => {
  it('answers an unknown credential 401 and a missing scope 403, and takes a known caller', async () => {
    const account = await signUp(app);
    const url = (caller: string) => `/test/stages/accept-caller?caller=${caller}`;
    expectProblem(await as(app, account.accessToken, { url: url('none') }), 401, 'unauthenticated');
    expectProblem(await as(app, account.accessToken, { url: url('unscoped') }), 403, 'forbidden');
    const scoped = await as(app, account.accessToken, { url: url('scoped') });
    expect(scoped.json()).toEqual({ bound: expect.any(String), touchDue: true });
  });

  it('refuses to bind a read that audits, replays, spends, writes its own reply or has no scope', () => {
    for (const operation of [ops.idempotent, ops.spend, ops.writer, ops.optional, ops.rename]) {
      expect(() =>
        app.readOperation(operation, async () => ({ caller: null, result: undefined as never })),
      ).toThrow(/one-statement read/);
    }
  });
});

describe('the stages in order, on synthetic operations', () => {
  it('binds the caller before the handler, and an anonymous optional caller to no account', async () => {
    const account = await signUp(app);
    const key = await apiKey(account.accessToken, ['me:read']);
    expect((await as(app, key, { url: '/test/binder/bound' })).json()).toEqual({ bound: account.id });
    expect((await app.inject({ url: '/test/binder/optional' })).json()).toEqual({ bound: '' });
    const scoped = await as(app, await apiKey(account.accessToken, ['me:write']), {
      url: '/test/binder/bound',
    });
    expectProblem(scoped, 403, 'forbidden');
  });

  it('withAccount binds another account for its function and restores the caller after, even when it throws', async () => {
    const [caller, other] = [await signUp(app), await signUp(app)];
    for (const fail of [false, true]) {
      const response = await as(app, caller.accessToken, {
        method: 'POST',
        url: '/test/binder/other-account',
        payload: { accountId: other.id, fail },
      });
      expect(response.json()).toEqual({ bound: caller.id, inside: other.id });
    }
  });

  it('actAs binds a public operation to an account and makes it the audited actor', async () => {
    const account = await signUp(app);
    const response = await app.inject({
      method: 'POST',
      url: '/test/binder/act-as',
      payload: { accountId: account.id },
    });
    expect(response.json()).toEqual({ bound: account.id });
    const log = await as(app, account.accessToken, { url: '/v1/audit-log' });
    expect(log.json().data[0]).toMatchObject({
      action: 'binderTest.actAs',
      actor: { type: 'account', id: account.id },
    });
  });

  it('replays an idempotent response without running the handler again, audited once with its resource id and changes', async () => {
    const account = await signUp(app);
    const resourceId = randomUUID();
    const send = () =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/test/binder/idempotent',
        payload: { resourceId },
        headers: { 'idempotency-key': `binder-${resourceId}` },
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const replay = await send();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const log = await as(app, account.accessToken, { url: '/v1/audit-log' });
    const entries = log
      .json()
      .data.filter((entry: { action: string }) => entry.action === 'binderTest.idempotent');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      resourceId,
      changes: { name: { before: 'before', after: 'after' } },
      userAgent: 'lightMyRequest',
    });
  });

  it('rolls a failed handler back, but commits a commitBeforeFailing error before answering it', async () => {
    const account = await signUp(app);
    const rename = (name: string, outcome: string) =>
      as(app, account.accessToken, {
        method: 'POST',
        url: '/test/binder/rename',
        payload: { name, outcome },
      });
    expect((await rename('Kept', 'succeed')).json()).toEqual({ name: 'Kept' });
    expectProblem(await rename('Rolled back', 'fail'), 409, 'conflict');
    expect(await accountName(account.id)).toBe('Kept');
    expectProblem(await rename('Committed', 'commitBeforeFailing'), 409, 'conflict');
    expect(await accountName(account.id)).toBe('Committed');
  });

  it('settles spends last: quota headers on success, and an overspend rolls the handler’s writes back with 402', async () => {
    const account = await signUp(app);
    const spent = await as(app, account.accessToken, {
      method: 'POST',
      url: '/test/binder/spend',
      payload: { amount: 3 },
    });
    expect(spent.statusCode).toBe(202);
    expect(spent.headers['yorozu-quota-remaining']).toBe('7');
    const nothing = await as(app, account.accessToken, {
      method: 'POST',
      url: '/test/binder/spend',
      payload: { amount: 0 },
    });
    expect(nothing.statusCode).toBe(201);
    expect(nothing.headers['yorozu-quota-remaining']).toBeUndefined();

    const over = await as(app, account.accessToken, {
      method: 'POST',
      url: '/test/binder/rename',
      payload: { name: 'Never', outcome: 'overspend' },
    });
    expectProblem(over, 402, 'quota_exceeded');
    expect(await accountName(account.id)).toBe('');
  });

  it('answers 204 without a body, and lets a writer operation write its own reply', async () => {
    const account = await signUp(app);
    const empty = await as(app, account.accessToken, { method: 'DELETE', url: '/test/binder/empty' });
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe('');
    const written = await as(app, account.accessToken, { url: '/test/binder/writer' });
    expect(written.headers['content-type']).toMatch(/^text\/plain/);
    expect(written.body).toBe(`written for ${account.id}`);
  });

  it('marks a used API key after its request', async () => {
    const account = await signUp(app);
    const key = await apiKey(account.accessToken, ['me:read']);
    await as(app, key, { url: '/test/binder/bound' });
    const list = await as(app, account.accessToken, { url: '/v1/api-keys' });
    expect(list.json().data[0].lastUsedAt).toEqual(expect.any(String));
  });
});
