/** Operations for accounts with the admin role, acting on any account. */
import Type from 'typebox';
import { defineOperation } from '../operation.ts';
import { Id, named, StringEnum } from '../schema.ts';
import { PlanName, PRODUCTS, Subscription } from './billing.ts';

export const UpdateSubscriptionRequest = named(
  'UpdateSubscriptionRequest',
  Type.Object(
    {
      plan: PlanName,
      subject: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 200,
          description:
            'The plugin whose plan changes, for a product sold per plugin (`subscribedPer: plugin`); omit it for the whole product. Refused for other products.',
          examples: ['issue-triage'],
        }),
      ),
    },
    { additionalProperties: false },
  ),
  { description: "A plan of the product's catalogue.", example: { plan: 'pro' } },
);

export const updateSubscription = defineOperation({
  operationId: 'admin.subscriptions.update',
  method: 'PUT',
  path: '/v1/admin/accounts/{accountId}/subscriptions/{product}',
  tag: 'admin',
  summary: "Set an account's plan for a product",
  description:
    'Admin role only (403 for other accounts, whatever the id). The subscription becomes `active` on the plan, not set to cancel; the new limits apply to the very next spend. Stripe ids are kept, and a later Stripe event may change the plan again.',
  auth: { scope: 'admin:write' },
  params: Type.Object(
    {
      accountId: Id('The id of the account whose plan changes.', '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d'),
      product: StringEnum([...PRODUCTS], {
        description: 'The product whose plan changes.',
        examples: ['studio'],
      }),
    },
    { additionalProperties: false },
  ),
  body: UpdateSubscriptionRequest,
  audited: true,
  success: { status: 200, description: 'The subscription.', schema: Subscription },
  errors: [403, 404],
});
