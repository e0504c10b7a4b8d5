/**
 * The caller's subscriptions (docs/architecture.md, Plans and subscriptions): one per product, or
 * one per plugin where the product sells plugins apart (`subject`), with Stripe's lifecycle.
 */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { IdParams, Page, PageQuery } from '../schema.ts';
import { Product, Subscription, subscriptionExample } from './billing.ts';

export const SubscriptionList = Page('SubscriptionList', Subscription, subscriptionExample);

export const list = defineOperation({
  operationId: 'subscriptions.list',
  method: 'GET',
  path: '/v1/subscriptions',
  tag: 'subscriptions',
  summary: "List the account's subscriptions, newest first",
  description:
    'Every subscription the account has or had, ended ones included. A product without one is on its `free` plan.',
  auth: { scope: 'subscriptions:read' },
  query: PageQuery({
    product: Type.Optional({
      ...Product,
      description: "Only this product's subscriptions.",
      examples: ['miyabi'],
    }),
  }),
  success: { status: 200, description: 'A page of subscriptions.', schema: SubscriptionList },
});

export const cancel = defineOperation({
  operationId: 'subscriptions.cancel',
  method: 'POST',
  path: '/v1/subscriptions/{id}/cancel',
  tag: 'subscriptions',
  summary: 'Cancel a subscription at the end of its period',
  description: [
    'Sets `cancelAtPeriodEnd`: the plan stays until `currentPeriodEnd`, then the subscription ends and the',
    'product (or plugin) is back on its `free` plan; nothing is refunded. A subscription Stripe bills is canceled',
    'at Stripe too (503 when this server has no Stripe API key). One without a billing period (set by an admin)',
    'ends at once. Canceling again, or canceling an ended subscription, changes nothing and answers the same.',
  ].join('\n'),
  auth: { scope: 'subscriptions:write' },
  params: IdParams('subscription', subscriptionExample.id),
  audited: true,
  success: { status: 200, description: 'The subscription, as it now stands.', schema: Subscription },
  errors: [404, 503],
});
