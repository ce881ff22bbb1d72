// checkin-overdue (issue 17): a key result of a running cycle whose value (or confidence) has
// not changed for longer than checkIn.maxDays, judged from its history; off without one.
import type { Analysis } from '../analysis.ts';
import { formatIsoDay, type Day } from '../../model/calendar.ts';
import { makeDiagnostic, type Diagnostic } from '../../model/diagnostics.ts';
import type { KeyResult } from '../../model/model.ts';
import { singleLine } from '../../model/text.ts';
import { isComplete } from '../progress.ts';
import type { ObjectiveNode } from '../../workspace/workspaceIndex.ts';

/** The last change of a key result's value or confidence: a commit's day and author. */
export interface CheckIn {
  day: Day;
  author: string | null;
}

/** How long a key result has gone without a check-in, when that is longer than allowed. */
export function overdueCheckIn(analysis: Analysis, node: ObjectiveNode, keyResult: KeyResult): { days: number; last: CheckIn } | undefined {
  const lastCheckIn = analysis.options.lastCheckIn;
  if (!lastCheckIn || keyResult.checkbox === 'cancelled' || keyResult.checkbox === 'done') return undefined;
  const settings = analysis.settings(node);
  const { cycle } = settings;
  const today = analysis.today;
  if (settings.status !== 'active' || !cycle || today < cycle.start || today > cycle.end) return undefined;
  const last = lastCheckIn(node, keyResult);
  if (!last || isComplete(analysis.progress.keyResult(keyResult).exact)) return undefined;
  // A key result written before its cycle began is not late on the cycle's first days.
  const days = today - Math.max(last.day, cycle.start);
  return days > analysis.config.checkIn.maxDays ? { days: today - last.day, last } : undefined;
}

export function checkInDiagnostics(analysis: Analysis, node: ObjectiveNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const keyResult of node.objective.keyResults) {
    const overdue = overdueCheckIn(analysis, node, keyResult);
    if (!overdue) continue;
    const who = overdue.last.author ? ` by ${singleLine(overdue.last.author).slice(0, 60)}` : '';
    const message = `No check-in for ${overdue.days} days (last change on ${formatIsoDay(overdue.last.day)}${who}; checkIn.maxDays is ${analysis.config.checkIn.maxDays}): update its value or its confidence`;
    out.push(makeDiagnostic('checkin-overdue', keyResult.range, message));
  }
  return out;
}
