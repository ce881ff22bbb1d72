// A check-in is a committed point: the edits not committed yet are no one's check-in. Hovers
// and checkin-overdue both read a series' last ones.
import type { HistoryPoint } from './replay.ts';

/** The last `count` committed points of a series, oldest first. */
export function lastCheckIns(points: readonly HistoryPoint[], count: number): HistoryPoint[] {
  const found: HistoryPoint[] = [];
  for (let i = points.length - 1; i >= 0 && found.length < count; i--) if (points[i]!.commit !== null) found.unshift(points[i]!);
  return found;
}
