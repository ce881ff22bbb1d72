// Completion items for alignment targets: after `[[`, the objectives this one may align to
// (alignTargets.ts), best first and the best preselected; after `[[id#` (or `[[document#`),
// the key results of that objective (or document). Each says its cycle and progress; titles
// and document text are plain-text detail and documentation, never markdown.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { Analysis } from '../okr/analysis/analysis.ts';
import { idKey } from '../okr/model/ids.ts';
import type { KeyResult } from '../okr/model/model.ts';
import type { Range } from '../okr/model/text.ts';
import { percentText, plural } from '../okr/report/format.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import { alignCandidates, alignmentFilter, type AligningObjective } from './alignTargets.ts';
import { keyResultArithmetic, settingsLine, timeLeft } from './facts.ts';
import { cycleContains } from '../okr/model/cycles.ts';

function rankText(rank: number): string {
  return String(rank).padStart(5, '0');
}

/** Why a target would get cycle-outside-parent, or undefined when it would not (or it cannot be told). */
function outsideNote(analysis: Analysis, from: AligningObjective, node: ObjectiveNode): string | undefined {
  const { cycle } = analysis.settings(node);
  if (!from.cycle || !cycle || cycleContains(cycle, from.cycle)) return undefined;
  return `Its cycle ${cycle.label} does not contain this objective's ${from.cycle.label}: aligning to it is cycle-outside-parent`;
}

/** `69 % · 36 days left · 3 key results: type # after the id for one`. */
function progressNote(analysis: Analysis, node: ObjectiveNode): string {
  const parts = [percentText(analysis.progress.objective(node).exact)];
  const left = timeLeft(analysis, node);
  if (left) parts.push(left);
  const withIds = node.objective.keyResults.filter((kr) => kr.id !== null).length;
  if (withIds > 0) parts.push(`${plural(withIds, 'key result')}: type # after the id for one`);
  return parts.join(' · ');
}

/** After `[[`: the objectives `from` may align to, best first; the best is preselected when its cycle fits. */
export function objectiveItems(analysis: Analysis, from: AligningObjective, range: Range): CompletionItem[] {
  return alignCandidates(analysis, from).map(({ node, tier }, rank) => {
    const { objective } = node;
    const id = objective.id!;
    const { cycle } = analysis.settings(node);
    const outside = outsideNote(analysis, from, node);
    const description = [cycle?.label ?? 'no cycle', percentText(analysis.progress.objective(node).exact), ...(outside ? [`outside ${from.cycle!.label}`] : [])];
    return {
      label: id,
      kind: CompletionItemKind.Reference,
      detail: objective.title,
      labelDetails: { description: description.join(' · ') },
      documentation: [settingsLine(analysis, node), progressNote(analysis, node), ...(outside ? [outside] : [])].join('\n'),
      sortText: rankText(rank),
      ...(rank === 0 && tier === 0 ? { preselect: true } : {}),
      filterText: `${id} ${objective.title}`,
      textEdit: { range, newText: id },
    };
  });
}

/** The key results `[[name#` can reach: of the objective with that id, else of the document with that name. */
function reachableKeyResults(analysis: Analysis, name: string): { node: ObjectiveNode; keyResult: KeyResult }[] {
  const objectives = analysis.index.objectivesWithId(name);
  if (objectives.length > 1) return []; // an id defined twice resolves to nothing
  const documents = objectives.length === 0 ? analysis.index.documentsNamed(name) : [];
  const nodes = objectives.length === 1 ? objectives : documents.length === 1 ? documents[0]!.objectives.map((objective) => ({ document: documents[0]!, objective })) : [];
  const seen = new Set<string>(); // in a document, a key-result id written twice links to the first
  return nodes.flatMap((node) =>
    node.objective.keyResults.flatMap((keyResult) => {
      if (keyResult.id === null || seen.has(idKey(keyResult.id))) return [];
      seen.add(idKey(keyResult.id));
      return [{ node, keyResult }];
    }),
  );
}

/** After `[[name#`: the key results `from` may align to, cancelled ones last. */
export function keyResultItems(analysis: Analysis, from: AligningObjective, name: string, range: Range): CompletionItem[] {
  const allowed = alignmentFilter(analysis, from);
  const reachable = reachableKeyResults(analysis, name).filter(({ node }) => allowed(node));
  const cancelled = (kr: KeyResult) => (analysis.progress.keyResult(kr).rule === 'cancelled' ? 1 : 0);
  const ordered = reachable.map((r, i) => ({ ...r, i })).sort((a, b) => cancelled(a.keyResult) - cancelled(b.keyResult) || a.i - b.i);
  return ordered.map(({ node, keyResult }, rank) => {
    const outside = outsideNote(analysis, from, node);
    return {
      label: keyResult.id!,
      kind: CompletionItemKind.Field,
      detail: keyResult.title,
      labelDetails: { description: percentText(analysis.progress.keyResult(keyResult).exact) },
      documentation: [keyResultArithmetic(analysis, keyResult), ...(outside ? [outside] : [])].join('\n'),
      sortText: rankText(rank),
      textEdit: { range, newText: keyResult.id! },
    };
  });
}
