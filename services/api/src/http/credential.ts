/**
 * The request's credential, read once: the rate limiter keys on it (http/rate-limit.ts) and the
 * binder authenticates with it (http/operation-stages.ts). Reading it hashes an API key
 * (sha256) or checks an access token's HMAC, so a second read would double that work on every
 * request.
 */
import type { FastifyRequest } from 'fastify';
import type { AccessTokens } from '../kernel/auth/access-tokens.ts';
import { type Credential, readCredential } from '../kernel/auth/authenticate.ts';
import { DomainError } from '../kernel/errors.ts';

const read = new WeakMap<FastifyRequest, Credential | DomainError>();

/** The credential of the Authorization header, or the 401 it earns (src/kernel/auth/authenticate.ts). */
export function requestCredential(tokens: AccessTokens, request: FastifyRequest): Credential {
  let outcome = read.get(request);
  if (outcome === undefined) {
    try {
      outcome = readCredential(tokens, request.headers.authorization);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome = error;
    }
    read.set(request, outcome);
  }
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}
