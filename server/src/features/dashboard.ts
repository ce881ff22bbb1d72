// The `okr/dashboard` request: the data of the progress dashboard (the same as `okr report
// --format html` draws) for the roots the progress tree shows, each objective and problem
// with the uri an editor opens.
import { buildDashboard, type Dashboard } from '../okr/dashboard.ts';
import type { DashboardParams } from '../protocol.ts';
import { filteredRoots, type TreeSource } from './progressTree.ts';

function checkParams(params: DashboardParams): void {
  if (params.cycle !== undefined && typeof params.cycle !== 'string') throw new Error('Invalid cycle: expected a cycle expression');
  if (params.all !== undefined && typeof params.all !== 'boolean') throw new Error('Invalid all: expected true or false');
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
  for (const source of sources) {
    const roots = filteredRoots(source.analysis, params);
    const part = buildDashboard(source.analysis, { roots, uriOf: source.uriOf });
    result.objectives.push(...part.objectives);
    result.problems.push(...part.problems);
  }
  return result;
}
