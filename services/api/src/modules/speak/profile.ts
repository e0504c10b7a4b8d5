/** The learner profile and language settings (docs/products/speak.md, Profile). */
import type { CommonQueryMethods } from 'slonik';
import { notFound, validationFailed } from '../../kernel/errors.ts';
import { paginate } from '../../kernel/pagination.ts';
import {
  findProfile,
  findSetting,
  listSettings,
  type ProfileRequest,
  type SettingRequest,
  upsertProfile,
  upsertSetting,
} from './queries/profile.ts';

const TIME_ZONES = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);

/** An IANA zone this server's ICU knows (PostgreSQL knows the same names). */
export function isTimeZone(zone: string): boolean {
  return TIME_ZONES.has(zone);
}

export async function getProfile(db: CommonQueryMethods, accountId: string) {
  const profile = await findProfile(db, accountId);
  if (!profile) throw notFound('learner profile');
  return profile;
}

/** The profile before and after: audited with both (kernel audit changes). */
export async function putProfile(db: CommonQueryMethods, accountId: string, request: ProfileRequest) {
  const timezone = request.timezone ?? 'UTC';
  if (!isTimeZone(timezone)) throw validationFailed('/body/timezone', 'is not a known IANA time zone');
  const pair = request.currentLanguagePair;
  if (
    pair &&
    (pair.native !== request.nativeLanguage || !(request.targetLanguages ?? []).includes(pair.target))
  ) {
    throw validationFailed('/body/currentLanguagePair', 'must be nativeLanguage → one of targetLanguages');
  }
  const before = await findProfile(db, accountId);
  return { before, after: await upsertProfile(db, accountId, { ...request, timezone }) };
}

const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;

export async function listLanguages(
  db: CommonQueryMethods,
  accountId: string,
  query: { limit?: number; cursor?: string },
) {
  const page = await paginate('speak.languages', query, (after, take) =>
    listSettings(db, accountId, after, take),
  );
  return { ...page, data: page.data.map(withoutId) };
}

export async function getLanguage(db: CommonQueryMethods, accountId: string, code: string) {
  const setting = await findSetting(db, accountId, code);
  if (!setting) throw notFound('language setting');
  return withoutId(setting);
}

/** The settings before and after: audited with both. */
export async function putLanguage(
  db: CommonQueryMethods,
  accountId: string,
  code: string,
  request: SettingRequest,
) {
  const before = await findSetting(db, accountId, code);
  const after = withoutId(await upsertSetting(db, accountId, code, request));
  return { before: before && withoutId(before), after };
}
