// The quick fix for `field-near-miss` (issue 15): `aligns: [[kv]]`, `Align:: [[kv]]`,
// `**Owner:** Sam` or `[targte:: 40]` rewritten to the field meant (`aligns:: [[kv]]`).
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { LineIndex, rangesOverlap, sameRange, stripBom, type Range } from '../okr/model/text.ts';
import { nearMissRewrite } from '../okr/parse/fieldNames.ts';
import type { FeatureContext } from './context.ts';



/**
 * One preferred quick fix per near miss in `range`. The edit is made from the text as the editor
 * has it now (`text`), so that it never rewrites a line that has changed since.
 */
export function fieldNameFixes(context: FeatureContext, range: Range, diagnostics: LspDiagnostic[], text?: string): CodeAction[] {
  if (text === undefined) return [];
  const { analysis, document } = context;
  // Positions are those of the text without its BOM, as the engine's are.
  const lines = new LineIndex(stripBom(text));
  const actions: CodeAction[] = [];
  for (const problem of analysis.diagnostics(document)) {
    if (problem.code !== 'field-near-miss' || !rangesOverlap(problem.range, range)) continue;
    const { line, character } = problem.range.start;
    const rewrite = nearMissRewrite(lines.lineText(line), character);
    if (!rewrite) continue;
    const edit = { range: { start: { line, character: rewrite.start }, end: { line, character: rewrite.end } }, newText: rewrite.newText };
    const given = diagnostics.find((d) => d.source === 'okr' && d.code === 'field-near-miss' && sameRange(d.range, problem.range));
    actions.push({
      title: `Change to ${rewrite.newText.trimEnd()}`,
      kind: CodeActionKind.QuickFix,
      isPreferred: true,
      ...(given ? { diagnostics: [given] } : {}),
      edit: { changes: { [context.uriOf(document.path)]: [edit] } },
    });
  }
  return actions;
}
