/**
 * Cycles (SPEC §4): parsing cycle labels such as `2026-Q4`, `2026-W47..2026-W48`
 * or `FY2027-H1` into inclusive day ranges, and the date arithmetic used for
 * pace (SPEC §3): expected progress, days left, "ended".
 *
 * Pure. Dates are whole days of the calendar (calendar.ts): no time zones, no DST.
 *
 * Choices where the spec leaves room:
 * - Weeks, months and days need two digits, as in ISO 8601 (`2026-W05`,
 *   `2026-01`, `2026-01-05`). `2026-W5` or `2026-1` is rejected with a message
 *   that shows the two-digit form, so a user who writes it learns the fix at
 *   once, and each cycle has a single spelling.
 * - Halves and quarters take exactly one digit (`2026-Q4`); `2026-Q04` is rejected.
 * - Years must be 1000–9999 (the year as written; FY1000 with a fiscal start in
 *   April still begins in 999, which is fine).
 * - Besides the strict forms, the spellings teams write are read (cycleSpellings.ts):
 *   `Q3 2018`, `2018 Q3`, `Q3/2018`, `FY24-Q3`, `FY24Q3`, `Q3 FY24`, `FY24`, `H2 2026`,
 *   `Nov 2026`, `November 2026`, `2026 November`. Each maps to a strict form and is parsed
 *   as that; the label stays as written and messages quote it. Two-digit years are for
 *   fiscal years only (20YY).
 * - A range is valid unless the start of its first period is after the end of
 *   its last period; the two periods may overlap or be nested.
 * - Never throws; every regex is anchored and free of nested quantifiers, and
 *   over-long pieces are rejected before any regex runs.
 */

import {
  civilFromDay, dayFromCivil, daysInMonth, formatIsoDay, isoWeekOf, isoWeekOneMonday, isoWeeksInYear, monthStart, pad, parseIsoDay, type Day,
} from './calendar.ts';
import { cycleSpellingHint, normaliseCycleSpelling } from './cycleSpellings.ts';

/** An inclusive range of days; `label` is the input text trimmed. */
export interface Cycle {
  label: string;
  start: Day;
  end: Day;
}

export type CycleResult = { ok: true; cycle: Cycle } | { ok: false; message: string };

const EXPECTED =
  'expected YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD, FYYYYY, FYYYYY-Hn or FYYYYY-Qn, ' +
  'or as written: Q3 2026, FY26-Q3, H2 2026, November 2026; ' +
  "or a range 'start..end' of two of them (e.g. 2026-Q4, 2026-W47..2026-W48)";

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Longest period text we try to parse (`2026-11-01` is 10 characters, `September 2026` 14). */
const MAX_PERIOD_LENGTH = 16;
/** How much of the user's text we quote in a message. */
const MAX_QUOTE_LENGTH = 40;

// ---------------------------------------------------------------------------
// Cycle arithmetic
// ---------------------------------------------------------------------------

/** Length in days: end − start + 1. */
export function cycleLength(cycle: Cycle): number {
  return cycle.end - cycle.start + 1;
}

/** Every day of `inner` lies in `outer`. */
export function cycleContains(outer: Cycle, inner: Cycle): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** The two cycles share at least one day. */
export function cyclesOverlap(a: Cycle, b: Cycle): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A cycle ends at the end of its last day: on its last day it has not ended. */
export function hasEnded(cycle: Cycle, today: Day): boolean {
  return today > cycle.end;
}

/** end − today (0 on the last day, negative once ended). */
export function daysLeft(cycle: Cycle, today: Day): number {
  return cycle.end - today;
}

