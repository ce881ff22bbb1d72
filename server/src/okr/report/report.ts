// The progress report (SPEC §9 `okr report --format json`): the alignment forest of the
// objectives in the reported documents, with progress, as plain data.
import type { Analysis } from '../analysis/analysis.ts';
import { formatIsoDay } from '../model/calendar.ts';
import { cyclesOverlap, type Cycle } from '../model/cycles.ts';
import type { Level, Objective, Status } from '../model/model.ts';
import type { ObjectiveNode } from '../workspace/workspaceIndex.ts';

export interface ReportKeyResult {
  id: string | null;
  title: string;
  /** 0–1 as it counts in roll-ups (an over-achieved one counts as 1). */
  progress: number | null;
  /** Stated above 100 % (1.44 for `144%`), when it is. */
  overAchieved?: number;
  /** Read from the outline (no `KR:` prefix). */
  inferred?: true;
  /** Cancelled (`[-]`, or `(cancelled)` in an outline): left out of every roll-up (SPEC §3). */
  cancelled?: true;
  line: number;
}

export interface ReportObjective {
  id: string | null;
  title: string;
  level: Level | null;
  status: Status;
  owner: string | null;
  cycle: { label: string; start: string; end: string } | null;
  progress: number | null;
  /** Key results that count (not cancelled), and how many of them are measured. */
  keyResultsCounted?: number;
  keyResultsMeasured?: number;
  /** Read from the outline (no `Objective:` heading): how it was written. */
  inferred?: 'heading' | 'listItem' | 'paragraph' | 'tableRow';
  path: string;
  line: number;
  keyResults: ReportKeyResult[];
  children: ReportObjective[];
}

export interface Report {
  version: 1;
  today: string;
  objectives: ReportObjective[];
}

export interface ReportOptions {
  /** Only objectives of these documents (default: all). */
  paths?: ReadonlySet<string>;
  /** Keep the roots whose cycle overlaps this one. */
  cycle?: Cycle;
  /** How a document's path is shown (default: as in the index). */
  displayPath?: (path: string) => string;
  /** Levels of aligned objectives to include below each root (default: all). */
  depth?: number;
  /** Report these objectives as the roots, in this order, instead of the forest's roots. */
  roots?: ObjectiveNode[];
}

/** The objectives aligned to a node (directly or to its key results), each once, in workspace order. */
export function reportChildren(analysis: Analysis, node: ObjectiveNode, included: (node: ObjectiveNode) => boolean = () => true): ObjectiveNode[] {
  const children = new Map<Objective, ObjectiveNode>();
  for (const child of analysis.allChildren(node.objective)) if (included(child.node)) children.set(child.node.objective, child.node);
  return [...children.values()].sort(compareNodes);
}

function compareNodes(a: ObjectiveNode, b: ObjectiveNode): number {
  if (a.document.path !== b.document.path) return a.document.path < b.document.path ? -1 : 1;
  return a.objective.headingRange.start.line - b.objective.headingRange.start.line;
}

/** The roots of the alignment forest among the included objectives, in workspace order. */
export function reportRoots(analysis: Analysis, options: Pick<ReportOptions, 'paths' | 'cycle'> = {}): ObjectiveNode[] {
  const included = (node: ObjectiveNode) => !options.paths || options.paths.has(node.document.path);
  const isRoot = (node: ObjectiveNode) =>
    !analysis.references(node).some((r) => r.resolution.ok && !r.loop && included(r.resolution.target.node));
  const roots: ObjectiveNode[] = [];
  for (const document of analysis.index.documents()) {
    for (const objective of document.objectives) {
      const node = { document, objective };
      if (!included(node) || !isRoot(node)) continue;
      if (options.cycle) {
        const { cycle } = analysis.settings(node);
        if (cycle === undefined || !cyclesOverlap(cycle, options.cycle)) continue;
      }
      roots.push(node);
    }
  }
  return roots.sort(compareNodes);
}

export function buildReport(analysis: Analysis, options: ReportOptions = {}): Report {
  const included = (node: ObjectiveNode) => !options.paths || options.paths.has(node.document.path);
  const built = new Map<Objective, ReportObjective>();
  const maxDepth = options.depth ?? Infinity;
  const build = (node: ObjectiveNode, path: Set<Objective>): ReportObjective => {
    const cached = maxDepth === Infinity ? built.get(node.objective) : undefined;
    if (cached) return cached;
    const settings = analysis.settings(node);
    const { objective } = node;
    const children = path.size >= maxDepth ? [] : reportChildren(analysis, node, (child) => included(child) && !path.has(child.objective));
    const nextPath = new Set(path).add(objective);
    const result: ReportObjective = {
      id: objective.id,
      title: objective.title,
      level: settings.level ?? null,
      status: settings.status,
      owner: settings.owner ?? null,
      cycle: settings.cycle
        ? { label: settings.cycle.label, start: formatIsoDay(settings.cycle.start), end: formatIsoDay(settings.cycle.end) }
        : null,
      progress: analysis.progress.objective(node).value,
      keyResultsCounted: analysis.progress.objective(node).keyResults,
      keyResultsMeasured: analysis.progress.objective(node).measured,
      ...(objective.outline ? { inferred: objective.outline.form } : {}),
      path: options.displayPath ? options.displayPath(node.document.path) : node.document.path,
      line: objective.headingRange.start.line,
      keyResults: objective.keyResults.map((keyResult) => {
        const progress = analysis.progress.keyResult(keyResult);
        return {
          id: keyResult.id,
          title: keyResult.title,
          progress: progress.value,
          ...(progress.overAchieved !== undefined ? { overAchieved: progress.overAchieved } : {}),
          ...(keyResult.outline ? { inferred: true as const } : {}),
          ...(progress.rule === 'cancelled' ? { cancelled: true as const } : {}),
          line: keyResult.range.start.line,
        };
      }),
      children: children.map((child) => build(child, nextPath)),
    };
    built.set(objective, result);
    return result;
  };
  const roots = options.roots ?? reportRoots(analysis, options);
  return { version: 1, today: formatIsoDay(analysis.today), objectives: roots.map((node) => build(node, new Set())) };
}
