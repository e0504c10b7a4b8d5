/**
 * Per-plugin subscriptions and their licences (docs/products/miyabi.md, Subscriptions and
 * licences): subscribing goes through the kernel's subscriptions (one per account and plugin);
 * every subscription that entitles gets EdDSA-signed licences a plugin verifies offline against
 * the published key set, with a public revocation list for online checks.
 */
import Type from 'typebox';
import { Subscription } from '../kernel/billing.ts';
import { defineOperation } from '../operation.ts';
import { Id, IdParams, named, Page, PageQuery, StringEnum, Timestamp } from '../schema.ts';
import { PluginId, PluginParams } from './market-plugins.ts';

const licenseExample = {
  id: '7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c',
  pluginId: 'miyabi-codegen',
  subscriptionId: '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
  plan: 'pro',
  keyId: 'k_2026-11-30_9f8e7d6c',
  token:
    'eyJhbGciOiJFZERTQSIsImtpZCI6ImtfMjAyNi0xMS0zMF85ZjhlN2Q2YyIsInR5cCI6Im1peWFiaS1saWNlbnNlK2p3dCJ9.eyJwbHVnaW4iOiJtaXlhYmktY29kZWdlbiJ9.c2lnbmF0dXJl',
  expiresAt: '2027-01-06T09:00:00.000Z',
  revokedAt: null,
  createdAt: '2026-11-30T09:00:00.000Z',
};

export const License = named(
  'MiyabiLicense',
  Type.Object({
    id: Id("The licence's id: the JWT's `jti`, which the revocation list names."),
    pluginId: PluginId,
    subscriptionId: Id('The subscription it was issued for.'),
    plan: Type.String({ description: 'The plan (tier) it grants, e.g. `pro`.' }),
    keyId: Type.String({ description: 'The `kid` of the signing key in the published key set.' }),
    token: Type.String({
      description:
        'The licence: a compact JWS (JWT, `alg: EdDSA`, Ed25519) with the claims `iss`, `sub` (account), `aud` (`miyabi:<plugin>`), `jti`, `iat`, `nbf`, `exp`, `plugin`, `tier`, `plan`, `subscription` and `limits`. Keep it secret like an API key.',
    }),
    expiresAt: Timestamp,
    revokedAt: Type.Union([Timestamp, Type.Null()], {
      description:
        'When it was revoked (then listed in the revocation list until it expires); null while valid.',
    }),
    createdAt: Timestamp,
  }),
  { description: 'A signed licence for one plugin subscription.', example: licenseExample },
);

export const LicenseList = Page('MiyabiLicenseList', License, licenseExample);

const checkoutExample = {
  id: 'cs_test_a1B2c3D4',
  url: 'https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4',
};

export const Checkout = named(
  'MiyabiCheckout',
  Type.Object({
    id: Type.String({ description: "The payment provider's checkout session id (Stripe `cs_…`)." }),
    url: Type.String({ format: 'uri', description: 'Where to send the buyer to pay.' }),
  }),
  { description: 'A checkout session at the payment provider.', example: checkoutExample },
);

const subscriptionExample = {
  id: '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f',
  accountId: '0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d',
  product: 'miyabi' as const,
  subject: 'miyabi-codegen',
  plan: 'pro',
  status: 'trialing' as const,
  cancelAtPeriodEnd: true,
  trialEnd: '2026-12-14T09:00:00.000Z',
  currentPeriodStart: '2026-11-30T09:00:00.000Z',
  currentPeriodEnd: '2026-12-14T09:00:00.000Z',
  canceledAt: null,
  stripeCustomerId: null,
  stripeSubscriptionId: null,
  createdAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
};

export const SubscribeResult = named(
  'MiyabiSubscribeResult',
  Type.Object({
    subscription: Type.Union([Subscription, Type.Null()], {
      description: 'The subscription, when it started at once (free, trial); null while payment is pending.',
    }),
    license: Type.Union([License, Type.Null()], {
      description: 'Its first licence, when the subscription started at once; null otherwise.',
    }),
    checkout: Type.Union([Checkout, Type.Null()], {
      description:
        'For a paid plugin bought now: the checkout to complete. The subscription starts when the payment provider confirms it (Stripe webhook).',
    }),
  }),
  {
    description: 'What subscribing started: a subscription with its licence, or a checkout to pay first.',
    example: { subscription: subscriptionExample, license: licenseExample, checkout: null },
  },
);

