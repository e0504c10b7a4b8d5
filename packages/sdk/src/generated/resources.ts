// Generated from spec/openapi.json by scripts/generate.ts: do not edit.
// Regenerate with `npm run spec` (packages/sdk); CI runs `npm run spec:check`.

import type { ListMethod, Method, UrlMethod } from '../resource';
import type { operations } from './schema';

/** The first absolute `servers` URL of the spec. */
export const defaultBaseUrl: string | undefined = "http://127.0.0.1:3000";

/** The API version the SDK was generated from (`info.version`). */
export const apiVersion = "0.1.0";

/**
 * One `[method, path, flags?, queryNames?]` tuple per operationId, nested by its dotted name,
 * or `0` where the tuple follows from the names (see `conventional` in src/resource.ts).
 * Flags: 1 = cursor-paginated list, 2 = JSON object body (its fields sit beside the path and
 * query parameters), 4 = other JSON body (passed as `body`), 8 = answers an event stream,
 * 16 = answers another non-JSON body (a Blob), 32 = takes a non-JSON body (bytes as `body`),
 * 64 = answers no body, 128 = answers a redirect (the member, named `<verb>Url`, builds its URL).
 */
export const table = {
  auth: {
    signup: ["POST", "/v1/auth/signup", 2],
    login: ["POST", "/v1/auth/login", 2],
    refresh: ["POST", "/v1/auth/refresh", 2],
    logout: ["POST", "/v1/auth/logout", 66],
    oauth: {
      startUrl: ["GET", "/v1/auth/oauth/{provider}/start", 128],
    },
  },
  me: {
    get: ["GET", "/v1/me"],
    update: ["PATCH", "/v1/me", 2],
    identities: {
      list: 0,
      delete: 0,
    },
    profile: {
      get: ["GET", "/v1/me/profile"],
      update: ["PATCH", "/v1/me/profile", 2],
    },
    follows: {
      list: 0,
    },
  },
  profiles: {
    get: ["GET", "/v1/profiles/{handle}"],
    follow: ["POST", "/v1/profiles/{handle}/follow"],
    unfollow: ["DELETE", "/v1/profiles/{handle}/follow", 64],
  },
  apiKeys: {
    list: 0,
    create: 0,
    delete: 0,
  },
  auditLog: {
    list: 0,
  },
  usage: {
    list: ["GET", "/v1/usage"],
    ledger: {
      list: 0,
    },
  },
  plans: {
    list: ["GET", "/v1/plans"],
  },
  subscriptions: {
    list: 0,
    cancel: ["POST", "/v1/subscriptions/{id}/cancel"],
  },
  admin: {
    subscriptions: {
      update: ["PUT", "/v1/admin/accounts/{accountId}/subscriptions/{product}", 2],
    },
  },
  jobs: {
    list: 0,
    get: 0,
    cancel: ["POST", "/v1/jobs/{id}/cancel"],
    events: ["GET", "/v1/jobs/{id}/events", 8],
  },
  files: {
    list: 0,
    create: ["POST", "/v1/files", 32],
    get: ["GET", "/v1/files/{id}", 16],
    delete: 0,
  },
  studio: {
    characters: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
      update: 0,
    },
    generations: {
      list: ["GET", "/v1/studio/characters/{id}/generations", 1],
      create: ["POST", "/v1/studio/characters/{id}/generations", 2],
      get: 0,
    },
    differences: {
      list: ["GET", "/v1/studio/characters/{id}/differences", 1],
      get: 0,
      delete: 0,
    },
    credits: {
      get: ["GET", "/v1/studio/credits"],
    },
    creditTransactions: {
      list: 0,
    },
    stats: {
      get: ["GET", "/v1/studio/stats"],
    },
  },
  speak: {
    profile: {
      get: ["GET", "/v1/speak/profile"],
      update: ["PUT", "/v1/speak/profile", 2],
    },
    languages: {
      list: 0,
      get: ["GET", "/v1/speak/languages/{code}"],
      update: ["PUT", "/v1/speak/languages/{code}", 2],
    },
    scripts: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
    },
    conversations: {
      list: 0,
      create: 0,
      get: 0,
      end: ["POST", "/v1/speak/conversations/{id}/end", 2],
      events: ["GET", "/v1/speak/conversations/{id}/events", 8],
    },
    messages: {
      list: ["GET", "/v1/speak/conversations/{id}/messages", 1],
      create: ["POST", "/v1/speak/conversations/{id}/messages", 2],
    },
    progress: {
      list: 0,
    },
    achievements: {
      list: ["GET", "/v1/speak/achievements"],
    },
    usage: {
      list: 0,
    },
  },
  stickers: {
    images: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
    },
    usage: {
      list: 0,
    },
  },
  nex: {
    creators: {
      create: 0,
      get: ["GET", "/v1/nex/creators/{username}"],
      update: ["PATCH", "/v1/nex/creators/{username}", 2],
      fan: ["PUT", "/v1/nex/creators/{username}/fan"],
      unfan: ["DELETE", "/v1/nex/creators/{username}/fan", 64],
      stats: ["GET", "/v1/nex/creators/{username}/stats"],
    },
    categories: {
      list: ["GET", "/v1/nex/categories"],
    },
    artworks: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
      update: 0,
      publish: ["POST", "/v1/nex/artworks/{id}/publish"],
      archive: ["POST", "/v1/nex/artworks/{id}/archive"],
      like: ["PUT", "/v1/nex/artworks/{id}/like"],
      unlike: ["DELETE", "/v1/nex/artworks/{id}/like", 64],
      view: ["POST", "/v1/nex/artworks/{id}/views", 64],
      popular: ["GET", "/v1/nex/artworks/popular", 1],
    },
    likes: {
      list: 0,
    },
    comments: {
      list: ["GET", "/v1/nex/artworks/{id}/comments", 1],
      create: ["POST", "/v1/nex/artworks/{id}/comments", 2],
      delete: 0,
      update: 0,
      hide: ["POST", "/v1/nex/comments/{id}/hide"],
      unhide: ["POST", "/v1/nex/comments/{id}/unhide"],
    },
    fans: {
      list: ["GET", "/v1/nex/creators/{username}/fans", 1],
    },
    following: {
      list: ["GET", "/v1/nex/creators/{username}/following", 1],
    },
    levels: {
      list: ["GET", "/v1/nex/levels"],
    },
    expActions: {
      list: ["GET", "/v1/nex/exp-actions"],
    },
    expLog: {
      list: 0,
    },
    achievements: {
      list: ["GET", "/v1/nex/achievements"],
    },
    checkIns: {
      create: ["POST", "/v1/nex/check-ins"],
    },
    collaborations: {
      list: 0,
      create: 0,
      get: 0,
      accept: ["POST", "/v1/nex/collaborations/{id}/accept", 2],
      decline: ["POST", "/v1/nex/collaborations/{id}/decline", 2],
      cancel: ["POST", "/v1/nex/collaborations/{id}/cancel", 2],
    },
    payments: {
      get: 0,
      simulate: ["POST", "/v1/nex/payments/{id}/simulate", 2],
    },
    transactions: {
      list: 0,
    },
    balance: {
      get: ["GET", "/v1/nex/balance"],
    },
    withdrawals: {
      list: 0,
      create: 0,
      get: 0,
    },
    products: {
      list: 0,
      create: 0,
      get: 0,
      update: 0,
    },
    orders: {
      list: 0,
      create: 0,
      get: 0,
      cancel: ["POST", "/v1/nex/orders/{id}/cancel"],
      ship: ["POST", "/v1/nex/orders/{id}/ship"],
      deliver: ["POST", "/v1/nex/orders/{id}/deliver"],
      refund: ["POST", "/v1/nex/orders/{id}/refund"],
    },
    events: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
      update: 0,
      publish: ["POST", "/v1/nex/events/{id}/publish"],
      complete: ["POST", "/v1/nex/events/{id}/complete"],
      cancel: ["POST", "/v1/nex/events/{id}/cancel"],
    },
    ticketTypes: {
      list: ["GET", "/v1/nex/events/{id}/ticket-types"],
      create: ["POST", "/v1/nex/events/{id}/ticket-types", 2],
      update: 0,
    },
    referrals: {
      list: 0,
      create: 0,
      get: ["GET", "/v1/nex/referrals/{code}"],
      update: ["PATCH", "/v1/nex/referrals/{code}", 2],
      qr: ["GET", "/v1/nex/referrals/{code}/qr", 16],
      visitUrl: ["GET", "/r/{code}", 128],
      conversions: {
        list: ["GET", "/v1/nex/referrals/{code}/conversions", 1],
      },
    },
    streams: {
      list: 0,
      create: 0,
      get: 0,
      update: 0,
      start: ["POST", "/v1/nex/streams/{id}/start"],
      end: ["POST", "/v1/nex/streams/{id}/end"],
      cancel: ["POST", "/v1/nex/streams/{id}/cancel"],
      donations: {
        list: ["GET", "/v1/nex/streams/{id}/donations", 1],
        create: ["POST", "/v1/nex/streams/{id}/donations", 2],
      },
      key: {
        rotate: ["POST", "/v1/nex/streams/{id}/key"],
      },
      events: ["GET", "/v1/nex/streams/{id}/events", 8],
    },
    ticketOrders: {
      create: 0,
      get: 0,
    },
    tickets: {
      list: 0,
      qr: ["GET", "/v1/nex/tickets/{id}/qr", 16],
      checkIn: ["POST", "/v1/nex/events/{id}/check-ins", 2],
    },
    groups: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
      update: 0,
      join: ["POST", "/v1/nex/groups/{id}/join"],
      leave: ["POST", "/v1/nex/groups/{id}/leave", 64],
      transfer: ["POST", "/v1/nex/groups/{id}/transfer", 2],
      members: {
        list: ["GET", "/v1/nex/groups/{id}/members", 1],
        delete: ["DELETE", "/v1/nex/groups/{id}/members/{username}", 64],
        update: ["PATCH", "/v1/nex/groups/{id}/members/{username}", 2],
      },
      invitations: {
        create: ["POST", "/v1/nex/groups/{id}/invitations", 2],
      },
      joinRequests: {
        list: ["GET", "/v1/nex/groups/{id}/join-requests", 1],
        create: ["POST", "/v1/nex/groups/{id}/join-requests", 2],
      },
    },
    groupInvitations: {
      list: 0,
      delete: 0,
    },
    groupJoinRequests: {
      list: 0,
      approve: ["POST", "/v1/nex/group-join-requests/{id}/approve"],
      decline: ["POST", "/v1/nex/group-join-requests/{id}/decline"],
      cancel: ["POST", "/v1/nex/group-join-requests/{id}/cancel"],
    },
  },
  miyabi: {
    plugins: {
      list: 0,
      create: 0,
      get: 0,
      update: 0,
      curate: ["PUT", "/v1/miyabi/plugins/{id}/curation", 2],
    },
    reviews: {
      put: ["PUT", "/v1/miyabi/plugins/{id}/review", 2],
      delete: ["DELETE", "/v1/miyabi/plugins/{id}/review", 64],
      list: ["GET", "/v1/miyabi/plugins/{id}/reviews", 1],
    },
    subscriptions: {
      create: ["POST", "/v1/miyabi/plugins/{id}/subscription", 2],
    },
    licenses: {
      create: ["POST", "/v1/miyabi/plugins/{id}/license"],
      list: 0,
      revoke: ["POST", "/v1/miyabi/licenses/{id}/revoke"],
      jwks: ["GET", "/v1/miyabi/.well-known/jwks.json"],
    },
    licenseRevocations: {
      list: 0,
    },
    licenseKeys: {
      rotate: ["POST", "/v1/miyabi/license-keys"],
    },
    usageEvents: {
      list: 0,
      create: 0,
    },
    usage: {
      list: 0,
    },
    repositories: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
      update: 0,
      events: {
        list: ["GET", "/v1/miyabi/repositories/{id}/events", 1],
      },
    },
    agentExecutions: {
      list: 0,
      create: 0,
      get: 0,
      events: ["GET", "/v1/miyabi/agent-executions/{id}/events", 8],
    },
    workflows: {
      list: 0,
      create: 0,
      get: 0,
      delete: 0,
      update: 0,
      runs: {
        create: ["POST", "/v1/miyabi/workflows/{id}/runs", 2],
      },
    },
    workflowRuns: {
      get: 0,
      events: ["GET", "/v1/miyabi/workflow-runs/{id}/events", 8],
    },
    events: {
      list: 0,
      stream: ["GET", "/v1/miyabi/events/stream", 8],
    },
    line: {
      linkCodes: {
        create: ["POST", "/v1/miyabi/line/link-codes"],
      },
    },
    identities: {
      list: 0,
      authorizations: {
        create: ["POST", "/v1/miyabi/identities/{provider}/authorizations"],
      },
      callback: ["POST", "/v1/miyabi/identities/{provider}/callback", 2],
      delete: ["DELETE", "/v1/miyabi/identities/{provider}", 64],
    },
  },
};

