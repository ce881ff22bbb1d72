// `okr history` in `npm run bench` (issue 17): a git repository of OKR history
// (bench/generateHistory.mjs: the 1,000-document bench workspace and 500 check-in commits
// over a year), cold `okr history` against cold `okr check` of the same tree.
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import type { Measure } from './run.ts';

export interface HistoryResult {
  files: number;
  commits: number;
  check: Measure;
  history: Measure;
  /** Points in the JSON answer (objectives' and key results'). */
  points: number;
}

type MeasureCommand = (args: string[], runs: number, env?: Record<string, string>) => Promise<Measure>;

export async function runHistoryBench(o: { files: number; commits: number; runs: number; out: string; repo: string; today: string; measure: MeasureCommand; log?: (line: string) => void }): Promise<HistoryResult> {
  const log = o.log ?? (() => {});
  const dir = join(o.out, 'history');
  log(`generating a history of ${o.commits} commits over ${o.files} files into ${relative(o.repo, dir) || dir} …`);
  const generated = JSON.parse(execFileSync(process.execPath, [join(o.repo, 'bench/generateHistory.mjs'), dir, String(o.files), String(o.commits)], { encoding: 'utf8' })) as { files: number; commits: number };
  const cli = join(o.repo, 'dist/cli.cjs');
  log('  okr check …');
  const check = await o.measure([cli, 'check', dir, '--today', o.today, '--format', 'json'], o.runs);
  log('  okr history …');
  const history = await o.measure([cli, 'history', dir, '--today', o.today, '--format', 'json'], o.runs);
  const answer = JSON.parse(execFileSync(process.execPath, [cli, 'history', dir, '--today', o.today, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 30 })) as {
    objectives: { points: unknown[]; keyResults: { points: unknown[] }[] }[];
  };
  const points = answer.objectives.reduce((sum, objective) => sum + objective.points.length + objective.keyResults.reduce((n, keyResult) => n + keyResult.points.length, 0), 0);
  return { files: generated.files, commits: generated.commits, check, history, points };
}

export function historyTable(result: HistoryResult): string {
  const s = (m: Measure) => `${m.seconds.toFixed(2)} s`;
  const ratio = result.history.seconds / result.check.seconds;
  return [
    `| measure (${result.files} files, ${result.commits} commits, ${result.points.toLocaleString('en-US')} points) | wall / peak RSS | target | met |`,
    '|---|---:|---|---|',
    `| \`okr check\`, cold | ${s(result.check)} / ${result.check.rssMb.toFixed(0)} MB | | |`,
    `| \`okr history --format json\`, cold | ${s(result.history)} / ${result.history.rssMb.toFixed(0)} MB (${ratio.toFixed(2)} × the check) | ≤ 3 × the check | ${ratio <= 3 ? 'yes' : '**no**'} |`,
  ].join('\n');
}

export function historySection(result: HistoryResult): string {
  return `
## History (issue 17)

\`node bench/generateHistory.mjs bench/out/history ${result.files - 1} ${result.commits}\` (seed 1): the bench workspace of
${result.files - 1} documents (and its config) committed once, then ${result.commits} check-in commits up to 2026-11-24, each
moving 1–4 key results' values (one in eight also writing a confidence, one in fifty renaming a
document). Median of ${result.history.runs} runs, as above.

${historyTable(result)}
`;
}