export const SubscribeRequest = named(
  'MiyabiSubscribeRequest',
  Type.Object(
    {
      trial: Type.Optional(
        Type.Boolean({
          description:
            'For a paid plugin with a trial: start the trial (default true) or pay now (false). Ignored for free plugins.',
        }),
      ),
      successUrl: Type.Optional(
        Type.String({
          format: 'uri',
          maxLength: 2000,
          pattern: '^https?://',
          description: 'Where the payment provider sends the buyer after paying (needed when paying now).',
        }),
      ),
      cancelUrl: Type.Optional(
        Type.String({
          format: 'uri',
          maxLength: 2000,
          pattern: '^https?://',
          description: 'Where the payment provider sends the buyer who gives up (defaults to `successUrl`).',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  { description: 'How to subscribe.', example: { trial: true } },
);

export const subscribe = defineOperation({
  operationId: 'miyabi.subscriptions.create',
  method: 'POST',
  path: '/v1/miyabi/plugins/{id}/subscription',
  tag: 'miyabi',
  summary: 'Subscribe to a plugin',
  description:
    "One subscription per account and plugin (409 `conflict` while one entitles). A free plugin starts at once (`active`); a paid plugin with a trial starts `trialing`, set to end with the trial unless it is bought; a paid plugin bought now answers 202 with a checkout at the payment provider (503 when none is configured), and its subscription starts with the provider's webhook. An add-on needs an entitling subscription to its base plugin: 409 `base_plugin_required` otherwise. Cancel with `POST /v1/subscriptions/{id}/cancel` (at period end).",
  auth: { scope: 'miyabi:write' },
  params: PluginParams,
  body: SubscribeRequest,
  idempotent: true,
  audited: true,
  success: {
    status: 201,
    description: 'The subscription started, with its licence.',
    schema: SubscribeResult,
  },
  alternativeSuccess: { status: 202, description: 'A checkout to pay; the subscription starts once paid.' },
  errors: [404, 409],
});

export const issue = defineOperation({
  operationId: 'miyabi.licenses.create',
  method: 'POST',
  path: '/v1/miyabi/plugins/{id}/license',
  tag: 'miyabi',
  summary: 'Issue a fresh licence for your subscription to a plugin',
  description:
    'Signs a new licence with the current key, valid until the end of the period plus a grace of 7 days (a subscription with no period end: 30 days from now; one set to cancel: its period end, no grace). Only while the subscription entitles and is not `past_due`: canceled or past-due subscriptions stop being renewed (409). Earlier licences stay valid until they expire.',
  auth: { scope: 'miyabi:write' },
  params: PluginParams,
  idempotent: true,
  audited: true,
  success: { status: 201, description: 'The licence.', schema: License },
  errors: [404, 409],
});

export const list = defineOperation({
  operationId: 'miyabi.licenses.list',
  method: 'GET',
  path: '/v1/miyabi/licenses',
  tag: 'miyabi',
  summary: 'List your licences, newest first',
  description: 'Every licence issued to the caller, expired and revoked ones included.',
  auth: { scope: 'miyabi:read' },
  query: PageQuery({
    plugin: Type.Optional({ ...PluginId, description: 'Only the licences of this plugin.' }),
  }),
  success: { status: 200, description: 'A page of licences.', schema: LicenseList },
});

export const revoke = defineOperation({
  operationId: 'miyabi.licenses.revoke',
  method: 'POST',
  path: '/v1/miyabi/licenses/{id}/revoke',
  tag: 'miyabi',
  summary: 'Revoke a licence',
  description:
    'For a leaked licence: it joins the public revocation list until it expires. Revoking again changes nothing. The subscription is not affected; issue a new licence.',
  auth: { scope: 'miyabi:write' },
  params: IdParams('licence', licenseExample.id),
  audited: true,
  success: { status: 200, description: 'The revoked licence.', schema: License },
  errors: [404],
});

const jwkExample = {
  kty: 'OKP' as const,
  crv: 'Ed25519' as const,
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  kid: 'k_2026-11-30_9f8e7d6c',
  alg: 'EdDSA' as const,
  use: 'sig' as const,
};

export const PublicJwk = named(
  'MiyabiPublicJwk',
  Type.Object({
    kty: StringEnum(['OKP'], { description: 'Key type (RFC 8037): octet key pair.' }),
    crv: StringEnum(['Ed25519'], { description: 'The curve.' }),
    x: Type.String({ description: 'The public key, base64url.' }),
    kid: Type.String({ description: 'The key id, as in a licence header.' }),
    alg: StringEnum(['EdDSA'], { description: 'The signature algorithm.' }),
    use: StringEnum(['sig'], { description: 'Signatures only.' }),
  }),
  { description: 'A public signing key of licences (RFC 7517, RFC 8037).', example: jwkExample },
);

export const Jwks = named(
  'MiyabiJwks',
  Type.Object({
    keys: Type.Array(PublicJwk, {
      description:
        'The current signing key and every retired key whose licences may not have expired yet, newest first.',
    }),
  }),
  {
    description: 'The JSON Web Key Set that verifies licences (RFC 7517, section 5).',
    example: { keys: [jwkExample] },
  },
);

export const jwks = defineOperation({
  operationId: 'miyabi.licenses.jwks',
  method: 'GET',
  path: '/v1/miyabi/.well-known/jwks.json',
  tag: 'miyabi',
  summary: 'The public keys that verify licences',
  description:
    'Public and cacheable (`Cache-Control: public, max-age=300`): plugins fetch it once and verify licences offline (`verifyLicense` in `@yorozu/sdk/license`). Keys rotate; a retired key stays until every licence it signed has expired.',
  auth: 'public',
  success: {
    status: 200,
    description: 'The key set.',
    schema: Jwks,
    contentTypes: ['application/json'],
    headers: ['CacheControl'],
  },
});

const revocationExample = {
  licenseId: licenseExample.id,
  pluginId: 'miyabi-codegen',
  reason: 'revoked_by_owner' as const,
  revokedAt: '2026-11-30T10:00:00.000Z',
  expiresAt: '2027-01-06T09:00:00.000Z',
};

export const Revocation = named(
  'MiyabiLicenseRevocation',
  Type.Object({
    licenseId: Id('The revoked licence (its `jti`).'),
    pluginId: PluginId,
    reason: StringEnum(['revoked_by_owner', 'subscription_ended'], {
      description:
        '`revoked_by_owner`: its holder revoked it; `subscription_ended`: its subscription ended at once.',
    }),
    revokedAt: Timestamp,
    expiresAt: Timestamp,
  }),
  { description: 'A licence revoked before its expiry.', example: revocationExample },
);

export const RevocationList = Page('MiyabiLicenseRevocationList', Revocation, revocationExample);

export const revocations = defineOperation({
  operationId: 'miyabi.licenseRevocations.list',
  method: 'GET',
  path: '/v1/miyabi/license-revocations',
  tag: 'miyabi',
  summary: 'The licence revocation list, newest first',
  description:
    'Public: licences revoked before their expiry, for online checks; a licence leaves the list when it expires (it fails offline verification from then on anyway). Ordered by revocation time.',
  auth: 'optional',
  query: PageQuery({
    plugin: Type.Optional({ ...PluginId, description: "Only this plugin's revocations." }),
  }),
  success: { status: 200, description: 'A page of revocations.', schema: RevocationList },
});

export const SigningKey = named(
  'MiyabiSigningKey',
  Type.Object({
    kid: Type.String({ description: 'The new key id.' }),
    createdAt: Timestamp,
  }),
  {
    description: 'The key that signs licences from now on.',
    example: { kid: jwkExample.kid, createdAt: '2026-11-30T09:00:00.000Z' },
  },
);

export const rotate = defineOperation({
  operationId: 'miyabi.licenseKeys.rotate',
  method: 'POST',
  path: '/v1/miyabi/license-keys',
  tag: 'miyabi',
  summary: 'Rotate the licence signing key',
  description:
    'Admin role only (403 otherwise). A new Ed25519 key signs from now on; the previous one stays in the key set until every licence it signed has expired, so no licence stops verifying. Keys also rotate by themselves every 30 days.',
  auth: { scope: 'admin:write' },
  audited: true,
  success: { status: 201, description: 'The new signing key.', schema: SigningKey },
  errors: [403],
});
