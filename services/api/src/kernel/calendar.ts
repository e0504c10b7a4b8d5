/**
 * Strict calendar dates (`YYYY-MM-DD`) and RFC 3339 timestamps: a real day of a year from 0001
 * to 9999, a real time of day. JavaScript's `Date.parse` takes `2026-02-30` for March 2nd, and
 * PostgreSQL has no year 0000, so both would let an impossible date through to a 500.
 * https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as number[];
  return isDay(year ?? 0, month ?? 0, day ?? 0);
}

/** Seconds stop at 59: neither PostgreSQL nor `Date` keeps a leap second as such. */
export function isTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  // An absent offset (`Z`) reads as 0.
  const [, year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offsetHour = 0, offsetMinute = 0] =
    match.map((part) => Number(part ?? 0));
  return (
    isDay(year, month, day) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 23 &&
    offsetMinute <= 59
  );
}
