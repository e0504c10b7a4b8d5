/**
 * Who a credential was, the last time the database said so: what lets a request send its binding
 * with its first statement, so that a read of one query is one round trip (docs/architecture.md,
 * Round trips).
 *
 * This is a prediction, never an authorisation. The request's first statement,
 * `platform.bind_known_caller`, checks the prediction against the database in the same
 * transaction and aborts it (SQLSTATE 28000) when the key was revoked, its scopes changed or the
 * account is gone; the request is then served again the ordinary way, which answers 401 if the
 * credential is no longer good. So revoking a key takes effect on its next request, as before.
 *
 * - An access token needs no memory: its verified signature names the account.
 * - An API key is remembered by its hash for a minute after the database last bound it, in a
 *   bounded map (the key learned first goes first), per process: another process learns it itself.
 *   So a key in use goes through the ordinary binding about once a minute, which is also when its
 *   last use is marked (`bindCredential`'s `touchDue`, at most once a minute).
 */
import type { Credential } from './authenticate.ts';
import { accountPrincipal, type Principal } from './principal.ts';

/** A caller predicted for a credential, with what its binding checks. */
export interface KnownCaller {
  principal: Principal;
  /** The key's scopes in the database's order (the binding compares the arrays), or null for a token. */
  scopes: readonly string[] | null;
}

interface Entry {
  principal: Principal;
  scopes: readonly string[];
  learnedAt: number;
}

const REMEMBER_MS = 60_000;
const MAX_ENTRIES = 10_000;

export class KnownCallers {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The caller `credential` is predicted to be, or null when the database must be asked first. */
  get(credential: Credential): KnownCaller | null {
    if (credential.type === 'access_token')
      return { principal: accountPrincipal(credential.accountId), scopes: null };
    const key = credential.secretHash.toString('base64');
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (this.#now() - entry.learnedAt >= REMEMBER_MS) {
      this.#entries.delete(key);
      return null;
    }
    return { principal: entry.principal, scopes: entry.scopes };
  }

  /** What the database just said `credential` is (an API key's principal and scopes in its order). */
  learn(credential: Credential, principal: Principal, scopes: readonly string[]): void {
    if (credential.type !== 'api_key') return;
    const key = credential.secretHash.toString('base64');
    if (!this.#entries.has(key) && this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { principal, scopes, learnedAt: this.#now() });
  }

  /** The prediction was wrong: ask the database next time. */
  forget(credential: Credential): void {
    if (credential.type === 'api_key') this.#entries.delete(credential.secretHash.toString('base64'));
  }
}
