// The progress dashboard's data (issue 8): the report of `okr report --format json`, each
// objective and key result with its pace and problem counts, and the problems of the
// documents shown. Plain data, so that the CLI writes it as HTML and the server sends it
// to the editor's dashboard.
import type { Analysis } from '../analysis/analysis.ts';
import type { Diagnostic, Severity } from '../model/diagnostics.ts';
import type { OkrDocument } from '../model/model.ts';
import { buildReport, reportChildren, reportRoots, type Report, type ReportKeyResult, type ReportObjective, type ReportOptions } from './report.ts';
import { contains, type Range } from '../model/text.ts';
import type { ObjectiveNode } from '../workspace/workspaceIndex.ts';

export type SeverityCounts = Record<Severity, number>;

export interface DashboardKeyResult extends Omit<ReportKeyResult, 'cancelled'> {
  /** Its `[owner:: …]` field, when it has one. */
  owner: string | null;
  /** `[-]` (or cancelled in an outline): left out of every roll-up (SPEC §3). */
  cancelled: boolean;
  problems: SeverityCounts;
}

export interface DashboardObjective extends Omit<ReportObjective, 'keyResults' | 'children'> {
  /** Expected progress today and whether it is more than 20 points behind (SPEC §3); null when unmeasured. */
  pace: { expected: number; behind: boolean } | null;
  /** Problems inside the objective's section. */
  problems: SeverityCounts;
  /** Where an editor opens it (set by the language server; absent in the CLI). */
  uri?: string;
  keyResults: DashboardKeyResult[];
  children: DashboardObjective[];
  /** Objectives aligned to it that are left out (below the depth shown). */
  hiddenChildren?: number;
}

export interface DashboardProblem {
  path: string;
  /** 0-based, like the report's lines. */
  line: number;
  character: number;
  severity: Severity;
  code: string;
  message: string;
  uri?: string;
}

export interface Dashboard extends Omit<Report, 'objectives'> {
  /** The cycle filter, as written; absent when every cycle is shown. */
  cycle?: string;
  /** Set when the roots are the cycles containing today (the editor's default). */
  currentCycles?: boolean;
  objectives: DashboardObjective[];
  /** Errors first, then warnings, info and hints (see `bySeverity`). */
  problems: DashboardProblem[];
  /** Set when a large tree is cut: the levels of aligned objectives shown below the roots. */
  depth?: number;
  /** Problems left out of `problems` (beyond the request's `maxProblems`), by severity. */
  moreProblems?: SeverityCounts;
}

/** The severities, most severe first: the order problems are listed in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/**
 * Problems as the Problems view of VS Code lists them: errors first, then warnings, info
 * and hints, so that the one error is never lost among infos. Stable: within a severity
 * they keep the order given (the config's first, then documents by path, each by line).
 */
export function bySeverity<T extends { severity: Severity }>(problems: T[]): T[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => SEVERITIES.indexOf(a.problem.severity) - SEVERITIES.indexOf(b.problem.severity) || a.order - b.order)
    .map(({ problem }) => problem);
}

export function emptyCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

/** The diagnostics that start inside `range`, by severity. */
export function problemsWithin(diagnostics: Diagnostic[], range: Range): SeverityCounts {
  const counts = emptyCounts();
  for (const d of diagnostics) if (contains(range, d.range.start)) counts[d.severity]++;
  return counts;
}

export interface DashboardOptions extends ReportOptions {
  /** Problems outside the documents (an invalid okr.config.json), listed first. */
  otherProblems?: DashboardProblem[];
  /** The editor's link to a document (by its workspace path). */
  uriOf?: (path: string) => string;
  /** A document's diagnostics, when the caller keeps them between analyses; else computed. */
  diagnosticsOf?: (document: OkrDocument) => Diagnostic[];
}

/** The documents of `roots` and of every objective aligned below them, however deep. */
function documentsBelow(analysis: Analysis, roots: ObjectiveNode[], included: (node: ObjectiveNode) => boolean): Set<string> {
  const documents = new Set<string>();
  const seen = new Set<ObjectiveNode['objective']>();
  const queue = [...roots];
  for (let node = queue.pop(); node; node = queue.pop()) {
    if (seen.has(node.objective)) continue;
    seen.add(node.objective);
    documents.add(node.document.path);
    // Order does not matter here: the aligned children as the graph holds them, unsorted.
    for (const child of analysis.allChildren(node.objective)) if (included(child.node)) queue.push(child.node);
  }
  return documents;
}

