/**
 * Referral codes (docs/products/nex.md, Referrals): creation against what the code refers to,
 * the owner's reads and changes, the public QR image and the `/r/{code}` redirect.
 */
import { randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { nex } from '@yorozu/contract';
import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { Static } from 'typebox';
import { DomainError, validationFailed } from '../../../kernel/errors.ts';
import { paginate } from '../../../kernel/pagination.ts';
import { findArtwork } from '../artwork-queries.ts';
import { findCreatorOf } from '../creator-queries.ts';
import { findEvent } from './event-queries.ts';
import { qrImage } from './qr.ts';
import {
  findActiveCode,
  findOwnReferral,
  findQrStyle,
  findUsername,
  insertReferral,
  listConversions,
  listOwnReferrals,
  recordVisit,
  updateReferral,
  type Visit,
} from './referral-queries.ts';

type CreateRequest = Static<typeof nex.live.referrals.CreateReferralRequest>;
type UpdateRequest = Static<typeof nex.live.referrals.UpdateReferralRequest>;

const noReferral = () => new DomainError('not_found', 'No referral code with that name.');

/** 10 random base64url characters (60 bits): not guessable, short enough to type. */
const randomCode = () => randomBytes(8).toString('base64url').slice(0, 10);

export async function createReferral(
  db: DatabaseTransactionConnection,
  accountId: string,
  request: CreateRequest,
) {
  if (!(await findCreatorOf(db, accountId)))
    throw new DomainError('conflict', 'Join nex first (POST /v1/nex/creators).');
  let referenceId: string;
  if (request.referralType === 'user') {
    if (request.referenceId !== undefined && request.referenceId !== accountId) {
      throw validationFailed(
        '/body/referenceId',
        'must be left out (or be your own account) for a user referral',
      );
    }
    referenceId = accountId;
  } else {
    if (request.referenceId === undefined) throw validationFailed('/body/referenceId', 'is required');
    const target =
      request.referralType === 'artwork'
        ? await findArtwork(db, request.referenceId)
        : await findEvent(db, request.referenceId);
    if (!target || target.status === 'draft' || target.status === 'archived') {
      throw validationFailed('/body/referenceId', `is not a public ${request.referralType}`);
    }
    referenceId = request.referenceId;
  }
  if (request.expiresAt !== undefined && Date.parse(request.expiresAt) <= Date.now()) {
    throw validationFailed('/body/expiresAt', 'must be in the future');
  }
  const code = request.code ?? randomCode();
  const id = await insertReferral(db, accountId, {
    code,
    referralType: request.referralType,
    referenceId,
    commissionBasisPoints: request.commissionBasisPoints ?? 500,
    expiresAt: request.expiresAt ?? null,
    qrDark: (request.qrDarkColor ?? '#000000').toLowerCase(),
    qrLight: (request.qrLightColor ?? '#ffffff').toLowerCase(),
    qrSize: request.qrSize ?? 256,
  });
  if (!id) throw new DomainError('conflict', `The code ${code} is taken.`);
  return getOwnReferral(db, accountId, code);
}

export async function getOwnReferral(db: DatabaseTransactionConnection, accountId: string, code: string) {
  const referral = await findOwnReferral(db, accountId, code);
  if (!referral) throw noReferral();
  return referral;
}

/** The conversions of one of the caller's codes (404 for anyone else's). */
export async function listCodeConversions(
  db: DatabaseTransactionConnection,
  accountId: string,
  code: string,
  query: { limit?: number; cursor?: string },
) {
  const referral = await getOwnReferral(db, accountId, code);
  return paginate('nex-referral-conversions', query, (after, take) =>
    listConversions(db, referral.id, after, take),
  );
}

/**
 * A code someone signs up or buys through: active, unexpired and not their own (409 otherwise,
 * as self-referral would pay a commission for nothing).
 */
export async function usableCode(db: CommonQueryMethods, code: string, userId: string) {
  const found = await findActiveCode(db, code);
  if (!found) throw new DomainError('conflict', 'The referral code is unknown, paused or expired.');
  if (found.accountId === userId) throw new DomainError('conflict', 'You cannot use your own referral code.');
  return found;
}

export function listReferrals(
  db: DatabaseTransactionConnection,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  return paginate('nex-referrals', query, (after, take) => listOwnReferrals(db, accountId, after, take));
}

export async function changeReferral(
  db: DatabaseTransactionConnection,
  accountId: string,
  code: string,
  changes: UpdateRequest,
) {
  const stored = await getOwnReferral(db, accountId, code);
  const ok = await updateReferral(db, accountId, code, {
    status: changes.status ?? (stored.status === 'paused' ? 'paused' : 'active'),
    expiresAt: changes.expiresAt !== undefined ? changes.expiresAt : stored.expiresAt,
    qrDark: (changes.qrDarkColor ?? stored.qrDarkColor).toLowerCase(),
    qrLight: (changes.qrLightColor ?? stored.qrLightColor).toLowerCase(),
    qrSize: changes.qrSize ?? stored.qrSize,
  });
  if (!ok) throw noReferral();
  return getOwnReferral(db, accountId, code);
}

/** What `/r/{code}` links to on this server, as the request reached it. */
export function visitUrl(origin: string, code: string) {
  return `${origin}/r/${encodeURIComponent(code)}?src=qr`;
}

export async function referralQr(
  db: DatabaseTransactionConnection,
  code: string,
  origin: string,
  format: 'svg' | 'png',
) {
  const style = await findQrStyle(db, code);
  if (!style) throw noReferral();
  return qrImage(
    visitUrl(origin, code),
    { dark: style.qrDark, light: style.qrLight, size: style.qrSize },
    format,
  );
}

/**
 * The device class of a user agent: a heuristic on well-known tokens (bots first, then tablets,
 * then phones), not a parser; anything else with a browser's `Mozilla/` prefix is a desktop.
 * Each test is a plain substring or a regex without nested quantifiers (linear).
 */
export function deviceType(userAgent: string): Visit['deviceType'] {
  const ua = userAgent.toLowerCase();
  if (ua === '') return 'unknown';
  if (/bot|crawler|spider|slurp|curl\/|wget\/|python-requests|headless/.test(ua)) return 'bot';
  if (ua.includes('ipad') || ua.includes('tablet') || (ua.includes('android') && !ua.includes('mobile'))) {
    return 'tablet';
  }
  if (ua.includes('mobi') || ua.includes('iphone') || ua.includes('ipod') || ua.includes('android'))
    return 'mobile';
  if (ua.startsWith('mozilla/')) return 'desktop';
  return 'unknown';
}

/** The visitor's address as an IP PostgreSQL reads; an IPv4-mapped IPv6 address as IPv4. */
export function visitorIp(ip: string | undefined): string | null {
  if (!ip) return null;
  const unmapped = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  return unmapped;
}

/** Where each type of code leads: the API's own resource, with the code carried along in `ref`. */
async function targetOf(
  db: DatabaseTransactionConnection,
  origin: string,
  type: string,
  referenceId: string,
  code: string,
) {
  const ref = `ref=${encodeURIComponent(code)}`;
  if (type === 'artwork') return `${origin}/v1/nex/artworks/${referenceId}?${ref}`;
  if (type === 'event') return `${origin}/v1/nex/events/${referenceId}?${ref}`;
  const username = await findUsername(db, referenceId);
  return `${origin}/v1/nex/creators/${encodeURIComponent(username ?? '')}?${ref}`;
}

export async function followReferral(
  db: DatabaseTransactionConnection,
  code: string,
  origin: string,
  visit: Omit<Visit, 'code'>,
): Promise<string> {
  const target = await recordVisit(db, { ...visit, code });
  if (!target) throw noReferral();
  return targetOf(db, origin, target.referralType, target.referenceId, code);
}
