// The shape of `okr history --format json` (issue 17): per objective of the workspace as it is
// now, its points over the period asked for, the change over it, and its forecast.
import { formatIsoDay, type Day } from '../model/calendar.ts';
import type { Cycle } from '../model/cycles.ts';
import { forecastProgress } from './forecast.ts';
import type { HistoryPoint, Replayed } from './replay.ts';

export interface HistoryPointJson {
  date: string;
  commit: string | null;
  author: string | null;
  progress: number | null;
  confidence: number | null;
}

export interface KeyResultHistory {
  id: string | null;
  title: string;
  points: HistoryPointJson[];
  /** Progress at the end of the period minus at its start (its last point before), null when either is unmeasured. */
  change: number | null;
}

export interface ObjectiveHistory extends KeyResultHistory {
  path: string;
  /** Its cycle's label, when it has one. */
  cycle: string | null;
  level: 'strategic' | 'operational' | null;
  forecast: number | null;
  keyResults: KeyResultHistory[];
}

export interface HistoryReport {
  today: string;
  /** Why there are no points (no git, not a repository, a shallow clone), else null. */
  unavailable: string | null;
  objectives: ObjectiveHistory[];
}

export interface HistoryReportOptions {
  today: Day;
  /** Points from this day on. */
  since?: Day;
  /** Only objectives whose cycle overlaps it, and points inside it. */
  cycle?: Cycle;
  /** The documents to report (all by default). */
  reported?: (path: string) => boolean;
  unavailable?: string;
}

function pointJson(point: HistoryPoint): HistoryPointJson {
  return { date: formatIsoDay(point.day), commit: point.commit, author: point.author, progress: point.progress, confidence: point.confidence };
}

/** The points of one series inside [from, to], and its change over that period. */
function inPeriod(points: readonly HistoryPoint[], from: Day, to: Day): { points: HistoryPointJson[]; change: number | null } {
  const before = points.filter((point) => point.day < from).at(-1);
  const inside = points.filter((point) => point.day >= from && point.day <= to);
  const first = before ?? inside[0];
  const last = inside.at(-1) ?? before;
  const change = first && last && first.progress !== null && last.progress !== null ? Math.round((last.progress - first.progress) * 10_000) / 10_000 : null;
  return { points: inside.map(pointJson), change };
}

export function buildHistoryReport(replayed: Replayed, options: HistoryReportOptions): HistoryReport {
  const { analysis, series } = replayed;
  const from = Math.max(options.since ?? -Infinity, options.cycle?.start ?? -Infinity);
  const to = Math.min(options.cycle?.end ?? Infinity, options.today);
  const objectives: ObjectiveHistory[] = [];
  const documents = replayed.index.documents().filter((document) => document.isOkr && (options.reported?.(document.path) ?? true));
  documents.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const document of documents) {
    for (const objective of document.objectives) {
      const node = analysis.nodeOf(objective) ?? { document, objective };
      const { cycle, level } = analysis.settings(node);
      if (options.cycle && !(cycle && cycle.start <= options.cycle.end && cycle.end >= options.cycle.start)) continue;
      const identity = replayed.objectiveIdentity(document, objective);
      const points = series.get(identity) ?? [];
      const keyResults = objective.keyResults.map((keyResult) => ({
        id: keyResult.id,
        title: keyResult.title,
        ...inPeriod(series.get(replayed.keyResultIdentity(identity, keyResult)) ?? [], from, to),
      }));
      objectives.push({
        id: objective.id,
        path: document.path,
        title: objective.title,
        cycle: cycle?.label ?? null,
        level: level ?? null,
        ...inPeriod(points, from, to),
        forecast: forecastProgress(points, cycle, options.today),
        keyResults,
      });
    }
  }
  return { today: formatIsoDay(options.today), unavailable: options.unavailable ?? null, objectives };
}
