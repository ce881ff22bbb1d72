// Alignment rules (SPEC §5): every reference gets at most one of align-unresolved,
// align-cycle, align-level, cycle-outside-parent, in that order. One problem, one diagnostic:
// a reference to a duplicated id is the duplicate's problem (`duplicate-id` counts them), and
// an objective whose `aligns` is a near miss (`aligns: [[kv]]`) has that `field-near-miss`.
import type { Analysis, ResolvedReference } from '../analysis.ts';
import { cycleContains, describeCycle } from '../../model/cycles.ts';
import { makeDiagnostic, type Diagnostic } from '../../model/diagnostics.ts';
import type { Objective } from '../../model/model.ts';
import { comparePositions, contains } from '../../model/text.ts';
import { nearMissField } from '../../parse/fieldNames.ts';
import { suggestReferences } from '../suggest.ts';
import type { ObjectiveNode, WorkspaceIndex } from '../../workspace/workspaceIndex.ts';

/** For `duplicate-id` on an objective: what the duplicate does to the references to it. */
export function ambiguousReferencesNote(index: WorkspaceIndex, id: string): string {
  const count = index.referencesToId(id);
  if (count === 0) return '';
  return count === 1
    ? ', so the reference to it is ambiguous and resolves to nothing until one is renamed'
    : `, so the ${count} references to it are ambiguous and resolve to nothing until one is renamed`;
}

/** The innermost objective whose section holds the position (outline objectives nest). */
function objectiveAt(objectives: Objective[], range: Diagnostic['range']): Objective | undefined {
  let found: Objective | undefined;
  for (const objective of objectives) {
    if (!contains(objective.sectionRange, range.start)) continue;
    if (!found || comparePositions(objective.sectionRange.start, found.sectionRange.start) > 0) found = objective;
  }
  return found;
}

/** `The line … is not read, so this operational objective aligns to nothing: did you mean `aligns::`?` */
function restatedAsUnaligned(message: string): string {
  return message.replace(/ is not read: /, ' is not read, so this operational objective aligns to nothing: ');
}

/** The objective's `aligns` near misses (`aligns: [[kv]]`), which say why it aligns to nothing. */
function alignsNearMisses(node: ObjectiveNode): Diagnostic[] {
  return node.document.problems.filter(
    (problem) => problem.code === 'field-near-miss' && nearMissField(problem.message) === 'aligns' && objectiveAt(node.document.objectives, problem.range) === node.objective,
  );
}

function unresolvedMessage(analysis: Analysis, resolved: ResolvedReference): string {
  const { reference, resolution } = resolved;
  const base = resolution.ok ? '' : resolution.message;
  if (reference.form === 'markdown') return base;
  const suggestions = suggestReferences(analysis, reference).map((target) => `[[${target}]]`);
  return suggestions.length > 0 ? `${base}. Did you mean ${suggestions.join(', ')}?` : base;
}

/** An objective as a loop message names it: its id, else its title. */
function nameOf(node: ObjectiveNode): string {
  return node.objective.id ?? node.objective.title;
}

function loopPath(analysis: Analysis, node: ObjectiveNode, resolved: ResolvedReference): string {
  if (!resolved.resolution.ok) return '';
  const start = resolved.resolution.target.node;
  if (start.objective === node.objective) return `${nameOf(node)} aligns to itself`;
  // Walk loop edges from the target back to this objective (breadth-first, shortest).
  // Bounded, so that the references of a loop of thousands stay linear in total.
  const previous = new Map<ObjectiveNode['objective'], ObjectiveNode>();
  const queue = [start];
  previous.set(start.objective, start);
  for (let head = 0; head < queue.length && head < 256; head++) {
    const current = queue[head]!;
    if (current.objective === node.objective) break;
    for (const next of analysis.references(current)) {
      if (!next.loop || !next.resolution.ok) continue;
      const target = next.resolution.target.node;
      if (previous.has(target.objective)) continue;
      previous.set(target.objective, current);
      queue.push(target);
    }
  }
  if (!previous.has(node.objective)) return `${nameOf(node)} → ${nameOf(start)} → … → ${nameOf(node)}`;
  const names: string[] = [];
  let at: ObjectiveNode | undefined = node;
  for (let guard = 0; at && guard < 20; guard++) {
    names.unshift(nameOf(at));
    if (at.objective === start.objective) break;
    at = previous.get(at.objective);
  }
  const shown = names.length >= 20 ? ['…', ...names.slice(-19)] : names;
  return `${nameOf(node)} → ${shown.join(' → ')}`;
}

export function alignmentDiagnostics(analysis: Analysis, node: ObjectiveNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  const settings = analysis.settings(node);
  const references = analysis.references(node);
  if (settings.level === 'operational' && settings.status !== 'dropped' && references.length === 0) {
    const nearMisses = alignsNearMisses(node);
    // One problem, one diagnostic, as grave as the problem: the near miss that leaves an
    // operational objective unaligned is an error (it replaces the parser's warning).
    if (nearMisses.length > 0) out.push(...nearMisses.map((miss) => ({ ...miss, severity: 'error' as const, message: restatedAsUnaligned(miss.message) })));
    else out.push(makeDiagnostic('align-missing', node.objective.headingRange, 'An operational objective must align to a strategic objective or key result: add aligns:: [[id]]'));
  }
  const outsideParents = new Set<object>(); // the same target twice counts once
  for (const resolved of references) {
    const { reference, resolution } = resolved;
    if (!resolution.ok) {
      if (resolution.ambiguousId !== undefined) continue; // reported once, as duplicate-id
      out.push(makeDiagnostic('align-unresolved', reference.range, unresolvedMessage(analysis, resolved)));
      continue;
    }
    if (resolved.loop) {
      out.push(makeDiagnostic('align-cycle', reference.range, `Circular alignment: ${loopPath(analysis, node, resolved)}`));
      continue;
    }
    const parent = resolution.target.node;
    const parentSettings = analysis.settings(parent);
    if (!settings.level || !parentSettings.level) continue;
    // Nesting read from the outline is part of the objective above, not alignment across levels.
    if (parentSettings.level === 'operational' && !reference.inferred) {
      const what = resolution.target.kind === 'keyResult' ? 'a key result of the operational objective' : 'the operational objective';
      const rule = settings.level === 'operational' ? 'Operational objectives align to strategic objectives or their key results' : 'A strategic objective never aligns to an operational one';
      out.push(makeDiagnostic('align-level', reference.range, `${rule}: ${reference.text} is ${what} "${parent.objective.title}"`));
      continue;
    }
    const { cycle } = settings;
    const parentCycle = parentSettings.cycle;
    if (cycle && parentCycle && !cycleContains(parentCycle, cycle) && !outsideParents.has(parent.objective)) {
      outsideParents.add(parent.objective);
      out.push(
        makeDiagnostic(
          'cycle-outside-parent',
          settings.cycleLine,
          `Cycle ${describeCycle(cycle)} is not inside ${describeCycle(parentCycle)} of ${reference.text}`,
        ),
      );
    }
  }
  return out;
}
