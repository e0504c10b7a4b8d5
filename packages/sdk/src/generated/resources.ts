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
}
