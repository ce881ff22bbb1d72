// Quick fix for a key-result value written without a unit beside values with one
// (`[target:: 0.4]` beside `0%` and `20%`): rewrite it to what it probably means (`40%`).
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { rangesOverlap, sameRange, type Range } from '../okr/model/text.ts';
import { fieldOf } from '../okr/analysis/firstFields.ts';
import type { FeatureContext } from './context.ts';



/** One preferred quick fix per unitless value in `range` that the analysis warns about. */
export function valueUnitFixes(context: FeatureContext, range: Range, diagnostics: LspDiagnostic[]): CodeAction[] {
  const { analysis, document } = context;
  const actions: CodeAction[] = [];
  // Only where the warning is shown: a severity of "off" turns the fix off too.
  const warnings = analysis.diagnostics(document).filter((d) => d.code === 'kr-unit-missing');
  for (const objective of document.objectives) {
    if (!rangesOverlap(objective.sectionRange, range)) continue;
    for (const keyResult of objective.keyResults) {
      if (!rangesOverlap(keyResult.range, range)) continue;
      const { measure, fields } = analysis.keyResult(keyResult);
      for (const missing of measure.missingUnits ?? []) {
        const field = fieldOf(fields, missing.field);
        if (!field || !rangesOverlap(field.range, range)) continue;
        const warning = warnings.find((d) => sameRange(d.range, field.range) && d.message === missing.message);
        if (!warning) continue;
        const sent = diagnostics.find((d) => d.source === 'okr' && d.code === 'kr-unit-missing' && sameRange(d.range, field.range));
        actions.push({
          title: `Change ${field.value} to ${missing.suggestion}`,
          kind: CodeActionKind.QuickFix,
          ...(sent ? { diagnostics: [sent] } : {}),
          isPreferred: true,
          edit: { changes: { [context.uriOf(document.path)]: [{ range: field.valueRange, newText: missing.suggestion }] } },
        });
      }
    }
  }
  return actions;
}
