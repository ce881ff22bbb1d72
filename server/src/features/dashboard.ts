// The `okr/dashboard` request: the data of the progress dashboard (the same as `okr report
// --format html` draws) for the roots the progress tree shows, each objective and problem
// with the uri an editor opens.
import { buildDashboard, type Dashboard } from '../okr/dashboard.ts';
import type { DashboardParams } from '../protocol.ts';
import { depthWithin, filteredRoots, type TreeSource } from './progressTree.ts';

function checkParams(params: DashboardParams): void {
  if (params.cycle !== undefined && typeof params.cycle !== 'string') throw new Error('Invalid cycle: expected a cycle expression');
  if (params.all !== undefined && typeof params.all !== 'boolean') throw new Error('Invalid all: expected true or false');
  if (params.maxObjectives !== undefined && !(Number.isInteger(params.maxObjectives) && params.maxObjectives >= 0)) {
    throw new Error(`Invalid maxObjectives ${String(params.maxObjectives)}: expected a whole number ≥ 0`);
  }
}

export function dashboard(sources: TreeSource[], params: DashboardParams, today: string): Dashboard {
  checkParams(params);
  const result: Dashboard = {
    version: 1,
    today,
    ...(params.cycle ? { cycle: params.cycle } : params.all ? {} : { currentCycles: true }),
    objectives: [],
    problems: [],
  };
  const parts = sources.map((source) => ({ source, roots: filteredRoots(source.analysis, params) }));
  // One depth for every root folder, so that the page reads evenly.
  let depth = Infinity;
  if (params.maxObjectives !== undefined) {
    const budget = params.maxObjectives;
    const rootCount = parts.reduce((n, p) => n + p.roots.length, 0);
    for (const { source, roots } of parts) depth = Math.min(depth, depthWithin(source.analysis, roots, Math.max(0, budget - rootCount + roots.length)));
  }
  for (const { source, roots } of parts) {
    const part = buildDashboard(source.analysis, { roots, uriOf: source.uriOf, ...(depth !== Infinity ? { depth } : {}) });
    result.objectives.push(...part.objectives);
    result.problems.push(...part.problems);
  }
  if (depth !== Infinity) result.depth = depth;
  return result;
}