/** Every operation of the spec as a typed method, named by its operationId. */
export interface Resources {
  auth: {
    /**
     * Create an account and sign in
     *
     * Creates the account on every product's free plan and answers with its first tokens. An email already in use is a 409. Repeated attempts are rate-limited.
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
     * Signs out: the refresh token and every token rotated from the same login stop working. Access tokens already issued stay valid until they expire (15 minutes).
     *
     * `POST /v1/auth/logout` (`auth.logout`)
     */
    logout: Method<operations['auth.logout']>;
    oauth: {
      /**
       * Start signing in with GitHub or Google
       *
       * Open this URL in the user's browser (the SDK's `client.auth.oauth.startUrl({ provider })` builds it). It answers `302` to the provider's consent page with a fresh `state`, a PKCE `S256` code challenge and, for OpenID Connect, a `nonce`, and sets a sealed cookie (10 minutes) that binds them to this browser. The provider then sends the browser to `/v1/auth/oauth/{provider}/callback`. A provider that is not configured on the server is 404 `oauth_provider_not_configured`.
       *
       * `GET /v1/auth/oauth/{provider}/start` (`auth.oauth.start`)
       *
       * Returns the URL to open in the browser (a string); nothing is fetched.
       */
      startUrl: UrlMethod<operations['auth.oauth.start']>;
    };
  };
  me: {
    /**
     * Get the calling account
     *
     * The account the credentials belong to: with an API key, the account that created the key.
     *
     * Requires scope `me:read`.
     *
     * `GET /v1/me` (`me.get`)
     */
    get: Method<operations['me.get']>;
    /**
     * Rename the calling account
     *
     * Changes the display name. Email and role are not changed here.
     *
     * Requires scope `me:write`.
     *
     * `PATCH /v1/me` (`me.update`)
     */
    update: Method<operations['me.update']>;
    identities: {
      /**
       * List linked sign-in identities, newest first
       *
       * The GitHub and Google accounts that sign in to this account (linked by signing in with them). No provider token is kept.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `me:read`.
       *
       * `GET /v1/me/identities` (`me.identities.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['me.identities.list']>;
      /**
       * Unlink a sign-in identity
       *
       * The identity no longer signs in to this account. Refused with 409 `last_sign_in_method` when it is the only way in (no password and no other identity).
       *
       * Requires scope `me:write`.
       *
       * `DELETE /v1/me/identities/{id}` (`me.identities.delete`)
       */
      delete: Method<operations['me.identities.delete']>;
    };
    profile: {
      /**
       * Get the caller's profile
       *
       * The caller's profile, published or not; an account that never set one gets an empty private profile.
       *
       * Requires scope `me:read`.
       *
       * `GET /v1/me/profile` (`me.profile.get`)
       */
      get: Method<operations['me.profile.get']>;
      /**
       * Change the caller's profile
       *
       * Sets the fields sent. A handle taken by another profile (ignoring case) is 409. `visibility: "public"` needs a handle (400). The avatar must be one of the caller's files (400 otherwise).
       *
       * Requires scope `me:write`.
       *
       * `PATCH /v1/me/profile` (`me.profile.update`)
       */
      update: Method<operations['me.profile.update']>;
    };
    follows: {
      /**
       * List follows from or to the caller, newest first
       *
       * `direction=following`: the profiles the caller follows; `direction=followers`: the accounts that follow the caller.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `me:read`.
       *
       * `GET /v1/me/follows` (`me.follows.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['me.follows.list']>;
    };
  };
  profiles: {
    /**
     * Get a public profile
     *
     * Anyone may call this, with or without credentials. A profile that is not public answers 404 like a handle nobody has, except to its owner.
     *
     * Credentials are optional: without them only public data is visible; with them, they need scope `me:read`.
     *
     * `GET /v1/profiles/{handle}` (`profiles.get`)
     */
    get: Method<operations['profiles.get']>;
    /**
     * Follow a public profile
     *
     * Adds the caller to the profile's followers (once; following again changes nothing) and counts it in its `followerCount`. Your own profile cannot be followed (409).
     *
     * Requires scope `profiles:write`.
     *
     * `POST /v1/profiles/{handle}/follow` (`profiles.follow`)
     */
    follow: Method<operations['profiles.follow']>;
    /**
     * Stop following a profile
     *
     * Removes the caller's follow; 404 when the caller does not follow a profile with that handle.
     *
     * Requires scope `profiles:write`.
     *
     * `DELETE /v1/profiles/{handle}/follow` (`profiles.unfollow`)
     */
    unfollow: Method<operations['profiles.unfollow']>;
  };
  apiKeys: {
    /**
     * List API keys, newest first
     *
     * The account's keys, revoked ones included, without their secrets.
     *
     * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
     *
     * Requires scope `api-keys:read`.
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
     * Requires scope `api-keys:write`.
     *
     * `POST /v1/api-keys` (`apiKeys.create`)
     */
    create: Method<operations['apiKeys.create']>;
    /**
     * Revoke an API key
     *
     * The key fails from the very next request on.
     *
     * Requires scope `api-keys:write`.
     *
     * `DELETE /v1/api-keys/{id}` (`apiKeys.delete`)
     */
    delete: Method<operations['apiKeys.delete']>;
  };
  auditLog: {
    /**
     * List the account's audit log, newest first
     *
     * Every successful request that changed something in the account: who, what, when and from where.
     *
     * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
     *
     * Requires scope `audit-log:read`.
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
     * Requires scope `usage:read`.
     *
     * `GET /v1/usage` (`usage.list`)
     */
    list: Method<operations['usage.list']>;
    ledger: {
      /**
       * List spends and refunds of quota, newest first
       *
       * The append-only record behind `GET /v1/usage`, filtered by product, metric and time.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `usage:read`.
       *
       * `GET /v1/usage/ledger` (`usage.ledger.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['usage.ledger.list']>;
    };
  };
  plans: {
    /**
     * List every plan with its price and limits
     *
     * The whole catalogue (it is small, so it comes in one response), for a pricing page or a CLI.
     *
     * Credentials are optional: without them only public data is visible.
     *
     * `GET /v1/plans` (`plans.list`)
     */
    list: Method<operations['plans.list']>;
  };
  subscriptions: {
    /**
     * List the account's subscriptions, newest first
     *
     * Every subscription the account has or had, ended ones included. A product without one is on its `free` plan.
     *
     * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
     *
     * Requires scope `subscriptions:read`.
     *
     * `GET /v1/subscriptions` (`subscriptions.list`)
     *
     * Returns a page promise: `await` it for the first page, `for await` it for every item,
     * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
     */
    list: ListMethod<operations['subscriptions.list']>;
    /**
     * Cancel a subscription at the end of its period
     *
     * Sets `cancelAtPeriodEnd`: the plan stays until `currentPeriodEnd`, then the subscription ends and the
     * product (or plugin) is back on its `free` plan; nothing is refunded. A subscription Stripe bills is canceled
     * at Stripe too (503 when this server has no Stripe API key). One without a billing period (set by an admin)
     * ends at once. Canceling again, or canceling an ended subscription, changes nothing and answers the same.
     *
     * Requires scope `subscriptions:write`.
     *
     * `POST /v1/subscriptions/{id}/cancel` (`subscriptions.cancel`)
     */
    cancel: Method<operations['subscriptions.cancel']>;
  };
  admin: {
    subscriptions: {
      /**
       * Set an account's plan for a product
       *
       * Admin role only (403 for other accounts, whatever the id). The subscription becomes `active` on the plan, not set to cancel; the new limits apply to the very next spend. Stripe ids are kept, and a later Stripe event may change the plan again.
       *
       * Requires scope `admin:write`.
       *
       * `PUT /v1/admin/accounts/{accountId}/subscriptions/{product}` (`admin.subscriptions.update`)
       */
      update: Method<operations['admin.subscriptions.update']>;
    };
  };
  jobs: {
    /**
     * List jobs, newest first
     *
     * The account's jobs, newest first, optionally only those of one `status` and/or one `type`.
     *
     * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
     *
     * Requires scope `jobs:read`.
     *
     * `GET /v1/jobs` (`jobs.list`)
     *
     * Returns a page promise: `await` it for the first page, `for await` it for every item,
     * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
     */
    list: ListMethod<operations['jobs.list']>;
    /**
     * Get a job
     *
     * Where the job stands: `status`, `progress` (0 to 100), and once final its `result` or `error`. Poll it, or follow `GET /v1/jobs/{id}/events` to be told of each change.
     *
     * Requires scope `jobs:read`.
     *
     * `GET /v1/jobs/{id}` (`jobs.get`)
     */
    get: Method<operations['jobs.get']>;
    /**
     * Cancel a job
     *
     * A queued job never runs; a running one is told to stop and its outcome is discarded. Quota it reserved is refunded. Canceling a canceled job returns it unchanged; a succeeded or failed job is a 409.
     *
     * Requires scope `jobs:write`.
     *
     * `POST /v1/jobs/{id}/cancel` (`jobs.cancel`)
     */
    cancel: Method<operations['jobs.cancel']>;
    /**
     * Stream a job's changes (Server-Sent Events)
     *
     * One event per change, each with `id:` (a sequence number per job), `event: progress` while the job is queued or running and `event: final` for its final status, and `data:` the job as JSON. The stream starts with every event so far (or those after `Last-Event-ID`), sends a comment every 15 seconds, and closes after the final event; a stream resumed after the final event sends the final event again.
     *
     * Requires scope `jobs:read`.
     *
     * `GET /v1/jobs/{id}/events` (`jobs.events`)
     */
    events: Method<operations['jobs.events'], 'stream'>;
  };
  files: {
    /**
     * List files, newest first
     *
     * Uploaded files and the images products generated, without their bytes.
     *
     * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
     *
     * Requires scope `files:read`.
     *
     * `GET /v1/files` (`files.list`)
     *
     * Returns a page promise: `await` it for the first page, `for await` it for every item,
     * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
     */
    list: ListMethod<operations['files.list']>;
    /**
     * Upload a file
     *
     * Send the file itself as the body: an image (PNG, JPEG, WebP, SVG), audio (WAV, MP3, Ogg Opus/Vorbis, WebM Opus/Vorbis, M4A AAC/ALAC), video (MP4, WebM), a PDF or a ZIP archive. Its type is read from the bytes, whatever `Content-Type` says (a PNG sent as `audio/mpeg` is stored as the PNG it is). Each kind has its own size limit (by default 10 MiB for images, 50 MiB for audio and PDF, 100 MiB for ZIP, 200 MiB for video; 413 over it). An MP4 or WebM is video when its first 4 KiB list a video track (an MP4 with `moov` before `mdat`), else audio. An SVG must be well-formed XML with no scripts, event handlers, DOCTYPE or external references; an image must declare its size within the pixel limit; audio must have a readable header giving its duration, sample rate and channels, video its duration, pixel size and codec; a PDF must have its header and end-of-file marker, a ZIP its central directory. Anything else, or a file cut short, is 400 `validation_failed`.
     *
     * Requires scope `files:write`.
     *
     * `POST /v1/files` (`files.create`)
     */
    create: Method<operations['files.create']>;
    /**
     * Download a file's bytes
     *
     * Served with its sniffed `Content-Type`, `Cache-Control: private`, `X-Content-Type-Options: nosniff`, a `Content-Security-Policy` that keeps an SVG from running anything, and `Content-Disposition` with the filename given at upload (else `<id>.<extension>`). Audio can be played and seeked: one byte `Range` is answered 206 with `Content-Range` (416 past the end; several ranges get the whole file), and `If-Range` with the `ETag` keeps a resumed download from mixing two versions. An `Accept` header that excludes the file's type is 406 `not_acceptable`; without `Accept`, or with `*\/*` or `type/*`, any type is served. With the SDK: `client.files.get({ id }, { headers: { range: "bytes=0-1023" } })`.
     *
     * A file's visibility follows what owns it: the caller's own files, a file shared with the caller (a digital product it bought), and a file anyone may read (a public profile's avatar) are served, the last one without any credential; any other id is 404, exactly like a missing one.
     *
     * Credentials are optional: without them only public data is visible; with them, they need scope `files:read`.
     *
     * `GET /v1/files/{id}` (`files.get`)
     */
    get: Method<operations['files.get'], 'blob'>;
    /**
     * Delete a file
     *
     * A file that something of the account still refers to (a character, a sticker) is a 409.
     *
     * Requires scope `files:write`.
     *
     * `DELETE /v1/files/{id}` (`files.delete`)
     */
    delete: Method<operations['files.delete']>;
  };
  studio: {
    characters: {
      /**
       * List characters, newest first
       *
       * Filters combine with AND; feature filters match exact values, each through the GIN index on `features`. `include=differences` adds each character's newest difference per expression (a gallery page in one query).
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/characters` (`studio.characters.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['studio.characters.list']>;
      /**
       * Create a character
       *
       * Derives and stores the master prompt from the features. `baseImageFileId` must name a file of the calling account.
       *
       * Requires scope `studio:write`.
       *
       * `POST /v1/studio/characters` (`studio.characters.create`)
       */
      create: Method<operations['studio.characters.create']>;
      /**
       * Get a character
       *
       * Its features, the master prompt derived from them and the mean consistency of its differences.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/characters/{id}` (`studio.characters.get`)
       */
      get: Method<operations['studio.characters.get']>;
      /**
       * Delete a character
       *
       * Deletes its differences and generation batches too; credit transactions stay, without the character.
       *
       * Requires scope `studio:write`.
       *
       * `DELETE /v1/studio/characters/{id}` (`studio.characters.delete`)
       */
      delete: Method<operations['studio.characters.delete']>;
      /**
       * Rename a character
       *
       * Only the name changes: the features and the master prompt stay, so expressions keep matching.
       *
       * Requires scope `studio:write`.
       *
       * `PATCH /v1/studio/characters/{id}` (`studio.characters.update`)
       */
      update: Method<operations['studio.characters.update']>;
    };
    generations: {
      /**
       * List a character's generation batches, newest first
       *
       * Every batch of the character, newest first, whatever its status; keyset pages (see Pagination).
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/characters/{id}/generations` (`studio.generations.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['studio.generations.list']>;
      /**
       * Generate expressions of a character
       *
       * Queues one image per expression and spends one credit for the batch, whatever its size, reported in `Yorozu-Quota-Remaining` and `Yorozu-Quota-Reset`. Out of credits: 402 `quota_exceeded` with the reset date. A batch that fails gives its credit back. Send an `Idempotency-Key` to retry safely.
       *
       * Requires scope `studio:write`.
       *
       * `POST /v1/studio/characters/{id}/generations` (`studio.generations.create`)
       */
      create: Method<operations['studio.generations.create']>;
      /**
       * Get a generation batch
       *
       * A batch by its id (the 202's `batchId`): its status, how many of its expressions are drawn, and its job.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/generations/{id}` (`studio.generations.get`)
       */
      get: Method<operations['studio.generations.get']>;
    };
    differences: {
      /**
       * List a character's differences by expression
       *
       * Ordered by expression name, then newest first within an expression.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/characters/{id}/differences` (`studio.differences.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['studio.differences.list']>;
      /**
       * Get a difference
       *
       * One generated expression: its image, consistency score and how it was drawn.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/differences/{id}` (`studio.differences.get`)
       */
      get: Method<operations['studio.differences.get']>;
      /**
       * Delete a difference
       *
       * Deletes the difference and its image file. The credit it was part of is not refunded.
       *
       * Requires scope `studio:write`.
       *
       * `DELETE /v1/studio/differences/{id}` (`studio.differences.delete`)
       */
      delete: Method<operations['studio.differences.delete']>;
    };
    credits: {
      /**
       * Get the studio credits of this month
       *
       * The studio plan's monthly credits, how many are used and when they reset. The same numbers as the `studio`/`credits` entry of `GET /v1/usage`.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/credits` (`studio.credits.get`)
       */
      get: Method<operations['studio.credits.get']>;
    };
    creditTransactions: {
      /**
       * List credit transactions, newest first
       *
       * Filter by a month range with `fromMonth` and `toMonth` (`YYYY-MM`, inclusive).
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/credit-transactions` (`studio.creditTransactions.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['studio.creditTransactions.list']>;
    };
    stats: {
      /**
       * Get studio totals
       *
       * Counts and the mean consistency score across every character of the account, always current.
       *
       * Requires scope `studio:read`.
       *
       * `GET /v1/studio/stats` (`studio.stats.get`)
       */
      get: Method<operations['studio.stats.get']>;
    };
  };
  speak: {
    profile: {
      /**
       * Get the caller's learner profile
       *
       * 404 until the learner has created it with `PUT /v1/speak/profile`.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/profile` (`speak.profile.get`)
       */
      get: Method<operations['speak.profile.get']>;
      /**
       * Create or replace the caller's learner profile
       *
       * Language codes are BCP 47 tags; the timezone must be an IANA zone this server knows (400 otherwise). The current pair must be native → one of the target languages.
       *
       * Requires scope `speak:write`.
       *
       * `PUT /v1/speak/profile` (`speak.profile.update`)
       */
      update: Method<operations['speak.profile.update']>;
    };
    languages: {
      /**
       * List the learner's language settings, newest first
       *
       * One entry per language the learner has set up.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/languages` (`speak.languages.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['speak.languages.list']>;
      /**
       * Get the settings of one language
       *
       * 404 when the learner has not set the language up.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/languages/{code}` (`speak.languages.get`)
       */
      get: Method<operations['speak.languages.get']>;
      /**
       * Create or replace the settings of one language
       *
       * The running totals are the service's and stay as they are.
       *
       * Requires scope `speak:write`.
       *
       * `PUT /v1/speak/languages/{code}` (`speak.languages.update`)
       */
      update: Method<operations['speak.languages.update']>;
    };
    scripts: {
      /**
       * List scripts, newest first
       *
       * The public catalogue, plus the caller's own scripts when signed in. Filters combine with AND; `tag` matches scripts carrying that tag.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `speak:read`.
       *
       * `GET /v1/speak/scripts` (`speak.scripts.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['speak.scripts.list']>;
      /**
       * Write a private script
       *
       * Only the caller sees it and can start conversations with it.
       *
       * Requires scope `speak:write`.
       *
       * `POST /v1/speak/scripts` (`speak.scripts.create`)
       */
      create: Method<operations['speak.scripts.create']>;
      /**
       * Get a script
       *
       * A catalogue script, or one of the caller's own; another learner's private script is 404.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `speak:read`.
       *
       * `GET /v1/speak/scripts/{id}` (`speak.scripts.get`)
       */
      get: Method<operations['speak.scripts.get']>;
      /**
       * Delete one of your scripts
       *
       * Conversations that used it keep their history and lose the link. Catalogue scripts cannot be deleted (404).
       *
       * Requires scope `speak:write`.
       *
       * `DELETE /v1/speak/scripts/{id}` (`speak.scripts.delete`)
       */
      delete: Method<operations['speak.scripts.delete']>;
    };
    conversations: {
      /**
       * List conversations, newest first
       *
       * The caller's conversations; `from`/`to` bound the start time.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/conversations` (`speak.conversations.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['speak.conversations.list']>;
      /**
       * Start a conversation
       *
       * Starts a conversation, from a script or free. With a script, the partner's first line (if the script opens with one) is the first message, and the learner's first line a `script_suggestion`.
       *
       * Requires scope `speak:write`.
       *
       * `POST /v1/speak/conversations` (`speak.conversations.create`)
       */
      create: Method<operations['speak.conversations.create']>;
      /**
       * Get a conversation
       *
       * Its counts, and its scores once ended.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/conversations/{id}` (`speak.conversations.get`)
       */
      get: Method<operations['speak.conversations.get']>;
      /**
       * End a conversation
       *
       * In one transaction: its duration and heuristic scores, the progress of its target language (30-day averages, study minutes, streak in the learner's timezone, weekly minutes), the script's statistics and the achievements earned. Ending an ended conversation changes nothing and answers it as it is.
       *
       * Requires scope `speak:write`.
       *
       * `POST /v1/speak/conversations/{id}/end` (`speak.conversations.end`)
       */
      end: Method<operations['speak.conversations.end']>;
      /**
       * Stream a conversation's replies (Server-Sent Events)
       *
       * Every event so far (or those after `Last-Event-ID`), then each new one as it is written; a comment every 15 seconds; closes after `ended`. A reply retried after a worker failure may stream its deltas again under new ids.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/conversations/{id}/events` (`speak.conversations.events`)
       */
      events: Method<operations['speak.conversations.events'], 'stream'>;
    };
    messages: {
      /**
       * List a conversation's messages, newest first
       *
       * Every message type; reverse a page to show it as a chat.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/conversations/{id}/messages` (`speak.messages.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['speak.messages.list']>;
      /**
       * Send a learner turn
       *
       * Stores the turn and queues the partner's reply. A turn with audio first reserves its measured duration, rounded up to the second, from the monthly microphone quota: when it does not fit, 402 `quota_exceeded` and nothing is stored. An ended conversation is 409.
       *
       * Requires scope `speak:write`.
       *
       * `POST /v1/speak/conversations/{id}/messages` (`speak.messages.create`)
       */
      create: Method<operations['speak.messages.create']>;
    };
    progress: {
      /**
       * List progress per language, newest first
       *
       * One entry per language with an ended conversation.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/progress` (`speak.progress.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['speak.progress.list']>;
    };
    achievements: {
      /**
       * List achievements with the learner's progress
       *
       * Checked and earned when conversations end; each is earned once.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/achievements` (`speak.achievements.list`)
       */
      list: Method<operations['speak.achievements.list']>;
    };
    usage: {
      /**
       * List microphone and conversation usage per hour or day
       *
       * Hourly rows are written in the transaction that spends the microphone quota, so they agree with the ledger (`GET /v1/usage/ledger`). `granularity=day` sums them per UTC day.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `speak:read`.
       *
       * `GET /v1/speak/usage` (`speak.usage.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['speak.usage.list']>;
    };
  };
  stickers: {
    images: {
      /**
       * List rendered stickers, newest first
       *
       * The account's sticker history, filtered by rarity, attribute and creation time.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `stickers:read`.
       *
       * `GET /v1/stickers/images` (`stickers.images.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['stickers.images.list']>;
      /**
       * Render a sticker
       *
       * Spends one image of the daily quota (free 10, pro 200; resets at 00:00 UTC) and answers 202 with the job that draws it. When the account drew the same request within the cache lifetime (7 days by default), answers 201 with that image at once: no job, no quota.
       *
       * Requires scope `stickers:write`.
       *
       * `POST /v1/stickers/images` (`stickers.images.create`)
       */
      create: Method<operations['stickers.images.create']>;
      /**
       * Get a rendered sticker
       *
       * What was asked for and where the image is (`imageUrl`, `GET /v1/files/{fileId}`).
       *
       * Requires scope `stickers:read`.
       *
       * `GET /v1/stickers/images/{id}` (`stickers.images.get`)
       */
      get: Method<operations['stickers.images.get']>;
      /**
       * Delete a rendered sticker
       *
       * Deletes the image, its file and its cache entry: the same request renders anew.
       *
       * Requires scope `stickers:write`.
       *
       * `DELETE /v1/stickers/images/{id}` (`stickers.images.delete`)
       */
      delete: Method<operations['stickers.images.delete']>;
    };
    usage: {
      /**
       * List daily sticker usage, newest day first
       *
       * Only days with activity are listed. `from` and `to` are UTC days, both included.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `stickers:read`.
       *
       * `GET /v1/stickers/usage` (`stickers.usage.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['stickers.usage.list']>;
    };
  };
  nex: {
    creators: {
      /**
       * Join nex as a creator
       *
       * Creates the caller's public creator profile. Under 13 on the day of joining is 400; a username taken (ignoring case), or an account that joined already, is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/creators` (`nex.creators.create`)
       */
      create: Method<operations['nex.creators.create']>;
      /**
       * Get a creator
       *
       * Anyone may call this, with or without credentials.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/creators/{username}` (`nex.creators.get`)
       */
      get: Method<operations['nex.creators.get']>;
      /**
       * Change the caller's creator profile
       *
       * Only the profile's owner may change it; another creator's is 404. A `newUsername` already taken (ignoring case) is 409.
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/creators/{username}` (`nex.creators.update`)
       */
      update: Method<operations['nex.creators.update']>;
      /**
       * Become a fan of a creator
       *
       * Idempotent: becoming a fan again returns the same relation. Yourself is 409.
       *
       * Requires scope `nex:write`.
       *
       * `PUT /v1/nex/creators/{username}/fan` (`nex.creators.fan`)
       */
      fan: Method<operations['nex.creators.fan']>;
      /**
       * Stop being a fan of a creator
       *
       * Idempotent: 204 whether or not the caller was a fan; 404 only when no creator has that username.
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/creators/{username}/fan` (`nex.creators.unfan`)
       */
      unfan: Method<operations['nex.creators.unfan']>;
      /**
       * A creator's statistics
       *
       * Anyone may call this.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/creators/{username}/stats` (`nex.creators.stats`)
       */
      stats: Method<operations['nex.creators.stats']>;
    };
    categories: {
      /**
       * List the category tree
       *
       * The whole tree in one response (it is small). Filtering artworks by a category includes its descendants.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/nex/categories` (`nex.categories.list`)
       */
      list: Method<operations['nex.categories.list']>;
    };
    artworks: {
      /**
       * Browse and search artworks
       *
       * Anyone may call this. Filters combine with AND. Results come in the order of `sort`, ties broken newest first; `relevance` ranks title matches first, then by trigram similarity of the title to the query (a heuristic, see docs/products/nex.md).
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/artworks` (`nex.artworks.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.artworks.list']>;
      /**
       * Create an artwork (a draft)
       *
       * The caller must have joined nex (`POST /v1/nex/creators`, else 409). `fileId` must be a file of the caller and `category` a known slug (400 otherwise); `isFree`, when sent, must agree with `priceAmount`.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/artworks` (`nex.artworks.create`)
       */
      create: Method<operations['nex.artworks.create']>;
      /**
       * Get an artwork
       *
       * Anyone may read a published artwork; a draft or archived one is 404 to all but its owner.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/artworks/{id}` (`nex.artworks.get`)
       */
      get: Method<operations['nex.artworks.get']>;
      /**
       * Delete an artwork
       *
       * Deletes it with its tags, likes and comments. Only the owner may.
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/artworks/{id}` (`nex.artworks.delete`)
       */
      delete: Method<operations['nex.artworks.delete']>;
      /**
       * Change an artwork
       *
       * Only the owner may; another account's artwork is 404.
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/artworks/{id}` (`nex.artworks.update`)
       */
      update: Method<operations['nex.artworks.update']>;
      /**
       * Publish an artwork
       *
       * Makes a draft or archived artwork public. Publishing again changes nothing. The first publication earns `artwork_post` EXP. An artwork without media is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/artworks/{id}/publish` (`nex.artworks.publish`)
       */
      publish: Method<operations['nex.artworks.publish']>;
      /**
       * Archive an artwork
       *
       * Withdraws a published artwork from the public (its likes and comments stay). Archiving again changes nothing; a draft cannot be archived (409).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/artworks/{id}/archive` (`nex.artworks.archive`)
       */
      archive: Method<operations['nex.artworks.archive']>;
      /**
       * Like an artwork
       *
       * Idempotent: liking again returns the same like. Only published artworks can be liked (a draft is 404 to others); your own artwork is 409. The artwork's owner earns `like_received` EXP within its daily cap.
       *
       * Requires scope `nex:write`.
       *
       * `PUT /v1/nex/artworks/{id}/like` (`nex.artworks.like`)
       */
      like: Method<operations['nex.artworks.like']>;
      /**
       * Remove a like
       *
       * Idempotent: 204 whether or not the caller liked the artwork. EXP already earned stays.
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/artworks/{id}/like` (`nex.artworks.unlike`)
       */
      unlike: Method<operations['nex.artworks.unlike']>;
      /**
       * Record a view of an artwork
       *
       * Anyone may call this. The view is buffered and added to `viewCount` by a task that runs every minute. Only published artworks (404 otherwise).
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `POST /v1/nex/artworks/{id}/views` (`nex.artworks.view`)
       */
      view: Method<operations['nex.artworks.view']>;
      /**
       * Popular artworks
       *
       * Published artworks by popularity, the original design's weighting: 0.4 × likes + 0.3 × views + 0.3 × comments, ties newest first.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/artworks/popular` (`nex.artworks.popular`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      popular: ListMethod<operations['nex.artworks.popular']>;
    };
    likes: {
      /**
       * List likes given or received by the caller, newest first
       *
       * `direction=given` (default): the caller's likes; `direction=received`: likes on the caller's artworks.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/likes` (`nex.likes.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.likes.list']>;
    };
    comments: {
      /**
       * List an artwork's comments, newest first
       *
       * Anyone who can see the artwork may call this. Without `parentId`, the top-level comments; with it, the replies to that comment.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/artworks/{id}/comments` (`nex.comments.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.comments.list']>;
      /**
       * Comment on an artwork
       *
       * Only on a published artwork. A reply (`parentId`) carries no rating (400) and cannot answer a deleted or hidden comment (409). Earns `comment_post` EXP within its daily cap.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/artworks/{id}/comments` (`nex.comments.create`)
       */
      create: Method<operations['nex.comments.create']>;
      /**
       * Delete a comment
       *
       * Only its author. The comment stays as a `deleted` placeholder so its replies keep their thread.
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/comments/{id}` (`nex.comments.delete`)
       */
      delete: Method<operations['nex.comments.delete']>;
      /**
       * Edit a comment
       *
       * Only its author, within 15 minutes of writing it (409 after); a deleted or hidden comment is 409.
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/comments/{id}` (`nex.comments.update`)
       */
      update: Method<operations['nex.comments.update']>;
      /**
       * Hide a comment on your artwork
       *
       * Only the artwork's owner; idempotent. The comment shows as a `hidden` placeholder.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/comments/{id}/hide` (`nex.comments.hide`)
       */
      hide: Method<operations['nex.comments.hide']>;
      /**
       * Show a comment you hid
       *
       * Only the artwork's owner; idempotent.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/comments/{id}/unhide` (`nex.comments.unhide`)
       */
      unhide: Method<operations['nex.comments.unhide']>;
    };
    fans: {
      /**
       * List a creator's fans, newest first
       *
       * Anyone may call this.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/creators/{username}/fans` (`nex.fans.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.fans.list']>;
    };
    following: {
      /**
       * List the creators a creator is a fan of, newest first
       *
       * Anyone may call this.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/creators/{username}/following` (`nex.following.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.following.list']>;
    };
    levels: {
      /**
       * The level curve
       *
       * Level n needs 100·(n−1)² total EXP: 100 for level 2, 400 for level 3, 8 100 for level 10.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/nex/levels` (`nex.levels.list`)
       */
      list: Method<operations['nex.levels.list']>;
    };
    expActions: {
      /**
       * The actions that earn EXP
       *
       * Each action with its EXP and daily cap.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/nex/exp-actions` (`nex.expActions.list`)
       */
      list: Method<operations['nex.expActions.list']>;
    };
    expLog: {
      /**
       * The caller's EXP earnings, newest first
       *
       * One entry per earning, with the resource it was about.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/exp-log` (`nex.expLog.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.expLog.list']>;
    };
    achievements: {
      /**
       * Achievements, with the caller's progress
       *
       * Anyone may call this; with credentials, each carries the caller's progress. Hidden achievements appear once the caller has earned them.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/achievements` (`nex.achievements.list`)
       */
      list: Method<operations['nex.achievements.list']>;
    };
    checkIns: {
      /**
       * Check in for the day
       *
       * Earns `daily_login` EXP once per UTC day and extends the streak on consecutive days; checking in again the same day changes nothing. The caller must have joined nex (409).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/check-ins` (`nex.checkIns.create`)
       */
      create: Method<operations['nex.checkIns.create']>;
    };
    collaborations: {
      /**
       * List collaboration requests sent or received, newest first
       *
       * `direction=received` (default) or `sent`.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/collaborations` (`nex.collaborations.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.collaborations.list']>;
      /**
       * Ask a creator to collaborate
       *
       * The caller must have joined nex (409). Exactly one of `artworkId` and `project` (400); asking yourself is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/collaborations` (`nex.collaborations.create`)
       */
      create: Method<operations['nex.collaborations.create']>;
      /**
       * Get a collaboration request
       *
       * Only its sender and recipient; anyone else gets 404.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/collaborations/{id}` (`nex.collaborations.get`)
       */
      get: Method<operations['nex.collaborations.get']>;
      /**
       * Accept a collaboration request
       *
       * Only the recipient (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/collaborations/{id}/accept` (`nex.collaborations.accept`)
       */
      accept: Method<operations['nex.collaborations.accept']>;
      /**
       * Decline a collaboration request
       *
       * Only the recipient (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/collaborations/{id}/decline` (`nex.collaborations.decline`)
       */
      decline: Method<operations['nex.collaborations.decline']>;
      /**
       * Cancel a collaboration request
       *
       * Only the sender (403 for the other party); a request that is no longer pending (answered, canceled or expired) is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/collaborations/{id}/cancel` (`nex.collaborations.cancel`)
       */
      cancel: Method<operations['nex.collaborations.cancel']>;
    };
    payments: {
      /**
       * Get a payment
       *
       * Only its payer; anyone else's payment is 404.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/payments/{id}` (`nex.payments.get`)
       */
      get: Method<operations['nex.payments.get']>;
      /**
       * Complete a test-mode payment
       *
       * Test mode only (`PAYMENT_PROVIDER=local`, the default for `npm start`): does what a buyer does at the
       * provider. The local provider sends the webhook a Stripe-shaped `payment_intent.succeeded` (or
       * `payment_intent.payment_failed`) event signed with the webhook secret, and the payment is confirmed by
       * the same verifying handler that confirms real payments. Only the payer (404 for others); 409 when the
       * server uses a real provider or the payment is no longer pending.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/payments/{id}/simulate` (`nex.payments.simulate`)
       */
      simulate: Method<operations['nex.payments.simulate']>;
    };
    transactions: {
      /**
       * List the caller's ledger entries, newest first
       *
       * Sales, tickets, donations, commissions, refunds, fees and withdrawals as they touched the caller's books.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/transactions` (`nex.transactions.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.transactions.list']>;
    };
    balance: {
      /**
       * Get the caller's balances
       *
       * Derived from the ledger: the sum of the entries of each book, per currency.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/balance` (`nex.balance.get`)
       */
      get: Method<operations['nex.balance.get']>;
    };
    withdrawals: {
      /**
       * List your withdrawals, newest first
       *
       * The caller’s withdrawals in every status.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/withdrawals` (`nex.withdrawals.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.withdrawals.list']>;
      /**
       * Withdraw from your available balance
       *
       * Holds the amount at once (`available` → `withdrawing` in the ledger) if the available balance in that currency covers it, else 409; concurrent requests are checked one after another, so they never withdraw more than the balance together. The worker pays it out through the payout provider within a minute or so: `paid`, or `failed` with the money returned to `available`.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/withdrawals` (`nex.withdrawals.create`)
       */
      create: Method<operations['nex.withdrawals.create']>;
      /**
       * Get a withdrawal
       *
       * Only its owner (404 for anyone else).
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/withdrawals/{id}` (`nex.withdrawals.get`)
       */
      get: Method<operations['nex.withdrawals.get']>;
    };
    products: {
      /**
       * List products, newest first
       *
       * Listed products (`active`, `out_of_stock`) of everyone, or with `seller=<username>` one creator's; the seller also sees its own inactive and discontinued ones.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/products` (`nex.products.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.products.list']>;
      /**
       * List a product for sale
       *
       * The caller must have joined nex (409). The file and the artwork must be the caller's (404 otherwise). A digital product without `fileId`, or a physical one without `stock`, is 400.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/products` (`nex.products.create`)
       */
      create: Method<operations['nex.products.create']>;
      /**
       * Get a product
       *
       * A listed product, or one of the caller's; anything else is 404.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/products/{id}` (`nex.products.get`)
       */
      get: Method<operations['nex.products.get']>;
      /**
       * Change a product
       *
       * Only its seller (404 for others). Stock of a digital product is 400. Setting the stock to 0 makes an active product `out_of_stock`.
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/products/{id}` (`nex.products.update`)
       */
      update: Method<operations['nex.products.update']>;
    };
    orders: {
      /**
       * List orders bought or sold, newest first
       *
       * `role=buyer` (default) or `seller`.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/orders` (`nex.orders.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.orders.list']>;
      /**
       * Order products
       *
       * Reserves the stock at once (409 `conflict` when a product is short or not for sale, and nothing is reserved)
       * and creates the payment; pay it with its `clientSecret` (or, in test mode, `POST /v1/nex/payments/{id}/simulate`).
       * The order is confirmed only when the provider's signed webhook confirms the payment; an order not paid within
       * 15 minutes is cancelled and its stock released. Products of several sellers, a product twice, your own product,
       * a digital quantity above 1 or a physical order without `shippingAddress` is 400; an unknown product 404.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/orders` (`nex.orders.create`)
       */
      create: Method<operations['nex.orders.create']>;
      /**
       * Get an order
       *
       * Only its buyer and seller; anyone else gets 404.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/orders/{id}` (`nex.orders.get`)
       */
      get: Method<operations['nex.orders.get']>;
      /**
       * Cancel an unpaid order
       *
       * The buyer, while `pending`: the payment is cancelled and the stock released. Another account's order is 404; the wrong party 403; any other state 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/orders/{id}/cancel` (`nex.orders.cancel`)
       */
      cancel: Method<operations['nex.orders.cancel']>;
      /**
       * Mark an order shipped
       *
       * The seller, once `confirmed`, for an order with physical items. Another account's order is 404; the wrong party 403; any other state 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/orders/{id}/ship` (`nex.orders.ship`)
       */
      ship: Method<operations['nex.orders.ship']>;
      /**
       * Mark an order delivered
       *
       * The buyer or the seller, once `shipped`. Another account's order is 404; the wrong party 403; any other state 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/orders/{id}/deliver` (`nex.orders.deliver`)
       */
      deliver: Method<operations['nex.orders.deliver']>;
      /**
       * Refund an order
       *
       * The seller, once paid: the whole total goes back through the provider, the sale and its fee are reversed in the ledger, and the buyer loses access to digital files. Another account's order is 404; the wrong party 403; any other state 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/orders/{id}/refund` (`nex.orders.refund`)
       */
      refund: Method<operations['nex.orders.refund']>;
    };
    events: {
      /**
       * List events, newest first
       *
       * Anyone may call this: public events (published, completed, canceled). `status=draft` lists only the caller’s own drafts.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/events` (`nex.events.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.events.list']>;
      /**
       * Create an event (a draft)
       *
       * The caller must have joined nex (409). `endsAt` after `startsAt`, a venue unless online, a known time zone and a cover file of the caller (400 otherwise).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/events` (`nex.events.create`)
       */
      create: Method<operations['nex.events.create']>;
      /**
       * Get an event
       *
       * Anyone may read a public event; a draft is 404 to all but its organizer.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/events/{id}` (`nex.events.get`)
       */
      get: Method<operations['nex.events.get']>;
      /**
       * Delete a draft event
       *
       * Only a draft, by its organizer; a published event is canceled instead (409).
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/events/{id}` (`nex.events.delete`)
       */
      delete: Method<operations['nex.events.delete']>;
      /**
       * Change an event
       *
       * Only the organizer (404 for anyone else). A completed or canceled event no longer changes (409); the result must still end after it starts (400).
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/events/{id}` (`nex.events.update`)
       */
      update: Method<operations['nex.events.update']>;
      /**
       * Publish an event
       *
       * draft → published: public, and on sale within its registration window. The first publication earns `event_created` EXP. Only the organizer (404 for anyone else); any other move is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/events/{id}/publish` (`nex.events.publish`)
       */
      publish: Method<operations['nex.events.publish']>;
      /**
       * Mark an event completed
       *
       * published → completed, once it has ended (409 before `endsAt`). Only the organizer (404 for anyone else); any other move is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/events/{id}/complete` (`nex.events.complete`)
       */
      complete: Method<operations['nex.events.complete']>;
      /**
       * Cancel an event
       *
       * draft or published → canceled: held tickets are released and every paid ticket is refunded through the payment provider. Only the organizer (404 for anyone else); any other move is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/events/{id}/cancel` (`nex.events.cancel`)
       */
      cancel: Method<operations['nex.events.cancel']>;
    };
    ticketTypes: {
      /**
       * List an event’s ticket types
       *
       * Wherever the event is visible: anyone for a public event, the organizer for a draft.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/events/{id}/ticket-types` (`nex.ticketTypes.list`)
       */
      list: Method<operations['nex.ticketTypes.list']>;
      /**
       * Add a ticket type to an event
       *
       * Only the organizer (404 otherwise), to a draft or published event (409 otherwise); at most 50 types an event (409).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/events/{id}/ticket-types` (`nex.ticketTypes.create`)
       */
      create: Method<operations['nex.ticketTypes.create']>;
      /**
       * Change a ticket type
       *
       * Only the organizer (404 otherwise), while the event is draft or published (409); the quantity never below what is held and sold (409).
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/ticket-types/{id}` (`nex.ticketTypes.update`)
       */
      update: Method<operations['nex.ticketTypes.update']>;
    };
    referrals: {
      /**
       * List your referral codes, newest first
       *
       * The caller’s own codes with their counts.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/referrals` (`nex.referrals.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.referrals.list']>;
      /**
       * Create a referral code
       *
       * The caller must have joined nex (409). An artwork must be published, an event public (400 otherwise); a code already taken is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/referrals` (`nex.referrals.create`)
       */
      create: Method<operations['nex.referrals.create']>;
      /**
       * Get one of your referral codes
       *
       * Only its owner (404 for anyone else).
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/referrals/{code}` (`nex.referrals.get`)
       */
      get: Method<operations['nex.referrals.get']>;
      /**
       * Change a referral code
       *
       * Only its owner (404 for anyone else).
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/referrals/{code}` (`nex.referrals.update`)
       */
      update: Method<operations['nex.referrals.update']>;
      /**
       * The QR code of a referral code
       *
       * Anyone may fetch it: a QR code (error correction M) of this server’s `/r/{code}?src=qr` in the code’s colours and size, as SVG (default) or PNG (`format=png`). The host in the URL is the one this request was sent to.
       *
       * `GET /v1/nex/referrals/{code}/qr` (`nex.referrals.qr`)
       */
      qr: Method<operations['nex.referrals.qr'], 'blob'>;
      /**
       * Follow a referral link
       *
       * Counts a visit of an active code (a click, or a scan with `src=qr`: user agent, referer, a device type guessed from the user agent, a keyed hash of the visitor’s network — never the address; no country, as no GeoIP database ships) and answers 302 to what it refers to, with the code in `ref`. An unknown, paused or expired code is 404.
       *
       * `GET /r/{code}` (`nex.referrals.visit`)
       *
       * Returns the URL to open in the browser (a string); nothing is fetched.
       */
      visitUrl: UrlMethod<operations['nex.referrals.visit']>;
      conversions: {
        /**
         * List the conversions of one of your referral codes, newest first
         *
         * Only the code’s owner (404 for anyone else): each signup and paid purchase through the code, once each, with the commission it earned.
         *
         * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         * Requires scope `nex:read`.
         *
         * `GET /v1/nex/referrals/{code}/conversions` (`nex.referrals.conversions.list`)
         *
         * Returns a page promise: `await` it for the first page, `for await` it for every item,
         * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
         */
        list: ListMethod<operations['nex.referrals.conversions.list']>;
      };
    };
    streams: {
      /**
       * List live streams, newest first
       *
       * Anyone may call this, with or without credentials.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/streams` (`nex.streams.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.streams.list']>;
      /**
       * Schedule a live stream
       *
       * The caller must have joined nex (409). The stream is public at once, `scheduled`. The response carries its stream key, shown this once (a replay with the same Idempotency-Key shows it again).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/streams` (`nex.streams.create`)
       */
      create: Method<operations['nex.streams.create']>;
      /**
       * Get a live stream
       *
       * Anyone may call this, with or without credentials.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/streams/{id}` (`nex.streams.get`)
       */
      get: Method<operations['nex.streams.get']>;
      /**
       * Change a stream’s thumbnail, archive or settings
       *
       * Only the streamer (403 for others). A file must be one of the caller’s (400 otherwise); it becomes readable by anyone, as the stream is public. An archive only once the stream has ended (409 before); a cancelled stream no longer changes (409).
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/streams/{id}` (`nex.streams.update`)
       */
      update: Method<operations['nex.streams.update']>;
      /**
       * Go live
       *
       * Only the streamer (403 for others); only from `scheduled` (409 otherwise).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/streams/{id}/start` (`nex.streams.start`)
       */
      start: Method<operations['nex.streams.start']>;
      /**
       * End a live stream
       *
       * Only the streamer (403 for others); only from `live` (409 otherwise).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/streams/{id}/end` (`nex.streams.end`)
       */
      end: Method<operations['nex.streams.end']>;
      /**
       * Cancel a scheduled stream
       *
       * Only the streamer (403 for others); only from `scheduled` (409 otherwise).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/streams/{id}/cancel` (`nex.streams.cancel`)
       */
      cancel: Method<operations['nex.streams.cancel']>;
      donations: {
        /**
         * List a stream’s confirmed donations, newest first
         *
         * Anyone may call this. An anonymous donor is never shown (`donorUsername` null).
         *
         * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         *
         * `GET /v1/nex/streams/{id}/donations` (`nex.streams.donations.list`)
         *
         * Returns a page promise: `await` it for the first page, `for await` it for every item,
         * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
         */
        list: ListMethod<operations['nex.streams.donations.list']>;
        /**
         * Donate to a live stream
         *
         * Starts the donation’s payment; the donation counts in the stream’s total, and the streamer is credited in the ledger, only when the payment is confirmed. Only a live stream of someone else (409).
         *
         * Requires scope `nex:write`.
         *
         * `POST /v1/nex/streams/{id}/donations` (`nex.streams.donations.create`)
         */
        create: Method<operations['nex.streams.donations.create']>;
      };
      key: {
        /**
         * Rotate a stream’s key
         *
         * Makes a new stream key, shown this once, and the previous one stops working at once. Only the streamer (404 for anyone else, as for a stream that does not exist); not for an ended or cancelled stream (409).
         *
         * Requires scope `nex:write`.
         *
         * `POST /v1/nex/streams/{id}/key` (`nex.streams.key.rotate`)
         */
        rotate: Method<operations['nex.streams.key.rotate']>;
      };
      /**
       * Follow a stream’s status and donations (Server-Sent Events)
       *
       * Anyone may call this, with or without credentials. Every event so far (or those after `Last-Event-ID`), then each new one as it happens; a comment every 15 seconds; closes after the stream ends or is cancelled (at once for a stream already over, after its events).
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/streams/{id}/events` (`nex.streams.events`)
       */
      events: Method<operations['nex.streams.events'], 'stream'>;
    };
    ticketOrders: {
      /**
       * Order tickets
       *
       * Reserves the tickets (never more than exist: 409 when sold out, off sale, over the event’s capacity, or your own event) for 10 minutes and starts the payment; free tickets are issued at once. A referral code must be active and not your own (409).
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/ticket-orders` (`nex.ticketOrders.create`)
       */
      create: Method<operations['nex.ticketOrders.create']>;
      /**
       * Get a ticket order
       *
       * Only its buyer (404 for anyone else).
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/ticket-orders/{id}` (`nex.ticketOrders.get`)
       */
      get: Method<operations['nex.ticketOrders.get']>;
    };
    tickets: {
      /**
       * List your tickets, newest first
       *
       * The caller’s tickets, of every event.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/tickets` (`nex.tickets.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.tickets.list']>;
      /**
       * The QR code of a ticket
       *
       * Only its holder (404 for anyone else): the ticket’s code as a QR code, SVG (default) or PNG.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/tickets/{id}/qr` (`nex.tickets.qr`)
       */
      qr: Method<operations['nex.tickets.qr'], 'blob'>;
      /**
       * Check a ticket in
       *
       * The organizer scans a ticket: a code that does not verify, or a ticket of another event, is 404; a ticket checked in already, or refunded, is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/events/{id}/check-ins` (`nex.tickets.checkIn`)
       */
      checkIn: Method<operations['nex.tickets.checkIn']>;
    };
    groups: {
      /**
       * List groups, newest first
       *
       * Public groups, and the private groups the caller belongs to; `member=me` lists only the groups the caller belongs to (none for an anonymous caller).
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/groups` (`nex.groups.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.groups.list']>;
      /**
       * Create a group
       *
       * The caller must have joined nex (409) and becomes the owner.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/groups` (`nex.groups.create`)
       */
      create: Method<operations['nex.groups.create']>;
      /**
       * Get a group
       *
       * A private group is 404 to anyone but its members and invited creators.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
       *
       * `GET /v1/nex/groups/{id}` (`nex.groups.get`)
       */
      get: Method<operations['nex.groups.get']>;
      /**
       * Delete a group
       *
       * Only the owner (403 for its other members); memberships, invitations and join requests go with it.
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/groups/{id}` (`nex.groups.delete`)
       */
      delete: Method<operations['nex.groups.delete']>;
      /**
       * Change a group
       *
       * Only the owner (403 for its other members, 404 for anyone who cannot see it). A member limit below the current member count is 409.
       *
       * Requires scope `nex:write`.
       *
       * `PATCH /v1/nex/groups/{id}` (`nex.groups.update`)
       */
      update: Method<operations['nex.groups.update']>;
      /**
       * Join a group
       *
       * A public group, or a private one the caller is invited to (the invitation is used up). Idempotent for a member. A full group, or a caller who has not joined nex, is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/groups/{id}/join` (`nex.groups.join`)
       */
      join: Method<operations['nex.groups.join']>;
      /**
       * Leave a group
       *
       * Idempotent: 204 whether or not the caller was a member. The owner cannot leave (409): transfer the group first, or delete it.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/groups/{id}/leave` (`nex.groups.leave`)
       */
      leave: Method<operations['nex.groups.leave']>;
      /**
       * Transfer a group's ownership
       *
       * Only the owner (403 for other members); the new owner must be a member (409), and the previous owner stays as an admin.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/groups/{id}/transfer` (`nex.groups.transfer`)
       */
      transfer: Method<operations['nex.groups.transfer']>;
      members: {
        /**
         * List a group's members, newest first
         *
         * Whoever can see the group can see its members.
         *
         * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         * Credentials are optional: without them only public data is visible; with them, they need scope `nex:read`.
         *
         * `GET /v1/nex/groups/{id}/members` (`nex.groups.members.list`)
         *
         * Returns a page promise: `await` it for the first page, `for await` it for every item,
         * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
         */
        list: ListMethod<operations['nex.groups.members.list']>;
        /**
         * Remove a member
         *
         * The owner removes admins and members, an admin removes members (403 otherwise); the owner is never removed (409). 404 when the creator is not a member.
         *
         * Requires scope `nex:write`.
         *
         * `DELETE /v1/nex/groups/{id}/members/{username}` (`nex.groups.members.delete`)
         */
        delete: Method<operations['nex.groups.members.delete']>;
        /**
         * Change a member's role
         *
         * Only the owner (403 for other members), between `admin` and `member`; the owner's own role changes only by transfer (409).
         *
         * Requires scope `nex:write`.
         *
         * `PATCH /v1/nex/groups/{id}/members/{username}` (`nex.groups.members.update`)
         */
        update: Method<operations['nex.groups.members.update']>;
      };
      invitations: {
        /**
         * Invite a creator to a group
         *
         * The owner or an admin (403 for members). Inviting a member is 409; inviting again returns the pending invitation. The invitee then sees the group, even a private one, and joins it with `POST …/join`.
         *
         * Requires scope `nex:write`.
         *
         * `POST /v1/nex/groups/{id}/invitations` (`nex.groups.invitations.create`)
         */
        create: Method<operations['nex.groups.invitations.create']>;
      };
      joinRequests: {
        /**
         * List a group's join requests, newest first
         *
         * The owner and admins only (403 for other members, 404 for anyone who cannot see the group). Pending requests unless `status` says otherwise.
         *
         * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         * Requires scope `nex:read`.
         *
         * `GET /v1/nex/groups/{id}/join-requests` (`nex.groups.joinRequests.list`)
         *
         * Returns a page promise: `await` it for the first page, `for await` it for every item,
         * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
         */
        list: ListMethod<operations['nex.groups.joinRequests.list']>;
        /**
         * Ask to join a private group
         *
         * For a private group the caller is not in, known by its id (a member shares it: a private group's id is shown only to its members and invitees). Asking again while a request is pending returns that request. A public group (join it with `POST …/join`), a group the caller is a member of or invited to (join it), or a caller who has not joined nex is 409; an id that is no group is 404. The answer shows the request only, never the group.
         *
         * Requires scope `nex:write`.
         *
         * `POST /v1/nex/groups/{id}/join-requests` (`nex.groups.joinRequests.create`)
         */
        create: Method<operations['nex.groups.joinRequests.create']>;
      };
    };
    groupInvitations: {
      /**
       * List the group invitations the caller received, newest first
       *
       * Pending invitations only: joining or declining removes one.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/group-invitations` (`nex.groupInvitations.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.groupInvitations.list']>;
      /**
       * Decline or revoke a group invitation
       *
       * The invitee declines it, or the group's owner or an admin revokes it; anyone else gets 404.
       *
       * Requires scope `nex:write`.
       *
       * `DELETE /v1/nex/group-invitations/{id}` (`nex.groupInvitations.delete`)
       */
      delete: Method<operations['nex.groupInvitations.delete']>;
    };
    groupJoinRequests: {
      /**
       * List the join requests the caller made, newest first
       *
       * Every state, so the caller learns which were approved, declined or canceled.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `nex:read`.
       *
       * `GET /v1/nex/group-join-requests` (`nex.groupJoinRequests.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['nex.groupJoinRequests.list']>;
      /**
       * Approve a join request
       *
       * The group's owner or an admin; the creator becomes a member, unless the group is full (409, and the request stays pending). Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/group-join-requests/{id}/approve` (`nex.groupJoinRequests.approve`)
       */
      approve: Method<operations['nex.groupJoinRequests.approve']>;
      /**
       * Decline a join request
       *
       * The group's owner or an admin. Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/group-join-requests/{id}/decline` (`nex.groupJoinRequests.decline`)
       */
      decline: Method<operations['nex.groupJoinRequests.decline']>;
      /**
       * Cancel a join request
       *
       * The creator who asked. Anyone who can read the request but may not make this move gets 403, anyone else 404; a request that is no longer pending is 409.
       *
       * Requires scope `nex:write`.
       *
       * `POST /v1/nex/group-join-requests/{id}/cancel` (`nex.groupJoinRequests.cancel`)
       */
      cancel: Method<operations['nex.groupJoinRequests.cancel']>;
    };
  };
  miyabi: {
    plugins: {
      /**
       * Browse the plugin catalogue
       *
       * Public: no credentials needed. Filters combine (all must hold); `category` matches any of a plugin's categories.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/miyabi/plugins` (`miyabi.plugins.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.plugins.list']>;
      /**
       * Publish a plugin
       *
       * The caller becomes its author. The price must be 0 exactly for the `free` tier; an `addon` names the plugin it extends (`requiresPlugin`, which must exist and not be an add-on itself). A taken id is 409.
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/plugins` (`miyabi.plugins.create`)
       */
      create: Method<operations['miyabi.plugins.create']>;
      /**
       * Get a plugin
       *
       * Public: no credentials needed.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/miyabi/plugins/{id}` (`miyabi.plugins.get`)
       */
      get: Method<operations['miyabi.plugins.get']>;
      /**
       * Update your plugin
       *
       * Only its author may (403 for others); a new `version` must be valid Semantic Versioning. A paid tier keeps a non-zero price.
       *
       * Requires scope `miyabi:write`.
       *
       * `PATCH /v1/miyabi/plugins/{id}` (`miyabi.plugins.update`)
       */
      update: Method<operations['miyabi.plugins.update']>;
      /**
       * Set a plugin's verified and featured flags
       *
       * Admin role only (403 for other accounts, whatever the id). Flags left out keep their value.
       *
       * Requires scope `admin:write`.
       *
       * `PUT /v1/miyabi/plugins/{id}/curation` (`miyabi.plugins.curate`)
       */
      curate: Method<operations['miyabi.plugins.curate']>;
    };
    reviews: {
      /**
       * Review a plugin
       *
       * Writes the caller's review of the plugin, or replaces it: one per account and plugin. Only an account subscribed to the plugin (any status) may review it (403 otherwise). The plugin's `rating` follows at once.
       *
       * Requires scope `miyabi:write`.
       *
       * `PUT /v1/miyabi/plugins/{id}/review` (`miyabi.reviews.put`)
       */
      put: Method<operations['miyabi.reviews.put']>;
      /**
       * Remove your review of a plugin
       *
       * Idempotent: 204 whether or not the caller had reviewed it (404 only for an unknown plugin); the plugin's rating follows.
       *
       * Requires scope `miyabi:write`.
       *
       * `DELETE /v1/miyabi/plugins/{id}/review` (`miyabi.reviews.delete`)
       */
      delete: Method<operations['miyabi.reviews.delete']>;
      /**
       * List a plugin's reviews, newest first
       *
       * Public: no credentials needed.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/miyabi/plugins/{id}/reviews` (`miyabi.reviews.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.reviews.list']>;
    };
    subscriptions: {
      /**
       * Subscribe to a plugin
       *
       * One subscription per account and plugin (409 `conflict` while one entitles). A free plugin starts at once (`active`); a paid plugin with a trial starts `trialing`, set to end with the trial unless it is bought; a paid plugin bought now answers 202 with a checkout at the payment provider (503 when none is configured), and its subscription starts with the provider's webhook. An add-on needs an entitling subscription to its base plugin: 409 `base_plugin_required` otherwise. Cancel with `POST /v1/subscriptions/{id}/cancel` (at period end).
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/plugins/{id}/subscription` (`miyabi.subscriptions.create`)
       */
      create: Method<operations['miyabi.subscriptions.create']>;
    };
    licenses: {
      /**
       * Issue a fresh licence for your subscription to a plugin
       *
       * Signs a new licence with the current key, valid until the end of the period plus a grace of 7 days (a subscription with no period end: 30 days from now; one set to cancel: its period end, no grace). Only while the subscription entitles and is not `past_due`: canceled or past-due subscriptions stop being renewed (409). Earlier licences stay valid until they expire.
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/plugins/{id}/license` (`miyabi.licenses.create`)
       */
      create: Method<operations['miyabi.licenses.create']>;
      /**
       * List your licences, newest first
       *
       * Every licence issued to the caller, expired and revoked ones included.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/licenses` (`miyabi.licenses.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.licenses.list']>;
      /**
       * Revoke a licence
       *
       * For a leaked licence: it joins the public revocation list until it expires. Revoking again changes nothing. The subscription is not affected; issue a new licence.
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/licenses/{id}/revoke` (`miyabi.licenses.revoke`)
       */
      revoke: Method<operations['miyabi.licenses.revoke']>;
      /**
       * The public keys that verify licences
       *
       * Public and cacheable (`Cache-Control: public, max-age=300`): plugins fetch it once and verify licences offline (`verifyLicense` in `@yorozu/sdk/license`). Keys rotate; a retired key stays until every licence it signed has expired.
       *
       * `GET /v1/miyabi/.well-known/jwks.json` (`miyabi.licenses.jwks`)
       */
      jwks: Method<operations['miyabi.licenses.jwks']>;
    };
    licenseRevocations: {
      /**
       * The licence revocation list, newest first
       *
       * Public: licences revoked before their expiry, for online checks; a licence leaves the list when it expires (it fails offline verification from then on anyway). Ordered by revocation time.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible.
       *
       * `GET /v1/miyabi/license-revocations` (`miyabi.licenseRevocations.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.licenseRevocations.list']>;
    };
    licenseKeys: {
      /**
       * Rotate the licence signing key
       *
       * Admin role only (403 otherwise). A new Ed25519 key signs from now on; the previous one stays in the key set until every licence it signed has expired, so no licence stops verifying. Keys also rotate by themselves every 30 days.
       *
       * Requires scope `admin:write`.
       *
       * `POST /v1/miyabi/license-keys` (`miyabi.licenseKeys.rotate`)
       */
      rotate: Method<operations['miyabi.licenseKeys.rotate']>;
    };
    usageEvents: {
      /**
       * List counted usage events, newest first
       *
       * The caller's events, optionally of one plugin.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/usage-events` (`miyabi.usageEvents.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.usageEvents.list']>;
      /**
       * Report plugin usage
       *
       * Authenticated by an API key (or access token) with `miyabi:write`, or by a plugin's licence in `X-Miyabi-License` (then every event must be for the licence's plugin: 403 otherwise; a bad, expired or revoked licence is 401). Each event id counts once, even across concurrent or replayed batches. `issue_processed` and `tokens_used` spend the plugin's monthly `issues` and `tokens` quotas of the plan catalogue (the plugin's own subscription's plan, else `free`): a batch that would pass a limit is refused whole with 402 `quota_exceeded` naming the plugin.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `miyabi:write`.
       *
       * `POST /v1/miyabi/usage-events` (`miyabi.usageEvents.create`)
       */
      create: Method<operations['miyabi.usageEvents.create']>;
    };
    usage: {
      /**
       * Monthly plugin usage
       *
       * The caller's aggregates, newest month first (then by plugin id), optionally for one plugin and a range of months (inclusive). The limits that apply are in `GET /v1/usage`.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/usage` (`miyabi.usage.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.usage.list']>;
    };
    repositories: {
      /**
       * List the account's repositories
       *
       * Newest first, optionally only active or inactive ones.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/repositories` (`miyabi.repositories.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.repositories.list']>;
      /**
       * Connect a GitHub repository
       *
       * Registers a repository by its GitHub id. The same GitHub repository can be connected once per account (409 `conflict` the second time); other accounts may connect it too, and each sees only its own.
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/repositories` (`miyabi.repositories.create`)
       */
      create: Method<operations['miyabi.repositories.create']>;
      /**
       * Get a repository
       *
       * One of the account's repositories; another account's is 404.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/repositories/{id}` (`miyabi.repositories.get`)
       */
      get: Method<operations['miyabi.repositories.get']>;
      /**
       * Disconnect a repository
       *
       * Deletes it with its recorded webhook events; agent executions on it keep their history without it.
       *
       * Requires scope `miyabi:write`.
       *
       * `DELETE /v1/miyabi/repositories/{id}` (`miyabi.repositories.delete`)
       */
      delete: Method<operations['miyabi.repositories.delete']>;
      /**
       * Change a repository
       *
       * Renames it (after a rename on GitHub), changes its default branch, or pauses and resumes it.
       *
       * Requires scope `miyabi:write`.
       *
       * `PATCH /v1/miyabi/repositories/{id}` (`miyabi.repositories.update`)
       */
      update: Method<operations['miyabi.repositories.update']>;
      events: {
        /**
         * List a repository's GitHub events
         *
         * The webhook deliveries recorded for the repository, newest first (kept 90 days).
         *
         * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
         *
         * Requires scope `miyabi:read`.
         *
         * `GET /v1/miyabi/repositories/{id}/events` (`miyabi.repositories.events.list`)
         *
         * Returns a page promise: `await` it for the first page, `for await` it for every item,
         * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
         */
        list: ListMethod<operations['miyabi.repositories.events.list']>;
      };
    };
    agentExecutions: {
      /**
       * List the account's agent executions
       *
       * Newest first, optionally by status, agent or repository.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/agent-executions` (`miyabi.agentExecutions.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.agentExecutions.list']>;
      /**
       * Run an agent
       *
       * Answers 202 with the execution, `pending`, and the kernel job that runs it (`jobId`): follow it with `GET /v1/miyabi/agent-executions/{id}/events` (its log and progress) or `GET /v1/jobs/{id}/events`. `repositoryId` must be one of the account's repositories (404 otherwise). The run takes one of the agent's plugin's monthly `agent-runs` (`pluginId`; the plan of the account's subscription to that plugin, else `free`): past the limit, 402 `quota_exceeded` naming the plugin. A run that fails gives it back; a completed one is counted once in the plugin's usage aggregate (`GET /v1/miyabi/usage`, `agentExecutions`) as a usage event whose id is the execution's.
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/agent-executions` (`miyabi.agentExecutions.create`)
       */
      create: Method<operations['miyabi.agentExecutions.create']>;
      /**
       * Get an agent execution
       *
       * Its status, timings, result or error, and agent state. Another account's is 404.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/agent-executions/{id}` (`miyabi.agentExecutions.get`)
       */
      get: Method<operations['miyabi.agentExecutions.get']>;
      /**
       * Stream an execution's log and progress (Server-Sent Events)
       *
       * Every event so far (or those after `Last-Event-ID`), then each new one as the agent works, a comment every 15 seconds, and the end after `final`. A stream opened after the end replays the events and closes.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/agent-executions/{id}/events` (`miyabi.agentExecutions.events`)
       */
      events: Method<operations['miyabi.agentExecutions.events'], 'stream'>;
    };
    workflows: {
      /**
       * List workflows
       *
       * The caller's workflows (`owner=me`, the default), or every workflow the caller can read (`owner=anyone`: public ones and the caller's own; anonymous callers see public ones). Newest first.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `miyabi:read`.
       *
       * `GET /v1/miyabi/workflows` (`miyabi.workflows.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.workflows.list']>;
      /**
       * Create a workflow
       *
       * Validates the React Flow document as a DAG of agent steps in one pass over its nodes and edges: a duplicate id, an unknown node type, an edge to a missing node or a cycle is 400 `validation_failed` whose `errors` name the node (or edge).
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/workflows` (`miyabi.workflows.create`)
       */
      create: Method<operations['miyabi.workflows.create']>;
      /**
       * Get a workflow
       *
       * The caller's own, or anyone's public one (templates are public); another account's private one is 404.
       *
       * Credentials are optional: without them only public data is visible; with them, they need scope `miyabi:read`.
       *
       * `GET /v1/miyabi/workflows/{id}` (`miyabi.workflows.get`)
       */
      get: Method<operations['miyabi.workflows.get']>;
      /**
       * Delete a workflow
       *
       * Only its owner. Its runs stay, without it.
       *
       * Requires scope `miyabi:write`.
       *
       * `DELETE /v1/miyabi/workflows/{id}` (`miyabi.workflows.delete`)
       */
      delete: Method<operations['miyabi.workflows.delete']>;
      /**
       * Change a workflow
       *
       * Only its owner; a new `definition` is validated like on creation. Runs already started keep their copy.
       *
       * Requires scope `miyabi:write`.
       *
       * `PATCH /v1/miyabi/workflows/{id}` (`miyabi.workflows.update`)
       */
      update: Method<operations['miyabi.workflows.update']>;
      runs: {
        /**
         * Run a workflow
         *
         * Runs the caller's own workflow or a public one, in the caller's account: one agent execution per node, each a kernel job started when every step with an edge into it has completed, reading their results. Answers 202 with the run; follow it with `GET /v1/miyabi/workflow-runs/{id}/events`. A failed step fails the run and the steps after it. Every step takes one monthly `agent-runs` of its agent's plugin when the run starts, as `POST /v1/miyabi/agent-executions` does (402 `quota_exceeded` naming the plugin when one does not fit, and nothing starts); steps that fail or never run give theirs back.
         *
         * Requires scope `miyabi:write`.
         *
         * `POST /v1/miyabi/workflows/{id}/runs` (`miyabi.workflows.runs.create`)
         */
        create: Method<operations['miyabi.workflows.runs.create']>;
      };
    };
    workflowRuns: {
      /**
       * Get a workflow run
       *
       * Its status, progress and steps. Another account's run is 404.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/workflow-runs/{id}` (`miyabi.workflowRuns.get`)
       */
      get: Method<operations['miyabi.workflowRuns.get']>;
      /**
       * Stream a workflow run's progress (Server-Sent Events)
       *
       * Every event so far (or those after `Last-Event-ID`), then each step change as it happens, a comment every 15 seconds, and the end after `final`.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/workflow-runs/{id}/events` (`miyabi.workflowRuns.events`)
       */
      events: Method<operations['miyabi.workflowRuns.events'], 'stream'>;
    };
    events: {
      /**
       * List the account's events, newest first
       *
       * The account's recorded events of the last 90 days, newest first: agent executions, webhooks, LINE messages and the like. `repositoryId` narrows them to one repository (an id that is not the account’s returns an empty page), `type` to one event type.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/events` (`miyabi.events.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.events.list']>;
      /**
       * Stream the account's realtime messages (Server-Sent Events)
       *
       * Messages are kept 24 hours. With `Last-Event-ID` the stream replays every kept message after that id; without it, every kept message no stream of the account has delivered yet. Then it sends each new message as it is written, a comment every 15 seconds, and closes after 10 minutes (reconnect with `Last-Event-ID`, as `EventSource` does by itself). `follow=false` closes it as soon as the replay is sent, for clients that poll.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/events/stream` (`miyabi.events.stream`)
       */
      stream: Method<operations['miyabi.events.stream'], 'stream'>;
    };
    line: {
      linkCodes: {
        /**
         * Get a code to link a LINE user
         *
         * A one-time code, valid 10 minutes: the LINE user who sends `link <code>` to the bot becomes the account’s LINE user (replacing an earlier link of either). Earlier unused codes of the account stop working.
         *
         * Requires scope `miyabi:write`.
         *
         * `POST /v1/miyabi/line/link-codes` (`miyabi.line.linkCodes.create`)
         */
        create: Method<operations['miyabi.line.linkCodes.create']>;
      };
    };
    identities: {
      /**
       * List the account's connected accounts
       *
       * At most one identity per provider, newest link first.
       *
       * Paginated: pass `nextCursor` back as `cursor` for the next page; see **Pagination** in the API description.
       *
       * Requires scope `miyabi:read`.
       *
       * `GET /v1/miyabi/identities` (`miyabi.identities.list`)
       *
       * Returns a page promise: `await` it for the first page, `for await` it for every item,
       * `.pages()` for every page, `.toArray({ maxItems })` for a capped array.
       */
      list: ListMethod<operations['miyabi.identities.list']>;
      authorizations: {
        /**
         * Start linking a GitHub or LINE identity
         *
         * Makes a fresh OAuth 2.0 state and PKCE verifier (RFC 7636, S256) and answers with the provider's authorization URL.
         * The verifier stays on the server; the flow belongs to this account, lives 10 minutes, and replaces an unfinished
         * flow of the account with the same provider. When the provider is not configured on this server
         * (`MIYABI_GITHUB_OAUTH_*`, `MIYABI_LINE_OAUTH_*`), 503 `unavailable`.
         *
         * Requires scope `miyabi:write`.
         *
         * `POST /v1/miyabi/identities/{provider}/authorizations` (`miyabi.identities.authorizations.create`)
         */
        create: Method<operations['miyabi.identities.authorizations.create']>;
      };
      /**
       * Finish linking a GitHub or LINE identity
       *
       * Spends the flow of `state` (once, only this account's, within 10 minutes), exchanges the code at the provider's
       * token endpoint with the flow's PKCE verifier, and reads who the user is there (GitHub `GET /user`, LINE
       * `GET /v2/profile`). The identity is then linked to this account, replacing an earlier identity of the account at
       * that provider and any link of the same identity to another account. A LINE identity linked here is the user the
       * Miyabi bot answers for this account (the same link a `link <code>` message makes). Any failure is 400
       * `identity_link_failed`: start again.
       *
       * Requires scope `miyabi:write`.
       *
       * `POST /v1/miyabi/identities/{provider}/callback` (`miyabi.identities.callback`)
       */
      callback: Method<operations['miyabi.identities.callback']>;
      /**
       * Unlink a GitHub or LINE identity
       *
       * Forgets the account's identity at the provider, and the token Miyabi held for it; for LINE, the bot stops answering for the account. 404 when none is linked.
       *
       * Requires scope `miyabi:write`.
       *
       * `DELETE /v1/miyabi/identities/{provider}` (`miyabi.identities.delete`)
       */
      delete: Method<operations['miyabi.identities.delete']>;
    };
  };
}
