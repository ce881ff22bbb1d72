// What an objective may align to (SPEC §5, §6), best first, for completion after `[[` and
// `[[id#`. Never offered: an operational objective or its key results (align-level), the
// objective itself or one aligned to it, directly or not (align-cycle), an id defined twice
// (it resolves to nothing). A target whose cycle does not contain this objective's would be
// cycle-outside-parent: while cycle-outside-parent is an error (its default) and another
// target fits, it is left out; otherwise it comes last and says why, since the cycle being
// written may be the one that is wrong.
//
// Which key results are offered after `#` is in completionTargets.ts, with the same filter.
import type { Analysis } from '../okr/analysis/analysis.ts';
import { cycleContains, cycleLength, hasEnded, type Cycle } from '../okr/model/cycles.ts';
import { DEFAULT_SEVERITY } from '../okr/model/diagnostics.ts';
import type { Objective, OkrDocument } from '../okr/model/model.ts';
import type { Position } from '../okr/model/text.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import { contains } from './locate.ts';

/** The objective whose `aligns::` is being written, or only its document when the line is outside any objective. */
export interface AligningObjective {
  document: OkrDocument;
  objective?: Objective;
  cycle?: Cycle;
}

export interface AlignCandidate {
  node: ObjectiveNode;
  /**
   * 0: strategic, its cycle contains this one's (the best); 1: strategic, a cycle is not
   * known on one side; 2: no level; 3: its cycle does not contain this one's.
   */
  tier: 0 | 1 | 2 | 3;
}

/** Walked at most, looking for the objectives aligned to this one: far more than any real tree. */
const MAX_DESCENDANTS = 100_000;

export function aligningObjective(analysis: Analysis, document: OkrDocument, position: Position): AligningObjective {
  const objective = document.objectives.find((o) => contains(o.sectionRange, position));
  const { cycle } = objective ? analysis.settings({ document, objective }) : analysis.documentCycle(document);
  return { document, ...(objective ? { objective } : {}), ...(cycle ? { cycle } : {}) };
}

/** The objective and every objective aligned to it, directly or through others: each would close a loop. */
function loopClosers(analysis: Analysis, objective: Objective): Set<Objective> {
  const seen = new Set<Objective>([objective]);
  const queue = [objective];
  for (let head = 0; head < queue.length && seen.size < MAX_DESCENDANTS; head++) {
    for (const child of analysis.allChildren(queue[head]!)) {
      if (seen.has(child.node.objective)) continue;
      seen.add(child.node.objective);
      queue.push(child.node.objective);
    }
  }
  return seen;
}

/** A test of the errors that no cycle can fix: align-level and align-cycle. */
export function alignmentFilter(analysis: Analysis, from: AligningObjective): (node: ObjectiveNode) => boolean {
  const closers = from.objective ? loopClosers(analysis, from.objective) : new Set<Objective>();
  return (node) => analysis.settings(node).level !== 'operational' && !closers.has(node.objective);
}

/** `[[id]]` reaches the objective: it has an id, defined once. */
function reachableById(analysis: Analysis, objective: Objective): boolean {
  return objective.id !== null && analysis.index.objectivesWithId(objective.id).length === 1;
}

function tierOf(analysis: Analysis, from: AligningObjective, node: ObjectiveNode): AlignCandidate['tier'] {
  const { level, cycle } = analysis.settings(node);
  if (from.cycle && cycle && !cycleContains(cycle, from.cycle)) return 3;
  if (level !== 'strategic') return 2;
  return from.cycle && cycle ? 0 : 1;
}

/** Whether a target whose cycle does not contain this one's would be an error. */
export function outsideIsError(analysis: Analysis): boolean {
  return (analysis.config.severity['cycle-outside-parent'] ?? DEFAULT_SEVERITY['cycle-outside-parent']) === 'error';
}

/**
 * Every objective `from` may align to, best first: by tier; active before dropped; cycles not
 * ended before ended ones; in other documents before its own (a peer in the same document is seldom the parent); the
 * shortest cycle first (a month serves its quarter before its year); then workspace order.
 */
export function alignCandidates(analysis: Analysis, from: AligningObjective): AlignCandidate[] {
  const allowed = alignmentFilter(analysis, from);
  const ranked: { candidate: AlignCandidate; key: number[] }[] = [];
  for (const document of analysis.index.documents()) {
    for (const objective of document.objectives) {
      const node = { document, objective };
      if (!reachableById(analysis, objective) || !allowed(node)) continue;
      const tier = tierOf(analysis, from, node);
      const { status, cycle } = analysis.settings(node);
      const ended = cycle && hasEnded(cycle, analysis.today) ? 1 : 0;
      const key = [tier, status === 'dropped' ? 1 : 0, ended, document === from.document ? 1 : 0, cycle ? cycleLength(cycle) : Infinity, ranked.length];
      ranked.push({ candidate: { node, tier }, key });
    }
  }
  const fits = ranked.some((r) => r.candidate.tier < 3);
  return ranked
    .filter((r) => r.candidate.tier < 3 || !fits || !outsideIsError(analysis))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((r) => r.candidate);
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
