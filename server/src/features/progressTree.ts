// The `okr/progressTree` request: the report of every root, each objective and key
// result located (uri, range) with its diagnostic counts. Large trees come level by level
// (`depth`, `maxObjectives`, `under`), so a view of 10,000 documents asks only for what it shows.
import type { Analysis } from '../okr/analysis.ts';
import { cyclesOverlap, daysLeft, parseCycle, type Cycle } from '../okr/cycles.ts';
import type { Diagnostic } from '../okr/diagnostics.ts';
import type { OkrDocument } from '../okr/model.ts';
import { buildReport, reportChildren, reportRoots, type ReportObjective } from '../okr/report.ts';
import type { Range } from '../okr/text.ts';
import type { ObjectiveNode } from '../okr/workspaceIndex.ts';
import type { DiagnosticCounts, ProgressTreeParams, ProgressTreeResult, TreeObjective } from '../protocol.ts';
import { contains } from './locate.ts';

export interface TreeSource {
  analysis: Analysis;
  uriOf(path: string): string;
}

/** The document a `params.under` names, found by the caller (it knows which root holds the file). */
export interface UnderObjective {
  source: TreeSource;
  document: OkrDocument;
}

function count(diagnostics: Diagnostic[], range: Range): DiagnosticCounts {
  const counts: DiagnosticCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) if (contains(range, d.range.start)) counts[d.severity]++;
  return counts;
}

/** The deepest number of whole levels below `roots` that keeps the tree within `budget` objectives. */
export function depthWithin(analysis: Analysis, roots: ObjectiveNode[], budget: number): number {
  let level = roots;
  let total = roots.length;
  let depth = 0;
  while (level.length > 0) {
    const next: ObjectiveNode[] = [];
    for (const node of level) {
      for (const child of reportChildren(analysis, node)) {
        next.push(child);
        if (total + next.length > budget) return depth;
      }
    }
    if (next.length === 0) return Infinity;
    total += next.length;
    depth++;
    level = next;
  }
  return Infinity;
}

function checkParams(params: ProgressTreeParams): void {
  const whole = (value: unknown) => value === undefined || (Number.isInteger(value) && (value as number) >= 0);
  if (!whole(params.depth)) throw new Error(`Invalid depth ${String(params.depth)}: expected a whole number ≥ 0`);
  if (!whole(params.maxObjectives)) throw new Error(`Invalid maxObjectives ${String(params.maxObjectives)}: expected a whole number ≥ 0`);
  if (params.under !== undefined && (typeof params.under?.uri !== 'string' || !Number.isInteger(params.under.line))) {
    throw new Error('Invalid under: expected { uri, line }');
  }
}

export function progressTree(sources: TreeSource[], params: ProgressTreeParams, today: string, under?: UnderObjective): ProgressTreeResult {
  checkParams(params);
  const result: ProgressTreeResult = { version: 1, today, objectives: [] };
  if (params.under) {
    const objective = under?.document.objectives.find((o) => o.headingRange.start.line === params.under!.line);
    if (!under || !objective) return result; // gone since the client saw it: nothing below
    const roots = reportChildren(under.source.analysis, { document: under.document, objective });
    result.objectives.push(...locatedTree(under.source, roots, params));
    return result;
  }
  for (const source of sources) {
    const roots = filteredRoots(source.analysis, params);
    if (params.cycle) result.cycle = params.cycle;
    result.objectives.push(...locatedTree(source, roots, params));
  }
  return result;
}

/** The roots a tree or dashboard shows: overlapping `params.cycle`, every one (`all`), or the cycles containing today. */
export function filteredRoots(analysis: Analysis, params: Pick<ProgressTreeParams, 'cycle' | 'all'>): ObjectiveNode[] {
  let filter: ((cycle: Cycle | undefined) => boolean) | undefined;
  if (params.cycle) {
    const parsed = parseCycle(params.cycle, analysis.config.fiscalYearStartMonth);
    if (!parsed.ok) throw new Error(`Invalid cycle filter "${params.cycle}": ${parsed.message}`);
    filter = (cycle) => cycle !== undefined && cyclesOverlap(cycle, parsed.cycle);
  } else if (!params.all) {
    filter = (cycle) => cycle !== undefined && cycle.start <= analysis.today && analysis.today <= cycle.end;
  }
  return reportRoots(analysis).filter((node) => !filter || filter(analysis.settings(node).cycle));
}

/** The report below `roots`, as deep as the params allow, each objective located. */
function locatedTree({ analysis, uriOf }: TreeSource, roots: ObjectiveNode[], params: ProgressTreeParams): TreeObjective[] {
  const depth = params.depth ?? (params.maxObjectives !== undefined ? depthWithin(analysis, roots, params.maxObjectives) : Infinity);
  const report = buildReport(analysis, { roots, ...(depth !== Infinity ? { depth } : {}) });
  const diagnosticsOf = new Map<string, Diagnostic[]>();
  const documentOf = (path: string): OkrDocument => analysis.index.get(path)!;
  const diagnostics = (path: string) => {
    let list = diagnosticsOf.get(path);
    if (!list) diagnosticsOf.set(path, (list = analysis.diagnostics(documentOf(path))));
    return list;
  };
  const locate = (objective: ReportObjective): TreeObjective => {
    const document = documentOf(objective.path);
    const source = document.objectives.find((o) => o.headingRange.start.line === objective.line)!;
    const node = { document, objective: source };
    const { cycle } = analysis.settings(node);
    return {
      ...objective,
      uri: uriOf(objective.path),
      range: source.headingRange,
      diagnostics: count(diagnostics(objective.path), source.sectionRange),
      pace: analysis.progress.pace(node) ?? null,
      daysLeft: cycle ? daysLeft(cycle, analysis.today) : null,
      keyResults: objective.keyResults.map((keyResult, i) => {
        const kr = source.keyResults[i]!;
        return { ...keyResult, uri: uriOf(objective.path), range: kr.range, diagnostics: count(diagnostics(objective.path), kr.itemRange) };
      }),
      children: objective.children.map(locate),
      childCount: reportChildren(analysis, node).length,
    };
  };
  return report.objectives.map(locate);
}
