/** Who is calling: the account, through which credential, with which scopes. */
export interface Principal {
  accountId: string;
  actor: { type: 'account' | 'api_key'; id: string };
  /** Null for access tokens, which carry every scope. */
  scopes: ReadonlySet<string> | null;
}

export function hasScope(principal: Principal, scope: string): boolean {
  return principal.scopes === null || principal.scopes.has(scope);
}

export function accountPrincipal(accountId: string): Principal {
  return { accountId, actor: { type: 'account', id: accountId }, scopes: null };
}
