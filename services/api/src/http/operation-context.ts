/**
 * What an operation's handler is given (`OperationContext`, http/operations.ts): the request's
 * validated parts, the transaction, and the few ways a handler changes the request's state.
 */
import type {
  OperationBody,
  OperationDefinition,
  OperationHeaders,
  OperationParams,
  OperationQuery,
} from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import { auditChanges } from '../kernel/audit.ts';
import type { Principal } from '../kernel/auth/principal.ts';
import { bindAccount } from '../kernel/tenancy.ts';
import type { RequestState } from './operation-stages.ts';
import type { OperationContext } from './operations.ts';

/** Binds the transaction to an account and records it as the binding in force. */
async function rebind(state: RequestState, db: DatabaseTransactionConnection, accountId: string) {
  await bindAccount(db, accountId);
  state.boundAccountId = accountId;
}

export function operationContext<O extends OperationDefinition>(
  state: RequestState,
  db: DatabaseTransactionConnection,
): OperationContext<O> {
  const { operation, request } = state;
  const spends = state.spends;
  if (!spends) throw new Error('runHandler creates the spends before the context.');
  return {
    params: request.params as OperationParams<O>,
    query: request.query as OperationQuery<O>,
    headers: request.headers as OperationHeaders<O>,
    body: state.body as OperationBody<O>,
    principal: state.principal as OperationContext<O>['principal'],
    db,
    request,
    actAs: async (next: Principal) => {
      state.actor = next;
      await rebind(state, db, next.accountId);
    },
    withAccount: async (accountId, fn) => {
      const previous = state.boundAccountId;
      await rebind(state, db, accountId);
      let failed = true;
      try {
        const result = await fn();
        failed = false;
        return result;
      } finally {
        // The binding goes back even when fn fails, in case the handler catches the error and goes
        // on. When fn failed and the restore fails too, the transaction is aborted (PostgreSQL
        // refuses every later statement and it rolls back), so fn's error is the one to report.
        await rebind(state, db, previous).catch((error: unknown) => {
          if (!failed) throw error;
        });
      }
    },
    auditResourceId: (id) => {
      state.resourceId = id;
    },
    auditChanges: (before, after) => {
      state.changes = auditChanges(before, after);
    },
    spendAtCommit: spends.spend,
    useAlternativeSuccess: () => {
      const alternative = operation.alternativeSuccess;
      if (!alternative) throw new Error(`${operation.operationId} has no alternativeSuccess.`);
      state.status = alternative.status;
    },
  };
}
