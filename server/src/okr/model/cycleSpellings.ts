/**
 * Cycle spellings (SPEC §4): the ways real teams write a cycle besides the strict forms
 * of cycles.ts (`Q3 2018`, `FY24Q3`, `H2 2026`, `Nov 2026`…), mapped to the strict
 * spelling, and the search for a cycle written inside free text (a title, a heading) or a
 * file path.
 *
 * Pure and self-contained: cycles.ts imports this module, so it imports cycles.ts for its
 * types only, and works out the days of what it finds itself (calendar.ts).
 *
 * Choices where the spec leaves room:
 * - A two-digit year means 20YY, and only in a fiscal year (`FY24`, `Q3 FY24`): `Nov 26`
 *   or `Q3 26` is rejected with a hint that shows the four-digit form.
 * - Separators: one or more spaces, `-` or `/` (`Q3 2018`, `Q3-2018`, `Q3/2018`); none
 *   between a fiscal year and its part (`FY24Q3`); none inside `FY2024`. In text and paths
 *   one space, `-`, `_` or `/` (`2018_Q3_okrs.md`, `2026/Q4/team.md`).
 * - Month names in English, full or three letters, and `Sept`; a dot may follow the name.
 * - In text, a found cycle's `cycle.label` is its strict spelling (`2018-Q3`, `FY2024-Q3`,
 *   `2026-11`), which parseCycle reads as the same days; `label` is the text as written.
 * - Every regex is anchored or bounded, with no nested quantifiers: the search is linear.
 */

import { dayFromCivil, daysInMonth, isoWeekOneMonday, isoWeeksInYear, monthStart, pad, type Day } from './calendar.ts';
import type { Cycle } from './cycles.ts';

const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
];

/** Month names in lower case, full and in three letters, and `sept`: their numbers 1–12. */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, i): [string, number] => [name, i + 1]),
  ...MONTH_NAMES.map((name, i): [string, number] => [name.slice(0, 3), i + 1]),
  ['sept', 9],
]);

function monthNumber(name: string): number | undefined {
  return MONTHS.get(name.toLowerCase());
}

// ---------------------------------------------------------------------------
// One period, as the whole text (parseCycle)
// ---------------------------------------------------------------------------

/** `Q3 2018`, `Q3-2018`, `Q3/2018`, `H2 2026`. */
const PART_YEAR_RE = /^([HQ])(\d+)(?: +|-|\/)(\d{4})$/i;
/** `2018 Q3`, `2018/Q3` (`2018-Q3` is strict). */
const YEAR_PART_RE = /^(\d{4})(?: +|\/)([HQ])(\d+)$/i;
/** `FY24-Q3`, `FY24Q3`, `FY24 Q3`, `FY24/Q3`. */
const SHORT_FISCAL_PART_RE = /^FY(\d{2})(?: *|-|\/)([HQ])(\d+)$/i;
/** `FY2024Q3`, `FY2024 Q3`, `FY2024/Q3` (`FY2024-Q3` is strict). */
const FISCAL_PART_RE = /^FY(\d{4})(?: *|\/)([HQ])(\d+)$/i;
/** `Q3 FY24`, `Q3-FY2024`, `Q2FY23`. */
const PART_FISCAL_RE = /^([HQ])(\d+)(?: *|-|\/)FY(\d{2}|\d{4})$/i;
/** `CY19-Q4`, `CY2019 Q4`: a calendar year said to be one (as against a fiscal year). */
const CALENDAR_PART_RE = /^CY(\d{2}|\d{4})(?: *|-|\/)([HQ])(\d+)$/i;
/** `FY24` (`FY2024` is strict). */
const FISCAL_SHORT_RE = /^FY(\d{2})$/i;
/** `Nov 2026`, `November 2026`, `Sept. 2026`, `nov-2026`. */
const MONTH_YEAR_RE = /^([a-z]{3,9})\.?(?: +|-|\/)(\d{4})$/i;
/** `2026 November`, `2026-nov`. */
const YEAR_MONTH_RE = /^(\d{4})(?: +|-|\/)([a-z]{3,9})$/i;

/** `FY24` → `FY2024`; four digits stay as written. */
function fiscalYearDigits(digits: string): string {
  return digits.length === 2 ? `20${digits}` : digits;
}

