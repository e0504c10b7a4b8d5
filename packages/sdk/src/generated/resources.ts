// Generated from spec/openapi.json by scripts/generate.ts: do not edit.
// Regenerate with `npm run spec` (packages/sdk); CI runs `npm run spec:check`.

import type { ListMethod, Method } from '../resource';
import type { operations } from './schema';

/** The first absolute `servers` URL of the spec. */
export const defaultBaseUrl: string | undefined = "http://localhost:3000";

/** The API version the SDK was generated from (`info.version`). */
export const apiVersion = "0.1.0";

/**
 * One `[method, path, flags?, queryNames?]` tuple per operationId, nested by its dotted name.
 * Flags: 1 = cursor-paginated list, 2 = JSON object body (its fields sit beside the path and
 * query parameters), 4 = other JSON body (passed as `body`), 8 = answers an event stream,
 * 16 = answers another non-JSON body (a Blob), 32 = takes a non-JSON body (bytes as `body`).
 */
export const table = {
  auth: {
    signup: ["POST", "/v1/auth/signup", 2],
    login: ["POST", "/v1/auth/login", 2],
    refresh: ["POST", "/v1/auth/refresh", 2],
    logout: ["POST", "/v1/auth/logout", 2],
  },
  me: {
    get: ["GET", "/v1/me"],
    update: ["PATCH", "/v1/me", 2],
  },
  apiKeys: {
    list: ["GET", "/v1/api-keys", 1],
    create: ["POST", "/v1/api-keys", 2],
    delete: ["DELETE", "/v1/api-keys/{id}"],
  },
  auditLog: {
    list: ["GET", "/v1/audit-log", 1],
  },
  usage: {
    list: ["GET", "/v1/usage"],
    ledger: {
      list: ["GET", "/v1/usage/ledger", 1],
    },
  },
  billing: {
    stripeWebhook: ["POST", "/v1/billing/stripe-webhook", 2],
  },
  admin: {
    subscriptions: {
      update: ["PUT", "/v1/admin/accounts/{accountId}/subscriptions/{product}", 2],
    },
  },
};

/** Every operation of the spec as a typed method, named by its operationId. */
export interface Resources {
  auth: {
    /**
     * Create an account and sign in
     *
     * `POST /v1/auth/signup` (`auth.signup`)
     */
    signup: Method<operations['auth.signup']>;
    /**
     * Sign in with email and password
     *
     * A wrong password and an unknown email give the same 401. Repeated failures are rate-limited.
     *
     * `POST /v1/auth/login` (`auth.login`)
     */
    login: Method<operations['auth.login']>;
    /**
     * Rotate a refresh token
     *
     * Returns new tokens and retires the one sent. Sending a retired token again revokes every token of its family.
     *
     * `POST /v1/auth/refresh` (`auth.refresh`)
     */
    refresh: Method<operations['auth.refresh']>;
    /**
     * Revoke a refresh token and its family
     *
     * `POST /v1/auth/logout` (`auth.logout`)
     */
    logout: Method<operations['auth.logout']>;
  };
  me: {
    /**
     * Get the calling account
     *
     * `GET /v1/me` (`me.get`)
     */
    get: Method<operations['me.get']>;
    /**
     * Rename the calling account
     *
     * `PATCH /v1/me` (`me.update`)
     */
    update: Method<operations['me.update']>;
  };
  apiKeys: {
    /**
     * List API keys, newest first
     *
     * `GET /v1/api-keys` (`apiKeys.list`)
     *
     * Returns a page promise: `await` it for the first page, `for await` it for every item,
     * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
     */
    list: ListMethod<operations['apiKeys.list']>;
    /**
     * Create an API key
     *
     * An API key can only grant scopes it has itself.
     *
     * `POST /v1/api-keys` (`apiKeys.create`)
     */
    create: Method<operations['apiKeys.create']>;
    /**
     * Revoke an API key
     *
     * The key fails from the very next request on.
     *
     * `DELETE /v1/api-keys/{id}` (`apiKeys.delete`)
     */
    delete: Method<operations['apiKeys.delete']>;
  };
  auditLog: {
    /**
     * List the account's audit log, newest first
     *
     * `GET /v1/audit-log` (`auditLog.list`)
     *
     * Returns a page promise: `await` it for the first page, `for await` it for every item,
     * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
     */
    list: ListMethod<operations['auditLog.list']>;
  };
  usage: {
    /**
     * Show the current period of every metered metric
     *
     * For each product the caller is subscribed to (the free plan when not): limit, used, remaining and `resetsAt`.
     *
     * `GET /v1/usage` (`usage.list`)
     */
    list: Method<operations['usage.list']>;
    ledger: {
      /**
       * List spends and refunds of quota, newest first
       *
       * `GET /v1/usage/ledger` (`usage.ledger.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['usage.ledger.list']>;
    };
  };
  billing: {
    /**
     * Receive a Stripe event
     *
     * Called by Stripe, not by clients. The `Stripe-Signature` header must hold `t=<unix seconds>` within 5 minutes
     * and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under the endpoint secret (`STRIPE_WEBHOOK_SECRET`); otherwise 400
     * and nothing changes. Without a configured secret the endpoint answers 503. Each event id is applied at most once.
     *
     * `customer.subscription.created|updated|deleted` set the plan of `metadata.accountId` (set it on the subscription,
     * e.g. through Checkout `subscription_data.metadata`): the plan is the one whose Stripe lookup key is the first
     * item's `price.lookup_key` (`<product>_<plan>`, e.g. `studio_basic`), else `metadata.product` + `metadata.plan`.
     * A subscription that is not `active`, `trialing` or `past_due`, or is deleted, puts the account back on the free plan.
     *
     * `POST /v1/billing/stripe-webhook` (`billing.stripeWebhook`)
     */
    stripeWebhook: Method<operations['billing.stripeWebhook']>;
  };
  admin: {
    subscriptions: {
      /**
       * Set an account's plan for a product
       *
       * Admin role only (403 for other accounts, whatever the id). The new limits apply to the very next spend; Stripe ids are kept, and a later Stripe event may change the plan again.
       *
       * `PUT /v1/admin/accounts/{accountId}/subscriptions/{product}` (`admin.subscriptions.update`)
       */
      update: Method<operations['admin.subscriptions.update']>;
    };
  };
}