/** clamp(today − start + 1, 0, length) / length: 1/length on the first day, 1 on the last. */
export function expectedProgress(cycle: Cycle, today: Day): number {
  const length = cycleLength(cycle);
  if (!(length > 0)) return today >= cycle.start ? 1 : 0; // not produced by parseCycle
  const elapsed = Math.min(Math.max(today - cycle.start + 1, 0), length);
  return elapsed / length;
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

type PeriodResult = { ok: true; start: Day; end: Day } | { ok: false; message: string };

function quote(text: string): string {
  const shown = text.length > MAX_QUOTE_LENGTH ? `${text.slice(0, MAX_QUOTE_LENGTH)}…` : text;
  return `'${shown}'`;
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

const YEAR_RE = /^(\d{4})$/;
const HALF_QUARTER_RE = /^(\d{4})-([HQ])(\d+)$/i;
const MONTH_RE = /^(\d{4})-(\d{1,2})$/;
const WEEK_RE = /^(\d{4})-W(\d{1,2})$/i;
const DATE_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const FISCAL_RE = /^FY(\d{4})(?:-([HQ])(\d+))?$/i;
/** A period shape with a year that is not four digits, e.g. `20260-Q1`, `999`, `FY12345`. */
const BAD_YEAR_RE = /^(?:FY)?(\d{1,3}|\d{5,})(?:-(?:[HQW]\d+|\d{1,2}(?:-\d{1,2})?))?$/i;

function checkYear(digits: string, text: string): string | undefined {
  const year = Number(digits);
  if (year < 1000) return `year ${digits} is out of range in ${quote(text)}: years must be 1000–9999`;
  return undefined;
}

/** Sub-period of a (fiscal or calendar) year starting at `firstMonth` of `year`. */
function halfOrQuarter(
  year: number,
  firstMonth: number,
  kind: string,
  digits: string,
  text: string,
): PeriodResult {
  const isHalf = kind.toUpperCase() === 'H';
  const count = isHalf ? 2 : 4;
  const n = Number(digits);
  if (digits.length !== 1 || n < 1 || n > count) {
    return fail(
      isHalf
        ? `half ${digits} does not exist (${quote(text)}): halves are H1 and H2`
        : `quarter ${digits} does not exist (${quote(text)}): quarters are Q1–Q4`,
    );
  }
  const months = 12 / count;
  const from = firstMonth + (n - 1) * months;
  return { ok: true, start: monthStart(year, from), end: monthStart(year, from + months) - 1 };
}

/** `shown` is the text as written, quoted in messages, when `text` is its strict spelling. */
function parsePeriod(text: string, fiscalYearStartMonth: number, shown: string = text): PeriodResult {
  let m: RegExpExecArray | null;

  if ((m = YEAR_RE.exec(text))) {
    const bad = checkYear(m[1] ?? '', shown);
    if (bad) return fail(bad);
    const year = Number(m[1]);
    return { ok: true, start: dayFromCivil(year, 1, 1), end: dayFromCivil(year, 12, 31) };
  }

  if ((m = HALF_QUARTER_RE.exec(text))) {
    const bad = checkYear(m[1] ?? '', shown);
    if (bad) return fail(bad);
    return halfOrQuarter(Number(m[1]), 1, m[2] ?? '', m[3] ?? '', shown);
  }

  if ((m = MONTH_RE.exec(text))) {
    const bad = checkYear(m[1] ?? '', shown);
    if (bad) return fail(bad);
    const year = Number(m[1]);
    const digits = m[2] ?? '';
    const month = Number(digits);
    if (month < 1 || month > 12) return fail(`month ${digits} does not exist (${quote(shown)}): months are 01–12`);
    if (digits.length !== 2) return fail(`months need two digits: write ${m[1]}-${pad(month, 2)}, not ${text}`);
    return { ok: true, start: dayFromCivil(year, month, 1), end: dayFromCivil(year, month, daysInMonth(year, month)) };
  }

  if ((m = WEEK_RE.exec(text))) {
    const bad = checkYear(m[1] ?? '', shown);
    if (bad) return fail(bad);
    const year = Number(m[1]);
    const digits = m[2] ?? '';
    const week = Number(digits);
    const weeks = isoWeeksInYear(year);
    if (week < 1) return fail(`week ${digits} does not exist (${quote(shown)}): ISO weeks start at W01`);
    if (week > weeks) return fail(`${year} has only ${weeks} ISO weeks (${quote(shown)})`);
    if (digits.length !== 2) return fail(`weeks need two digits: write ${m[1]}-W${pad(week, 2)}, not ${text}`);
    const start = isoWeekOneMonday(year) + (week - 1) * 7;
    return { ok: true, start, end: start + 6 };
  }

  if ((m = DATE_RE.exec(text))) {
    const bad = checkYear(m[1] ?? '', shown);
    if (bad) return fail(bad);
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if ((m[2] ?? '').length !== 2 || (m[3] ?? '').length !== 2) {
      const fixed = `${m[1]}-${pad(month, 2)}-${pad(day, 2)}`;
      if (parseIsoDay(fixed) !== undefined) return fail(`dates need two-digit months and days: write ${fixed}, not ${text}`);
    }
    if (month < 1 || month > 12) return fail(`${text} is not a date: month ${m[2]} does not exist`);
    const last = daysInMonth(year, month);
    if (day < 1 || day > last) {
      return fail(`${text} is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${last} days`);
    }
    const d = dayFromCivil(year, month, day);
    return { ok: true, start: d, end: d };
  }

  if ((m = FISCAL_RE.exec(text))) {
    const bad = checkYear(m[1] ?? '', shown);
    if (bad) return fail(bad);
    if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
      return fail(`fiscalYearStartMonth must be a whole number from 1 to 12, not ${String(fiscalYearStartMonth)}`);
    }
    const fy = Number(m[1]);
    // A fiscal year is named after the calendar year in which it ends.
    const startYear = fiscalYearStartMonth === 1 ? fy : fy - 1;
    if (m[2] === undefined) {
      return {
        ok: true,
        start: monthStart(startYear, fiscalYearStartMonth),
        end: monthStart(startYear, fiscalYearStartMonth + 12) - 1,
      };
    }
    return halfOrQuarter(startYear, fiscalYearStartMonth, m[2], m[3] ?? '', shown);
  }

  if ((m = BAD_YEAR_RE.exec(text))) {
    return fail(`year ${m[1]} is out of range in ${quote(shown)}: years must be 1000–9999`);
  }
  return fail(`${quote(shown)} is not a cycle: ${cycleSpellingHint(text) ?? EXPECTED}`);
}

/**
 * Parses one side of the cycle text (already trimmed), rejecting over-long text before any
 * regex runs; a loose spelling (`Q3 2018`) is parsed as its strict one (`2018-Q3`).
 */
function parseSide(text: string, fiscalYearStartMonth: number): PeriodResult {
  if (text.length > MAX_PERIOD_LENGTH) return fail(`${quote(text)} is not a cycle: ${EXPECTED}`);
  const strict = normaliseCycleSpelling(text);
  return strict === undefined ? parsePeriod(text, fiscalYearStartMonth) : parsePeriod(strict, fiscalYearStartMonth, text);
}

/**
 * Parses a cycle (SPEC §4): `period` or `period..period` (start of the first to
 * end of the last, inclusive). Letters are case-insensitive; whitespace around
 * the text and around `..` is allowed. Besides the strict forms it reads the spellings of
 * cycleSpellings.ts (`Q3 2018`, `FY24Q3`, `Nov 2026`…), keeping the label as written. Never throws.
 */
export function parseCycle(text: string, fiscalYearStartMonth: number = 1): CycleResult {
  if (typeof text !== 'string') return fail(`a cycle must be text: ${EXPECTED}`);
  const label = text.trim();
  if (label === '') return fail(`the cycle is empty: ${EXPECTED}`);

  const dots = label.indexOf('..');
  if (dots < 0) {
    const r = parseSide(label, fiscalYearStartMonth);
    if (!r.ok) return r;
    return { ok: true, cycle: { label, start: r.start, end: r.end } };
  }

  const left = label.slice(0, dots).trim();
  const right = label.slice(dots + 2).trim();
  if (right.includes('..')) return fail(`${quote(label)} is not a cycle: a range has exactly one '..'`);
  if (left === '') return fail(`the range ${quote(label)} has no start: write start..end, e.g. 2026-W47..2026-W48`);
  if (right === '') return fail(`the range ${quote(label)} has no end: write start..end, e.g. 2026-W47..2026-W48`);

  const a = parseSide(left, fiscalYearStartMonth);
  if (!a.ok) return a;
  const b = parseSide(right, fiscalYearStartMonth);
  if (!b.ok) return b;
  if (a.start > b.end) {
    return fail(
      `the range starts after it ends: ${left} starts on ${formatIsoDay(a.start)}, after ${right} ends on ${formatIsoDay(b.end)}`,
    );
  }
  return { ok: true, cycle: { label, start: a.start, end: b.end } };
}

// ---------------------------------------------------------------------------
// Completion
// ---------------------------------------------------------------------------

function weekLabel(day: Day): string {
  const w = isoWeekOf(day);
  return `${pad(w.isoYear, 4)}-W${pad(w.week, 2)}`;
}

/**
 * Cycle labels to offer in completion, in this order: current and next ISO
 * week, the two-week range starting this week (YYYY-Www..YYYY-Www), current and
 * next month, current and next quarter. Each parses with parseCycle (labels that
 * would fall outside years 1000–9999 are left out).
 */
export function suggestCycles(today: Day): string[] {
  if (!Number.isFinite(today)) return [];
  const day = Math.floor(today);
  const thisWeek = weekLabel(day);
  const nextWeek = weekLabel(day + 7);
  const c = civilFromDay(day);
  const nextMonth = civilFromDay(monthStart(c.year, c.month + 1));
  const quarter = Math.floor((c.month - 1) / 3) + 1;
  const nextQuarterYear = quarter === 4 ? c.year + 1 : c.year;
  const nextQuarter = quarter === 4 ? 1 : quarter + 1;
  const labels = [
    thisWeek,
    nextWeek,
    `${thisWeek}..${nextWeek}`,
    `${pad(c.year, 4)}-${pad(c.month, 2)}`,
    `${pad(nextMonth.year, 4)}-${pad(nextMonth.month, 2)}`,
    `${pad(c.year, 4)}-Q${quarter}`,
    `${pad(nextQuarterYear, 4)}-Q${nextQuarter}`,
  ];
  return labels.filter((label) => parseCycle(label).ok);
}

/** `2026-Q4 (2026-10-01..2026-12-31)`, or just the dates when that is how it was written. */
export function describeCycle(cycle: Cycle): string {
  const dates = `${formatIsoDay(cycle.start)}..${formatIsoDay(cycle.end)}`;
  return cycle.label.replace(/\s+/g, '') === dates || cycle.label === formatIsoDay(cycle.start) ? dates : `${cycle.label} (${dates})`;
}
