// Generated from spec/openapi.json by scripts/generate.ts: do not edit.
// Regenerate with `npm run spec` (packages/sdk); CI runs `npm run spec:check`.

export interface paths {
    "/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account and sign in */
        post: operations["auth.signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password
         * @description A wrong password and an unknown email give the same 401. Repeated failures are rate-limited.
         */
        post: operations["auth.login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a refresh token
         * @description Returns new tokens and retires the one sent. Sending a retired token again revokes every token of its family.
         */
        post: operations["auth.refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a refresh token and its family */
        post: operations["auth.logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the calling account */
        get: operations["me.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename the calling account */
        patch: operations["me.update"];
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys, newest first */
        get: operations["apiKeys.list"];
        put?: never;
        /**
         * Create an API key
         * @description An API key can only grant scopes it has itself.
         */
        post: operations["apiKeys.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description The key fails from the very next request on.
         */
        delete: operations["apiKeys.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the account's audit log, newest first */
        get: operations["auditLog.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Show the current period of every metered metric
         * @description For each product the caller is subscribed to (the free plan when not): limit, used, remaining and `resetsAt`.
         */
        get: operations["usage.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List spends and refunds of quota, newest first */
        get: operations["usage.ledger.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/stripe-webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a Stripe event
         * @description Called by Stripe, not by clients. The `Stripe-Signature` header must hold `t=<unix seconds>` within 5 minutes
         *     and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under the endpoint secret (`STRIPE_WEBHOOK_SECRET`); otherwise 400
         *     and nothing changes. Without a configured secret the endpoint answers 503. Each event id is applied at most once.
         *
         *     `customer.subscription.created|updated|deleted` set the plan of `metadata.accountId` (set it on the subscription,
         *     e.g. through Checkout `subscription_data.metadata`): the plan is the one whose Stripe lookup key is the first
         *     item's `price.lookup_key` (`<product>_<plan>`, e.g. `studio_basic`), else `metadata.product` + `metadata.plan`.
         *     A subscription that is not `active`, `trialing` or `past_due`, or is deleted, puts the account back on the free plan.
         */
        post: operations["billing.stripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/accounts/{accountId}/subscriptions/{product}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set an account's plan for a product
         * @description Admin role only (403 for other accounts, whatever the id). The new limits apply to the very next spend; Stripe ids are kept, and a later Stripe event may change the plan again.
         */
        put: operations["admin.subscriptions.update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Account
         * @description The account behind the credentials of a request.
         * @example {
         *       "id": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "email": "ada@example.com",
         *       "name": "Ada",
         *       "role": "member",
         *       "createdAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        Account: {
            /**
             * Format: uuid
             * @description A UUID.
             */
            id: string;
            /** Format: email */
            email: string;
            name: string | null;
            /** @enum {unknown} */
            role: "member" | "admin";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * ApiKey
         * @description An API key, without its secret.
         * @example {
         *       "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
         *       "name": "CI deploys",
         *       "prefix": "yz_3Fq9",
         *       "scopes": [
         *         "me:read"
         *       ],
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "lastUsedAt": null,
         *       "revokedAt": null
         *     }
         */
        ApiKey: {
            /**
             * Format: uuid
             * @description A UUID.
             */
            id: string;
            name: string;
            /** @description The first characters of the secret, to recognise it. */
            prefix: string;
            /** @description What the key may do: `<resource>:read` or `<resource>:write`. */
            scopes: ("me:read" | "me:write" | "api-keys:read" | "api-keys:write" | "audit-log:read" | "usage:read" | "admin:write")[];
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        /**
         * ApiKeyList
         * @description A page of ApiKey objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
         *           "name": "CI deploys",
         *           "prefix": "yz_3Fq9",
         *           "scopes": [
         *             "me:read"
         *           ],
         *           "createdAt": "2026-11-23T09:00:00.000Z",
         *           "lastUsedAt": null,
         *           "revokedAt": null
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        ApiKeyList: {
            data: components["schemas"]["ApiKey"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * AuditEntry
         * @description One successful mutating request. Append-only.
         * @example {
         *       "id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *       "actor": {
         *         "type": "api_key",
         *         "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
         *       },
         *       "action": "apiKeys.create",
         *       "resource": "api-keys",
         *       "resourceId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
         *       "requestId": "req_5f0c6f2b1d6e4a8f",
         *       "ip": "203.0.113.7",
         *       "createdAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        AuditEntry: {
            /**
             * Format: uuid
             * @description A UUID.
             */
            id: string;
            actor: {
                /** @enum {unknown} */
                type: "account" | "api_key";
                /**
                 * Format: uuid
                 * @description A UUID.
                 */
                id: string;
            };
            /** @description The operationId that was performed. */
            action: string;
            resource: string;
            resourceId: string | null;
            requestId: string;
            ip: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * AuditEntryList
         * @description A page of AuditEntry objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *           "actor": {
         *             "type": "api_key",
         *             "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
         *           },
         *           "action": "apiKeys.create",
         *           "resource": "api-keys",
         *           "resourceId": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
         *           "requestId": "req_5f0c6f2b1d6e4a8f",
         *           "ip": "203.0.113.7",
         *           "createdAt": "2026-11-23T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        AuditEntryList: {
            data: components["schemas"]["AuditEntry"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * CreateApiKeyRequest
         * @description A name and the scopes of a new key.
         * @example {
         *       "name": "CI deploys",
         *       "scopes": [
         *         "me:read"
         *       ]
         *     }
         */
        CreateApiKeyRequest: {
            name: string;
            /** @description What the key may do: `<resource>:read` or `<resource>:write`. */
            scopes: ("me:read" | "me:write" | "api-keys:read" | "api-keys:write" | "audit-log:read" | "usage:read" | "admin:write")[];
        };
        /**
         * CreatedApiKey
         * @description A new API key with its secret, shown only in this response.
         * @example {
         *       "id": "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
         *       "name": "CI deploys",
         *       "prefix": "yz_3Fq9",
         *       "scopes": [
         *         "me:read"
         *       ],
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "lastUsedAt": null,
         *       "revokedAt": null,
         *       "secret": "yz_3Fq9…"
         *     }
         */
        CreatedApiKey: {
            /**
             * Format: uuid
             * @description A UUID.
             */
            id: string;
            name: string;
            /** @description The first characters of the secret, to recognise it. */
            prefix: string;
            /** @description What the key may do: `<resource>:read` or `<resource>:write`. */
            scopes: ("me:read" | "me:write" | "api-keys:read" | "api-keys:write" | "audit-log:read" | "usage:read" | "admin:write")[];
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description The key itself (`yz_…`). Shown once: store it now. */
            secret: string;
        };
        /**
         * FieldProblem
         * @description One invalid field of a request.
         * @example {
         *       "path": "/body/email",
         *       "message": "must match format \"email\""
         *     }
         */
        FieldProblem: {
            /** @description JSON pointer to the offending field, e.g. `/body/email`. */
            path: string;
            message: string;
        };
        /**
         * LoginRequest
         * @description Email and password.
         * @example {
         *       "email": "ada@example.com",
         *       "password": "correct horse battery"
         *     }
         */
        LoginRequest: {
            /** Format: email */
            email: string;
            password: string;
        };
        /**
         * Problem
         * @description An RFC 9457 problem details body, returned with every error.
         * @example {
         *       "type": "https://yorozu.dev/problems/not_found",
         *       "title": "Not Found",
         *       "status": 404,
         *       "detail": "No api key with that id.",
         *       "code": "not_found",
         *       "requestId": "req_5f0c6f2b1d6e4a8f"
         *     }
         */
        Problem: {
            /** @description A URI naming the problem type. */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description Stable machine-readable code, e.g. `validation_failed`. */
            code: string;
            requestId: string;
            errors?: components["schemas"]["FieldProblem"][];
            quota?: components["schemas"]["QuotaState"];
        };
        /**
         * QuotaState
         * @description A metered quota at the moment of the request.
         * @example {
         *       "product": "studio",
         *       "metric": "credits",
         *       "limit": 5,
         *       "used": 5,
         *       "resetsAt": "2026-12-01T00:00:00.000Z"
         *     }
         */
        QuotaState: {
            product: string;
            metric: string;
            /** @description Null when unlimited. */
            limit: number | null;
            used: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            resetsAt: string;
        };
        /**
         * RefreshRequest
         * @description A refresh token from signup, login or a previous refresh.
         * @example {
         *       "refreshToken": "yzr_2b1f…"
         *     }
         */
        RefreshRequest: {
            refreshToken: string;
        };
        /**
         * Session
         * @description A new account or login with its credentials.
         * @example {
         *       "account": {
         *         "id": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *         "email": "ada@example.com",
         *         "name": "Ada",
         *         "role": "member",
         *         "createdAt": "2026-11-23T09:00:00.000Z"
         *       },
         *       "tokens": {
         *         "accessToken": "eyJhbGciOiJIUzI1NiJ9…",
         *         "tokenType": "Bearer",
         *         "expiresIn": 900,
         *         "refreshToken": "yzr_2b1f…"
         *       }
         *     }
         */
        Session: {
            account: components["schemas"]["Account"];
            tokens: components["schemas"]["TokenPair"];
        };
        /**
         * SignupRequest
         * @description A new account.
         * @example {
         *       "email": "ada@example.com",
         *       "password": "correct horse battery",
         *       "name": "Ada"
         *     }
         */
        SignupRequest: {
            /** Format: email */
            email: string;
            /** @description At least 10 characters. */
            password: string;
            /** @description Display name. */
            name?: string;
        };
        /**
         * StripeEvent
         * @description A Stripe event, as Stripe sends it; only its signed raw bytes are trusted.
         * @example {
         *       "id": "evt_1Ab2Cd3Ef4",
         *       "type": "customer.subscription.updated",
         *       "created": 1795424400,
         *       "data": {
         *         "object": {
         *           "id": "sub_1Ab2Cd3Ef4",
         *           "customer": "cus_Q1w2e3r4",
         *           "status": "active",
         *           "metadata": {
         *             "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d"
         *           },
         *           "items": {
         *             "data": [
         *               {
         *                 "price": {
         *                   "lookup_key": "studio_basic"
         *                 }
         *               }
         *             ]
         *           }
         *         }
         *       }
         *     }
         */
        StripeEvent: {
            id: string;
            type: string;
            /** @description Unix seconds. */
            created: number;
            data: {
                object: {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * StripeWebhookReceipt
         * @description How the event was handled.
         * @example {
         *       "outcome": "applied"
         *     }
         */
        StripeWebhookReceipt: {
            /**
             * @description `applied`: the subscription changed; `ignored`: not a subscription event, or not mapped to an account and plan; `duplicate`: this event id was processed before.
             * @enum {unknown}
             */
            outcome: "applied" | "ignored" | "duplicate";
        };
        /**
         * Subscription
         * @description An account's plan for one product. Quota limits follow the plan at once.
         * @example {
         *       "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "product": "studio",
         *       "plan": "basic",
         *       "status": "active",
         *       "currentPeriodStart": "2026-11-01T00:00:00.000Z",
         *       "currentPeriodEnd": "2026-12-01T00:00:00.000Z",
         *       "stripeCustomerId": "cus_Q1w2e3r4",
         *       "stripeSubscriptionId": "sub_1Ab2Cd3Ef4",
         *       "updatedAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        Subscription: {
            /**
             * Format: uuid
             * @description A UUID.
             */
            accountId: string;
            /**
             * @description A Yorozu product.
             * @enum {unknown}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description A plan of the product's catalogue, e.g. `free`, `basic`, `pro`. */
            plan: string;
            /**
             * @description Stripe's status of the subscription; `active` for plans set by an admin or never paid for.
             * @enum {unknown}
             */
            status: "active" | "trialing" | "past_due" | "canceled" | "unpaid" | "incomplete" | "incomplete_expired" | "paused";
            /** @description Stripe's billing period. */
            currentPeriodStart: string | null;
            currentPeriodEnd: string | null;
            stripeCustomerId: string | null;
            stripeSubscriptionId: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * TokenPair
         * @description Credentials issued by signup, login and refresh.
         * @example {
         *       "accessToken": "eyJhbGciOiJIUzI1NiJ9…",
         *       "tokenType": "Bearer",
         *       "expiresIn": 900,
         *       "refreshToken": "yzr_2b1f…"
         *     }
         */
        TokenPair: {
            /** @description JWT for `Authorization: Bearer`, valid for `expiresIn` seconds. */
            accessToken: string;
            /** @constant */
            tokenType: "Bearer";
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            /** @description Opaque, single use, valid for 30 days; rotate it with auth.refresh. */
            refreshToken: string;
        };
        /**
         * UpdateMeRequest
         * @description The fields of the account its owner may change.
         * @example {
         *       "name": "Ada Lovelace"
         *     }
         */
        UpdateMeRequest: {
            name: string | null;
        };
        /**
         * UpdateSubscriptionRequest
         * @description A plan of the product's catalogue.
         * @example {
         *       "plan": "pro"
         *     }
         */
        UpdateSubscriptionRequest: {
            /** @description A plan of the product's catalogue, e.g. `free`, `basic`, `pro`. */
            plan: string;
        };
        /**
         * UsageLedgerEntry
         * @description One spend or refund of quota. Append-only.
         * @example {
         *       "id": "3f2e1d0c-9b8a-4765-8432-10fedcba9876",
         *       "product": "studio",
         *       "metric": "credits",
         *       "subject": null,
         *       "kind": "spend",
         *       "amount": 1,
         *       "reason": "studio.characters.generate",
         *       "referenceId": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
         *       "refundOf": null,
         *       "periodStart": "2026-11-01T00:00:00.000Z",
         *       "createdAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        UsageLedgerEntry: {
            /**
             * Format: uuid
             * @description A UUID.
             */
            id: string;
            /**
             * @description A Yorozu product.
             * @enum {unknown}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description A metric of the product, e.g. `credits` (studio), `images` (stickers). */
            metric: string;
            /** @description The plugin id of a per-plugin metric; null for account-wide metrics. */
            subject: string | null;
            /** @enum {unknown} */
            kind: "spend" | "refund";
            /** @description Positive for a spend, negative for a refund. */
            amount: number;
            /** @description What the quota paid for, e.g. the operation id. */
            reason: string;
            /** @description The resource the spend is about, e.g. a job id. */
            referenceId: string | null;
            /** @description The spend a refund gives back; each at most once. */
            refundOf: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            periodStart: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * UsageLedgerList
         * @description A page of UsageLedgerEntry objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "3f2e1d0c-9b8a-4765-8432-10fedcba9876",
         *           "product": "studio",
         *           "metric": "credits",
         *           "subject": null,
         *           "kind": "spend",
         *           "amount": 1,
         *           "reason": "studio.characters.generate",
         *           "referenceId": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
         *           "refundOf": null,
         *           "periodStart": "2026-11-01T00:00:00.000Z",
         *           "createdAt": "2026-11-23T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        UsageLedgerList: {
            data: components["schemas"]["UsageLedgerEntry"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * UsageMetric
         * @description One metered metric of one product: the caller's plan limit and use in the current period.
         * @example {
         *       "product": "studio",
         *       "metric": "credits",
         *       "per": "account",
         *       "subject": null,
         *       "period": "month",
         *       "plan": "free",
         *       "limit": 5,
         *       "used": 2,
         *       "remaining": 3,
         *       "resetsAt": "2026-12-01T00:00:00.000Z"
         *     }
         */
        UsageMetric: {
            /**
             * @description A Yorozu product.
             * @enum {unknown}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description A metric of the product, e.g. `credits` (studio), `images` (stickers). */
            metric: string;
            /**
             * @description One counter for the account, or one per plugin (`subject`).
             * @enum {unknown}
             */
            per: "account" | "plugin";
            /** @description The plugin id, for a per-plugin metric. Null for account-wide metrics; on a per-plugin metric, null stands for every plugin not listed (nothing used yet this period). */
            subject: string | null;
            /**
             * @description Counters reset at 00:00 UTC each day, or on the 1st of each month.
             * @enum {unknown}
             */
            period: "day" | "month";
            /** @description A plan of the product's catalogue, e.g. `free`, `basic`, `pro`. */
            plan: string;
            /** @description Null when unlimited. */
            limit: number | null;
            used: number;
            /** @description Null when unlimited. */
            remaining: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            resetsAt: string;
        };
        /**
         * UsageSummary
         * @description The current period of every metered metric.
         * @example {
         *       "data": [
         *         {
         *           "product": "studio",
         *           "metric": "credits",
         *           "per": "account",
         *           "subject": null,
         *           "period": "month",
         *           "plan": "free",
         *           "limit": 5,
         *           "used": 2,
         *           "remaining": 3,
         *           "resetsAt": "2026-12-01T00:00:00.000Z"
         *         }
         *       ]
         *     }
         */
        UsageSummary: {
            /** @description Every metric of every product, by product and metric; not paginated (one entry per metric, plus one per plugin used this period). */
            data: components["schemas"]["UsageMetric"][];
        };
    };
    responses: {
        /** @description Malformed request: `validation_failed` (see `errors`) or `invalid_cursor`. */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Missing, malformed, expired or revoked credentials (`unauthenticated`). */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The plan's quota for this metric is used up (`quota_exceeded`, see `quota`). Not worth retrying before `resetsAt`. */
        QuotaExceeded: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The credentials lack the scope or role (`forbidden`). */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No such resource in this account (`not_found`). */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description State conflict (`conflict`), or the same `Idempotency-Key` is still in flight (`idempotency_in_progress`). */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is over the size limit (`payload_too_large`). */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `Idempotency-Key` was used with a different request (`idempotency_key_mismatch`). */
        IdempotencyKeyMismatch: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests (`rate_limited`); see `Retry-After` and `RateLimit-*`. */
        RateLimited: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A bug on our side (`internal`), logged with the request id. */
        Internal: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Temporarily unavailable (`unavailable`); retry after `Retry-After`. */
        Unavailable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description Makes retries safe: a replay within 24 h returns the first response. */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /** @description Identifies the request in logs and support. */
        RequestId: string;
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "auth.signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupRequest"];
            };
        };
        responses: {
            /** @description The new account with its first tokens. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "auth.login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description The account with new tokens. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "auth.refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description New tokens. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "auth.logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "me.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "me.update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMeRequest"];
            };
        };
        responses: {
            /** @description The updated account. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Account"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "apiKeys.list": {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. Opaque. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "apiKeys.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes retries safe: a replay within 24 h returns the first response. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequest"];
            };
        };
        responses: {
            /** @description The key, with its secret shown once. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "apiKeys.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "auditLog.list": {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. Opaque. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "usage.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every metric. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageSummary"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "usage.ledger.list": {
        parameters: {
            query?: {
                /** @description Page size, 1 to 100. */
                limit?: number;
                /** @description The `nextCursor` of the previous page. Opaque. */
                cursor?: string;
                /** @description A Yorozu product. */
                product?: "studio" | "speak" | "nex" | "stickers" | "miyabi";
                /** @description A metric of the product, e.g. `credits` (studio), `images` (stickers). */
                metric?: string;
                /** @description Entries created at or after this time. */
                from?: string;
                /** @description Entries created before this time. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageLedgerList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "billing.stripeWebhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StripeEvent"];
            };
        };
        responses: {
            /** @description The event was received. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StripeWebhookReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "admin.subscriptions.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A UUID. */
                accountId: string;
                /** @description A Yorozu product. */
                product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSubscriptionRequest"];
            };
        };
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
}
