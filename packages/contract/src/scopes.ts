/**
 * API-key scopes: `<resource>:read` grants the GETs of a resource,
 * `<resource>:write` everything else. Access tokens from a login carry every
 * scope. A test checks that every operation's scope is listed here.
 */
export const SCOPES = [
  'me:read',
  'me:write',
  'profiles:write',
  'api-keys:read',
  'api-keys:write',
  'audit-log:read',
  'usage:read',
  'subscriptions:read',
  'subscriptions:write',
  'admin:write',
  'jobs:read',
  'jobs:write',
  'files:read',
  'files:write',
  'studio:read',
  'studio:write',
  'speak:read',
  'speak:write',
  'stickers:read',
  'stickers:write',
  'nex:read',
  'nex:write',
  'miyabi:read',
  'miyabi:write',
] as const;

export type Scope = (typeof SCOPES)[number];
