// The `okr/progressTree` request: the report of every root, each objective and key
// result located (uri, range) with its diagnostic counts. Large trees come level by level
// (`depth`, `maxObjectives`, `under`), so a view of 10,000 documents asks only for what it shows.
// Beside the roots, `attention` lists what needs fixing whatever the filter (attention.ts).
import type { Analysis } from '../okr/analysis/analysis.ts';
import { cyclesOverlap, daysLeft, parseCycle, type Cycle } from '../okr/model/cycles.ts';
import type { Diagnostic } from '../okr/model/diagnostics.ts';
import type { OkrDocument } from '../okr/model/model.ts';
import { buildReport, reportChildren, reportRoots, type ReportObjective } from '../okr/report/report.ts';
import { problemsWithin } from '../okr/report/dashboard.ts';
import type { ObjectiveNode } from '../okr/workspace/workspaceIndex.ts';
import type { AttentionObjective, ProgressTreeParams, ProgressTreeResult, TreeObjective } from '../protocol.ts';
import { attentionNodes } from './attention.ts';

export interface TreeSource {
  analysis: Analysis;
  uriOf(path: string): string;
  /** A document's diagnostics, when the caller keeps them between analyses; else computed. */
  diagnosticsOf?(document: OkrDocument): Diagnostic[];
}

/** The source's diagnostics of a document. */
export function diagnosticsIn(source: TreeSource, document: OkrDocument): Diagnostic[] {
  return source.diagnosticsOf ? source.diagnosticsOf(document) : source.analysis.diagnostics(document);
}

/** The document a `params.under` names, found by the caller (it knows which root holds the file). */
export interface UnderObjective {
  source: TreeSource;
  document: OkrDocument;
}

/** Params that cannot be answered: the server replies InvalidParams with the message. */
export class ParamsError extends Error {}

/**
 * The deepest number of whole levels below the roots (of every source together) that keeps
 * the tree within `budget` objectives.
 */
export function depthWithin(sources: { analysis: Analysis; roots: ObjectiveNode[] }[], budget: number): number {
  let level = sources.map(({ analysis, roots }) => ({ analysis, nodes: roots }));
  let total = level.reduce((n, l) => n + l.nodes.length, 0);
  let depth = 0;
  for (;;) {
    let added = 0;
    const next: typeof level = [];
    for (const { analysis, nodes } of level) {
      const below: ObjectiveNode[] = [];
      for (const node of nodes) {
        below.push(...reportChildren(analysis, node));
        // Stop as soon as the level cannot fit: a view's refresh asks for this after typing.
        if (total + added + below.length > budget) return depth;
      }
      added += below.length;
      next.push({ analysis, nodes: below });
    }
    if (added === 0) return Infinity;
    total += added;
    depth++;
    level = next;
  }
}

/** A whole number ≥ 0, or absent. */
export function checkCount(name: string, value: unknown): void {
  if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) throw new ParamsError(`Invalid ${name} ${String(value)}: expected a whole number ≥ 0`);
}

function checkParams(params: ProgressTreeParams): void {
  checkCount('depth', params.depth);
  checkCount('maxObjectives', params.maxObjectives);
  if (params.under !== undefined && (typeof params.under?.uri !== 'string' || !Number.isInteger(params.under.line))) {
    throw new ParamsError('Invalid under: expected { uri, line }');
  }
  if (params.attention !== undefined && typeof params.attention !== 'boolean') throw new ParamsError(`Invalid attention ${String(params.attention)}: expected true or false`);
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
  if (params.attention !== false) Object.assign(result, attention(sources, params.maxObjectives));
  return result;
}

/** The objectives that need attention in every source, at most `max`, without the objectives aligned to them. */
function attention(sources: TreeSource[], max = Infinity): Pick<ProgressTreeResult, 'attention' | 'moreAttention'> {
  const listed: AttentionObjective[] = [];
  let more = 0;
  for (const source of sources) {
    const found = attentionNodes(source.analysis, (document) => diagnosticsIn(source, document));
    const kept = found.slice(0, Math.max(0, max - listed.length));
    more += found.length - kept.length;
    const located = locatedTree(source, kept.map(({ node }) => node), { depth: 0 });
    listed.push(...located.map((objective, i) => ({ ...objective, reasons: kept[i]!.reasons })));
  }
  return { attention: listed, ...(more > 0 ? { moreAttention: more } : {}) };
}

/** The roots a tree or dashboard shows: overlapping `params.cycle`, every one (`all`), or the cycles containing today. */
export function filteredRoots(analysis: Analysis, params: Pick<ProgressTreeParams, 'cycle' | 'all'>): ObjectiveNode[] {
  let filter: ((cycle: Cycle | undefined) => boolean) | undefined;
  if (params.cycle) {
    const parsed = parseCycle(params.cycle, analysis.config.fiscalYearStartMonth);
    if (!parsed.ok) throw new ParamsError(`Invalid cycle filter "${params.cycle}": ${parsed.message}`);
    filter = (cycle) => cycle !== undefined && cyclesOverlap(cycle, parsed.cycle);
  } else if (!params.all) {
    filter = (cycle) => cycle !== undefined && cycle.start <= analysis.today && analysis.today <= cycle.end;
  }
  return reportRoots(analysis).filter((node) => !filter || filter(analysis.settings(node).cycle));
}

/** The report below `roots`, as deep as the params allow, each objective located. */
function locatedTree(source: TreeSource, roots: ObjectiveNode[], params: ProgressTreeParams): TreeObjective[] {
  const { analysis, uriOf } = source;
  const depth = params.depth ?? (params.maxObjectives !== undefined ? depthWithin([{ analysis, roots }], params.maxObjectives) : Infinity);
  const report = buildReport(analysis, { roots, ...(depth !== Infinity ? { depth } : {}) });
  const diagnosticsOf = new Map<string, Diagnostic[]>();
  const documentOf = (path: string): OkrDocument => analysis.index.get(path)!;
  const diagnostics = (path: string) => {
    let list = diagnosticsOf.get(path);
    if (!list) diagnosticsOf.set(path, (list = diagnosticsIn(source, documentOf(path))));
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
      diagnostics: problemsWithin(diagnostics(objective.path), source.sectionRange),
      pace: analysis.progress.pace(node) ?? null,
      daysLeft: cycle ? daysLeft(cycle, analysis.today) : null,
      keyResults: objective.keyResults.map((keyResult, i) => {
        const kr = source.keyResults[i]!;
        return { ...keyResult, uri: uriOf(objective.path), range: kr.range, diagnostics: problemsWithin(diagnostics(objective.path), kr.itemRange) };
      }),
      children: objective.children.map(locate),
      childCount: reportChildren(analysis, node).length,
    };
  };
  return report.objectives.map(locate);
}
