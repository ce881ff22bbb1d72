// The `okr/progressTree` request: the report of every root, each objective and key
// result located (uri, range) with its diagnostic counts.
import type { Analysis } from '../okr/analysis.ts';
import { cyclesOverlap, daysLeft, parseCycle, type Cycle } from '../okr/cycles.ts';
import type { Diagnostic } from '../okr/diagnostics.ts';
import type { OkrDocument } from '../okr/model.ts';
import { buildReport, type ReportObjective } from '../okr/report.ts';
import type { Range } from '../okr/text.ts';
import type { DiagnosticCounts, ProgressTreeParams, ProgressTreeResult, TreeObjective } from '../protocol.ts';
import { contains } from './locate.ts';

export interface TreeSource {
  analysis: Analysis;
  uriOf(path: string): string;
}

function count(diagnostics: Diagnostic[], range: Range): DiagnosticCounts {
  const counts: DiagnosticCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of diagnostics) if (contains(range, d.range.start)) counts[d.severity]++;
  return counts;
}

export function progressTree(sources: TreeSource[], params: ProgressTreeParams, today: string): ProgressTreeResult {
  const result: ProgressTreeResult = { version: 1, today, objectives: [] };
  for (const { analysis, uriOf } of sources) {
    let filter: ((cycle: Cycle | undefined) => boolean) | undefined;
    if (params.cycle) {
      const parsed = parseCycle(params.cycle, analysis.config.fiscalYearStartMonth);
      if (!parsed.ok) throw new Error(`Invalid cycle filter "${params.cycle}": ${parsed.message}`);
      filter = (cycle) => cycle !== undefined && cyclesOverlap(cycle, parsed.cycle);
      result.cycle = params.cycle;
    } else if (!params.all) {
      filter = (cycle) => cycle !== undefined && cycle.start <= analysis.today && analysis.today <= cycle.end;
    }
    const report = buildReport(analysis, {});
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
      const { cycle } = analysis.settings({ document, objective: source });
      return {
        ...objective,
        uri: uriOf(objective.path),
        range: source.headingRange,
        diagnostics: count(diagnostics(objective.path), source.sectionRange),
        pace: analysis.progress.pace({ document, objective: source }) ?? null,
        daysLeft: cycle ? daysLeft(cycle, analysis.today) : null,
        keyResults: objective.keyResults.map((keyResult, i) => {
          const kr = source.keyResults[i]!;
          return { ...keyResult, uri: uriOf(objective.path), range: kr.range, diagnostics: count(diagnostics(objective.path), kr.itemRange) };
        }),
        children: objective.children.map(locate),
      };
    };
    for (const root of report.objectives) {
      const document = documentOf(root.path);
      const source = document.objectives.find((o) => o.headingRange.start.line === root.line)!;
      if (filter && !filter(analysis.settings({ document, objective: source }).cycle)) continue;
      result.objectives.push(locate(root));
    }
  }
  return result;
}
