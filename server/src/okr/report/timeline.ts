// Each strategic cycle as a timeline (issue 8): the cycle as a band, the operational
// objectives aligned below it as bars placed by their dates, and today. Positions are
// percentages of the timeline's span, which grows to hold a bar that sticks out, by at most
// half the strategic cycle on each side: a bar beyond that (a typo such as 2062-11) is cut
// at the edge and says so.
import { civilFromDay, dayFromCivil, formatIsoDay, parseIsoDay, type Day } from '../model/calendar.ts';
import type { ReportObjective } from './report.ts';

type TimelineObjective = Pick<ReportObjective, 'title' | 'level' | 'status' | 'cycle' | 'path' | 'line'> & { uri?: string; children: TimelineObjective[] };

/** A span on the timeline, in percent of its width (two decimals). */
export interface Placement {
  left: number;
  width: number;
}

export interface TimelineBar<T> extends Placement {
  objective: T;
  /** Some of its days lie outside the strategic cycle. */
  outside: boolean;
  /** The days drawn, `YYYY-MM-DD`: its cycle's, cut to the span. */
  from: string;
  to: string;
  /** Some of its days lie beyond the span: cut at its edge. */
  clipped: boolean;
}

export interface Timeline<T> {
  /** The strategic cycle, as the first objective with it wrote it. */
  label: string;
  start: string;
  end: string;
  /** The strategic objectives with this cycle, in tree order. */
  strategic: T[];
  /** The strategic cycle's band. */
  band: Placement;
  /** The operational objectives below those, by start date (then tree order). */
  bars: TimelineBar<T>[];
  /** The whole span shown: the band and the bars (up to half the band's length beyond it). */
  from: string;
  to: string;
  /** Where today ends, in percent, when today lies in the span. */
  today: number | null;
  /** Month, quarter or year (five years, decade…) starts inside the span, at most 13, in percent. */
  ticks: { label: string; at: number }[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The starts of months (or quarters, or years) from `from` up to `to`. */
export function ticks(from: Day, to: Day): { label: string; at: number }[] {
  const first = civilFromDay(from);
  const last = civilFromDay(to);
  const months = (last.year - first.year) * 12 + (last.month - first.month);
  // Months, quarters, years, five years, decades…: the first step that gives at most 13.
  const step = [1, 3, 12, 60, 120, 600, 1200].find((s) => months / s <= 12) ?? 12000;
  const result: { label: string; at: number }[] = [];
  // Month indexes counted from year 0; from the first multiple of `step` at or after `from`'s month.
  const start = first.year * 12 + (first.month - 1);
  for (let index = Math.ceil(start / step) * step; ; index += step) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const day = dayFromCivil(year, month, 1);
    if (day > to) break;
    if (day < from) continue;
    const label = step >= 12 ? String(year) : month === 1 ? `${MONTHS[0]} ${year}` : MONTHS[month - 1]!;
    result.push({ label, at: round2(((day - from) / (to - from + 1)) * 100) });
  }
  return result;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Where the days start..end (inclusive) lie within from..to (inclusive). */
export function placement(start: Day, end: Day, from: Day, to: Day): Placement {
  const days = to - from + 1;
  // Never narrower than 0.01 %, so that a day on a timeline of centuries is still drawn.
  return { left: Math.min(round2(((start - from) / days) * 100), 99.99), width: Math.max(round2(((end - start + 1) / days) * 100), 0.01) };
}

interface Group<T> {
  label: string;
  start: Day;
  end: Day;
  strategic: T[];
  bars: { objective: T; start: Day; end: Day }[];
  seen: Set<string>;
}

/** One timeline per strategic cycle of the tree, earliest first. */
export function timelines<T extends TimelineObjective>(objectives: T[], today: string): Timeline<T>[] {
  const groups = new Map<string, Group<T>>();
  const daysOf = (objective: T) => {
    if (!objective.cycle) return undefined;
    const start = parseIsoDay(objective.cycle.start);
    const end = parseIsoDay(objective.cycle.end);
    return start === undefined || end === undefined || end < start ? undefined : { start, end };
  };
  const visit = (objective: T, group: Group<T> | undefined, path: Set<T>) => {
    if (path.has(objective)) return;
    const days = daysOf(objective);
    let below = group;
    if (objective.level === 'strategic' && days) {
      const key = `${days.start}..${days.end}`;
      below = groups.get(key);
      if (!below) groups.set(key, (below = { label: objective.cycle!.label, ...days, strategic: [], bars: [], seen: new Set() }));
      if (!below.strategic.includes(objective)) below.strategic.push(objective);
    } else if (objective.level === 'operational' && days && group) {
      // Several roots (nested okr.config.json) can hold the same path: the editor's uri tells them apart.
      const key = `${objective.uri ?? objective.path}\0${objective.line}`;
      if (!group.seen.has(key)) {
        group.seen.add(key);
        group.bars.push({ objective, ...days });
      }
    }
    const nextPath = new Set(path).add(objective);
    for (const child of objective.children as T[]) visit(child, below, nextPath);
  };
  for (const objective of objectives) visit(objective, undefined, new Set());

  const todayDay = parseIsoDay(today);
  return [...groups.values()]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((group) => {
      const margin = Math.ceil((group.end - group.start + 1) / 2);
      const from = Math.max(Math.min(group.start, ...group.bars.map((b) => b.start)), group.start - margin);
      const to = Math.min(Math.max(group.end, ...group.bars.map((b) => b.end)), group.end + margin);
      const bars = group.bars
        .map((bar, order) => ({ bar, order }))
        .sort((a, b) => a.bar.start - b.bar.start || a.order - b.order)
        .map(({ bar }) => {
          // Cut to the span; a bar wholly beyond it becomes its edge day.
          const start = Math.min(Math.max(bar.start, from), to);
          const end = Math.max(Math.min(bar.end, to), from);
          return {
            objective: bar.objective,
            ...placement(start, end, from, to),
            outside: bar.start < group.start || bar.end > group.end,
            from: formatIsoDay(start),
            to: formatIsoDay(end),
            clipped: bar.start < from || bar.end > to,
          };
        });
      const first = group.strategic[0]!.cycle!;
      return {
        label: group.label,
        start: first.start,
        end: first.end,
        strategic: group.strategic,
        band: placement(group.start, group.end, from, to),
        bars,
        from: formatIsoDay(from),
        to: formatIsoDay(to),
        ticks: ticks(from, to),
        today: todayDay !== undefined && from <= todayDay && todayDay <= to ? round2(((todayDay - from + 1) / (to - from + 1)) * 100) : null,
      };
    });
}

/** A cycle a page shows: a timeline's strategic cycle and the cycles of its bars, or a cycle only the tree shows. */
export interface ShownCycle {
  label: string;
  /** Drawn as a timeline of its own. */
  strategic: boolean;
  /** The distinct cycles of the timeline's bars, in the order drawn. */
  operational: string[];
}

/**
 * Every cycle a page shows, for its header, from the timelines it draws: each strategic
 * cycle with the cycles of its bars, then the cycles of objectives that no timeline draws
 * (an operational objective aligned to nothing, say), in tree order. Nothing else, so that
 * the header lists exactly what the page shows.
 */
export function shownCycles<T extends TimelineObjective>(objectives: T[], drawn: Timeline<T>[]): ShownCycle[] {
  const shown: ShownCycle[] = drawn.map((timeline) => ({
    label: timeline.label,
    strategic: true,
    operational: [...new Set(timeline.bars.map((bar) => bar.objective.cycle!.label))],
  }));
  const listed = new Set(shown.flatMap((cycle) => [cycle.label, ...cycle.operational]));
  // Each objective once: one aligned to two parents is shared, and an iterative walk has no depth limit.
  const seen = new Set<TimelineObjective>();
  const stack: TimelineObjective[] = [...objectives].reverse();
  for (let objective = stack.pop(); objective; objective = stack.pop()) {
    if (seen.has(objective)) continue;
    seen.add(objective);
    const label = objective.cycle?.label;
    if (label !== undefined && !listed.has(label)) {
      listed.add(label);
      shown.push({ label, strategic: false, operational: [] });
    }
    for (let i = objective.children.length - 1; i >= 0; i--) stack.push(objective.children[i]!);
  }
  return shown;
}
