/**
 * A password user's session: keeps the access token fresh with `auth.refresh` (shortly before
 * it expires, and once after a 401), one refresh at a time, never in a loop. Its tokens never
 * show in `console.log`, `util.inspect` or `JSON.stringify`.
 */
import type { GetToken } from './core';
import type { components } from './generated/schema';

export type TokenPair = components['schemas']['TokenPair'];
export type Account = components['schemas']['Account'];

interface AuthCalls {
  refresh(body: { refreshToken: string }): PromiseLike<TokenPair>;
  logout(body: { refreshToken: string }): PromiseLike<unknown>;
}

/** What a session shows of itself: the account and when the access token expires, no token. */
export interface RedactedSession {
  account: Account;
  accessToken: '[redacted]';
  refreshToken: '[redacted]';
  expiresAt: string;
}

export class Session {
  /** The signed-in account. */
  readonly account: Account;
  // ECMAScript private fields: invisible to inspection and serialisation, unlike `private`.
  #tokens!: TokenPair;
  #expiresAt = 0;
  #pending: Promise<string> | undefined;
  readonly #auth: AuthCalls;
  readonly #onTokens: ((tokens: TokenPair) => void) | undefined;

  constructor(
    auth: AuthCalls,
    session: { account: Account; tokens: TokenPair },
    onTokens?: ((tokens: TokenPair) => void) | undefined,
  ) {
    this.#auth = auth;
    this.account = session.account;
    this.#onTokens = onTokens;
    this.#store(session.tokens);
  }

  /** The current refresh token (it rotates on every refresh; persist it with `onTokens`). */
  get refreshToken(): string {
    return this.#tokens.refreshToken;
  }

  #store(tokens: TokenPair) {
    this.#tokens = tokens;
    // Refresh 30 s early (or halfway through a shorter lifetime).
    this.#expiresAt = Date.now() + tokens.expiresIn * 1000 - Math.min(30_000, tokens.expiresIn * 500);
    this.#onTokens?.(tokens);
  }

  /** Used as the client's `getToken`. */
  readonly getToken: GetToken = ({ stale }) => {
    const current = this.#tokens.accessToken;
    // After a 401: refresh if the rejected token is still the current one, else retry with the newer one.
    if (stale ? stale === current : Date.now() >= this.#expiresAt) return this.refresh();
    return current;
  };

  /** Rotates the tokens now; concurrent callers share one refresh. */
  refresh(): Promise<string> {
    this.#pending ??= Promise.resolve(this.#auth.refresh({ refreshToken: this.#tokens.refreshToken }))
      .then((tokens) => {
        this.#store(tokens);
        return tokens.accessToken;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  /** Revokes the refresh token and its family. */
  async logout(): Promise<void> {
    await this.#auth.logout({ refreshToken: this.#tokens.refreshToken });
  }

  /** `JSON.stringify(session)`: the account, never a token. */
  toJSON(): RedactedSession {
    return {
      account: this.account,
      accessToken: '[redacted]',
      refreshToken: '[redacted]',
      expiresAt: new Date(this.#expiresAt).toISOString(),
    };
  }

  /** `console.log(session)` and `util.inspect` in Node, Deno and Bun. */
  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }
}
