// How a workspace spells its cycles (`2026-Q4`, `Q4 2026`, `2026-q4`, `FY27Q1`, `Nov 2026`,
// `2026-W47--2026-W48` in a folder name): each spelling is a style, found by writing a known
// period every way and comparing, so that a new label or folder is spelled the same way.
import { strictLabel, type Period, type PeriodKind } from './periods.ts';

export interface CycleStyle {
  /** Two styles are the same when their keys are. */
  key: string;
  kind: PeriodKind;
  fiscal: boolean;
  write(period: Period): string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
type LetterCase = 'upper' | 'lower' | 'title';
const CASES: LetterCase[] = ['upper', 'lower'];

function cased(text: string, letterCase: LetterCase): string {
  if (letterCase === 'upper') return text.toUpperCase();
  return letterCase === 'lower' ? text.toLowerCase() : text;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function yearDigits(year: number, digits: 2 | 4): string {
  return digits === 4 ? String(year) : pad2(year % 100);
}

type Add = (id: string, write: (period: Period) => string) => void;

/** `2026-Q4` first (the strict spelling), then `Q4 2026`, `2026_q4`… */
function calendarParts(add: Add, letter: string): void {
  for (const yearFirst of [true, false]) {
    for (const separator of ['-', ' ', '_', '/']) {
      for (const letterCase of CASES) {
        const part = (p: Period) => `${cased(letter, letterCase)}${p.n}`;
        add(`${yearFirst ? 'y' : 'p'}${separator}${letterCase}`, (p) => (yearFirst ? `${p.year}${separator}${part(p)}` : `${part(p)}${separator}${p.year}`));
      }
    }
  }
}

/** `FY2027-Q1` first, then `FY27Q1`, `Q1 FY27`, `fy27-q1`… */
function fiscalParts(add: Add, letter: string): void {
  for (const fiscalFirst of [true, false]) {
    for (const digits of [4, 2] as const) {
      for (const separator of ['-', '', ' ', '_', '/']) {
        for (const letterCase of CASES) {
          const fy = (p: Period) => `${cased('FY', letterCase)}${yearDigits(p.year, digits)}`;
          const part = (p: Period) => `${cased(letter, letterCase)}${p.n}`;
          add(`${fiscalFirst ? 'f' : 'p'}${digits}${separator}${letterCase}`, (p) => (fiscalFirst ? `${fy(p)}${separator}${part(p)}` : `${part(p)}${separator}${fy(p)}`));
        }
      }
    }
  }
}

/** `2026-11` first, then `November 2026`, `nov-2026`, `2026 Nov`… */
function months(add: Add): void {
  add('yyyy-mm', (p) => `${p.year}-${pad2(p.n)}`);
  for (const long of [true, false]) {
    for (const letterCase of ['title', 'lower', 'upper'] as const) {
      for (const nameFirst of [true, false]) {
        for (const separator of [' ', '-', '_', '/']) {
          const name = (p: Period) => cased((MONTH_NAMES[p.n - 1] ?? '').slice(0, long ? undefined : 3), letterCase);
          add(`${long ? 'long' : 'short'}${letterCase}${nameFirst ? 'n' : 'y'}${separator}`, (p) => (nameFirst ? `${name(p)}${separator}${p.year}` : `${p.year}${separator}${name(p)}`));
        }
      }
    }
  }
}

function build(kind: PeriodKind, fiscal: boolean): CycleStyle[] {
  const styles: CycleStyle[] = [];
  const add: Add = (id, write) => styles.push({ key: `${kind}${fiscal ? '-fiscal' : ''}:${id}`, kind, fiscal, write });
  switch (kind) {
    case 'year':
      if (!fiscal) add('yyyy', (p) => String(p.year));
      else for (const letterCase of CASES) for (const digits of [4, 2] as const) add(`${letterCase}${digits}`, (p) => `${cased('FY', letterCase)}${yearDigits(p.year, digits)}`);
      break;
    case 'half':
    case 'quarter':
      if (fiscal) fiscalParts(add, kind === 'half' ? 'H' : 'Q');
      else calendarParts(add, kind === 'half' ? 'H' : 'Q');
      break;
    case 'month':
      months(add);
      break;
    case 'week':
      for (const letterCase of CASES) add(letterCase, (p) => cased(strictLabel(p), letterCase));
      break;
    case 'twoWeeks':
      // `..` in labels; folder names cannot hold it comfortably, so `--` or `_` there.
      for (const separator of ['..', '--', '_']) for (const letterCase of CASES) add(`${separator}${letterCase}`, (p) => cased(strictLabel(p).replace('..', separator), letterCase));
      break;
  }
  return styles;
}

const cache = new Map<string, CycleStyle[]>();

/** Every style of a kind, the strict spelling first. */
export function stylesOf(kind: PeriodKind, fiscal: boolean): CycleStyle[] {
  const key = `${kind}${fiscal}`;
  let styles = cache.get(key);
  if (!styles) cache.set(key, (styles = build(kind, fiscal)));
  return styles;
}

/** The strict spelling (`2026-Q4`, `FY2027-H1`). */
export function strictStyle(kind: PeriodKind, fiscal: boolean): CycleStyle {
  return stylesOf(kind, fiscal)[0]!;
}

/** The style `text` is written in, when it is exactly `period`. */
export function styleOf(text: string, period: Period): CycleStyle | undefined {
  return stylesOf(period.kind, period.fiscal).find((style) => style.write(period) === text);
}

/** Where a period is written in a name: the text at [at, at + length). */
export interface WrittenPeriod {
  at: number;
  length: number;
  period: Period;
  style: CycleStyle;
}

const WORD = /[\p{L}\p{N}]/u;

/** The first of `periods` written in `name` as a word of its own (`support-2026-q4`, not `x2026`), in any style. */
export function findWrittenPeriod(name: string, periods: readonly Period[]): WrittenPeriod | undefined {
  for (const period of periods) {
    // Every spelling holds the year, in full or (fiscal) as two digits: skip names without it.
    if (!name.includes(period.fiscal ? String(period.year % 100).padStart(2, '0') : String(period.year))) continue;
    for (const style of stylesOf(period.kind, period.fiscal)) {
      const text = style.write(period);
      for (let at = name.indexOf(text); at >= 0; at = name.indexOf(text, at + 1)) {
        const before = name[at - 1];
        const after = name[at + text.length];
        if ((before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after))) return { at, length: text.length, period, style };
      }
    }
  }
  return undefined;
}
