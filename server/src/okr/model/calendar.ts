/**
 * The calendar (SPEC §4): days as whole numbers since 1970-01-01 in the proleptic
 * Gregorian calendar, with integer arithmetic (no `Date` except in `dayFromDate`), so there
 * are no time zones and no DST surprises. Cycles (cycles.ts) are ranges of these days.
 */

/** Days since 1970-01-01 (UTC), an integer. All date math uses it: no time zones. */
export type Day = number;

// ---------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, integer only)
// ---------------------------------------------------------------------------

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a valid civil date (H. Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (H. Hinnant's civil_from_days). */
export function civilFromDay(day: Day): { year: number; month: number; day: number } {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** First day of the month `month` (may be outside 1..12; it is normalised) of `year`. */
export function monthStart(year: number, month: number): Day {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  return dayFromCivil(y, m, 1);
}

/** ISO weekday, Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
function isoWeekday(day: Day): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Monday of ISO week 1 of `isoYear` (the week containing 4 January). */
export function isoWeekOneMonday(isoYear: number): Day {
  const jan4 = dayFromCivil(isoYear, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

/** 52 or 53. */
export function isoWeeksInYear(isoYear: number): number {
  return (isoWeekOneMonday(isoYear + 1) - isoWeekOneMonday(isoYear)) / 7;
}

export function isoWeekOf(day: Day): { isoYear: number; week: number } {
  let isoYear = civilFromDay(day).year;
  if (day < isoWeekOneMonday(isoYear)) isoYear -= 1;
  else if (day >= isoWeekOneMonday(isoYear + 1)) isoYear += 1;
  return { isoYear, week: Math.floor((day - isoWeekOneMonday(isoYear)) / 7) + 1 };
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------
// Public day helpers
// ---------------------------------------------------------------------------

const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Strict `YYYY-MM-DD` (no surrounding whitespace), validated: returns undefined
 * for impossible dates such as `2026-02-30` and for years outside 1000–9999.
 */
export function parseIsoDay(text: string): Day | undefined {
  if (typeof text !== 'string' || text.length !== 10) return undefined;
  const m = ISO_DAY_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayFromCivil(year, month, day);
}

/** `YYYY-MM-DD`. */
export function formatIsoDay(day: Day): string {
  const c = civilFromDay(day);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

/** The LOCAL calendar date of a JS Date (for "today"). NaN for an invalid Date. */
export function dayFromDate(date: Date): Day {
  const year = date.getFullYear();
  if (Number.isNaN(year)) return Number.NaN;
  return dayFromCivil(year, date.getMonth() + 1, date.getDate());
}
