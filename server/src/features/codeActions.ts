// Quick fixes (SPEC §8): replace an unresolved reference with a close id; add an
// explicit {#id}; align an operational objective to a strategic one whose cycle
// contains it; set a child's cycle to fit its parent. And one rewrite: a document read
// from its outline, in the explicit form.
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from 'vscode-languageserver';
import { formatIsoDay } from '../okr/model/calendar.ts';
import { cycleContains, type Cycle } from '../okr/model/cycles.ts';
import type { Objective, OkrDocument } from '../okr/model/model.ts';
import { LineIndex, rangesOverlap, type Range } from '../okr/model/text.ts';
import { explicitFormOf, type ExplicitFormResult } from '../okr/report/explicitForm.ts';
import type { Analysis } from '../okr/analysis/analysis.ts';
import type { OkrConfig } from '../okr/analysis/config.ts';
import { fieldOf } from '../okr/analysis/firstFields.ts';
import { suggestReferences } from '../okr/analysis/suggest.ts';
import type { FeatureContext } from './context.ts';
import { valueUnitFixes } from './valueUnitFix.ts';
import { fieldNameFixes } from './fieldNameFix.ts';


function action(context: FeatureContext, title: string, edits: TextEdit[], diagnostic?: LspDiagnostic, preferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [context.uriOf(context.document.path)]: edits } },
  };
}

/** Inserts field lines after an objective's heading, after a blank line (MD022). */
function insertFieldAfterHeading(objective: Objective, line: string): TextEdit {
  const at = objective.headingRange.end;
  return { range: { start: at, end: at }, newText: `\n\n${line}` };
}

/** The cycle to propose for a child of `parent`: the overlap as dates, else the parent's. */
function fittingCycle(child: Cycle, parent: Cycle): string {
  const start = Math.max(child.start, parent.start);
  const end = Math.min(child.end, parent.end);
  if (start > end) return parent.label;
  return `${formatIsoDay(start)}..${formatIsoDay(end)}`;
}

/**
 * Editors ask for code actions whenever the cursor moves: the rewrite (and the reading of it
 * again) is made once per parsed document and text, not on every move.
 */
const explicitForms = new WeakMap<OkrDocument, { text: string; config: OkrConfig; result: ExplicitFormResult }>();

function cachedExplicitForm(analysis: Analysis, document: OkrDocument, text: string): ExplicitFormResult {
  const cached = explicitForms.get(document);
  if (cached && cached.text === text && cached.config === analysis.config) return cached.result;
  const result = explicitFormOf(analysis, document, text);
  explicitForms.set(document, { text, config: analysis.config, result });
  return result;
}

/**
 * "Write the OKRs in the explicit form", on an objective read from the outline: the whole
 * document at once (writing one objective as `Objective:` would make the document strict
 * and lose the others), as one edit over the lines that change.
 */
function explicitFormAction(context: FeatureContext, range: Range, text: string | undefined): CodeAction | undefined {
  const { analysis, document } = context;
  if (text === undefined || !document.objectives.some((objective) => objective.outline && rangesOverlap(objective.sectionRange, range))) return undefined;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = text.slice(bom);
  const { text: rewritten, problem } = cachedExplicitForm(analysis, document, source);
  const title = "Write this document's OKRs in the explicit form (Objective:, KR:, fields)";
  // Said, not hidden: the editor shows why it cannot be done.
  if (problem) return { title, kind: CodeActionKind.RefactorRewrite, disabled: { reason: problem } };
  if (rewritten === source) return undefined;
  let start = 0;
  while (start < source.length && start < rewritten.length && source[start] === rewritten[start]) start++;
  let end = 0;
  while (end < source.length - start && end < rewritten.length - start && source[source.length - 1 - end] === rewritten[rewritten.length - 1 - end]) end++;
  const lines = new LineIndex(text);
  const edit: TextEdit = { range: lines.range(bom + start, bom + source.length - end), newText: rewritten.slice(start, rewritten.length - end) };
  return {
    title,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [context.uriOf(document.path)]: [edit] } },
  };
}

export function codeActions(context: FeatureContext, range: Range, diagnostics: LspDiagnostic[], text?: string): CodeAction[] {
  const { analysis, document } = context;
  const actions: CodeAction[] = [];
  const explicit = explicitFormAction(context, range, text);
  if (explicit) actions.push(explicit);
  for (const objective of document.objectives) {
    if (!rangesOverlap(objective.sectionRange, range)) continue;
    const node = { document, objective };
    const settings = analysis.settings(node);
    const own = diagnostics.filter((d) => d.source === 'okr' && rangesOverlap(objective.sectionRange, d.range));

    for (const resolved of analysis.references(node)) {
      const { reference, resolution } = resolved;
      if (resolution.ok || !rangesOverlap(reference.range, range)) continue;
      const diagnostic = own.find((d) => d.code === 'align-unresolved' && rangesOverlap(d.range, reference.range));
      // Each suggestion is a whole reference that resolves ([[cast#nps]] → [[csat#nps]]).
      for (const [i, target] of suggestReferences(analysis, reference).entries()) {
        const edit: TextEdit = { range: reference.range, newText: `[[${target}]]` };
        actions.push(action(context, `Replace with [[${target}]]`, [edit], diagnostic, i === 0));
      }
    }

    if (!objective.idExplicit && objective.id && rangesOverlap(objective.headingRange, range)) {
      const at = objective.headingTextEnd;
      actions.push({
        title: `Add explicit id {#${objective.id}}`,
        kind: CodeActionKind.QuickFix,
        edit: { changes: { [context.uriOf(document.path)]: [{ range: { start: at, end: at }, newText: ` {#${objective.id}}` }] } },
      });
    }

    const missing = own.find((d) => d.code === 'align-missing');
    if (missing && settings.cycle) {
      const candidates = analysis.index
        .documents()
        .flatMap((d) => d.objectives.map((o) => ({ document: d, objective: o })))
        .filter((candidate) => {
          const s = analysis.settings(candidate);
          return candidate.objective.id && s.level === 'strategic' && s.status === 'active' && s.cycle && cycleContains(s.cycle, settings.cycle!);
        })
        .slice(0, 8);
      for (const candidate of candidates) {
        actions.push(
          action(context, `Align to [[${candidate.objective.id}]] (${candidate.objective.title})`, [insertFieldAfterHeading(objective, `aligns:: [[${candidate.objective.id}]]`)], missing),
        );
      }
    }

    for (const diagnostic of own.filter((d) => d.code === 'cycle-outside-parent')) {
      const parent = analysis
        .references(node)
        .map((r) => (r.resolution.ok && !r.loop ? analysis.settings(r.resolution.target.node).cycle : undefined))
        .find((cycle) => cycle && settings.cycle && !cycleContains(cycle, settings.cycle));
      if (!parent || !settings.cycle) continue;
      const proposed = fittingCycle(settings.cycle, parent);
      const field = fieldOf(settings.fields, 'cycle');
      const edit = field ? { range: field.valueRange, newText: proposed } : insertFieldAfterHeading(objective, `cycle:: ${proposed}`);
      actions.push(action(context, `Set the cycle to ${proposed} to fit ${parent.label}`, [edit], diagnostic, true));
    }
  }
  actions.push(...valueUnitFixes(context, range, diagnostics));
  actions.push(...fieldNameFixes(context, range, diagnostics, text));
  return actions;
}