/** The dashboard of `analysis`: its report (as `buildReport` with the same options), decorated. */
export function buildDashboard(analysis: Analysis, options: DashboardOptions = {}): Dashboard {
  const { displayPath, uriOf, otherProblems, diagnosticsOf: given, ...reportOptions } = options;
  const roots = options.roots ?? reportRoots(analysis, options);
  const report = buildReport(analysis, { ...reportOptions, roots });
  // Each path shown once (a sort would otherwise ask for it n log n times).
  const shownPaths = new Map<string, string>();
  const shown = (path: string) => {
    if (!displayPath) return path;
    let text = shownPaths.get(path);
    if (text === undefined) shownPaths.set(path, (text = displayPath(path)));
    return text;
  };
  const diagnosticsOf = new Map<OkrDocument, Diagnostic[]>();
  const diagnostics = (document: OkrDocument) => {
    let list = diagnosticsOf.get(document);
    if (!list) diagnosticsOf.set(document, (list = given ? given(document) : analysis.diagnostics(document)));
    return list;
  };
  // A report objective is shared by every parent it aligns to: decorate it once.
  const decorated = new Map<ReportObjective, DashboardObjective>();
  const decorate = (objective: ReportObjective): DashboardObjective => {
    const done = decorated.get(objective);
    if (done) return done;
    const document = analysis.index.get(objective.path)!;
    const source = document.objectives.find((o) => o.headingRange.start.line === objective.line)!;
    const node = { document, objective: source };
    const result: DashboardObjective = {
      ...objective,
      path: shown(objective.path),
      ...(uriOf ? { uri: uriOf(objective.path) } : {}),
      pace: analysis.progress.pace(node) ?? null,
      problems: problemsWithin(diagnostics(document), source.sectionRange),
      keyResults: objective.keyResults.map((keyResult, i) => {
        const sourceKeyResult = source.keyResults[i]!;
        const owner = sourceKeyResult.fields.find((f) => f.key === 'owner')?.value.trim();
        return {
          ...keyResult,
          owner: owner || null,
          cancelled: keyResult.cancelled === true,
          problems: problemsWithin(diagnostics(document), sourceKeyResult.itemRange),
        };
      }),
      children: [],
    };
    decorated.set(objective, result);
    result.children = objective.children.map(decorate);
    if (options.depth !== undefined && result.children.length === 0) {
      const hidden = reportChildren(analysis, node).length;
      if (hidden > 0) result.hiddenChildren = hidden;
    }
    return result;
  };
  const objectives = report.objectives.map(decorate);

  // The problems of the documents the tree covers (shown or cut below the depth shown), and
  // of documents without objectives, which no tree shows.
  const included = (node: ObjectiveNode) => !options.paths || options.paths.has(node.document.path);
  const covered = documentsBelow(analysis, roots, included);
  const problems: DashboardProblem[] = [...(otherProblems ?? [])];
  const documents = analysis.index
    .documents()
    .filter((d) => (!options.paths || options.paths.has(d.path)) && (covered.has(d.path) || d.objectives.length === 0));
  for (const document of documents.sort((a, b) => compareText(shown(a.path), shown(b.path)))) {
    for (const d of diagnostics(document)) {
      problems.push({
        path: shown(document.path),
        line: d.range.start.line,
        character: d.range.start.character,
        severity: d.severity,
        code: d.code,
        message: d.message,
        ...(uriOf ? { uri: uriOf(document.path) } : {}),
      });
    }
  }
  return {
    version: 1,
    today: report.today,
    ...(options.cycle ? { cycle: options.cycle.label } : {}),
    ...(options.depth !== undefined ? { depth: options.depth } : {}),
    objectives,
    problems: bySeverity(problems),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The objectives as the tree shows them, depth first: one aligned to two parents appears
 * under both. The dashboard numbers them in this order, and the editor finds the one a
 * click names by its number.
 */
export function shownObjectives(objectives: DashboardObjective[]): DashboardObjective[] {
  const shown: DashboardObjective[] = [];
  const visit = (objective: DashboardObjective) => {
    shown.push(objective);
    objective.children.forEach(visit);
  };
  objectives.forEach(visit);
  return shown;
}

/** Problems by severity. */
export function problemCounts(problems: DashboardProblem[]): SeverityCounts {
  const counts = emptyCounts();
  for (const problem of problems) counts[problem.severity]++;
  return counts;
}

/** The headline number: the mean progress of the measured, active strategic roots. */
export function overallProgress(objectives: Pick<ReportObjective, 'level' | 'status' | 'progress'>[]): { progress: number | null; measured: number } {
  const measured = objectives.filter((o) => o.level === 'strategic' && o.status === 'active' && o.progress !== null);
  if (measured.length === 0) return { progress: null, measured: 0 };
  return { progress: measured.reduce((sum, o) => sum + o.progress!, 0) / measured.length, measured: measured.length };
}