/**
 * The strict spelling of a loose one (`Q3 2018` → `2018-Q3`, `FY24Q3` → `FY2024-Q3`,
 * `Nov 2026` → `2026-11`), or undefined when `text` is not a loose spelling (strict forms
 * included). Quarter and half digits are kept as written, for the strict parser to judge.
 * `text` is trimmed and short: the caller rejects over-long text before this runs.
 */
export function normaliseCycleSpelling(text: string): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = PART_YEAR_RE.exec(text))) return `${m[3]}-${m[1]!.toUpperCase()}${m[2]}`;
  if ((m = YEAR_PART_RE.exec(text))) return `${m[1]}-${m[2]!.toUpperCase()}${m[3]}`;
  if ((m = SHORT_FISCAL_PART_RE.exec(text) ?? FISCAL_PART_RE.exec(text))) return `FY${fiscalYearDigits(m[1]!)}-${m[2]!.toUpperCase()}${m[3]}`;
  if ((m = PART_FISCAL_RE.exec(text))) return `FY${fiscalYearDigits(m[3]!)}-${m[1]!.toUpperCase()}${m[2]}`;
  if ((m = FISCAL_SHORT_RE.exec(text))) return `FY${fiscalYearDigits(m[1]!)}`;
  if ((m = CALENDAR_PART_RE.exec(text))) return `${fiscalYearDigits(m[1]!)}-${m[2]!.toUpperCase()}${m[3]}`;
  let month: number | undefined;
  if ((m = MONTH_YEAR_RE.exec(text)) && (month = monthNumber(m[1]!))) return `${m[2]}-${pad(month, 2)}`;
  if ((m = YEAR_MONTH_RE.exec(text)) && (month = monthNumber(m[2]!))) return `${m[1]}-${pad(month, 2)}`;
  return undefined;
}

/** `Q3 26`, `Q3 '26`, `Q3-26`, `H2'26`. */
const PART_SHORT_YEAR_RE = /^([HQ]\d)(?: +'?|-|\/|')(\d{2})$/i;
/** `Nov 26`, `Nov '26`, `nov-26`. */
const MONTH_SHORT_YEAR_RE = /^([a-z]{3,9})\.?(?: +'?|-|\/|')(\d{2})$/i;
const PART_ALONE_RE = /^([HQ])\d$/i;
const MONTH_ALONE_RE = /^([a-z]{3,9})\.?$/i;

/**
 * Why a near miss is not a cycle, for the message (`Nov 26`, `Q3 26`, `Q4`, `November`),
 * or undefined. `text` is trimmed and short, as for normaliseCycleSpelling.
 */
