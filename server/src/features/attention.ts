// The objectives of a workspace that need attention whatever the cycle filter (issue 15):
// those with errors, operational ones that align to nothing, and roots without a cycle. A
// broken reference makes an objective a root, and a filter can hide a root; this list cannot.
import type { Analysis } from '../okr/analysis/analysis.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import { problemsWithin } from '../okr/report/dashboard.ts';
import type { AttentionReason } from '../protocol.ts';

export interface AttentionNode {
  node: ObjectiveNode;
  reasons: AttentionReason[];
}

function reasonsFor(analysis: Analysis, node: ObjectiveNode, errors: boolean): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (errors) reasons.push('error');
  const settings = analysis.settings(node);
  const references = analysis.references(node);
  // As align-missing: a dropped objective need not align.
  if (settings.level === 'operational' && settings.status !== 'dropped' && !references.some((r) => r.resolution.ok)) reasons.push('unaligned');
  // A root as reportRoots sees it: every cycle filter leaves it out.
  if (settings.cycle === undefined && !references.some((r) => r.resolution.ok && !r.loop)) reasons.push('noCycle');
  return reasons;
}

/** Every objective of the analysis that needs attention, documents by path, each by line. */
export function attentionNodes(analysis: Analysis, diagnosticsOf: (document: OkrDocument) => Diagnostic[] = (document) => analysis.diagnostics(document)): AttentionNode[] {
  const documents = [...analysis.index.documents()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const found: AttentionNode[] = [];
  for (const document of documents) {
    const errors = diagnosticsOf(document).filter((d) => d.severity === 'error');
    for (const objective of [...document.objectives].sort((a, b) => a.headingRange.start.line - b.headingRange.start.line)) {
      const node = { document, objective };
      const reasons = reasonsFor(analysis, node, errors.length > 0 && problemsWithin(errors, objective.sectionRange).error > 0);
      if (reasons.length > 0) found.push({ node, reasons });
    }
  }
  return found;
}
