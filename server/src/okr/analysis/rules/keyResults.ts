// Key-result rules (SPEC §6): ids, values, units, ranges, measurability, count.
import type { Analysis } from '../analysis.ts';
import { makeDiagnostic, type Diagnostic } from '../../model/diagnostics.ts';
import { idKey } from '../../model/ids.ts';
import { fieldOf } from '../firstFields.ts';
import type { ObjectiveNode } from '../../workspace/workspaceIndex.ts';

export function keyResultDiagnostics(analysis: Analysis, node: ObjectiveNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { objective } = node;
  const settings = analysis.settings(node);

  // Duplicate ids count cancelled key results too, and are reported even when dropped.
  const byId = new Map<string, typeof objective.keyResults>();
  for (const keyResult of objective.keyResults) {
    if (keyResult.id === null) continue;
    const key = idKey(keyResult.id);
    byId.set(key, [...(byId.get(key) ?? []), keyResult]);
  }
  for (const twins of byId.values()) {
    if (twins.length < 2) continue;
    for (const keyResult of twins) {
      const others = twins.filter((k) => k !== keyResult).map((k) => k.range.start.line + 1);
      const lines = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
      out.push(makeDiagnostic('duplicate-id', keyResult.range, `The key result id ^${keyResult.id} is also used on line ${lines} of this objective`));
    }
  }

  if (settings.status === 'dropped') return out;
  const active = objective.keyResults.filter((kr) => kr.checkbox !== 'cancelled');
  for (const keyResult of active) {
    const info = analysis.keyResult(keyResult);
    out.push(...info.problems);
    const { problem, missingUnits } = info.measure;
    // About one field: reported on it, so that the editor marks the value, not the whole item.
    const on = (key: string | undefined) => (key !== undefined ? fieldOf(info.fields, key)?.range : undefined) ?? keyResult.range;
    if (problem) {
      out.push(makeDiagnostic(problem.code, on(problem.field), problem.message));
    } else if (analysis.progress.keyResult(keyResult).value === null) {
      out.push(
        makeDiagnostic('kr-unmeasured', keyResult.range, 'This key result has no measurable progress: add [target:: …] with [current:: …], a [progress:: …], or a checkbox'),
      );
    }
    for (const missing of missingUnits ?? []) {
      // A likely slip, not a contradiction (SPEC §3 allows it): a warning, and progress as written.
      out.push(makeDiagnostic('kr-unit-missing', on(missing.field), missing.message));
    }
  }
  if (active.length === 0) {
    const alignedActive = analysis.childrenOf(objective).some((child) => analysis.settings(child.node).status === 'active');
    if (!alignedActive) {
      out.push(makeDiagnostic('kr-missing', objective.headingRange, 'This objective has no key results and no active objective aligns to it: add "- KR: …" items'));
    }
  }
  const max = analysis.config.maxKeyResults;
  if (active.length > max) {
    out.push(makeDiagnostic('kr-too-many', objective.headingRange, `This objective has ${active.length} key results; keep to ${max} or fewer`));
  }
  return out;
}
