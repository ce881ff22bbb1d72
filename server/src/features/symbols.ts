// Which objective or key result a position is about, and every reference to one.
import type { Analysis, ResolvedReference } from '../okr/analysis/analysis.ts';
import type { KeyResult, OkrDocument } from '../okr/model/model.ts';
import type { Position } from '../okr/model/text.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import { locate, type Located } from './locate.ts';

export type OkrSymbol = { kind: 'objective'; node: ObjectiveNode } | { kind: 'keyResult'; node: ObjectiveNode; keyResult: KeyResult };

export interface SymbolAt {
  symbol: OkrSymbol;
  located: Located;
  resolved?: ResolvedReference;
}

/**
 * The symbol at a position: a heading's objective, a key result, or what a reference
 * points at. On a reference's target part (`[[csat#nps]]` on `csat`) it is the objective.
 */
export function symbolAt(analysis: Analysis, document: OkrDocument, position: Position): SymbolAt | undefined {
  const located = locate(document, position);
  if (!located) return undefined;
  if (located.kind === 'heading') return { symbol: { kind: 'objective', node: { document, objective: located.objective } }, located };
  if (located.kind === 'keyResult') {
    return { symbol: { kind: 'keyResult', node: { document, objective: located.objective }, keyResult: located.keyResult }, located };
  }
  if (located.kind !== 'reference') return undefined;
  const resolved = analysis.references({ document, objective: located.objective }).find((r) => r.reference === located.reference);
  if (!resolved?.resolution.ok) return undefined;
  const { target } = resolved.resolution;
  if (target.kind === 'keyResult' && located.part === 'target' && located.reference.fragment !== undefined) {
    return { symbol: { kind: 'objective', node: target.node }, located, resolved };
  }
  return { symbol: target, located, resolved };
}

export interface FoundReference {
  node: ObjectiveNode;
  resolved: ResolvedReference;
}

/** Every reference in the workspace that resolves to the symbol (for an objective, to its key results too). */
export function referencesTo(analysis: Analysis, symbol: OkrSymbol): FoundReference[] {
  const found: FoundReference[] = [];
  for (const document of analysis.index.documents()) {
    for (const objective of document.objectives) {
      const node = { document, objective };
      for (const resolved of analysis.references(node)) {
        if (!resolved.resolution.ok) continue;
        const { target } = resolved.resolution;
        const matches =
          symbol.kind === 'objective'
            ? target.node.objective === symbol.node.objective
            : target.kind === 'keyResult' && target.keyResult === symbol.keyResult;
        if (matches) found.push({ node, resolved });
      }
    }
  }
  return found;
}
