// The cycles the new-document commands offer, in the order this workspace would pick them:
// the kind its documents of that level use first (months, two-week sprints on their cadence,
// weeks; quarters, halves, years, fiscal when it writes FY), spelled as it spells them, the
// current one first within each kind, and, for an operational document, only inside its parent.
import { parseCycle, parseIsoDay } from '../../server/src/protocol.ts';
import { styleOf, stylesOf, type CycleStyle } from './cycleStyles.ts';
import {
  cycleDays, fiscalStartOf, nextPeriod, periodContaining, periodDays, periodOfCycle, strictLabel,
  type CycleDays, type DayRange, type Period, type PeriodKind,
} from './periods.ts';

export type DocumentLevel = 'strategic' | 'operational';

/** Without a workspace to follow: months first for operational documents, quarters for strategic ones. */
export const KINDS_BY_LEVEL: Record<DocumentLevel, readonly PeriodKind[]> = {
  operational: ['month', 'twoWeeks', 'week'],
  strategic: ['quarter', 'half', 'year'],
};

export interface CycleChoiceRequest {
  level: DocumentLevel;
  /** Cycles the workspace's objectives of this level are written with. */
  inUse: readonly CycleDays[];
  /** YYYY-MM-DD. */
  today: string;
  /** The cycle of the objective the new one aligns to: every choice lies inside it. */
  parent?: CycleDays | undefined;
}

interface UsedPeriod {
  label: string;
  period: Period;
}

/** The periods of the cycles in use, each distinct cycle read once (a workspace repeats a few). */
function usedPeriods(inUse: readonly CycleDays[], fiscalYearStartMonth: number): UsedPeriod[] {
  const seen = new Map<string, UsedPeriod | undefined>();
  return inUse.flatMap((cycle) => {
    const key = `${cycle.label}/${cycle.start}/${cycle.end}`;
    if (!seen.has(key)) {
      const period = periodOfCycle(cycle, fiscalYearStartMonth);
      seen.set(key, period && { label: cycle.label, period });
    }
    const used = seen.get(key);
    return used ? [used] : [];
  });
}

/** The kinds of this level, the most used first (ties and unused kinds in the default order). */
export function kindOrder(level: DocumentLevel, used: readonly UsedPeriod[]): PeriodKind[] {
  const defaults = KINDS_BY_LEVEL[level];
  const count = (kind: PeriodKind) => used.filter((u) => u.period.kind === kind).length;
  return [...defaults].sort((a, b) => count(b) - count(a) || defaults.indexOf(a) - defaults.indexOf(b));
}

/** The key of the style most labels of this kind are written in, if any is. */
function keyInUse(kind: PeriodKind, fiscal: boolean, used: readonly UsedPeriod[]): string | undefined {
  const counts = new Map<string, number>();
  const styles = new Map<UsedPeriod, string | undefined>();
  for (const u of used) {
    if (u.period.kind !== kind || u.period.fiscal !== fiscal) continue;
    if (!styles.has(u)) styles.set(u, styleOf(u.label, u.period)?.key);
    const key = styles.get(u);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The style most labels of this kind are written in. A kind not written yet follows a
 * neighbour: halves the quarters (`Q4 2026` → `H2 2026`) and back, fiscal years the digits
 * and case of fiscal quarters (`FY27-Q1` → `FY27`); else the strict spelling.
 */
function styleInUse(kind: PeriodKind, fiscal: boolean, used: readonly UsedPeriod[]): CycleStyle {
  const styles = stylesOf(kind, fiscal);
  const byKey = (key: string | undefined) => styles.find((s) => s.key === key);
  const own = byKey(keyInUse(kind, fiscal, used));
  if (own) return own;
  const part = keyInUse('quarter', fiscal, used) ?? keyInUse('half', fiscal, used);
  if (part && (kind === 'half' || kind === 'quarter')) return byKey(part.replace(/^[a-z]+/, kind)) ?? styles[0]!;
  // A fiscal part's id is `f2-upper` (fiscal year first, 2 digits, `-`, upper case); a fiscal year's `upper2`.
  const fiscalPart = part && fiscal && kind === 'year' ? /:[fp](\d)\D*?(upper|lower)$/.exec(part) : null;
  return (fiscalPart && byKey(`year-fiscal:${fiscalPart[2]}${fiscalPart[1]}`)) || styles[0]!;
}

/** Two-week cycles keep the workspace's cadence: they start an even number of weeks after its latest one. */
function twoWeeksAt(day: number, used: readonly UsedPeriod[], fiscalYearStartMonth: number): Period {
  const starts = used.filter((u) => u.period.kind === 'twoWeeks').map((u) => periodDays(u.period, fiscalYearStartMonth).start);
  const here = periodContaining('twoWeeks', false, day, fiscalYearStartMonth);
  if (starts.length === 0) return here;
  const latest = Math.max(...starts);
  const start = periodDays(here, fiscalYearStartMonth).start;
  const shift = (((start - latest) / 7) % 2 + 2) % 2;
  return periodContaining('twoWeeks', false, start - shift * 7, fiscalYearStartMonth);
}

function inside(outer: DayRange | undefined, inner: DayRange): boolean {
  return !outer || (outer.start <= inner.start && inner.end <= outer.end);
}

/** The label in the workspace's style, if the engine reads it as the same days; else the strict one. */
function labelOf(period: Period, style: CycleStyle, fiscalYearStartMonth: number): string {
  const label = style.write(period);
  const days = periodDays(period, fiscalYearStartMonth);
  const parsed = parseCycle(label, fiscalYearStartMonth);
  return parsed.ok && parsed.cycle.start === days.start && parsed.cycle.end === days.end ? label : strictLabel(period);
}

/** Cycle labels to offer for a new document of this level. */
export function cycleChoices({ level, inUse, today, parent }: CycleChoiceRequest): string[] {
  const fiscalYearStartMonth = fiscalStartOf(parent ? [...inUse, parent] : inUse);
  const used = usedPeriods(inUse, fiscalYearStartMonth);
  const parentDays = parent ? cycleDays(parent) : undefined;
  const todayDay = parseIsoDay(today);
  if (todayDay === undefined) return [];
  const anchor = parentDays ? Math.min(Math.max(todayDay, parentDays.start), parentDays.end) : todayDay;
  // Strategic cycles are fiscal when most of the workspace's are.
  const fiscal = level === 'strategic' && used.filter((u) => u.period.fiscal).length * 2 > used.length;
  const labels: string[] = [];
  for (const kind of kindOrder(level, used)) {
    const style = styleInUse(kind, fiscal, used);
    const current = kind === 'twoWeeks' ? twoWeeksAt(anchor, used, fiscalYearStartMonth) : periodContaining(kind, fiscal, anchor, fiscalYearStartMonth);
    // The current one and the next; under a parent that starts later, the first two inside it.
    let inKind = 0;
    for (let period = current, step = 0; inKind < 2 && step < 4; period = nextPeriod(period, fiscalYearStartMonth), step++) {
      const days = periodDays(period, fiscalYearStartMonth);
      if (parentDays && days.start > parentDays.end) break;
      if (!inside(parentDays, days)) continue;
      labels.push(labelOf(period, style, fiscalYearStartMonth));
      inKind++;
    }
  }
  if (labels.length === 0 && parent) labels.push(parent.label);
  return [...new Set(labels)];
}
