/** Referral codes, visits and conversions (docs/products/nex.md, Referrals). */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import Type, { type Static } from 'typebox';
import { rowType } from '../../../db/row-type.ts';
import { afterPosition, type Position } from '../../../kernel/pagination.ts';

const ReferralRow = rowType(nex.live.referrals.Referral);
export type Referral = Static<typeof nex.live.referrals.Referral>;
const IdRow = rowType(Type.Object({ id: Type.String() }));

const referralColumns = sql.fragment`
  r.id, r.code, r.referral_type AS "referralType", r.reference_id AS "referenceId",
  r.commission_bp AS "commissionBasisPoints",
  CASE WHEN r.status = 'active' AND r.expires_at <= now() THEN 'expired' ELSE r.status END AS status,
  r.expires_at AS "expiresAt", r.qr_dark AS "qrDarkColor", r.qr_light AS "qrLightColor", r.qr_size AS "qrSize",
  r.click_count AS "clickCount", r.scan_count AS "scanCount", r.conversion_count AS "conversionCount",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"
`;

export interface NewReferral {
  code: string;
  referralType: Referral['referralType'];
  referenceId: string;
  commissionBasisPoints: number;
  expiresAt: string | null;
  qrDark: string;
  qrLight: string;
  qrSize: number;
}

/** Null when the code is taken (the unique index decides, so two callers racing for one code get one each). */
export function insertReferral(db: CommonQueryMethods, accountId: string, referral: NewReferral) {
  return db.maybeOneFirst(sql.type(IdRow)`
    INSERT INTO nex.referral_codes (account_id, code, referral_type, reference_id, commission_bp, expires_at, qr_dark,
                                    qr_light, qr_size)
    VALUES (${accountId}, ${referral.code}, ${referral.referralType}, ${referral.referenceId},
            ${referral.commissionBasisPoints}, ${referral.expiresAt}, ${referral.qrDark}, ${referral.qrLight},
            ${referral.qrSize})
    ON CONFLICT (code) DO NOTHING
    RETURNING id
  `);
}

export function findOwnReferral(db: CommonQueryMethods, accountId: string, code: string) {
  return db.maybeOne(sql.type(ReferralRow)`
    SELECT ${referralColumns} FROM nex.referral_codes r WHERE r.code = ${code} AND r.account_id = ${accountId}
  `);
}

const QrRow = rowType(Type.Object({ qrDark: Type.String(), qrLight: Type.String(), qrSize: Type.Integer() }));

/** Anyone's code, for its QR image: only the style (codes are shared openly). */
export function findQrStyle(db: CommonQueryMethods, code: string) {
  return db.maybeOne(sql.type(QrRow)`
    SELECT qr_dark AS "qrDark", qr_light AS "qrLight", qr_size AS "qrSize" FROM nex.referral_codes WHERE code = ${code}
  `);
}

export function listOwnReferrals(
  db: CommonQueryMethods,
  accountId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(ReferralRow)`
    SELECT ${referralColumns} FROM nex.referral_codes r
    WHERE r.account_id = ${accountId} ${afterPosition(after, 'r')}
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${take}
  `);
}

export interface ReferralChanges {
  status: 'active' | 'paused';
  expiresAt: string | null;
  qrDark: string;
  qrLight: string;
  qrSize: number;
}

export function updateReferral(
  db: CommonQueryMethods,
  accountId: string,
  code: string,
  changes: ReferralChanges,
) {
  return db.maybeOneFirst(sql.type(IdRow)`
    UPDATE nex.referral_codes SET status = ${changes.status}, expires_at = ${changes.expiresAt},
      qr_dark = ${changes.qrDark}, qr_light = ${changes.qrLight}, qr_size = ${changes.qrSize}, updated_at = now()
    WHERE code = ${code} AND account_id = ${accountId}
    RETURNING id
  `);
}

const VisitRow = rowType(
  Type.Object({
    referralType: Type.Union([Type.String(), Type.Null()]),
    referenceId: Type.Union([Type.String(), Type.Null()]),
  }),
);

