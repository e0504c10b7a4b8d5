/**
 * Canceling a subscription at the end of its period (docs/architecture.md, Plans and
 * subscriptions), the way Stripe does it: the plan stays until `current_period_end`, and from
 * then on platform.current_plan no longer grants it, with nothing scheduled to run.
 */
import type { CommonQueryMethods } from 'slonik';
import type { RecordChanges } from '../../kernel/audit.ts';
import { notFound } from '../../kernel/errors.ts';
import { cancelAtPeriodEnd, endSubscription, findSubscription } from '../../kernel/metering/index.ts';
import type { Payments } from '../../kernel/payments/index.ts';

export interface CancelContext {
  db: CommonQueryMethods;
  payments: Payments;
  auditChanges: RecordChanges;
}

export async function cancelSubscription(context: CancelContext, accountId: string, id: string) {
  const { db } = context;
  const subscription = await findSubscription(db, accountId, id);
  if (!subscription) throw notFound('subscription');
  // Already canceled, or already ending: the same answer again, and nothing changes.
  if (subscription.status === 'canceled' || subscription.cancelAtPeriodEnd) return subscription;
  // Stripe first: if it refuses or cannot be reached, nothing changes here either. If this
  // transaction then fails, Stripe's customer.subscription.updated brings the flag anyway.
  if (subscription.stripeSubscriptionId) {
    await context.payments.cancelAtPeriodEnd(subscription.stripeSubscriptionId);
  }
  // Without a billing period (a plan an admin set) there is no period end to wait for.
  const canceled =
    subscription.currentPeriodEnd === null
      ? await endSubscription(db, accountId, id)
      : await cancelAtPeriodEnd(db, accountId, id);
  context.auditChanges(subscription, canceled);
  return canceled;
}
