// Hover (SPEC §8): a reference's target; an objective's progress and how it was
// computed; a key result's arithmetic; a cycle's dates. Document text is escaped and
// the markdown is never trusted. Hovers are small pop-ups: a reference's location comes
// right under its title, long titles are shortened and long key-result lists cut, so a
// hover fits in about ten lines (test/unit/hoverSize.test.ts holds the budget).
import type { Hover, MarkupContent } from 'vscode-languageserver';
import type { Analysis } from '../okr/analysis/analysis.ts';
import { cycleLength, describeCycle, parseCycle } from '../okr/model/cycles.ts';
import { codeSpan, escapeMarkdown, measuredText, percentText, plural } from '../okr/report/format.ts';
import type { KeyResult } from '../okr/model/model.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import type { HistorySeries } from '../okr/history/replay.ts';
import { keyResultCheckInLines, objectiveCheckInLines } from './checkIns.ts';
import type { FeatureContext } from './context.ts';
import {
  alignedObjectives, alignmentParents, cycleSourceText, keyResultArithmetic, outlineText, parentText, settingsLine, shorten, timeLeft,
} from './facts.ts';
import { locate } from './locate.ts';
import type { Position } from '../okr/model/text.ts';

const OBJECTIVE_KEYS = new Set(['aligns', 'cycle', 'level', 'owner', 'status']);
const MEASURE_KEYS = new Set(['start', 'current', 'target', 'progress', 'weight']);
/** The title a hover is about, and its id (a slug of a long title is long too): two lines at most in VS Code's hover. */
const TITLE_MAX = 90;
const ID_MAX = 36;
/** Titles in lists and notes: one line each. */
const ITEM_MAX = 60;
/** Key results listed before "… and N more". */
const LISTED_KEY_RESULTS = 3;
/** Notes (fields, how the outline was read) on one line. */
const NOTE_MAX = 120;

/** Blocks separated by blank lines; the lines of a block end in hard breaks, so they stay lines without a gap. */
function markdown(blocks: string[][]): MarkupContent {
  return { kind: 'markdown', value: blocks.filter((b) => b.length > 0).map((b) => b.join('  \n')).join('\n\n') };
}

function text(value: string, max: number): string {
  return escapeMarkdown(shorten(value, max));
}

/** `**Title** `id``, the title shortened. */
function titleLine(title: string, id: string | null): string {
  return `**${text(title, TITLE_MAX)}**${id ? ` ${codeSpan(shorten(id, ID_MAX))}` : ''}`;
}

/** Where a reference's target is: `company.md:8`, what go to definition opens. */
function whereLine(node: ObjectiveNode, keyResult?: KeyResult): string {
  const range = keyResult ? keyResult.range : node.objective.headingRange;
  return codeSpan(`${node.document.path}:${range.start.line + 1}`);
}

/** Progress and each key result's share, the first few listed: one block (a paragraph and its list). */
function progressBlock(analysis: Analysis, node: ObjectiveNode): string[] {
  const { objective } = node;
  const progress = analysis.progress.objective(node);
  if (progress.from === 'aligned') return [`Progress **${percentText(progress.exact)}**, the mean of the objectives aligned to it`];
  if (progress.from !== 'keyResults') return ['Progress: unmeasured'];
  const counted = objective.keyResults.filter((kr) => analysis.progress.keyResult(kr).rule !== 'cancelled');
  const listed = counted.length <= LISTED_KEY_RESULTS + 1 ? counted : counted.slice(0, LISTED_KEY_RESULTS);
  const shares = listed.map((kr) => {
    const { weight } = analysis.keyResult(kr);
    const w = weight.d === 1n && weight.n === 1n ? '' : ` × weight ${Number(weight.n) / Number(weight.d)}`;
    const { exact } = analysis.progress.keyResult(kr);
    return `- ${text(kr.title, ITEM_MAX)}: ${exact === null ? '0 % (unmeasured)' : percentText(exact)}${w}`;
  });
  if (listed.length < counted.length) shares.push(`- … and ${counted.length - listed.length} more`);
  const measured = measuredText(progress.keyResults, progress.measured);
  const of = measured ? `${plural(counted.length, 'key result')} (${measured}; the others count as 0 %)` : plural(counted.length, 'measured key result');
  return [`Progress **${percentText(progress.exact)}**, the weighted mean of ${of}:\n${shares.join('\n')}`];
}

