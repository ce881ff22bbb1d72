// Document symbols (objectives with their key results) and workspace symbols
// (objectives by id and title).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { Analysis } from '../okr/analysis/analysis.ts';
import { percentText } from '../okr/report/format.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import type { FeatureContext } from './context.ts';

export function documentSymbols(analysis: Analysis, document: OkrDocument): DocumentSymbol[] {
  return document.objectives.map((objective) => {
    const node = { document, objective };
    const settings = analysis.settings(node);
    return {
      name: objective.title || objective.id || '(untitled objective)',
      detail: [objective.id ? `#${objective.id}` : '', settings.level ?? '', settings.cycle?.label ?? '', percentText(analysis.progress.objective(node).exact)]
        .filter(Boolean)
        .join(' · '),
      kind: SymbolKind.Class,
      range: objective.sectionRange,
      selectionRange: objective.headingRange,
      children: objective.keyResults.map((keyResult) => ({
        name: keyResult.title || keyResult.id || '(untitled key result)',
        detail: [keyResult.id ? `^${keyResult.id}` : '', percentText(analysis.progress.keyResult(keyResult).exact)].filter(Boolean).join(' · '),
        kind: SymbolKind.Field,
        range: keyResult.itemRange,
        selectionRange: keyResult.range,
      })),
    };
  });
}

/** Characters of `query` in order within `text` (case-insensitive), as VS Code filters. */
function fuzzyMatch(query: string, text: string): boolean {
  let at = 0;
  for (const c of text.toLowerCase()) {
    if (c === query[at]) at++;
    if (at === query.length) return true;
  }
  return query.length === 0;
}

export function workspaceSymbols(contexts: Pick<FeatureContext, 'analysis' | 'uriOf'>[], query: string, limit = 1000): SymbolInformation[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const out: SymbolInformation[] = [];
  for (const { analysis, uriOf } of contexts) {
    for (const document of analysis.index.documents()) {
      for (const objective of document.objectives) {
        if (!fuzzyMatch(wanted, `${objective.id ?? ''} ${objective.title}`)) continue;
        out.push({
          name: objective.title || objective.id || '(untitled objective)',
          kind: SymbolKind.Class,
          location: { uri: uriOf(document.path), range: objective.headingRange },
          ...(objective.id ? { containerName: `#${objective.id}` } : {}),
        });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}
