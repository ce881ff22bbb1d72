// Rules about how an objective is doing: support from operational work, and cycles
// that ended incomplete (SPEC §6).
import type { Analysis } from '../analysis.ts';
import { formatIsoDay } from '../../model/calendar.ts';
import { hasEnded } from '../../model/cycles.ts';
import { makeDiagnostic, type Diagnostic } from '../../model/diagnostics.ts';
import { isComplete } from '../progress.ts';
import { toPercent } from '../../model/rational.ts';
import type { ObjectiveNode } from '../../workspace/workspaceIndex.ts';

export function outcomeDiagnostics(analysis: Analysis, node: ObjectiveNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const settings = analysis.settings(node);
  const { cycle } = settings;
  if (settings.status !== 'active' || !cycle) return out;
  const ended = hasEnded(cycle, analysis.today);
  const heading = node.objective.headingRange;
  if (settings.level === 'strategic' && !ended && analysis.index.hasOperational() && !analysis.progress.isSupported(node)) {
    out.push(makeDiagnostic('strategic-unsupported', heading, 'No active operational objective supports this strategic objective yet: align one to it or to one of its key results'));
  }
  if (settings.level === 'operational' && ended) {
    const { exact } = analysis.progress.objective(node);
    if (!isComplete(exact)) {
      const shown = exact === null ? 'unmeasured' : `at ${toPercent(exact)} %`;
      out.push(makeDiagnostic('cycle-ended-incomplete', heading, `Cycle ${cycle.label} ended on ${formatIsoDay(cycle.end)} with this objective ${shown}`));
    }
  }
  return out;
}
