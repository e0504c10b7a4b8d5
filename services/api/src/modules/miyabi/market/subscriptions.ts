/**
 * Subscribing to a plugin (docs/products/miyabi.md, Subscriptions): through the kernel's
 * subscriptions, one per (account, miyabi, plugin). Free plugins and trials start at once with a
 * licence; a paid plugin bought now goes through the payment provider's checkout, and its
 * subscription starts when the provider's webhook (billing.stripeWebhook) says it is paid.
 */
import type { billing, miyabiMarket } from '@yorozu/contract';
import type { DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, notFound, validationFailed } from '../../../kernel/errors.ts';
import { findSubscriptionOf, startSubscription } from '../../../kernel/metering/index.ts';
import type { Payments } from '../../../kernel/payments/index.ts';
import { type LicenseContext, signLicense } from './licenses.ts';
import { findPlugin } from './plugin-queries.ts';

type Subscription = Static<typeof billing.Subscription>;
type Request = Static<typeof miyabiMarket.licenses.SubscribeRequest>;
type Result = Static<typeof miyabiMarket.licenses.SubscribeResult>;

const DAY_MS = 86_400_000;

export interface SubscribeContext extends LicenseContext {
  db: DatabaseTransactionConnection;
  payments: Payments;
}

/** Whether a subscription entitles now (the kernel's view already shows an ended one as canceled). */
export function entitles(subscription: Subscription | null): boolean {
  return subscription !== null && ['active', 'trialing', 'past_due'].includes(subscription.status);
}

export async function subscribe(
  context: SubscribeContext,
  accountId: string,
  pluginId: string,
  request: Request,
): Promise<{ result: Result; paymentPending: boolean; before: Subscription | null }> {
  const { db } = context;
  const plugin = await findPlugin(db, pluginId);
  if (!plugin) throw notFound('plugin');
  const key = { accountId, product: 'miyabi', subject: pluginId };
  const before = await findSubscriptionOf(db, key);
  if (entitles(before)) {
    throw new DomainError('conflict', `You already subscribe to ${pluginId} (${before?.status}).`);
  }
  if (plugin.requiresPlugin !== null) {
    const base = await findSubscriptionOf(db, { ...key, subject: plugin.requiresPlugin });
    if (!entitles(base)) {
      throw new DomainError(
        'base_plugin_required',
        `${pluginId} is an add-on of ${plugin.requiresPlugin}: subscribe to ${plugin.requiresPlugin} first.`,
      );
    }
  }
  const nowMs = context.now();
  const start = new Date(nowMs).toISOString();
  // The plan catalogue has one miyabi plan per tier; the plugin's tier names it.
  const plan = plugin.tier;
  const paid = plugin.priceAmount > 0;
  // One trial per account and plugin: a subscription that trialed before buys directly.
  const trial = paid && plugin.trialDays > 0 && request.trial !== false && before?.trialEnd == null;
  if (paid && !trial) {
    if (request.successUrl === undefined) {
      throw validationFailed('/body/successUrl', `is required to buy ${pluginId} now`);
    }
    const checkout = await context.payments.createCheckout({
      accountId,
      product: 'miyabi',
      plan,
      subject: pluginId,
      name: plugin.displayName,
      amount: plugin.priceAmount,
      currency: plugin.currency,
      interval:
        plugin.billingPeriod === 'monthly' ? 'month' : plugin.billingPeriod === 'yearly' ? 'year' : null,
      successUrl: request.successUrl,
      cancelUrl: request.cancelUrl ?? request.successUrl,
    });
    return { result: { subscription: null, license: null, checkout }, paymentPending: true, before };
  }
  const trialEnd = trial ? new Date(nowMs + plugin.trialDays * DAY_MS).toISOString() : null;
  const subscription = await startSubscription(db, key, {
    plan,
    status: trial ? 'trialing' : 'active',
    trialEnd,
    currentPeriodStart: start,
    // A trial ends with its period unless the plugin is bought (Stripe's webhook then renews it).
    currentPeriodEnd: trialEnd,
    cancelAtPeriodEnd: trial,
  });
  if (!subscription) throw notFound('account');
  const license = await signLicense(context, accountId, plugin, subscription);
  return { result: { subscription, license, checkout: null }, paymentPending: false, before };
}
