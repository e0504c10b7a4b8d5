/** Operations for accounts with the admin role, acting on any account. */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { named, Uuid } from '../schema.ts';
import { PlanName, Product, Subscription } from './billing.ts';

export const UpdateSubscriptionRequest = named(
  'UpdateSubscriptionRequest',
  Type.Object({ plan: PlanName }, { additionalProperties: false }),
  { description: "A plan of the product's catalogue.", example: { plan: 'pro' } },
);

export const updateSubscription = defineOperation({
  operationId: 'admin.subscriptions.update',
  method: 'PUT',
  path: '/v1/admin/accounts/{accountId}/subscriptions/{product}',
  tag: 'admin',
  summary: "Set an account's plan for a product",
  description:
    'Admin role only (403 for other accounts, whatever the id). The new limits apply to the very next spend; Stripe ids are kept, and a later Stripe event may change the plan again.',
  auth: { scope: 'admin:write' },
  params: Type.Object({ accountId: Uuid, product: Product }, { additionalProperties: false }),
  body: UpdateSubscriptionRequest,
  audited: true,
  success: { status: 200, description: 'The subscription.', schema: Subscription },
  errors: [403, 404],
});