export function cycleSpellingHint(text: string): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = PART_SHORT_YEAR_RE.exec(text))) {
    const part = m[1]!.toUpperCase();
    return `calendar years need four digits: write ${part} 20${m[2]} (two-digit years are for fiscal years: ${part} FY${m[2]})`;
  }
  if ((m = MONTH_SHORT_YEAR_RE.exec(text)) && monthNumber(m[1]!)) {
    return `calendar years need four digits: write ${m[1]} 20${m[2]}`;
  }
  if ((m = PART_ALONE_RE.exec(text))) {
    const what = m[1]!.toUpperCase() === 'H' ? 'a half' : 'a quarter';
    return `${what} needs its year, e.g. ${text.toUpperCase()} 2026 or 2026-${text.toUpperCase()}`;
  }
  if ((m = MONTH_ALONE_RE.exec(text)) && monthNumber(m[1]!)) {
    return `a month needs its year, e.g. ${m[1]} 2026 or 2026-${pad(monthNumber(m[1]!)!, 2)}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Days of a found period (the strict parser lives in cycles.ts, which imports us)
// ---------------------------------------------------------------------------

type Period =
  | { kind: 'year'; year: number }
  | { kind: 'fiscal'; year: number; part?: string; n?: number }
  | { kind: 'part'; year: number; part: string; n: number }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'week'; year: number; week: number };

/** `H`/`Q` number `n` of the year starting at `firstMonth` of `year`, or undefined when `n` is out of range. */
function partDays(year: number, firstMonth: number, part: string, n: number): [Day, Day] | undefined {
  const count = part.toUpperCase() === 'H' ? 2 : 4;
  if (!(n >= 1 && n <= count)) return undefined;
  const months = 12 / count;
  const from = firstMonth + (n - 1) * months;
  return [monthStart(year, from), monthStart(year, from + months) - 1];
}

/** The cycle of a period, labelled with its strict spelling, or undefined when it does not exist. */
function cycleOf(p: Period, fiscalYearStartMonth: number): Cycle | undefined {
  if (p.year < 1000 || p.year > 9999) return undefined;
  const y = pad(p.year, 4);
  let days: [Day, Day] | undefined;
  let label: string;
  switch (p.kind) {
    case 'year':
      days = [dayFromCivil(p.year, 1, 1), dayFromCivil(p.year, 12, 31)];
      label = y;
      break;
    case 'part':
      days = partDays(p.year, 1, p.part, p.n);
      label = `${y}-${p.part.toUpperCase()}${p.n}`;
      break;
    case 'month':
      if (!(p.month >= 1 && p.month <= 12)) return undefined;
      days = [dayFromCivil(p.year, p.month, 1), dayFromCivil(p.year, p.month, daysInMonth(p.year, p.month))];
      label = `${y}-${pad(p.month, 2)}`;
      break;
    case 'week': {
      if (p.week < 1 || p.week > isoWeeksInYear(p.year)) return undefined;
      const start = isoWeekOneMonday(p.year) + (p.week - 1) * 7;
      days = [start, start + 6];
      label = `${y}-W${pad(p.week, 2)}`;
      break;
    }
    case 'fiscal': {
      const fsm = fiscalYearStartMonth;
      if (!Number.isInteger(fsm) || fsm < 1 || fsm > 12) return undefined;
      // A fiscal year is named after the calendar year in which it ends (as in cycles.ts).
      const startYear = fsm === 1 ? p.year : p.year - 1;
      days = p.part === undefined ? [monthStart(startYear, fsm), monthStart(startYear, fsm + 12) - 1] : partDays(startYear, fsm, p.part, p.n ?? 0);
      label = p.part === undefined ? `FY${y}` : `FY${y}-${p.part.toUpperCase()}${p.n}`;
      break;
    }
  }
  return days && { label, start: days[0], end: days[1] };
}

// ---------------------------------------------------------------------------
// A period inside free text or a path
// ---------------------------------------------------------------------------

/** A cycle found in text: `label` is the text as written at [start, end) (UTF-16 offsets). */
export interface FoundCycle {
  label: string;
  start: number;
  end: number;
  cycle: Cycle;
}

interface Spelling {
  re: RegExp;
  read(m: RegExpExecArray): Period | undefined;
}

/** Not inside a word or a number. */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const SEP = '[ \\-_/]';
const FY = '(\\d{4}|\\d{2})';
/** Month names, longest first so that `sept` is not read as `sep`. */
const NAMES = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

const spelling = (source: string, read: Spelling['read']): Spelling => ({ re: new RegExp(source, 'giu'), read });
const num = (s: string | undefined) => Number(s);
const fiscalYear = (digits: string | undefined) => Number(fiscalYearDigits(digits ?? ''));

/** Quarters, halves, months and weeks: the most specific periods. */
const SPECIFIC: Spelling[] = [
  spelling(`${B}(\\d{4})${SEP}([HQ])(\\d)${E}`, (m) => ({ kind: 'part', year: num(m[1]), part: m[2]!, n: num(m[3]) })),
  spelling(`${B}([HQ])(\\d)${SEP}(\\d{4})${E}`, (m) => ({ kind: 'part', year: num(m[3]), part: m[1]!, n: num(m[2]) })),
  spelling(`${B}FY${FY}(?:${SEP}|)([HQ])(\\d)${E}`, (m) => ({ kind: 'fiscal', year: fiscalYear(m[1]), part: m[2]!, n: num(m[3]) })),
  spelling(`${B}([HQ])(\\d)(?:${SEP}|)FY${FY}${E}`, (m) => ({ kind: 'fiscal', year: fiscalYear(m[3]), part: m[1]!, n: num(m[2]) })),
  spelling(`${B}CY${FY}(?:${SEP}|)([HQ])(\\d)${E}`, (m) => ({ kind: 'part', year: fiscalYear(m[1]), part: m[2]!, n: num(m[3]) })),
  // `2026-11`, but not the month of a date `2026-11-05`
  spelling(`${B}(\\d{4})-(0[1-9]|1[0-2])(?![\\p{L}\\p{N}]|[\\-/.]\\p{N})`, (m) => ({ kind: 'month', year: num(m[1]), month: num(m[2]) })),
  spelling(`${B}(${NAMES})\\.?${SEP}(\\d{4})${E}`, (m) => ({ kind: 'month', year: num(m[2]), month: monthNumber(m[1]!) ?? 0 })),
  spelling(`${B}(\\d{4})${SEP}(${NAMES})${E}`, (m) => ({ kind: 'month', year: num(m[1]), month: monthNumber(m[2]!) ?? 0 })),
  spelling(`${B}(\\d{4})-W(\\d{2})${E}`, (m) => ({ kind: 'week', year: num(m[1]), week: num(m[2]) })),
];

const FISCAL_YEARS: Spelling[] = [spelling(`${B}FY${FY}${E}`, (m) => ({ kind: 'fiscal', year: fiscalYear(m[1]) }))];

/** A year 1900–2199 standing alone: not in a word, nor part of a number, date, version or `#2018`. */
const BARE_YEARS: Spelling[] = [
  spelling('(?<![\\p{L}\\p{N}#$@]|\\p{N}[.,:\\-])((?:19|20|21)\\d{2})(?![\\p{L}\\p{N}]|[.,:\\-]\\p{N})', (m) => ({ kind: 'year', year: num(m[1]) })),
];

/** From the most specific to the least. */
const CLASSES = [SPECIFIC, FISCAL_YEARS, BARE_YEARS];

/** Valid matches of `s` in `text`, in order; each start is tried, so overlapping ones count too. */
function* matches(s: Spelling, text: string, fiscalYearStartMonth: number): Generator<FoundCycle> {
  const re = s.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const period = s.read(m);
    const cycle = period && cycleOf(period, fiscalYearStartMonth);
    if (cycle) yield { label: m[0], start: m.index, end: m.index + m[0].length, cycle };
    re.lastIndex = m.index + 1;
  }
}