export interface Visit {
  code: string;
  source: 'click' | 'scan';
  userAgent: string;
  referer: string;
  deviceType: 'mobile' | 'tablet' | 'desktop' | 'bot' | 'unknown';
  ip: string | null;
}

/** Records a visit of an active code (nex.record_referral_visit); null when the code does not count. */
export async function recordVisit(db: CommonQueryMethods, visit: Visit) {
  const row = await db.one(sql.type(VisitRow)`
    SELECT referral_type AS "referralType", reference_id AS "referenceId"
    FROM nex.record_referral_visit(${visit.code}, ${visit.source}, ${visit.userAgent}, ${visit.referer},
                                   ${visit.deviceType}, ${visit.ip})
  `);
  return row.referralType && row.referenceId
    ? { referralType: row.referralType as Referral['referralType'], referenceId: row.referenceId }
    : null;
}

const CodeRow = rowType(
  Type.Object({
    id: Type.String(),
    code: Type.String(),
    accountId: Type.String(),
    commissionBasisPoints: Type.Integer(),
  }),
);
const codeColumns = sql.fragment`id, code, account_id AS "accountId", commission_bp AS "commissionBasisPoints"`;

/** An active, unexpired code (for a signup or a purchase through it). */
export function findActiveCode(db: CommonQueryMethods, code: string) {
  return db.maybeOne(sql.type(CodeRow)`
    SELECT ${codeColumns} FROM nex.referral_codes
    WHERE code = ${code} AND status = 'active' AND (expires_at IS NULL OR expires_at > now())
  `);
}

/** A code by id, whatever its status (a purchase made through it while it was active). */
export function findCodeById(db: CommonQueryMethods, id: string) {
  return db.maybeOne(sql.type(CodeRow)`SELECT ${codeColumns} FROM nex.referral_codes WHERE id = ${id}`);
}

const CodeIdRow = rowType(Type.Object({ id: Type.Union([Type.String(), Type.Null()]) }));

export interface Conversion {
  codeId: string;
  converterId: string;
  kind: 'signup' | 'purchase';
  referenceType: string;
  referenceId: string;
  value: number;
  commission: number;
  currency: string;
}

/** Records a conversion once per converted thing (nex.record_referral_conversion); null if already, or refused. */
export function recordConversion(db: CommonQueryMethods, c: Conversion) {
  return db.oneFirst(sql.type(CodeIdRow)`
    SELECT nex.record_referral_conversion(${c.codeId}, ${c.converterId}, ${c.kind}, ${c.referenceType},
                                          ${c.referenceId}, ${c.value}, ${c.commission}, ${c.currency}) AS id
  `);
}

const AccountRow = rowType(Type.Object({ username: Type.String() }));

export function findUsername(db: CommonQueryMethods, accountId: string) {
  return db.maybeOneFirst(
    sql.type(AccountRow)`SELECT username FROM nex.creators WHERE account_id = ${accountId}`,
  );
}

const ConversionRow = rowType(nex.live.referrals.ReferralConversion);
const conversionColumns = sql.fragment`
  c.id, c.kind, c.reference_type AS "referenceType", c.value_amount AS "valueAmount",
  c.commission_amount AS "commissionAmount", c.currency, c.created_at AS "createdAt"
`;

/** A code's conversions, newest first (RLS: the referrer's, or the converter's own). */
export function listConversions(
  db: CommonQueryMethods,
  codeId: string,
  after: Position | null,
  take: number,
) {
  return db.any(sql.type(ConversionRow)`
    SELECT ${conversionColumns} FROM nex.referral_conversions c
    WHERE c.code_id = ${codeId} ${afterPosition(after, 'c')}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${take}
  `);
}

const CommissionRow = rowType(Type.Object({ referrerId: Type.String(), commissionAmount: Type.Number() }));

/** The conversion of a converted thing, as its converter reads it: who was credited, and how much. */
export function findConversion(db: CommonQueryMethods, referenceType: string, referenceId: string) {
  return db.maybeOne(sql.type(CommissionRow)`
    SELECT account_id AS "referrerId", commission_amount AS "commissionAmount" FROM nex.referral_conversions
    WHERE reference_type = ${referenceType} AND reference_id = ${referenceId}
  `);
}
