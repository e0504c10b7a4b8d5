/**
 * A password user's session: keeps the access token fresh with `auth.refresh` (shortly before
 * it expires, and once after a 401), one refresh at a time, never in a loop.
 */
import type { GetToken } from './core';
import type { components } from './generated/schema';

export type TokenPair = components['schemas']['TokenPair'];
export type Account = components['schemas']['Account'];

interface AuthCalls {
  refresh(body: { refreshToken: string }): PromiseLike<TokenPair>;
  logout(body: { refreshToken: string }): PromiseLike<unknown>;
}

export class Session {
  /** The signed-in account, as returned by login. */
  readonly account: Account;
  private tokens!: TokenPair;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;
  private readonly auth: AuthCalls;
  private readonly onTokens: ((tokens: TokenPair) => void) | undefined;

  constructor(
    auth: AuthCalls,
    session: { account: Account; tokens: TokenPair },
    onTokens?: (tokens: TokenPair) => void,
  ) {
    this.auth = auth;
    this.account = session.account;
    this.onTokens = onTokens;
    this.store(session.tokens);
  }

  /** The current refresh token (it rotates on every refresh; persist it with `onTokens`). */
  get refreshToken(): string {
    return this.tokens.refreshToken;
  }

  private store(tokens: TokenPair) {
    this.tokens = tokens;
    // Refresh 30 s early (or halfway through a shorter lifetime).
    this.expiresAt = Date.now() + tokens.expiresIn * 1000 - Math.min(30_000, tokens.expiresIn * 500);
    this.onTokens?.(tokens);
  }

  /** Used as the client's `getToken`. */
  readonly getToken: GetToken = ({ stale }) => {
    const current = this.tokens.accessToken;
    // After a 401: refresh if the rejected token is still the current one, else retry with the newer one.
    if (stale ? stale === current : Date.now() >= this.expiresAt) return this.refresh();
    return current;
  };

  /** Rotates the tokens now; concurrent callers share one refresh. */
  refresh(): Promise<string> {
    this.pending ??= Promise.resolve(this.auth.refresh({ refreshToken: this.tokens.refreshToken }))
      .then((tokens) => {
        this.store(tokens);
        return tokens.accessToken;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Revokes the refresh token and its family. */
  async logout(): Promise<void> {
    await this.auth.logout({ refreshToken: this.tokens.refreshToken });
  }
}
