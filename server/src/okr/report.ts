// The progress report (SPEC §9 `okr report --format json`): the alignment forest of the
// objectives in the reported documents, with progress, as plain data.
import type { Analysis } from './analysis.ts';
import { cyclesOverlap, formatIsoDay, type Cycle } from './cycles.ts';
import type { Level, Objective, Status } from './model.ts';
import type { ObjectiveNode } from './workspaceIndex.ts';

export interface ReportKeyResult {
  id: string | null;
  title: string;
  progress: number | null;
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
}

function compareNodes(a: ObjectiveNode, b: ObjectiveNode): number {
  if (a.document.path !== b.document.path) return a.document.path < b.document.path ? -1 : 1;
  return a.objective.headingRange.start.line - b.objective.headingRange.start.line;
}

export function buildReport(analysis: Analysis, options: ReportOptions = {}): Report {
  const included = (node: ObjectiveNode) => !options.paths || options.paths.has(node.document.path);
  const nodes: ObjectiveNode[] = [];
  for (const document of analysis.index.documents()) {
    for (const objective of document.objectives) {
      const node = { document, objective };
      if (included(node)) nodes.push(node);
    }
  }
  const isRoot = (node: ObjectiveNode) =>
    !analysis.references(node).some((r) => r.resolution.ok && !r.loop && included(r.resolution.target.node));
  const built = new Map<Objective, ReportObjective>();
  const build = (node: ObjectiveNode, path: Set<Objective>): ReportObjective => {
    const cached = built.get(node.objective);
    if (cached) return cached;
    const settings = analysis.settings(node);
    const { objective } = node;
    const children = new Map<Objective, ObjectiveNode>();
    for (const child of analysis.allChildren(objective)) {
      if (included(child.node) && !path.has(child.node.objective)) children.set(child.node.objective, child.node);
    }
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
      path: options.displayPath ? options.displayPath(node.document.path) : node.document.path,
      line: objective.headingRange.start.line,
      keyResults: objective.keyResults.map((keyResult) => ({
        id: keyResult.id,
        title: keyResult.title,
        progress: analysis.progress.keyResult(keyResult).value,
        line: keyResult.range.start.line,
      })),
      children: [...children.values()].sort(compareNodes).map((child) => build(child, nextPath)),
    };
    built.set(objective, result);
    return result;
  };
  const roots = nodes
    .filter(isRoot)
    .filter((node) => {
      if (!options.cycle) return true;
      const { cycle } = analysis.settings(node);
      return cycle !== undefined && cyclesOverlap(cycle, options.cycle);
    })
    .sort(compareNodes);
  return { version: 1, today: formatIsoDay(analysis.today), objectives: roots.map((node) => build(node, new Set())) };
}
