// What the history (issue 17) adds to a hover: the last check-in (a commit that changed the
// value) with its author and the change it made, and an objective's forecast.
import type { Analysis } from '../okr/analysis/analysis.ts';
import type { Day } from '../okr/model/calendar.ts';
import type { KeyResult } from '../okr/model/model.ts';
import { forecastProgress } from '../okr/history/forecast.ts';
import type { HistoryPoint, HistorySeries } from '../okr/history/replay.ts';
import { lastCheckIns } from '../okr/history/lastCheckIns.ts';
import { escapeMarkdown, percent } from '../okr/report/format.ts';
import { singleLine } from '../okr/model/text.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';

/** How long ago a day was, in words. */
function daysAgo(day: Day, today: Day): string {
  const days = today - day;
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}

/** An author's name, one line, not too long, inert in markdown. */
function authorText(author: string | null): string {
  if (author === null) return '';
  const line = singleLine(author).trim();
  return ` by ${escapeMarkdown(line.length > 40 ? `${line.slice(0, 39)}…` : line)}`;
}

/** `Last check-in 12 days ago by Alice: 22 % → 38 %`, from a series' committed points. */
function lastCheckIn(points: readonly HistoryPoint[], today: Day): string | undefined {
  const checkIns = lastCheckIns(points, 2);
  const last = checkIns.at(-1);
  if (!last) return undefined;
  const before = checkIns.length === 2 ? checkIns[0] : undefined;
  const change = before ? `${percent(before.progress)} → ${percent(last.progress)}` : percent(last.progress);
  return `Last check-in ${daysAgo(last.day, today)}${authorText(last.author)}: ${change}`;
}

/** The history lines of an objective's hover: its last check-in and its forecast. */
export function objectiveCheckInLines(history: HistorySeries | undefined, analysis: Analysis, node: ObjectiveNode): string[] {
  if (!history) return [];
  const points = history.series.get(history.objectiveIdentity(node.document, node.objective)) ?? [];
  const lines: string[] = [];
  const last = lastCheckIn(points, analysis.today);
  if (last) lines.push(last);
  const { cycle } = analysis.settings(node);
  const forecast = forecastProgress(points, cycle, analysis.today);
  if (forecast !== null && cycle) lines.push(`Forecast **${percent(forecast)}** by the end of ${escapeMarkdown(cycle.label)}, from the trend of its last check-ins`);
  return lines;
}

/** The history line of a key result's hover: its last check-in. */
export function keyResultCheckInLines(history: HistorySeries | undefined, analysis: Analysis, node: ObjectiveNode, keyResult: KeyResult): string[] {
  if (!history) return [];
  const identity = history.keyResultIdentity(history.objectiveIdentity(node.document, node.objective), keyResult);
  const last = lastCheckIn(history.series.get(identity) ?? [], analysis.today);
  return last ? [last] : [];
}
