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
        /**
         * Create an account and sign in
         * @description Creates the account on every product's free plan and answers with its first tokens. An email already in use is a 409. Repeated attempts are rate-limited.
         */
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
        /**
         * Revoke a refresh token and its family
         * @description Signs out: the refresh token and every token rotated from the same login stop working. Access tokens already issued stay valid until they expire (15 minutes).
         */
        post: operations["auth.logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/oauth/{provider}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start signing in with GitHub or Google
         * @description Open this URL in the user's browser (the SDK's `client.auth.oauth.startUrl({ provider })` builds it). It answers `302` to the provider's consent page with a fresh `state`, a PKCE `S256` code challenge and, for OpenID Connect, a `nonce`, and sets a sealed cookie (10 minutes) that binds them to this browser. The provider then sends the browser to `/v1/auth/oauth/{provider}/callback`. A provider that is not configured on the server is 404 `oauth_provider_not_configured`.
         */
        get: operations["auth.oauth.start"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/oauth/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Finish signing in with GitHub or Google
         * @description Where the provider sends the browser back. Checks `state` against the cookie the start set (once: the cookie is cleared), exchanges the code with the PKCE verifier, verifies the ID token (Google: signature, issuer, audience, expiry, nonce) or reads the user API (GitHub: `/user` and `/user/emails`), then signs in: the account linked to this identity; else the account with the same email when the provider has verified it (the identity is linked to it); else a new account without a password. An email the provider has not verified never links or creates an account (403 `oauth_email_unverified`). Answers with the same `Session` as a login. The browser reaches it through the provider, not the SDK.
         */
        get: operations["auth.oauth.callback"];
        put?: never;
        post?: never;
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
        /**
         * Get the calling account
         * @description The account the credentials belong to: with an API key, the account that created the key.
         *
         *     Requires scope `me:read`.
         */
        get: operations["me.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the calling account
         * @description Changes the display name. Email and role are not changed here.
         *
         *     Requires scope `me:write`.
         */
        patch: operations["me.update"];
        trace?: never;
    };
    "/v1/me/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List linked sign-in identities, newest first
         * @description The GitHub and Google accounts that sign in to this account (linked by signing in with them). No provider token is kept.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `me:read`.
         */
        get: operations["me.identities.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/identities/{id}": {
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
         * Unlink a sign-in identity
         * @description The identity no longer signs in to this account. Refused with 409 `last_sign_in_method` when it is the only way in (no password and no other identity).
         *
         *     Requires scope `me:write`.
         */
        delete: operations["me.identities.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the caller's profile
         * @description The caller's profile, published or not; an account that never set one gets an empty private profile.
         *
         *     Requires scope `me:read`.
         */
        get: operations["me.profile.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the caller's profile
         * @description Sets the fields sent. A handle taken by another profile (ignoring case) is 409. `visibility: "public"` needs a handle (400). The avatar must be one of the caller's files (400 otherwise).
         *
         *     Requires scope `me:write`.
         */
        patch: operations["me.profile.update"];
        trace?: never;
    };
    "/v1/me/follows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List follows from or to the caller, newest first
         * @description `direction=following`: the profiles the caller follows; `direction=followers`: the accounts that follow the caller.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `me:read`.
         */
        get: operations["me.follows.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/profiles/{handle}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a public profile
         * @description Anyone may call this, with or without credentials. A profile that is not public answers 404 like a handle nobody has, except to its owner.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `me:read`.
         */
        get: operations["profiles.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/profiles/{handle}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Follow a public profile
         * @description Adds the caller to the profile's followers (once; following again changes nothing) and counts it in its `followerCount`. Your own profile cannot be followed (409).
         *
         *     Requires scope `profiles:write`.
         */
        post: operations["profiles.follow"];
        /**
         * Stop following a profile
         * @description Removes the caller's follow; 404 when the caller does not follow a profile with that handle.
         *
         *     Requires scope `profiles:write`.
         */
        delete: operations["profiles.unfollow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys, newest first
         * @description The account's keys, revoked ones included, without their secrets.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `api-keys:read`.
         */
        get: operations["apiKeys.list"];
        put?: never;
        /**
         * Create an API key
         * @description An API key can only grant scopes it has itself.
         *
         *     Requires scope `api-keys:write`.
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
         *
         *     Requires scope `api-keys:write`.
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
        /**
         * List the account's audit log, newest first
         * @description Every successful request that changed something in the account: who, what, when and from where.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `audit-log:read`.
         */
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
         *
         *     Requires scope `usage:read`.
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
        /**
         * List spends and refunds of quota, newest first
         * @description The append-only record behind `GET /v1/usage`, filtered by product, metric and time.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `usage:read`.
         */
        get: operations["usage.ledger.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every plan with its price and limits
         * @description The whole catalogue (it is small, so it comes in one response), for a pricing page or a CLI.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["plans.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's subscriptions, newest first
         * @description Every subscription the account has or had, ended ones included. A product without one is on its `free` plan.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `subscriptions:read`.
         */
        get: operations["subscriptions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a subscription at the end of its period
         * @description Sets `cancelAtPeriodEnd`: the plan stays until `currentPeriodEnd`, then the subscription ends and the
         *     product (or plugin) is back on its `free` plan; nothing is refunded. A subscription Stripe bills is canceled
         *     at Stripe too (503 when this server has no Stripe API key). One without a billing period (set by an admin)
         *     ends at once. Canceling again, or canceling an ended subscription, changes nothing and answers the same.
         *
         *     Requires scope `subscriptions:write`.
         */
        post: operations["subscriptions.cancel"];
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
         *     Where the product sells one subscription per plugin, `metadata.subject` names the plugin (without it the
         *     subscription covers every plugin). Status, billing period, `cancel_at_period_end`, `trial_end` and `canceled_at`
         *     are copied. A subscription that is not `active`, `trialing` or `past_due`, is deleted, or was set to cancel at
         *     period end and reached it, leaves the account on the free plan.
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
         * @description Admin role only (403 for other accounts, whatever the id). The subscription becomes `active` on the plan, not set to cancel; the new limits apply to the very next spend. Stripe ids are kept, and a later Stripe event may change the plan again.
         *
         *     Requires scope `admin:write`.
         */
        put: operations["admin.subscriptions.update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List jobs, newest first
         * @description The account's jobs, newest first, optionally only those of one `status` and/or one `type`.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `jobs:read`.
         */
        get: operations["jobs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a job
         * @description Where the job stands: `status`, `progress` (0 to 100), and once final its `result` or `error`. Poll it, or follow `GET /v1/jobs/{id}/events` to be told of each change.
         *
         *     Requires scope `jobs:read`.
         */
        get: operations["jobs.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a job
         * @description A queued job never runs; a running one is told to stop and its outcome is discarded. Quota it reserved is refunded. Canceling a canceled job returns it unchanged; a succeeded or failed job is a 409.
         *
         *     Requires scope `jobs:write`.
         */
        post: operations["jobs.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream a job's changes (Server-Sent Events)
         * @description One event per change, each with `id:` (a sequence number per job), `event: progress` while the job is queued or running and `event: final` for its final status, and `data:` the job as JSON. The stream starts with every event so far (or those after `Last-Event-ID`), sends a comment every 15 seconds, and closes after the final event; a stream resumed after the final event sends the final event again.
         *
         *     Requires scope `jobs:read`.
         */
        get: operations["jobs.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List files, newest first
         * @description Uploaded files and the images products generated, without their bytes.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `files:read`.
         */
        get: operations["files.list"];
        put?: never;
        /**
         * Upload a file
         * @description Send the file itself as the body: an image (PNG, JPEG, WebP, SVG), audio (WAV, MP3, Ogg Opus/Vorbis, WebM Opus/Vorbis, M4A AAC/ALAC), video (MP4, WebM), a PDF or a ZIP archive. Its type is read from the bytes, whatever `Content-Type` says (a PNG sent as `audio/mpeg` is stored as the PNG it is). Each kind has its own size limit (by default 10 MiB for images, 50 MiB for audio and PDF, 100 MiB for ZIP, 200 MiB for video; 413 over it). An MP4 or WebM is video when its first 4 KiB list a video track (an MP4 with `moov` before `mdat`), else audio. An SVG must be well-formed XML with no scripts, event handlers, DOCTYPE or external references; an image must declare its size within the pixel limit; audio must have a readable header giving its duration, sample rate and channels, video its duration, pixel size and codec; a PDF must have its header and end-of-file marker, a ZIP its central directory. Anything else, or a file cut short, is 400 `validation_failed`.
         *
         *     Requires scope `files:write`.
         */
        post: operations["files.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file's bytes
         * @description Served with its sniffed `Content-Type`, `Cache-Control: private`, `X-Content-Type-Options: nosniff`, a `Content-Security-Policy` that keeps an SVG from running anything, and `Content-Disposition` with the filename given at upload (else `<id>.<extension>`). Audio can be played and seeked: one byte `Range` is answered 206 with `Content-Range` (416 past the end; several ranges get the whole file), and `If-Range` with the `ETag` keeps a resumed download from mixing two versions. An `Accept` header that excludes the file's type is 406 `not_acceptable`; without `Accept`, or with `*\/*` or `type/*`, any type is served. With the SDK: `client.files.get({ id }, { headers: { range: "bytes=0-1023" } })`.
         *
         *     A file's visibility follows what owns it: the caller's own files, a file shared with the caller (a digital product it bought), and a file anyone may read (a public profile's avatar) are served, the last one without any credential; any other id is 404, exactly like a missing one.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `files:read`.
         */
        get: operations["files.get"];
        put?: never;
        post?: never;
        /**
         * Delete a file
         * @description A file that something of the account still refers to (a character, a sticker) is a 409.
         *
         *     Requires scope `files:write`.
         */
        delete: operations["files.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/characters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List characters, newest first
         * @description Filters combine with AND; feature filters match exact values, each through the GIN index on `features`. `include=differences` adds each character's newest difference per expression (a gallery page in one query).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.characters.list"];
        put?: never;
        /**
         * Create a character
         * @description Derives and stores the master prompt from the features. `baseImageFileId` must name a file of the calling account.
         *
         *     Requires scope `studio:write`.
         */
        post: operations["studio.characters.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/characters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a character
         * @description Its features, the master prompt derived from them and the mean consistency of its differences.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.characters.get"];
        put?: never;
        post?: never;
        /**
         * Delete a character
         * @description Deletes its differences and generation batches too; credit transactions stay, without the character.
         *
         *     Requires scope `studio:write`.
         */
        delete: operations["studio.characters.delete"];
        options?: never;
        head?: never;
        /**
         * Rename a character
         * @description Only the name changes: the features and the master prompt stay, so expressions keep matching.
         *
         *     Requires scope `studio:write`.
         */
        patch: operations["studio.characters.update"];
        trace?: never;
    };
    "/v1/studio/characters/{id}/generations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a character's generation batches, newest first
         * @description Every batch of the character, newest first, whatever its status; keyset pages (see Pagination).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.generations.list"];
        put?: never;
        /**
         * Generate expressions of a character
         * @description Queues one image per expression and spends one credit for the batch, whatever its size, reported in `Yorozu-Quota-Remaining` and `Yorozu-Quota-Reset`. Out of credits: 402 `quota_exceeded` with the reset date. A batch that fails gives its credit back. Send an `Idempotency-Key` to retry safely.
         *
         *     Requires scope `studio:write`.
         */
        post: operations["studio.generations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/generations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a generation batch
         * @description A batch by its id (the 202's `batchId`): its status, how many of its expressions are drawn, and its job.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.generations.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/characters/{id}/differences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a character's differences by expression
         * @description Ordered by expression name, then newest first within an expression.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.differences.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/differences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a difference
         * @description One generated expression: its image, consistency score and how it was drawn.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.differences.get"];
        put?: never;
        post?: never;
        /**
         * Delete a difference
         * @description Deletes the difference and its image file. The credit it was part of is not refunded.
         *
         *     Requires scope `studio:write`.
         */
        delete: operations["studio.differences.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/credits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the studio credits of this month
         * @description The studio plan's monthly credits, how many are used and when they reset. The same numbers as the `studio`/`credits` entry of `GET /v1/usage`.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.credits.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/credit-transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List credit transactions, newest first
         * @description Filter by a month range with `fromMonth` and `toMonth` (`YYYY-MM`, inclusive).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.creditTransactions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/studio/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get studio totals
         * @description Counts and the mean consistency score across every character of the account, always current.
         *
         *     Requires scope `studio:read`.
         */
        get: operations["studio.stats.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the caller's learner profile
         * @description 404 until the learner has created it with `PUT /v1/speak/profile`.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.profile.get"];
        /**
         * Create or replace the caller's learner profile
         * @description Language codes are BCP 47 tags; the timezone must be an IANA zone this server knows (400 otherwise). The current pair must be native → one of the target languages.
         *
         *     Requires scope `speak:write`.
         */
        put: operations["speak.profile.update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/languages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the learner's language settings, newest first
         * @description One entry per language the learner has set up.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.languages.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/languages/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the settings of one language
         * @description 404 when the learner has not set the language up.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.languages.get"];
        /**
         * Create or replace the settings of one language
         * @description The running totals are the service's and stay as they are.
         *
         *     Requires scope `speak:write`.
         */
        put: operations["speak.languages.update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/scripts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List scripts, newest first
         * @description The public catalogue, plus the caller's own scripts when signed in. Filters combine with AND; `tag` matches scripts carrying that tag.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `speak:read`.
         */
        get: operations["speak.scripts.list"];
        put?: never;
        /**
         * Write a private script
         * @description Only the caller sees it and can start conversations with it.
         *
         *     Requires scope `speak:write`.
         */
        post: operations["speak.scripts.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/scripts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a script
         * @description A catalogue script, or one of the caller's own; another learner's private script is 404.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `speak:read`.
         */
        get: operations["speak.scripts.get"];
        put?: never;
        post?: never;
        /**
         * Delete one of your scripts
         * @description Conversations that used it keep their history and lose the link. Catalogue scripts cannot be deleted (404).
         *
         *     Requires scope `speak:write`.
         */
        delete: operations["speak.scripts.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List conversations, newest first
         * @description The caller's conversations; `from`/`to` bound the start time.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.conversations.list"];
        put?: never;
        /**
         * Start a conversation
         * @description Starts a conversation, from a script or free. With a script, the partner's first line (if the script opens with one) is the first message, and the learner's first line a `script_suggestion`.
         *
         *     Requires scope `speak:write`.
         */
        post: operations["speak.conversations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a conversation
         * @description Its counts, and its scores once ended.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.conversations.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/conversations/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a conversation
         * @description In one transaction: its duration and heuristic scores, the progress of its target language (30-day averages, study minutes, streak in the learner's timezone, weekly minutes), the script's statistics and the achievements earned. Ending an ended conversation changes nothing and answers it as it is.
         *
         *     Requires scope `speak:write`.
         */
        post: operations["speak.conversations.end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/conversations/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream a conversation's replies (Server-Sent Events)
         * @description Every event so far (or those after `Last-Event-ID`), then each new one as it is written; a comment every 15 seconds; closes after `ended`. A reply retried after a worker failure may stream its deltas again under new ids.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.conversations.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/conversations/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a conversation's messages, newest first
         * @description Every message type; reverse a page to show it as a chat.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.messages.list"];
        put?: never;
        /**
         * Send a learner turn
         * @description Stores the turn and queues the partner's reply. A turn with audio first reserves its measured duration, rounded up to the second, from the monthly microphone quota: when it does not fit, 402 `quota_exceeded` and nothing is stored. An ended conversation is 409.
         *
         *     Requires scope `speak:write`.
         */
        post: operations["speak.messages.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List progress per language, newest first
         * @description One entry per language with an ended conversation.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.progress.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/achievements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List achievements with the learner's progress
         * @description Checked and earned when conversations end; each is earned once.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.achievements.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/speak/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List microphone and conversation usage per hour or day
         * @description Hourly rows are written in the transaction that spends the microphone quota, so they agree with the ledger (`GET /v1/usage/ledger`). `granularity=day` sums them per UTC day.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `speak:read`.
         */
        get: operations["speak.usage.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stickers/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List rendered stickers, newest first
         * @description The account's sticker history, filtered by rarity, attribute and creation time.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `stickers:read`.
         */
        get: operations["stickers.images.list"];
        put?: never;
        /**
         * Render a sticker
         * @description Spends one image of the daily quota (free 10, pro 200; resets at 00:00 UTC) and answers 202 with the job that draws it. When the account drew the same request within the cache lifetime (7 days by default), answers 201 with that image at once: no job, no quota.
         *
         *     Requires scope `stickers:write`.
         */
        post: operations["stickers.images.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stickers/images/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a rendered sticker
         * @description What was asked for and where the image is (`imageUrl`, `GET /v1/files/{fileId}`).
         *
         *     Requires scope `stickers:read`.
         */
        get: operations["stickers.images.get"];
        put?: never;
        post?: never;
        /**
         * Delete a rendered sticker
         * @description Deletes the image, its file and its cache entry: the same request renders anew.
         *
         *     Requires scope `stickers:write`.
         */
        delete: operations["stickers.images.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stickers/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List daily sticker usage, newest day first
         * @description Only days with activity are listed. `from` and `to` are UTC days, both included.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `stickers:read`.
         */
        get: operations["stickers.usage.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/creators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join nex as a creator
         * @description Creates the caller's public creator profile. Under 13 on the day of joining is 400; a username taken (ignoring case), or an account that joined already, is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.creators.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/creators/{username}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a creator
         * @description Anyone may call this, with or without credentials.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.creators.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the caller's creator profile
         * @description Only the profile's owner may change it; another creator's is 404. A `newUsername` already taken (ignoring case) is 409.
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.creators.update"];
        trace?: never;
    };
    "/v1/nex/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the category tree
         * @description The whole tree in one response (it is small). Filtering artworks by a category includes its descendants.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["nex.categories.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browse and search artworks
         * @description Anyone may call this. Filters combine with AND. Results come in the order of `sort`, ties broken newest first; `relevance` ranks title matches first, then by trigram similarity of the title to the query (a heuristic, see docs/products/nex.md).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.artworks.list"];
        put?: never;
        /**
         * Create an artwork (a draft)
         * @description The caller must have joined nex (`POST /v1/nex/creators`, else 409). `fileId` must be a file of the caller and `category` a known slug (400 otherwise); `isFree`, when sent, must agree with `priceAmount`.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.artworks.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an artwork
         * @description Anyone may read a published artwork; a draft or archived one is 404 to all but its owner.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.artworks.get"];
        put?: never;
        post?: never;
        /**
         * Delete an artwork
         * @description Deletes it with its tags, likes and comments. Only the owner may.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.artworks.delete"];
        options?: never;
        head?: never;
        /**
         * Change an artwork
         * @description Only the owner may; another account's artwork is 404.
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.artworks.update"];
        trace?: never;
    };
    "/v1/nex/artworks/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish an artwork
         * @description Makes a draft or archived artwork public. Publishing again changes nothing. The first publication earns `artwork_post` EXP. An artwork without media is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.artworks.publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive an artwork
         * @description Withdraws a published artwork from the public (its likes and comments stay). Archiving again changes nothing; a draft cannot be archived (409).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.artworks.archive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks/{id}/like": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Like an artwork
         * @description Idempotent: liking again returns the same like. Only published artworks can be liked (a draft is 404 to others); your own artwork is 409. The artwork's owner earns `like_received` EXP within its daily cap.
         *
         *     Requires scope `nex:write`.
         */
        put: operations["nex.artworks.like"];
        post?: never;
        /**
         * Remove a like
         * @description Idempotent: 204 whether or not the caller liked the artwork. EXP already earned stays.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.artworks.unlike"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/likes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List likes given or received by the caller, newest first
         * @description `direction=given` (default): the caller's likes; `direction=received`: likes on the caller's artworks.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.likes.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an artwork's comments, newest first
         * @description Anyone who can see the artwork may call this. Without `parentId`, the top-level comments; with it, the replies to that comment.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.comments.list"];
        put?: never;
        /**
         * Comment on an artwork
         * @description Only on a published artwork. A reply (`parentId`) carries no rating (400) and cannot answer a deleted or hidden comment (409). Earns `comment_post` EXP within its daily cap.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.comments.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/comments/{id}": {
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
         * Delete a comment
         * @description Only its author. The comment stays as a `deleted` placeholder so its replies keep their thread.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.comments.delete"];
        options?: never;
        head?: never;
        /**
         * Edit a comment
         * @description Only its author, within 15 minutes of writing it (409 after); a deleted or hidden comment is 409.
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.comments.update"];
        trace?: never;
    };
    "/v1/nex/comments/{id}/hide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hide a comment on your artwork
         * @description Only the artwork's owner; idempotent. The comment shows as a `hidden` placeholder.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.comments.hide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/comments/{id}/unhide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Show a comment you hid
         * @description Only the artwork's owner; idempotent.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.comments.unhide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/creators/{username}/fan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Become a fan of a creator
         * @description Idempotent: becoming a fan again returns the same relation. Yourself is 409.
         *
         *     Requires scope `nex:write`.
         */
        put: operations["nex.creators.fan"];
        post?: never;
        /**
         * Stop being a fan of a creator
         * @description Idempotent: 204 whether or not the caller was a fan; 404 only when no creator has that username.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.creators.unfan"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/creators/{username}/fans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a creator's fans, newest first
         * @description Anyone may call this.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.fans.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/creators/{username}/following": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the creators a creator is a fan of, newest first
         * @description Anyone may call this.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.following.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The level curve
         * @description Level n needs 100·(n−1)² total EXP: 100 for level 2, 400 for level 3, 8 100 for level 10.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["nex.levels.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/exp-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The actions that earn EXP
         * @description Each action with its EXP and daily cap.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["nex.expActions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/exp-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's EXP earnings, newest first
         * @description One entry per earning, with the resource it was about.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.expLog.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/achievements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Achievements, with the caller's progress
         * @description Anyone may call this; with credentials, each carries the caller's progress. Hidden achievements appear once the caller has earned them.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.achievements.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/check-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check in for the day
         * @description Earns `daily_login` EXP once per UTC day and extends the streak on consecutive days; checking in again the same day changes nothing. The caller must have joined nex (409).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.checkIns.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/collaborations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List collaboration requests sent or received, newest first
         * @description `direction=received` (default) or `sent`.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.collaborations.list"];
        put?: never;
        /**
         * Ask a creator to collaborate
         * @description The caller must have joined nex (409). Exactly one of `artworkId` and `project` (400); asking yourself is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.collaborations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/collaborations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a collaboration request
         * @description Only its sender and recipient; anyone else gets 404.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.collaborations.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/collaborations/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a collaboration request
         * @description Only the recipient (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.collaborations.accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/collaborations/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a collaboration request
         * @description Only the recipient (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.collaborations.decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/collaborations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a collaboration request
         * @description Only the sender (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.collaborations.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks/{id}/views": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a view of an artwork
         * @description Anyone may call this. The view is buffered and added to `viewCount` by a task that runs every minute. Only published artworks (404 otherwise).
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        post: operations["nex.artworks.view"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/artworks/popular": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Popular artworks
         * @description Published artworks by popularity, the original design's weighting: 0.4 × likes + 0.3 × views + 0.3 × comments, ties newest first.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.artworks.popular"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/creators/{username}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A creator's statistics
         * @description Anyone may call this.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.creators.stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a payment
         * @description Only its payer; anyone else's payment is 404.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.payments.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/payments/{id}/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a test-mode payment
         * @description Test mode only (`PAYMENT_PROVIDER=local`, the default for `npm start`): does what a buyer does at the
         *     provider. The local provider sends the webhook a Stripe-shaped `payment_intent.succeeded` (or
         *     `payment_intent.payment_failed`) event signed with the webhook secret, and the payment is confirmed by
         *     the same verifying handler that confirms real payments. Only the payer (404 for others); 409 when the
         *     server uses a real provider or the payment is no longer pending.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.payments.simulate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/payments/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a payment event
         * @description Called by the payment provider, not by clients. The `Stripe-Signature` header must hold `t=<unix seconds>`
         *     within 5 minutes and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under `PAYMENTS_WEBHOOK_SECRET`; otherwise 400
         *     and nothing changes. Each event id is applied at most once. `payment_intent.succeeded` confirms the payment
         *     named by `metadata.paymentId` (amount and currency must match) and delivers what it paid for;
         *     `payment_intent.payment_failed` and `payment_intent.canceled` fail it and release what it reserved.
         */
        post: operations["nex.payments.webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's ledger entries, newest first
         * @description Sales, tickets, donations, commissions, refunds, fees and withdrawals as they touched the caller's books.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.transactions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the caller's balances
         * @description Derived from the ledger: the sum of the entries of each book, per currency.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.balance.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your withdrawals, newest first
         * @description The caller’s withdrawals in every status.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.withdrawals.list"];
        put?: never;
        /**
         * Withdraw from your available balance
         * @description Holds the amount at once (`available` → `withdrawing` in the ledger) if the available balance in that currency covers it, else 409; concurrent requests are checked one after another, so they never withdraw more than the balance together. The worker pays it out through the payout provider within a minute or so: `paid`, or `failed` with the money returned to `available`.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.withdrawals.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/withdrawals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a withdrawal
         * @description Only its owner (404 for anyone else).
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.withdrawals.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List products, newest first
         * @description Listed products (`active`, `out_of_stock`) of everyone, or with `seller=<username>` one creator's; the seller also sees its own inactive and discontinued ones.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.products.list"];
        put?: never;
        /**
         * List a product for sale
         * @description The caller must have joined nex (409). The file and the artwork must be the caller's (404 otherwise). A digital product without `fileId`, or a physical one without `stock`, is 400.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.products.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a product
         * @description A listed product, or one of the caller's; anything else is 404.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.products.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a product
         * @description Only its seller (404 for others). Stock of a digital product is 400. Setting the stock to 0 makes an active product `out_of_stock`.
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.products.update"];
        trace?: never;
    };
    "/v1/nex/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List orders bought or sold, newest first
         * @description `role=buyer` (default) or `seller`.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.orders.list"];
        put?: never;
        /**
         * Order products
         * @description Reserves the stock at once (409 `conflict` when a product is short or not for sale, and nothing is reserved)
         *     and creates the payment; pay it with its `clientSecret` (or, in test mode, `POST /v1/nex/payments/{id}/simulate`).
         *     The order is confirmed only when the provider's signed webhook confirms the payment; an order not paid within
         *     15 minutes is cancelled and its stock released. Products of several sellers, a product twice, your own product,
         *     a digital quantity above 1 or a physical order without `shippingAddress` is 400; an unknown product 404.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.orders.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an order
         * @description Only its buyer and seller; anyone else gets 404.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.orders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an unpaid order
         * @description The buyer, while `pending`: the payment is cancelled and the stock released. Another account's order is 404; the wrong party 403; any other state 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.orders.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/orders/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an order shipped
         * @description The seller, once `confirmed`, for an order with physical items. Another account's order is 404; the wrong party 403; any other state 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.orders.ship"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/orders/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an order delivered
         * @description The buyer or the seller, once `shipped`. Another account's order is 404; the wrong party 403; any other state 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.orders.deliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/orders/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund an order
         * @description The seller, once paid: the whole total goes back through the provider, the sale and its fee are reversed in the ledger, and the buyer loses access to digital files. Another account's order is 404; the wrong party 403; any other state 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.orders.refund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events, newest first
         * @description Anyone may call this: public events (published, completed, canceled). `status=draft` lists only the caller’s own drafts.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.events.list"];
        put?: never;
        /**
         * Create an event (a draft)
         * @description The caller must have joined nex (409). `endsAt` after `startsAt`, a venue unless online, a known time zone and a cover file of the caller (400 otherwise).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.events.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an event
         * @description Anyone may read a public event; a draft is 404 to all but its organizer.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.events.get"];
        put?: never;
        post?: never;
        /**
         * Delete a draft event
         * @description Only a draft, by its organizer; a published event is canceled instead (409).
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.events.delete"];
        options?: never;
        head?: never;
        /**
         * Change an event
         * @description Only the organizer (404 for anyone else). A completed or canceled event no longer changes (409); the result must still end after it starts (400).
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.events.update"];
        trace?: never;
    };
    "/v1/nex/events/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish an event
         * @description draft → published: public, and on sale within its registration window. The first publication earns `event_created` EXP. Only the organizer (404 for anyone else); any other move is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.events.publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/events/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an event completed
         * @description published → completed, once it has ended (409 before `endsAt`). Only the organizer (404 for anyone else); any other move is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.events.complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/events/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an event
         * @description draft or published → canceled: held tickets are released and every paid ticket is refunded through the payment provider. Only the organizer (404 for anyone else); any other move is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.events.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/events/{id}/ticket-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an event’s ticket types
         * @description Wherever the event is visible: anyone for a public event, the organizer for a draft.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.ticketTypes.list"];
        put?: never;
        /**
         * Add a ticket type to an event
         * @description Only the organizer (404 otherwise), to a draft or published event (409 otherwise); at most 50 types an event (409).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.ticketTypes.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/ticket-types/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a ticket type
         * @description Only the organizer (404 otherwise), while the event is draft or published (409); the quantity never below what is held and sold (409).
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.ticketTypes.update"];
        trace?: never;
    };
    "/v1/nex/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your referral codes, newest first
         * @description The caller’s own codes with their counts.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.referrals.list"];
        put?: never;
        /**
         * Create a referral code
         * @description The caller must have joined nex (409). An artwork must be published, an event public (400 otherwise); a code already taken is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.referrals.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/referrals/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of your referral codes
         * @description Only its owner (404 for anyone else).
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.referrals.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a referral code
         * @description Only its owner (404 for anyone else).
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.referrals.update"];
        trace?: never;
    };
    "/v1/nex/referrals/{code}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QR code of a referral code
         * @description Anyone may fetch it: a QR code (error correction M) of this server’s `/r/{code}?src=qr` in the code’s colours and size, as SVG (default) or PNG (`format=png`). The host in the URL is the one this request was sent to.
         */
        get: operations["nex.referrals.qr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a referral link
         * @description Counts a visit of an active code (a click, or a scan with `src=qr`: user agent, referer, a device type guessed from the user agent, a keyed hash of the visitor’s network — never the address; no country, as no GeoIP database ships) and answers 302 to what it refers to, with the code in `ref`. An unknown, paused or expired code is 404.
         */
        get: operations["nex.referrals.visit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/referrals/{code}/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the conversions of one of your referral codes, newest first
         * @description Only the code’s owner (404 for anyone else): each signup and paid purchase through the code, once each, with the commission it earned.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.referrals.conversions.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List live streams, newest first
         * @description Anyone may call this, with or without credentials.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.streams.list"];
        put?: never;
        /**
         * Schedule a live stream
         * @description The caller must have joined nex (409). The stream is public at once, `scheduled`. The response carries its stream key, shown this once (a replay with the same Idempotency-Key shows it again).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.streams.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a live stream
         * @description Anyone may call this, with or without credentials.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.streams.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Go live
         * @description Only the streamer (403 for others); only from `scheduled` (409 otherwise).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.streams.start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a live stream
         * @description Only the streamer (403 for others); only from `live` (409 otherwise).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.streams.end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a scheduled stream
         * @description Only the streamer (403 for others); only from `scheduled` (409 otherwise).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.streams.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}/donations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a stream’s confirmed donations, newest first
         * @description Anyone may call this. An anonymous donor is never shown (`donorUsername` null).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.streams.donations.list"];
        put?: never;
        /**
         * Donate to a live stream
         * @description Starts the donation’s payment; the donation counts in the stream’s total, and the streamer is credited in the ledger, only when the payment is confirmed. Only a live stream of someone else (409).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.streams.donations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a stream’s key
         * @description Makes a new stream key, shown this once, and the previous one stops working at once. Only the streamer (404 for anyone else, as for a stream that does not exist); not for an ended or cancelled stream (409).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.streams.key.rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/ingest-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a media server’s publish or unpublish
         * @description Called by the media server (nginx-rtmp `on_publish`/`on_publish_done`, SRS `on_publish`/`on_unpublish`, through
         *     a relay that signs them), not by clients. The `Nex-Ingest-Signature` header must hold `t=<unix seconds>` within
         *     5 minutes and a `v1=` HMAC-SHA256 of `<t>.<raw body>` under `NEX_INGEST_SECRET`, otherwise 400 and nothing
         *     changes; without a configured secret the endpoint answers 503. A key that names no stream is 403, the same
         *     whether or not any stream exists. `publish` moves the key’s `scheduled` stream `live` and `unpublish` its
         *     `live` stream `ended`; from any other state, a replay included, 409.
         */
        post: operations["nex.streams.ingestEvents.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/streams/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a stream’s status and donations (Server-Sent Events)
         * @description Anyone may call this, with or without credentials. Every event so far (or those after `Last-Event-ID`), then each new one as it happens; a comment every 15 seconds; closes after the stream ends or is cancelled (at once for a stream already over, after its events).
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.streams.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/ticket-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Order tickets
         * @description Reserves the tickets (never more than exist: 409 when sold out, off sale, over the event’s capacity, or your own event) for 10 minutes and starts the payment; free tickets are issued at once. A referral code must be active and not your own (409).
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.ticketOrders.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/ticket-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a ticket order
         * @description Only its buyer (404 for anyone else).
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.ticketOrders.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your tickets, newest first
         * @description The caller’s tickets, of every event.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.tickets.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/tickets/{id}/qr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The QR code of a ticket
         * @description Only its holder (404 for anyone else): the ticket’s code as a QR code, SVG (default) or PNG.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.tickets.qr"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/events/{id}/check-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check a ticket in
         * @description The organizer scans a ticket: a code that does not verify, or a ticket of another event, is 404; a ticket checked in already, or refunded, is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.tickets.checkIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List groups, newest first
         * @description Public groups, and the private groups the caller belongs to; `member=me` lists only the groups the caller belongs to (none for an anonymous caller).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.groups.list"];
        put?: never;
        /**
         * Create a group
         * @description The caller must have joined nex (409) and becomes the owner.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groups.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a group
         * @description A private group is 404 to anyone but its members and invited creators.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.groups.get"];
        put?: never;
        post?: never;
        /**
         * Delete a group
         * @description Only the owner (403 for its other members); memberships, invitations and join requests go with it.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.groups.delete"];
        options?: never;
        head?: never;
        /**
         * Change a group
         * @description Only the owner (403 for its other members, 404 for anyone who cannot see it). A member limit below the current member count is 409.
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.groups.update"];
        trace?: never;
    };
    "/v1/nex/groups/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a group
         * @description A public group, or a private one the caller is invited to (the invitation is used up). Idempotent for a member. A full group, or a caller who has not joined nex, is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groups.join"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Leave a group
         * @description Idempotent: 204 whether or not the caller was a member. The owner cannot leave (409): transfer the group first, or delete it.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groups.leave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer a group's ownership
         * @description Only the owner (403 for other members); the new owner must be a member (409), and the previous owner stays as an admin.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groups.transfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a group's members, newest first
         * @description Whoever can see the group can see its members.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         */
        get: operations["nex.groups.members.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups/{id}/members/{username}": {
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
         * Remove a member
         * @description The owner removes admins and members, an admin removes members (403 otherwise); the owner is never removed (409). 404 when the creator is not a member.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.groups.members.delete"];
        options?: never;
        head?: never;
        /**
         * Change a member's role
         * @description Only the owner (403 for other members), between `admin` and `member`; the owner's own role changes only by transfer (409).
         *
         *     Requires scope `nex:write`.
         */
        patch: operations["nex.groups.members.update"];
        trace?: never;
    };
    "/v1/nex/groups/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a creator to a group
         * @description The owner or an admin (403 for members). Inviting a member is 409; inviting again returns the pending invitation. The invitee then sees the group, even a private one, and joins it with `POST …/join`.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groups.invitations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/group-invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the group invitations the caller received, newest first
         * @description Pending invitations only: joining or declining removes one.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.groupInvitations.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/group-invitations/{id}": {
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
         * Decline or revoke a group invitation
         * @description The invitee declines it, or the group's owner or an admin revokes it; anyone else gets 404.
         *
         *     Requires scope `nex:write`.
         */
        delete: operations["nex.groupInvitations.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/groups/{id}/join-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a group's join requests, newest first
         * @description The owner and admins only (403 for other members, 404 for anyone who cannot see the group). Pending requests unless `status` says otherwise.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.groups.joinRequests.list"];
        put?: never;
        /**
         * Ask to join a private group
         * @description For a private group the caller is not in, known by its id (a member shares it: a private group's id is shown only to its members and invitees). Asking again while a request is pending returns that request. A public group (join it with `POST …/join`), a group the caller is a member of or invited to (join it), or a caller who has not joined nex is 409; an id that is no group is 404. The answer shows the request only, never the group.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groups.joinRequests.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/group-join-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the join requests the caller made, newest first
         * @description Every state, so the caller learns which were approved, declined or canceled.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `nex:read`.
         */
        get: operations["nex.groupJoinRequests.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/group-join-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a join request
         * @description The group's owner or an admin; the creator becomes a member, unless the group is full (409, and the request stays pending). Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groupJoinRequests.approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/group-join-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a join request
         * @description The group's owner or an admin. Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groupJoinRequests.decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nex/group-join-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a join request
         * @description The creator who asked. Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.
         *
         *     Requires scope `nex:write`.
         */
        post: operations["nex.groupJoinRequests.cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Browse the plugin catalogue
         * @description Public: no credentials needed. Filters combine (all must hold); `category` matches any of a plugin's categories.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["miyabi.plugins.list"];
        put?: never;
        /**
         * Publish a plugin
         * @description The caller becomes its author. The price must be 0 exactly for the `free` tier; an `addon` names the plugin it extends (`requiresPlugin`, which must exist and not be an add-on itself). A taken id is 409.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.plugins.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/plugins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a plugin
         * @description Public: no credentials needed.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["miyabi.plugins.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update your plugin
         * @description Only its author may (403 for others); a new `version` must be valid Semantic Versioning. A paid tier keeps a non-zero price.
         *
         *     Requires scope `miyabi:write`.
         */
        patch: operations["miyabi.plugins.update"];
        trace?: never;
    };
    "/v1/miyabi/plugins/{id}/curation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a plugin's verified and featured flags
         * @description Admin role only (403 for other accounts, whatever the id). Flags left out keep their value.
         *
         *     Requires scope `admin:write`.
         */
        put: operations["miyabi.plugins.curate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/plugins/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Review a plugin
         * @description Writes the caller's review of the plugin, or replaces it: one per account and plugin. Only an account subscribed to the plugin (any status) may review it (403 otherwise). The plugin's `rating` follows at once.
         *
         *     Requires scope `miyabi:write`.
         */
        put: operations["miyabi.reviews.put"];
        post?: never;
        /**
         * Remove your review of a plugin
         * @description Idempotent: 204 whether or not the caller had reviewed it (404 only for an unknown plugin); the plugin's rating follows.
         *
         *     Requires scope `miyabi:write`.
         */
        delete: operations["miyabi.reviews.delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/plugins/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a plugin's reviews, newest first
         * @description Public: no credentials needed.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["miyabi.reviews.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/plugins/{id}/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Subscribe to a plugin
         * @description One subscription per account and plugin (409 `conflict` while one entitles). A free plugin starts at once (`active`); a paid plugin with a trial starts `trialing`, set to end with the trial unless it is bought; a paid plugin bought now answers 202 with a checkout at the payment provider (503 when none is configured), and its subscription starts with the provider's webhook. An add-on needs an entitling subscription to its base plugin: 409 `base_plugin_required` otherwise. Cancel with `POST /v1/subscriptions/{id}/cancel` (at period end).
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.subscriptions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/plugins/{id}/license": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a fresh licence for your subscription to a plugin
         * @description Signs a new licence with the current key, valid until the end of the period plus a grace of 7 days (a subscription with no period end: 30 days from now; one set to cancel: its period end, no grace). Only while the subscription entitles and is not `past_due`: canceled or past-due subscriptions stop being renewed (409). Earlier licences stay valid until they expire.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.licenses.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/licenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your licences, newest first
         * @description Every licence issued to the caller, expired and revoked ones included.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.licenses.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/licenses/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a licence
         * @description For a leaked licence: it joins the public revocation list until it expires. Revoking again changes nothing. The subscription is not affected; issue a new licence.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.licenses.revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public keys that verify licences
         * @description Public and cacheable (`Cache-Control: public, max-age=300`): plugins fetch it once and verify licences offline (`verifyLicense` in `@yorozu/sdk/license`). Keys rotate; a retired key stays until every licence it signed has expired.
         */
        get: operations["miyabi.licenses.jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/license-revocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The licence revocation list, newest first
         * @description Public: licences revoked before their expiry, for online checks; a licence leaves the list when it expires (it fails offline verification from then on anyway). Ordered by revocation time.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible.
         */
        get: operations["miyabi.licenseRevocations.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/license-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the licence signing key
         * @description Admin role only (403 otherwise). A new Ed25519 key signs from now on; the previous one stays in the key set until every licence it signed has expired, so no licence stops verifying. Keys also rotate by themselves every 30 days.
         *
         *     Requires scope `admin:write`.
         */
        post: operations["miyabi.licenseKeys.rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/usage-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List counted usage events, newest first
         * @description The caller's events, optionally of one plugin.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.usageEvents.list"];
        put?: never;
        /**
         * Report plugin usage
         * @description Authenticated by an API key (or access token) with `miyabi:write`, or by a plugin's licence in `X-Miyabi-License` (then every event must be for the licence's plugin: 403 otherwise; a bad, expired or revoked licence is 401). Each event id counts once, even across concurrent or replayed batches. `issue_processed` and `tokens_used` spend the plugin's monthly `issues` and `tokens` quotas of the plan catalogue (the plugin's own subscription's plan, else `free`): a batch that would pass a limit is refused whole with 402 `quota_exceeded` naming the plugin.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `miyabi:write`.
         */
        post: operations["miyabi.usageEvents.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly plugin usage
         * @description The caller's aggregates, newest month first (then by plugin id), optionally for one plugin and a range of months (inclusive). The limits that apply are in `GET /v1/usage`.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.usage.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's repositories
         * @description Newest first, optionally only active or inactive ones.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.repositories.list"];
        put?: never;
        /**
         * Connect a GitHub repository
         * @description Registers a repository by its GitHub id. The same GitHub repository can be connected once per account (409 `conflict` the second time); other accounts may connect it too, and each sees only its own.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.repositories.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/repositories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a repository
         * @description One of the account's repositories; another account's is 404.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.repositories.get"];
        put?: never;
        post?: never;
        /**
         * Disconnect a repository
         * @description Deletes it with its recorded webhook events; agent executions on it keep their history without it.
         *
         *     Requires scope `miyabi:write`.
         */
        delete: operations["miyabi.repositories.delete"];
        options?: never;
        head?: never;
        /**
         * Change a repository
         * @description Renames it (after a rename on GitHub), changes its default branch, or pauses and resumes it.
         *
         *     Requires scope `miyabi:write`.
         */
        patch: operations["miyabi.repositories.update"];
        trace?: never;
    };
    "/v1/miyabi/repositories/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a repository's GitHub events
         * @description The webhook deliveries recorded for the repository, newest first (kept 90 days).
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.repositories.events.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a GitHub webhook delivery
         * @description Called by GitHub, not by clients. `X-Hub-Signature-256` must be `sha256=` and the hex HMAC-SHA256 of the raw
         *     body under the webhook secret (`MIYABI_GITHUB_WEBHOOK_SECRET`); otherwise 400 and nothing is recorded. Without
         *     a configured secret the endpoint answers 503. Each `X-GitHub-Delivery` id is recorded once: a redelivery is
         *     answered 200 with `duplicate: true`. The event is recorded for every active repository connected with the
         *     payload's `repository.id`: in the repository's events (`GET /v1/miyabi/repositories/{id}/events`) and, for its
         *     account, as a `webhook.github` event of the event store (`GET /v1/miyabi/events?type=webhook.github`).
         */
        post: operations["miyabi.webhooks.github"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/agent-executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's agent executions
         * @description Newest first, optionally by status, agent or repository.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.agentExecutions.list"];
        put?: never;
        /**
         * Run an agent
         * @description Answers 202 with the execution, `pending`, and the kernel job that runs it (`jobId`): follow it with `GET /v1/miyabi/agent-executions/{id}/events` (its log and progress) or `GET /v1/jobs/{id}/events`. `repositoryId` must be one of the account's repositories (404 otherwise). The run takes one of the agent's plugin's monthly `agent-runs` (`pluginId`; the plan of the account's subscription to that plugin, else `free`): past the limit, 402 `quota_exceeded` naming the plugin. A run that fails gives it back; a completed one is counted once in the plugin's usage aggregate (`GET /v1/miyabi/usage`, `agentExecutions`) as a usage event whose id is the execution's.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.agentExecutions.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/agent-executions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an agent execution
         * @description Its status, timings, result or error, and agent state. Another account's is 404.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.agentExecutions.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/agent-executions/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream an execution's log and progress (Server-Sent Events)
         * @description Every event so far (or those after `Last-Event-ID`), then each new one as the agent works, a comment every 15 seconds, and the end after `final`. A stream opened after the end replays the events and closes.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.agentExecutions.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List workflows
         * @description The caller's workflows (`owner=me`, the default), or every workflow the caller can read (`owner=anyone`: public ones and the caller's own; anonymous callers see public ones). Newest first.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `miyabi:read`.
         */
        get: operations["miyabi.workflows.list"];
        put?: never;
        /**
         * Create a workflow
         * @description Validates the React Flow document as a DAG of agent steps in one pass over its nodes and edges: a duplicate id, an unknown node type, an edge to a missing node or a cycle is 400 `validation_failed` whose `errors` name the node (or edge).
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.workflows.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workflow
         * @description The caller's own, or anyone's public one (templates are public); another account's private one is 404.
         *
         *     Credentials are optional: without them only public data is visible; with them, they need scope `miyabi:read`.
         */
        get: operations["miyabi.workflows.get"];
        put?: never;
        post?: never;
        /**
         * Delete a workflow
         * @description Only its owner. Its runs stay, without it.
         *
         *     Requires scope `miyabi:write`.
         */
        delete: operations["miyabi.workflows.delete"];
        options?: never;
        head?: never;
        /**
         * Change a workflow
         * @description Only its owner; a new `definition` is validated like on creation. Runs already started keep their copy.
         *
         *     Requires scope `miyabi:write`.
         */
        patch: operations["miyabi.workflows.update"];
        trace?: never;
    };
    "/v1/miyabi/workflows/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a workflow
         * @description Runs the caller's own workflow or a public one, in the caller's account: one agent execution per node, each a kernel job started when every step with an edge into it has completed, reading their results. Answers 202 with the run; follow it with `GET /v1/miyabi/workflow-runs/{id}/events`. A failed step fails the run and the steps after it. Every step takes one monthly `agent-runs` of its agent's plugin when the run starts, as `POST /v1/miyabi/agent-executions` does (402 `quota_exceeded` naming the plugin when one does not fit, and nothing starts); steps that fail or never run give theirs back.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.workflows.runs.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/workflow-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a workflow run
         * @description Its status, progress and steps. Another account's run is 404.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.workflowRuns.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/workflow-runs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream a workflow run's progress (Server-Sent Events)
         * @description Every event so far (or those after `Last-Event-ID`), then each step change as it happens, a comment every 15 seconds, and the end after `final`.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.workflowRuns.events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's events, newest first
         * @description The account's recorded events of the last 90 days, newest first: agent executions, webhooks, LINE messages and the like. `repositoryId` narrows them to one repository (an id that is not the account’s returns an empty page), `type` to one event type.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.events.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream the account's realtime messages (Server-Sent Events)
         * @description Messages are kept 24 hours. With `Last-Event-ID` the stream replays every kept message after that id; without it, every kept message no stream of the account has delivered yet. Then it sends each new message as it is written, a comment every 15 seconds, and closes after 10 minutes (reconnect with `Last-Event-ID`, as `EventSource` does by itself). `follow=false` closes it as soon as the replay is sent, for clients that poll.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.events.stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/webhooks/line": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive LINE events
         * @description Called by LINE, not by clients. `X-Line-Signature` must be the base64 HMAC-SHA256 of the raw body under the channel
         *     secret (`LINE_CHANNEL_SECRET`); otherwise 400 and nothing is recorded. Without a configured secret the endpoint answers 503.
         *
         *     Every message (text, image, video, audio, file, location, sticker) and postback is recorded once per `webhookEventId`.
         *     Texts are read for an intent, in English or Japanese: `create issue <title>` / `<title>というイシューを作成`,
         *     `status of issue 12` / `#12の状態`, `list my runs` / `実行一覧`, and `link <code>` / `連携 <code>` (the code from
         *     `POST /v1/miyabi/line/link-codes`). A linked user gets answers about the linked account; replies are queued and sent
         *     through the Messaging API by a background task.
         */
        post: operations["miyabi.line.webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/line/link-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a code to link a LINE user
         * @description A one-time code, valid 10 minutes: the LINE user who sends `link <code>` to the bot becomes the account’s LINE user (replacing an earlier link of either). Earlier unused codes of the account stop working.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.line.linkCodes.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the account's connected accounts
         * @description At most one identity per provider, newest link first.
         *
         *     Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         *     Requires scope `miyabi:read`.
         */
        get: operations["miyabi.identities.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/identities/{provider}/authorizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start linking a GitHub or LINE identity
         * @description Makes a fresh OAuth 2.0 state and PKCE verifier (RFC 7636, S256) and answers with the provider's authorization URL.
         *     The verifier stays on the server; the flow belongs to this account, lives 10 minutes, and replaces an unfinished
         *     flow of the account with the same provider. When the provider is not configured on this server
         *     (`MIYABI_GITHUB_OAUTH_*`, `MIYABI_LINE_OAUTH_*`), 503 `unavailable`.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.identities.authorizations.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/identities/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish linking a GitHub or LINE identity
         * @description Spends the flow of `state` (once, only this account's, within 10 minutes), exchanges the code at the provider's
         *     token endpoint with the flow's PKCE verifier, and reads who the user is there (GitHub `GET /user`, LINE
         *     `GET /v2/profile`). The identity is then linked to this account, replacing an earlier identity of the account at
         *     that provider and any link of the same identity to another account. A LINE identity linked here is the user the
         *     Miyabi bot answers for this account (the same link a `link <code>` message makes). Any failure is 400
         *     `identity_link_failed`: start again.
         *
         *     Requires scope `miyabi:write`.
         */
        post: operations["miyabi.identities.callback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/miyabi/identities/{provider}": {
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
         * Unlink a GitHub or LINE identity
         * @description Forgets the account's identity at the provider, and the token Miyabi held for it; for LINE, the bot stops answering for the account. 404 when none is linked.
         *
         *     Requires scope `miyabi:write`.
         */
        delete: operations["miyabi.identities.delete"];
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
             * @description The account's id.
             */
            id: string;
            /**
             * Format: email
             * @description The email the account signs in with.
             */
            email: string;
            /** @description Display name; null when never set. */
            name: string | null;
            /**
             * @description `admin` may also use the admin operations on any account.
             * @enum {string}
             */
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
             * @description The API key's id.
             */
            id: string;
            /** @description What the key is for, as its creator named it. */
            name: string;
            /** @description The first characters of the secret, to recognise it. */
            prefix: string;
            /** @description What the key may do: `<resource>:read` or `<resource>:write`. */
            scopes: ("me:read" | "me:write" | "profiles:write" | "api-keys:read" | "api-keys:write" | "audit-log:read" | "usage:read" | "subscriptions:read" | "subscriptions:write" | "admin:write" | "jobs:read" | "jobs:write" | "files:read" | "files:write" | "studio:read" | "studio:write" | "speak:read" | "speak:write" | "stickers:read" | "stickers:write" | "nex:read" | "nex:write" | "miyabi:read" | "miyabi:write")[];
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When the key last authenticated a request (updated at most once a minute); null if never. */
            lastUsedAt: string | null;
            /** @description When the key was revoked; null while it works. */
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
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["ApiKey"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * AuditChange
         * @description One field a request changed, as the API shows it.
         * @example {
         *       "before": "Ada",
         *       "after": "Ada Lovelace"
         *     }
         */
        AuditChange: {
            /** @description The value before the request; null when the resource did not exist. */
            before: unknown;
            /** @description The value after the request; null when the request deleted it. */
            after: unknown;
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
         *       "userAgent": "yorozu-sdk/1.2.0 node/24.11.0",
         *       "changes": {
         *         "name": {
         *           "before": null,
         *           "after": "CI deploys"
         *         }
         *       },
         *       "createdAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        AuditEntry: {
            /**
             * Format: uuid
             * @description The audit entry's id.
             */
            id: string;
            /** @description Who made the request. */
            actor: {
                /**
                 * @description How the caller signed the request.
                 *
                 *     - `account`: Signed in with a password or an access token.
                 *     - `api_key`: With an API key.
                 * @enum {string}
                 */
                type: "account" | "api_key";
                /**
                 * Format: uuid
                 * @description The id of the account or of the API key, as `type` says.
                 */
                id: string;
            };
            /** @description The operationId that was performed. */
            action: string;
            /** @description The kind of resource acted on, e.g. `api-keys`. */
            resource: string;
            /** @description The id of the resource acted on; null when the operation names none. */
            resourceId: string | null;
            /** @description The request's id, as in its `X-Request-Id` and the logs. */
            requestId: string;
            /** @description The client's IP address, when known (behind a proxy, the address it forwarded, if the server trusts it). */
            ip: string | null;
            /** @description The client's `User-Agent` header (its first 512 characters); null when it sent none. */
            userAgent: string | null;
            /** @description The fields the request changed, each with its value before and after (null before a create, after a delete). Secrets (passwords, keys, tokens and their hashes) are never included. Null when the operation records no changes. */
            changes: {
                [key: string]: components["schemas"]["AuditChange"];
            } | null;
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
         *           "userAgent": "yorozu-sdk/1.2.0 node/24.11.0",
         *           "changes": {
         *             "name": {
         *               "before": null,
         *               "after": "CI deploys"
         *             }
         *           },
         *           "createdAt": "2026-11-23T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        AuditEntryList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["AuditEntry"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * Character
         * @description A character: a base image, an art style and the features every expression keeps.
         * @example {
         *       "id": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *       "name": "ゆあちゃん",
         *       "baseImageFileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *       "artStyle": "illustration",
         *       "features": {
         *         "hair": {
         *           "color": "pink",
         *           "style": "long",
         *           "length": "waist"
         *         },
         *         "eyes": {
         *           "color": "blue",
         *           "shape": "round"
         *         },
         *         "outfit": {
         *           "primary": "white dress",
         *           "secondary": "ribbon",
         *           "accessories": [
         *             "earrings"
         *           ]
         *         },
         *         "bodyType": "slender"
         *       },
         *       "masterPrompt": "An illustration-style character with long pink hair (waist length), round blue eyes, wearing a white dress with ribbon, earrings, slender build.",
         *       "consistencyScore": 95.2,
         *       "averageDifferenceConsistency": 95.9,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        Character: {
            /**
             * Format: uuid
             * @description The character's id.
             */
            id: string;
            /** @description The character's name. */
            name: string;
            /**
             * Format: uuid
             * @description The uploaded base image (`/v1/files/{id}`).
             */
            baseImageFileId: string;
            /**
             * @description The art style of the character.
             *
             *     - `illustration`: Drawn as an illustration.
             *     - `realistic`: Drawn realistically, close to a photograph.
             *     - `3d`: Rendered as a 3D model.
             *     - `anime`: Drawn in anime style.
             * @enum {string}
             */
            artStyle: "illustration" | "realistic" | "3d" | "anime";
            /** @description What the character looks like: hair, eyes, outfit and body type. Every generated expression keeps them. */
            features: components["schemas"]["CharacterFeatures"];
            /** @description The prompt derived from the features that keeps every expression consistent (sent with every generation). */
            masterPrompt: string;
            /** @description The base image's consistency score (0 to 100), measured by the analyser when the character was created (e.g. 95.2); null only for characters created before it was measured. */
            consistencyScore: number | null;
            /** @description Mean consistency score (0 to 100) of its differences; null before the first one is drawn. */
            averageDifferenceConsistency: number | null;
            /** @description Only with `include=differences` on the list: the newest difference of each expression, by expression name. */
            differences?: components["schemas"]["Difference"][];
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * CharacterFeatures
         * @description What the character looks like: hair, eyes, outfit and body type. Every generated expression keeps them.
         * @example {
         *       "hair": {
         *         "color": "pink",
         *         "style": "long",
         *         "length": "waist"
         *       },
         *       "eyes": {
         *         "color": "blue",
         *         "shape": "round"
         *       },
         *       "outfit": {
         *         "primary": "white dress",
         *         "secondary": "ribbon",
         *         "accessories": [
         *           "earrings"
         *         ]
         *       },
         *       "bodyType": "slender"
         *     }
         */
        CharacterFeatures: {
            /** @description Hair colour, style and length. */
            hair: {
                /** @description A colour name or `#rrggbb`, e.g. `pink`. */
                color: string;
                /** @description e.g. long, short, bob, ponytail, twin tails, bun. */
                style: string;
                /** @description e.g. chin, shoulder, waist. */
                length?: string;
            };
            /** @description Eye colour and shape. */
            eyes: {
                /** @description A colour name or `#rrggbb`, e.g. `blue`. */
                color: string;
                /** @description e.g. round, almond, droopy, sharp. */
                shape?: string;
            };
            /** @description What the character wears. */
            outfit: {
                /** @description The main garment with its colour, e.g. `white dress`, `navy sailor uniform`. */
                primary: string;
                /** @description A secondary item, e.g. `ribbon`, `red tie`. */
                secondary?: string;
                /** @description Explicit main and accent colours, overriding the ones named in the text. */
                colors?: string[];
                /** @description e.g. earrings, glasses, hair ribbon, hairclip, cat ears, headphones, choker. */
                accessories?: string[];
            };
            /** @description e.g. petite, slender, athletic, curvy. */
            bodyType: string;
            /** @description A colour name or `#rrggbb`. */
            skinTone?: string;
            /** @description e.g. earrings, glasses, hair ribbon, hairclip, cat ears, headphones, choker. */
            accessories?: string[];
        };
        /**
         * CharacterList
         * @description A page of Character objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *           "name": "ゆあちゃん",
         *           "baseImageFileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *           "artStyle": "illustration",
         *           "features": {
         *             "hair": {
         *               "color": "pink",
         *               "style": "long",
         *               "length": "waist"
         *             },
         *             "eyes": {
         *               "color": "blue",
         *               "shape": "round"
         *             },
         *             "outfit": {
         *               "primary": "white dress",
         *               "secondary": "ribbon",
         *               "accessories": [
         *                 "earrings"
         *               ]
         *             },
         *             "bodyType": "slender"
         *           },
         *           "masterPrompt": "An illustration-style character with long pink hair (waist length), round blue eyes, wearing a white dress with ribbon, earrings, slender build.",
         *           "consistencyScore": 95.2,
         *           "averageDifferenceConsistency": 95.9,
         *           "createdAt": "2026-11-23T09:00:00.000Z",
         *           "updatedAt": "2026-11-23T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        CharacterList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Character"][];
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
            /** @description What the key is for, 1 to 100 characters. */
            name: string;
            /** @description What the key may do: `<resource>:read` or `<resource>:write`. */
            scopes: ("me:read" | "me:write" | "profiles:write" | "api-keys:read" | "api-keys:write" | "audit-log:read" | "usage:read" | "subscriptions:read" | "subscriptions:write" | "admin:write" | "jobs:read" | "jobs:write" | "files:read" | "files:write" | "studio:read" | "studio:write" | "speak:read" | "speak:write" | "stickers:read" | "stickers:write" | "nex:read" | "nex:write" | "miyabi:read" | "miyabi:write")[];
        };
        /**
         * CreateCharacterRequest
         * @description A new character. Without `features`, the built-in analyser derives stable ones from the base image bytes.
         * @example {
         *       "name": "ゆあちゃん",
         *       "baseImageFileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *       "artStyle": "illustration",
         *       "features": {
         *         "hair": {
         *           "color": "pink",
         *           "style": "long",
         *           "length": "waist"
         *         },
         *         "eyes": {
         *           "color": "blue",
         *           "shape": "round"
         *         },
         *         "outfit": {
         *           "primary": "white dress",
         *           "secondary": "ribbon",
         *           "accessories": [
         *             "earrings"
         *           ]
         *         },
         *         "bodyType": "slender"
         *       }
         *     }
         */
        CreateCharacterRequest: {
            /** @description Shown under the character. */
            name: string;
            /**
             * Format: uuid
             * @description An image uploaded with `POST /v1/files` by the same account. Any other id is 400 `validation_failed` (a field of the body, not the resource of the URL).
             */
            baseImageFileId: string;
            /**
             * @description The art style of the character.
             *
             *     - `illustration`: Drawn as an illustration.
             *     - `realistic`: Drawn realistically, close to a photograph.
             *     - `3d`: Rendered as a 3D model.
             *     - `anime`: Drawn in anime style.
             * @enum {string}
             */
            artStyle: "illustration" | "realistic" | "3d" | "anime";
            /** @description What the character looks like: hair, eyes, outfit and body type. Every generated expression keeps them. */
            features?: components["schemas"]["CharacterFeatures"];
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
             * @description The API key's id.
             */
            id: string;
            /** @description What the key is for, as its creator named it. */
            name: string;
            /** @description The first characters of the secret, to recognise it. */
            prefix: string;
            /** @description What the key may do: `<resource>:read` or `<resource>:write`. */
            scopes: ("me:read" | "me:write" | "profiles:write" | "api-keys:read" | "api-keys:write" | "audit-log:read" | "usage:read" | "subscriptions:read" | "subscriptions:write" | "admin:write" | "jobs:read" | "jobs:write" | "files:read" | "files:write" | "studio:read" | "studio:write" | "speak:read" | "speak:write" | "stickers:read" | "stickers:write" | "nex:read" | "nex:write" | "miyabi:read" | "miyabi:write")[];
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When the key last authenticated a request (updated at most once a minute); null if never. */
            lastUsedAt: string | null;
            /** @description When the key was revoked; null while it works. */
            revokedAt: string | null;
            /** @description The key itself (`yz_…`). Shown once: store it now. */
            secret: string;
        };
        /**
         * Credits
         * @description Studio credits for the current month. One generation batch costs one credit.
         * @example {
         *       "plan": "free",
         *       "monthlyQuota": 5,
         *       "usedThisMonth": 2,
         *       "remaining": 3,
         *       "resetDate": "2026-12-01T00:00:00.000Z"
         *     }
         */
        Credits: {
            /** @description The studio plan: `free`, `basic` or `pro`. */
            plan: string;
            /** @description Credits per month; null when unlimited. */
            monthlyQuota: number | null;
            /** @description Credits spent since the 1st of the month (UTC). */
            usedThisMonth: number;
            /** @description Null when unlimited. */
            remaining: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            resetDate: string;
        };
        /**
         * CreditTransaction
         * @description One completed generation batch and the credits it used.
         * @example {
         *       "id": "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586",
         *       "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *       "batchId": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *       "differencesGenerated": 5,
         *       "creditsUsed": 1,
         *       "createdAt": "2026-11-23T09:00:05.000Z"
         *     }
         */
        CreditTransaction: {
            /**
             * Format: uuid
             * @description The credit transaction's id.
             */
            id: string;
            /** @description Null once the character is deleted. */
            characterId: string | null;
            /** @description Null once the character is deleted. */
            batchId: string | null;
            /** @description Expressions the batch drew. */
            differencesGenerated: number;
            /** @description Credits the batch cost (one per batch). */
            creditsUsed: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * CreditTransactionList
         * @description A page of CreditTransaction objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586",
         *           "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *           "batchId": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *           "differencesGenerated": 5,
         *           "creditsUsed": 1,
         *           "createdAt": "2026-11-23T09:00:05.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        CreditTransactionList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["CreditTransaction"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * Difference
         * @description One generated expression of a character (a "difference" image).
         * @example {
         *       "id": "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a",
         *       "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *       "batchId": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *       "expression": "happy",
         *       "customPrompt": null,
         *       "imageFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "imageUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "consistencyScore": 95.7,
         *       "generationTimeMs": 48,
         *       "resolution": "2K",
         *       "aspectRatio": "1:1",
         *       "createdAt": "2026-11-23T09:00:03.000Z"
         *     }
         */
        Difference: {
            /**
             * Format: uuid
             * @description The difference's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The id of the character it is an expression of.
             */
            characterId: string;
            /**
             * Format: uuid
             * @description The id of the generation batch that drew it.
             */
            batchId: string;
            /**
             * @description A facial expression; `custom` is described by `customPrompt`.
             * @enum {string}
             */
            expression: "neutral" | "happy" | "angry" | "sad" | "surprised" | "custom";
            /** @description The description a `custom` expression was drawn from; null otherwise. */
            customPrompt: string | null;
            /**
             * Format: uuid
             * @description The id of its image file (`GET /v1/files/{imageFileId}`).
             */
            imageFileId: string;
            /** @description Where to download the image: `/v1/files/{imageFileId}`. */
            imageUrl: string;
            /** @description How closely the image keeps the base character, 0 to 100. */
            consistencyScore: number;
            /** @description How long the generator took, in milliseconds. */
            generationTimeMs: number;
            /**
             * @description Pixels on the long side: 1K = 1024, 2K = 2048, 4K = 4096.
             * @enum {string}
             */
            resolution: "1K" | "2K" | "4K";
            /**
             * @description Width to height.
             * @enum {string}
             */
            aspectRatio: "1:1" | "3:4" | "4:3" | "9:16" | "16:9";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * DifferenceList
         * @description A page of Difference objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a",
         *           "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *           "batchId": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *           "expression": "happy",
         *           "customPrompt": null,
         *           "imageFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "imageUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "consistencyScore": 95.7,
         *           "generationTimeMs": 48,
         *           "resolution": "2K",
         *           "aspectRatio": "1:1",
         *           "createdAt": "2026-11-23T09:00:03.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        DifferenceList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Difference"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
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
            /** @description JSON pointer to the offending field, led by the request part as this document names it: `/body/email`, `/query/limit`, `/path/id`, `/header/idempotency-key`. A missing or unknown property is named by its own pointer. */
            path: string;
            /** @description What is wrong with the field, e.g. `is required`, or for an enum the values it allows: `must be one of fire, water, …`. */
            message: string;
        };
        /**
         * File
         * @description A stored file, without its bytes (`GET /v1/files/{id}` has them), and what was read from them: an image's size, audio's duration and format, video's duration, size and codec. Fields that do not apply to the file's type are null.
         * @example {
         *       "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "contentType": "audio/ogg",
         *       "size": 48213,
         *       "etag": "\"Yh3cT0VqgS2d1RkQmHc9wA\"",
         *       "filename": "lesson-1.ogg",
         *       "width": null,
         *       "height": null,
         *       "durationMs": 12480,
         *       "sampleRate": 48000,
         *       "channels": 1,
         *       "codec": "Opus",
         *       "createdAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        File: {
            /**
             * Format: uuid
             * @description The file's id.
             */
            id: string;
            /**
             * @description The media type, as sniffed from the bytes.
             * @enum {string}
             */
            contentType: "image/png" | "image/jpeg" | "image/webp" | "image/svg+xml" | "audio/wav" | "audio/mpeg" | "audio/ogg" | "audio/webm" | "audio/mp4" | "video/mp4" | "video/webm" | "application/pdf" | "application/zip";
            /** @description Bytes. */
            size: number;
            /** @description The `ETag` `GET /v1/files/{id}` answers with. */
            etag: string;
            /** @description The name the uploader gave (`?filename=`), which downloads are saved under; null when none was given. */
            filename: string | null;
            /** @description An image's or a video's width in pixels, read from its header (a video's from its first video track's); null for other files (and images stored before it was recorded). */
            width: number | null;
            /** @description An image's or a video's height in pixels; null for other files. */
            height: number | null;
            /** @description Audio and video: the duration in milliseconds; null for other files. */
            durationMs: number | null;
            /** @description Audio: samples per second (Hz); null for other files. */
            sampleRate: number | null;
            /** @description Audio: the number of channels; null for other files. */
            channels: number | null;
            /** @description Audio: the codec as the parser names it (`PCM`, `MPEG 1 Layer 3`, `Opus`, `AAC`…). Video: the video track's codec, a WebM's as Matroska names it (`VP8`, `VP9`, `AV1`), an MP4's sample entry code (`avc1`, `hvc1`, `av01`, `vp09`). Null for other files. */
            codec: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * FileList
         * @description A page of File objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "contentType": "audio/ogg",
         *           "size": 48213,
         *           "etag": "\"Yh3cT0VqgS2d1RkQmHc9wA\"",
         *           "filename": "lesson-1.ogg",
         *           "width": null,
         *           "height": null,
         *           "durationMs": 12480,
         *           "sampleRate": 48000,
         *           "channels": 1,
         *           "codec": "Opus",
         *           "createdAt": "2026-11-23T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        FileList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["File"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * Follow
         * @description One account following another's profile: readable by both of them, by nobody else.
         * @example {
         *       "id": "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
         *       "followerId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "followeeId": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
         *       "followeeHandle": "ada_lovelace",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        Follow: {
            /**
             * Format: uuid
             * @description The follow's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The account that follows.
             */
            followerId: string;
            /**
             * Format: uuid
             * @description The account whose profile is followed.
             */
            followeeId: string;
            /** @description The followed profile's handle; null once it is no longer public. */
            followeeHandle: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * FollowList
         * @description A page of Follow objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "8d7c6b5a-4e3f-4a2b-9c1d-0e9f8a7b6c5d",
         *           "followerId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *           "followeeId": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
         *           "followeeHandle": "ada_lovelace",
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        FollowList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Follow"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * Generation
         * @description A generation batch: the expressions one request asked for, drawn by one job for one credit.
         * @example {
         *       "id": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *       "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *       "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *       "expressions": [
         *         "neutral",
         *         "happy",
         *         "angry",
         *         "sad",
         *         "surprised"
         *       ],
         *       "customPrompt": null,
         *       "resolution": "2K",
         *       "aspectRatio": "1:1",
         *       "totalDifferences": 5,
         *       "completed": 0,
         *       "status": "pending",
         *       "errorMessage": null,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:00.000Z",
         *       "completedAt": null
         *     }
         */
        Generation: {
            /**
             * Format: uuid
             * @description The batch id; differences of the batch carry it as `batchId`.
             */
            id: string;
            /**
             * Format: uuid
             * @description The id of the character the batch draws.
             */
            characterId: string;
            /** @description Follow progress at `/v1/jobs/{jobId}`; null once the finished job is pruned. */
            jobId: string | null;
            /** @description The expressions the batch draws, one image each. */
            expressions: ("neutral" | "happy" | "angry" | "sad" | "surprised" | "custom")[];
            /** @description The description of the `custom` expression; null when the batch has none. */
            customPrompt: string | null;
            /**
             * @description Pixels on the long side: 1K = 1024, 2K = 2048, 4K = 4096.
             * @enum {string}
             */
            resolution: "1K" | "2K" | "4K";
            /**
             * @description Width to height.
             * @enum {string}
             */
            aspectRatio: "1:1" | "3:4" | "4:3" | "9:16" | "16:9";
            /** @description Images the batch draws, one per expression. */
            totalDifferences: number;
            /** @description Differences drawn so far; never above `totalDifferences`. */
            completed: number;
            /**
             * @description Follows its job; a final status is set in the same transaction as the job's own.
             *
             *     - `pending`: Its job is queued.
             *     - `processing`: Its job runs; `completed` counts the differences drawn so far.
             *     - `completed`: Every difference is drawn. Final.
             *     - `failed`: Its job failed; the credit is refunded. Final.
             *     - `canceled`: Its job was canceled; the credit is refunded. Final.
             * @enum {string}
             */
            status: "pending" | "processing" | "completed" | "failed" | "canceled";
            /** @description Why the batch failed (its job's error message); null unless `status` is `failed`. */
            errorMessage: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description When the batch completed; null before, and for a batch that failed or was canceled. */
            completedAt: string | null;
        };
        /**
         * GenerationAccepted
         * @description A generation batch was queued and one credit spent. Follow `job` (`/v1/jobs/{id}`, or its `/events` stream); when it succeeds, the images are the character's differences with this `batchId`.
         * @example {
         *       "batchId": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *       "job": {
         *         "id": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *         "type": "studio.generate",
         *         "status": "queued",
         *         "progress": 0,
         *         "result": null,
         *         "error": null,
         *         "createdAt": "2026-11-23T09:00:00.000Z",
         *         "updatedAt": "2026-11-23T09:00:00.000Z",
         *         "finishedAt": null
         *       },
         *       "generation": {
         *         "id": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *         "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *         "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *         "expressions": [
         *           "neutral",
         *           "happy",
         *           "angry",
         *           "sad",
         *           "surprised"
         *         ],
         *         "customPrompt": null,
         *         "resolution": "2K",
         *         "aspectRatio": "1:1",
         *         "totalDifferences": 5,
         *         "completed": 0,
         *         "status": "pending",
         *         "errorMessage": null,
         *         "createdAt": "2026-11-23T09:00:00.000Z",
         *         "updatedAt": "2026-11-23T09:00:00.000Z",
         *         "completedAt": null
         *       }
         *     }
         */
        GenerationAccepted: {
            /**
             * Format: uuid
             * @description The batch; its differences carry it as `batchId`.
             */
            batchId: string;
            /** @description Asynchronous work and where it stands. `type` says which job it is, and so the shape of its `result` once it succeeded. */
            job: components["schemas"]["Job"];
            /** @description A generation batch: the expressions one request asked for, drawn by one job for one credit. */
            generation: components["schemas"]["Generation"];
        };
        /**
         * GenerationList
         * @description A page of Generation objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",
         *           "characterId": "3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31",
         *           "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *           "expressions": [
         *             "neutral",
         *             "happy",
         *             "angry",
         *             "sad",
         *             "surprised"
         *           ],
         *           "customPrompt": null,
         *           "resolution": "2K",
         *           "aspectRatio": "1:1",
         *           "totalDifferences": 5,
         *           "completed": 0,
         *           "status": "pending",
         *           "errorMessage": null,
         *           "createdAt": "2026-11-23T09:00:00.000Z",
         *           "updatedAt": "2026-11-23T09:00:00.000Z",
         *           "completedAt": null
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        GenerationList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Generation"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * GenerationRequest
         * @description A batch of expressions of one character. One batch costs one credit, whatever its size.
         * @example {
         *       "expressions": [
         *         "neutral",
         *         "happy",
         *         "angry",
         *         "sad",
         *         "surprised"
         *       ],
         *       "resolution": "2K",
         *       "aspectRatio": "1:1"
         *     }
         */
        GenerationRequest: {
            /** @description The expressions to draw, one image each. */
            expressions: ("neutral" | "happy" | "angry" | "sad" | "surprised" | "custom")[];
            /** @description Describes the `custom` expression, e.g. `wink and smile`; required with it, refused without it. */
            customPrompt?: string;
            /**
             * @description Pixels on the long side: 1K = 1024, 2K = 2048, 4K = 4096.
             * @default 2K
             * @enum {string}
             */
            resolution?: "1K" | "2K" | "4K";
            /**
             * @description Width to height.
             * @default 1:1
             * @enum {string}
             */
            aspectRatio?: "1:1" | "3:4" | "4:3" | "9:16" | "16:9";
        };
        /**
         * Identity
         * @description A GitHub or Google account linked to this account: it signs in to it.
         * @example {
         *       "id": "5e2c7a1b-9d3f-4b8e-a6c0-1f2e3d4c5b6a",
         *       "provider": "github",
         *       "subject": "583231",
         *       "email": "ada@example.com",
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "lastUsedAt": "2026-11-30T08:12:00.000Z"
         *     }
         */
        Identity: {
            /**
             * Format: uuid
             * @description The linked identity's id.
             */
            id: string;
            /**
             * @description `github` (OAuth 2.0 and its user API) or `google` (OpenID Connect).
             * @example github
             * @enum {string}
             */
            provider: "github" | "google";
            /** @description The user's id at the provider (GitHub's numeric user id, Google's `sub`). */
            subject: string;
            /** @description The email the provider gave at the last sign-in; null if it gave none. */
            email: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When the identity last signed in; null if it was linked and never used since. */
            lastUsedAt: string | null;
        };
        /**
         * IdentityList
         * @description A page of Identity objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "5e2c7a1b-9d3f-4b8e-a6c0-1f2e3d4c5b6a",
         *           "provider": "github",
         *           "subject": "583231",
         *           "email": "ada@example.com",
         *           "createdAt": "2026-11-23T09:00:00.000Z",
         *           "lastUsedAt": "2026-11-30T08:12:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        IdentityList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Identity"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * Job
         * @description Asynchronous work and where it stands. `type` says which job it is, and so the shape of its `result` once it succeeded.
         * @example {
         *       "id": "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
         *       "type": "studio.generate",
         *       "status": "succeeded",
         *       "progress": 100,
         *       "result": {
         *         "batchId": "6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c",
         *         "characterId": "0f1e2d3c-4b5a-4697-8877-665544332211"
         *       },
         *       "error": null,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:04.000Z",
         *       "finishedAt": "2026-11-23T09:00:04.000Z"
         *     }
         */
        Job: components["schemas"]["StudioGenerateJob"] | components["schemas"]["StickersRenderJob"] | components["schemas"]["SpeakReplyJob"] | components["schemas"]["MiyabiAgentJob"];
        /**
         * JobError
         * @description Why a job failed, after its last attempt.
         * @example {
         *       "code": "internal",
         *       "message": "The job failed; it has been logged."
         *     }
         */
        JobError: {
            /** @description Stable machine-readable code, e.g. `internal` or a problem code. */
            code: string;
            /** @description What went wrong, for a human. */
            message: string;
        };
        /**
         * JobEventStream
         * @description Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html), one per change of the job: `id:` its sequence number (send it back as `Last-Event-ID` to resume), `event:` `progress` or `final`, and `data:` the job as JSON, a [`Job`](#/components/schemas/Job). Lines starting with `:` are keep-alive comments.
         * @example : stream open
         *
         *     id: 2
         *     event: progress
         *     data: {"id":"3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b","type":"studio.generate","status":"running","progress":40,"result":null,"error":null,"createdAt":"2026-11-23T09:00:00.000Z","updatedAt":"2026-11-23T09:00:00.000Z","finishedAt":null}
         *
         *     : heartbeat
         *
         *     id: 3
         *     event: final
         *     data: {"id":"3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b","type":"studio.generate","status":"succeeded","progress":100,"result":{"batchId":"6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c","characterId":"0f1e2d3c-4b5a-4697-8877-665544332211"},"error":null,"createdAt":"2026-11-23T09:00:00.000Z","updatedAt":"2026-11-23T09:00:04.000Z","finishedAt":"2026-11-23T09:00:04.000Z"}
         */
        JobEventStream: string;
        /**
         * JobList
         * @description A page of Job objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
         *           "type": "studio.generate",
         *           "status": "succeeded",
         *           "progress": 100,
         *           "result": {
         *             "batchId": "6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c",
         *             "characterId": "0f1e2d3c-4b5a-4697-8877-665544332211"
         *           },
         *           "error": null,
         *           "createdAt": "2026-11-23T09:00:00.000Z",
         *           "updatedAt": "2026-11-23T09:00:04.000Z",
         *           "finishedAt": "2026-11-23T09:00:04.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        JobList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Job"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
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
            /**
             * Format: email
             * @description The email the account signs in with.
             */
            email: string;
            /** @description The account's password. */
            password: string;
        };
        /**
         * MiyabiAgentExecution
         * @description One agent run: what it was given, where it stands and what it produced.
         * @example {
         *       "id": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *       "agentType": "Review",
         *       "pluginId": "miyabi-review",
         *       "repositoryId": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *       "issueNumber": 1347,
         *       "status": "completed",
         *       "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *       "workflowRunId": null,
         *       "nodeId": null,
         *       "input": {
         *         "issue": {
         *           "number": 1347,
         *           "title": "Server crashes when PORT is not a number",
         *           "body": "Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT\n- add a test"
         *         },
         *         "files": [
         *           {
         *             "path": "src/server.ts",
         *             "content": "const port = Number(process.env.PORT);\n// TODO: validate\n"
         *           }
         *         ],
         *         "instructions": "Keep the change small."
         *       },
         *       "result": {
         *         "runner": "dry-run",
         *         "heuristic": true,
         *         "kind": "review",
         *         "title": "Review of 1 file",
         *         "summary": "1 finding (0 errors, 0 warnings, 1 note) in 1 file.",
         *         "items": [
         *           {
         *             "kind": "finding",
         *             "text": "A TODO is left in the code.",
         *             "agentType": null,
         *             "path": "src/server.ts",
         *             "line": 2,
         *             "severity": "info"
         *           }
         *         ],
         *         "markdown": "## Review of 1 file\n\n- src/server.ts:2 (info): A TODO is left in the code.\n"
         *       },
         *       "errorMessage": null,
         *       "state": {
         *         "currentTask": "Done",
         *         "progress": 100,
         *         "stateData": {
         *           "filesRead": 1,
         *           "findings": 1
         *         },
         *         "updatedAt": "2026-11-30T09:00:02.000Z",
         *         "expiresAt": "2026-12-07T09:00:02.000Z"
         *       },
         *       "startedAt": "2026-11-30T09:00:01.000Z",
         *       "completedAt": "2026-11-30T09:00:02.000Z",
         *       "durationMs": 1000,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:02.000Z"
         *     }
         */
        MiyabiAgentExecution: {
            /**
             * Format: uuid
             * @description The execution's id.
             */
            id: string;
            /**
             * @description Which agent runs.
             *
             *     - `Coordinator`: Breaks an issue into tasks for the other agents, in dependency order.
             *     - `CodeGen`: Plans the code changes an issue needs, file by file.
             *     - `Review`: Reviews the given files and reports findings with their lines.
             *     - `Deployment`: Draws up the checks and steps to deploy the change.
             *     - `PR`: Writes the pull request: title, description, checklist.
             *     - `Issue`: Triages an issue: kind, labels, priority and the files it mentions.
             * @enum {string}
             */
            agentType: "Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue";
            /** @description The catalogue plugin whose monthly `agent-runs` quota and usage this run counts toward: `miyabi-codegen` for CodeGen, `miyabi-review` for Review, `miyabi-deploy` for Deployment, `miyabi-core` for Coordinator, Issue and PR; null for runs made before runs were metered. */
            pluginId: string | null;
            /** @description The repository it works on; null if none (or disconnected since). */
            repositoryId: string | null;
            /** @description The issue it works on, if any. */
            issueNumber: number | null;
            /**
             * @description Where the execution stands; the last two are final.
             *
             *     - `pending`: Waiting for a worker (or, in a workflow, for the steps before it).
             *     - `running`: An agent is working on it.
             *     - `completed`: Done: `result` holds its output.
             *     - `failed`: Gave up: `errorMessage` says why.
             * @enum {string}
             */
            status: "pending" | "running" | "completed" | "failed";
            /** @description The kernel job running it (`GET /v1/jobs/{id}`); null while a workflow step waits for the steps before it. */
            jobId: string | null;
            /** @description The workflow run it is a step of, if any. */
            workflowRunId: string | null;
            /** @description The workflow node it runs, if any. */
            nodeId: string | null;
            /** @description What the agent reads. Every field is optional, but an agent with nothing to read fails. */
            input: components["schemas"]["MiyabiAgentInput"];
            /** @description The output once `completed`; null before and on failure. */
            result: components["schemas"]["MiyabiAgentResult"] | null;
            /** @description Why it failed; null otherwise. */
            errorMessage: string | null;
            /** @description The agent state; null before it started and after it expired (7 days after the end). */
            state: components["schemas"]["MiyabiAgentState"] | null;
            /** @description When an agent started on it. */
            startedAt: string | null;
            /** @description When it completed or failed. */
            completedAt: string | null;
            /** @description From start to end, in milliseconds. */
            durationMs: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiAgentExecutionEventStream
         * @description Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html): `id:` a sequence number (send it back as `Last-Event-ID` to resume), `event:` `log` (`{ message, at }`), `progress` (`{ progress, currentTask }`) or `final` (the execution as JSON, after which the stream closes). Lines starting with `:` are keep-alive comments.
         * @example : stream open
         *
         *     id: 1
         *     event: log
         *     data: {"message":"Reading 1 file","at":"2026-11-30T09:00:01.000Z"}
         *
         *     id: 2
         *     event: progress
         *     data: {"progress":50,"currentTask":"Reviewing src/server.ts"}
         *
         *     id: 3
         *     event: final
         *     data: {"id":"9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","status":"completed"}
         */
        MiyabiAgentExecutionEventStream: string;
        /**
         * MiyabiAgentExecutionList
         * @description A page of MiyabiAgentExecution objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *           "agentType": "Review",
         *           "pluginId": "miyabi-review",
         *           "repositoryId": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *           "issueNumber": 1347,
         *           "status": "completed",
         *           "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *           "workflowRunId": null,
         *           "nodeId": null,
         *           "input": {
         *             "issue": {
         *               "number": 1347,
         *               "title": "Server crashes when PORT is not a number",
         *               "body": "Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT\n- add a test"
         *             },
         *             "files": [
         *               {
         *                 "path": "src/server.ts",
         *                 "content": "const port = Number(process.env.PORT);\n// TODO: validate\n"
         *               }
         *             ],
         *             "instructions": "Keep the change small."
         *           },
         *           "result": {
         *             "runner": "dry-run",
         *             "heuristic": true,
         *             "kind": "review",
         *             "title": "Review of 1 file",
         *             "summary": "1 finding (0 errors, 0 warnings, 1 note) in 1 file.",
         *             "items": [
         *               {
         *                 "kind": "finding",
         *                 "text": "A TODO is left in the code.",
         *                 "agentType": null,
         *                 "path": "src/server.ts",
         *                 "line": 2,
         *                 "severity": "info"
         *               }
         *             ],
         *             "markdown": "## Review of 1 file\n\n- src/server.ts:2 (info): A TODO is left in the code.\n"
         *           },
         *           "errorMessage": null,
         *           "state": {
         *             "currentTask": "Done",
         *             "progress": 100,
         *             "stateData": {
         *               "filesRead": 1,
         *               "findings": 1
         *             },
         *             "updatedAt": "2026-11-30T09:00:02.000Z",
         *             "expiresAt": "2026-12-07T09:00:02.000Z"
         *           },
         *           "startedAt": "2026-11-30T09:00:01.000Z",
         *           "completedAt": "2026-11-30T09:00:02.000Z",
         *           "durationMs": 1000,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:02.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiAgentExecutionList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiAgentExecution"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiAgentFile
         * @description A file the agent is given.
         * @example {
         *       "path": "src/server.ts",
         *       "content": "export const port = 3000;\n"
         *     }
         */
        MiyabiAgentFile: {
            /** @description The path in the repository. */
            path: string;
            /** @description The file's text (what a review reads), up to 20000 characters; leave it out to give only the path. */
            content?: string;
        };
        /**
         * MiyabiAgentInput
         * @description What the agent reads. Every field is optional, but an agent with nothing to read fails.
         * @example {
         *       "issue": {
         *         "number": 1347,
         *         "title": "Server crashes when PORT is not a number",
         *         "body": "Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT\n- add a test"
         *       },
         *       "files": [
         *         {
         *           "path": "src/server.ts",
         *           "content": "const port = Number(process.env.PORT);\n// TODO: validate\n"
         *         }
         *       ],
         *       "instructions": "Keep the change small."
         *     }
         */
        MiyabiAgentInput: {
            /** @description The issue to work on. */
            issue?: {
                /** @description The issue number. */
                number?: number;
                /** @description The issue's title. */
                title: string;
                /** @description The issue's text (Markdown). */
                body?: string;
            };
            /** @description Files to consider, at most 200. */
            files?: components["schemas"]["MiyabiAgentFile"][];
            /** @description Extra guidance for the agent, in plain words. */
            instructions?: string;
        };
        /**
         * MiyabiAgentJob
         * @description A `miyabi.agent` job.
         * @example {
         *       "id": "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
         *       "type": "miyabi.agent",
         *       "status": "succeeded",
         *       "progress": 100,
         *       "result": {
         *         "executionId": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *         "status": "completed"
         *       },
         *       "error": null,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:04.000Z",
         *       "finishedAt": "2026-11-23T09:00:04.000Z"
         *     }
         */
        MiyabiAgentJob: {
            /**
             * Format: uuid
             * @description The job's id.
             */
            id: string;
            /**
             * @description Where the job is in its life; the last three are final.
             *
             *     - `queued`: Waiting for a worker, also between retries.
             *     - `running`: A worker is on it; `progress` moves from 0 to 100.
             *     - `succeeded`: Done: `result` holds what it made. Final.
             *     - `failed`: Gave up: `error` says why, and what it reserved is refunded. Final.
             *     - `canceled`: Stopped on request before it finished; what it reserved is refunded. Final.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /** @description Percent done, 0 to 100. */
            progress: number;
            /** @description Why a failed job failed; null otherwise. */
            error: components["schemas"]["JobError"] | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description When it reached a final status. */
            finishedAt: string | null;
            /**
             * @description What the job does: `<module>.<task>`.
             * @constant
             */
            type: "miyabi.agent";
            /** @description What the job produced once `succeeded`; null before and on any other final status. */
            result: components["schemas"]["MiyabiAgentJobResult"] | null;
        };
        /**
         * MiyabiAgentJobResult
         * @description The result of a succeeded `miyabi.agent` job.
         * @example {
         *       "executionId": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *       "status": "completed"
         *     }
         */
        MiyabiAgentJobResult: {
            /**
             * Format: uuid
             * @description The execution: `GET /v1/miyabi/agent-executions/{executionId}`.
             */
            executionId: string;
            /**
             * @description The execution completed.
             * @enum {string}
             */
            status: "completed";
        };
        /**
         * MiyabiAgentResult
         * @description An agent's structured output.
         * @example {
         *       "runner": "dry-run",
         *       "heuristic": true,
         *       "kind": "review",
         *       "title": "Review of 1 file",
         *       "summary": "1 finding (0 errors, 0 warnings, 1 note) in 1 file.",
         *       "items": [
         *         {
         *           "kind": "finding",
         *           "text": "A TODO is left in the code.",
         *           "agentType": null,
         *           "path": "src/server.ts",
         *           "line": 2,
         *           "severity": "info"
         *         }
         *       ],
         *       "markdown": "## Review of 1 file\n\n- src/server.ts:2 (info): A TODO is left in the code.\n"
         *     }
         */
        MiyabiAgentResult: {
            /** @description What produced it: `dry-run` (the built-in heuristics) or `openai:<model>`. */
            runner: string;
            /** @description True when it comes from the built-in rules of thumb, not from a model: read it as a first draft. */
            heuristic: boolean;
            /** @description The shape of the output: `plan`, `code_plan`, `review`, `deployment`, `pull_request` or `triage`. */
            kind: string;
            /** @description A one-line title (the pull request title for `PR`). */
            title: string;
            /** @description What the agent concluded, in a few sentences. */
            summary: string;
            /** @description The tasks, changes, findings, checks or labels, in order. */
            items: components["schemas"]["MiyabiAgentResultItem"][];
            /** @description The whole output as Markdown, e.g. a pull request body. */
            markdown: string;
        };
        /**
         * MiyabiAgentResultItem
         * @description One entry of an agent's output.
         * @example {
         *       "kind": "finding",
         *       "text": "A TODO is left in the code.",
         *       "agentType": null,
         *       "path": "src/server.ts",
         *       "line": 2,
         *       "severity": "info"
         *     }
         */
        MiyabiAgentResultItem: {
            /** @description What the item is: `task`, `change`, `finding`, `check`, `label`, `step`. */
            kind: string;
            /** @description The item, in a sentence. */
            text: string;
            /** @description For a task: the agent it is for. */
            agentType: ("Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue") | null;
            /** @description The file it is about, if any. */
            path: string | null;
            /** @description The line it is about, if any. */
            line: number | null;
            /** @description For a finding: `info`, `warning` or `error`. */
            severity: ("info" | "warning" | "error") | null;
        };
        /**
         * MiyabiAgentState
         * @description An execution's agent state, kept until 7 days after it finished.
         * @example {
         *       "currentTask": "Done",
         *       "progress": 100,
         *       "stateData": {
         *         "filesRead": 1,
         *         "findings": 1
         *       },
         *       "updatedAt": "2026-11-30T09:00:02.000Z",
         *       "expiresAt": "2026-12-07T09:00:02.000Z"
         *     }
         */
        MiyabiAgentState: {
            /** @description What the agent is doing now (or did last). */
            currentTask: string | null;
            /** @description Percent done. */
            progress: number;
            /** @description The agent's working numbers (files read, findings…). */
            stateData: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description When the state is deleted: 7 days after the execution finished; null while it runs. */
            expiresAt: string | null;
        };
        /**
         * MiyabiCheckout
         * @description A checkout session at the payment provider.
         * @example {
         *       "id": "cs_test_a1B2c3D4",
         *       "url": "https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4"
         *     }
         */
        MiyabiCheckout: {
            /** @description The payment provider's checkout session id (Stripe `cs_…`). */
            id: string;
            /**
             * Format: uri
             * @description Where to send the buyer to pay.
             */
            url: string;
        };
        /**
         * MiyabiCreateAgentExecutionRequest
         * @description An agent to run and what it reads.
         * @example {
         *       "agentType": "Review",
         *       "repositoryId": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *       "input": {
         *         "issue": {
         *           "number": 1347,
         *           "title": "Server crashes when PORT is not a number",
         *           "body": "Starting with PORT=abc crashes in src/server.ts.\n\n- validate PORT\n- add a test"
         *         },
         *         "files": [
         *           {
         *             "path": "src/server.ts",
         *             "content": "const port = Number(process.env.PORT);\n// TODO: validate\n"
         *           }
         *         ],
         *         "instructions": "Keep the change small."
         *       }
         *     }
         */
        MiyabiCreateAgentExecutionRequest: {
            /**
             * @description Which agent runs.
             *
             *     - `Coordinator`: Breaks an issue into tasks for the other agents, in dependency order.
             *     - `CodeGen`: Plans the code changes an issue needs, file by file.
             *     - `Review`: Reviews the given files and reports findings with their lines.
             *     - `Deployment`: Draws up the checks and steps to deploy the change.
             *     - `PR`: Writes the pull request: title, description, checklist.
             *     - `Issue`: Triages an issue: kind, labels, priority and the files it mentions.
             * @enum {string}
             */
            agentType: "Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue";
            /**
             * Format: uuid
             * @description One of the account's repositories to work on.
             */
            repositoryId?: string;
            /** @description The issue to work on; defaults to `input.issue.number`. */
            issueNumber?: number;
            /** @description What the agent reads. Every field is optional, but an agent with nothing to read fails. */
            input: components["schemas"]["MiyabiAgentInput"];
        };
        /**
         * MiyabiCreatePluginRequest
         * @description A new plugin, published at once under the caller as author.
         * @example {
         *       "id": "acme-changelog",
         *       "name": "changelog",
         *       "displayName": "ACME Changelog",
         *       "source": "https://github.com/acme/miyabi-changelog",
         *       "version": "1.0.0",
         *       "tier": "pro",
         *       "priceAmount": 900,
         *       "currency": "USD",
         *       "billingPeriod": "monthly",
         *       "description": "Writes changelog entries from merged pull requests.",
         *       "features": [
         *         "changelog entries"
         *       ],
         *       "limitations": {
         *         "issuesPerMonth": 1000
         *       },
         *       "categories": [
         *         "documentation"
         *       ],
         *       "trialDays": 7
         *     }
         */
        MiyabiCreatePluginRequest: {
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            id: string;
            /** @description A short technical name. */
            name: string;
            /** @description The name shown in the catalogue. */
            displayName: string;
            /** @description Where the plugin's code lives: an `https://` URL. */
            source: string;
            /**
             * @description The version, Semantic Versioning 2.0.0 (`MAJOR.MINOR.PATCH`, optional pre-release and build).
             * @example 2.1.3
             */
            version: string;
            /**
             * @description The tier, which is also the plan of the plan catalogue that sets its quotas.
             *
             *     - `free`: costs nothing; the `free` plan limits apply
             *     - `pro`: paid; the `pro` plan limits apply
             *     - `enterprise`: paid, for organisations; unlimited usage
             *     - `addon`: extends a base plugin (`requiresPlugin`), which the subscriber must already have
             * @enum {string}
             */
            tier: "free" | "pro" | "enterprise" | "addon";
            /**
             * @description The price in minor units of `currency` (cents for USD); 0 exactly when the tier is `free`.
             * @default 0
             */
            priceAmount?: number;
            /**
             * @description ISO 4217 currency code.
             * @default USD
             * @example USD
             */
            currency?: string;
            /**
             * @description How often the price is charged.
             * @default monthly
             * @enum {string}
             */
            billingPeriod?: "monthly" | "yearly" | "one-time";
            /** @description What the plugin does, up to 5000 characters. */
            description?: string;
            /** @description What the plugin does, one line each (up to 30). */
            features?: string[];
            /** @description The plugin's own stated limits, as the author describes them (up to 20 entries). Informational: the quotas enforced are the plan catalogue's. */
            limitations?: {
                [key: string]: number | boolean | string;
            };
            /** @description Up to 10 categories. */
            categories?: string[];
            /**
             * @description The base plugin; required for an `addon`, refused for other tiers.
             * @example miyabi-codegen
             */
            requiresPlugin?: string;
            /**
             * @description Days of free trial a new subscriber gets (0: none); only paid tiers have one.
             * @default 0
             */
            trialDays?: number;
        };
        /**
         * MiyabiCreateRepositoryRequest
         * @description A repository to connect, by its GitHub id and full name.
         * @example {
         *       "githubRepoId": 1296269,
         *       "fullName": "octocat/Hello-World",
         *       "defaultBranch": "main"
         *     }
         */
        MiyabiCreateRepositoryRequest: {
            /**
             * @description GitHub's numeric repository id (`repository.id` in its API and webhooks): stable across renames.
             * @example 1296269
             */
            githubRepoId: number;
            /**
             * @description `owner/name` as GitHub spells it.
             * @example octocat/Hello-World
             */
            fullName: string;
            /**
             * @description Defaults to `main`.
             * @example main
             */
            defaultBranch?: string;
            /** @description Defaults to true. */
            active?: boolean;
        };
        /**
         * MiyabiCreateWorkflowRequest
         * @description A new workflow.
         * @example {
         *       "name": "Triage, review, pull request",
         *       "definition": {
         *         "nodes": [
         *           {
         *             "id": "triage",
         *             "type": "Issue",
         *             "data": {
         *               "label": "Triage"
         *             },
         *             "position": {
         *               "x": 0,
         *               "y": 0
         *             }
         *           },
         *           {
         *             "id": "review",
         *             "type": "Review",
         *             "data": {
         *               "label": "Review"
         *             },
         *             "position": {
         *               "x": 250,
         *               "y": 0
         *             }
         *           },
         *           {
         *             "id": "pr",
         *             "type": "PR",
         *             "data": {
         *               "label": "Pull request"
         *             },
         *             "position": {
         *               "x": 500,
         *               "y": 0
         *             }
         *           }
         *         ],
         *         "edges": [
         *           {
         *             "id": "e1",
         *             "source": "triage",
         *             "target": "review"
         *           },
         *           {
         *             "id": "e2",
         *             "source": "review",
         *             "target": "pr"
         *           }
         *         ]
         *       },
         *       "isTemplate": true
         *     }
         */
        MiyabiCreateWorkflowRequest: {
            /** @description Its name. */
            name: string;
            /** @description What it does. */
            description?: string;
            /**
             * Format: uuid
             * @description One of the account's repositories to run on by default.
             */
            repositoryId?: string;
            /** @description A React Flow document (`toObject()`'s `nodes` and `edges`; `viewport` is kept). It must be a DAG: unique ids, known node types, edges between existing nodes, no cycle; otherwise 400 naming the node or edge. */
            definition: components["schemas"]["MiyabiWorkflowDefinition"];
            /** @description Offer it as a template (makes it public). Default false. */
            isTemplate?: boolean;
            /**
             * @description Who can read it.
             *
             *     - `private`: Only the owner.
             *     - `public`: Anyone, also without credentials; only the owner changes it.
             * @enum {string}
             */
            visibility?: "private" | "public";
        };
        /**
         * MiyabiCreateWorkflowRunRequest
         * @description What every step reads (with the results of the steps before it).
         * @example {
         *       "input": {
         *         "issue": {
         *           "number": 1347,
         *           "title": "Server crashes when PORT is not a number",
         *           "body": "- validate PORT\n- add a test"
         *         },
         *         "files": [
         *           {
         *             "path": "src/server.ts",
         *             "content": "const port = Number(process.env.PORT);\n"
         *           }
         *         ]
         *       }
         *     }
         */
        MiyabiCreateWorkflowRunRequest: {
            /**
             * Format: uuid
             * @description One of the account's repositories; defaults to the workflow's own (if the caller owns it).
             */
            repositoryId?: string;
            /** @description What the agent reads. Every field is optional, but an agent with nothing to read fails. */
            input: components["schemas"]["MiyabiAgentInput"];
        };
        /**
         * MiyabiEvent
         * @description One recorded event of the account.
         * @example {
         *       "id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "type": "agent_execution",
         *       "repositoryId": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
         *       "subject": "execution:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
         *       "data": {
         *         "agentType": "Coordinator",
         *         "issueNumber": 123,
         *         "status": "completed",
         *         "durationMs": 5430
         *       },
         *       "createdAt": "2026-11-29T10:30:00.000Z"
         *     }
         */
        MiyabiEvent: {
            /**
             * Format: uuid
             * @description The event's id.
             */
            id: string;
            /** @description What happened, e.g. `agent_execution`, `webhook.github`, `line.message`, `usage_event` (dot-separated lower-case words). */
            type: string;
            /** @description The repository the event concerns; null for events of the account as a whole. */
            repositoryId: string | null;
            /** @description What the event is about within its type, e.g. `execution:<id>`; null when nothing narrower. */
            subject: string | null;
            /** @description The event's details, as the recording part of Miyabi wrote them. */
            data: {
                [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @description When it happened (RFC 3339, UTC). Events are kept 90 days after it.
             */
            createdAt: string;
        };
        /**
         * MiyabiEventList
         * @description A page of MiyabiEvent objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *           "type": "agent_execution",
         *           "repositoryId": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
         *           "subject": "execution:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
         *           "data": {
         *             "agentType": "Coordinator",
         *             "issueNumber": 123,
         *             "status": "completed",
         *             "durationMs": 5430
         *           },
         *           "createdAt": "2026-11-29T10:30:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiEventList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiEvent"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiEventStream
         * @description Server-Sent Events of the account's realtime messages, each with `id:` (a sequence number per account: send it back as `Last-Event-ID` to resume), `event:` `execution_update` or `notification`, and `data:` a [`MiyabiRealtimeMessage`](#/components/schemas/MiyabiRealtimeMessage) as JSON. Lines starting with `:` are keep-alive comments.
         * @example : stream open
         *
         *     id: 7
         *     event: notification
         *     data: {"type":"notification","payload":{"title":"Issue #42 created","body":"From LINE: \"Login button does nothing\""},"createdAt":"2026-11-30T12:00:00.000Z"}
         */
        MiyabiEventStream: string;
        /**
         * MiyabiGitHubWebhookPayload
         * @description GitHub's webhook payload (https://docs.github.com/en/webhooks/webhook-events-and-payloads); only `repository.id`, `action`, `sender.login`, `issue.number`, `pull_request.number` and `ref` are read.
         * @example {
         *       "action": "opened",
         *       "issue": {
         *         "number": 1347
         *       },
         *       "repository": {
         *         "id": 1296269,
         *         "full_name": "octocat/Hello-World"
         *       },
         *       "sender": {
         *         "login": "octocat"
         *       }
         *     }
         */
        MiyabiGitHubWebhookPayload: {
            /** @description What happened, for events that have actions. */
            action?: string;
            /** @description The repository the event happened in. */
            repository?: {
                /**
                 * @description GitHub's numeric repository id (`repository.id` in its API and webhooks): stable across renames.
                 * @example 1296269
                 */
                id: number;
                /** @description `owner/name`. */
                full_name?: string;
            } & {
                [key: string]: unknown;
            };
            /** @description Who caused the event. */
            sender?: {
                /** @description Their GitHub login. */
                login?: string;
            } & {
                [key: string]: unknown;
            };
            /** @description The issue, for issue events. */
            issue?: {
                /** @description The issue number. */
                number?: number;
            } & {
                [key: string]: unknown;
            };
            /** @description The pull request, for pull request events. */
            pull_request?: {
                /** @description The pull request number. */
                number?: number;
            } & {
                [key: string]: unknown;
            };
            /** @description The ref pushed, for `push` events. */
            ref?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * MiyabiGitHubWebhookReceipt
         * @description What the service did with a delivery.
         * @example {
         *       "deliveryId": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
         *       "duplicate": false,
         *       "recorded": 1
         *     }
         */
        MiyabiGitHubWebhookReceipt: {
            /**
             * Format: uuid
             * @description The delivery received.
             */
            deliveryId: string;
            /** @description True when this delivery id was received before: nothing was recorded again. */
            duplicate: boolean;
            /** @description How many connected, active repositories recorded it (0 for a repository nobody connected). */
            recorded: number;
        };
        /**
         * MiyabiIdentity
         * @description An identity at a provider, linked to the account.
         * @example {
         *       "id": "5e2a9c1d-7b3f-4d6e-8a0b-2c4d6e8f0a1b",
         *       "provider": "github",
         *       "subject": "583231",
         *       "login": "octocat",
         *       "linkedVia": "oauth",
         *       "canCallApi": true,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiIdentity: {
            /**
             * Format: uuid
             * @description The link's id.
             */
            id: string;
            /**
             * @description The provider.
             *
             *     - `github`: GitHub (OAuth app): the account agents act as on GitHub.
             *     - `line`: LINE Login: the LINE user the Miyabi bot answers for this account.
             * @enum {string}
             */
            provider: "github" | "line";
            /** @description The provider's stable user id: GitHub's numeric user id, LINE's user id (`U` + 32 hex digits). */
            subject: string;
            /** @description GitHub's login or LINE's display name when the link was made; null when the provider gave none. */
            login: string | null;
            /**
             * @description How the link was made.
             *
             *     - `oauth`: The OAuth flow of `/v1/miyabi/identities/{provider}/authorizations`.
             *     - `link_code`: A code from `POST /v1/miyabi/line/link-codes` sent to the LINE bot (LINE only).
             * @enum {string}
             */
            linkedVia: "oauth" | "link_code";
            /** @description Whether Miyabi holds the provider's access token for this identity (GitHub linked by OAuth): agents can then act on GitHub. */
            canCallApi: boolean;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiIdentityAuthorization
         * @description The start of linking an identity: valid 10 minutes, for this account only.
         * @example {
         *       "authorizationUrl": "https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&redirect_uri=https%3A%2F%2Fapp.example.com%2Fconnect%2Fgithub&response_type=code&scope=read%3Auser+repo&state=QVZmY2xvdWRz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
         *       "state": "QVZmY2xvdWRzLWFyZS1ub3QtYS1zdGF0ZS1zdHJpbmc",
         *       "expiresAt": "2026-11-30T09:10:00.000Z"
         *     }
         */
        MiyabiIdentityAuthorization: {
            /**
             * Format: uri
             * @description Send the user's browser here. It carries `state` and a PKCE S256 `code_challenge`; the provider sends the browser back to the configured redirect URI with `code` and `state`.
             */
            authorizationUrl: string;
            /** @description The flow’s state: the provider hands it back with the code; pass both to the callback. */
            state: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            expiresAt: string;
        };
        /**
         * MiyabiIdentityCallback
         * @description What the provider sent the user's browser back with: the page at the redirect URI passes it on, with the account's credentials.
         * @example {
         *       "code": "3584d83530557fdd1f46",
         *       "state": "QVZmY2xvdWRzLWFyZS1ub3QtYS1zdGF0ZS1zdHJpbmc"
         *     }
         */
        MiyabiIdentityCallback: {
            /** @description The `code` the provider appended to the redirect URI. */
            code: string;
            /** @description The `state` the provider appended to the redirect URI. */
            state: string;
        };
        /**
         * MiyabiIdentityList
         * @description A page of MiyabiIdentity objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "5e2a9c1d-7b3f-4d6e-8a0b-2c4d6e8f0a1b",
         *           "provider": "github",
         *           "subject": "583231",
         *           "login": "octocat",
         *           "linkedVia": "oauth",
         *           "canCallApi": true,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiIdentityList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiIdentity"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiJwks
         * @description The JSON Web Key Set that verifies licences (RFC 7517, section 5).
         * @example {
         *       "keys": [
         *         {
         *           "kty": "OKP",
         *           "crv": "Ed25519",
         *           "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
         *           "kid": "k_2026-11-30_9f8e7d6c",
         *           "alg": "EdDSA",
         *           "use": "sig"
         *         }
         *       ]
         *     }
         */
        MiyabiJwks: {
            /** @description The current signing key and every retired key whose licences may not have expired yet, newest first. */
            keys: components["schemas"]["MiyabiPublicJwk"][];
        };
        /**
         * MiyabiLicense
         * @description A signed licence for one plugin subscription.
         * @example {
         *       "id": "7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c",
         *       "pluginId": "miyabi-codegen",
         *       "subscriptionId": "3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f",
         *       "plan": "pro",
         *       "keyId": "k_2026-11-30_9f8e7d6c",
         *       "token": "eyJhbGciOiJFZERTQSIsImtpZCI6ImtfMjAyNi0xMS0zMF85ZjhlN2Q2YyIsInR5cCI6Im1peWFiaS1saWNlbnNlK2p3dCJ9.eyJwbHVnaW4iOiJtaXlhYmktY29kZWdlbiJ9.c2lnbmF0dXJl",
         *       "expiresAt": "2027-01-06T09:00:00.000Z",
         *       "revokedAt": null,
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiLicense: {
            /**
             * Format: uuid
             * @description The licence's id: the JWT's `jti`, which the revocation list names.
             */
            id: string;
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            pluginId: string;
            /**
             * Format: uuid
             * @description The subscription it was issued for.
             */
            subscriptionId: string;
            /** @description The plan (tier) it grants, e.g. `pro`. */
            plan: string;
            /** @description The `kid` of the signing key in the published key set. */
            keyId: string;
            /** @description The licence: a compact JWS (JWT, `alg: EdDSA`, Ed25519) with the claims `iss`, `sub` (account), `aud` (`miyabi:<plugin>`), `jti`, `iat`, `nbf`, `exp`, `plugin`, `tier`, `plan`, `subscription` and `limits`. Keep it secret like an API key. */
            token: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            expiresAt: string;
            /** @description When it was revoked (then listed in the revocation list until it expires); null while valid. */
            revokedAt: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * MiyabiLicenseList
         * @description A page of MiyabiLicense objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c",
         *           "pluginId": "miyabi-codegen",
         *           "subscriptionId": "3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f",
         *           "plan": "pro",
         *           "keyId": "k_2026-11-30_9f8e7d6c",
         *           "token": "eyJhbGciOiJFZERTQSIsImtpZCI6ImtfMjAyNi0xMS0zMF85ZjhlN2Q2YyIsInR5cCI6Im1peWFiaS1saWNlbnNlK2p3dCJ9.eyJwbHVnaW4iOiJtaXlhYmktY29kZWdlbiJ9.c2lnbmF0dXJl",
         *           "expiresAt": "2027-01-06T09:00:00.000Z",
         *           "revokedAt": null,
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiLicenseList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiLicense"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiLicenseRevocation
         * @description A licence revoked before its expiry.
         * @example {
         *       "licenseId": "7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c",
         *       "pluginId": "miyabi-codegen",
         *       "reason": "revoked_by_owner",
         *       "revokedAt": "2026-11-30T10:00:00.000Z",
         *       "expiresAt": "2027-01-06T09:00:00.000Z"
         *     }
         */
        MiyabiLicenseRevocation: {
            /**
             * Format: uuid
             * @description The revoked licence (its `jti`).
             */
            licenseId: string;
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            pluginId: string;
            /**
             * @description `revoked_by_owner`: its holder revoked it; `subscription_ended`: its subscription ended at once.
             * @enum {string}
             */
            reason: "revoked_by_owner" | "subscription_ended";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            revokedAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            expiresAt: string;
        };
        /**
         * MiyabiLicenseRevocationList
         * @description A page of MiyabiLicenseRevocation objects.
         * @example {
         *       "data": [
         *         {
         *           "licenseId": "7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c",
         *           "pluginId": "miyabi-codegen",
         *           "reason": "revoked_by_owner",
         *           "revokedAt": "2026-11-30T10:00:00.000Z",
         *           "expiresAt": "2027-01-06T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiLicenseRevocationList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiLicenseRevocation"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiLineLinkCode
         * @description A one-time code linking a LINE user to the account, valid 10 minutes.
         * @example {
         *       "code": "k3p9x2qa",
         *       "expiresAt": "2026-11-30T12:10:00.000Z"
         *     }
         */
        MiyabiLineLinkCode: {
            /** @description Send `link <code>` (or `連携 <code>`) to the Miyabi bot on LINE to link that LINE user to this account. */
            code: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            expiresAt: string;
        };
        /**
         * MiyabiLineWebhookBody
         * @description A LINE webhook request (https://developers.line.biz/en/reference/messaging-api/#webhooks); only its signed raw bytes are trusted.
         * @example {
         *       "destination": "U0123456789abcdef0123456789abcdef",
         *       "events": [
         *         {
         *           "type": "message",
         *           "mode": "active",
         *           "timestamp": 1796036400000,
         *           "webhookEventId": "01HZX3Y4Z5A6B7C8D9E0F1G2H3",
         *           "deliveryContext": {
         *             "isRedelivery": false
         *           },
         *           "replyToken": "b60d432864f44d079f6d8efe86cf404b",
         *           "source": {
         *             "type": "user",
         *             "userId": "U4af4980629bdd6f2e8d5e7f0e0c0c0c0"
         *           },
         *           "message": {
         *             "id": "325708",
         *             "type": "text",
         *             "quoteToken": "q3Plxr4AgKd",
         *             "text": "status of issue #12"
         *           }
         *         }
         *       ]
         *     }
         */
        MiyabiLineWebhookBody: {
            /** @description The bot's user id. */
            destination: string;
            /** @description The events; empty when LINE verifies the webhook URL. */
            events: components["schemas"]["MiyabiLineWebhookEvent"][];
        } & {
            [key: string]: unknown;
        };
        /**
         * MiyabiLineWebhookEvent
         * @description One webhook event, as LINE sends it.
         * @example {
         *       "type": "message",
         *       "mode": "active",
         *       "timestamp": 1796036400000,
         *       "webhookEventId": "01HZX3Y4Z5A6B7C8D9E0F1G2H3",
         *       "deliveryContext": {
         *         "isRedelivery": false
         *       },
         *       "replyToken": "b60d432864f44d079f6d8efe86cf404b",
         *       "source": {
         *         "type": "user",
         *         "userId": "U4af4980629bdd6f2e8d5e7f0e0c0c0c0"
         *       },
         *       "message": {
         *         "id": "325708",
         *         "type": "text",
         *         "quoteToken": "q3Plxr4AgKd",
         *         "text": "status of issue #12"
         *       }
         *     }
         */
        MiyabiLineWebhookEvent: {
            /** @description The event type: `message` and `postback` are acted on; others (follow, unfollow, …) are acknowledged. */
            type: string;
            /** @description LINE's id of the event: a redelivered event is recorded and acted on once. */
            webhookEventId: string;
            /** @description When the event happened, in Unix milliseconds. */
            timestamp: number;
            /** @description The token a reply to this event may use, once and shortly after. */
            replyToken?: string;
            /** @description Who sent the event. */
            source?: {
                /** @description `user`, `group` or `room`. */
                type: string;
                /** @description The LINE user who sent it. */
                userId?: string;
            } & {
                [key: string]: unknown;
            };
            /** @description The message of a `message` event. */
            message?: {
                /** @description `text`, `image`, `video`, `audio`, `file`, `location` or `sticker`. */
                type: string;
                /** @description The text of a `text` message. */
                text?: string;
            } & {
                [key: string]: unknown;
            };
            /** @description The postback of a `postback` event. */
            postback?: {
                /** @description The postback action's data. */
                data: string;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * MiyabiLineWebhookReceipt
         * @description What the webhook did with the events.
         * @example {
         *       "recorded": 1,
         *       "duplicates": 0,
         *       "ignored": 0
         *     }
         */
        MiyabiLineWebhookReceipt: {
            /** @description Messages and postbacks recorded now. */
            recorded: number;
            /** @description Events recorded before (redeliveries): not acted on again. */
            duplicates: number;
            /** @description Other events (follow, unfollow, …), acknowledged only. */
            ignored: number;
        };
        /**
         * MiyabiPlugin
         * @description A plugin of the marketplace: public to everyone.
         * @example {
         *       "id": "miyabi-codegen",
         *       "name": "codegen",
         *       "displayName": "Miyabi CodeGen",
         *       "source": "https://github.com/miyabi-platform/miyabi-codegen",
         *       "version": "2.1.3",
         *       "tier": "pro",
         *       "priceAmount": 1900,
         *       "currency": "USD",
         *       "billingPeriod": "monthly",
         *       "authorId": null,
         *       "description": "The CodeGen agent writes changes for planned issues and opens pull requests.",
         *       "features": [
         *         "code generation",
         *         "pull requests"
         *       ],
         *       "limitations": {
         *         "issuesPerMonth": 1000
         *       },
         *       "categories": [
         *         "codegen",
         *         "pull-requests"
         *       ],
         *       "verified": true,
         *       "featured": true,
         *       "downloads": 1280,
         *       "rating": 4.6,
         *       "ratingCount": 52,
         *       "requiresPlugin": null,
         *       "trialDays": 14,
         *       "createdAt": "2026-01-12T00:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiPlugin: {
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            id: string;
            /** @description A short technical name. */
            name: string;
            /** @description The name shown in the catalogue. */
            displayName: string;
            /** @description Where the plugin's code lives: an `https://` URL. */
            source: string;
            /**
             * @description The version, Semantic Versioning 2.0.0 (`MAJOR.MINOR.PATCH`, optional pre-release and build).
             * @example 2.1.3
             */
            version: string;
            /**
             * @description The tier, which is also the plan of the plan catalogue that sets its quotas.
             *
             *     - `free`: costs nothing; the `free` plan limits apply
             *     - `pro`: paid; the `pro` plan limits apply
             *     - `enterprise`: paid, for organisations; unlimited usage
             *     - `addon`: extends a base plugin (`requiresPlugin`), which the subscriber must already have
             * @enum {string}
             */
            tier: "free" | "pro" | "enterprise" | "addon";
            /** @description The price in minor units of `currency` (cents for USD); 0 exactly when the tier is `free`. */
            priceAmount: number;
            /**
             * @description ISO 4217 currency code.
             * @example USD
             */
            currency: string;
            /**
             * @description How often the price is charged.
             * @enum {string}
             */
            billingPeriod: "monthly" | "yearly" | "one-time";
            /** @description The publishing account; null for the platform's own catalogue. */
            authorId: string | null;
            /** @description What the plugin does, up to 5000 characters. */
            description: string;
            /** @description What the plugin does, one line each (up to 30). */
            features: string[];
            /** @description The plugin's own stated limits, as the author describes them (up to 20 entries). Informational: the quotas enforced are the plan catalogue's. */
            limitations: {
                [key: string]: number | boolean | string;
            };
            /** @description Its categories. */
            categories: string[];
            /** @description Checked by the platform (set by an admin). */
            verified: boolean;
            /** @description Shown first by the storefront (set by an admin). */
            featured: boolean;
            /** @description Subscriptions ever started to it. */
            downloads: number;
            /** @description The mean review rating, 0 to 5 with two decimals; 0 without reviews. */
            rating: number;
            /** @description How many reviews the rating averages. */
            ratingCount: number;
            /** @description For an add-on: the base plugin a subscriber must have; null otherwise. */
            requiresPlugin: string | null;
            /** @description Days of free trial a new subscriber gets (0: none); only paid tiers have one. */
            trialDays: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiPluginCurationRequest
         * @description The curation flags to set.
         * @example {
         *       "verified": true,
         *       "featured": true
         *     }
         */
        MiyabiPluginCurationRequest: {
            /** @description Mark the plugin verified (or not). */
            verified?: boolean;
            /** @description Feature the plugin (or not). */
            featured?: boolean;
        };
        /**
         * MiyabiPluginList
         * @description A page of MiyabiPlugin objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "miyabi-codegen",
         *           "name": "codegen",
         *           "displayName": "Miyabi CodeGen",
         *           "source": "https://github.com/miyabi-platform/miyabi-codegen",
         *           "version": "2.1.3",
         *           "tier": "pro",
         *           "priceAmount": 1900,
         *           "currency": "USD",
         *           "billingPeriod": "monthly",
         *           "authorId": null,
         *           "description": "The CodeGen agent writes changes for planned issues and opens pull requests.",
         *           "features": [
         *             "code generation",
         *             "pull requests"
         *           ],
         *           "limitations": {
         *             "issuesPerMonth": 1000
         *           },
         *           "categories": [
         *             "codegen",
         *             "pull-requests"
         *           ],
         *           "verified": true,
         *           "featured": true,
         *           "downloads": 1280,
         *           "rating": 4.6,
         *           "ratingCount": 52,
         *           "requiresPlugin": null,
         *           "trialDays": 14,
         *           "createdAt": "2026-01-12T00:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiPluginList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiPlugin"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiPublicJwk
         * @description A public signing key of licences (RFC 7517, RFC 8037).
         * @example {
         *       "kty": "OKP",
         *       "crv": "Ed25519",
         *       "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
         *       "kid": "k_2026-11-30_9f8e7d6c",
         *       "alg": "EdDSA",
         *       "use": "sig"
         *     }
         */
        MiyabiPublicJwk: {
            /**
             * @description Key type (RFC 8037): octet key pair.
             * @enum {string}
             */
            kty: "OKP";
            /**
             * @description The curve.
             * @enum {string}
             */
            crv: "Ed25519";
            /** @description The public key, base64url. */
            x: string;
            /** @description The key id, as in a licence header. */
            kid: string;
            /**
             * @description The signature algorithm.
             * @enum {string}
             */
            alg: "EdDSA";
            /**
             * @description Signatures only.
             * @enum {string}
             */
            use: "sig";
        };
        /**
         * MiyabiRepository
         * @description A GitHub repository connected to the account.
         * @example {
         *       "id": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *       "githubRepoId": 1296269,
         *       "owner": "octocat",
         *       "name": "Hello-World",
         *       "fullName": "octocat/Hello-World",
         *       "defaultBranch": "main",
         *       "active": true,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiRepository: {
            /**
             * Format: uuid
             * @description The repository's id in Miyabi.
             */
            id: string;
            /**
             * @description GitHub's numeric repository id (`repository.id` in its API and webhooks): stable across renames.
             * @example 1296269
             */
            githubRepoId: number;
            /** @description The owning user or organisation on GitHub. */
            owner: string;
            /** @description The repository's name on GitHub. */
            name: string;
            /**
             * @description `owner/name` as GitHub spells it.
             * @example octocat/Hello-World
             */
            fullName: string;
            /**
             * @description The branch agents work from and open pull requests against.
             * @example main
             */
            defaultBranch: string;
            /** @description Whether agents run on it and its webhook events are recorded; inactive ones are kept but ignored. */
            active: boolean;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiRepositoryEvent
         * @description A GitHub webhook event recorded for a repository.
         * @example {
         *       "id": "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         *       "repositoryId": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *       "deliveryId": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
         *       "event": "issues",
         *       "action": "opened",
         *       "sender": "octocat",
         *       "issueNumber": 1347,
         *       "pullRequestNumber": null,
         *       "ref": null,
         *       "receivedAt": "2026-11-30T09:05:00.000Z"
         *     }
         */
        MiyabiRepositoryEvent: {
            /**
             * Format: uuid
             * @description The recorded event's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The repository it concerns.
             */
            repositoryId: string;
            /**
             * Format: uuid
             * @description GitHub's `X-GitHub-Delivery`: one per delivery.
             */
            deliveryId: string;
            /** @description GitHub's `X-GitHub-Event`, e.g. `push`, `issues`, `pull_request`. */
            event: string;
            /** @description The payload's `action` (`opened`, `closed`…); null for events without one, such as `push`. */
            action: string | null;
            /** @description The GitHub login that caused it. */
            sender: string | null;
            /** @description The issue it is about, if any. */
            issueNumber: number | null;
            /** @description The pull request it is about, if any. */
            pullRequestNumber: number | null;
            /** @description The pushed ref, for `push` events. */
            ref: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            receivedAt: string;
        };
        /**
         * MiyabiRepositoryEventList
         * @description A page of MiyabiRepositoryEvent objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
         *           "repositoryId": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *           "deliveryId": "72d3162e-cc78-11e3-81ab-4c9367dc0958",
         *           "event": "issues",
         *           "action": "opened",
         *           "sender": "octocat",
         *           "issueNumber": 1347,
         *           "pullRequestNumber": null,
         *           "ref": null,
         *           "receivedAt": "2026-11-30T09:05:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiRepositoryEventList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiRepositoryEvent"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiRepositoryList
         * @description A page of MiyabiRepository objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c",
         *           "githubRepoId": 1296269,
         *           "owner": "octocat",
         *           "name": "Hello-World",
         *           "fullName": "octocat/Hello-World",
         *           "defaultBranch": "main",
         *           "active": true,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiRepositoryList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiRepository"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiReview
         * @description An account's review of a plugin it subscribes to: public.
         * @example {
         *       "id": "4d7c2a91-3b6e-4f08-9a1d-2c5e8b7f6a30",
         *       "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "pluginId": "miyabi-codegen",
         *       "rating": 5,
         *       "body": "Opened clean pull requests for most of our backlog.",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiReview: {
            /**
             * Format: uuid
             * @description The review's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The reviewing account.
             */
            accountId: string;
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            pluginId: string;
            /** @description From 1 (poor) to 5 (excellent). */
            rating: number;
            /** @description What the reviewer has to say, up to 5000 characters. */
            body: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiReviewList
         * @description A page of MiyabiReview objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "4d7c2a91-3b6e-4f08-9a1d-2c5e8b7f6a30",
         *           "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *           "pluginId": "miyabi-codegen",
         *           "rating": 5,
         *           "body": "Opened clean pull requests for most of our backlog.",
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiReviewList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiReview"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiReviewRequest
         * @description The rating and text of a review.
         * @example {
         *       "rating": 5,
         *       "body": "Opened clean pull requests for most of our backlog."
         *     }
         */
        MiyabiReviewRequest: {
            /** @description From 1 (poor) to 5 (excellent). */
            rating: number;
            /** @description What the reviewer has to say, up to 5000 characters. */
            body?: string;
        };
        /**
         * MiyabiSigningKey
         * @description The key that signs licences from now on.
         * @example {
         *       "kid": "k_2026-11-30_9f8e7d6c",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiSigningKey: {
            /** @description The new key id. */
            kid: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * MiyabiSubscribeRequest
         * @description How to subscribe.
         * @example {
         *       "trial": true
         *     }
         */
        MiyabiSubscribeRequest: {
            /** @description For a paid plugin with a trial: start the trial (default true) or pay now (false). Ignored for free plugins. */
            trial?: boolean;
            /**
             * Format: uri
             * @description Where the payment provider sends the buyer after paying (needed when paying now).
             */
            successUrl?: string;
            /**
             * Format: uri
             * @description Where the payment provider sends the buyer who gives up (defaults to `successUrl`).
             */
            cancelUrl?: string;
        };
        /**
         * MiyabiSubscribeResult
         * @description What subscribing started: a subscription with its licence, or a checkout to pay first.
         * @example {
         *       "subscription": {
         *         "id": "3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f",
         *         "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *         "product": "miyabi",
         *         "subject": "miyabi-codegen",
         *         "plan": "pro",
         *         "status": "trialing",
         *         "cancelAtPeriodEnd": true,
         *         "trialEnd": "2026-12-14T09:00:00.000Z",
         *         "currentPeriodStart": "2026-11-30T09:00:00.000Z",
         *         "currentPeriodEnd": "2026-12-14T09:00:00.000Z",
         *         "canceledAt": null,
         *         "stripeCustomerId": null,
         *         "stripeSubscriptionId": null,
         *         "createdAt": "2026-11-30T09:00:00.000Z",
         *         "updatedAt": "2026-11-30T09:00:00.000Z"
         *       },
         *       "license": {
         *         "id": "7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c",
         *         "pluginId": "miyabi-codegen",
         *         "subscriptionId": "3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f",
         *         "plan": "pro",
         *         "keyId": "k_2026-11-30_9f8e7d6c",
         *         "token": "eyJhbGciOiJFZERTQSIsImtpZCI6ImtfMjAyNi0xMS0zMF85ZjhlN2Q2YyIsInR5cCI6Im1peWFiaS1saWNlbnNlK2p3dCJ9.eyJwbHVnaW4iOiJtaXlhYmktY29kZWdlbiJ9.c2lnbmF0dXJl",
         *         "expiresAt": "2027-01-06T09:00:00.000Z",
         *         "revokedAt": null,
         *         "createdAt": "2026-11-30T09:00:00.000Z"
         *       },
         *       "checkout": null
         *     }
         */
        MiyabiSubscribeResult: {
            /** @description The subscription, when it started at once (free, trial); null while payment is pending. */
            subscription: components["schemas"]["Subscription"] | null;
            /** @description Its first licence, when the subscription started at once; null otherwise. */
            license: components["schemas"]["MiyabiLicense"] | null;
            /** @description For a paid plugin bought now: the checkout to complete. The subscription starts when the payment provider confirms it (Stripe webhook). */
            checkout: components["schemas"]["MiyabiCheckout"] | null;
        };
        /**
         * MiyabiUpdatePluginRequest
         * @description The fields to change. The id, tier and base plugin are fixed at publication; a new price applies to new subscriptions.
         * @example {
         *       "version": "2.2.0",
         *       "description": "Now with test scaffolding."
         *     }
         */
        MiyabiUpdatePluginRequest: {
            /** @description The name shown in the catalogue. */
            displayName?: string;
            /** @description Where the plugin's code lives: an `https://` URL. */
            source?: string;
            /**
             * @description The version, Semantic Versioning 2.0.0 (`MAJOR.MINOR.PATCH`, optional pre-release and build).
             * @example 2.1.3
             */
            version?: string;
            /** @description The price in minor units of `currency` (cents for USD); 0 exactly when the tier is `free`. */
            priceAmount?: number;
            /**
             * @description ISO 4217 currency code.
             * @example USD
             */
            currency?: string;
            /**
             * @description How often the price is charged.
             * @enum {string}
             */
            billingPeriod?: "monthly" | "yearly" | "one-time";
            /** @description What the plugin does, up to 5000 characters. */
            description?: string;
            /** @description What the plugin does, one line each (up to 30). */
            features?: string[];
            /** @description The plugin's own stated limits, as the author describes them (up to 20 entries). Informational: the quotas enforced are the plan catalogue's. */
            limitations?: {
                [key: string]: number | boolean | string;
            };
            /** @description Up to 10 categories. */
            categories?: string[];
            /** @description Days of free trial a new subscriber gets (0: none); only paid tiers have one. */
            trialDays?: number;
        };
        /**
         * MiyabiUpdateRepositoryRequest
         * @description The fields to change; at least one.
         * @example {
         *       "active": false
         *     }
         */
        MiyabiUpdateRepositoryRequest: {
            /**
             * @description The new `owner/name` after a rename or transfer on GitHub.
             * @example octocat/Hello-World
             */
            fullName?: string;
            /**
             * @description The branch agents work from and open pull requests against.
             * @example main
             */
            defaultBranch?: string;
            /** @description Pause (false) or resume (true) the repository. */
            active?: boolean;
        };
        /**
         * MiyabiUpdateWorkflowRequest
         * @description The fields to change; at least one.
         * @example {
         *       "visibility": "public"
         *     }
         */
        MiyabiUpdateWorkflowRequest: {
            /** @description Its name. */
            name?: string;
            /** @description New text; null clears it. */
            description?: string | null;
            /** @description A repository of the account, or null for none. */
            repositoryId?: string | null;
            /** @description A React Flow document (`toObject()`'s `nodes` and `edges`; `viewport` is kept). It must be a DAG: unique ids, known node types, edges between existing nodes, no cycle; otherwise 400 naming the node or edge. */
            definition?: components["schemas"]["MiyabiWorkflowDefinition"];
            /** @description Offer it as a template (makes it public). */
            isTemplate?: boolean;
            /**
             * @description Who can read it.
             *
             *     - `private`: Only the owner.
             *     - `public`: Anyone, also without credentials; only the owner changes it.
             * @enum {string}
             */
            visibility?: "private" | "public";
        };
        /**
         * MiyabiUsageAggregate
         * @description One plugin's usage by the account in one month.
         * @example {
         *       "pluginId": "miyabi-codegen",
         *       "period": "2026-11",
         *       "issues": 12,
         *       "tokens": 48000,
         *       "agentExecutions": {
         *         "CodeGen": 9,
         *         "Review": 4
         *       },
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiUsageAggregate: {
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            pluginId: string;
            /**
             * @description The month, `YYYY-MM` (UTC).
             * @example 2026-11
             */
            period: string;
            /** @description Issues processed in the month. */
            issues: number;
            /** @description Model tokens used in the month. */
            tokens: number;
            /** @description Agent runs in the month, per agent type. */
            agentExecutions: {
                [key: string]: number;
            };
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiUsageAggregateList
         * @description A page of MiyabiUsageAggregate objects.
         * @example {
         *       "data": [
         *         {
         *           "pluginId": "miyabi-codegen",
         *           "period": "2026-11",
         *           "issues": 12,
         *           "tokens": 48000,
         *           "agentExecutions": {
         *             "CodeGen": 9,
         *             "Review": 4
         *           },
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiUsageAggregateList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiUsageAggregate"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiUsageBatch
         * @description A batch of usage events.
         * @example {
         *       "events": [
         *         {
         *           "id": "5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b",
         *           "pluginId": "miyabi-codegen",
         *           "type": "tokens_used",
         *           "quantity": 1500
         *         }
         *       ]
         *     }
         */
        MiyabiUsageBatch: {
            /** @description Up to 1 000 events. All are counted or none: over a quota, the whole batch is refused. */
            events: components["schemas"]["MiyabiUsageEventInput"][];
        };
        /**
         * MiyabiUsageEvent
         * @description One counted usage event.
         * @example {
         *       "id": "5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b",
         *       "pluginId": "miyabi-codegen",
         *       "type": "tokens_used",
         *       "quantity": 1500,
         *       "agentType": null,
         *       "data": {
         *         "issue": 42
         *       },
         *       "period": "2026-11",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiUsageEvent: {
            /**
             * Format: uuid
             * @description The event's id, as the client chose it.
             */
            id: string;
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            pluginId: string;
            /**
             * @description What happened; it says which aggregate the event moves.
             *
             *     - `issue_processed`: `quantity` issues processed (metered: `issues`)
             *     - `tokens_used`: `quantity` model tokens used (metered: `tokens`)
             *     - `agent_execution`: one run of `agentType` (counted per agent type, not metered)
             * @enum {string}
             */
            type: "issue_processed" | "tokens_used" | "agent_execution";
            /** @description How many issues or tokens; 1 for an agent run. */
            quantity: number;
            /** @description The agent, for `agent_execution`; else null. */
            agentType: ("Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue") | null;
            /** @description Free-form details kept with the event (up to 10 flat fields), e.g. the issue number. */
            data: {
                [key: string]: string | number | boolean | null;
            };
            /**
             * @description The month it was counted in.
             * @example 2026-11
             */
            period: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * MiyabiUsageEventInput
         * @description One usage event of a plugin.
         * @example {
         *       "id": "5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b",
         *       "pluginId": "miyabi-codegen",
         *       "type": "tokens_used",
         *       "quantity": 1500,
         *       "data": {
         *         "issue": 42
         *       }
         *     }
         */
        MiyabiUsageEventInput: {
            /**
             * Format: uuid
             * @description A client-chosen id (UUID): an event sent again with the same id is counted once.
             */
            id: string;
            /**
             * @description A plugin id: a slug of 3 to 64 lower-case letters, digits and hyphens.
             * @example miyabi-codegen
             */
            pluginId: string;
            /**
             * @description What happened; it says which aggregate the event moves.
             *
             *     - `issue_processed`: `quantity` issues processed (metered: `issues`)
             *     - `tokens_used`: `quantity` model tokens used (metered: `tokens`)
             *     - `agent_execution`: one run of `agentType` (counted per agent type, not metered)
             * @enum {string}
             */
            type: "issue_processed" | "tokens_used" | "agent_execution";
            /** @description How many issues or tokens (default 1); must be 1 for `agent_execution`. */
            quantity?: number;
            /**
             * @description The agent that ran (for `agent_execution`).
             * @enum {string}
             */
            agentType?: "Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue";
            /** @description Free-form details kept with the event (up to 10 flat fields), e.g. the issue number. */
            data?: {
                [key: string]: string | number | boolean | null;
            };
        };
        /**
         * MiyabiUsageEventList
         * @description A page of MiyabiUsageEvent objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "5b1c9e2d-7a3f-4d6e-8c0b-1a2d3e4f5a6b",
         *           "pluginId": "miyabi-codegen",
         *           "type": "tokens_used",
         *           "quantity": 1500,
         *           "agentType": null,
         *           "data": {
         *             "issue": 42
         *           },
         *           "period": "2026-11",
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiUsageEventList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiUsageEvent"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiUsageReceipt
         * @description What a batch changed.
         * @example {
         *       "accepted": 1,
         *       "duplicates": 0,
         *       "aggregates": [
         *         {
         *           "pluginId": "miyabi-codegen",
         *           "period": "2026-11",
         *           "issues": 12,
         *           "tokens": 48000,
         *           "agentExecutions": {
         *             "CodeGen": 9,
         *             "Review": 4
         *           },
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ]
         *     }
         */
        MiyabiUsageReceipt: {
            /** @description Events counted by this request. */
            accepted: number;
            /** @description Events already counted before (same id), not counted again. */
            duplicates: number;
            /** @description The aggregates the batch touched, as they are now. */
            aggregates: components["schemas"]["MiyabiUsageAggregate"][];
        };
        /**
         * MiyabiWorkflow
         * @description A workflow of agent steps.
         * @example {
         *       "id": "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
         *       "name": "Triage, review, pull request",
         *       "description": "From an issue to a pull request description.",
         *       "repositoryId": null,
         *       "definition": {
         *         "nodes": [
         *           {
         *             "id": "triage",
         *             "type": "Issue",
         *             "data": {
         *               "label": "Triage"
         *             },
         *             "position": {
         *               "x": 0,
         *               "y": 0
         *             }
         *           },
         *           {
         *             "id": "review",
         *             "type": "Review",
         *             "data": {
         *               "label": "Review"
         *             },
         *             "position": {
         *               "x": 250,
         *               "y": 0
         *             }
         *           },
         *           {
         *             "id": "pr",
         *             "type": "PR",
         *             "data": {
         *               "label": "Pull request"
         *             },
         *             "position": {
         *               "x": 500,
         *               "y": 0
         *             }
         *           }
         *         ],
         *         "edges": [
         *           {
         *             "id": "e1",
         *             "source": "triage",
         *             "target": "review"
         *           },
         *           {
         *             "id": "e2",
         *             "source": "review",
         *             "target": "pr"
         *           }
         *         ]
         *       },
         *       "isTemplate": true,
         *       "visibility": "public",
         *       "mine": true,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        MiyabiWorkflow: {
            /**
             * Format: uuid
             * @description The workflow's id.
             */
            id: string;
            /** @description Its name. */
            name: string;
            /** @description What it does. */
            description: string | null;
            /** @description The owner's repository it runs on by default; null for none (always null for others' workflows). */
            repositoryId: string | null;
            /** @description A React Flow document (`toObject()`'s `nodes` and `edges`; `viewport` is kept). It must be a DAG: unique ids, known node types, edges between existing nodes, no cycle; otherwise 400 naming the node or edge. */
            definition: components["schemas"]["MiyabiWorkflowDefinition"];
            /** @description A template, offered to others to start from; templates are public. */
            isTemplate: boolean;
            /**
             * @description Who can read it.
             *
             *     - `private`: Only the owner.
             *     - `public`: Anyone, also without credentials; only the owner changes it.
             * @enum {string}
             */
            visibility: "private" | "public";
            /** @description Whether the caller owns it (others' public workflows can be read and run). */
            mine: boolean;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiWorkflowDefinition
         * @description A React Flow document (`toObject()`'s `nodes` and `edges`; `viewport` is kept). It must be a DAG: unique ids, known node types, edges between existing nodes, no cycle; otherwise 400 naming the node or edge.
         * @example {
         *       "nodes": [
         *         {
         *           "id": "triage",
         *           "type": "Issue",
         *           "data": {
         *             "label": "Triage"
         *           },
         *           "position": {
         *             "x": 0,
         *             "y": 0
         *           }
         *         },
         *         {
         *           "id": "review",
         *           "type": "Review",
         *           "data": {
         *             "label": "Review"
         *           },
         *           "position": {
         *             "x": 250,
         *             "y": 0
         *           }
         *         },
         *         {
         *           "id": "pr",
         *           "type": "PR",
         *           "data": {
         *             "label": "Pull request"
         *           },
         *           "position": {
         *             "x": 500,
         *             "y": 0
         *           }
         *         }
         *       ],
         *       "edges": [
         *         {
         *           "id": "e1",
         *           "source": "triage",
         *           "target": "review"
         *         },
         *         {
         *           "id": "e2",
         *           "source": "review",
         *           "target": "pr"
         *         }
         *       ]
         *     }
         */
        MiyabiWorkflowDefinition: {
            /** @description The steps, 1 to 50. */
            nodes: components["schemas"]["MiyabiWorkflowNode"][];
            /** @description The dependencies, at most 200. */
            edges: components["schemas"]["MiyabiWorkflowEdge"][];
        } & {
            [key: string]: unknown;
        };
        /**
         * MiyabiWorkflowEdge
         * @description A dependency between steps: a React Flow edge. Other React Flow fields are kept and not read.
         * @example {
         *       "id": "e1",
         *       "source": "triage",
         *       "target": "review"
         *     }
         */
        MiyabiWorkflowEdge: {
            /** @description The edge id, unique in the workflow. */
            id: string;
            /** @description The step that runs first; its result is passed to `target`. */
            source: string;
            /** @description The step that runs after it. */
            target: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * MiyabiWorkflowList
         * @description A page of MiyabiWorkflow objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
         *           "name": "Triage, review, pull request",
         *           "description": "From an issue to a pull request description.",
         *           "repositoryId": null,
         *           "definition": {
         *             "nodes": [
         *               {
         *                 "id": "triage",
         *                 "type": "Issue",
         *                 "data": {
         *                   "label": "Triage"
         *                 },
         *                 "position": {
         *                   "x": 0,
         *                   "y": 0
         *                 }
         *               },
         *               {
         *                 "id": "review",
         *                 "type": "Review",
         *                 "data": {
         *                   "label": "Review"
         *                 },
         *                 "position": {
         *                   "x": 250,
         *                   "y": 0
         *                 }
         *               },
         *               {
         *                 "id": "pr",
         *                 "type": "PR",
         *                 "data": {
         *                   "label": "Pull request"
         *                 },
         *                 "position": {
         *                   "x": 500,
         *                   "y": 0
         *                 }
         *               }
         *             ],
         *             "edges": [
         *               {
         *                 "id": "e1",
         *                 "source": "triage",
         *                 "target": "review"
         *               },
         *               {
         *                 "id": "e2",
         *                 "source": "review",
         *                 "target": "pr"
         *               }
         *             ]
         *           },
         *           "isTemplate": true,
         *           "visibility": "public",
         *           "mine": true,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        MiyabiWorkflowList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["MiyabiWorkflow"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * MiyabiWorkflowNode
         * @description A step: a React Flow node. Other React Flow fields (`width`, `selected`…) are kept as they are and not read.
         * @example {
         *       "id": "review",
         *       "type": "Review",
         *       "data": {
         *         "label": "Review"
         *       },
         *       "position": {
         *         "x": 250,
         *         "y": 0
         *       }
         *     }
         */
        MiyabiWorkflowNode: {
            /** @description The node id, unique in the workflow (React Flow `id`). */
            id: string;
            /** @description The agent the step runs, one of `Coordinator`, `CodeGen`, `Review`, `Deployment`, `PR`, `Issue` (React Flow `type`); any other is 400 naming the node. */
            type: string;
            /** @description The node's data; `label` and `instructions` are read. */
            data?: {
                /** @description The label drawn on the node. */
                label?: string;
                /** @description Extra guidance for this step's agent. */
                instructions?: string;
            } & {
                [key: string]: unknown;
            };
            /** @description Where the editor draws it. */
            position?: {
                /** @description Horizontal. */
                x: number;
                /** @description Vertical. */
                y: number;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * MiyabiWorkflowRun
         * @description One run of a workflow (a copy of its definition at the time).
         * @example {
         *       "id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *       "workflowId": "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
         *       "repositoryId": null,
         *       "status": "completed",
         *       "progress": 100,
         *       "steps": [
         *         {
         *           "nodeId": "review",
         *           "agentType": "Review",
         *           "executionId": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *           "status": "completed"
         *         }
         *       ],
         *       "errorMessage": null,
         *       "startedAt": "2026-11-30T09:00:00.000Z",
         *       "completedAt": "2026-11-30T09:00:03.000Z",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:03.000Z"
         *     }
         */
        MiyabiWorkflowRun: {
            /**
             * Format: uuid
             * @description The run's id.
             */
            id: string;
            /** @description The workflow run; null once its owner deleted it. */
            workflowId: string | null;
            /** @description The repository it runs on, if any. */
            repositoryId: string | null;
            /**
             * @description `running` until every step completed, or one failed.
             * @enum {string}
             */
            status: "running" | "completed" | "failed";
            /** @description Steps finished, in percent. */
            progress: number;
            /** @description Every step, in dependency order. */
            steps: components["schemas"]["MiyabiWorkflowRunStep"][];
            /** @description Why it failed: the failed step and its error. */
            errorMessage: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            startedAt: string;
            /** @description When the last step finished or one failed. */
            completedAt: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * MiyabiWorkflowRunEventStream
         * @description Server-Sent Events: `id:` a sequence number (send it back as `Last-Event-ID`), `event:` `step` (a step changed: `{ nodeId, executionId, status, progress }`) or `final` (the run, after which the stream closes).
         * @example : stream open
         *
         *     id: 1
         *     event: step
         *     data: {"nodeId":"triage","executionId":"9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","status":"running","progress":0}
         *
         *     id: 2
         *     event: step
         *     data: {"nodeId":"triage","executionId":"9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","status":"completed","progress":33}
         *
         *     id: 3
         *     event: final
         *     data: {"id":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d","status":"completed","progress":100}
         */
        MiyabiWorkflowRunEventStream: string;
        /**
         * MiyabiWorkflowRunStep
         * @description One step of a run, in the run's dependency order.
         * @example {
         *       "nodeId": "review",
         *       "agentType": "Review",
         *       "executionId": "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *       "status": "completed"
         *     }
         */
        MiyabiWorkflowRunStep: {
            /** @description The node it runs. */
            nodeId: string;
            /**
             * @description Which agent runs.
             *
             *     - `Coordinator`: Breaks an issue into tasks for the other agents, in dependency order.
             *     - `CodeGen`: Plans the code changes an issue needs, file by file.
             *     - `Review`: Reviews the given files and reports findings with their lines.
             *     - `Deployment`: Draws up the checks and steps to deploy the change.
             *     - `PR`: Writes the pull request: title, description, checklist.
             *     - `Issue`: Triages an issue: kind, labels, priority and the files it mentions.
             * @enum {string}
             */
            agentType: "Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue";
            /**
             * Format: uuid
             * @description Its agent execution: `GET /v1/miyabi/agent-executions/{id}` (its result, log and state).
             */
            executionId: string;
            /**
             * @description The execution's status.
             * @enum {string}
             */
            status: "pending" | "running" | "completed" | "failed";
        };
        /**
         * NexAchievement
         * @description An achievement, with the caller's progress.
         * @example {
         *       "code": "hundred_likes",
         *       "name": "百いいね",
         *       "description": "Receive 100 likes.",
         *       "category": "popularity",
         *       "conditionType": "count",
         *       "conditionValue": 100,
         *       "rarity": "epic",
         *       "isHidden": false,
         *       "progress": 42,
         *       "completedAt": null
         *     }
         */
        NexAchievement: {
            /** @description The achievement's stable key. */
            code: string;
            /** @description Its name, in Japanese. */
            name: string;
            /** @description What earns it. */
            description: string;
            /** @description A grouping, e.g. `creation`. */
            category: string;
            /**
             * @description `count` of things, an `amount` reached, or a `streak` of consecutive days.
             * @enum {string}
             */
            conditionType: "count" | "amount" | "streak";
            /** @description The count, amount or days needed. */
            conditionValue: number;
            /**
             * @description How rare it is.
             * @enum {string}
             */
            rarity: "common" | "rare" | "epic" | "legendary";
            /** @description Hidden achievements are listed only once earned. */
            isHidden: boolean;
            /** @description The caller's progress toward `conditionValue`; null without credentials. */
            progress: number | null;
            /** @description When the caller earned it; null if not yet. */
            completedAt: string | null;
        };
        /**
         * NexAchievementList
         * @description The achievements.
         * @example {
         *       "data": [
         *         {
         *           "code": "hundred_likes",
         *           "name": "百いいね",
         *           "description": "Receive 100 likes.",
         *           "category": "popularity",
         *           "conditionType": "count",
         *           "conditionValue": 100,
         *           "rarity": "epic",
         *           "isHidden": false,
         *           "progress": 42,
         *           "completedAt": null
         *         }
         *       ]
         *     }
         */
        NexAchievementList: {
            /** @description The achievements, in display order. */
            data: components["schemas"]["NexAchievement"][];
        };
        /**
         * NexAddress
         * @description A postal address.
         * @example {
         *       "name": "山田 花子",
         *       "line1": "渋谷区神宮前1-2-3",
         *       "city": "東京都",
         *       "postalCode": "150-0001",
         *       "country": "JP"
         *     }
         */
        NexAddress: {
            /** @description The recipient. */
            name: string;
            /** @description Street address. */
            line1: string;
            /** @description Building, floor, room. */
            line2?: string;
            /** @description City, ward or town. */
            city: string;
            /** @description Prefecture, state or province. */
            region?: string;
            /** @description Postal code: 3 to 12 letters, digits, spaces or hyphens (e.g. `150-0001`). */
            postalCode: string;
            /** @description ISO 3166-1 alpha-2 country code. */
            country: string;
            /** @description A phone number for the carrier. */
            phone?: string;
        };
        /**
         * NexArtwork
         * @description An artwork: public once published, its owner's alone before.
         * @example {
         *       "id": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "creatorUsername": "yuki_draws",
         *       "title": "夕焼けの海",
         *       "description": "海に沈む夕日を水彩で描きました。",
         *       "category": "landscape",
         *       "tags": [
         *         "夕焼け",
         *         "watercolour"
         *       ],
         *       "fileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *       "previewFileId": "2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a3b5c7d",
         *       "priceAmount": 0,
         *       "currency": "JPY",
         *       "isFree": true,
         *       "licenseType": "CC BY 4.0",
         *       "isAdultContent": false,
         *       "status": "published",
         *       "viewCount": 120,
         *       "likeCount": 8,
         *       "commentCount": 2,
         *       "publishedAt": "2026-11-30T10:00:00.000Z",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T10:00:00.000Z"
         *     }
         */
        NexArtwork: {
            /**
             * Format: uuid
             * @description The artwork's id.
             */
            id: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            creatorUsername: string;
            /** @description The title, 1 to 255 characters on one line. */
            title: string;
            /** @description What the artwork is, up to 5000 characters. */
            description: string;
            /**
             * @description A category slug (`GET /v1/nex/categories`).
             * @example landscape
             */
            category: string;
            /** @description Its tags, normalised. */
            tags: string[];
            /** @description The media file; null when it was deleted. Anyone may read it (`GET /v1/files/{id}`) while the artwork is published and free; a paid artwork keeps it private. */
            fileId: string | null;
            /** @description A PNG preview at most 640 pixels wide, generated from image media (PNG, JPEG, WebP, SVG); null for audio, video, PDF and ZIP media. Anyone may read it while the artwork is published. */
            previewFileId: string | null;
            /** @description The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free. */
            priceAmount: number;
            /**
             * @description ISO 4217 currency code.
             * @example JPY
             */
            currency: string;
            /** @description True exactly when `priceAmount` is 0. */
            isFree: boolean;
            /** @description The licence it is offered under, e.g. `CC BY 4.0`; null when unsaid. */
            licenseType: string | null;
            /** @description Whether the artwork is for adults only. */
            isAdultContent: boolean;
            /**
             * @description `draft`: only its owner sees it; `published`: anyone does; `archived`: withdrawn, only its owner sees it.
             * @enum {string}
             */
            status: "draft" | "published" | "archived";
            /** @description Views counted so far (batched: may trail a little). */
            viewCount: number;
            /** @description How many accounts like it. */
            likeCount: number;
            /** @description Comments that are not deleted. */
            commentCount: number;
            /** @description When it was first published; null for a draft. */
            publishedAt: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexArtworkList
         * @description A page of NexArtwork objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *           "creatorUsername": "yuki_draws",
         *           "title": "夕焼けの海",
         *           "description": "海に沈む夕日を水彩で描きました。",
         *           "category": "landscape",
         *           "tags": [
         *             "夕焼け",
         *             "watercolour"
         *           ],
         *           "fileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *           "previewFileId": "2c4e6a8b-0d1f-4a3b-9c5d-7e9f1a3b5c7d",
         *           "priceAmount": 0,
         *           "currency": "JPY",
         *           "isFree": true,
         *           "licenseType": "CC BY 4.0",
         *           "isAdultContent": false,
         *           "status": "published",
         *           "viewCount": 120,
         *           "likeCount": 8,
         *           "commentCount": 2,
         *           "publishedAt": "2026-11-30T10:00:00.000Z",
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T10:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexArtworkList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexArtwork"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexBalance
         * @description The account's balances, each the sum of its ledger entries at the moment of reading.
         * @example {
         *       "data": [
         *         {
         *           "currency": "JPY",
         *           "available": 1350,
         *           "withdrawing": 0
         *         }
         *       ]
         *     }
         */
        NexBalance: {
            /** @description One row per currency the account has entries in. */
            data: {
                /**
                 * @description ISO 4217 currency code, upper case.
                 * @example JPY
                 */
                currency: string;
                /** @description The sum of the `available` entries: what may be withdrawn (negative after a refund of money already paid out). In minor units of `currency`; negative is money leaving the book. */
                available: number;
                /** @description The sum of the `withdrawing` entries: held for withdrawals not yet paid. In minor units of `currency` (yen for JPY, cents for USD). */
                withdrawing: number;
            }[];
        };
        /**
         * NexCategory
         * @description One category of the tree.
         * @example {
         *       "slug": "landscape",
         *       "name": "風景画",
         *       "parent": "illustration",
         *       "sortOrder": 2
         *     }
         */
        NexCategory: {
            /** @description The category's key, used by artworks and filters. */
            slug: string;
            /** @description Its name, in Japanese. */
            name: string;
            /** @description The parent's slug; null at the top. */
            parent: string | null;
            /** @description Position among its siblings. */
            sortOrder: number;
        };
        /**
         * NexCategoryList
         * @description The whole category tree.
         * @example {
         *       "data": [
         *         {
         *           "slug": "landscape",
         *           "name": "風景画",
         *           "parent": "illustration",
         *           "sortOrder": 2
         *         }
         *       ]
         *     }
         */
        NexCategoryList: {
            /** @description Every category, parents before their children. */
            data: components["schemas"]["NexCategory"][];
        };
        /**
         * NexCheckIn
         * @description Today's check-in.
         * @example {
         *       "streak": 7,
         *       "expGained": 10
         *     }
         */
        NexCheckIn: {
            /** @description Consecutive UTC days checked in, today included. */
            streak: number;
            /** @description EXP earned by this check-in: `daily_login` once a day, else 0. */
            expGained: number;
        };
        /**
         * NexCheckInRequest
         * @description A scanned ticket code.
         * @example {
         *       "code": "AWn0bWrS3Q9q8Zs1mC5u3YtYy4nR0s1dH8wq2l1Wc7pQk9vE0xJ3fL6aB2gN5hT8"
         *     }
         */
        NexCheckInRequest: {
            /** @description The ticket’s signed code, as its QR code carries it. */
            code: string;
        };
        /**
         * NexCollaboration
         * @description A collaboration request, readable by its sender and recipient only.
         * @example {
         *       "id": "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
         *       "senderUsername": "yuki_draws",
         *       "recipientUsername": "hana_listens",
         *       "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "project": null,
         *       "message": "この絵に曲をつけませんか？",
         *       "responseMessage": null,
         *       "status": "pending",
         *       "expiresAt": "2026-12-30T09:00:00.000Z",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "respondedAt": null
         *     }
         */
        NexCollaboration: {
            /**
             * Format: uuid
             * @description The request's id.
             */
            id: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            senderUsername: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            recipientUsername: string;
            /** @description The artwork it is about; null for a project (or once the artwork is deleted). */
            artworkId: string | null;
            /** @description The project it is about; null for an artwork. */
            project: string | null;
            /** @description A message, 1 to 2000 characters. */
            message: string;
            /** @description The recipient's (or sender's) answer. */
            responseMessage: string | null;
            /**
             * @description `pending` until the recipient accepts or declines, the sender cancels, or 30 days pass (`expired`).
             * @enum {string}
             */
            status: "pending" | "accepted" | "declined" | "canceled" | "expired";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When it left `pending` by an answer; null before. */
            respondedAt: string | null;
        };
        /**
         * NexCollaborationAnswer
         * @description An optional message with the answer.
         * @example {
         *       "responseMessage": "ぜひ！"
         *     }
         */
        NexCollaborationAnswer: {
            /** @description A message, 1 to 2000 characters. */
            responseMessage?: string;
        };
        /**
         * NexCollaborationList
         * @description A page of NexCollaboration objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f",
         *           "senderUsername": "yuki_draws",
         *           "recipientUsername": "hana_listens",
         *           "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *           "project": null,
         *           "message": "この絵に曲をつけませんか？",
         *           "responseMessage": null,
         *           "status": "pending",
         *           "expiresAt": "2026-12-30T09:00:00.000Z",
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "respondedAt": null
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexCollaborationList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexCollaboration"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexComment
         * @description A comment on an artwork.
         * @example {
         *       "id": "7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f",
         *       "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "parentId": null,
         *       "authorId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "authorUsername": "hana_listens",
         *       "content": "色がとても綺麗です！",
         *       "rating": 5,
         *       "state": "visible",
         *       "isEdited": false,
         *       "replyCount": 1,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexComment: {
            /**
             * Format: uuid
             * @description The comment's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The artwork commented on.
             */
            artworkId: string;
            /** @description The parent; null at the top. */
            parentId: string | null;
            /** @description The author's account; null once that account is removed. */
            authorId: string | null;
            /** @description The author's creator username; null when the author has none (or is removed). */
            authorUsername: string | null;
            /** @description The text; null unless `state` is `visible`. */
            content: string | null;
            /** @description The rating; null when none (or not visible). */
            rating: number | null;
            /**
             * @description `deleted` by its author or with the author's account, `hidden` by the artwork's owner: such comments stay as placeholders so replies keep their place.
             * @enum {string}
             */
            state: "visible" | "deleted" | "hidden";
            /** @description Whether the author edited it. */
            isEdited: boolean;
            /** @description Direct replies, placeholders included. */
            replyCount: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexCommentList
         * @description A page of NexComment objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f",
         *           "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *           "parentId": null,
         *           "authorId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *           "authorUsername": "hana_listens",
         *           "content": "色がとても綺麗です！",
         *           "rating": 5,
         *           "state": "visible",
         *           "isEdited": false,
         *           "replyCount": 1,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexCommentList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexComment"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexCreateArtworkRequest
         * @description A new artwork; it starts as a draft until published.
         * @example {
         *       "title": "夕焼けの海",
         *       "description": "海に沈む夕日を水彩で描きました。",
         *       "category": "landscape",
         *       "tags": [
         *         "夕焼け",
         *         "watercolour"
         *       ],
         *       "fileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *       "priceAmount": 0
         *     }
         */
        NexCreateArtworkRequest: {
            /** @description The title, 1 to 255 characters on one line. */
            title: string;
            /** @description What the artwork is, up to 5000 characters. */
            description?: string;
            /**
             * @description A category slug (`GET /v1/nex/categories`).
             * @example landscape
             */
            category: string;
            /** @description Up to 10 tags. */
            tags?: string[];
            /**
             * Format: uuid
             * @description The media: a file of the caller (`POST /v1/files`).
             */
            fileId: string;
            /**
             * @description The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free.
             * @default 0
             */
            priceAmount?: number;
            /**
             * @description ISO 4217 currency code.
             * @default JPY
             * @example JPY
             */
            currency?: string;
            /** @description May be sent; must then agree with `priceAmount` (true exactly when it is 0). */
            isFree?: boolean;
            /** @description The licence, e.g. `CC BY 4.0`. */
            licenseType?: string;
            /**
             * @description Adults only (default false).
             * @default false
             */
            isAdultContent?: boolean;
        };
        /**
         * NexCreateCollaborationRequest
         * @description A new request: about an artwork or a project (exactly one of them).
         * @example {
         *       "recipient": "hana_listens",
         *       "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "message": "この絵に曲をつけませんか？"
         *     }
         */
        NexCreateCollaborationRequest: {
            /**
             * @description The username of the creator asked.
             * @example yuki_draws
             */
            recipient: string;
            /**
             * Format: uuid
             * @description An artwork the sender can see (published, or the sender's own).
             */
            artworkId?: string;
            /** @description A project name. */
            project?: string;
            /** @description A message, 1 to 2000 characters. */
            message: string;
        };
        /**
         * NexCreateCommentRequest
         * @description A new comment or reply.
         * @example {
         *       "content": "色がとても綺麗です！",
         *       "rating": 5
         *     }
         */
        NexCreateCommentRequest: {
            /** @description The text, 1 to 2000 characters, not only spaces. */
            content: string;
            /** @description A rating from 1 to 5 (top-level comments only). */
            rating?: number;
            /**
             * Format: uuid
             * @description The comment to reply to, on the same artwork.
             */
            parentId?: string;
        };
        /**
         * NexCreateCreatorRequest
         * @description Joining nex: the username and date of birth, the rest optional.
         * @example {
         *       "username": "yuki_draws",
         *       "birthDate": "2000-04-01",
         *       "userType": "both"
         *     }
         */
        NexCreateCreatorRequest: {
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            username: string;
            /**
             * Format: date
             * @description The date of birth (YYYY-MM-DD): creators must be 13 or older on the day they join.
             * @example 2000-04-01
             */
            birthDate: string;
            /**
             * @description `creator` publishes, `fan` follows and likes, `both` does both.
             * @default both
             * @enum {string}
             */
            userType?: "creator" | "fan" | "both";
            /** @description Up to 20 skills. */
            skills?: components["schemas"]["NexSkill"][];
            /** @description Up to 10 links. */
            socialLinks?: components["schemas"]["NexSocialLink"][];
            /**
             * @description The referral code that brought you (an active code of someone else, 409 otherwise): its owner sees one signup conversion.
             * @example yuki-sunset
             */
            referralCode?: string;
        };
        /**
         * NexCreatedDonation
         * @description A new donation, pending its payment.
         * @example {
         *       "id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
         *       "streamId": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *       "donorUsername": null,
         *       "amount": 1500,
         *       "currency": "JPY",
         *       "message": "素敵な配信をありがとう！",
         *       "isAnonymous": true,
         *       "status": "pending",
         *       "createdAt": "2026-12-01T11:10:00.000Z",
         *       "confirmedAt": null,
         *       "payment": {
         *         "id": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
         *         "clientSecret": null
         *       }
         *     }
         */
        NexCreatedDonation: {
            /**
             * Format: uuid
             * @description The donation's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The stream.
             */
            streamId: string;
            /** @description The donor’s creator username; always null for an anonymous donation, whoever asks. */
            donorUsername: string | null;
            /** @description In minor units of `currency`. */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description The donor’s message. */
            message: string;
            /** @description Whether the donor is hidden. */
            isAnonymous: boolean;
            /**
             * @description `pending` until the payment is confirmed (`confirmed`) or fails (`failed`).
             * @enum {string}
             */
            status: "pending" | "confirmed" | "failed";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When the payment was confirmed. */
            confirmedAt: string | null;
            /** @description The donation’s payment. */
            payment: {
                /**
                 * Format: uuid
                 * @description The payment to make (see the payments operations to complete it).
                 */
                id: string;
                /** @description What the payment provider’s client library needs to pay. */
                clientSecret: string | null;
            };
        };
        /**
         * NexCreateDonationRequest
         * @description A donation.
         * @example {
         *       "amount": 1500,
         *       "message": "素敵な配信をありがとう！",
         *       "isAnonymous": true
         *     }
         */
        NexCreateDonationRequest: {
            /** @description In minor units of the stream’s currency, 100 to 10 000 000. */
            amount: number;
            /** @description At most 300 characters. */
            message?: string;
            /** @description Hide the donor from everyone, the streamer included (default false). */
            isAnonymous?: boolean;
        };
        /**
         * NexCreatedStream
         * @description A new stream, with its stream key shown once.
         * @example {
         *       "id": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *       "streamerUsername": "yuki_draws",
         *       "title": "水彩ライブドローイング",
         *       "description": "夕焼けの海を一緒に描きます。",
         *       "status": "scheduled",
         *       "scheduledAt": "2026-12-01T11:00:00.000Z",
         *       "startedAt": null,
         *       "endedAt": null,
         *       "currency": "JPY",
         *       "totalDonations": 4500,
         *       "donationCount": 3,
         *       "viewerCount": 42,
         *       "maxViewers": 57,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-12-01T11:02:00.000Z",
         *       "streamKey": "nexsk_3q2-7wX9aLkP0vN4mB8cR1tY6uI5oE2sD7fG9hJ0kLz"
         *     }
         */
        NexCreatedStream: {
            /**
             * Format: uuid
             * @description The stream's id.
             */
            id: string;
            /** @description The streamer’s creator username. */
            streamerUsername: string | null;
            /** @description The title. */
            title: string;
            /** @description What the stream is about. */
            description: string;
            /**
             * @description `scheduled` → `live` → `ended`, or `scheduled` → `cancelled`.
             * @enum {string}
             */
            status: "scheduled" | "live" | "ended" | "cancelled";
            /** @description When it is planned; null: unannounced. */
            scheduledAt: string | null;
            /** @description When it went live. */
            startedAt: string | null;
            /** @description When it ended. */
            endedAt: string | null;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description Confirmed donations, in minor units of `currency`; a pending donation is not counted. */
            totalDonations: number;
            /** @description How many confirmed donations. */
            donationCount: number;
            /** @description How many viewers follow the stream now: its open feeds (`GET /v1/nex/streams/{id}/events`) on every API process, each kept fresh by its heartbeat (a feed unseen for 60 seconds no longer counts), up to 100 000. */
            viewerCount: number;
            /** @description The most viewers counted at once while the stream was live (counted when a feed opens); 0 before it goes live. */
            maxViewers: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description The stream key (`nexsk_…`) the encoder sends to the media server as the stream name. Shown once: store it now; only its SHA-256 digest is kept, and rotating it replaces it. */
            streamKey: string;
        };
        /**
         * NexCreateEventRequest
         * @description A new event, created as a draft.
         * @example {
         *       "title": "夕焼け水彩ワークショップ",
         *       "description": "水彩で夕焼けを描く2時間のワークショップです。",
         *       "eventType": "hybrid",
         *       "venue": "東京都渋谷区 ギャラリー青",
         *       "onlineUrl": "https://live.example.com/yuki",
         *       "startsAt": "2026-12-20T05:00:00.000Z",
         *       "endsAt": "2026-12-20T07:00:00.000Z",
         *       "timezone": "Asia/Tokyo",
         *       "capacity": 40,
         *       "isFree": false
         *     }
         */
        NexCreateEventRequest: {
            /** @description The title, 1 to 255 characters on one line. */
            title: string;
            /** @description What the event is, up to 5000 characters. */
            description?: string;
            /**
             * @description `online`, `offline` (at `venue`) or `hybrid` (both).
             * @enum {string}
             */
            eventType: "online" | "offline" | "hybrid";
            /** @description Where it takes place; required unless the event is `online`. */
            venue?: string;
            /** @description Where to watch or join an online or hybrid event (`https://` only). */
            onlineUrl?: string;
            /**
             * Format: date-time
             * @description When it starts (RFC 3339).
             */
            startsAt: string;
            /**
             * Format: date-time
             * @description When it ends: after `startsAt` (400 otherwise).
             */
            endsAt: string;
            /**
             * @description The IANA time zone the event is announced in (`Asia/Tokyo`); times are stored in UTC.
             * @example Asia/Tokyo
             */
            timezone: string;
            /** @description The most tickets held or sold across all ticket types; null for no limit beyond their quantities. */
            capacity?: number;
            /** @description A free event (default true): its ticket types must cost 0. */
            isFree?: boolean;
            /**
             * Format: uuid
             * @description A file of the caller, shown as the cover (public once the event is).
             */
            coverFileId?: string;
            /**
             * Format: date-time
             * @description Sales open then.
             */
            registrationOpensAt?: string;
            /**
             * Format: date-time
             * @description Sales close then; after `registrationOpensAt`.
             */
            registrationClosesAt?: string;
        };
        /**
         * NexCreateGroupJoinRequest
         * @description An optional message for the group's owner and admins.
         * @example {
         *       "message": "風景画を描いています。参加させてください。"
         *     }
         */
        NexCreateGroupJoinRequest: {
            /** @description A message to the group, 1 to 2000 characters. */
            message?: string;
        };
        /**
         * NexCreateGroupRequest
         * @description A new group; the caller becomes its owner and first member.
         * @example {
         *       "name": "水彩クラブ",
         *       "description": "水彩で風景を描く人の集まり",
         *       "isPublic": true
         *     }
         */
        NexCreateGroupRequest: {
            /** @description The group's name, 1 to 100 characters. */
            name: string;
            /** @description What the group is about, up to 2000 characters. */
            description?: string;
            /** @description Whether anyone may read and join it (default false: private). */
            isPublic?: boolean;
            /** @description How many members the group may have, owner included: 2 to 500 (default 50). */
            memberLimit?: number;
        };
        /**
         * NexCreateOrderRequest
         * @description What to buy. Prices, shipping and the total are the server's: a client-sent total is refused as an unknown field.
         * @example {
         *       "items": [
         *         {
         *           "productId": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
         *           "quantity": 1
         *         }
         *       ]
         *     }
         */
        NexCreateOrderRequest: {
            /** @description The lines: products of one seller, each at most once. */
            items: {
                /**
                 * Format: uuid
                 * @description A listed product.
                 */
                productId: string;
                /** @description How many (1 for digital). */
                quantity: number;
            }[];
            /** @description A postal address. */
            shippingAddress?: components["schemas"]["NexAddress"];
            /** @description A postal address. */
            billingAddress?: components["schemas"]["NexAddress"];
            /**
             * @description A referral code this purchase came through (active, not your own: 409 otherwise); its owner earns a commission once the order is paid.
             * @example yuki-sunset
             */
            referralCode?: string;
        };
        /**
         * NexCreateProductRequest
         * @description A new product, `active` at once. Digital: `fileId`, no stock or shipping fields. Physical: `stock`, no `fileId`.
         * @example {
         *       "name": "夕焼けの海 (high-resolution PNG)",
         *       "description": "The full-size file of the artwork.",
         *       "category": "digital-art",
         *       "kind": "digital",
         *       "fileId": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
         *       "priceAmount": 1500
         *     }
         */
        NexCreateProductRequest: {
            /** @description The product's name. */
            name: string;
            /** @description A description. */
            description?: string;
            /** @description A shop category slug, e.g. `prints`, `digital-art`, `goods`. */
            category: string;
            /**
             * @description Digital (needs `fileId`) or physical (needs `stock`).
             * @enum {string}
             */
            kind: "digital" | "physical";
            /**
             * Format: uuid
             * @description An artwork of the seller it is made from.
             */
            artworkId?: string;
            /**
             * Format: uuid
             * @description For a digital product: a file of the seller, shared with each buyer once paid.
             */
            fileId?: string;
            /** @description The unit price in minor units of `currency`, tax included. */
            priceAmount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @default JPY
             * @example JPY
             */
            currency?: string;
            /** @description Units left to sell. */
            stock?: number;
            /** @description Weight in grams (physical). */
            weightGrams?: number;
            /** @description Package dimensions. */
            dimensions?: {
                /** @description Length in millimetres. */
                lengthMm: number;
                /** @description Width in millimetres. */
                widthMm: number;
                /** @description Height in millimetres. */
                heightMm: number;
            };
            /** @description Shipping charged per order line of this product, in minor units (physical). */
            shippingAmount?: number;
            /** @description How and when it ships. */
            shippingInfo?: string;
        };
        /**
         * NexCreateReferralRequest
         * @description A new referral code.
         * @example {
         *       "referralType": "event",
         *       "referenceId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *       "code": "yuki-sunset",
         *       "qrDarkColor": "#1a1a2e"
         *     }
         */
        NexCreateReferralRequest: {
            /**
             * @description `user`: the referrer (an invitation); `artwork`: a published artwork; `event`: a public event.
             * @enum {string}
             */
            referralType: "user" | "artwork" | "event";
            /**
             * Format: uuid
             * @description The artwork or event (required for those types; left out for `user`).
             */
            referenceId?: string;
            /**
             * @description A code of your choosing; a random one when left out.
             * @example yuki-sunset
             */
            code?: string;
            /** @description The commission in basis points of each converted payment (500 = 5 %, the default). The platform pays it out of its 10 % fee, so at most 10 % is credited whatever the rate. */
            commissionBasisPoints?: number;
            /**
             * Format: date-time
             * @description When it stops counting.
             */
            expiresAt?: string;
            /**
             * @description A colour, `#rrggbb`.
             * @example #1a1a2e
             */
            qrDarkColor?: string;
            /**
             * @description A colour, `#rrggbb`.
             * @example #1a1a2e
             */
            qrLightColor?: string;
            /** @description The QR image’s width and height in pixels. */
            qrSize?: number;
        };
        /**
         * NexCreateStreamRequest
         * @description A stream to schedule.
         * @example {
         *       "title": "水彩ライブドローイング",
         *       "scheduledAt": "2026-12-01T11:00:00.000Z"
         *     }
         */
        NexCreateStreamRequest: {
            /** @description The title, 1 to 200 characters. */
            title: string;
            /** @description At most 5 000 characters. */
            description?: string;
            /**
             * Format: date-time
             * @description When it is planned.
             */
            scheduledAt?: string;
            /**
             * @description The currency of its donations (default JPY).
             * @example JPY
             */
            currency?: string;
        };
        /**
         * NexCreateTicketOrderRequest
         * @description What to buy. The price is the ticket type’s; any amount a client computes is not asked for.
         * @example {
         *       "ticketTypeId": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "quantity": 2
         *     }
         */
        NexCreateTicketOrderRequest: {
            /**
             * Format: uuid
             * @description The ticket type to buy.
             */
            ticketTypeId: string;
            /** @description How many, 1 to 10. */
            quantity: number;
            /**
             * @description A referral code this purchase came through.
             * @example yuki-sunset
             */
            referralCode?: string;
        };
        /**
         * NexCreateTicketTypeRequest
         * @description A new ticket type. A free event’s types cost 0; a paid event’s cost more than 0 (400).
         * @example {
         *       "name": "一般",
         *       "description": "画材つき",
         *       "priceAmount": 3000,
         *       "currency": "JPY",
         *       "quantity": 30
         *     }
         */
        NexCreateTicketTypeRequest: {
            /** @description The name, 1 to 100 characters on one line. */
            name: string;
            /** @description What it includes, up to 1000 characters. */
            description?: string;
            /** @description The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free. */
            priceAmount: number;
            /**
             * @description ISO 4217 currency code.
             * @example JPY
             */
            currency?: string;
            /** @description How many tickets of this type exist. */
            quantity: number;
            /**
             * Format: date-time
             * @description On sale from then.
             */
            saleStartsAt?: string;
            /**
             * Format: date-time
             * @description On sale until then.
             */
            saleEndsAt?: string;
            /** @description On sale (default true). */
            isActive?: boolean;
        };
        /**
         * NexCreateWithdrawalRequest
         * @description A withdrawal of part of the available balance in one currency.
         * @example {
         *       "amount": 5000,
         *       "currency": "JPY",
         *       "destination": "acct_1Nv0FGQ9RKHgCVdK"
         *     }
         */
        NexCreateWithdrawalRequest: {
            /** @description How much, in minor units of `currency`: at least 1000, at most the available balance (409 beyond it). */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /**
             * @description The connected account the money goes to (a Stripe Connect account id, `acct_…`). The local test-mode provider pays any destination except one containing `fail`.
             * @example acct_1Nv0FGQ9RKHgCVdK
             */
            destination: string;
        };
        /**
         * NexCreator
         * @description A nex creator profile: public to everyone.
         * @example {
         *       "username": "yuki_draws",
         *       "userType": "both",
         *       "isVerified": false,
         *       "skills": [
         *         {
         *           "name": "watercolour",
         *           "level": "advanced"
         *         }
         *       ],
         *       "socialLinks": [
         *         {
         *           "network": "pixiv",
         *           "url": "https://www.pixiv.net/users/1"
         *         }
         *       ],
         *       "level": 3,
         *       "totalExp": 420,
         *       "fanCount": 12,
         *       "followingCount": 4,
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexCreator: {
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            username: string;
            /**
             * @description `creator` publishes, `fan` follows and likes, `both` does both.
             * @enum {string}
             */
            userType: "creator" | "fan" | "both";
            /** @description Whether staff verified who the creator is. */
            isVerified: boolean;
            /** @description Up to 20 skills. */
            skills: components["schemas"]["NexSkill"][];
            /** @description Up to 10 links. */
            socialLinks: components["schemas"]["NexSocialLink"][];
            /** @description The level reached with `totalExp` (`GET /v1/nex/levels`). */
            level: number;
            /** @description Experience points earned so far. */
            totalExp: number;
            /** @description How many accounts are fans of the creator. */
            fanCount: number;
            /** @description How many creators this one is a fan of. */
            followingCount: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexCreatorStats
         * @description A creator's statistics (the original design's `user_stats`).
         * @example {
         *       "username": "yuki_draws",
         *       "totalExp": 420,
         *       "level": 3,
         *       "artworkCount": 12,
         *       "fanCount": 30,
         *       "totalLikesReceived": 86,
         *       "totalViews": 1520
         *     }
         */
        NexCreatorStats: {
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            username: string;
            /** @description EXP earned so far. */
            totalExp: number;
            /** @description The level reached. */
            level: number;
            /** @description Published artworks. */
            artworkCount: number;
            /** @description Fans. */
            fanCount: number;
            /** @description Likes on the creator's artworks. */
            totalLikesReceived: number;
            /** @description Views of the published artworks (batched). */
            totalViews: number;
        };
        /**
         * NexDonation
         * @description A donation to a stream.
         * @example {
         *       "id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
         *       "streamId": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *       "donorUsername": null,
         *       "amount": 1500,
         *       "currency": "JPY",
         *       "message": "素敵な配信をありがとう！",
         *       "isAnonymous": true,
         *       "status": "confirmed",
         *       "createdAt": "2026-12-01T11:10:00.000Z",
         *       "confirmedAt": "2026-12-01T11:10:05.000Z"
         *     }
         */
        NexDonation: {
            /**
             * Format: uuid
             * @description The donation's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The stream.
             */
            streamId: string;
            /** @description The donor’s creator username; always null for an anonymous donation, whoever asks. */
            donorUsername: string | null;
            /** @description In minor units of `currency`. */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description The donor’s message. */
            message: string;
            /** @description Whether the donor is hidden. */
            isAnonymous: boolean;
            /**
             * @description `pending` until the payment is confirmed (`confirmed`) or fails (`failed`).
             * @enum {string}
             */
            status: "pending" | "confirmed" | "failed";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When the payment was confirmed. */
            confirmedAt: string | null;
        };
        /**
         * NexDonationList
         * @description A page of NexDonation objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
         *           "streamId": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *           "donorUsername": null,
         *           "amount": 1500,
         *           "currency": "JPY",
         *           "message": "素敵な配信をありがとう！",
         *           "isAnonymous": true,
         *           "status": "confirmed",
         *           "createdAt": "2026-12-01T11:10:00.000Z",
         *           "confirmedAt": "2026-12-01T11:10:05.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexDonationList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexDonation"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexEvent
         * @description An event. Drafts are visible to their organizer only.
         * @example {
         *       "id": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *       "organizerUsername": "yuki_draws",
         *       "title": "夕焼け水彩ワークショップ",
         *       "description": "水彩で夕焼けを描く2時間のワークショップです。",
         *       "eventType": "hybrid",
         *       "venue": "東京都渋谷区 ギャラリー青",
         *       "onlineUrl": "https://live.example.com/yuki",
         *       "startsAt": "2026-12-20T05:00:00.000Z",
         *       "endsAt": "2026-12-20T07:00:00.000Z",
         *       "timezone": "Asia/Tokyo",
         *       "capacity": 40,
         *       "taken": 12,
         *       "isFree": false,
         *       "coverFileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *       "status": "published",
         *       "registrationOpensAt": "2026-12-01T00:00:00.000Z",
         *       "registrationClosesAt": "2026-12-19T15:00:00.000Z",
         *       "publishedAt": "2026-11-30T09:00:00.000Z",
         *       "canceledAt": null,
         *       "createdAt": "2026-11-30T08:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexEvent: {
            /**
             * Format: uuid
             * @description The event's id.
             */
            id: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            organizerUsername: string;
            /** @description The title, 1 to 255 characters on one line. */
            title: string;
            /** @description What the event is, up to 5000 characters. */
            description: string;
            /**
             * @description `online`, `offline` (at `venue`) or `hybrid` (both).
             * @enum {string}
             */
            eventType: "online" | "offline" | "hybrid";
            /** @description Where it takes place; null for an online event. */
            venue: string | null;
            /** @description Where to join online; null when not given. */
            onlineUrl: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            startsAt: string;
            /**
             * Format: date-time
             * @description When it ends, after `startsAt` (RFC 3339, UTC).
             */
            endsAt: string;
            /**
             * @description The IANA time zone the event is announced in (`Asia/Tokyo`); times are stored in UTC.
             * @example Asia/Tokyo
             */
            timezone: string;
            /** @description The most tickets across all ticket types; null for no overall limit. */
            capacity: number | null;
            /** @description Tickets held for a pending payment or sold, across all types. */
            taken: number;
            /** @description A free event: every ticket type costs 0. */
            isFree: boolean;
            /** @description The cover image; null when none (or deleted). */
            coverFileId: string | null;
            /**
             * @description `draft`: only its organizer sees it; `published`: public and on sale; `completed`: over; `canceled`: called off (paid tickets refunded).
             * @enum {string}
             */
            status: "draft" | "published" | "completed" | "canceled";
            /** @description Tickets sell from then; null: from publication. */
            registrationOpensAt: string | null;
            /** @description Tickets sell until then; null: until the event starts. */
            registrationClosesAt: string | null;
            /** @description When it was published; null for a draft. */
            publishedAt: string | null;
            /** @description When it was canceled; null otherwise. */
            canceledAt: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexEventList
         * @description A page of NexEvent objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *           "organizerUsername": "yuki_draws",
         *           "title": "夕焼け水彩ワークショップ",
         *           "description": "水彩で夕焼けを描く2時間のワークショップです。",
         *           "eventType": "hybrid",
         *           "venue": "東京都渋谷区 ギャラリー青",
         *           "onlineUrl": "https://live.example.com/yuki",
         *           "startsAt": "2026-12-20T05:00:00.000Z",
         *           "endsAt": "2026-12-20T07:00:00.000Z",
         *           "timezone": "Asia/Tokyo",
         *           "capacity": 40,
         *           "taken": 12,
         *           "isFree": false,
         *           "coverFileId": "9b2e4c71-5a3d-4f68-8e0c-1d7a6b5c4e32",
         *           "status": "published",
         *           "registrationOpensAt": "2026-12-01T00:00:00.000Z",
         *           "registrationClosesAt": "2026-12-19T15:00:00.000Z",
         *           "publishedAt": "2026-11-30T09:00:00.000Z",
         *           "canceledAt": null,
         *           "createdAt": "2026-11-30T08:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexEventList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexEvent"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexExpAction
         * @description An action that earns EXP.
         * @example {
         *       "actionType": "like_received",
         *       "baseExp": 10,
         *       "maxDailyCount": 30,
         *       "description": "いいね獲得"
         *     }
         */
        NexExpAction: {
            /** @description The action, e.g. `like_received`. */
            actionType: string;
            /** @description EXP earned each time. */
            baseExp: number;
            /** @description How many times a day (UTC) it earns EXP; 0 = no cap. Beyond it, the action is logged with 0 EXP. */
            maxDailyCount: number;
            /** @description What the action is, in Japanese. */
            description: string;
        };
        /**
         * NexExpActionList
         * @description The EXP table.
         * @example {
         *       "data": [
         *         {
         *           "actionType": "like_received",
         *           "baseExp": 10,
         *           "maxDailyCount": 30,
         *           "description": "いいね獲得"
         *         }
         *       ]
         *     }
         */
        NexExpActionList: {
            /** @description Every active action. */
            data: components["schemas"]["NexExpAction"][];
        };
        /**
         * NexExpLog
         * @description A page of NexExpLogEntry objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d",
         *           "actionType": "like_received",
         *           "expGained": 10,
         *           "referenceType": "artwork",
         *           "referenceId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexExpLog: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexExpLogEntry"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexExpLogEntry
         * @description One EXP earning of the caller.
         * @example {
         *       "id": "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d",
         *       "actionType": "like_received",
         *       "expGained": 10,
         *       "referenceType": "artwork",
         *       "referenceId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexExpLogEntry: {
            /**
             * Format: uuid
             * @description The entry's id.
             */
            id: string;
            /** @description The action that earned it. */
            actionType: string;
            /** @description EXP earned; 0 when the daily cap was reached. */
            expGained: number;
            /** @description What `referenceId` names: `artwork`, `comment` or `check_in`. */
            referenceType: string;
            /** @description The resource; null for a check-in. */
            referenceId: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexFan
         * @description An account being a fan of a creator.
         * @example {
         *       "id": "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
         *       "fanUsername": "hana_listens",
         *       "creatorUsername": "yuki_draws",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexFan: {
            /**
             * Format: uuid
             * @description The id of the fan relation.
             */
            id: string;
            /** @description The fan, when the fan is a creator too; null for a fan without a creator profile. */
            fanUsername: string | null;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            creatorUsername: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexFanList
         * @description A page of NexFan objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
         *           "fanUsername": "hana_listens",
         *           "creatorUsername": "yuki_draws",
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexFanList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexFan"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexGroup
         * @description A group of creators.
         * @example {
         *       "id": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *       "name": "水彩クラブ",
         *       "description": "水彩で風景を描く人の集まり",
         *       "isPublic": true,
         *       "ownerUsername": "yuki_draws",
         *       "memberLimit": 50,
         *       "memberCount": 12,
         *       "myRole": "member",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexGroup: {
            /**
             * Format: uuid
             * @description The group's id.
             */
            id: string;
            /** @description The group's name, 1 to 100 characters. */
            name: string;
            /** @description What the group is about, up to 2000 characters. */
            description: string;
            /** @description Public groups are readable by anyone and open to join; private ones only by their members and invited creators. */
            isPublic: boolean;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            ownerUsername: string;
            /** @description How many members the group may have, owner included: 2 to 500 (default 50). */
            memberLimit: number;
            /** @description How many members the group has, owner included. */
            memberCount: number;
            /** @description The caller's role in the group; null when the caller is not a member (or anonymous). */
            myRole: ("owner" | "admin" | "member") | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexGroupInvitation
         * @description An invitation to join a group, pending until the invitee joins or declines, or it is revoked.
         * @example {
         *       "id": "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c",
         *       "groupId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *       "groupName": "水彩クラブ",
         *       "username": "hana_listens",
         *       "invitedBy": "yuki_draws",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexGroupInvitation: {
            /**
             * Format: uuid
             * @description The invitation's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The group the creator is invited to.
             */
            groupId: string;
            /** @description The group's name, 1 to 100 characters. */
            groupName: string;
            /**
             * @description The creator invited.
             * @example yuki_draws
             */
            username: string;
            /** @description The owner or admin who invited; null if that creator has left nex since. */
            invitedBy: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexGroupInvitationList
         * @description A page of NexGroupInvitation objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c",
         *           "groupId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *           "groupName": "水彩クラブ",
         *           "username": "hana_listens",
         *           "invitedBy": "yuki_draws",
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexGroupInvitationList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexGroupInvitation"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexGroupInviteRequest
         * @description The creator to invite.
         * @example {
         *       "username": "hana_listens"
         *     }
         */
        NexGroupInviteRequest: {
            /**
             * @description The creator, by username (any case).
             * @example yuki_draws
             */
            username: string;
        };
        /**
         * NexGroupJoinRequest
         * @description A creator's request to join a private group, readable by that creator and by the group's owner and admins only. It never shows the group's name or members to the asker.
         * @example {
         *       "id": "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d",
         *       "groupId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *       "username": "hana_listens",
         *       "message": "風景画を描いています。参加させてください。",
         *       "status": "pending",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "decidedAt": null
         *     }
         */
        NexGroupJoinRequest: {
            /**
             * Format: uuid
             * @description The join request's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The group asked about.
             */
            groupId: string;
            /**
             * @description The creator asking to join.
             * @example yuki_draws
             */
            username: string;
            /** @description The asker's message; null if none. */
            message: string | null;
            /**
             * @description `pending` until the group's owner or an admin approves it (the creator becomes a member) or declines it, or the creator cancels it.
             * @enum {string}
             */
            status: "pending" | "approved" | "declined" | "canceled";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When it left `pending` (approved, declined or canceled); null before. */
            decidedAt: string | null;
        };
        /**
         * NexGroupJoinRequestList
         * @description A page of NexGroupJoinRequest objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d",
         *           "groupId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *           "username": "hana_listens",
         *           "message": "風景画を描いています。参加させてください。",
         *           "status": "pending",
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "decidedAt": null
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexGroupJoinRequestList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexGroupJoinRequest"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexGroupList
         * @description A page of NexGroup objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *           "name": "水彩クラブ",
         *           "description": "水彩で風景を描く人の集まり",
         *           "isPublic": true,
         *           "ownerUsername": "yuki_draws",
         *           "memberLimit": 50,
         *           "memberCount": 12,
         *           "myRole": "member",
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexGroupList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexGroup"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexGroupMember
         * @description A creator in a group, with their role.
         * @example {
         *       "id": "8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b",
         *       "groupId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *       "username": "hana_listens",
         *       "role": "member",
         *       "joinedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexGroupMember: {
            /**
             * Format: uuid
             * @description The id of the membership.
             */
            id: string;
            /**
             * Format: uuid
             * @description The group.
             */
            groupId: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            username: string;
            /**
             * @description `owner` (one per group: edits, deletes, sets roles, transfers), `admin` (invites, answers join requests, removes members) or `member`.
             * @enum {string}
             */
            role: "owner" | "admin" | "member";
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            joinedAt: string;
        };
        /**
         * NexGroupMemberList
         * @description A page of NexGroupMember objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b",
         *           "groupId": "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a",
         *           "username": "hana_listens",
         *           "role": "member",
         *           "joinedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexGroupMemberList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexGroupMember"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexGroupRoleRequest
         * @description A member's new role.
         * @example {
         *       "role": "admin"
         *     }
         */
        NexGroupRoleRequest: {
            /**
             * @description The new role; ownership moves only by transfer.
             * @enum {string}
             */
            role: "admin" | "member";
        };
        /**
         * NexGroupTransferRequest
         * @description The member who becomes the owner (the previous owner becomes an admin).
         * @example {
         *       "username": "hana_listens"
         *     }
         */
        NexGroupTransferRequest: {
            /**
             * @description The creator, by username (any case).
             * @example yuki_draws
             */
            username: string;
        };
        /**
         * NexLevel
         * @description One step of the level curve.
         * @example {
         *       "level": 3,
         *       "minExp": 400
         *     }
         */
        NexLevel: {
            /** @description The level. */
            level: number;
            /** @description Total EXP from which a creator has this level: 100·(level−1)². */
            minExp: number;
        };
        /**
         * NexLevelList
         * @description The level curve.
         * @example {
         *       "data": [
         *         {
         *           "level": 3,
         *           "minExp": 400
         *         }
         *       ]
         *     }
         */
        NexLevelList: {
            /** @description Levels 1 to 100, lowest first. */
            data: components["schemas"]["NexLevel"][];
        };
        /**
         * NexLike
         * @description One account liking an artwork: readable by the liker and the artwork's owner.
         * @example {
         *       "id": "2b7e1c4a-6d3f-4e8a-9b0c-5f1e2d3c4b5a",
         *       "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "artworkOwnerId": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
         *       "createdAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexLike: {
            /**
             * Format: uuid
             * @description The like's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The account that likes the artwork.
             */
            accountId: string;
            /**
             * Format: uuid
             * @description The liked artwork.
             */
            artworkId: string;
            /**
             * Format: uuid
             * @description The artwork's owner, who receives the like.
             */
            artworkOwnerId: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexLikeList
         * @description A page of NexLike objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "2b7e1c4a-6d3f-4e8a-9b0c-5f1e2d3c4b5a",
         *           "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *           "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *           "artworkOwnerId": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
         *           "createdAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexLikeList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexLike"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexOrder
         * @description An order, visible to its buyer and its seller only.
         * @example {
         *       "id": "2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b",
         *       "orderNumber": "NX-20261130-7Q4K9D2M",
         *       "buyerId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "sellerUsername": "yuki_draws",
         *       "status": "pending",
         *       "paymentStatus": "pending",
         *       "items": [
         *         {
         *           "productId": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
         *           "productName": "夕焼けの海 (high-resolution PNG)",
         *           "kind": "digital",
         *           "fileId": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
         *           "unitPrice": 1500,
         *           "quantity": 1,
         *           "lineTotal": 1500
         *         }
         *       ],
         *       "currency": "JPY",
         *       "subtotal": 1500,
         *       "tax": 0,
         *       "shipping": 0,
         *       "discount": 0,
         *       "total": 1500,
         *       "shippingAddress": null,
         *       "billingAddress": null,
         *       "paymentId": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
         *       "expiresAt": "2026-11-30T09:15:00.000Z",
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "paidAt": null,
         *       "shippedAt": null,
         *       "deliveredAt": null,
         *       "closedAt": null
         *     }
         */
        NexOrder: {
            /**
             * Format: uuid
             * @description The order's id.
             */
            id: string;
            /** @description Unique and human-readable: `NX-<UTC date>-<8 characters>`. */
            orderNumber: string;
            /**
             * Format: uuid
             * @description The buyer's account id.
             */
            buyerId: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            sellerUsername: string;
            /**
             * @description `pending` until paid (or `cancelled` by the buyer, a failed payment or expiry); `confirmed` once paid; `shipped` and `delivered` for physical goods (a digital-only order is `delivered` when paid); `refunded` by the seller.
             * @enum {string}
             */
            status: "pending" | "confirmed" | "shipped" | "delivered" | "cancelled" | "refunded";
            /**
             * @description The payment: `pending` → `paid` or `failed`; `paid` → `refunded`.
             * @enum {string}
             */
            paymentStatus: "pending" | "paid" | "failed" | "refunded";
            /** @description The lines, in order. */
            items: {
                /** @description The product; null once deleted. */
                productId: string | null;
                /** @description The name at order time. */
                productName: string;
                /**
                 * @description Digital or physical.
                 * @enum {string}
                 */
                kind: "digital" | "physical";
                /** @description For a digital product: the file, readable by the buyer (`GET /v1/files/{id}`) once paid. */
                fileId: string | null;
                /** @description The unit price captured at order time. In minor units of `currency` (yen for JPY, cents for USD). */
                unitPrice: number;
                /** @description How many. */
                quantity: number;
                /** @description unitPrice × quantity. In minor units of `currency` (yen for JPY, cents for USD). */
                lineTotal: number;
            }[];
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description The sum of the lines. In minor units of `currency` (yen for JPY, cents for USD). */
            subtotal: number;
            /** @description Tax on top of the prices: 0, since prices include tax. In minor units of `currency` (yen for JPY, cents for USD). */
            tax: number;
            /** @description Shipping: the sum of the physical lines' shipping amounts. In minor units of `currency` (yen for JPY, cents for USD). */
            shipping: number;
            /** @description Discounts: 0 (no coupons yet). In minor units of `currency` (yen for JPY, cents for USD). */
            discount: number;
            /** @description subtotal + tax + shipping − discount, computed by the server: what the payment is for. In minor units of `currency` (yen for JPY, cents for USD). */
            total: number;
            /** @description Where it ships; null for digital-only orders. */
            shippingAddress: components["schemas"]["NexAddress"] | null;
            /** @description The billing address, if given. */
            billingAddress: components["schemas"]["NexAddress"] | null;
            /** @description The payment (`GET /v1/nex/payments/{id}`, buyer only). */
            paymentId: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When the payment was confirmed. */
            paidAt: string | null;
            /** @description When the seller shipped it. */
            shippedAt: string | null;
            /** @description When it was delivered (at payment for digital-only orders). */
            deliveredAt: string | null;
            /** @description When it was cancelled or refunded. */
            closedAt: string | null;
        };
        /**
         * NexOrderList
         * @description A page of NexOrder objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b",
         *           "orderNumber": "NX-20261130-7Q4K9D2M",
         *           "buyerId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *           "sellerUsername": "yuki_draws",
         *           "status": "pending",
         *           "paymentStatus": "pending",
         *           "items": [
         *             {
         *               "productId": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
         *               "productName": "夕焼けの海 (high-resolution PNG)",
         *               "kind": "digital",
         *               "fileId": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
         *               "unitPrice": 1500,
         *               "quantity": 1,
         *               "lineTotal": 1500
         *             }
         *           ],
         *           "currency": "JPY",
         *           "subtotal": 1500,
         *           "tax": 0,
         *           "shipping": 0,
         *           "discount": 0,
         *           "total": 1500,
         *           "shippingAddress": null,
         *           "billingAddress": null,
         *           "paymentId": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
         *           "expiresAt": "2026-11-30T09:15:00.000Z",
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "paidAt": null,
         *           "shippedAt": null,
         *           "deliveredAt": null,
         *           "closedAt": null
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexOrderList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexOrder"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexPayment
         * @description A payment, readable by its payer only.
         * @example {
         *       "id": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
         *       "purpose": "order",
         *       "referenceId": "2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b",
         *       "amount": 1500,
         *       "currency": "JPY",
         *       "provider": "local",
         *       "providerPaymentId": "pi_local_4f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f",
         *       "clientSecret": "pi_local_4f1c0d2e9a8b7c6d5e4f3a2b1c0d9e8f_secret_0a1b2c3d4e5f6a7b8c9d0e1f",
         *       "status": "pending",
         *       "refundedAmount": 0,
         *       "failureMessage": null,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "settledAt": null
         *     }
         */
        NexPayment: {
            /**
             * Format: uuid
             * @description The payment's id.
             */
            id: string;
            /** @description What it pays for: `order`, `ticket`, `donation`. */
            purpose: string;
            /**
             * Format: uuid
             * @description The id of the order, ticket purchase or donation it pays for.
             */
            referenceId: string;
            /** @description The amount. In minor units of `currency` (yen for JPY, cents for USD). */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /**
             * @description `local`: the test-mode provider (no money moves); `stripe`: Stripe PaymentIntents.
             * @enum {string}
             */
            provider: "local" | "stripe";
            /** @description The provider's id (`pi_…`). */
            providerPaymentId: string | null;
            /** @description What the buyer's client pays with (Stripe.js `confirmPayment`); shown to the payer only. */
            clientSecret: string | null;
            /**
             * @description `pending` until the provider's signed webhook says `succeeded` or `failed`; `canceled` when what it paid for expired first; `refunded` once money went back.
             * @enum {string}
             */
            status: "pending" | "succeeded" | "failed" | "canceled" | "refunded";
            /** @description How much was refunded. In minor units of `currency` (yen for JPY, cents for USD). */
            refundedAmount: number;
            /** @description The provider's reason when the payment failed. */
            failureMessage: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /** @description When it left `pending`; null before. */
            settledAt: string | null;
        };
        /**
         * NexPaymentWebhookReceipt
         * @description How the event was handled.
         * @example {
         *       "outcome": "applied"
         *     }
         */
        NexPaymentWebhookReceipt: {
            /**
             * @description `applied`: a payment was confirmed or failed; `ignored`: not a payment event, or about no pending payment here; `duplicate`: this event id was processed before.
             * @enum {string}
             */
            outcome: "applied" | "ignored" | "duplicate";
        };
        /**
         * NexProduct
         * @description A product. Public while `active` or `out_of_stock`; otherwise only its seller sees it.
         * @example {
         *       "id": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
         *       "sellerUsername": "yuki_draws",
         *       "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *       "name": "夕焼けの海 (high-resolution PNG)",
         *       "description": "The full-size file of the artwork.",
         *       "category": "digital-art",
         *       "kind": "digital",
         *       "fileId": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
         *       "priceAmount": 1500,
         *       "currency": "JPY",
         *       "stock": null,
         *       "status": "active",
         *       "weightGrams": null,
         *       "dimensions": null,
         *       "shippingAmount": 0,
         *       "shippingInfo": null,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexProduct: {
            /**
             * Format: uuid
             * @description The product's id.
             */
            id: string;
            /**
             * @description The creator's name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example yuki_draws
             */
            sellerUsername: string;
            /** @description The artwork it is made from, if any. */
            artworkId: string | null;
            /** @description The product's name. */
            name: string;
            /** @description A description. */
            description: string;
            /** @description A shop category slug, e.g. `prints`, `digital-art`, `goods`. */
            category: string;
            /**
             * @description `digital`: a file, unlimited stock; `physical`: shipped, counted stock.
             * @enum {string}
             */
            kind: "digital" | "physical";
            /** @description The file a buyer may download once paid (digital). Shown to the seller only; null to others. */
            fileId: string | null;
            /** @description The unit price in minor units of `currency`, tax included. */
            priceAmount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description Units left; null for unlimited (digital). */
            stock: number | null;
            /**
             * @description `active`: for sale; `inactive`: hidden by the seller; `out_of_stock`: set automatically when the stock reaches 0 (and back to `active` when it returns); `discontinued`: no longer sold.
             * @enum {string}
             */
            status: "active" | "inactive" | "out_of_stock" | "discontinued";
            /** @description Weight in grams; null for digital. */
            weightGrams: number | null;
            /** @description Package dimensions; null for digital. */
            dimensions: {
                /** @description Length in millimetres. */
                lengthMm: number;
                /** @description Width in millimetres. */
                widthMm: number;
                /** @description Height in millimetres. */
                heightMm: number;
            } | null;
            /** @description Shipping charged per order line of this product, in minor units (physical). */
            shippingAmount: number;
            /** @description How and when it ships. */
            shippingInfo: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexProductList
         * @description A page of NexProduct objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f",
         *           "sellerUsername": "yuki_draws",
         *           "artworkId": "6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d",
         *           "name": "夕焼けの海 (high-resolution PNG)",
         *           "description": "The full-size file of the artwork.",
         *           "category": "digital-art",
         *           "kind": "digital",
         *           "fileId": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b",
         *           "priceAmount": 1500,
         *           "currency": "JPY",
         *           "stock": null,
         *           "status": "active",
         *           "weightGrams": null,
         *           "dimensions": null,
         *           "shippingAmount": 0,
         *           "shippingInfo": null,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexProductList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexProduct"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexReferral
         * @description A referral code, as its owner sees it.
         * @example {
         *       "id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
         *       "code": "yuki-sunset",
         *       "referralType": "event",
         *       "referenceId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *       "commissionBasisPoints": 500,
         *       "status": "active",
         *       "expiresAt": "2027-01-31T15:00:00.000Z",
         *       "qrDarkColor": "#1a1a2e",
         *       "qrLightColor": "#ffffff",
         *       "qrSize": 256,
         *       "clickCount": 120,
         *       "scanCount": 35,
         *       "conversionCount": 4,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        NexReferral: {
            /**
             * Format: uuid
             * @description The referral code's id.
             */
            id: string;
            /**
             * @description The code: 4 to 32 letters, digits, `_` or `-`; case-sensitive.
             * @example yuki-sunset
             */
            code: string;
            /**
             * @description `user`: the referrer (an invitation); `artwork`: a published artwork; `event`: a public event.
             * @enum {string}
             */
            referralType: "user" | "artwork" | "event";
            /**
             * Format: uuid
             * @description The artwork or event; for `user`, the referrer’s account id.
             */
            referenceId: string;
            /** @description The commission in basis points of each converted payment (500 = 5 %, the default). The platform pays it out of its 10 % fee, so at most 10 % is credited whatever the rate. */
            commissionBasisPoints: number;
            /**
             * @description `active` counts visits and conversions; `paused` by its owner; `expired` past `expiresAt`.
             * @enum {string}
             */
            status: "active" | "paused" | "expired";
            /** @description It stops counting then; null: never. */
            expiresAt: string | null;
            /**
             * @description A colour, `#rrggbb`.
             * @example #1a1a2e
             */
            qrDarkColor: string;
            /**
             * @description A colour, `#rrggbb`.
             * @example #1a1a2e
             */
            qrLightColor: string;
            /** @description The QR image’s width and height in pixels. */
            qrSize: number;
            /** @description Visits of `/r/{code}` by a link. */
            clickCount: number;
            /** @description Visits of `/r/{code}` from the QR code (`?src=qr`). */
            scanCount: number;
            /** @description Creators who joined nex and paid purchases through the code. */
            conversionCount: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexReferralConversion
         * @description One conversion through a referral code, as its referrer sees it: never who converted, only what and for how much.
         * @example {
         *       "id": "6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f",
         *       "kind": "purchase",
         *       "referenceType": "ticket_order",
         *       "valueAmount": 6000,
         *       "commissionAmount": 300,
         *       "currency": "JPY",
         *       "createdAt": "2026-11-30T09:20:00.000Z"
         *     }
         */
        NexReferralConversion: {
            /**
             * Format: uuid
             * @description The conversion's id.
             */
            id: string;
            /**
             * @description `signup`: someone joined nex through the code; `purchase`: a paid purchase through it.
             * @enum {string}
             */
            kind: "signup" | "purchase";
            /** @description What converted: `creator` (a signup), `ticket_order` or `order` (a purchase). */
            referenceType: string;
            /** @description The purchase’s amount in minor units of `currency` (0 for a signup). */
            valueAmount: number;
            /** @description The commission credited to the referrer’s `available` balance (a `commission` ledger transaction). */
            commissionAmount: number;
            /** @description ISO 4217 currency code. */
            currency: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexReferralConversionList
         * @description A page of NexReferralConversion objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "6c5d4e3f-2a1b-4c0d-9e8f-7a6b5c4d3e2f",
         *           "kind": "purchase",
         *           "referenceType": "ticket_order",
         *           "valueAmount": 6000,
         *           "commissionAmount": 300,
         *           "currency": "JPY",
         *           "createdAt": "2026-11-30T09:20:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexReferralConversionList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexReferralConversion"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexReferralList
         * @description A page of NexReferral objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9",
         *           "code": "yuki-sunset",
         *           "referralType": "event",
         *           "referenceId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *           "commissionBasisPoints": 500,
         *           "status": "active",
         *           "expiresAt": "2027-01-31T15:00:00.000Z",
         *           "qrDarkColor": "#1a1a2e",
         *           "qrLightColor": "#ffffff",
         *           "qrSize": 256,
         *           "clickCount": 120,
         *           "scanCount": 35,
         *           "conversionCount": 4,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexReferralList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexReferral"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexSimulatePaymentRequest
         * @description The outcome to simulate.
         * @example {
         *       "outcome": "succeeded"
         *     }
         */
        NexSimulatePaymentRequest: {
            /**
             * @description What the test-mode buyer does: pays, or has the card declined.
             * @enum {string}
             */
            outcome: "succeeded" | "failed";
        };
        /**
         * NexSkill
         * @description A skill a creator lists.
         * @example {
         *       "name": "watercolour",
         *       "level": "advanced"
         *     }
         */
        NexSkill: {
            /** @description The skill, e.g. `watercolour`. */
            name: string;
            /**
             * @description How practised the creator says it is.
             * @enum {string}
             */
            level: "beginner" | "intermediate" | "advanced" | "professional";
        };
        /**
         * NexSocialLink
         * @description A link to one of the creator's pages elsewhere.
         * @example {
         *       "network": "pixiv",
         *       "url": "https://www.pixiv.net/users/1"
         *     }
         */
        NexSocialLink: {
            /**
             * @description Which network the link is on.
             * @enum {string}
             */
            network: "x" | "instagram" | "youtube" | "pixiv" | "tiktok" | "website";
            /** @description An `https://` URL without spaces. */
            url: string;
        };
        /**
         * NexStream
         * @description A live stream; public.
         * @example {
         *       "id": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *       "streamerUsername": "yuki_draws",
         *       "title": "水彩ライブドローイング",
         *       "description": "夕焼けの海を一緒に描きます。",
         *       "status": "live",
         *       "scheduledAt": "2026-12-01T11:00:00.000Z",
         *       "startedAt": "2026-12-01T11:02:00.000Z",
         *       "endedAt": null,
         *       "currency": "JPY",
         *       "totalDonations": 4500,
         *       "donationCount": 3,
         *       "viewerCount": 42,
         *       "maxViewers": 57,
         *       "createdAt": "2026-11-30T09:00:00.000Z",
         *       "updatedAt": "2026-12-01T11:02:00.000Z"
         *     }
         */
        NexStream: {
            /**
             * Format: uuid
             * @description The stream's id.
             */
            id: string;
            /** @description The streamer’s creator username. */
            streamerUsername: string | null;
            /** @description The title. */
            title: string;
            /** @description What the stream is about. */
            description: string;
            /**
             * @description `scheduled` → `live` → `ended`, or `scheduled` → `cancelled`.
             * @enum {string}
             */
            status: "scheduled" | "live" | "ended" | "cancelled";
            /** @description When it is planned; null: unannounced. */
            scheduledAt: string | null;
            /** @description When it went live. */
            startedAt: string | null;
            /** @description When it ended. */
            endedAt: string | null;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description Confirmed donations, in minor units of `currency`; a pending donation is not counted. */
            totalDonations: number;
            /** @description How many confirmed donations. */
            donationCount: number;
            /** @description How many viewers follow the stream now: its open feeds (`GET /v1/nex/streams/{id}/events`) on every API process, each kept fresh by its heartbeat (a feed unseen for 60 seconds no longer counts), up to 100 000. */
            viewerCount: number;
            /** @description The most viewers counted at once while the stream was live (counted when a feed opens); 0 before it goes live. */
            maxViewers: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexStreamEventStream
         * @description Server-Sent Events of one stream, each with `id:` (a sequence number; send it back as `Last-Event-ID` to resume). `event: status`: the stream moved, `data` `{ status, startedAt, endedAt }`; `event: donation`: a donation was confirmed, `data` `{ id, donorUsername, amount, currency, message, isAnonymous }` (`donorUsername` always null for an anonymous donation). The stream closes after the `status` event of `ended` or `cancelled`. Lines starting with `:` are keep-alive comments. While open on a stream not yet over, the feed counts as a viewer in the stream’s `viewerCount`.
         * @example : stream open
         *
         *     id: 12
         *     event: status
         *     data: {"status":"live","startedAt":"2026-12-01T11:02:00.000Z","endedAt":null}
         */
        NexStreamEventStream: string;
        /**
         * NexStreamIngestEvent
         * @description A publish or unpublish the media server saw.
         * @example {
         *       "event": "publish",
         *       "streamKey": "nexsk_3q2-7wX9aLkP0vN4mB8cR1tY6uI5oE2sD7fG9hJ0kLz"
         *     }
         */
        NexStreamIngestEvent: {
            /**
             * @description `publish`: the encoder started sending (a `scheduled` stream goes `live`); `unpublish`: it stopped (a `live` stream ends).
             * @enum {string}
             */
            event: "publish" | "unpublish";
            /** @description The stream key the encoder published with (the stream name nginx-rtmp or SRS received). */
            streamKey: string;
        };
        /**
         * NexStreamKey
         * @description A stream’s new key, shown once; the previous key no longer works.
         * @example {
         *       "streamId": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *       "streamKey": "nexsk_3q2-7wX9aLkP0vN4mB8cR1tY6uI5oE2sD7fG9hJ0kLz",
         *       "rotatedAt": "2026-12-01T10:55:00.000Z"
         *     }
         */
        NexStreamKey: {
            /**
             * Format: uuid
             * @description The stream.
             */
            streamId: string;
            /** @description The stream key (`nexsk_…`) the encoder sends to the media server as the stream name. Shown once: store it now; only its SHA-256 digest is kept, and rotating it replaces it. */
            streamKey: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            rotatedAt: string;
        };
        /**
         * NexStreamList
         * @description A page of NexStream objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e",
         *           "streamerUsername": "yuki_draws",
         *           "title": "水彩ライブドローイング",
         *           "description": "夕焼けの海を一緒に描きます。",
         *           "status": "live",
         *           "scheduledAt": "2026-12-01T11:00:00.000Z",
         *           "startedAt": "2026-12-01T11:02:00.000Z",
         *           "endedAt": null,
         *           "currency": "JPY",
         *           "totalDonations": 4500,
         *           "donationCount": 3,
         *           "viewerCount": 42,
         *           "maxViewers": 57,
         *           "createdAt": "2026-11-30T09:00:00.000Z",
         *           "updatedAt": "2026-12-01T11:02:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexStreamList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexStream"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexTicket
         * @description A ticket, readable by its holder and the event’s organizer.
         * @example {
         *       "id": "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a",
         *       "orderId": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *       "eventId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *       "ticketTypeId": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "code": "AWn0bWrS3Q9q8Zs1mC5u3YtYy4nR0s1dH8wq2l1Wc7pQk9vE0xJ3fL6aB2gN5hT8",
         *       "status": "valid",
         *       "checkedInAt": null,
         *       "createdAt": "2026-11-30T09:05:00.000Z"
         *     }
         */
        NexTicket: {
            /**
             * Format: uuid
             * @description The ticket's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The order that bought it.
             */
            orderId: string;
            /**
             * Format: uuid
             * @description Its event.
             */
            eventId: string;
            /**
             * Format: uuid
             * @description Its ticket type.
             */
            ticketTypeId: string;
            /** @description The ticket’s signed code, as its QR code carries it. */
            code: string;
            /**
             * @description `refunded` tickets no longer admit anyone.
             * @enum {string}
             */
            status: "valid" | "refunded";
            /** @description When the organizer checked it in; null before. */
            checkedInAt: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexTicketList
         * @description A page of NexTicket objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a",
         *           "orderId": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *           "eventId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *           "ticketTypeId": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *           "code": "AWn0bWrS3Q9q8Zs1mC5u3YtYy4nR0s1dH8wq2l1Wc7pQk9vE0xJ3fL6aB2gN5hT8",
         *           "status": "valid",
         *           "checkedInAt": null,
         *           "createdAt": "2026-11-30T09:05:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexTicketList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexTicket"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexTicketOrder
         * @description A ticket order, readable by its buyer.
         * @example {
         *       "id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *       "eventId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *       "ticketTypeId": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "quantity": 2,
         *       "unitAmount": 3000,
         *       "totalAmount": 6000,
         *       "currency": "JPY",
         *       "status": "pending",
         *       "expiresAt": "2026-11-30T09:15:00.000Z",
         *       "paidAt": null,
         *       "payment": {
         *         "id": "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
         *         "clientSecret": "local_secret_2b3c4d5e"
         *       },
         *       "tickets": [],
         *       "createdAt": "2026-11-30T09:05:00.000Z"
         *     }
         */
        NexTicketOrder: {
            /**
             * Format: uuid
             * @description The order's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The event.
             */
            eventId: string;
            /**
             * Format: uuid
             * @description The ticket type.
             */
            ticketTypeId: string;
            /** @description How many tickets. */
            quantity: number;
            /** @description The price of one, in minor units, captured at order time. */
            unitAmount: number;
            /** @description `unitAmount × quantity`, computed by the server. */
            totalAmount: number;
            /** @description ISO 4217 currency code. */
            currency: string;
            /**
             * @description `pending`: tickets held until `expiresAt` while the payment is made; `paid`: tickets issued; `expired`: unpaid in time, released; `canceled`: released; `refunded`: the event was canceled and the payment returned.
             * @enum {string}
             */
            status: "pending" | "paid" | "expired" | "canceled" | "refunded";
            /**
             * Format: date-time
             * @description A pending order’s hold ends then (10 minutes after ordering).
             */
            expiresAt: string;
            /** @description When the payment was confirmed; null before. */
            paidAt: string | null;
            /** @description The payment to make before `expiresAt`; null for free tickets (issued at once). */
            payment: {
                /**
                 * Format: uuid
                 * @description The payment (see the payments operations to complete it).
                 */
                id: string;
                /** @description What the payment provider’s client library needs to pay (Stripe.js `confirmPayment`). */
                clientSecret: string | null;
            } | null;
            /** @description The tickets, once paid. */
            tickets: components["schemas"]["NexTicket"][];
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexTicketType
         * @description A kind of ticket for an event, with its inventory.
         * @example {
         *       "id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "eventId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *       "name": "一般",
         *       "description": "画材つき",
         *       "priceAmount": 3000,
         *       "currency": "JPY",
         *       "quantity": 30,
         *       "held": 2,
         *       "sold": 10,
         *       "available": 18,
         *       "saleStartsAt": null,
         *       "saleEndsAt": null,
         *       "isActive": true,
         *       "createdAt": "2026-11-30T08:10:00.000Z",
         *       "updatedAt": "2026-11-30T08:10:00.000Z"
         *     }
         */
        NexTicketType: {
            /**
             * Format: uuid
             * @description The ticket type's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description Its event.
             */
            eventId: string;
            /** @description The name, 1 to 100 characters on one line. */
            name: string;
            /** @description What it includes, up to 1000 characters. */
            description: string;
            /** @description The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free. */
            priceAmount: number;
            /**
             * @description ISO 4217 currency code.
             * @example JPY
             */
            currency: string;
            /** @description How many tickets of this type exist. */
            quantity: number;
            /** @description Reserved by purchases awaiting payment (released if unpaid). */
            held: number;
            /** @description Paid for (or claimed, when free). */
            sold: number;
            /** @description `quantity − held − sold`. */
            available: number;
            /** @description On sale from then; null: with the event’s registration window. */
            saleStartsAt: string | null;
            /** @description On sale until then; null: with the event’s registration window. */
            saleEndsAt: string | null;
            /** @description Inactive types are not sold. */
            isActive: boolean;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * NexTicketTypeList
         * @description An event’s ticket types.
         * @example {
         *       "data": [
         *         {
         *           "id": "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *           "eventId": "3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c",
         *           "name": "一般",
         *           "description": "画材つき",
         *           "priceAmount": 3000,
         *           "currency": "JPY",
         *           "quantity": 30,
         *           "held": 2,
         *           "sold": 10,
         *           "available": 18,
         *           "saleStartsAt": null,
         *           "saleEndsAt": null,
         *           "isActive": true,
         *           "createdAt": "2026-11-30T08:10:00.000Z",
         *           "updatedAt": "2026-11-30T08:10:00.000Z"
         *         }
         *       ]
         *     }
         */
        NexTicketTypeList: {
            /** @description The event’s ticket types, oldest first. */
            data: components["schemas"]["NexTicketType"][];
        };
        /**
         * NexTransaction
         * @description One entry of the account's side of the ledger. Entries are never changed.
         * @example {
         *       "id": "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a",
         *       "transactionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *       "kind": "sale",
         *       "book": "available",
         *       "amount": 1500,
         *       "currency": "JPY",
         *       "paymentId": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
         *       "referenceType": "order",
         *       "referenceId": "2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b",
         *       "description": "Sale NX-20261130-7Q4K9D",
         *       "createdAt": "2026-11-30T09:05:00.000Z"
         *     }
         */
        NexTransaction: {
            /**
             * Format: uuid
             * @description The entry's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The double-entry transaction it belongs to; its entries (some in house books) sum to zero.
             */
            transactionId: string;
            /**
             * @description What moved the money.
             * @enum {string}
             */
            kind: "sale" | "ticket" | "donation" | "commission" | "refund" | "fee" | "withdrawal" | "payout" | "withdrawal_reversal";
            /**
             * @description `available`: money the account may withdraw; `withdrawing`: held for a withdrawal in flight.
             * @enum {string}
             */
            book: "available" | "withdrawing";
            /** @description The movement. In minor units of `currency`; negative is money leaving the book. */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /** @description The payment behind it; null for withdrawals. */
            paymentId: string | null;
            /** @description What it is about: `order`, `withdrawal`, `ticket`, `donation`… */
            referenceType: string;
            /**
             * Format: uuid
             * @description The id of what it is about.
             */
            referenceId: string;
            /** @description A line for a statement. */
            description: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * NexTransactionList
         * @description A page of NexTransaction objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a",
         *           "transactionId": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
         *           "kind": "sale",
         *           "book": "available",
         *           "amount": 1500,
         *           "currency": "JPY",
         *           "paymentId": "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
         *           "referenceType": "order",
         *           "referenceId": "2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b",
         *           "description": "Sale NX-20261130-7Q4K9D",
         *           "createdAt": "2026-11-30T09:05:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexTransactionList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexTransaction"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * NexUpdateArtworkRequest
         * @description The fields to change; fields left out keep their value.
         * @example {
         *       "priceAmount": 500,
         *       "tags": [
         *         "夕焼け",
         *         "海"
         *       ]
         *     }
         */
        NexUpdateArtworkRequest: {
            /** @description The title, 1 to 255 characters on one line. */
            title?: string;
            /** @description What the artwork is, up to 5000 characters. */
            description?: string;
            /**
             * @description A category slug (`GET /v1/nex/categories`).
             * @example landscape
             */
            category?: string;
            /** @description Up to 10 tags. */
            tags?: string[];
            /**
             * Format: uuid
             * @description The media: a file of the caller.
             */
            fileId?: string;
            /** @description The price in minor units of `currency` (yen for JPY, cents for USD); 0 is free. */
            priceAmount?: number;
            /**
             * @description ISO 4217 currency code.
             * @example JPY
             */
            currency?: string;
            /** @description Must agree with the resulting `priceAmount`. */
            isFree?: boolean;
            /** @description The licence; null clears it. */
            licenseType?: string | null;
            /** @description Adults only. */
            isAdultContent?: boolean;
        };
        /**
         * NexUpdateCommentRequest
         * @description The new text or rating.
         * @example {
         *       "content": "色がとても綺麗です！（追記）"
         *     }
         */
        NexUpdateCommentRequest: {
            /** @description The text, 1 to 2000 characters, not only spaces. */
            content?: string;
            /** @description A rating from 1 to 5 (top-level comments only). */
            rating?: number;
        };
        /**
         * NexUpdateCreatorRequest
         * @description The creator fields to change; fields left out keep their value.
         * @example {
         *       "skills": [
         *         {
         *           "name": "pixel art",
         *           "level": "intermediate"
         *         }
         *       ]
         *     }
         */
        NexUpdateCreatorRequest: {
            /**
             * @description A new username, unique ignoring case (409 when taken). The old one is released at once: links to it stop working, and another creator may take it.
             * @example yuki_draws
             */
            newUsername?: string;
            /**
             * @description `creator` publishes, `fan` follows and likes, `both` does both.
             * @enum {string}
             */
            userType?: "creator" | "fan" | "both";
            /** @description Up to 20 skills. */
            skills?: components["schemas"]["NexSkill"][];
            /** @description Up to 10 links. */
            socialLinks?: components["schemas"]["NexSocialLink"][];
        };
        /**
         * NexUpdateEventRequest
         * @description Changes to a draft or published event; `isFree` is fixed at creation.
         * @example {
         *       "title": "夕焼け水彩ワークショップ（増席）",
         *       "capacity": 60
         *     }
         */
        NexUpdateEventRequest: {
            /** @description The title, 1 to 255 characters on one line. */
            title?: string;
            /** @description What the event is, up to 5000 characters. */
            description?: string;
            /**
             * @description `online`, `offline` (at `venue`) or `hybrid` (both).
             * @enum {string}
             */
            eventType?: "online" | "offline" | "hybrid";
            /** @description The venue; null removes it (online events only). */
            venue?: string | null;
            /** @description The online URL; null removes it. */
            onlineUrl?: string | null;
            /**
             * Format: date-time
             * @description When it starts (RFC 3339).
             */
            startsAt?: string;
            /**
             * Format: date-time
             * @description When it ends: after `startsAt` (400 otherwise).
             */
            endsAt?: string;
            /**
             * @description The IANA time zone the event is announced in (`Asia/Tokyo`); times are stored in UTC.
             * @example Asia/Tokyo
             */
            timezone?: string;
            /** @description The capacity; null removes the limit. */
            capacity?: number | null;
            /** @description The cover; null removes it. */
            coverFileId?: string | null;
            /** @description Sales open then; null: from publication. */
            registrationOpensAt?: string | null;
            /** @description Sales close then; null: at the start. */
            registrationClosesAt?: string | null;
        };
        /**
         * NexUpdateGroupRequest
         * @description The group fields to change; fields left out keep their value.
         * @example {
         *       "memberLimit": 30
         *     }
         */
        NexUpdateGroupRequest: {
            /** @description The group's name, 1 to 100 characters. */
            name?: string;
            /** @description What the group is about, up to 2000 characters. */
            description?: string;
            /** @description Whether anyone may read and join it. */
            isPublic?: boolean;
            /** @description How many members the group may have, owner included: 2 to 500 (default 50). */
            memberLimit?: number;
        };
        /**
         * NexUpdateProductRequest
         * @description The fields to change. A new price applies to later orders only (orders keep the price they captured).
         * @example {
         *       "priceAmount": 1800,
         *       "status": "active"
         *     }
         */
        NexUpdateProductRequest: {
            /** @description The product's name. */
            name?: string;
            /** @description A description. */
            description?: string;
            /** @description A shop category slug, e.g. `prints`, `digital-art`, `goods`. */
            category?: string;
            /** @description The unit price in minor units of `currency`, tax included. */
            priceAmount?: number;
            /** @description Units left to sell. */
            stock?: number;
            /**
             * @description `out_of_stock` is not set by hand: it follows the stock.
             * @enum {string}
             */
            status?: "active" | "inactive" | "discontinued";
            /** @description Shipping charged per order line of this product, in minor units (physical). */
            shippingAmount?: number;
            /** @description How and when it ships. */
            shippingInfo?: string;
        };
        /**
         * NexUpdateReferralRequest
         * @description Changes to a referral code.
         * @example {
         *       "status": "paused"
         *     }
         */
        NexUpdateReferralRequest: {
            /**
             * @description Pause or resume the code.
             * @enum {string}
             */
            status?: "active" | "paused";
            /** @description New expiry; null: never. */
            expiresAt?: string | null;
            /**
             * @description A colour, `#rrggbb`.
             * @example #1a1a2e
             */
            qrDarkColor?: string;
            /**
             * @description A colour, `#rrggbb`.
             * @example #1a1a2e
             */
            qrLightColor?: string;
            /** @description The QR image’s width and height in pixels. */
            qrSize?: number;
        };
        /**
         * NexUpdateTicketTypeRequest
         * @description Changes to a ticket type; its price is fixed once created (buyers hold it).
         * @example {
         *       "quantity": 40,
         *       "isActive": true
         *     }
         */
        NexUpdateTicketTypeRequest: {
            /** @description The name, 1 to 100 characters on one line. */
            name?: string;
            /** @description What it includes, up to 1000 characters. */
            description?: string;
            /** @description Never below `held + sold` (409). */
            quantity?: number;
            /** @description On sale from then; null clears it. */
            saleStartsAt?: string | null;
            /** @description On sale until then; null clears it. */
            saleEndsAt?: string | null;
            /** @description On sale or not. */
            isActive?: boolean;
        };
        /**
         * NexWithdrawal
         * @description A withdrawal, readable by its owner only.
         * @example {
         *       "id": "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a",
         *       "amount": 5000,
         *       "currency": "JPY",
         *       "destination": "acct_1Nv0FGQ9RKHgCVdK",
         *       "status": "requested",
         *       "providerPayoutId": null,
         *       "failureMessage": null,
         *       "createdAt": "2026-11-30T10:00:00.000Z",
         *       "updatedAt": "2026-11-30T10:00:00.000Z",
         *       "settledAt": null
         *     }
         */
        NexWithdrawal: {
            /**
             * Format: uuid
             * @description The withdrawal's id.
             */
            id: string;
            /** @description The amount paid out. In minor units of `currency` (yen for JPY, cents for USD). */
            amount: number;
            /**
             * @description ISO 4217 currency code, upper case.
             * @example JPY
             */
            currency: string;
            /**
             * @description The connected account the money goes to (a Stripe Connect account id, `acct_…`). The local test-mode provider pays any destination except one containing `fail`.
             * @example acct_1Nv0FGQ9RKHgCVdK
             */
            destination: string;
            /**
             * @description `requested`: the money is held (`withdrawing`); `processing`: the payout is being made; `paid`: sent; `failed`: the provider refused it and the money is back in `available`.
             * @enum {string}
             */
            status: "requested" | "processing" | "paid" | "failed";
            /** @description The provider's transfer id (`tr_…`) once paid. */
            providerPayoutId: string | null;
            /** @description The provider's reason when it failed. */
            failureMessage: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When its status last changed.
             */
            updatedAt: string;
            /** @description When it was paid or failed; null before. */
            settledAt: string | null;
        };
        /**
         * NexWithdrawalList
         * @description A page of NexWithdrawal objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a",
         *           "amount": 5000,
         *           "currency": "JPY",
         *           "destination": "acct_1Nv0FGQ9RKHgCVdK",
         *           "status": "requested",
         *           "providerPayoutId": null,
         *           "failureMessage": null,
         *           "createdAt": "2026-11-30T10:00:00.000Z",
         *           "updatedAt": "2026-11-30T10:00:00.000Z",
         *           "settledAt": null
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        NexWithdrawalList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["NexWithdrawal"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * Plan
         * @description One plan of a product, with its price and limits.
         * @example {
         *       "product": "speak",
         *       "plan": "standard",
         *       "tier": "standard",
         *       "priceAmount": 1200,
         *       "currency": "USD",
         *       "billingPeriod": "month",
         *       "trialDays": 7,
         *       "subscribedPer": "account",
         *       "limits": [
         *         {
         *           "metric": "seconds",
         *           "period": "month",
         *           "limit": 54000
         *         }
         *       ]
         *     }
         */
        Plan: {
            /**
             * @description A Yorozu product.
             * @enum {string}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description A plan of the product's catalogue, e.g. `free`, `basic`, `pro`. */
            plan: string;
            /**
             * @description What kind of plan it is.
             *
             *     - `free`: The plan of every account without a subscription.
             *     - `standard`: A paid plan.
             *     - `enterprise`: Priced per contract.
             *     - `addon`: Bought on top of a plan.
             * @enum {string}
             */
            tier: "free" | "standard" | "enterprise" | "addon";
            /** @description The price in minor units of `currency` (cents for USD); null = per contract. */
            priceAmount: number | null;
            /** @description ISO 4217 currency code. */
            currency: string;
            /**
             * @description How often the price is charged.
             * @enum {string}
             */
            billingPeriod: "month" | "year" | "one_time";
            /** @description Free days before the first charge; 0 for none. */
            trialDays: number;
            /**
             * @description `plugin`: one subscription (and one set of quotas) per plugin; `account`: one per product.
             * @enum {string}
             */
            subscribedPer: "account" | "plugin";
            /** @description The plan's limit for each metric its product meters. */
            limits: components["schemas"]["PlanLimit"][];
        };
        /**
         * PlanCatalogue
         * @description The plan catalogue.
         * @example {
         *       "data": [
         *         {
         *           "product": "speak",
         *           "plan": "standard",
         *           "tier": "standard",
         *           "priceAmount": 1200,
         *           "currency": "USD",
         *           "billingPeriod": "month",
         *           "trialDays": 7,
         *           "subscribedPer": "account",
         *           "limits": [
         *             {
         *               "metric": "seconds",
         *               "period": "month",
         *               "limit": 54000
         *             }
         *           ]
         *         }
         *       ]
         *     }
         */
        PlanCatalogue: {
            /** @description Every plan, by product, then cheapest first, add-ons last. */
            data: components["schemas"]["Plan"][];
        };
        /**
         * PlanLimit
         * @description How much of one metric a plan allows per period.
         * @example {
         *       "metric": "seconds",
         *       "period": "month",
         *       "limit": 54000
         *     }
         */
        PlanLimit: {
            /** @description The metered metric, e.g. `minutes`. */
            metric: string;
            /**
             * @description The period the limit resets after (UTC calendar).
             * @enum {string}
             */
            period: "day" | "month";
            /** @description Units per period; null = unlimited, or set per contract on an `enterprise` plan. */
            limit: number | null;
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
            /** @description A short summary of the problem type, the same for every occurrence. */
            title: string;
            /** @description The HTTP status code, repeated. */
            status: number;
            /** @description What went wrong with this request, for a human. */
            detail: string;
            /**
             * @description Stable machine-readable code to branch on:
             *
             *     - `validation_failed` (400): The request is malformed: a missing, mistyped or out-of-range field, an unknown body property or an unknown query parameter (refused, never ignored), or a body that is not JSON. `errors` lists each field by JSON pointer.
             *     - `invalid_cursor` (400): The `cursor` is malformed, or comes from another list or other filters: start again without it.
             *     - `oauth_state_invalid` (400): An OAuth callback whose `state` does not match the sign-in this browser started (forged, replayed, from another browser, or over 10 minutes old), or that lacks the sign-in's cookie: start again from `/v1/auth/oauth/{provider}/start`.
             *     - `identity_link_failed` (400): Linking a connected account (`/v1/miyabi/identities`) failed: the callback's `state` is unknown, used, over 10 minutes old or another account's, or the provider refused the authorization code (denied, used, expired, wrong PKCE verifier) or answered something that failed verification. Start the link again.
             *     - `unauthenticated` (401): Credentials are missing, malformed, expired or revoked.
             *     - `oauth_exchange_failed` (401): The provider refused the sign-in (the user denied it, or the code was already used or expired), or its answer failed verification (ID token signature, issuer, audience, nonce): start the sign-in again.
             *     - `quota_exceeded` (402): The plan's quota for a metric is used up; `quota` says which and when it resets (`resetsAt`). Retrying before then cannot succeed.
             *     - `plan_required` (402): The resource is part of a paid plan (e.g. a premium WorldSpeakAI script) and the account's plan does not include it. Subscribing to a paid plan of the product lifts it; retrying on the same plan cannot succeed.
             *     - `forbidden` (403): The credentials are valid but lack the scope or role the operation requires.
             *     - `oauth_email_unverified` (403): The provider has not verified the email address of this identity (or shares none), and it is linked to no account: verify the address with the provider, then sign in again.
             *     - `not_found` (404): No such resource in this account (one owned by another account is not found either).
             *     - `oauth_provider_not_configured` (404): Sign-in with this provider is not configured on this server (its client id and secret are not set).
             *     - `not_acceptable` (406): `Accept` excludes the resource's media type; leave `Accept` out or include that type (or `*\/*`).
             *     - `conflict` (409): The request conflicts with the resource's current state.
             *     - `base_plugin_required` (409): The plugin is an add-on (`requiresPlugin`), and the account has no active, trialing or past-due subscription to its base plugin: subscribe to the base plugin first.
             *     - `idempotency_in_progress` (409): A request with the same `Idempotency-Key` is still running; retry it once that one has finished.
             *     - `last_sign_in_method` (409): The identity is the last way into an account that has no password: link another identity first.
             *     - `payload_too_large` (413): The body is over the size limit.
             *     - `unsupported_media_type` (415): The body of a JSON operation was sent with a `Content-Type` other than `application/json`.
             *     - `range_not_satisfiable` (416): No byte of the requested `Range` lies inside the file (it starts at or past the end); `Content-Range: bytes *\/<size>` gives the size.
             *     - `idempotency_key_mismatch` (422): The `Idempotency-Key` was used before with a different request.
             *     - `rate_limited` (429): Too many requests; wait `Retry-After` seconds (`RateLimit-*` show the window).
             *     - `internal` (500): A bug on our side, logged with the request id.
             *     - `unavailable` (503): The service is down, shutting down or overloaded; retry after `Retry-After` seconds.
             */
            code: components["schemas"]["ProblemCode"];
            /** @description The request id (also in `X-Request-Id`): quote it to support, it finds the log lines. */
            requestId: string;
            /** @description With `validation_failed`: one entry per invalid field. */
            errors?: components["schemas"]["FieldProblem"][];
            /** @description A metered quota at the moment of the request. */
            quota?: components["schemas"]["QuotaState"];
        };
        /**
         * ProblemCode
         * @description Stable machine-readable code to branch on:
         *
         *     - `validation_failed` (400): The request is malformed: a missing, mistyped or out-of-range field, an unknown body property or an unknown query parameter (refused, never ignored), or a body that is not JSON. `errors` lists each field by JSON pointer.
         *     - `invalid_cursor` (400): The `cursor` is malformed, or comes from another list or other filters: start again without it.
         *     - `oauth_state_invalid` (400): An OAuth callback whose `state` does not match the sign-in this browser started (forged, replayed, from another browser, or over 10 minutes old), or that lacks the sign-in's cookie: start again from `/v1/auth/oauth/{provider}/start`.
         *     - `identity_link_failed` (400): Linking a connected account (`/v1/miyabi/identities`) failed: the callback's `state` is unknown, used, over 10 minutes old or another account's, or the provider refused the authorization code (denied, used, expired, wrong PKCE verifier) or answered something that failed verification. Start the link again.
         *     - `unauthenticated` (401): Credentials are missing, malformed, expired or revoked.
         *     - `oauth_exchange_failed` (401): The provider refused the sign-in (the user denied it, or the code was already used or expired), or its answer failed verification (ID token signature, issuer, audience, nonce): start the sign-in again.
         *     - `quota_exceeded` (402): The plan's quota for a metric is used up; `quota` says which and when it resets (`resetsAt`). Retrying before then cannot succeed.
         *     - `plan_required` (402): The resource is part of a paid plan (e.g. a premium WorldSpeakAI script) and the account's plan does not include it. Subscribing to a paid plan of the product lifts it; retrying on the same plan cannot succeed.
         *     - `forbidden` (403): The credentials are valid but lack the scope or role the operation requires.
         *     - `oauth_email_unverified` (403): The provider has not verified the email address of this identity (or shares none), and it is linked to no account: verify the address with the provider, then sign in again.
         *     - `not_found` (404): No such resource in this account (one owned by another account is not found either).
         *     - `oauth_provider_not_configured` (404): Sign-in with this provider is not configured on this server (its client id and secret are not set).
         *     - `not_acceptable` (406): `Accept` excludes the resource's media type; leave `Accept` out or include that type (or `*\/*`).
         *     - `conflict` (409): The request conflicts with the resource's current state.
         *     - `base_plugin_required` (409): The plugin is an add-on (`requiresPlugin`), and the account has no active, trialing or past-due subscription to its base plugin: subscribe to the base plugin first.
         *     - `idempotency_in_progress` (409): A request with the same `Idempotency-Key` is still running; retry it once that one has finished.
         *     - `last_sign_in_method` (409): The identity is the last way into an account that has no password: link another identity first.
         *     - `payload_too_large` (413): The body is over the size limit.
         *     - `unsupported_media_type` (415): The body of a JSON operation was sent with a `Content-Type` other than `application/json`.
         *     - `range_not_satisfiable` (416): No byte of the requested `Range` lies inside the file (it starts at or past the end); `Content-Range: bytes *\/<size>` gives the size.
         *     - `idempotency_key_mismatch` (422): The `Idempotency-Key` was used before with a different request.
         *     - `rate_limited` (429): Too many requests; wait `Retry-After` seconds (`RateLimit-*` show the window).
         *     - `internal` (500): A bug on our side, logged with the request id.
         *     - `unavailable` (503): The service is down, shutting down or overloaded; retry after `Retry-After` seconds.
         * @example validation_failed
         * @enum {string}
         */
        ProblemCode: "validation_failed" | "invalid_cursor" | "oauth_state_invalid" | "identity_link_failed" | "unauthenticated" | "oauth_exchange_failed" | "quota_exceeded" | "plan_required" | "forbidden" | "oauth_email_unverified" | "not_found" | "oauth_provider_not_configured" | "not_acceptable" | "conflict" | "base_plugin_required" | "idempotency_in_progress" | "last_sign_in_method" | "payload_too_large" | "unsupported_media_type" | "range_not_satisfiable" | "idempotency_key_mismatch" | "rate_limited" | "internal" | "unavailable";
        /**
         * Profile
         * @description The caller's own profile, published or not.
         * @example {
         *       "handle": "ada_lovelace",
         *       "displayName": "Ada Lovelace",
         *       "bio": "Notes on the Analytical Engine.",
         *       "avatarFileId": "5f0c6b9e-2a4d-4c3b-8e1f-7a6b5c4d3e2f",
         *       "links": [
         *         {
         *           "label": "Portfolio",
         *           "url": "https://ada.example"
         *         }
         *       ],
         *       "followerCount": 12,
         *       "followingCount": 3,
         *       "visibility": "public",
         *       "updatedAt": "2026-11-30T09:00:00.000Z"
         *     }
         */
        Profile: {
            /** @description The handle; null until the owner sets one. */
            handle: string | null;
            /** @description The name shown; null when unset. */
            displayName: string | null;
            /** @description The bio; null when unset. */
            bio: string | null;
            /** @description The avatar image; null when unset. */
            avatarFileId: string | null;
            /** @description Up to 5 links, in the order shown. */
            links: components["schemas"]["ProfileLink"][];
            /** @description How many accounts follow this profile. */
            followerCount: number;
            /** @description How many profiles the owner follows. */
            followingCount: number;
            /**
             * @description Who may read the profile. Publishing needs a handle.
             *
             *     - `private`: Only its owner; others get 404.
             *     - `public`: Anyone, signed in or not.
             * @enum {string}
             */
            visibility: "private" | "public";
            /** @description Last change; null before the first. */
            updatedAt: string | null;
        };
        /**
         * ProfileLink
         * @description A labelled link on a profile.
         * @example {
         *       "label": "Portfolio",
         *       "url": "https://ada.example"
         *     }
         */
        ProfileLink: {
            /** @description What the link is, e.g. `Portfolio`. */
            label: string;
            /** @description An `https://` URL without spaces. */
            url: string;
        };
        /**
         * PublicProfile
         * @description A published profile, as anyone sees it.
         * @example {
         *       "handle": "ada_lovelace",
         *       "displayName": "Ada Lovelace",
         *       "bio": "Notes on the Analytical Engine.",
         *       "avatarFileId": "5f0c6b9e-2a4d-4c3b-8e1f-7a6b5c4d3e2f",
         *       "links": [
         *         {
         *           "label": "Portfolio",
         *           "url": "https://ada.example"
         *         }
         *       ],
         *       "followerCount": 12,
         *       "followingCount": 3
         *     }
         */
        PublicProfile: {
            /**
             * @description The profile's public name in URLs: 3 to 30 ASCII letters, digits or `_`, unique ignoring case.
             * @example ada_lovelace
             */
            handle: string;
            /** @description The name shown; null when unset. */
            displayName: string | null;
            /** @description The bio; null when unset. */
            bio: string | null;
            /** @description The avatar image; null when unset. */
            avatarFileId: string | null;
            /** @description Up to 5 links, in the order shown. */
            links: components["schemas"]["ProfileLink"][];
            /** @description How many accounts follow this profile. */
            followerCount: number;
            /** @description How many profiles the owner follows. */
            followingCount: number;
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
            /** @description The product the quota belongs to, e.g. `studio`. */
            product: string;
            /** @description What the product meters, e.g. `credits` or `images`. */
            metric: string;
            /** @description The plan's limit for the period; null when unlimited. */
            limit: number | null;
            /** @description How much of the limit this period has used. */
            used: number;
            /**
             * Format: date-time
             * @description When the period ends and `used` starts again from 0 (RFC 3339, UTC).
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
            /** @description The refresh token (`yzr_…`). */
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
            /** @description The account behind the credentials of a request. */
            account: components["schemas"]["Account"];
            /** @description Credentials issued by signup, login and refresh. */
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
            /**
             * Format: email
             * @description The email the account signs in with.
             */
            email: string;
            /** @description At least 10 characters. */
            password: string;
            /** @description Display name. */
            name?: string;
        };
        /**
         * SpeakAchievement
         * @description An achievement and where the learner stands on it.
         * @example {
         *       "code": "FIRST_CONV",
         *       "name": {
         *         "en": "First Conversation",
         *         "ja": "初めての会話"
         *       },
         *       "description": {
         *         "en": "Complete your first conversation.",
         *         "ja": "初めての会話を完了する。"
         *       },
         *       "criteria": {
         *         "conversations": 1
         *       },
         *       "category": "milestone",
         *       "tier": "bronze",
         *       "progress": 100,
         *       "earned": true,
         *       "earnedAt": "2026-11-30T12:06:00.000Z"
         *     }
         */
        SpeakAchievement: {
            /** @description Stable code, e.g. `FIRST_CONV`, `STREAK_7`, `MINUTES_60`, `WORDS_100`. */
            code: string;
            /** @description The name. By language code (`en`, `ja`). */
            name: {
                [key: string]: string;
            };
            /** @description What earns it. By language code (`en`, `ja`). */
            description: {
                [key: string]: string;
            };
            /** @description The threshold, e.g. `{ "streakDays": 7 }`. */
            criteria: {
                [key: string]: number;
            };
            /** @description `milestone`, `streak`, `time` or `vocabulary`. */
            category: string;
            /**
             * @description How hard it is.
             * @enum {string}
             */
            tier: "bronze" | "silver" | "gold" | "platinum";
            /** @description Percent of the threshold reached. */
            progress: number;
            /** @description Whether it is earned. */
            earned: boolean;
            /** @description When; null until earned. */
            earnedAt: string | null;
        };
        /**
         * SpeakAchievementList
         * @description Every achievement with the learner's progress (a short fixed list: not paginated).
         * @example {
         *       "data": [
         *         {
         *           "code": "FIRST_CONV",
         *           "name": {
         *             "en": "First Conversation",
         *             "ja": "初めての会話"
         *           },
         *           "description": {
         *             "en": "Complete your first conversation.",
         *             "ja": "初めての会話を完了する。"
         *           },
         *           "criteria": {
         *             "conversations": 1
         *           },
         *           "category": "milestone",
         *           "tier": "bronze",
         *           "progress": 100,
         *           "earned": true,
         *           "earnedAt": "2026-11-30T12:06:00.000Z"
         *         }
         *       ]
         *     }
         */
        SpeakAchievementList: {
            /** @description Every achievement, in display order. */
            data: components["schemas"]["SpeakAchievement"][];
        };
        /**
         * SpeakConversation
         * @description A conversation with the AI partner.
         * @example {
         *       "id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
         *       "title": "Ordering coffee at a café",
         *       "languagePair": {
         *         "native": "ja",
         *         "target": "en"
         *       },
         *       "scenario": "cafe",
         *       "specialization": null,
         *       "difficultyLevel": 1,
         *       "scriptId": "6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b",
         *       "scriptAdherenceScore": 0.92,
         *       "startedAt": "2026-11-30T12:00:00.000Z",
         *       "endedAt": "2026-11-30T12:06:00.000Z",
         *       "durationSeconds": 360,
         *       "speakingSeconds": 41,
         *       "messageCount": 10,
         *       "userMessageCount": 3,
         *       "aiMessageCount": 4,
         *       "wordsSpoken": 18,
         *       "uniqueWordsUsed": 15,
         *       "fluencyScore": 78.5,
         *       "accuracyScore": 92,
         *       "pronunciationScore": 90,
         *       "overallScore": 86.8,
         *       "rating": 5,
         *       "createdAt": "2026-11-30T12:00:00.000Z"
         *     }
         */
        SpeakConversation: {
            /**
             * Format: uuid
             * @description The conversation's id.
             */
            id: string;
            /** @description A label; the script's title by default. */
            title: string | null;
            /** @description The languages of a conversation or script. */
            languagePair: components["schemas"]["SpeakLanguagePair"];
            /** @description The situation, e.g. `restaurant`. */
            scenario: string;
            /** @description A field, e.g. `business`. */
            specialization: string | null;
            /** @description From 1 to 10. */
            difficultyLevel: number;
            /** @description The script followed; null for free conversation. */
            scriptId: string | null;
            /** @description How closely the learner's lines matched the script, 0–1 (a heuristic: edit distance); null without a script. */
            scriptAdherenceScore: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            startedAt: string;
            /** @description When it was ended; null while it runs. */
            endedAt: string | null;
            /** @description From start to end. */
            durationSeconds: number | null;
            /** @description The learner's measured audio, in seconds (what the quota counted). */
            speakingSeconds: number;
            /** @description Messages of every type. */
            messageCount: number;
            /** @description The learner's turns. */
            userMessageCount: number;
            /** @description The partner's replies. */
            aiMessageCount: number;
            /** @description Words in the learner's turns (Unicode word segmentation). */
            wordsSpoken: number;
            /** @description Different words among them, ignoring case. */
            uniqueWordsUsed: number;
            /** @description Words per minute of speech against 110 wpm. A heuristic, 0–100 (docs: Scores); null until the conversation ends or when nothing could be measured. */
            fluencyScore: number | null;
            /** @description Similarity of the learner's lines to the script's (edit distance). A heuristic, 0–100 (docs: Scores); null until the conversation ends or when nothing could be measured. */
            accuracyScore: number | null;
            /** @description Similarity of the recognised transcript of spoken turns to the script's lines. A heuristic, 0–100 (docs: Scores); null until the conversation ends or when nothing could be measured. */
            pronunciationScore: number | null;
            /** @description The mean of the other scores that exist. A heuristic, 0–100 (docs: Scores); null until the conversation ends or when nothing could be measured. */
            overallScore: number | null;
            /** @description The learner's rating, given when ending it. */
            rating: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * SpeakConversationEventStream
         * @description Server-Sent Events of one conversation, each with `id:` (a sequence number per conversation; send it back as `Last-Event-ID` to resume). `event: delta`: a piece of a reply as it is written, `data` `{ replyTo, text }` (`replyTo` the learner message it answers); `event: message`: a whole new message, `data` a [`SpeakMessage`](#/components/schemas/SpeakMessage) (a turn, the reply with its voice, a suggestion; the opening lines of a script come again under the same id once voiced: keep the last copy); `event: replied`: the reply to one turn is complete, `data` `{ replyTo, messageId, audioFileId, suggestionMessageId }`; `event: failed`: the reply to one turn failed for good, `data` `{ replyTo, code, message }`; `event: ended`: the conversation ended, `data` the [`SpeakConversation`](#/components/schemas/SpeakConversation), and the stream closes. Lines starting with `:` are keep-alive comments.
         * @example : stream open
         *
         *     id: 4
         *     event: delta
         *     data: {"replyTo":"0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","text":"Sure. "}
         */
        SpeakConversationEventStream: string;
        /**
         * SpeakConversationList
         * @description A page of SpeakConversation objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
         *           "title": "Ordering coffee at a café",
         *           "languagePair": {
         *             "native": "ja",
         *             "target": "en"
         *           },
         *           "scenario": "cafe",
         *           "specialization": null,
         *           "difficultyLevel": 1,
         *           "scriptId": "6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b",
         *           "scriptAdherenceScore": 0.92,
         *           "startedAt": "2026-11-30T12:00:00.000Z",
         *           "endedAt": "2026-11-30T12:06:00.000Z",
         *           "durationSeconds": 360,
         *           "speakingSeconds": 41,
         *           "messageCount": 10,
         *           "userMessageCount": 3,
         *           "aiMessageCount": 4,
         *           "wordsSpoken": 18,
         *           "uniqueWordsUsed": 15,
         *           "fluencyScore": 78.5,
         *           "accuracyScore": 92,
         *           "pronunciationScore": 90,
         *           "overallScore": 86.8,
         *           "rating": 5,
         *           "createdAt": "2026-11-30T12:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        SpeakConversationList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["SpeakConversation"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * SpeakEndConversation
         * @description Ending a conversation, optionally rating it.
         * @example {
         *       "rating": 5
         *     }
         */
        SpeakEndConversation: {
            /**
             * @description How the learner liked it, 1 to 5.
             * @example 5
             */
            rating?: number;
        };
        /**
         * SpeakGrammarCorrection
         * @description One grammar or spelling correction of a learner turn.
         * @example {
         *       "rule": "en.article",
         *       "start": 7,
         *       "end": 14,
         *       "original": "a apple",
         *       "suggestion": "an apple",
         *       "explanation": "\"an\" goes before a vowel sound.",
         *       "method": "heuristic"
         *     }
         */
        SpeakGrammarCorrection: {
            /** @description What was found: a heuristic rule id (`en.article`, `en.agreement`, `ja.mixed_politeness`…, listed in docs/products/speak.md) or `model` for a correction proposed by a configured model. */
            rule: string;
            /** @description Where `original` starts in the message's `content`, in UTF-16 code units (a JavaScript string index). */
            start: number;
            /** @description Where it ends (exclusive), in UTF-16 code units. */
            end: number;
            /** @description The text at `start`…`end`. */
            original: string;
            /** @description What to write instead. */
            suggestion: string;
            /** @description Why, in English. */
            explanation: string;
            /**
             * @description `heuristic`: a deterministic rule of the built-in checker (no model judged it); `model`: proposed by the configured language model.
             * @enum {string}
             */
            method: "heuristic" | "model";
        };
        /**
         * SpeakLanguagePair
         * @description The languages of a conversation or script.
         * @example {
         *       "native": "ja",
         *       "target": "en"
         *     }
         */
        SpeakLanguagePair: {
            /**
             * @description The language the learner speaks. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
             * @example ja
             */
            native: string;
            /**
             * @description The language being learned. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
             * @example en
             */
            target: string;
        };
        /**
         * SpeakLanguageSetting
         * @description The learner's settings and totals for one language.
         * @example {
         *       "languageCode": "en",
         *       "proficiencyLevel": "intermediate",
         *       "learningGoals": [
         *         "business meetings",
         *         "travel"
         *       ],
         *       "dailyTargetMinutes": 30,
         *       "preferredVoice": "en-us",
         *       "speechRate": 1,
         *       "totalLearningMinutes": 42,
         *       "totalConversations": 7,
         *       "vocabularyMastered": 180,
         *       "createdAt": "2026-11-01T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T12:00:00.000Z"
         *     }
         */
        SpeakLanguageSetting: {
            /**
             * @description The language these settings are for. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
             * @example en
             */
            languageCode: string;
            /**
             * @description How well the learner knows the language, from `beginner` to `native`.
             * @enum {string}
             */
            proficiencyLevel: "beginner" | "elementary" | "intermediate" | "advanced" | "native";
            /** @description What the learner wants the language for. */
            learningGoals: string[];
            /**
             * @description Minutes a day the learner aims for.
             * @example 30
             */
            dailyTargetMinutes: number;
            /** @description The partner's voice; null: the language's default voice. */
            preferredVoice: ("en-us" | "en-gb" | "ja" | "es" | "es-419" | "fr-fr" | "de" | "it" | "ko" | "cmn" | "pt-br" | "pt" | "nl" | "ru" | "vi") | null;
            /**
             * @description How fast the partner's voice speaks, 0.5 to 2.0, kept to one decimal (1.0 = 175 words a minute).
             * @example 1
             */
            speechRate: number;
            /** @description Minutes of ended conversations in this language (whole minutes, rounded down). */
            totalLearningMinutes: number;
            /** @description Ended conversations in this language. */
            totalConversations: number;
            /** @description Different words the learner has used in this language. */
            vocabularyMastered: number;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * SpeakLanguageSettingList
         * @description A page of SpeakLanguageSetting objects.
         * @example {
         *       "data": [
         *         {
         *           "languageCode": "en",
         *           "proficiencyLevel": "intermediate",
         *           "learningGoals": [
         *             "business meetings",
         *             "travel"
         *           ],
         *           "dailyTargetMinutes": 30,
         *           "preferredVoice": "en-us",
         *           "speechRate": 1,
         *           "totalLearningMinutes": 42,
         *           "totalConversations": 7,
         *           "vocabularyMastered": 180,
         *           "createdAt": "2026-11-01T09:00:00.000Z",
         *           "updatedAt": "2026-11-30T12:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        SpeakLanguageSettingList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["SpeakLanguageSetting"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * SpeakLanguageSettingRequest
         * @description The settings: fields left out take their defaults (no goals, 30 minutes, default voice, rate 1.0). Totals are kept.
         * @example {
         *       "proficiencyLevel": "intermediate",
         *       "learningGoals": [
         *         "travel"
         *       ],
         *       "dailyTargetMinutes": 30,
         *       "preferredVoice": "en-us",
         *       "speechRate": 1.2
         *     }
         */
        SpeakLanguageSettingRequest: {
            /**
             * @description How well the learner knows the language, from `beginner` to `native`.
             * @enum {string}
             */
            proficiencyLevel: "beginner" | "elementary" | "intermediate" | "advanced" | "native";
            /** @description What the learner wants the language for. */
            learningGoals?: string[];
            /**
             * @description Minutes a day the learner aims for.
             * @example 30
             */
            dailyTargetMinutes?: number;
            /** @description The partner's voice; null: the language's default voice. */
            preferredVoice?: ("en-us" | "en-gb" | "ja" | "es" | "es-419" | "fr-fr" | "de" | "it" | "ko" | "cmn" | "pt-br" | "pt" | "nl" | "ru" | "vi") | null;
            /**
             * @description How fast the partner's voice speaks, 0.5 to 2.0, kept to one decimal (1.0 = 175 words a minute).
             * @example 1
             */
            speechRate?: number;
        };
        /**
         * SpeakLearningTime
         * @description When the learner prefers to study, in their timezone.
         * @example {
         *       "start": "09:00",
         *       "end": "10:00"
         *     }
         */
        SpeakLearningTime: {
            /**
             * @description From, in the learner's timezone. `HH:MM`.
             * @example 09:00
             */
            start: string;
            /**
             * @description Until. `HH:MM`.
             * @example 10:00
             */
            end: string;
        };
        /**
         * SpeakMessage
         * @description One message of a conversation.
         * @example {
         *       "id": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "conversationId": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
         *       "type": "user_speech",
         *       "isAi": false,
         *       "content": "Can I have a latte please",
         *       "language": "en",
         *       "translatedContent": {
         *         "ja": "ラテをお願いできますか。"
         *       },
         *       "translationSource": "script",
         *       "audioFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "audioUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "audioDurationMs": 2140,
         *       "scriptSegment": 2,
         *       "pronunciationAnalysis": {
         *         "method": "transcript_similarity",
         *         "expected": "Can I have a latte, please?",
         *         "similarity": 1
         *       },
         *       "grammarCorrections": [],
         *       "vocabularyHighlights": [
         *         "latte"
         *       ],
         *       "replyTo": null,
         *       "createdAt": "2026-11-30T12:00:05.000Z"
         *     }
         */
        SpeakMessage: {
            /**
             * Format: uuid
             * @description The message's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The conversation it belongs to.
             */
            conversationId: string;
            /**
             * @description `user_speech`: the learner's turn; `ai_response`: the partner's reply; `script_suggestion`: the learner's next script line; `system`: a note from the service.
             * @enum {string}
             */
            type: "user_speech" | "ai_response" | "script_suggestion" | "system";
            /** @description Whether the service wrote it. */
            isAi: boolean;
            /** @description The text: a transcript, a reply or a suggestion. */
            content: string;
            /** @description Its language code. */
            language: string;
            /** @description The text in the learner's native language, keyed by its language code; null when the translator has none. The built-in translator invents nothing: it knows only the catalogue scripts' own lines (stored translations written with the scripts), so free text stays untranslated unless a translation model is configured. */
            translatedContent: {
                [key: string]: string;
            } | null;
            /**
             * @description Where `translatedContent` comes from: `script` (a catalogue line's stored translation, matched on the same words) or `model:<model>` (the configured translation model); null without a translation.
             * @example script
             */
            translationSource: string | null;
            /** @description Its audio: the learner's recording or the voiced reply (private file). */
            audioFileId: string | null;
            /** @description Where to download the audio (authenticated, ranged). */
            audioUrl: string | null;
            /** @description The audio's measured length. */
            audioDurationMs: number | null;
            /** @description The script segment it stands for. */
            scriptSegment: number | null;
            /** @description For learner lines of a script. */
            pronunciationAnalysis: components["schemas"]["SpeakPronunciationAnalysis"] | null;
            /** @description For a learner turn: the grammar checker's corrections, `[]` when it found nothing; null when it was not checked (the turn's language has no rules, the checker failed, or the message is not the learner's). The built-in checker is a heuristic: a short list of deterministic rules for English and Japanese, which finds some errors and misses most. */
            grammarCorrections: components["schemas"]["SpeakGrammarCorrection"][] | null;
            /** @description The phrases of the script's vocabulary focus it uses, as whole words (learner turns and partner lines of a scripted conversation); null without a script. */
            vocabularyHighlights: string[] | null;
            /** @description For a reply or suggestion: the learner message it answers. */
            replyTo: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * SpeakMessageList
         * @description A page of SpeakMessage objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *           "conversationId": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
         *           "type": "user_speech",
         *           "isAi": false,
         *           "content": "Can I have a latte please",
         *           "language": "en",
         *           "translatedContent": {
         *             "ja": "ラテをお願いできますか。"
         *           },
         *           "translationSource": "script",
         *           "audioFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "audioUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "audioDurationMs": 2140,
         *           "scriptSegment": 2,
         *           "pronunciationAnalysis": {
         *             "method": "transcript_similarity",
         *             "expected": "Can I have a latte, please?",
         *             "similarity": 1
         *           },
         *           "grammarCorrections": [],
         *           "vocabularyHighlights": [
         *             "latte"
         *           ],
         *           "replyTo": null,
         *           "createdAt": "2026-11-30T12:00:05.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        SpeakMessageList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["SpeakMessage"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * SpeakMicrophoneQuota
         * @description The monthly microphone quota, in minutes as sold and in the seconds metered.
         * @example {
         *       "plan": "free",
         *       "limitMinutes": 60,
         *       "usedMinutes": 1.6,
         *       "usedSeconds": 95,
         *       "remainingSeconds": 3505,
         *       "resetsAt": "2026-12-01T00:00:00.000Z"
         *     }
         */
        SpeakMicrophoneQuota: {
            /** @description The speak plan. */
            plan: string;
            /** @description The month's minutes; null when unlimited. */
            limitMinutes: number | null;
            /** @description Minutes used this month, to one decimal (seconds ÷ 60). */
            usedMinutes: number;
            /** @description Seconds used this month: what is metered. */
            usedSeconds: number;
            /** @description Seconds left; null when unlimited. */
            remainingSeconds: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            resetsAt: string;
        };
        /**
         * SpeakNewConversation
         * @description Without a script, `languagePair` (or the profile's current pair) says the languages. A premium script needs a paid speak plan (402 `plan_required`).
         * @example {
         *       "scriptId": "6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b"
         *     }
         */
        SpeakNewConversation: {
            /**
             * Format: uuid
             * @description Follow this script: its pair, scenario and difficulty are used.
             * @example 6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b
             */
            scriptId?: string;
            /** @description The languages of a conversation or script. */
            languagePair?: components["schemas"]["SpeakLanguagePair"];
            /**
             * @description The situation; `free_talk` by default. Lower-case letters, digits and `_`, up to 40 characters.
             * @example restaurant
             */
            scenario?: string;
            /**
             * @description A field. Lower-case letters, digits and `_`, up to 40 characters.
             * @example business
             */
            specialization?: string;
            /**
             * @description From 1 to 10; 3 by default.
             * @example 3
             */
            difficultyLevel?: number;
            /**
             * @description A label.
             * @example Coffee practice
             */
            title?: string;
        };
        /**
         * SpeakNewMessage
         * @description A learner turn: `text`, and `audioFileId` when it was spoken. Audio without text needs a transcriber, which this server does not have (400).
         * @example {
         *       "text": "Can I have a latte please",
         *       "audioFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
         *     }
         */
        SpeakNewMessage: {
            /**
             * @description What the learner said: a transcript (e.g. from the Web Speech API) or typed text.
             * @example Can I have a latte please
             */
            text?: string;
            /**
             * Format: uuid
             * @description The recording, uploaded with `POST /v1/files` (WAV, MP3, OGG, WebM or M4A). Its duration is measured by the service and spent from the microphone quota.
             * @example 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
             */
            audioFileId?: string;
        };
        /**
         * SpeakNewScript
         * @description A learner's own script: private to them.
         * @example {
         *       "title": "Ordering ramen",
         *       "languagePair": {
         *         "native": "en",
         *         "target": "ja"
         *       },
         *       "scenario": "restaurant",
         *       "difficultyLevel": 2,
         *       "segments": [
         *         {
         *           "order": 1,
         *           "speaker": "ai",
         *           "text": "いらっしゃいませ。",
         *           "alternatives": []
         *         },
         *         {
         *           "order": 2,
         *           "speaker": "user",
         *           "text": "ラーメンをください。",
         *           "alternatives": [
         *             "ラーメンをお願いします。"
         *           ]
         *         }
         *       ],
         *       "category": "daily_life",
         *       "tags": [
         *         "food"
         *       ]
         *     }
         */
        SpeakNewScript: {
            /**
             * @description What the script is about.
             * @example Ordering ramen
             */
            title: string;
            /**
             * @description A sentence about it.
             * @example Order at a ramen shop.
             */
            description?: string;
            /** @description The languages of a conversation or script. */
            languagePair: components["schemas"]["SpeakLanguagePair"];
            /**
             * @description The situation. Lower-case letters, digits and `_`, up to 40 characters.
             * @example restaurant
             */
            scenario: string;
            /**
             * @description From 1 (first words) to 10 (near native).
             * @example 3
             */
            difficultyLevel: number;
            /**
             * @description About how long it takes.
             * @example 5
             */
            estimatedDurationMinutes?: number;
            /** @description The lines; `order` must run 1, 2, 3… and at least one must be the learner's. */
            segments: components["schemas"]["SpeakScriptSegment"][];
            /** @description A note on customs. */
            culturalNotes?: string[];
            /** @description A word or phrase practised. */
            vocabularyFocus?: string[];
            /**
             * @description A broad group. Lower-case letters, digits and `_`, up to 40 characters.
             * @example daily_life
             */
            category: string;
            /** @description Tags to filter by. */
            tags?: string[];
            /**
             * @description A field. Lower-case letters, digits and `_`, up to 40 characters.
             * @example business
             */
            specialization?: string;
        };
        /**
         * SpeakPreferences
         * @description How the learner wants the app to behave.
         * @example {
         *       "notifications": true,
         *       "emailUpdates": false,
         *       "showPronunciationGuide": true,
         *       "autoPlayResponses": true
         *     }
         */
        SpeakPreferences: {
            /** @description Reminders to practise. */
            notifications: boolean;
            /** @description Progress summaries by email. */
            emailUpdates: boolean;
            /** @description Show pronunciation hints beside replies. */
            showPronunciationGuide: boolean;
            /** @description Play the partner's voice reply as soon as it is ready. */
            autoPlayResponses: boolean;
        };
        /**
         * SpeakProfile
         * @description The calling account's learner profile.
         * @example {
         *       "nativeLanguage": "ja",
         *       "targetLanguages": [
         *         "en",
         *         "es"
         *       ],
         *       "currentLanguagePair": {
         *         "native": "ja",
         *         "target": "en"
         *       },
         *       "proficiencyLevels": {
         *         "en": "intermediate",
         *         "es": "beginner"
         *       },
         *       "timezone": "Asia/Tokyo",
         *       "preferredLearningTime": {
         *         "start": "21:00",
         *         "end": "22:00"
         *       },
         *       "learningStyle": "auditory",
         *       "preferences": {
         *         "notifications": true,
         *         "emailUpdates": false,
         *         "showPronunciationGuide": true,
         *         "autoPlayResponses": true
         *       },
         *       "lastActiveAt": "2026-11-30T12:00:00.000Z",
         *       "createdAt": "2026-11-01T09:00:00.000Z",
         *       "updatedAt": "2026-11-30T12:00:00.000Z"
         *     }
         */
        SpeakProfile: {
            /**
             * @description The language the learner speaks natively. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
             * @example ja
             */
            nativeLanguage: string;
            /** @description The languages the learner studies. */
            targetLanguages: string[];
            /** @description The pair new conversations use when they name none; null until chosen. */
            currentLanguagePair: components["schemas"]["SpeakLanguagePair"] | null;
            /** @description Proficiency per language code. */
            proficiencyLevels: {
                [key: string]: "beginner" | "elementary" | "intermediate" | "advanced" | "native";
            };
            /**
             * @description An IANA time zone (`Asia/Tokyo`): study days and streaks are counted in it.
             * @example Asia/Tokyo
             */
            timezone: string;
            /** @description When the learner likes to study. */
            preferredLearningTime: components["schemas"]["SpeakLearningTime"] | null;
            /** @description How the learner learns best. */
            learningStyle: ("visual" | "auditory" | "kinesthetic") | null;
            /** @description How the learner wants the app to behave. */
            preferences: components["schemas"]["SpeakPreferences"];
            /**
             * Format: date-time
             * @description The last time the learner did anything in speak.
             */
            lastActiveAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * SpeakProfileRequest
         * @description The whole profile: fields left out take their defaults (no target languages, no current pair, `UTC`, every preference on except email updates).
         * @example {
         *       "nativeLanguage": "ja",
         *       "targetLanguages": [
         *         "en",
         *         "es"
         *       ],
         *       "currentLanguagePair": {
         *         "native": "ja",
         *         "target": "en"
         *       },
         *       "proficiencyLevels": {
         *         "en": "intermediate",
         *         "es": "beginner"
         *       },
         *       "timezone": "Asia/Tokyo",
         *       "preferredLearningTime": {
         *         "start": "21:00",
         *         "end": "22:00"
         *       },
         *       "learningStyle": "auditory",
         *       "preferences": {
         *         "notifications": true,
         *         "emailUpdates": false,
         *         "showPronunciationGuide": true,
         *         "autoPlayResponses": true
         *       }
         *     }
         */
        SpeakProfileRequest: {
            /**
             * @description The language the learner speaks natively. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
             * @example ja
             */
            nativeLanguage: string;
            /** @description The languages the learner studies. */
            targetLanguages?: string[];
            /** @description The pair new conversations use when they name none; null until chosen. */
            currentLanguagePair?: components["schemas"]["SpeakLanguagePair"] | null;
            /** @description Proficiency per language code. */
            proficiencyLevels?: {
                [key: string]: "beginner" | "elementary" | "intermediate" | "advanced" | "native";
            };
            /**
             * @description An IANA time zone (`Asia/Tokyo`): study days and streaks are counted in it.
             * @example Asia/Tokyo
             */
            timezone?: string;
            /** @description When the learner likes to study. */
            preferredLearningTime?: components["schemas"]["SpeakLearningTime"] | null;
            /** @description How the learner learns best. */
            learningStyle?: ("visual" | "auditory" | "kinesthetic") | null;
            /** @description How the learner wants the app to behave. */
            preferences?: components["schemas"]["SpeakPreferences"];
        };
        /**
         * SpeakProgress
         * @description Progress in one language.
         * @example {
         *       "languageCode": "en",
         *       "speakingLevel": 81.2,
         *       "listeningLevel": 74,
         *       "vocabularySize": 180,
         *       "grammarAccuracy": 88.5,
         *       "pronunciationAccuracy": 90.1,
         *       "fluencyScore": 72.4,
         *       "studyMinutes": 95,
         *       "consecutiveDays": 4,
         *       "lastStudyDate": "2026-11-30",
         *       "weeklyGoalMinutes": 210,
         *       "weeklyAchievedMinutes": 64,
         *       "weekStart": "2026-11-30",
         *       "topicMastery": {
         *         "cafe": 0.9,
         *         "hotel": 0.7
         *       },
         *       "updatedAt": "2026-11-30T12:06:00.000Z"
         *     }
         */
        SpeakProgress: {
            /**
             * @description The language. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
             * @example en
             */
            languageCode: string;
            /** @description Mean overall score of the last 30 days. 0–100, a heuristic (docs: Scores). */
            speakingLevel: number;
            /** @description Mean script adherence of the last 30 days (following the partner). 0–100, a heuristic (docs: Scores). */
            listeningLevel: number;
            /** @description Different words used in the language. */
            vocabularySize: number;
            /** @description Mean accuracy score of the last 30 days. 0–100, a heuristic (docs: Scores). */
            grammarAccuracy: number;
            /** @description Mean pronunciation score of the last 30 days. 0–100, a heuristic (docs: Scores). */
            pronunciationAccuracy: number;
            /** @description Mean fluency score of the last 30 days. 0–100, a heuristic (docs: Scores). */
            fluencyScore: number;
            /** @description Minutes of ended conversations (rounded down). */
            studyMinutes: number;
            /** @description Days in a row with an ended conversation, in the learner's timezone. */
            consecutiveDays: number;
            /** @description The last such day. */
            lastStudyDate: string | null;
            /** @description The goal for a week (210 by default). */
            weeklyGoalMinutes: number;
            /** @description Minutes in the week starting `weekStart`. */
            weeklyAchievedMinutes: number;
            /** @description The Monday of the current week, in the learner's timezone. */
            weekStart: string | null;
            /** @description Per scenario: the best script adherence reached (0–1). */
            topicMastery: {
                [key: string]: number;
            };
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * SpeakProgressList
         * @description A page of SpeakProgress objects.
         * @example {
         *       "data": [
         *         {
         *           "languageCode": "en",
         *           "speakingLevel": 81.2,
         *           "listeningLevel": 74,
         *           "vocabularySize": 180,
         *           "grammarAccuracy": 88.5,
         *           "pronunciationAccuracy": 90.1,
         *           "fluencyScore": 72.4,
         *           "studyMinutes": 95,
         *           "consecutiveDays": 4,
         *           "lastStudyDate": "2026-11-30",
         *           "weeklyGoalMinutes": 210,
         *           "weeklyAchievedMinutes": 64,
         *           "weekStart": "2026-11-30",
         *           "topicMastery": {
         *             "cafe": 0.9,
         *             "hotel": 0.7
         *           },
         *           "updatedAt": "2026-11-30T12:06:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        SpeakProgressList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["SpeakProgress"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * SpeakPronunciationAnalysis
         * @description How a learner line compares with the script (a heuristic).
         * @example {
         *       "method": "transcript_similarity",
         *       "expected": "Can I have a latte, please?",
         *       "similarity": 0.93
         *     }
         */
        SpeakPronunciationAnalysis: {
            /**
             * @description A heuristic: how close the recognised transcript is to the expected line (no acoustic model).
             * @constant
             */
            method: "transcript_similarity";
            /** @description The script line (or accepted alternative) it was compared with. */
            expected: string;
            /** @description 1 − edit distance ÷ the longer length, over normalised text. */
            similarity: number;
        };
        /**
         * SpeakReplyJob
         * @description A `speak.reply` job.
         * @example {
         *       "id": "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
         *       "type": "speak.reply",
         *       "status": "succeeded",
         *       "progress": 100,
         *       "result": {
         *         "messageId": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *         "audioFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *         "suggestionMessageId": null
         *       },
         *       "error": null,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:04.000Z",
         *       "finishedAt": "2026-11-23T09:00:04.000Z"
         *     }
         */
        SpeakReplyJob: {
            /**
             * Format: uuid
             * @description The job's id.
             */
            id: string;
            /**
             * @description Where the job is in its life; the last three are final.
             *
             *     - `queued`: Waiting for a worker, also between retries.
             *     - `running`: A worker is on it; `progress` moves from 0 to 100.
             *     - `succeeded`: Done: `result` holds what it made. Final.
             *     - `failed`: Gave up: `error` says why, and what it reserved is refunded. Final.
             *     - `canceled`: Stopped on request before it finished; what it reserved is refunded. Final.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /** @description Percent done, 0 to 100. */
            progress: number;
            /** @description Why a failed job failed; null otherwise. */
            error: components["schemas"]["JobError"] | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description When it reached a final status. */
            finishedAt: string | null;
            /**
             * @description What the job does: `<module>.<task>`.
             * @constant
             */
            type: "speak.reply";
            /** @description What the job produced once `succeeded`; null before and on any other final status. */
            result: components["schemas"]["SpeakReplyResult"] | null;
        };
        /**
         * SpeakReplyResult
         * @description The result of a succeeded `speak.reply` job.
         * @example {
         *       "messageId": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *       "audioFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "suggestionMessageId": null
         *     }
         */
        SpeakReplyResult: {
            /**
             * Format: uuid
             * @description The `ai_response` message.
             */
            messageId: string;
            /** @description The voiced reply, a WAV file (`GET /v1/files/{id}`); null when it could not be voiced. */
            audioFileId: string | null;
            /** @description The `script_suggestion` message with the learner's next line, when a script has one. */
            suggestionMessageId: string | null;
        };
        /**
         * SpeakScript
         * @description A conversation script.
         * @example {
         *       "id": "6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b",
         *       "title": "Ordering coffee at a café",
         *       "description": "Order a drink, choose a size and pay.",
         *       "languagePair": {
         *         "native": "ja",
         *         "target": "en"
         *       },
         *       "scenario": "cafe",
         *       "difficultyLevel": 1,
         *       "estimatedDurationMinutes": 5,
         *       "segments": [
         *         {
         *           "order": 1,
         *           "speaker": "ai",
         *           "text": "Hi there! What can I get for you today?",
         *           "alternatives": []
         *         },
         *         {
         *           "order": 2,
         *           "speaker": "user",
         *           "text": "Can I have a latte, please?",
         *           "alternatives": [
         *             "A latte, please."
         *           ]
         *         }
         *       ],
         *       "culturalNotes": [
         *         "In North America a tip jar is common at cafés; tipping is optional."
         *       ],
         *       "vocabularyFocus": [
         *         "latte",
         *         "medium"
         *       ],
         *       "category": "daily_life",
         *       "tags": [
         *         "food",
         *         "travel"
         *       ],
         *       "specialization": null,
         *       "isPremium": false,
         *       "visibility": "public",
         *       "mine": false,
         *       "usageCount": 12,
         *       "averageRating": 4.5,
         *       "completionRate": 0.75,
         *       "createdAt": "2026-11-01T09:00:00.000Z"
         *     }
         */
        SpeakScript: {
            /**
             * Format: uuid
             * @description The script's id.
             */
            id: string;
            /** @description What the script is about. */
            title: string;
            /** @description A sentence for the catalogue. */
            description: string | null;
            /** @description The languages of a conversation or script. */
            languagePair: components["schemas"]["SpeakLanguagePair"];
            /** @description The situation, e.g. `restaurant`. */
            scenario: string;
            /**
             * @description From 1 (first words) to 10 (near native).
             * @example 3
             */
            difficultyLevel: number;
            /** @description About how long it takes. */
            estimatedDurationMinutes: number | null;
            /** @description The lines, in order. */
            segments: components["schemas"]["SpeakScriptSegment"][];
            /** @description Notes on customs the scene involves. */
            culturalNotes: string[];
            /** @description Words and phrases the script practises. */
            vocabularyFocus: string[];
            /** @description A broad group, e.g. `travel` or `business`. */
            category: string;
            /** @description Tags to filter by. */
            tags: string[];
            /** @description A field, e.g. `medical` or `business`. */
            specialization: string | null;
            /** @description Only accounts on a paid speak plan may start it (402 `plan_required`). */
            isPremium: boolean;
            /**
             * @description `public`: the catalogue; `private`: a learner's own.
             * @enum {string}
             */
            visibility: "public" | "private";
            /** @description Whether the caller wrote it. */
            mine: boolean;
            /** @description Conversations started with it. */
            usageCount: number;
            /** @description Mean rating (1–5) learners gave when ending a conversation with it; null before the first. */
            averageRating: number | null;
            /** @description Share of conversations started with it that were ended; null before the first. */
            completionRate: number | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * SpeakScriptList
         * @description A page of SpeakScript objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b",
         *           "title": "Ordering coffee at a café",
         *           "description": "Order a drink, choose a size and pay.",
         *           "languagePair": {
         *             "native": "ja",
         *             "target": "en"
         *           },
         *           "scenario": "cafe",
         *           "difficultyLevel": 1,
         *           "estimatedDurationMinutes": 5,
         *           "segments": [
         *             {
         *               "order": 1,
         *               "speaker": "ai",
         *               "text": "Hi there! What can I get for you today?",
         *               "alternatives": []
         *             },
         *             {
         *               "order": 2,
         *               "speaker": "user",
         *               "text": "Can I have a latte, please?",
         *               "alternatives": [
         *                 "A latte, please."
         *               ]
         *             }
         *           ],
         *           "culturalNotes": [
         *             "In North America a tip jar is common at cafés; tipping is optional."
         *           ],
         *           "vocabularyFocus": [
         *             "latte",
         *             "medium"
         *           ],
         *           "category": "daily_life",
         *           "tags": [
         *             "food",
         *             "travel"
         *           ],
         *           "specialization": null,
         *           "isPremium": false,
         *           "visibility": "public",
         *           "mine": false,
         *           "usageCount": 12,
         *           "averageRating": 4.5,
         *           "completionRate": 0.75,
         *           "createdAt": "2026-11-01T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        SpeakScriptList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["SpeakScript"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * SpeakScriptSegment
         * @description One line of a script.
         * @example {
         *       "order": 2,
         *       "speaker": "user",
         *       "text": "Can I have a latte, please?",
         *       "alternatives": [
         *         "A latte, please."
         *       ]
         *     }
         */
        SpeakScriptSegment: {
            /** @description Position in the script, from 1. */
            order: number;
            /**
             * @description `ai`: the partner says it; `user`: the learner should.
             * @enum {string}
             */
            speaker: "ai" | "user";
            /**
             * @description What is said.
             * @example Can I have a latte, please?
             */
            text: string;
            /** @description Other lines accepted for a learner segment (scored as equally right). */
            alternatives: string[];
        };
        /**
         * SpeakTurn
         * @description The learner's message as stored, and the `speak.reply` job writing the partner's reply (also streamed on the conversation's events).
         * @example {
         *       "message": {
         *         "id": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
         *         "conversationId": "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
         *         "type": "user_speech",
         *         "isAi": false,
         *         "content": "Can I have a latte please",
         *         "language": "en",
         *         "translatedContent": {
         *           "ja": "ラテをお願いできますか。"
         *         },
         *         "translationSource": "script",
         *         "audioFileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *         "audioUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *         "audioDurationMs": 2140,
         *         "scriptSegment": 2,
         *         "pronunciationAnalysis": {
         *           "method": "transcript_similarity",
         *           "expected": "Can I have a latte, please?",
         *           "similarity": 1
         *         },
         *         "grammarCorrections": [],
         *         "vocabularyHighlights": [
         *           "latte"
         *         ],
         *         "replyTo": null,
         *         "createdAt": "2026-11-30T12:00:05.000Z"
         *       },
         *       "job": {
         *         "id": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *         "type": "speak.reply",
         *         "status": "queued",
         *         "progress": 0,
         *         "result": null,
         *         "error": null,
         *         "createdAt": "2026-11-30T12:00:05.000Z",
         *         "updatedAt": "2026-11-30T12:00:05.000Z",
         *         "finishedAt": null
         *       },
         *       "eventId": 4
         *     }
         */
        SpeakTurn: {
            /** @description One message of a conversation. */
            message: components["schemas"]["SpeakMessage"];
            /** @description Asynchronous work and where it stands. `type` says which job it is, and so the shape of its `result` once it succeeded. */
            job: components["schemas"]["Job"];
            /**
             * @description The id of this turn's `message` event on the conversation's stream: follow `GET …/events` with `Last-Event-ID` set to it to read only what comes after (the reply's `delta`s, its messages, then `replied` or `failed`).
             * @example 4
             */
            eventId: number;
        };
        /**
         * SpeakUsageList
         * @description A page of usage periods, and the microphone quota now.
         * @example {
         *       "data": [
         *         {
         *           "period": "2026-11-30T12:00:00.000Z",
         *           "microphoneSeconds": 95,
         *           "conversations": 2,
         *           "messages": 9,
         *           "languageBreakdown": {
         *             "en": 95
         *           },
         *           "featureUsage": {
         *             "audio_turn": 5,
         *             "text_turn": 4,
         *             "script_conversation": 1
         *           }
         *         }
         *       ],
         *       "nextCursor": null,
         *       "microphone": {
         *         "plan": "free",
         *         "limitMinutes": 60,
         *         "usedMinutes": 1.6,
         *         "usedSeconds": 95,
         *         "remainingSeconds": 3505,
         *         "resetsAt": "2026-12-01T00:00:00.000Z"
         *       }
         *     }
         */
        SpeakUsageList: {
            /** @description Periods with activity, newest first. */
            data: components["schemas"]["SpeakUsagePeriod"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
            /** @description The monthly microphone quota, in minutes as sold and in the seconds metered. */
            microphone: components["schemas"]["SpeakMicrophoneQuota"];
        };
        /**
         * SpeakUsagePeriod
         * @description Usage in one hour or day.
         * @example {
         *       "period": "2026-11-30T12:00:00.000Z",
         *       "microphoneSeconds": 95,
         *       "conversations": 2,
         *       "messages": 9,
         *       "languageBreakdown": {
         *         "en": 95
         *       },
         *       "featureUsage": {
         *         "audio_turn": 5,
         *         "text_turn": 4,
         *         "script_conversation": 1
         *       }
         *     }
         */
        SpeakUsagePeriod: {
            /**
             * Format: date-time
             * @description The start of the hour or UTC day.
             */
            period: string;
            /** @description Measured audio spent from the quota. */
            microphoneSeconds: number;
            /** @description Conversations started. */
            conversations: number;
            /** @description Learner turns sent. */
            messages: number;
            /** @description Microphone seconds per language code. */
            languageBreakdown: {
                [key: string]: number;
            };
            /** @description Uses per feature: `audio_turn`, `text_turn`, `script_conversation`, `free_conversation`. */
            featureUsage: {
                [key: string]: number;
            };
        };
        /**
         * StickerEffects
         * @description Which effects the sticker has.
         * @example {
         *       "sparkle": true,
         *       "glow": true,
         *       "holo": false
         *     }
         */
        StickerEffects: {
            /** @description Four-pointed glints scattered over the card, more on rarer ones. */
            sparkle: boolean;
            /** @description A soft halo around the character and the lettering. */
            glow: boolean;
            /** @description A hologram sheen: a rainbow wash with diagonal shimmer lines. */
            holo: boolean;
        };
        /**
         * StickerImage
         * @description A rendered sticker: what was asked for, and the image once it is drawn.
         * @example {
         *       "id": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
         *       "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *       "fileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "imageUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "contentType": "image/svg+xml",
         *       "width": 600,
         *       "height": 840,
         *       "title": "スーパーゼウス",
         *       "characterName": "ヘッドロココ",
         *       "attribute": "holy",
         *       "rarity": "secret",
         *       "backgroundColor": "#3a7bd5",
         *       "effects": {
         *         "sparkle": true,
         *         "glow": true,
         *         "holo": true
         *       },
         *       "style": {
         *         "frame": "ornate",
         *         "pattern": "rays"
         *       },
         *       "sourceImageFileId": null,
         *       "prompt": "Bikkuriman-style collectible sticker, secret rarity, holy attribute: title \"スーパーゼウス\", character \"ヘッドロココ\", background #3a7bd5, ornate frame, rays pattern, effects: sparkle, glow, holo",
         *       "generator": "procedural-svg/sticker",
         *       "createdAt": "2026-11-23T09:00:01.000Z"
         *     }
         */
        StickerImage: {
            /**
             * Format: uuid
             * @description The sticker image's id.
             */
            id: string;
            /** @description The job (task) that rendered it; null once the job is deleted: finished jobs are deleted 7 days after they were created. */
            jobId: string | null;
            /**
             * Format: uuid
             * @description The image file: `GET /v1/files/{fileId}`.
             */
            fileId: string;
            /** @description Where to download the image, relative to the API. */
            imageUrl: string;
            /**
             * @description The image's media type, as the request's `format` asked.
             * @enum {string}
             */
            contentType: "image/svg+xml" | "image/png";
            /** @description Width in pixels. */
            width: number;
            /** @description Height in pixels. */
            height: number;
            /** @description The title on the banner at the top. */
            title: string;
            /** @description The name on the plate under the character. */
            characterName: string;
            /**
             * @description The elemental camp, drawn as the emblem and the colour of the info bar.
             * @enum {string}
             */
            attribute: "fire" | "water" | "wind" | "earth" | "thunder" | "light" | "dark" | "holy";
            /**
             * @description The frame foil.
             *
             *     - `common`: A plain frame.
             *     - `rare`: A silver foil frame.
             *     - `super_rare`: A gold foil frame.
             *     - `secret`: A holographic prism gradient frame.
             * @enum {string}
             */
            rarity: "common" | "rare" | "super_rare" | "secret";
            /** @description `#rrggbb`, lower case. */
            backgroundColor: string;
            /** @description Which effects the sticker has. */
            effects: components["schemas"]["StickerEffects"];
            /** @description The frame and background pattern of the sticker. */
            style: components["schemas"]["StickerStyle"];
            /** @description The uploaded file drawn in the portrait window; null when a character was generated. */
            sourceImageFileId: string | null;
            /** @description The request as one line of text, what a hosted model would be asked. */
            prompt: string;
            /** @description The generator that drew it, e.g. `procedural-svg/sticker`. */
            generator: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
        };
        /**
         * StickerImageCreation
         * @description Either the cached image (201) or the job that renders it (202).
         * @example {
         *       "image": null,
         *       "job": {
         *         "id": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *         "type": "stickers.render",
         *         "status": "queued",
         *         "progress": 0,
         *         "result": null,
         *         "error": null,
         *         "createdAt": "2026-11-23T09:00:00.000Z",
         *         "updatedAt": "2026-11-23T09:00:00.000Z",
         *         "finishedAt": null
         *       }
         *     }
         */
        StickerImageCreation: {
            /** @description The image, at once (201), when the prompt cache holds this request; null while a job draws it. */
            image: components["schemas"]["StickerImage"] | null;
            /** @description The task drawing the image (202): follow it with `GET /v1/jobs/{id}` or its events; when it succeeds its `result.imageId` names the image. Null on a cache hit. */
            job: components["schemas"]["Job"] | null;
        };
        /**
         * StickerImageList
         * @description A page of StickerImage objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
         *           "jobId": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
         *           "fileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "imageUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *           "contentType": "image/svg+xml",
         *           "width": 600,
         *           "height": 840,
         *           "title": "スーパーゼウス",
         *           "characterName": "ヘッドロココ",
         *           "attribute": "holy",
         *           "rarity": "secret",
         *           "backgroundColor": "#3a7bd5",
         *           "effects": {
         *             "sparkle": true,
         *             "glow": true,
         *             "holo": true
         *           },
         *           "style": {
         *             "frame": "ornate",
         *             "pattern": "rays"
         *           },
         *           "sourceImageFileId": null,
         *           "prompt": "Bikkuriman-style collectible sticker, secret rarity, holy attribute: title \"スーパーゼウス\", character \"ヘッドロココ\", background #3a7bd5, ornate frame, rays pattern, effects: sparkle, glow, holo",
         *           "generator": "procedural-svg/sticker",
         *           "createdAt": "2026-11-23T09:00:01.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        StickerImageList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["StickerImage"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * StickerRequest
         * @description What to draw. Requests that differ only in letter case of the colour, spacing inside the lettering, key order or effects set to false are the same request, and share one cache entry.
         * @example {
         *       "title": "スーパーゼウス",
         *       "characterName": "ヘッドロココ",
         *       "attribute": "holy",
         *       "rarity": "secret",
         *       "backgroundColor": "#3A7BD5",
         *       "effects": {
         *         "sparkle": true,
         *         "glow": true,
         *         "holo": true
         *       },
         *       "style": {
         *         "frame": "ornate",
         *         "pattern": "rays"
         *       }
         *     }
         */
        StickerRequest: {
            /** @description The title on the banner at the top. Up to 28 characters, Japanese welcome. */
            title: string;
            /** @description The name on the plate under the character. Up to 22 characters, Japanese welcome. */
            characterName: string;
            /**
             * @description The elemental camp, drawn as the emblem and the colour of the info bar.
             * @enum {string}
             */
            attribute: "fire" | "water" | "wind" | "earth" | "thunder" | "light" | "dark" | "holy";
            /**
             * @description The frame foil.
             *
             *     - `common`: A plain frame.
             *     - `rare`: A silver foil frame.
             *     - `super_rare`: A gold foil frame.
             *     - `secret`: A holographic prism gradient frame.
             * @enum {string}
             */
            rarity: "common" | "rare" | "super_rare" | "secret";
            /** @description The background colour, `#RRGGBB`. */
            backgroundColor: string;
            /** @description Effects to switch on; absent ones are off. */
            effects?: {
                /** @description Four-pointed glints scattered over the card, more on rarer ones. */
                sparkle?: boolean;
                /** @description A soft halo around the character and the lettering. */
                glow?: boolean;
                /** @description A hologram sheen: a rainbow wash with diagonal shimmer lines. */
                holo?: boolean;
            };
            /** @description Defaults: `classic` frame, `rays` pattern. */
            style?: {
                /**
                 * @description The border drawn around the sticker.
                 *
                 *     - `classic`: A double border.
                 *     - `ornate`: A border with corner jewels.
                 *     - `simple`: One thin border.
                 * @enum {string}
                 */
                frame?: "classic" | "ornate" | "simple";
                /**
                 * @description The background pattern behind the character.
                 * @enum {string}
                 */
                pattern?: "rays" | "dots" | "stars" | "plain";
            };
            /**
             * Format: uuid
             * @description A PNG, JPEG or WebP uploaded with `POST /v1/files`, drawn in the portrait window instead of a generated character. An id that is not a file of the account, or names an SVG, is 400 `validation_failed` (a field of the body, not the resource of the URL).
             */
            sourceImageFileId?: string;
            /**
             * @description `svg` (exact, the same bytes for the same request) or `png` (600×840, rasterised with resvg).
             * @enum {string}
             */
            format?: "svg" | "png";
        };
        /**
         * StickersRenderJob
         * @description A `stickers.render` job.
         * @example {
         *       "id": "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
         *       "type": "stickers.render",
         *       "status": "succeeded",
         *       "progress": 100,
         *       "result": {
         *         "imageId": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
         *         "fileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *         "imageUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
         *       },
         *       "error": null,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:04.000Z",
         *       "finishedAt": "2026-11-23T09:00:04.000Z"
         *     }
         */
        StickersRenderJob: {
            /**
             * Format: uuid
             * @description The job's id.
             */
            id: string;
            /**
             * @description Where the job is in its life; the last three are final.
             *
             *     - `queued`: Waiting for a worker, also between retries.
             *     - `running`: A worker is on it; `progress` moves from 0 to 100.
             *     - `succeeded`: Done: `result` holds what it made. Final.
             *     - `failed`: Gave up: `error` says why, and what it reserved is refunded. Final.
             *     - `canceled`: Stopped on request before it finished; what it reserved is refunded. Final.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /** @description Percent done, 0 to 100. */
            progress: number;
            /** @description Why a failed job failed; null otherwise. */
            error: components["schemas"]["JobError"] | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description When it reached a final status. */
            finishedAt: string | null;
            /**
             * @description What the job does: `<module>.<task>`.
             * @constant
             */
            type: "stickers.render";
            /** @description What the job produced once `succeeded`; null before and on any other final status. */
            result: components["schemas"]["StickersRenderResult"] | null;
        };
        /**
         * StickersRenderResult
         * @description The result of a succeeded `stickers.render` job.
         * @example {
         *       "imageId": "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
         *       "fileId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
         *       "imageUrl": "/v1/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
         *     }
         */
        StickersRenderResult: {
            /**
             * Format: uuid
             * @description The sticker image drawn: `GET /v1/stickers/images/{imageId}`.
             */
            imageId: string;
            /**
             * Format: uuid
             * @description The image's bytes: `GET /v1/files/{fileId}`.
             */
            fileId: string;
            /** @description Where to download the image, relative to the API. */
            imageUrl: string;
        };
        /**
         * StickerStyle
         * @description The frame and background pattern of the sticker.
         * @example {
         *       "frame": "ornate",
         *       "pattern": "rays"
         *     }
         */
        StickerStyle: {
            /**
             * @description The border drawn around the sticker.
             *
             *     - `classic`: A double border.
             *     - `ornate`: A border with corner jewels.
             *     - `simple`: One thin border.
             * @enum {string}
             */
            frame: "classic" | "ornate" | "simple";
            /**
             * @description The background pattern behind the character.
             * @enum {string}
             */
            pattern: "rays" | "dots" | "stars" | "plain";
        };
        /**
         * StickerUsageDay
         * @description One UTC day of the account's sticker usage.
         * @example {
         *       "date": "2026-11-23",
         *       "imageCount": 7,
         *       "totalTokens": 0,
         *       "successCount": 7,
         *       "failureCount": 1,
         *       "cacheHitCount": 3
         *     }
         */
        StickerUsageDay: {
            /**
             * Format: date
             * @description The UTC day the requests were made.
             */
            date: string;
            /** @description Images rendered; each spent one image of quota. */
            imageCount: number;
            /** @description Model tokens used; always 0 with the built-in procedural renderer. */
            totalTokens: number;
            /** @description Render jobs that succeeded. */
            successCount: number;
            /** @description Render jobs that failed or were canceled (refunded). */
            failureCount: number;
            /** @description Requests served from the prompt cache, free. */
            cacheHitCount: number;
        };
        /**
         * StickerUsageDayList
         * @description A page of StickerUsageDay objects.
         * @example {
         *       "data": [
         *         {
         *           "date": "2026-11-23",
         *           "imageCount": 7,
         *           "totalTokens": 0,
         *           "successCount": 7,
         *           "failureCount": 1,
         *           "cacheHitCount": 3
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        StickerUsageDayList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["StickerUsageDay"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
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
         *           "cancel_at_period_end": false,
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
            /** @description Stripe's event id (`evt_…`); each is applied once. */
            id: string;
            /** @description The event type, e.g. `customer.subscription.updated`. */
            type: string;
            /** @description When Stripe created the event, in Unix seconds (up to the end of year 9999). */
            created: number;
            /** @description The event's payload. */
            data: {
                /** @description The Stripe object the event is about, e.g. a subscription. */
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
             * @enum {string}
             */
            outcome: "applied" | "ignored" | "duplicate";
        };
        /**
         * StudioGenerateJob
         * @description A `studio.generate` job.
         * @example {
         *       "id": "3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b",
         *       "type": "studio.generate",
         *       "status": "succeeded",
         *       "progress": 100,
         *       "result": {
         *         "batchId": "6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c",
         *         "characterId": "0f1e2d3c-4b5a-4697-8877-665544332211"
         *       },
         *       "error": null,
         *       "createdAt": "2026-11-23T09:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:04.000Z",
         *       "finishedAt": "2026-11-23T09:00:04.000Z"
         *     }
         */
        StudioGenerateJob: {
            /**
             * Format: uuid
             * @description The job's id.
             */
            id: string;
            /**
             * @description Where the job is in its life; the last three are final.
             *
             *     - `queued`: Waiting for a worker, also between retries.
             *     - `running`: A worker is on it; `progress` moves from 0 to 100.
             *     - `succeeded`: Done: `result` holds what it made. Final.
             *     - `failed`: Gave up: `error` says why, and what it reserved is refunded. Final.
             *     - `canceled`: Stopped on request before it finished; what it reserved is refunded. Final.
             * @enum {string}
             */
            status: "queued" | "running" | "succeeded" | "failed" | "canceled";
            /** @description Percent done, 0 to 100. */
            progress: number;
            /** @description Why a failed job failed; null otherwise. */
            error: components["schemas"]["JobError"] | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
            /** @description When it reached a final status. */
            finishedAt: string | null;
            /**
             * @description What the job does: `<module>.<task>`.
             * @constant
             */
            type: "studio.generate";
            /** @description What the job produced once `succeeded`; null before and on any other final status. */
            result: components["schemas"]["StudioGenerateResult"] | null;
        };
        /**
         * StudioGenerateResult
         * @description The result of a succeeded `studio.generate` job.
         * @example {
         *       "batchId": "6e5d4c3b-2a19-4f8e-9d7c-6b5a4f3e2d1c",
         *       "characterId": "0f1e2d3c-4b5a-4697-8877-665544332211"
         *     }
         */
        StudioGenerateResult: {
            /**
             * Format: uuid
             * @description The generation batch the job drew.
             */
            batchId: string;
            /**
             * Format: uuid
             * @description The character drawn: its new differences are at `GET /v1/studio/characters/{characterId}/differences`.
             */
            characterId: string;
        };
        /**
         * StudioStats
         * @description The account's studio totals: characters, generated expressions and their mean consistency.
         * @example {
         *       "totalCharacters": 3,
         *       "totalDifferences": 15,
         *       "averageConsistency": 95.42
         *     }
         */
        StudioStats: {
            /** @description Characters the account has. */
            totalCharacters: number;
            /** @description Differences (generated expressions) of all of them. */
            totalDifferences: number;
            /** @description Mean consistency score of every difference; null before the first one. */
            averageConsistency: number | null;
        };
        /**
         * Subscription
         * @description An account's plan for one product, or for one plugin of it. Quota limits follow the plan at once.
         * @example {
         *       "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a",
         *       "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *       "product": "miyabi",
         *       "subject": "issue-triage",
         *       "plan": "pro",
         *       "status": "trialing",
         *       "cancelAtPeriodEnd": false,
         *       "trialEnd": "2026-11-15T00:00:00.000Z",
         *       "currentPeriodStart": "2026-11-01T00:00:00.000Z",
         *       "currentPeriodEnd": "2026-12-01T00:00:00.000Z",
         *       "canceledAt": null,
         *       "stripeCustomerId": "cus_Q1w2e3r4",
         *       "stripeSubscriptionId": "sub_1Ab2Cd3Ef4",
         *       "createdAt": "2026-11-01T00:00:00.000Z",
         *       "updatedAt": "2026-11-23T09:00:00.000Z"
         *     }
         */
        Subscription: {
            /**
             * Format: uuid
             * @description The subscription's id.
             */
            id: string;
            /**
             * Format: uuid
             * @description The id of the account on this plan.
             */
            accountId: string;
            /**
             * @description A Yorozu product.
             * @enum {string}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description The plugin this subscription is for, where the product sells one per plugin (`subscribedPer: plugin` in the plan catalogue); null for a subscription to the whole product. */
            subject: string | null;
            /** @description A plan of the product's catalogue, e.g. `free`, `basic`, `pro`. */
            plan: string;
            /**
             * @description Stripe's status of the subscription (`active` for plans set by an admin). `active`, `trialing` and `past_due` entitle to the plan; the others leave the product on its free plan. A subscription set to cancel at period end reads `canceled` once its period is over.
             *
             *     - `active`: Paid (or set by an admin); the plan applies.
             *     - `trialing`: In its free trial until `trialEnd`; the plan applies.
             *     - `past_due`: A renewal payment failed and Stripe is retrying it; the plan still applies.
             *     - `canceled`: Ended; the product (or plugin) is on its free plan.
             *     - `unpaid`: Stripe stopped retrying a failed payment; the free plan applies.
             *     - `incomplete`: The first payment has not succeeded yet; the free plan applies.
             *     - `incomplete_expired`: The first payment never succeeded; the free plan applies.
             *     - `paused`: Paused at Stripe (e.g. a trial ended without a payment method); the free plan applies.
             * @enum {string}
             */
            status: "active" | "trialing" | "past_due" | "canceled" | "unpaid" | "incomplete" | "incomplete_expired" | "paused";
            /** @description True when the subscription ends at `currentPeriodEnd` instead of renewing. */
            cancelAtPeriodEnd: boolean;
            /** @description When the free trial ends (or ended); null without a trial. */
            trialEnd: string | null;
            /** @description Stripe's billing period. */
            currentPeriodStart: string | null;
            /** @description When Stripe's billing period ends; null for plans nobody pays for. */
            currentPeriodEnd: string | null;
            /** @description When the subscription was canceled: for one that ends at period end, when that was asked for (as at Stripe). Null while not canceled. */
            canceledAt: string | null;
            /** @description Stripe's customer id (`cus_…`); null for plans set without Stripe. */
            stripeCustomerId: string | null;
            /** @description Stripe's subscription id (`sub_…`); null for plans set without Stripe. */
            stripeSubscriptionId: string | null;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description An RFC 3339 timestamp in UTC.
             */
            updatedAt: string;
        };
        /**
         * SubscriptionList
         * @description A page of Subscription objects.
         * @example {
         *       "data": [
         *         {
         *           "id": "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a",
         *           "accountId": "0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d",
         *           "product": "miyabi",
         *           "subject": "issue-triage",
         *           "plan": "pro",
         *           "status": "trialing",
         *           "cancelAtPeriodEnd": false,
         *           "trialEnd": "2026-11-15T00:00:00.000Z",
         *           "currentPeriodStart": "2026-11-01T00:00:00.000Z",
         *           "currentPeriodEnd": "2026-12-01T00:00:00.000Z",
         *           "canceledAt": null,
         *           "stripeCustomerId": "cus_Q1w2e3r4",
         *           "stripeSubscriptionId": "sub_1Ab2Cd3Ef4",
         *           "createdAt": "2026-11-01T00:00:00.000Z",
         *           "updatedAt": "2026-11-23T09:00:00.000Z"
         *         }
         *       ],
         *       "nextCursor": null
         *     }
         */
        SubscriptionList: {
            /** @description This page of items, at most `limit` of them. */
            data: components["schemas"]["Subscription"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
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
            /**
             * @description Always `Bearer`: send the access token as `Authorization: Bearer <accessToken>`.
             * @constant
             */
            tokenType: "Bearer";
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            /** @description Opaque, single use, valid for 30 days; rotate it with auth.refresh. */
            refreshToken: string;
        };
        /**
         * UpdateCharacterRequest
         * @description The fields of a character that may change after creation.
         * @example {
         *       "name": "ゆあ"
         *     }
         */
        UpdateCharacterRequest: {
            /** @description Shown under the character. */
            name: string;
        };
        /**
         * UpdateMeRequest
         * @description The fields of the account its owner may change.
         * @example {
         *       "name": "Ada Lovelace"
         *     }
         */
        UpdateMeRequest: {
            /** @description The new display name; null clears it. */
            name: string | null;
        };
        /**
         * UpdateProfileRequest
         * @description The profile fields to change; fields left out keep their value.
         * @example {
         *       "handle": "ada_lovelace",
         *       "displayName": "Ada Lovelace",
         *       "visibility": "public"
         *     }
         */
        UpdateProfileRequest: {
            /** @description The new handle; null removes it (and unpublishes). */
            handle?: string | null;
            /** @description The new display name; null clears it. */
            displayName?: string | null;
            /** @description The new bio; null clears it. */
            bio?: string | null;
            /** @description The new avatar; null clears it. */
            avatarFileId?: string | null;
            /** @description Up to 5 links, in the order shown. */
            links?: components["schemas"]["ProfileLink"][];
            /**
             * @description Who may read the profile. Publishing needs a handle.
             *
             *     - `private`: Only its owner; others get 404.
             *     - `public`: Anyone, signed in or not.
             * @enum {string}
             */
            visibility?: "private" | "public";
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
            /**
             * @description The plugin whose plan changes, for a product sold per plugin (`subscribedPer: plugin`); omit it for the whole product. Refused for other products.
             * @example issue-triage
             */
            subject?: string;
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
             * @description The ledger entry's id.
             */
            id: string;
            /**
             * @description A Yorozu product.
             * @enum {string}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description A metric of the product, e.g. `credits` (studio), `images` (stickers). */
            metric: string;
            /** @description The plugin id of a per-plugin metric; null for account-wide metrics. */
            subject: string | null;
            /**
             * @description Which way the quota moved.
             *
             *     - `spend`: Quota used by a request.
             *     - `refund`: Quota given back, e.g. for a failed or canceled job.
             * @enum {string}
             */
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
            /** @description This page of items, at most `limit` of them. */
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
             * @enum {string}
             */
            product: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            /** @description A metric of the product, e.g. `credits` (studio), `images` (stickers). */
            metric: string;
            /**
             * @description One counter for the account, or one per plugin (`subject`).
             * @enum {string}
             */
            per: "account" | "plugin";
            /** @description The plugin id, for a per-plugin metric. Null for account-wide metrics; on a per-plugin metric, null stands for every plugin not listed (nothing used yet this period). */
            subject: string | null;
            /**
             * @description Counters reset at 00:00 UTC each day, or on the 1st of each month.
             * @enum {string}
             */
            period: "day" | "month";
            /** @description A plan of the product's catalogue, e.g. `free`, `basic`, `pro`. */
            plan: string;
            /** @description The plan's limit for the period; null when unlimited. */
            limit: number | null;
            /** @description How much the period has used so far. */
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
        /**
         * @description `validation_failed`: The request is malformed: a missing, mistyped or out-of-range field, an unknown body property or an unknown query parameter (refused, never ignored), or a body that is not JSON. `errors` lists each field by JSON pointer.
         *
         *     `invalid_cursor`: The `cursor` is malformed, or comes from another list or other filters: start again without it.
         *
         *     `oauth_state_invalid`: An OAuth callback whose `state` does not match the sign-in this browser started (forged, replayed, from another browser, or over 10 minutes old), or that lacks the sign-in's cookie: start again from `/v1/auth/oauth/{provider}/start`.
         *
         *     `identity_link_failed`: Linking a connected account (`/v1/miyabi/identities`) failed: the callback's `state` is unknown, used, over 10 minutes old or another account's, or the provider refused the authorization code (denied, used, expired, wrong PKCE verifier) or answered something that failed verification. Start the link again.
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `unauthenticated`: Credentials are missing, malformed, expired or revoked.
         *
         *     `oauth_exchange_failed`: The provider refused the sign-in (the user denied it, or the code was already used or expired), or its answer failed verification (ID token signature, issuer, audience, nonce): start the sign-in again.
         */
        Unauthenticated: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `quota_exceeded`: The plan's quota for a metric is used up; `quota` says which and when it resets (`resetsAt`). Retrying before then cannot succeed.
         *
         *     `plan_required`: The resource is part of a paid plan (e.g. a premium WorldSpeakAI script) and the account's plan does not include it. Subscribing to a paid plan of the product lifts it; retrying on the same plan cannot succeed.
         */
        QuotaExceeded: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "Yorozu-Quota-Remaining": components["headers"]["QuotaRemaining"];
                "Yorozu-Quota-Reset": components["headers"]["QuotaReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `forbidden`: The credentials are valid but lack the scope or role the operation requires.
         *
         *     `oauth_email_unverified`: The provider has not verified the email address of this identity (or shares none), and it is linked to no account: verify the address with the provider, then sign in again.
         */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not_found`: No such resource in this account (one owned by another account is not found either).
         *
         *     `oauth_provider_not_configured`: Sign-in with this provider is not configured on this server (its client id and secret are not set).
         */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_acceptable`: `Accept` excludes the resource's media type; leave `Accept` out or include that type (or `*\/*`). */
        NotAcceptable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `conflict`: The request conflicts with the resource's current state.
         *
         *     `base_plugin_required`: The plugin is an add-on (`requiresPlugin`), and the account has no active, trialing or past-due subscription to its base plugin: subscribe to the base plugin first.
         *
         *     `idempotency_in_progress`: A request with the same `Idempotency-Key` is still running; retry it once that one has finished.
         *
         *     `last_sign_in_method`: The identity is the last way into an account that has no password: link another identity first.
         */
        Conflict: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `payload_too_large`: The body is over the size limit. */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unsupported_media_type`: The body of a JSON operation was sent with a `Content-Type` other than `application/json`. */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `range_not_satisfiable`: No byte of the requested `Range` lies inside the file (it starts at or past the end); `Content-Range: bytes *\/<size>` gives the size. */
        RangeNotSatisfiable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "Content-Range": components["headers"]["ContentRange"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `idempotency_key_mismatch`: The `Idempotency-Key` was used before with a different request. */
        IdempotencyKeyMismatch: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `rate_limited`: Too many requests; wait `Retry-After` seconds (`RateLimit-*` show the window). */
        RateLimited: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `internal`: A bug on our side, logged with the request id. */
        Internal: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `unavailable`: The service is down, shutting down or overloaded; retry after `Retry-After` seconds. */
        Unavailable: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                "RateLimit-Reset": components["headers"]["RateLimitReset"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
         * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
         */
        IdempotencyKey: string;
        /**
         * @description The `ETag` of a copy you hold: answered 304 Not Modified while it is current.
         * @example "q3Lh8xV2m0Zc9yT4pNwA1b"
         */
        IfNoneMatch: string;
        /**
         * @description One byte range (RFC 9110, 14.1.2): `bytes=<first>-<last>`, `bytes=<first>-` or the last n bytes, `bytes=-<n>`; answered 206 with those bytes (`last` is clipped to the end), 416 when `first` is at or past the end. Several ranges, another unit or a malformed value get the whole file (200).
         * @example bytes=0-1023
         */
        Range: string;
        /**
         * @description The `ETag` of the copy a partial download continues: the range is served only while it is current, else the whole file (200). A date never matches (files have no `Last-Modified`).
         * @example "q3Lh8xV2m0Zc9yT4pNwA1b"
         */
        IfRange: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description Identifies the request in logs and support: the client's well-formed `X-Request-Id`, else a new one.
         * @example req_5f0c6f2b1d6e4a8f3c2b1a09
         */
        RequestId: string;
        /**
         * @description Requests allowed in the current window (a minute) for this credential, or this IP without one.
         * @example 600
         */
        RateLimitLimit: number;
        /**
         * @description Requests left in the current window.
         * @example 599
         */
        RateLimitRemaining: number;
        /**
         * @description Seconds until the current window ends.
         * @example 42
         */
        RateLimitReset: number;
        /**
         * @description Seconds to wait before retrying.
         * @example 12
         */
        RetryAfter: number;
        /**
         * @description What is left of the metered quota this operation spent, in the plan's units, in the current period. Absent when the plan makes the quota unlimited.
         * @example 4
         */
        QuotaRemaining: number;
        /**
         * @description When the quota of the current period resets (RFC 3339, UTC). Sent with `Yorozu-Quota-Remaining` when the response spent quota (not on a cache hit that spends none).
         * @example 2026-12-01T00:00:00.000Z
         */
        QuotaReset: string;
        /**
         * @description Present (`true`) when the response is the stored answer to an earlier request with the same `Idempotency-Key`.
         * @example true
         */
        IdempotentReplayed: "true";
        /**
         * @description Identifies this version of the content, for `If-None-Match`.
         * @example "q3Lh8xV2m0Zc9yT4pNwA1b"
         */
        ETag: string;
        /**
         * @description How the response may be cached.
         * @example private, max-age=0, must-revalidate
         */
        CacheControl: string;
        /**
         * @description Keeps a downloaded SVG from running scripts or loading anything.
         * @example default-src 'none'; style-src 'unsafe-inline'; sandbox
         */
        ContentSecurityPolicy: string;
        /**
         * @description Always `nosniff`: browsers keep the declared `Content-Type`.
         * @example nosniff
         */
        ContentTypeOptions: "nosniff";
        /**
         * @description `inline` for images and audio, `attachment` for PDF and ZIP, with the filename given at upload, else the file's id and extension. A name outside ASCII is sent as `filename*` (RFC 8187, UTF-8) with an ASCII fallback in `filename` (RFC 6266).
         * @example inline; filename="????1.ogg"; filename*=UTF-8''%E3%83%AC%E3%83%83%E3%82%B9%E3%83%B31.ogg
         */
        ContentDisposition: string;
        /**
         * @description Always `bytes`: the file can be fetched in parts with `Range` (RFC 9110, 14.3).
         * @example bytes
         */
        AcceptRanges: "bytes";
        /**
         * @description Which bytes a 206 carries and the whole size, `bytes <first>-<last>/<size>`; on a 416, `bytes *\/<size>` (RFC 9110, 14.4).
         * @example bytes 0-1023/48213
         */
        ContentRange: string;
        /**
         * @description Where the redirect goes.
         * @example https://github.com/login/oauth/authorize?client_id=Iv1.8a61f9b3a7aba766&state=Xq3vTt0m3Lr0d0Z4aWqY0g&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256
         */
        Location: string;
        /**
         * @description The sealed, short-lived cookie that binds a sign-in to the browser that started it (`HttpOnly`, `SameSite=Lax`).
         * @example yorozu_oauth=AQx9…; Max-Age=600; Path=/v1/auth/oauth/; HttpOnly; SameSite=Lax
         */
        SetCookie: string;
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "auth.oauth.start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description `github` (OAuth 2.0 and its user API) or `google` (OpenID Connect).
                 * @example github
                 */
                provider: "github" | "google";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider's authorization page. */
            302: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    Location: components["headers"]["Location"];
                    "Set-Cookie": components["headers"]["SetCookie"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "auth.oauth.callback": {
        parameters: {
            query?: {
                /**
                 * @description The authorization code, when the user agreed.
                 * @example 4/0AeanS0b…
                 */
                code?: string;
                /**
                 * @description The `state` the start of the sign-in sent, echoed back by the provider.
                 * @example Xq3vTt0m3Lr0d0Z4aWqY0g
                 */
                state?: string;
                /**
                 * @description Why the provider refused (RFC 6749 §4.1.2.1), e.g. `access_denied`.
                 * @example access_denied
                 */
                error?: string;
                /**
                 * @description The provider's explanation of `error`.
                 * @example The user has denied your application access.
                 */
                error_description?: string;
                /**
                 * @description A page about `error`.
                 * @example https://docs.github.com/apps/troubleshooting
                 */
                error_uri?: string;
                /**
                 * @description The provider's issuer (RFC 9207), checked when its metadata announces it.
                 * @example https://accounts.google.com
                 */
                iss?: string;
                /**
                 * @description The scopes granted (Google sends them).
                 * @example openid email profile
                 */
                scope?: string;
                /**
                 * @description Google's index of the signed-in Google account.
                 * @example 0
                 */
                authuser?: string;
                /**
                 * @description Which prompt Google showed.
                 * @example consent
                 */
                prompt?: string;
                /**
                 * @description The user's Google Workspace domain.
                 * @example example.com
                 */
                hd?: string;
            };
            header?: never;
            path: {
                /**
                 * @description `github` (OAuth 2.0 and its user API) or `google` (OpenID Connect).
                 * @example github
                 */
                provider: "github" | "google";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account with new tokens. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "me.identities.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of identities. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentityList"];
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
    "me.identities.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The identity's id.
                 * @example 5e2c7a1b-9d3f-4b8e-a6c0-1f2e3d4c5b6a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlinked. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "me.profile.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
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
    "me.profile.update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileRequest"];
            };
        };
        responses: {
            /** @description The updated profile. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "me.follows.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Which side the caller is on (default `following`).
                 * @example followers
                 */
                direction?: "following" | "followers";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of follows. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowList"];
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
    "profiles.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The profile's handle (any case).
                 * @example ada_lovelace
                 */
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicProfile"];
                };
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
    "profiles.follow": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The profile's handle (any case).
                 * @example ada_lovelace
                 */
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The follow. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Follow"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "profiles.unfollow": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The profile's handle (any case).
                 * @example ada_lovelace
                 */
                handle: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No longer following. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "apiKeys.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
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
            415: components["responses"]["UnsupportedMediaType"];
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
                /**
                 * @description The API key's id.
                 * @example 7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this product's entries.
                 * @example studio
                 */
                product?: "studio" | "speak" | "nex" | "stickers" | "miyabi";
                /**
                 * @description Only this metric's entries, e.g. `credits` (studio), `images` (stickers).
                 * @example credits
                 */
                metric?: string;
                /**
                 * @description Entries created at or after this time.
                 * @example 2026-11-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Entries created before this time.
                 * @example 2026-12-01T00:00:00Z
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "plans.list": {
        parameters: {
            query?: {
                /**
                 * @description Only this product's plans.
                 * @example speak
                 */
                product?: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanCatalogue"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "subscriptions.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this product's subscriptions.
                 * @example miyabi
                 */
                product?: "studio" | "speak" | "nex" | "stickers" | "miyabi";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of subscriptions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionList"];
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
    "subscriptions.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The subscription's id.
                 * @example 3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription, as it now stands. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "billing.stripeWebhook": {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as Stripe sends it (several `v1` while a secret rolls).
                 * @example t=1795424400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
                 */
                "stripe-signature": string;
            };
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StripeWebhookReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
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
                /**
                 * @description The id of the account whose plan changes.
                 * @example 0b9f6a8e-3c1d-4f7a-9e2b-5d6c7a8b9c0d
                 */
                accountId: string;
                /**
                 * @description The product whose plan changes.
                 * @example studio
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "jobs.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only jobs in this status.
                 *
                 *     - `queued`: Waiting for a worker, also between retries.
                 *     - `running`: A worker is on it; `progress` moves from 0 to 100.
                 *     - `succeeded`: Done: `result` holds what it made. Final.
                 *     - `failed`: Gave up: `error` says why, and what it reserved is refunded. Final.
                 *     - `canceled`: Stopped on request before it finished; what it reserved is refunded. Final.
                 * @example running
                 */
                status?: "queued" | "running" | "succeeded" | "failed" | "canceled";
                /**
                 * @description What a job does: `<module>.<task>`.
                 * @example stickers.render
                 */
                type?: "studio.generate" | "stickers.render" | "speak.reply" | "miyabi.agent";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of jobs. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobList"];
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
    "jobs.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job's id.
                 * @example 3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
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
    "jobs.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job's id.
                 * @example 3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The canceled job. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "jobs.events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Resume after this event id: the events after it are sent, then the live ones.
                 * @example 3
                 */
                "last-event-id"?: number;
            };
            path: {
                /**
                 * @description The job's id.
                 * @example 3f2a9c1e-7b4d-4e6f-8a0b-1c2d3e4f5a6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`; every event's `data` is a `Job`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["JobEventStream"];
                };
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
    "files.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of files. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FileList"];
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
    "files.create": {
        parameters: {
            query?: {
                /**
                 * @description The name downloads are saved under (`Content-Disposition`), any script (UTF-8); no `/`, `\`, `"` or control characters.
                 * @example レッスン1.ogg
                 */
                filename?: string;
            };
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "image/png": Blob;
                "image/jpeg": Blob;
                "image/webp": Blob;
                "image/svg+xml": Blob;
                "audio/wav": Blob;
                "audio/mpeg": Blob;
                "audio/ogg": Blob;
                "audio/webm": Blob;
                "audio/mp4": Blob;
                "video/mp4": Blob;
                "video/webm": Blob;
                "application/pdf": Blob;
                "application/zip": Blob;
                "application/octet-stream": Blob;
            };
        };
        responses: {
            /** @description The stored file. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["File"];
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
    "files.get": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy you hold: answered 304 Not Modified while it is current.
                 * @example "q3Lh8xV2m0Zc9yT4pNwA1b"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description One byte range (RFC 9110, 14.1.2): `bytes=<first>-<last>`, `bytes=<first>-` or the last n bytes, `bytes=-<n>`; answered 206 with those bytes (`last` is clipped to the end), 416 when `first` is at or past the end. Several ranges, another unit or a malformed value get the whole file (200).
                 * @example bytes=0-1023
                 */
                Range?: components["parameters"]["Range"];
                /**
                 * @description The `ETag` of the copy a partial download continues: the range is served only while it is current, else the whole file (200). A date never matches (files have no `Last-Modified`).
                 * @example "q3Lh8xV2m0Zc9yT4pNwA1b"
                 */
                "If-Range"?: components["parameters"]["IfRange"];
            };
            path: {
                /**
                 * @description The file's id.
                 * @example 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bytes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    ETag: components["headers"]["ETag"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Content-Security-Policy": components["headers"]["ContentSecurityPolicy"];
                    "X-Content-Type-Options": components["headers"]["ContentTypeOptions"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": Blob;
                    "image/jpeg": Blob;
                    "image/webp": Blob;
                    "image/svg+xml": Blob;
                    "audio/wav": Blob;
                    "audio/mpeg": Blob;
                    "audio/ogg": Blob;
                    "audio/webm": Blob;
                    "audio/mp4": Blob;
                    "video/mp4": Blob;
                    "video/webm": Blob;
                    "application/pdf": Blob;
                    "application/zip": Blob;
                };
            };
            /** @description Partial content: the one byte range `Range` asked for, which `Content-Range` names. */
            206: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    ETag: components["headers"]["ETag"];
                    "Accept-Ranges": components["headers"]["AcceptRanges"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Content-Security-Policy": components["headers"]["ContentSecurityPolicy"];
                    "X-Content-Type-Options": components["headers"]["ContentTypeOptions"];
                    "Content-Disposition": components["headers"]["ContentDisposition"];
                    "Content-Range": components["headers"]["ContentRange"];
                    [name: string]: unknown;
                };
                content: {
                    "image/png": Blob;
                    "image/jpeg": Blob;
                    "image/webp": Blob;
                    "image/svg+xml": Blob;
                    "audio/wav": Blob;
                    "audio/mpeg": Blob;
                    "audio/ogg": Blob;
                    "audio/webm": Blob;
                    "audio/mp4": Blob;
                    "video/mp4": Blob;
                    "video/webm": Blob;
                    "application/pdf": Blob;
                    "application/zip": Blob;
                };
            };
            /** @description Not modified: `If-None-Match` names the current `ETag`; no body. */
            304: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            416: components["responses"]["RangeNotSatisfiable"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "files.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The file's id.
                 * @example 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "studio.characters.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only characters of this art style.
                 *
                 *     - `illustration`: Drawn as an illustration.
                 *     - `realistic`: Drawn realistically, close to a photograph.
                 *     - `3d`: Rendered as a 3D model.
                 *     - `anime`: Drawn in anime style.
                 * @example anime
                 */
                artStyle?: "illustration" | "realistic" | "3d" | "anime";
                /**
                 * @description Only characters whose `features.hair.color` is exactly this.
                 * @example pink
                 */
                hairColor?: string;
                /**
                 * @description Only characters whose `features.hair.style` is exactly this.
                 * @example long
                 */
                hairStyle?: string;
                /**
                 * @description Only characters whose `features.hair.length` is exactly this.
                 * @example waist
                 */
                hairLength?: string;
                /**
                 * @description Only characters whose `features.eyes.color` is exactly this.
                 * @example blue
                 */
                eyeColor?: string;
                /**
                 * @description Only characters whose `features.eyes.shape` is exactly this.
                 * @example round
                 */
                eyeShape?: string;
                /**
                 * @description Only characters whose `features.outfit.primary` is exactly this.
                 * @example white dress
                 */
                outfitPrimary?: string;
                /**
                 * @description Only characters whose `features.outfit.secondary` is exactly this.
                 * @example ribbon
                 */
                outfitSecondary?: string;
                /**
                 * @description Only characters wearing this accessory: one of `features.outfit.accessories` or `features.accessories`.
                 * @example earrings
                 */
                accessory?: string;
                /**
                 * @description Only characters whose `features.skinTone` is exactly this.
                 * @example fair
                 */
                skinTone?: string;
                /**
                 * @description Only characters whose `features.bodyType` is exactly this.
                 * @example slender
                 */
                bodyType?: string;
                /**
                 * @description `differences` embeds the newest difference of each expression in every character, read in the same query.
                 * @example differences
                 */
                include?: "differences";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of characters. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CharacterList"];
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
    "studio.characters.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCharacterRequest"];
            };
        };
        responses: {
            /** @description The character. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Character"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "studio.characters.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The character's id.
                 * @example 3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The character. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Character"];
                };
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
    "studio.characters.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The character's id.
                 * @example 3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "studio.characters.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The character's id.
                 * @example 3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCharacterRequest"];
            };
        };
        responses: {
            /** @description The updated character. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Character"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "studio.generations.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The character's id.
                 * @example 3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of batches. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerationList"];
                };
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
    "studio.generations.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The character's id.
                 * @example 3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerationRequest"];
            };
        };
        responses: {
            /** @description Queued: follow the job. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Yorozu-Quota-Remaining": components["headers"]["QuotaRemaining"];
                    "Yorozu-Quota-Reset": components["headers"]["QuotaReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerationAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "studio.generations.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The generation batch's id.
                 * @example 6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Generation"];
                };
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
    "studio.differences.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only differences of this expression.
                 * @example happy
                 */
                expression?: "neutral" | "happy" | "angry" | "sad" | "surprised" | "custom";
            };
            header?: never;
            path: {
                /**
                 * @description The character's id.
                 * @example 3f6c2a9e-8d41-4b7a-9c15-2e0d7b6a4f31
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of differences. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DifferenceList"];
                };
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
    "studio.differences.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The difference's id.
                 * @example 0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The difference. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Difference"];
                };
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
    "studio.differences.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The difference's id.
                 * @example 0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "studio.credits.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Quota, used this month and reset date. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Credits"];
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
    "studio.creditTransactions.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only transactions in this month or later: `YYYY-MM`, UTC.
                 * @example 2026-09
                 */
                fromMonth?: string;
                /**
                 * @description Only transactions in this month or earlier: `YYYY-MM`, UTC.
                 * @example 2026-11
                 */
                toMonth?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of credit transactions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditTransactionList"];
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
    "studio.stats.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Totals across every character. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudioStats"];
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
    "speak.profile.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakProfile"];
                };
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
    "speak.profile.update": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeakProfileRequest"];
            };
        };
        responses: {
            /** @description The profile as stored. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakProfile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "speak.languages.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of settings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakLanguageSettingList"];
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
    "speak.languages.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The language code, e.g. `en`.
                 * @example en
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakLanguageSetting"];
                };
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
    "speak.languages.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The language code, e.g. `en`.
                 * @example en
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeakLanguageSettingRequest"];
            };
        };
        responses: {
            /** @description The settings as stored. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakLanguageSetting"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "speak.scripts.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only scripts for learners of this native language. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
                 * @example ja
                 */
                nativeLanguage?: string;
                /**
                 * @description Only scripts practising this language. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
                 * @example en
                 */
                targetLanguage?: string;
                /**
                 * @description Only this scenario. Lower-case letters, digits and `_`, up to 40 characters.
                 * @example restaurant
                 */
                scenario?: string;
                /**
                 * @description Only this category. Lower-case letters, digits and `_`, up to 40 characters.
                 * @example travel
                 */
                category?: string;
                /**
                 * @description Only scripts with this tag. Lower-case letters, digits and `_`, up to 40 characters.
                 * @example food
                 */
                tag?: string;
                /**
                 * @description Only this specialization. Lower-case letters, digits and `_`, up to 40 characters.
                 * @example business
                 */
                specialization?: string;
                /**
                 * @description Difficulty at least.
                 * @example 1
                 */
                minDifficulty?: number;
                /**
                 * @description Difficulty at most.
                 * @example 5
                 */
                maxDifficulty?: number;
                /**
                 * @description Only premium (`true`) or only free (`false`) scripts.
                 * @example false
                 */
                premium?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of scripts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakScriptList"];
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
    "speak.scripts.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeakNewScript"];
            };
        };
        responses: {
            /** @description The script. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakScript"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "speak.scripts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The script's id.
                 * @example 6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The script. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakScript"];
                };
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
    "speak.scripts.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The script's id.
                 * @example 6b1f0c2e-4a3d-4e5f-9a8b-7c6d5e4f3a2b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "speak.conversations.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only conversations practising this language. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
                 * @example en
                 */
                language?: string;
                /**
                 * @description Only this scenario. Lower-case letters, digits and `_`, up to 40 characters.
                 * @example restaurant
                 */
                scenario?: string;
                /**
                 * @description Only ended (`true`) or running (`false`) ones.
                 * @example true
                 */
                ended?: "true" | "false";
                /**
                 * @description Started at or after.
                 * @example 2026-11-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Started before.
                 * @example 2026-12-01T00:00:00Z
                 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of conversations. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakConversationList"];
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
    "speak.conversations.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeakNewConversation"];
            };
        };
        responses: {
            /** @description The conversation. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakConversation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "speak.conversations.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The conversation's id.
                 * @example 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversation. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakConversation"];
                };
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
    "speak.conversations.end": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The conversation's id.
                 * @example 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeakEndConversation"];
            };
        };
        responses: {
            /** @description The ended conversation. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakConversation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "speak.conversations.events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Resume after this event id.
                 * @example 3
                 */
                "last-event-id"?: number;
            };
            path: {
                /**
                 * @description The conversation's id.
                 * @example 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["SpeakConversationEventStream"];
                };
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
    "speak.messages.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this type.
                 * @example ai_response
                 */
                type?: "user_speech" | "ai_response" | "script_suggestion" | "system";
            };
            header?: never;
            path: {
                /**
                 * @description The conversation's id.
                 * @example 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakMessageList"];
                };
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
    "speak.messages.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The conversation's id.
                 * @example 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpeakNewMessage"];
            };
        };
        responses: {
            /** @description The turn and the reply job. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Yorozu-Quota-Remaining": components["headers"]["QuotaRemaining"];
                    "Yorozu-Quota-Reset": components["headers"]["QuotaReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakTurn"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "speak.progress.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this language. A BCP 47 tag led by an ISO 639-1 code, e.g. `en`, `ja`, `en-US`.
                 * @example en
                 */
                language?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of progress. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakProgressList"];
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
    "speak.achievements.list": {
        parameters: {
            query?: {
                /**
                 * @description Only earned (`true`) or not yet earned (`false`) ones.
                 * @example true
                 */
                earned?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The achievements. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakAchievementList"];
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
    "speak.usage.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description `hour` (default) or `day`.
                 * @example day
                 */
                granularity?: "hour" | "day";
                /**
                 * @description Periods starting at or after.
                 * @example 2026-11-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Periods starting before.
                 * @example 2026-12-01T00:00:00Z
                 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of periods. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpeakUsageList"];
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
    "stickers.images.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only stickers of this rarity.
                 *
                 *     - `common`: A plain frame.
                 *     - `rare`: A silver foil frame.
                 *     - `super_rare`: A gold foil frame.
                 *     - `secret`: A holographic prism gradient frame.
                 * @example secret
                 */
                rarity?: "common" | "rare" | "super_rare" | "secret";
                /**
                 * @description Only stickers of this attribute.
                 * @example holy
                 */
                attribute?: "fire" | "water" | "wind" | "earth" | "thunder" | "light" | "dark" | "holy";
                /**
                 * @description Images created at or after this time.
                 * @example 2026-11-01T00:00:00Z
                 */
                from?: string;
                /**
                 * @description Images created before this time.
                 * @example 2026-12-01T00:00:00Z
                 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of images. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StickerImageList"];
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
    "stickers.images.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StickerRequest"];
            };
        };
        responses: {
            /** @description Served from the prompt cache: `image` is ready. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Yorozu-Quota-Remaining": components["headers"]["QuotaRemaining"];
                    "Yorozu-Quota-Reset": components["headers"]["QuotaReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StickerImageCreation"];
                };
            };
            /** @description Queued: `job` draws the image. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Yorozu-Quota-Remaining": components["headers"]["QuotaRemaining"];
                    "Yorozu-Quota-Reset": components["headers"]["QuotaReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StickerImageCreation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "stickers.images.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The sticker image's id.
                 * @example 8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StickerImage"];
                };
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
    "stickers.images.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The sticker image's id.
                 * @example 8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "stickers.usage.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description The first day to list.
                 * @example 2026-11-01
                 */
                from?: string;
                /**
                 * @description The last day to list.
                 * @example 2026-11-30
                 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of days. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StickerUsageDayList"];
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
    "nex.creators.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateCreatorRequest"];
            };
        };
        responses: {
            /** @description The creator profile. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCreator"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.creators.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The creator. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCreator"];
                };
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
    "nex.creators.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateCreatorRequest"];
            };
        };
        responses: {
            /** @description The updated creator. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCreator"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.categories.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The categories. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCategoryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Search text (Japanese or English) over titles, descriptions and tags: every word must appear, ignoring case, width and katakana/hiragana. Published artworks only.
                 * @example 夕焼け
                 */
                q?: string;
                /**
                 * @description Only this category and its descendants.
                 * @example landscape
                 */
                category?: string;
                /**
                 * @description Only artworks with this tag (normalised before matching).
                 * @example watercolour
                 */
                tag?: string;
                /**
                 * @description Only this creator's artworks.
                 * @example yuki_draws
                 */
                creator?: string;
                /**
                 * @description Lowest price, in minor units.
                 * @example 100
                 */
                minPrice?: number;
                /**
                 * @description Highest price, in minor units.
                 * @example 5000
                 */
                maxPrice?: number;
                /**
                 * @description `free`: free artworks only; `paid`: paid ones only.
                 * @example free
                 */
                pricing?: "free" | "paid";
                /**
                 * @description `published` (default) lists everyone's published artworks; `draft` or `archived` lists only the caller's own.
                 * @example draft
                 */
                status?: "draft" | "published" | "archived";
                /**
                 * @description `newest` (by publication, the default without `q`), `most_liked`, `most_viewed`, or `relevance` (the default with `q`; needs `q`).
                 * @example relevance
                 */
                sort?: "newest" | "most_liked" | "most_viewed" | "relevance";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of artworks. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtworkList"];
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
    "nex.artworks.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateArtworkRequest"];
            };
        };
        responses: {
            /** @description The draft. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtwork"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The artwork. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtwork"];
                };
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
    "nex.artworks.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.artworks.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateArtworkRequest"];
            };
        };
        responses: {
            /** @description The updated artwork. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtwork"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The published artwork. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtwork"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived artwork. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtwork"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.like": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The like. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexLike"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.unlike": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller no longer likes the artwork. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.likes.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Which side the caller is on (default `given`).
                 * @example received
                 */
                direction?: "given" | "received";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of likes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexLikeList"];
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
    "nex.comments.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only the replies to this comment.
                 * @example 7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f
                 */
                parentId?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of comments. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCommentList"];
                };
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
    "nex.comments.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateCommentRequest"];
            };
        };
        responses: {
            /** @description The comment. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexComment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.comments.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The comment's id.
                 * @example 7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.comments.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The comment's id.
                 * @example 7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateCommentRequest"];
            };
        };
        responses: {
            /** @description The edited comment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexComment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.comments.hide": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The comment's id.
                 * @example 7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hidden comment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexComment"];
                };
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
    "nex.comments.unhide": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The comment's id.
                 * @example 7f8e9d0c-1b2a-4c3d-9e4f-5a6b7c8d9e0f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The comment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexComment"];
                };
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
    "nex.creators.fan": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The fan relation. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexFan"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.creators.unfan": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller is not a fan of the creator. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.fans.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of fans. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexFanList"];
                };
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
    "nex.following.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of fan relations. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexFanList"];
                };
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
    "nex.levels.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Levels 1 to 100. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexLevelList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.expActions.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The EXP table. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexExpActionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.expLog.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of earnings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexExpLog"];
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
    "nex.achievements.list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The achievements. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexAchievementList"];
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
    "nex.checkIns.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Today's check-in. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCheckIn"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.collaborations.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Which side the caller is on.
                 * @example sent
                 */
                direction?: "received" | "sent";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of requests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCollaborationList"];
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
    "nex.collaborations.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateCollaborationRequest"];
            };
        };
        responses: {
            /** @description The request, pending. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCollaboration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.collaborations.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The collaboration request's id.
                 * @example 5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCollaboration"];
                };
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
    "nex.collaborations.accept": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The collaboration request's id.
                 * @example 5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCollaborationAnswer"];
            };
        };
        responses: {
            /** @description The request after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCollaboration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.collaborations.decline": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The collaboration request's id.
                 * @example 5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCollaborationAnswer"];
            };
        };
        responses: {
            /** @description The request after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCollaboration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.collaborations.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The collaboration request's id.
                 * @example 5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCollaborationAnswer"];
            };
        };
        responses: {
            /** @description The request after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCollaboration"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.artworks.view": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The artwork's id.
                 * @example 6a1f0c2e-9b8d-4e7f-a6c5-3d2b1a0f9e8d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; counted within a minute. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.artworks.popular": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this category and its descendants.
                 * @example illustration
                 */
                category?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of artworks. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexArtworkList"];
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
    "nex.creators.stats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The creator's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistics. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCreatorStats"];
                };
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
    "nex.payments.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The payment's id.
                 * @example 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexPayment"];
                };
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
    "nex.payments.simulate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The payment's id.
                 * @example 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexSimulatePaymentRequest"];
            };
        };
        responses: {
            /** @description The payment after the event. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexPayment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.payments.webhook": {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, as Stripe sends it.
                 * @example t=1795424400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
                 */
                "stripe-signature": string;
            };
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexPaymentWebhookReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.transactions.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
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
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTransactionList"];
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
    "nex.balance.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The balances. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexBalance"];
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
    "nex.withdrawals.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of withdrawals. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexWithdrawalList"];
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
    "nex.withdrawals.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateWithdrawalRequest"];
            };
        };
        responses: {
            /** @description The withdrawal, `requested`. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexWithdrawal"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.withdrawals.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The withdrawal's id.
                 * @example 4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The withdrawal. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexWithdrawal"];
                };
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
    "nex.products.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this creator's products.
                 * @example yuki_draws
                 */
                seller?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of products. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexProductList"];
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
    "nex.products.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateProductRequest"];
            };
        };
        responses: {
            /** @description The product, active. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexProduct"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.products.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The product's id.
                 * @example 4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexProduct"];
                };
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
    "nex.products.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The product's id.
                 * @example 4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateProductRequest"];
            };
        };
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexProduct"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.orders.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Which side the caller is on.
                 * @example seller
                 */
                role?: "buyer" | "seller";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrderList"];
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
    "nex.orders.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateOrderRequest"];
            };
        };
        responses: {
            /** @description The order, pending payment. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.orders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The order's id.
                 * @example 2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrder"];
                };
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
    "nex.orders.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The order's id.
                 * @example 2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.orders.ship": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The order's id.
                 * @example 2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.orders.deliver": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The order's id.
                 * @example 2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.orders.refund": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The order's id.
                 * @example 2f3e4d5c-6b7a-4980-8a1b-2c3d4e5f6a7b
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order after the transition. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexOrder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.events.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this organizer’s events.
                 * @example yuki_draws
                 */
                organizer?: string;
                /**
                 * @description Only events in this status; `draft` lists the caller’s own drafts.
                 * @example published
                 */
                status?: "draft" | "published" | "completed" | "canceled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEventList"];
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
    "nex.events.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateEventRequest"];
            };
        };
        responses: {
            /** @description The draft. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.events.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEvent"];
                };
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
    "nex.events.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.events.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateEventRequest"];
            };
        };
        responses: {
            /** @description The event. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.events.publish": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event after the move. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.events.complete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event after the move. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.events.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event after the move. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.ticketTypes.list": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Its ticket types. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicketTypeList"];
                };
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
    "nex.ticketTypes.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateTicketTypeRequest"];
            };
        };
        responses: {
            /** @description The ticket type. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicketType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.ticketTypes.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The ticket type's id.
                 * @example 7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateTicketTypeRequest"];
            };
        };
        responses: {
            /** @description The ticket type. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicketType"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.referrals.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of codes. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexReferralList"];
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
    "nex.referrals.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateReferralRequest"];
            };
        };
        responses: {
            /** @description The code. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexReferral"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.referrals.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The referral code.
                 * @example yuki-sunset
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexReferral"];
                };
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
    "nex.referrals.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The referral code.
                 * @example yuki-sunset
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateReferralRequest"];
            };
        };
        responses: {
            /** @description The code. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexReferral"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.referrals.qr": {
        parameters: {
            query?: {
                /**
                 * @description The image format (default `svg`).
                 * @example png
                 */
                format?: "svg" | "png";
            };
            header?: never;
            path: {
                /**
                 * @description The referral code.
                 * @example yuki-sunset
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The QR image. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": Blob;
                    "image/png": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.referrals.visit": {
        parameters: {
            query?: {
                /**
                 * @description `qr` when reached through the QR code.
                 * @example qr
                 */
                src?: "link" | "qr";
            };
            header?: never;
            path: {
                /**
                 * @description The referral code.
                 * @example yuki-sunset
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the referred resource. */
            302: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.referrals.conversions.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The referral code.
                 * @example yuki-sunset
                 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of conversions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexReferralConversionList"];
                };
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
    "nex.streams.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of streams. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStreamList"];
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
    "nex.streams.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateStreamRequest"];
            };
        };
        responses: {
            /** @description The stream, with its stream key. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCreatedStream"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStream"];
                };
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
    "nex.streams.start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStream"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.end": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStream"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stream. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStream"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.donations.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of donations. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexDonationList"];
                };
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
    "nex.streams.donations.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateDonationRequest"];
            };
        };
        responses: {
            /** @description The donation, pending. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexCreatedDonation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.key.rotate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new key. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStreamKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.ingestEvents.create": {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
                 * @example t=1795424400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
                 */
                "nex-ingest-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexStreamIngestEvent"];
            };
        };
        responses: {
            /** @description The stream, moved. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexStream"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.streams.events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Resume after this event id.
                 * @example 12
                 */
                "last-event-id"?: number;
            };
            path: {
                /**
                 * @description The stream's id.
                 * @example 8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5f6e
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["NexStreamEventStream"];
                };
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
    "nex.ticketOrders.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateTicketOrderRequest"];
            };
        };
        responses: {
            /** @description The order. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicketOrder"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.ticketOrders.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The ticket order's id.
                 * @example 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicketOrder"];
                };
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
    "nex.tickets.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tickets. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicketList"];
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
    "nex.tickets.qr": {
        parameters: {
            query?: {
                /**
                 * @description The image format (default `svg`).
                 * @example png
                 */
                format?: "svg" | "png";
            };
            header?: never;
            path: {
                /**
                 * @description The ticket's id.
                 * @example 0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The QR image. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": Blob;
                    "image/png": Blob;
                };
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
    "nex.tickets.checkIn": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The event's id.
                 * @example 3e9a1c7b-2d4f-4a8e-9b6c-5f0d1e2a3b4c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCheckInRequest"];
            };
        };
        responses: {
            /** @description The ticket, checked in. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexTicket"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description `me`: only the groups the caller is a member of.
                 * @example me
                 */
                member?: "me";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of groups. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupList"];
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
    "nex.groups.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateGroupRequest"];
            };
        };
        responses: {
            /** @description The group. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroup"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroup"];
                };
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
    "nex.groups.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The group is gone. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.groups.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexUpdateGroupRequest"];
            };
        };
        responses: {
            /** @description The updated group. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroup"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.join": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's membership. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupMember"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.leave": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller is not a member. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.transfer": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexGroupTransferRequest"];
            };
        };
        responses: {
            /** @description The group under its new owner. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroup"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.members.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of members. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupMemberList"];
                };
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
    "nex.groups.members.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
                /**
                 * @description The member's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The creator is no longer a member. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.members.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
                /**
                 * @description The member's username (any case).
                 * @example yuki_draws
                 */
                username: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexGroupRoleRequest"];
            };
        };
        responses: {
            /** @description The membership. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupMember"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groups.invitations.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexGroupInviteRequest"];
            };
        };
        responses: {
            /** @description The invitation. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupInvitation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groupInvitations.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of invitations. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupInvitationList"];
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
    "nex.groupInvitations.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The invitation's id.
                 * @example 9f0a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitation is gone. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "nex.groups.joinRequests.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only requests in this state (default `pending`).
                 * @example declined
                 */
                status?: "pending" | "approved" | "declined" | "canceled";
            };
            header?: never;
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of join requests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupJoinRequestList"];
                };
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
    "nex.groups.joinRequests.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The group's id.
                 * @example 7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NexCreateGroupJoinRequest"];
            };
        };
        responses: {
            /** @description The pending request. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupJoinRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groupJoinRequests.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of join requests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupJoinRequestList"];
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
    "nex.groupJoinRequests.approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The join request's id.
                 * @example 0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request after the move. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupJoinRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groupJoinRequests.decline": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The join request's id.
                 * @example 0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request after the move. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupJoinRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "nex.groupJoinRequests.cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The join request's id.
                 * @example 0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request after the move. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NexGroupJoinRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.plugins.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description The tier, which is also the plan of the plan catalogue that sets its quotas.
                 *
                 *     - `free`: costs nothing; the `free` plan limits apply
                 *     - `pro`: paid; the `pro` plan limits apply
                 *     - `enterprise`: paid, for organisations; unlimited usage
                 *     - `addon`: extends a base plugin (`requiresPlugin`), which the subscriber must already have
                 * @example pro
                 */
                tier?: "free" | "pro" | "enterprise" | "addon";
                /**
                 * @description A category slug.
                 * @example codegen
                 */
                category?: string;
                /**
                 * @description Only verified (`true`) or unverified (`false`) plugins.
                 * @example true
                 */
                verified?: "true" | "false";
                /**
                 * @description Only featured (`true`) or other (`false`) plugins.
                 * @example true
                 */
                featured?: "true" | "false";
                /**
                 * @description The order (default `newest`); ties go newest first.
                 *
                 *     - `newest`: most recently published first
                 *     - `downloads`: most subscribed first
                 *     - `rating`: best rated first
                 * @example downloads
                 */
                sort?: "newest" | "downloads" | "rating";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of plugins. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiPluginList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.plugins.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiCreatePluginRequest"];
            };
        };
        responses: {
            /** @description The published plugin. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiPlugin"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.plugins.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plugin. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiPlugin"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.plugins.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiUpdatePluginRequest"];
            };
        };
        responses: {
            /** @description The updated plugin. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiPlugin"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.plugins.curate": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiPluginCurationRequest"];
            };
        };
        responses: {
            /** @description The plugin. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiPlugin"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.reviews.put": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiReviewRequest"];
            };
        };
        responses: {
            /** @description The review. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiReview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.reviews.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller has no review of the plugin. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "miyabi.reviews.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reviews. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiReviewList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.subscriptions.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiSubscribeRequest"];
            };
        };
        responses: {
            /** @description The subscription started, with its licence. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiSubscribeResult"];
                };
            };
            /** @description A checkout to pay; the subscription starts once paid. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiSubscribeResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.licenses.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The plugin's id.
                 * @example acme-release-notes
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The licence. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiLicense"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.licenses.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only the licences of this plugin.
                 * @example miyabi-codegen
                 */
                plugin?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of licences. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiLicenseList"];
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
    "miyabi.licenses.revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The licence's id.
                 * @example 7f3b9c2e-1a4d-4e6f-8b0c-9d2e3f4a5b6c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked licence. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiLicense"];
                };
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
    "miyabi.licenses.jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key set. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiJwks"];
                };
            };
            400: components["responses"]["BadRequest"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.licenseRevocations.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this plugin's revocations.
                 * @example miyabi-codegen
                 */
                plugin?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of revocations. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiLicenseRevocationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.licenseKeys.rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new signing key. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiSigningKey"];
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
    "miyabi.usageEvents.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this plugin.
                 * @example miyabi-codegen
                 */
                plugin?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiUsageEventList"];
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
    "miyabi.usageEvents.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A licence (`MiyabiLicense.token`) instead of `Authorization`.
                 * @example eyJhbGciOiJFZERTQSJ9.eyJwbHVnaW4iOiJtaXlhYmktY29kZWdlbiJ9.c2lnbmF0dXJl
                 */
                "x-miyabi-license"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiUsageBatch"];
            };
        };
        responses: {
            /** @description What the batch counted. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiUsageReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.usage.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only this plugin.
                 * @example miyabi-codegen
                 */
                plugin?: string;
                /**
                 * @description The first month, `YYYY-MM`.
                 * @example 2026-11
                 */
                fromMonth?: string;
                /**
                 * @description The last month, `YYYY-MM`.
                 * @example 2026-12
                 */
                toMonth?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of monthly aggregates. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiUsageAggregateList"];
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
    "miyabi.repositories.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only active (`true`) or only inactive (`false`) repositories.
                 * @example true
                 */
                active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of repositories. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiRepositoryList"];
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
    "miyabi.repositories.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiCreateRepositoryRequest"];
            };
        };
        responses: {
            /** @description Connected. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiRepository"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.repositories.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The repository's id.
                 * @example 4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The repository. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiRepository"];
                };
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
    "miyabi.repositories.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The repository's id.
                 * @example 4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disconnected. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "miyabi.repositories.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The repository's id.
                 * @example 4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiUpdateRepositoryRequest"];
            };
        };
        responses: {
            /** @description The changed repository. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiRepository"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.repositories.events.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The repository's id.
                 * @example 4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiRepositoryEventList"];
                };
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
    "miyabi.webhooks.github": {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description `sha256=<hex HMAC-SHA256 of the raw body>`, as GitHub sends it.
                 * @example sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17
                 */
                "x-hub-signature-256": string;
                /**
                 * @description GitHub's id of this delivery (a redelivery keeps it).
                 * @example 72d3162e-cc78-11e3-81ab-4c9367dc0958
                 */
                "x-github-delivery": string;
                /**
                 * @description The event name, e.g. `push`, `issues`, `pull_request`, `ping`.
                 * @example issues
                 */
                "x-github-event": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiGitHubWebhookPayload"];
            };
        };
        responses: {
            /** @description Received. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiGitHubWebhookReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.agentExecutions.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only executions in this status.
                 * @example running
                 */
                status?: "pending" | "running" | "completed" | "failed";
                /**
                 * @description Only this agent.
                 * @example Review
                 */
                agentType?: "Coordinator" | "CodeGen" | "Review" | "Deployment" | "PR" | "Issue";
                /**
                 * @description Only executions on this repository.
                 * @example 4b7e2d1a-3c5f-4e8a-9b0c-1d2e3f4a5b6c
                 */
                repositoryId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of executions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiAgentExecutionList"];
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
    "miyabi.agentExecutions.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiCreateAgentExecutionRequest"];
            };
        };
        responses: {
            /** @description Queued. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Yorozu-Quota-Remaining": components["headers"]["QuotaRemaining"];
                    "Yorozu-Quota-Reset": components["headers"]["QuotaReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiAgentExecution"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.agentExecutions.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The agent execution's id.
                 * @example 9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiAgentExecution"];
                };
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
    "miyabi.agentExecutions.events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Resume after this event id.
                 * @example 2
                 */
                "last-event-id"?: number;
            };
            path: {
                /**
                 * @description The agent execution's id.
                 * @example 9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["MiyabiAgentExecutionEventStream"];
                };
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
    "miyabi.workflows.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Whose workflows: `me` (default; needs credentials) or `anyone` (public ones and mine).
                 * @example anyone
                 */
                owner?: "me" | "anyone";
                /**
                 * @description Only templates (`true`) or only other workflows.
                 * @example true
                 */
                template?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workflows. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiWorkflowList"];
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
    "miyabi.workflows.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiCreateWorkflowRequest"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiWorkflow"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.workflows.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workflow. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiWorkflow"];
                };
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
    "miyabi.workflows.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
    "miyabi.workflows.update": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiUpdateWorkflowRequest"];
            };
        };
        responses: {
            /** @description The changed workflow. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiWorkflow"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.workflows.runs.create": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes retries safe: a replay within 24 h with the same credential returns the first response; from another credential it is a new request. The same key with another request is 422, and while the first is still running, 409. Printable ASCII, 1 to 255 characters; a UUID is a good choice.
                 * @example 5b0e7a58-6d1f-4c41-9d0e-8a3f3f1c2b7e
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The workflow's id.
                 * @example 7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiCreateWorkflowRunRequest"];
            };
        };
        responses: {
            /** @description Started. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiWorkflowRun"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            402: components["responses"]["QuotaExceeded"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["IdempotencyKeyMismatch"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.workflowRuns.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The workflow run's id.
                 * @example 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiWorkflowRun"];
                };
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
    "miyabi.workflowRuns.events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Resume after this event id.
                 * @example 1
                 */
                "last-event-id"?: number;
            };
            path: {
                /**
                 * @description The workflow run's id.
                 * @example 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d
                 */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["MiyabiWorkflowRunEventStream"];
                };
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
    "miyabi.events.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
                /**
                 * @description Only events of this repository.
                 * @example 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e
                 */
                repositoryId?: string;
                /**
                 * @description Only events of this type.
                 * @example agent_execution
                 */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiEventList"];
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
    "miyabi.events.stream": {
        parameters: {
            query?: {
                /**
                 * @description `true` (the default) keeps the stream open for new messages; `false` ends it after the replay.
                 * @example false
                 */
                follow?: "true" | "false";
            };
            header?: {
                /**
                 * @description Resume after this event id.
                 * @example 7
                 */
                "last-event-id"?: number;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["MiyabiEventStream"];
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
    "miyabi.line.webhook": {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Base64 HMAC-SHA256 of the raw body under the channel secret, as LINE sends it.
                 * @example Q8K6tiZfSfRHMyDpqzl2ZcrdN4S5Hhjc2eKdB4RBTDY=
                 */
                "x-line-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiLineWebhookBody"];
            };
        };
        responses: {
            /** @description The events were received. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiLineWebhookReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.line.linkCodes.create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiLineLinkCode"];
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
    "miyabi.identities.list": {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1 to 100 (default 20).
                 * @example 20
                 */
                limit?: number;
                /**
                 * @description The `nextCursor` of the previous page; leave it out for the first page. Opaque, and only valid with the same filters.
                 * @example WyJhcGkta2V5cyIsIjIwMjYtMTEtMzBUMDk6MDA6MDAuMDAwWiIsIjBiOWY2YzFlLTNkMGEtNGY1NS05YjFlLTJmM2M0ZDVlNmY3MCJd
                 */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of identities. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiIdentityList"];
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
    "miyabi.identities.authorizations.create": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The provider: `github` or `line`.
                 * @example github
                 */
                provider: "github" | "line";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The authorization URL. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiIdentityAuthorization"];
                };
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
    "miyabi.identities.callback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The provider: `github` or `line`.
                 * @example github
                 */
                provider: "github" | "line";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MiyabiIdentityCallback"];
            };
        };
        responses: {
            /** @description The linked identity. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MiyabiIdentity"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["Internal"];
            503: components["responses"]["Unavailable"];
        };
    };
    "miyabi.identities.delete": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The provider: `github` or `line`.
                 * @example github
                 */
                provider: "github" | "line";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlinked. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    "RateLimit-Limit": components["headers"]["RateLimitLimit"];
                    "RateLimit-Remaining": components["headers"]["RateLimitRemaining"];
                    "RateLimit-Reset": components["headers"]["RateLimitReset"];
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
}
