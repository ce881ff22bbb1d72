// Facts about an objective shown by hovers, code lenses and the progress tree.
import type { Analysis } from '../okr/analysis/analysis.ts';
import { cycleLength, daysLeft, describeCycle, hasEnded } from '../okr/model/cycles.ts';
import { percentText, plural } from '../okr/report/format.ts';
import type { Objective } from '../okr/model/model.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';

/** The distinct objectives aligned to an objective or to its key results. */
export function alignedObjectives(analysis: Analysis, objective: Objective): ObjectiveNode[] {
  const seen = new Map<Objective, ObjectiveNode>();
  for (const child of analysis.allChildren(objective)) seen.set(child.node.objective, child.node);
  return [...seen.values()];
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

/** The code lens line: `67 % · 3 aligned · 5 days left`. */
export function lensTitle(analysis: Analysis, node: ObjectiveNode): string {
  const parts = [percentText(analysis.progress.objective(node).exact), `${alignedObjectives(analysis, node.objective).length} aligned`];
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
    settings.owner ?? 'no owner',
    ...(settings.status === 'dropped' ? ['dropped'] : []),
  ].join(' · ');
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

/** Where an objective's cycle came from, when it is not a field or the frontmatter. */
export function cycleSourceText(analysis: Analysis, node: ObjectiveNode): string | undefined {
  const source = analysis.settings(node).cycleSource;
  if (!source) return undefined;
  switch (source.kind) {
    case 'heading':
      return `cycle read from the heading on line ${source.range.start.line + 1} ("${source.label}")`;
    case 'title':
      return `cycle read from the document title ("${source.label}")`;
    case 'path':
      return `cycle read from the file or folder name ("${source.label}")`;
    default:
      return source.kind === 'field' ? 'cycle from its cycle:: field' : 'cycle from the frontmatter';
  }
}