/** The first (or last) valid match of the most specific class that has one. */
function find(text: string, fiscalYearStartMonth: number, last: boolean): FoundCycle | undefined {
  if (typeof text !== 'string') return undefined;
  for (const spellings of CLASSES) {
    let best: FoundCycle | undefined;
    for (const s of spellings) {
      for (const found of matches(s, text, fiscalYearStartMonth)) {
        if (!best || (last ? found.start > best.start : found.start < best.start)) best = found;
        if (!last) break;
      }
    }
    if (best) return best;
  }
  return undefined;
}

/**
 * The first cycle written in free text such as a title or heading (`# OKRs Q3 2018`,
 * `Objectives for FY24-Q3`, `OKRs — November 2026`, `OKRs 2026`), or undefined. A
 * quarter, half, month or ISO week beats a fiscal year, which beats a bare year; within
 * the same kind the first wins. A bare year counts alone as a word, 1900–2199; `Q3` with
 * no year never counts. Dates and date ranges are not looked for.
 */
export function findCycleInText(text: string, fiscalYearStartMonth: number): FoundCycle | undefined {
  return find(text, fiscalYearStartMonth, false);
}

/**
 * The cycle a file path names (`okrs/2026-Q4/team.md`, `okrs-2018-q3.md`, `fy24q3/plan.md`),
 * or undefined: the kinds rank as in findCycleInText, and within the same kind the deepest
 * (closest to the file name) wins. Folder names count, and `/` or `\` may separate a year
 * from its part (`2026/Q4/team.md`). Pass the path relative to the workspace: every folder
 * counts. Offsets are into `path` as given.
 */
export function findCycleInPath(path: string, fiscalYearStartMonth: number): FoundCycle | undefined {
  if (typeof path !== 'string') return undefined;
  const found = find(path.replaceAll('\\', '/'), fiscalYearStartMonth, true);
  return found && { ...found, label: path.slice(found.start, found.end) };
}
