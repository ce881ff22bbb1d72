// The periods teams plan by (years, halves, quarters, fiscal or not; months; two weeks;
// weeks): which one a cycle is, the one that holds a day, the one after. Pure: the new
// document commands use them to offer cycles and name folders as the workspace does.
import { parseCycle, parseIsoDay } from '../../server/src/protocol.ts';

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'twoWeeks' | 'week';

/**
 * One period. `year` is the calendar year, the fiscal year's name (FY2027) or the ISO
 * week-year; `n` the half, quarter, month or (first) week number, 1 for a year.
 */
export interface Period {
  kind: PeriodKind;
  fiscal: boolean;
  year: number;
  n: number;
}

/** A cycle as the progress tree carries it: the label as written, ISO days. */
export interface CycleDays {
  label: string;
  start: string;
  end: string;
}

/** First and last day (days since 1970-01-01). */
export interface DayRange {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function civil(day: number): { year: number; month: number } {
  // UTC throughout: a day number is a date, not a moment.
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function isoWeekOf(day: number): { year: number; week: number } {
  const thursday = day - weekday(day) + 3;
  const year = civil(thursday).year;
  return { year, week: Math.floor((thursday - parseIsoDay(`${year}-01-01`)!) / 7) + 1 };
}

function isoWeekStart(year: number, week: number): number {
  const january4 = parseIsoDay(`${year}-01-04`)!;
  return january4 - weekday(january4) + (week - 1) * 7;
}

function weekLabel(day: number): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${pad2(week)}`;
}

/** The engine's spelling: `2026`, `2026-Q4`, `FY2027-H1`, `2026-11`, `2026-W47`, `2026-W47..2026-W48`. */
export function strictLabel(period: Period): string {
  const fy = period.fiscal ? 'FY' : '';
  switch (period.kind) {
    case 'year':
      return `${fy}${period.year}`;
    case 'half':
      return `${fy}${period.year}-H${period.n}`;
    case 'quarter':
      return `${fy}${period.year}-Q${period.n}`;
    case 'month':
      return `${period.year}-${pad2(period.n)}`;
    case 'week':
      return `${period.year}-W${pad2(period.n)}`;
    case 'twoWeeks': {
      const start = isoWeekStart(period.year, period.n);
      return `${weekLabel(start)}..${weekLabel(start + 7)}`;
    }
  }
}

/** Its days, as the engine reads its strict label with this fiscal year start. */
export function periodDays(period: Period, fiscalYearStartMonth: number): DayRange {
  const parsed = parseCycle(strictLabel(period), fiscalYearStartMonth);
  return parsed.ok ? { start: parsed.cycle.start, end: parsed.cycle.end } : { start: NaN, end: NaN };
}

/** The period of this kind that holds `day`; two weeks start in `day`'s week. */
export function periodContaining(kind: PeriodKind, fiscal: boolean, day: number, fiscalYearStartMonth: number): Period {
  if (kind === 'week' || kind === 'twoWeeks') {
    const { year, week } = isoWeekOf(day);
    return { kind, fiscal: false, year, n: week };
  }
  const { year, month } = civil(day);
  if (kind === 'month') return { kind, fiscal: false, year, n: month };
  const startMonth = fiscal ? fiscalYearStartMonth : 1;
  const offset = (month - startMonth + 12) % 12;
  // A fiscal year is named after the calendar year in which it ends (SPEC §4).
  const name = startMonth === 1 || month < startMonth ? year : year + 1;
  const n = kind === 'year' ? 1 : kind === 'half' ? Math.floor(offset / 6) + 1 : Math.floor(offset / 3) + 1;
  return { kind, fiscal, year: name, n };
}

/** The period right after this one (two weeks: the next two). */
export function nextPeriod(period: Period, fiscalYearStartMonth: number): Period {
  const days = periodDays(period, fiscalYearStartMonth);
  return periodContaining(period.kind, period.fiscal, days.end + 1, fiscalYearStartMonth);
}

/** Written as a fiscal cycle (`FY2027-Q1`, `Q1 FY27`). */
export function isFiscalLabel(label: string): boolean {
  return /FY/i.test(label);
}

const CALENDAR_KINDS: PeriodKind[] = ['week', 'twoWeeks', 'month', 'quarter', 'half', 'year'];
const FISCAL_KINDS: PeriodKind[] = ['quarter', 'half', 'year'];

/** Which period these days are exactly, or undefined (a custom range, a day). */
export function periodOfDays(days: DayRange, fiscal: boolean, fiscalYearStartMonth: number): Period | undefined {
  if (!Number.isFinite(days.start) || !Number.isFinite(days.end)) return undefined;
  for (const kind of fiscal ? FISCAL_KINDS : CALENDAR_KINDS) {
    const period = periodContaining(kind, fiscal, days.start, fiscalYearStartMonth);
    const exact = periodDays(period, fiscalYearStartMonth);
    if (exact.start === days.start && exact.end === days.end) return period;
  }
  return undefined;
}

/** The days of a cycle as the tree gives them. */
export function cycleDays(cycle: CycleDays): DayRange {
  return { start: parseIsoDay(cycle.start) ?? NaN, end: parseIsoDay(cycle.end) ?? NaN };
}

/** Which period a cycle of the tree is, or undefined. */
export function periodOfCycle(cycle: CycleDays, fiscalYearStartMonth: number): Period | undefined {
  return periodOfDays(cycleDays(cycle), isFiscalLabel(cycle.label), fiscalYearStartMonth);
}

/** The fiscal year start month the workspace's fiscal labels were read with (1 when none is written). */
export function fiscalStartOf(cycles: readonly CycleDays[]): number {
  const votes = new Map<number, number>();
  for (const cycle of cycles) {
    if (!isFiscalLabel(cycle.label)) continue;
    const days = cycleDays(cycle);
    for (let month = 1; month <= 12; month++) {
      const parsed = parseCycle(cycle.label, month);
      if (parsed.ok && parsed.cycle.start === days.start && parsed.cycle.end === days.end) {
        votes.set(month, (votes.get(month) ?? 0) + 1);
        break;
      }
    }
  }
  let best = 1;
  for (const [month, count] of votes) if (count > (votes.get(best) ?? 0)) best = month;
  return best;
}
