// Facts about an objective shown by hovers, code lenses and completion, worded once so that
// they say the same thing everywhere, and kept short: they are read in small pop-ups.
import type { Analysis } from '../okr/analysis/analysis.ts';
import { cycleLength, daysLeft, describeCycle, hasEnded } from '../okr/model/cycles.ts';
import { formatQuantity, type Quantity } from '../okr/model/values.ts';
import { percentText, plural } from '../okr/report/format.ts';
import type { KeyResult, Objective } from '../okr/model/model.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';

/** Longest owner shown in a settings line: a longer one is a sentence, not a name. */
const OWNER_MAX = 48;

/**
 * `text` on one line, at most `max` characters (code points: an emoji is never cut in
 * half), cut at a word boundary when one is near and ended with `…`.
 */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const points = Array.from(flat);
  if (points.length <= max) return flat;
  const cut = points.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space >= cut.length * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/u, '')}…`;
}

/** The distinct objectives aligned to an objective or to its key results. */
export function alignedObjectives(analysis: Analysis, objective: Objective): ObjectiveNode[] {
  const seen = new Map<Objective, ObjectiveNode>();
  for (const child of analysis.allChildren(objective)) seen.set(child.node.objective, child.node);
  return [...seen.values()];
}

/** What an objective aligns to: an objective, or a key result of one. */
export interface AlignmentParent {
  node: ObjectiveNode;
  keyResult?: KeyResult;
}

/** The distinct targets of an objective's references that resolve and are not in a loop. */
export function alignmentParents(analysis: Analysis, node: ObjectiveNode): AlignmentParent[] {
  const seen = new Set<object>();
  const parents: AlignmentParent[] = [];
  for (const { resolution, loop } of analysis.references(node)) {
    if (!resolution.ok || loop) continue;
    const { target } = resolution;
    const key = target.kind === 'keyResult' ? target.keyResult : target.node.objective;
    if (seen.has(key)) continue;
    seen.add(key);
    parents.push(target.kind === 'keyResult' ? { node: target.node, keyResult: target.keyResult } : { node: target.node });
  }
  return parents;
}

/** A parent's title (`Objective › Key result` for a key result) and its progress. */
export function parentText(analysis: Analysis, parent: AlignmentParent, max: number): { title: string; progress: string } {
  const { node, keyResult } = parent;
  let title = shorten(node.objective.title, max);
  if (keyResult) {
    // The key result is what was aimed at: it keeps more of its title than its objective.
    const aimed = shorten(keyResult.title, Math.round(max * 0.6));
    title = `${shorten(node.objective.title, Math.max(15, max - Array.from(aimed).length - 3))} › ${aimed}`;
  }
  const progress = keyResult ? analysis.progress.keyResult(keyResult).exact : analysis.progress.objective(node).exact;
  return { title, progress: percentText(progress) };
}

/** `5 days left`, `last day`, `ended`, or undefined without a valid cycle. */
export function timeLeft(analysis: Analysis, node: ObjectiveNode): string | undefined {
  const { cycle } = analysis.settings(node);
  if (!cycle) return undefined;
  if (hasEnded(cycle, analysis.today)) return 'ended';
  const left = daysLeft(cycle, analysis.today);
  if (left > cycleLength(cycle) - 1) return `starts in ${plural(cycle.start - analysis.today, 'day')}`;
  return left === 0 ? 'last day' : `${plural(left, 'day')} left`;
}

/**
 * The code lens line: `67 % · 3 aligned · 5 days left`. "0 aligned" is left out: an
 * operational objective never has anything aligned to it, and a strategic objective that
 * nothing supports already has its `strategic-unsupported` diagnostic.
 */
export function lensTitle(analysis: Analysis, node: ObjectiveNode): string {
  const parts = [percentText(analysis.progress.objective(node).exact)];
  const aligned = alignedObjectives(analysis, node.objective).length;
  if (aligned > 0) parts.push(`${aligned} aligned`);
  const left = timeLeft(analysis, node);
  if (left) parts.push(left);
  if (analysis.settings(node).status === 'dropped') parts.push('dropped');
  else if (analysis.progress.pace(node)?.behind) parts.push('behind pace');
  return parts.join(' · ');
}

/** `strategic · 2026-Q4 (2026-10-01..2026-12-31) · Leadership team`. */
export function settingsLine(analysis: Analysis, node: ObjectiveNode): string {
  const settings = analysis.settings(node);
  return [
    settings.level ?? 'no level',
    settings.cycle ? describeCycle(settings.cycle) : 'no cycle',
    settings.owner ? shorten(settings.owner, OWNER_MAX) : 'no owner',
    ...(settings.status === 'dropped' ? ['dropped'] : []),
  ].join(' · ');
}

function difference(a: Quantity, b: Quantity): string {
  return formatQuantity({ ...a, value: Math.abs(Number((a.value - b.value).toPrecision(12))) });
}

/** "8 of 12 → 67 %", "done → 100 %"… */
export function keyResultArithmetic(analysis: Analysis, keyResult: KeyResult): string {
  const progress = analysis.progress.keyResult(keyResult);
  const { measure } = analysis.keyResult(keyResult);
  const result = percentText(progress.exact);
  switch (progress.rule) {
    case 'cancelled':
      return 'cancelled: left out of every roll-up';
    case 'checked':
      return `done → ${result}`;
    case 'progress':
      return progress.overAchieved !== undefined
        ? `progress ${Math.round(progress.overAchieved * 1000) / 10} %: over-achieved, counts as ${result} in roll-ups`
        : `progress ${result}`;
    case 'metric': {
      const { start, current, target } = measure.metric!;
      if (start.value === 0) return `${formatQuantity(current)} of ${formatQuantity(target)} → ${result}`;
      return `from ${formatQuantity(start)} to ${formatQuantity(target)}, now ${formatQuantity(current)}: ${difference(current, start)} of ${difference(target, start)} → ${result}`;
    }
    case 'aligned':
      return `mean of the objectives aligned to it → ${result}`;
    case 'unchecked':
      return `open task → ${result}`;
    default:
      return measure.problem ? `unmeasured: ${measure.problem.message}` : 'unmeasured: no target, progress or checkbox';
  }
}

const OUTLINE_FORMS = {
  heading: 'a heading with key results under it',
  listItem: 'a list item with key results nested under it',
  paragraph: 'a bold paragraph followed by a list',
  tableRow: 'a table row',
} as const;

/** How an objective read from the outline was recognised, or undefined for the strict form. */
export function outlineText(objective: Objective): string | undefined {
  return objective.outline ? `read from the outline: ${OUTLINE_FORMS[objective.outline.form]}` : undefined;
}

/** Where an objective's cycle came from, when it is not a field or the frontmatter (where one looks first). */
export function cycleSourceText(analysis: Analysis, node: ObjectiveNode): string | undefined {
  const source = analysis.settings(node).cycleSource;
  switch (source?.kind) {
    case 'heading':
      return `cycle read from the heading on line ${source.range.start.line + 1} ("${shorten(source.label, 30)}")`;
    case 'title':
      return `cycle read from the document title ("${shorten(source.label, 30)}")`;
    case 'path':
      return `cycle read from the file or folder name ("${shorten(source.label, 30)}")`;
    default:
      return undefined;
  }
}
