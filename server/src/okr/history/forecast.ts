// Where an objective is heading (issue 17): a straight line through its last points in its
// cycle, read at the cycle's end. Said plainly in the README: a trend, not a promise.
import type { Day } from '../model/calendar.ts';
import type { Cycle } from '../model/cycles.ts';
import type { HistoryPoint } from './replay.ts';

/** How many of the latest points the line is fitted to: recent pace, not the whole story. */
export const FORECAST_POINTS = 6;

/**
 * The progress (0–1) the least-squares line through the last measured points of the running
 * cycle reaches on its last day; null before two points on different days, once the cycle
 * has ended (its outcome is known), or without a cycle.
 */
export function forecastProgress(points: readonly HistoryPoint[], cycle: Cycle | undefined, today: Day): number | null {
  if (!cycle || today > cycle.end) return null;
  // One value per day: the last one written that day.
  const byDay = new Map<Day, number>();
  for (const point of points) {
    if (point.day < cycle.start || point.day > today || point.progress === null) continue;
    byDay.set(point.day, point.progress);
  }
  const recent = [...byDay].sort((a, b) => a[0] - b[0]).slice(-FORECAST_POINTS);
  if (recent.length < 2) return null;
  const meanDay = recent.reduce((sum, [day]) => sum + day, 0) / recent.length;
  const meanValue = recent.reduce((sum, [, value]) => sum + value, 0) / recent.length;
  let covariance = 0;
  let variance = 0;
  for (const [day, value] of recent) {
    covariance += (day - meanDay) * (value - meanValue);
    variance += (day - meanDay) ** 2;
  }
  const slope = covariance / variance;
  const atEnd = meanValue + slope * (cycle.end - meanDay);
  return Math.min(1, Math.max(0, Math.round(atEnd * 10_000) / 10_000));
}
