// Each strategic cycle as a timeline (issue 8): the cycle as a band, the operational
// objectives aligned below it as bars placed by their dates, and today. Positions are
// percentages of the timeline's span, which grows to hold a bar that sticks out.
import { formatIsoDay, parseIsoDay, type Day } from './cycles.ts';
import type { ReportObjective } from './report.ts';

type TimelineObjective = Pick<ReportObjective, 'title' | 'level' | 'status' | 'cycle' | 'path' | 'line'> & { children: TimelineObjective[] };

/** A span on the timeline, in percent of its width (two decimals). */
export interface Placement {
  left: number;
  width: number;
}

export interface TimelineBar<T> extends Placement {
  objective: T;
  /** Some of its days lie outside the strategic cycle. */
  outside: boolean;
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
  /** The whole span shown: the band and every bar. */
  from: string;
  to: string;
  /** Where today ends, in percent, when today lies in the span. */
  today: number | null;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Where the days start..end (inclusive) lie within from..to (inclusive). */
export function placement(start: Day, end: Day, from: Day, to: Day): Placement {
  const days = to - from + 1;
  return { left: round2(((start - from) / days) * 100), width: round2(((end - start + 1) / days) * 100) };
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
      const key = `${objective.path}\0${objective.line}`;
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
      const from = Math.min(group.start, ...group.bars.map((b) => b.start));
      const to = Math.max(group.end, ...group.bars.map((b) => b.end));
      const bars = group.bars
        .map((bar, order) => ({ bar, order }))
        .sort((a, b) => a.bar.start - b.bar.start || a.order - b.order)
        .map(({ bar }) => ({
          objective: bar.objective,
          ...placement(bar.start, bar.end, from, to),
          outside: bar.start < group.start || bar.end > group.end,
        }));
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
        today: todayDay !== undefined && from <= todayDay && todayDay <= to ? round2(((todayDay - from + 1) / (to - from + 1)) * 100) : null,
      };
    });
}
