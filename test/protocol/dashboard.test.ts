// okr/dashboard (issue 8): the dashboard's data for an editor, for the same roots as the
// progress tree, each objective and problem with the uri to open; the same numbers as
// `okr report --format json` and `okr check --format json` on the same folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import type { Dashboard, DashboardObjective } from '../../server/src/okr/report/dashboard.ts';
import type { DashboardParams, ProgressTreeResult, TreeObjective } from '../../server/src/protocol.ts';
import { LspClient, removeFolder, SERVER } from './lspClient.ts';
import { renderDashboardHtml } from '../../server/src/dashboard/html.ts';

const CLI = join(import.meta.dirname, '../../dist/cli.cjs');

function flatten<T extends { children: T[] }>(objectives: T[]): T[] {
  return objectives.flatMap((o) => [o, ...flatten(o.children)]);
}

describe('language server: okr/dashboard', function () {
  // The hook and several tests start servers or the CLI (processes): a generous timeout, a
  // guard against a hang.
  this.timeout(300_000);
  let dir: string;
  let client: LspClient;
  const request = (params: DashboardParams) => client.connection.sendRequest<Dashboard>('okr/dashboard', params);

  before(async () => {
    assert.ok(existsSync(SERVER), 'run npm run build first');
    dir = mkdtempSync(join(tmpdir(), 'okr-dashboard-'));
    cpSync(join(import.meta.dirname, '../../examples'), dir, { recursive: true });
    client = await LspClient.start({ folders: [dir] });
    await client.waitForIndexed(1, 30_000);
  });
  after(async () => {
    await client.stop();
    removeFolder(dir);
  });

  it('shows the roots the progress tree shows, with pace, problems and uris', async () => {
    for (const params of [{}, { all: true }, { cycle: '2026-10' }] satisfies DashboardParams[]) {
      const [dashboard, tree] = await Promise.all([request(params), client.connection.sendRequest<ProgressTreeResult>('okr/progressTree', params)]);
      assert.equal(dashboard.today, '2026-11-25');
      const key = (o: DashboardObjective | TreeObjective) => [o.uri, o.line, o.title, o.progress, o.pace?.behind ?? null].join('|');
      assert.deepEqual(flatten(dashboard.objectives).map(key), flatten(tree.objectives).map(key), JSON.stringify(params));
      for (const o of flatten(dashboard.objectives)) {
        assert.match(o.uri!, /^file:\/\//);
        const located = flatten(tree.objectives).find((t) => t.uri === o.uri && t.line === o.line)!;
        assert.deepEqual(o.problems, located.diagnostics);
      }
    }
    assert.equal((await request({})).currentCycles, true);
    assert.equal((await request({ cycle: '2026-10' })).cycle, '2026-10');
    assert.equal((await request({ all: true })).currentCycles, undefined);
  });

  it('lists every problem of the workspace, as okr check does', async () => {
    const dashboard = await request({ all: true });
    const check = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--today', '2026-11-25'], { cwd: dir, encoding: 'utf8' }).stdout) as {
      files: { path: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[];
    };
    const expected = check.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.range.start.line}:${d.code}`)).sort();
    assert.deepEqual(dashboard.problems.map((p) => `${p.path}:${p.line}:${p.code}`).sort(), expected);
    assert.ok(expected.length > 0);
    for (const problem of dashboard.problems) assert.ok(problem.uri?.endsWith(problem.path), problem.uri);
  });

  it('answers a bad cycle or bad params with InvalidParams, and the server stays up', async () => {
    for (const params of [{ cycle: '2026-13' }, { cycle: 42 }, { all: 'yes' }] as unknown as DashboardParams[]) {
      await assert.rejects(request(params), (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams);
    }
    assert.ok((await request({})).objectives.length > 0);
  });

  it('follows edits: an open document\'s unsaved title is shown', async () => {
    const path = join(dir, 'company/company-2026-q4.md');
    const text = readFileSync(path, 'utf8');
    client.open(path, text.replace('Grow recurring revenue {#revenue}', 'Grow recurring revenue faster {#revenue}'));
    let titles: string[] = [];
    for (let tries = 0; tries < 50 && !titles.includes('Grow recurring revenue faster'); tries++) {
      titles = flatten((await request({ all: true })).objectives).map((o) => o.title);
      if (!titles.includes('Grow recurring revenue faster')) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(titles.includes('Grow recurring revenue faster'), titles.join(', '));
    assert.ok(!titles.includes('Grow recurring revenue'));
  });

  it('maxObjectives cuts a large tree to whole levels, and says what is left out', async () => {
    const generated = mkdtempSync(join(tmpdir(), 'okr-dashboard-large-'));
    spawnSync(process.execPath, ['bench/generate.mjs', generated, '200'], { stdio: 'ignore' });
    const large = await LspClient.start({ folders: [generated] });
    try {
      await large.waitForIndexed(1, 30_000);
      const ask = (params: DashboardParams) => large.connection.sendRequest<Dashboard>('okr/dashboard', params);
      const full = await ask({ all: true });
      const total = flatten(full.objectives).length;
      assert.equal(full.depth, undefined);
      assert.deepEqual(await ask({ all: true, maxObjectives: total }), full);
      const cut = await ask({ all: true, maxObjectives: Math.floor(total / 3) });
      assert.ok(cut.depth !== undefined && cut.depth >= 0, `depth ${cut.depth}`);
      assert.ok(flatten(cut.objectives).length <= Math.max(Math.floor(total / 3), cut.objectives.length));
      const hidden = flatten(cut.objectives).reduce((n, o) => n + (o.hiddenChildren ?? 0), 0);
      assert.ok(hidden > 0, 'some objectives say how many are left out');
      // What is left out is exactly what the full tree has below the cut.
      const below = (objectives: DashboardObjective[], depth: number): number =>
        depth === 0 ? objectives.reduce((n, o) => n + o.children.length, 0) : objectives.reduce((n, o) => n + below(o.children, depth - 1), 0);
      assert.equal(hidden, below(full.objectives, cut.depth!));
      assert.equal(JSON.stringify(cut.problems), JSON.stringify(full.problems));
      await assert.rejects(ask({ maxObjectives: -1 }), (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams);
    } finally {
      await large.stop();
      removeFolder(generated);
    }
  });

  it('nested roots (one okr.config.json each): every objective once, paths from the workspace folder, config problems listed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'okr-dashboard-roots-'));
    const okrs = (team: string) =>
      ['---', 'okr: strategic', 'cycle: 2026-Q4', '---', `## Objective: Win ${team} {#win}`, '', '- KR: a  [progress:: 50]', '',
        '## Objective: Do ' + team, '', 'level:: operational', 'cycle:: 2026-11', 'aligns:: [[win]]', '', '- KR: b  [progress:: 20]', ''].join('\n');
    for (const team of ['a', 'b']) {
      mkdirSync(join(folder, 'teams', team), { recursive: true });
      writeFileSync(join(folder, 'teams', team, 'okrs.md'), okrs(team));
    }
    writeFileSync(join(folder, 'teams', 'a', 'okr.config.json'), '{}\n');
    writeFileSync(join(folder, 'teams', 'b', 'okr.config.json'), '{ "fiscalYearStartMonth": 13 }\n');
    const nested = await LspClient.start({ folders: [folder] });
    try {
      await nested.waitForIndexed(1, 30_000);
      const answer = await nested.connection.sendRequest<Dashboard>('okr/dashboard', { all: true });
      const shown = flatten(answer.objectives);
      assert.deepEqual(shown.map((o) => `${o.path}:${o.line} ${o.title}`).sort(), [
        'teams/a/okrs.md:4 Win a', 'teams/a/okrs.md:8 Do a', 'teams/b/okrs.md:4 Win b', 'teams/b/okrs.md:8 Do b',
      ]);
      assert.equal(new Set(shown.map((o) => o.uri)).size, 2);
      assert.deepEqual(answer.problems.filter((p) => p.code === 'config-invalid').map((p) => p.path), ['teams/b/okr.config.json']);
      const page = renderDashboardHtml(answer, { interactive: true });
      assert.ok(page.includes('<dt>Objectives</dt><dd>4</dd>'));
      assert.equal(page.split('<rect class="timeline-bar').length - 1, 2);
      const cut = await nested.connection.sendRequest<Dashboard>('okr/dashboard', { all: true, maxProblems: 0 });
      assert.deepEqual(cut.problems, []);
      const total = answer.problems.length;
      assert.equal(Object.values(cut.moreProblems!).reduce((n, c) => n + c, 0), total);
    } finally {
      await nested.stop();
      removeFolder(folder);
    }
  });

  it('a failing dashboard is an internal error, logged, and the server stays up', async () => {
    const faulty = await LspClient.start({ folders: [dir], env: { OKR_FAULT_INJECTION: 'dashboard' } });
    try {
      await faulty.waitForIndexed(1, 30_000);
      await assert.rejects(
        faulty.connection.sendRequest('okr/dashboard', {}),
        (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InternalError && /dashboard failed/.test(error.message),
      );
      const tree = await faulty.connection.sendRequest<ProgressTreeResult>('okr/progressTree', {});
      assert.ok(tree.objectives.length > 0);
    } finally {
      await faulty.stop();
    }
  });
});
