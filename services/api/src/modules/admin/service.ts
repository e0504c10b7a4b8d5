/**
 * Admin operations: the caller's account must have the admin role (docs/architecture.md,
 * Authentication and authorization: roles), checked before anything about
 * the target, so a member learns nothing about which accounts exist.
 */
import type { admin } from '@yorozu/contract';
import type { CommonQueryMethods } from 'slonik';
import type { Static } from 'typebox';
import { getAccount } from '../../kernel/accounts/index.ts';
import type { RecordChanges } from '../../kernel/audit.ts';
import type { Principal } from '../../kernel/auth/index.ts';
import { DomainError, notFound, validationFailed } from '../../kernel/errors.ts';
import { findPlan, findSubscriptionOf, setSubscriptionPlan } from '../../kernel/metering/index.ts';

export interface AdminContext {
  db: CommonQueryMethods;
  principal: Principal;
  withAccount<T>(accountId: string, fn: () => Promise<T>): Promise<T>;
  auditChanges: RecordChanges;
}

async function assertAdmin(db: CommonQueryMethods, principal: Principal): Promise<void> {
  const account = await getAccount(db, principal.accountId);
  if (account.role !== 'admin') throw new DomainError('forbidden', 'This operation needs the admin role.');
}

type SubscriptionParams = Static<typeof admin.updateSubscription.params>;

/** Sets an account's plan; its quotas follow from the next spend on (kernel/metering/quota.ts). */
export async function updateSubscription(
  context: AdminContext,
  params: SubscriptionParams,
  request: Static<typeof admin.UpdateSubscriptionRequest>,
) {
  const { db, principal } = context;
  await assertAdmin(db, principal);
  const plan = await findPlan(db, params.product, request.plan);
  if (!plan) throw validationFailed('/body/plan', `is not a plan of ${params.product}`);
  if (request.subject !== undefined && plan.subscribedPer !== 'plugin') {
    throw validationFailed('/body/subject', `${params.product} is subscribed per account, not per plugin`);
  }
  const key = { accountId: params.accountId, product: params.product, subject: request.subject ?? '' };
  const [before, subscription] = await context.withAccount(params.accountId, async () => [
    await findSubscriptionOf(db, key),
    await setSubscriptionPlan(db, key, request.plan),
  ]);
  if (!subscription) throw notFound('account');
  // On the admin's audit row: the account's subscription as it was and as it is.
  context.auditChanges(before, subscription);
  return subscription;
}
