// Rules about one objective's own settings: level, cycle, fields, id (SPEC §6).
import type { Analysis } from '../analysis.ts';
import { cycleLength, describeCycle } from '../../model/cycles.ts';
import { makeDiagnostic, type Diagnostic } from '../../model/diagnostics.ts';
import type { ObjectiveNode } from '../../workspace/workspaceIndex.ts';
import { ambiguousReferencesNote } from './alignment.ts';

export function objectiveDiagnostics(analysis: Analysis, node: ObjectiveNode): Diagnostic[] {
  const { objective } = node;
  const settings = analysis.settings(node);
  const out: Diagnostic[] = [...settings.problems];
  const heading = objective.headingRange;

  if (!settings.level && !settings.levelAttempted) {
    out.push(makeDiagnostic('level-missing', heading, 'This objective has no level: add "okr: strategic" or "okr: operational" to the frontmatter, or a level:: field'));
  }
  if (settings.cycleState === 'missing') {
    out.push(makeDiagnostic('cycle-missing', heading, 'This objective has no cycle: add "cycle: 2026-Q4" to the frontmatter, or a cycle:: field'));
  }

  if (objective.id) {
    const twins = analysis.index.objectivesWithId(objective.id).filter((n) => n.objective !== objective);
    if (twins.length > 0) {
      const shown = twins.slice(0, 3).map((n) => `${n.document.path}:${n.objective.headingRange.start.line + 1}`);
      const where = twins.length > 3 ? `${shown.join(', ')} and ${twins.length - 3} more` : shown.join(', ');
      out.push(makeDiagnostic('duplicate-id', heading, `The objective id "${objective.id}" is also used at ${where}${ambiguousReferencesNote(analysis.index, objective.id)}`));
    }
  }

  const { cycle, level } = settings;
  if (settings.status !== 'dropped' && cycle) {
    const days = cycleLength(cycle);
    const { maxCycleDays } = analysis.config.operational;
    const { minCycleDays } = analysis.config.strategic;
    if (level === 'operational' && days > maxCycleDays) {
      out.push(makeDiagnostic('cycle-too-long', settings.cycleLine, `Operational cycle ${describeCycle(cycle)} is ${days} days, longer than ${maxCycleDays}`));
    }
    if (level === 'strategic' && days < minCycleDays) {
      out.push(makeDiagnostic('cycle-too-short', settings.cycleLine, `Strategic cycle ${describeCycle(cycle)} is ${days} days, shorter than ${minCycleDays}`));
    }
  }
  return out;
}
