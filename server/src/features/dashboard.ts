// The `okr/dashboard` request: the data of the progress dashboard (the same as `okr report
// --format html` draws) for the roots the progress tree shows, each objective and problem
// with the uri an editor opens.
import { buildDashboard, bySeverity, problemCounts, type Dashboard, type DashboardProblem } from '../okr/report/dashboard.ts';
import type { DashboardParams } from '../protocol.ts';
import { checkCount, depthWithin, filteredRoots, ParamsError, type TreeSource } from './progressTree.ts';

export interface DashboardSource extends TreeSource {
  /** How a document's path is shown (relative to its workspace folder, say). */
  displayPath(path: string): string;
  /** The problems of the root's okr.config.json, listed first. */
  configProblems: DashboardProblem[];
}

function checkParams(params: DashboardParams): void {
  if (params.cycle !== undefined && typeof params.cycle !== 'string') throw new ParamsError('Invalid cycle: expected a cycle expression');
  if (params.all !== undefined && typeof params.all !== 'boolean') throw new ParamsError('Invalid all: expected true or false');
  checkCount('maxObjectives', params.maxObjectives);
  checkCount('maxProblems', params.maxProblems);
}

export function dashboard(sources: DashboardSource[], params: DashboardParams, today: string): Dashboard {
  checkParams(params);
  const result: Dashboard = {
    version: 1,
    today,
    ...(params.cycle ? { cycle: params.cycle } : params.all ? {} : { currentCycles: true }),
    objectives: [],
    problems: [],
  };
  const parts = sources.map((source) => ({ source, analysis: source.analysis, roots: filteredRoots(source.analysis, params) }));
  // One depth for every root, within one budget, so that the page reads evenly.
  const depth = params.maxObjectives === undefined ? Infinity : depthWithin(parts, params.maxObjectives);
  for (const { source, roots } of parts) {
    const part = buildDashboard(source.analysis, {
      roots,
      uriOf: source.uriOf,
      displayPath: source.displayPath,
      ...(source.diagnosticsOf ? { diagnosticsOf: source.diagnosticsOf } : {}),
      otherProblems: source.configProblems,
      ...(depth !== Infinity ? { depth } : {}),
    });
    result.objectives.push(...part.objectives);
    result.problems.push(...part.problems);
  }
  if (depth !== Infinity) result.depth = depth;
  // Errors of every root before the infos of any, so that a cut keeps the most severe.
  result.problems = bySeverity(result.problems);
  if (params.maxProblems !== undefined && result.problems.length > params.maxProblems) {
    result.moreProblems = problemCounts(result.problems.splice(params.maxProblems));
  }
  return result;
}