/** `36 days left · expected 61 % by today, on pace · 4 objectives align to it`. */
function timingLine(analysis: Analysis, node: ObjectiveNode, withAligned = true): string | undefined {
  const left = timeLeft(analysis, node);
  const pace = analysis.progress.pace(node);
  const parts = left ? [left] : [];
  if (left && pace) parts.push(`expected ${Math.floor(pace.expected * 100 + 0.5)} % by today${pace.behind ? ', **behind pace**' : ', on pace'}`);
  if (!withAligned) return parts.length > 0 ? parts.join(' · ') : undefined;
  const aligned = alignedObjectives(analysis, node.objective).length;
  // Nothing ever aligns to an operational objective: saying so is noise.
  if (aligned > 0) parts.push(`${plural(aligned, 'objective')} align${aligned === 1 ? 's' : ''} to it`);
  else if (analysis.settings(node).level !== 'operational') parts.push('no objective aligns to it');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** `Aligns to **Scale the platform › 99.9 % uptime** (25 %)`, the first two targets. */
function alignsToLine(analysis: Analysis, node: ObjectiveNode): string | undefined {
  const parents = alignmentParents(analysis, node);
  if (parents.length === 0) return undefined;
  const shown = parents.slice(0, 2).map((parent) => {
    const { title, progress } = parentText(analysis, parent, ITEM_MAX);
    return `**${escapeMarkdown(title)}** (${progress})`;
  });
  const more = parents.length > 2 ? ` and ${parents.length - 2} more` : '';
  return `Aligns to ${shown.join(', ')}${more}`;
}

/** How it was read and its other fields, on one line. */
function notesLine(analysis: Analysis, node: ObjectiveNode): string | undefined {
  const extra = analysis.settings(node).fields.filter((f) => !OBJECTIVE_KEYS.has(f.key)).map((f) => `${f.key}: ${f.value}`);
  const notes = [outlineText(node.objective), cycleSourceText(analysis, node), ...extra].filter((n): n is string => !!n);
  return notes.length > 0 ? text(notes.join(' · '), NOTE_MAX) : undefined;
}

function present(...lines: (string | undefined)[]): string[] {
  return lines.filter((l): l is string => l !== undefined);
}

/** On an objective heading: what it is, what it aligns to, its progress, its time. */
function headingHover(analysis: Analysis, node: ObjectiveNode, history?: HistorySeries): string[][] {
  return [
    present(titleLine(node.objective.title, node.objective.id), escapeMarkdown(settingsLine(analysis, node)), alignsToLine(analysis, node)),
    progressBlock(analysis, node),
    present(timingLine(analysis, node), ...objectiveCheckInLines(history, analysis, node), notesLine(analysis, node)),
  ];
}

/** On a reference: the target, where it is (second line), then its facts. */
function referenceHover(analysis: Analysis, node: ObjectiveNode, keyResult?: KeyResult): string[][] {
  if (!keyResult) {
    return [
      [titleLine(node.objective.title, node.objective.id), whereLine(node), escapeMarkdown(settingsLine(analysis, node))],
      progressBlock(analysis, node),
      present(timingLine(analysis, node)),
    ];
  }
  const { title, id } = node.objective;
  const objective = `In **${text(title, ITEM_MAX)}**${id ? ` ${codeSpan(shorten(id, ID_MAX))}` : ''} · ${percentText(analysis.progress.objective(node).exact)}`;
  return [
    [`Key result ${titleLine(keyResult.title, keyResult.id ? `^${keyResult.id}` : null)}`, whereLine(node, keyResult), escapeMarkdown(keyResultArithmetic(analysis, keyResult))],
    present(objective, escapeMarkdown(settingsLine(analysis, node)), timingLine(analysis, node, false)),
  ];
}

function keyResultHover(analysis: Analysis, node: ObjectiveNode, keyResult: KeyResult, history?: HistorySeries): string[][] {
  const lines = [titleLine(keyResult.title, keyResult.id ? `^${keyResult.id}` : null), escapeMarkdown(keyResultArithmetic(analysis, keyResult))];
  lines.push(...keyResultCheckInLines(history, analysis, node, keyResult));
  const extra = analysis.keyResult(keyResult).fields.filter((f) => !MEASURE_KEYS.has(f.key));
  if (extra.length > 0) lines.push(text(extra.map((f) => `${f.key}: ${f.value}`).join(' · '), NOTE_MAX));
  if (keyResult.outline) {
    const inferred = keyResult.fields.filter((f) => f.inferred).map((f) => `${f.key} ${f.value}`);
    lines.push(text(`Read from the outline${inferred.length > 0 ? `: ${inferred.join(', ')} as written` : ''}`, NOTE_MAX));
  }
  if (analysis.progress.keyResult(keyResult).rule === 'aligned') lines.push(`${plural(analysis.childrenOf(keyResult).length, 'objective')} aligned to it`);
  return [lines];
}

export function hover(context: FeatureContext, position: Position): Hover | null {
  const { analysis, document } = context;
  const at = locate(document, position);
  if (!at) return null;
  switch (at.kind) {
    case 'reference': {
      const resolved = analysis.references({ document, objective: at.objective }).find((r) => r.reference === at.reference);
      if (!resolved) return null;
      if (!resolved.resolution.ok) return { contents: markdown([[`Unresolved: ${escapeMarkdown(resolved.resolution.message)}`]]), range: at.reference.range };
      const { target } = resolved.resolution;
      const blocks = referenceHover(analysis, target.node, target.kind === 'keyResult' ? target.keyResult : undefined);
      return { contents: markdown(blocks), range: at.reference.range };
    }
    case 'heading':
      return { contents: markdown(headingHover(analysis, { document, objective: at.objective }, context.history)), range: at.objective.headingRange };
    case 'keyResult':
      return { contents: markdown(keyResultHover(analysis, { document, objective: at.objective }, at.keyResult, context.history)), range: at.keyResult.range };
    case 'cycle': {
      const parsed = parseCycle(at.text, analysis.config.fiscalYearStartMonth);
      const value = parsed.ok ? `${escapeMarkdown(describeCycle(parsed.cycle))}: ${plural(cycleLength(parsed.cycle), 'day')}` : escapeMarkdown(parsed.message);
      return { contents: markdown([[value]]), range: at.range };
    }
    case 'field':
      return null;
  }
}
