// `okr history` (issue 17) on small real repositories made with git: one point per commit that
// changed a value, authors and dates, renames, merges, amended commits, uncommitted edits,
// shallow clones, no git at all, and hostile names kept inert in every format.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/main.ts';
import type { HistoryReport } from '../../server/src/okr/history/historyReport.ts';
import { writeFile } from './cliProcess.ts';

const STRATEGY = (nps: number, churn: number, extra = '') => `---
okr: strategic
cycle: 2026-Q4
---
## Objective: Enhance customer satisfaction {#csat}

- KR: Raise NPS  [start:: 30]  [target:: 50]  [current:: ${nps}] ^nps${extra}
  - Measured by the quarterly survey.
  - Owner: the support team.
- KR: Cut churn  [start:: 4]  [target:: 2]  [current:: ${churn}]
`;

interface Repo {
  dir: string;
  git(...args: string[]): string;
  commit(message: string, date: string, author?: string): string;
}

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repository(): Repo {
  const dir = mkdtempSync(join(tmpdir(), 'okr-history-'));
  made.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'okr@example.com');
  git('config', 'user.name', 'Nobody');
  const commit = (message: string, date: string, author = 'Alice') => {
    git('add', '-A');
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: author, GIT_AUTHOR_DATE: `${date}T10:00:00+00:00`, GIT_COMMITTER_DATE: `${date}T10:00:00+00:00` },
    });
    return git('rev-parse', 'HEAD');
  };
  return { dir, git, commit };
}

async function okr(cwd: string, args: string[], env: Record<string, string | undefined> = process.env) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd, env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

async function historyJson(cwd: string, today = '2026-11-20', env?: Record<string, string | undefined>): Promise<HistoryReport> {
  const run = await okr(cwd, ['history', '--format', 'json', '--today', today], env);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as HistoryReport;
}

const progressOf = (points: { progress: number | null }[]) => points.map((point) => (point.progress === null ? null : Math.round(point.progress * 100)));

describe('okr history: progress over time from git', () => {
  it('gives one point per commit that changed a value, with its date, author and commit', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    const first = repo.commit('start', '2026-10-05');
    writeFile(repo.dir, 'company.md', STRATEGY(40, 4));
    const second = repo.commit('nps up', '2026-10-12', 'Bob');
    writeFile(repo.dir, 'notes.md', '# Notes\n');
    repo.commit('unrelated', '2026-10-13');
    writeFile(repo.dir, 'company.md', STRATEGY(40, 3));
    const third = repo.commit('churn down', '2026-10-19', 'Carol');
    const report = await historyJson(repo.dir);
    const [objective] = report.objectives;
    assert.equal(objective!.id, 'csat');
    assert.deepEqual(
      objective!.points.map((p) => [p.date, p.commit, p.author]),
      [
        ['2026-10-05', first, 'Alice'],
        ['2026-10-12', second, 'Bob'],
        ['2026-10-19', third, 'Carol'],
      ],
    );
    const [nps, churn] = objective!.keyResults;
    assert.deepEqual(progressOf(nps!.points), [0, 50], 'the churn commit adds no point to NPS');
    assert.deepEqual(nps!.points.map((p) => p.author), ['Alice', 'Bob']);
    assert.deepEqual(progressOf(churn!.points), [0, 50]);
    assert.deepEqual(churn!.points.map((p) => p.date), ['2026-10-05', '2026-10-19']);
    assert.equal(objective!.change, 0.5);
  });

  it('counts edits not yet committed as a point for today, with no commit or author', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-05');
    writeFile(repo.dir, 'company.md', STRATEGY(35, 4));
    const report = await historyJson(repo.dir, '2026-11-20');
    const nps = report.objectives[0]!.keyResults[0]!;
    assert.deepEqual(nps.points.at(-1), { date: '2026-11-20', commit: null, author: null, progress: 0.25, confidence: null });
  });

  it('keeps the history of a renamed file, for key results with and without ids', async () => {
    const repo = repository();
    writeFile(repo.dir, 'okrs.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-05');
    writeFile(repo.dir, 'okrs.md', STRATEGY(40, 3));
    repo.commit('progress', '2026-10-12');
    repo.git('mv', 'okrs.md', 'company-2026-q4.md');
    repo.commit('rename', '2026-10-13');
    const report = await historyJson(repo.dir);
    const objective = report.objectives[0]!;
    assert.equal(objective.path, 'company-2026-q4.md');
    assert.deepEqual(progressOf(objective.keyResults[0]!.points), [0, 50]);
    assert.deepEqual(progressOf(objective.keyResults[1]!.points), [0, 50], 'the id-less key result follows the file');
  });

  it('shows the changes of both sides of a merge once each, and only the amended commit', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-05');
    repo.git('checkout', '-q', '-b', 'side');
    writeFile(repo.dir, 'company.md', STRATEGY(30, 3));
    const side = repo.commit('churn on a branch', '2026-10-08', 'Bob');
    repo.git('checkout', '-q', 'main');
    writeFile(repo.dir, 'company.md', STRATEGY(40, 4));
    repo.commit('nps, to be amended', '2026-10-09', 'Carol');
    writeFile(repo.dir, 'company.md', STRATEGY(45, 4));
    repo.git('add', '-A');
    repo.git('commit', '-q', '--amend', '-m', 'nps, amended');
    const amended = repo.git('rev-parse', 'HEAD');
    repo.git('merge', '-q', '--no-edit', 'side');
    assert.equal(repo.git('status', '--porcelain'), '');
    const report = await historyJson(repo.dir);
    const [nps, churn] = report.objectives[0]!.keyResults;
    assert.deepEqual(progressOf(nps!.points), [0, 75], 'the amended value, once');
    assert.equal(nps!.points[1]!.commit, amended);
    assert.deepEqual(progressOf(churn!.points), [0, 50], "the branch's change once: not undone by main's older text, not again at the merge");
    assert.deepEqual([churn!.points[1]!.commit, churn!.points[1]!.author], [side, 'Bob']);
    assert.equal(new Set(churn!.points.map((p) => p.commit)).size, churn!.points.length);
    assert.ok(![...nps!.points, ...churn!.points].some((p) => p.commit === null), 'the merge is committed: nothing is left as an edit');
  });

  it('reads confidence as a number, a percentage or a word, with its own history', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4, '  [confidence:: 0.7]'));
    repo.commit('start', '2026-10-05');
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4, '  [confidence:: low]'));
    repo.commit('worried', '2026-10-12');
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4, '  [confidence:: 80%]'));
    repo.commit('better', '2026-10-19');
    const nps = (await historyJson(repo.dir)).objectives[0]!.keyResults[0]!;
    assert.deepEqual(
      nps.points.map((p) => p.confidence),
      [0.7, 0.3, 0.8],
    );
  });

  it('says why there is no history: not a repository, no commits, a shallow clone, no git', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'okr-history-plain-'));
    made.push(plain);
    writeFile(plain, 'company.md', STRATEGY(30, 4));
    const notRepo = await okr(plain, ['history', '--format', 'json', '--today', '2026-11-20'], { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() });
    assert.equal(notRepo.status, 0);
    assert.match(JSON.parse(notRepo.stdout).unavailable, /not in a git repository/);
    assert.match(notRepo.stderr, /no history: .*not in a git repository/);

    const noGit = await okr(plain, ['history', '--today', '2026-11-20'], { ...process.env, PATH: '/nonexistent' });
    assert.equal(noGit.status, 0);
    assert.match(noGit.stdout, /No history: git is not installed/);

    const empty = repository();
    writeFile(empty.dir, 'company.md', STRATEGY(30, 4));
    const fresh = await historyJson(empty.dir);
    assert.equal(fresh.unavailable, null);
    assert.deepEqual(fresh.objectives[0]!.points.map((p) => p.commit), [null], "no commits yet: today's text is the one point");

    const origin = repository();
    for (const [i, nps] of [30, 35, 40].entries()) {
      writeFile(origin.dir, 'company.md', STRATEGY(nps, 4));
      origin.commit(`c${i}`, `2026-10-0${i + 1}`);
    }
    const shallow = mkdtempSync(join(tmpdir(), 'okr-history-shallow-'));
    made.push(shallow);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, shallow]);
    const report = await historyJson(shallow);
    assert.match(report.unavailable!, /shallow clone.*fetch-depth: 0/);
    assert.deepEqual(report.objectives, []);
  });

  it('keeps hostile author names and titles inert in text, CSV and markdown', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-05', '=HYPERLINK("http://evil")');
    writeFile(repo.dir, 'company.md', STRATEGY(40, 4));
    repo.commit('up', '2026-10-12', '<img src=x onerror=alert(1)> [x](javascript:alert(1)) \u001b[31mred');
    const text = await okr(repo.dir, ['history', '--today', '2026-11-20']);
    assert.ok(!text.stdout.includes('\u001b'), 'no escape sequence reaches a terminal');
    const csv = await okr(repo.dir, ['history', '--format', 'csv', '--today', '2026-11-20']);
    assert.ok(!/(^|,)=HYPERLINK/m.test(csv.stdout), 'no cell starts a formula');
    assert.match(csv.stdout, /'=HYPERLINK/);
    const markdown = await okr(repo.dir, ['history', '--format', 'markdown', '--today', '2026-11-20']);
    assert.ok(!markdown.stdout.includes('<img'), 'no HTML');
    assert.ok(!markdown.stdout.includes('](javascript'), 'no link');
    assert.match(markdown.stdout, /```mermaid\nxychart-beta\n/);
  });

  it('reads the history of a folder named from outside its repository, and only its documents', async () => {
    const repo = repository();
    writeFile(repo.dir, 'okrs/company.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-05');
    writeFile(repo.dir, 'okrs/company.md', STRATEGY(40, 4));
    const up = repo.commit('up', '2026-10-12');
    const elsewhere = mkdtempSync(join(tmpdir(), 'okr-history-elsewhere-'));
    made.push(elsewhere);
    writeFile(elsewhere, 'other.md', STRATEGY(10, 4).replace('{#csat}', '{#other}'));
    const run = await okr(elsewhere, ['history', join(repo.dir, 'okrs'), '--format', 'json', '--today', '2026-11-20'], { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as HistoryReport;
    assert.deepEqual(report.objectives.map((o) => o.id), ['csat']);
    assert.deepEqual(report.objectives[0]!.keyResults[0]!.points.map((p) => p.commit), [report.objectives[0]!.points[0]!.commit, up]);
  });

  it('takes --since and --cycle, and rejects what it cannot read', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-05');
    writeFile(repo.dir, 'company.md', STRATEGY(40, 4));
    repo.commit('up', '2026-10-12');
    writeFile(repo.dir, 'company.md', STRATEGY(45, 4));
    repo.commit('up again', '2026-10-19');
    const since = JSON.parse((await okr(repo.dir, ['history', '--format', 'json', '--since', '2026-10-10', '--today', '2026-11-20'])).stdout) as HistoryReport;
    const nps = since.objectives[0]!.keyResults[0]!;
    assert.deepEqual(progressOf(nps.points), [50, 75]);
    assert.equal(nps.change, 0.75, 'the change counts from the value before the period');
    const otherCycle = JSON.parse((await okr(repo.dir, ['history', '--format', 'json', '--cycle', '2027-Q1', '--today', '2026-11-20'])).stdout) as HistoryReport;
    assert.deepEqual(otherCycle.objectives, []);
    assert.equal((await okr(repo.dir, ['history', '--since', 'yesterday'])).status, 2);
    assert.equal((await okr(repo.dir, ['history', '--format', 'xml'])).status, 2);
  });
});

describe('okr history: what review found', () => {
  it('a document renamed to a name that does not count is gone, and one renamed from such a name is new', async () => {
    const repo = repository();
    writeFile(repo.dir, 'okr.config.json', '{ "exclude": ["drafts/**"] }');
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    writeFile(repo.dir, 'drafts/other.md', STRATEGY(50, 4).replace('{#csat}', '{#other}'));
    repo.commit('start', '2026-10-05');
    repo.git('mv', 'company.md', 'company.txt');
    repo.git('mv', 'drafts/other.md', 'other.md');
    const moved = repo.commit('move', '2026-10-08');
    const report = await historyJson(repo.dir);
    assert.deepEqual(report.objectives.map((o) => o.id), ['other'], 'company.txt is not a document');
    assert.deepEqual(report.objectives[0]!.points.map((p) => [p.commit, p.progress]), [[moved, 0.5]], 'new when it came out of drafts/');
    assert.ok(!JSON.stringify(report).includes('"commit": null'), 'a clean tree has no edits');
  });

  it('keeps the first commit with log.showRoot off, and reads confidence words only', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4, '  [confidence:: constructor]'));
    const first = repo.commit('start', '2026-10-05');
    repo.git('config', 'log.showRoot', 'false');
    const report = await historyJson(repo.dir);
    const nps = report.objectives[0]!.keyResults[0]!;
    assert.deepEqual(nps.points.map((p) => [p.commit, p.confidence]), [[first, null]]);
  });

  it("ends at HEAD after a merge that kept main's text, with its days in order", async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    repo.commit('start', '2026-10-01');
    repo.git('checkout', '-q', '-b', 'side');
    writeFile(repo.dir, 'company.md', STRATEGY(48, 4));
    repo.commit('side', '2026-10-05', 'Bob');
    repo.git('checkout', '-q', 'main');
    writeFile(repo.dir, 'company.md', STRATEGY(40, 4));
    repo.commit('main', '2026-10-03');
    execFileSync('git', ['merge', '-q', '-s', 'ours', '--no-edit', 'side'], { cwd: repo.dir, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-10-06T10:00:00Z', GIT_COMMITTER_DATE: '2026-10-06T10:00:00Z' } });
    const nps = (await historyJson(repo.dir)).objectives[0]!.keyResults[0]!;
    assert.equal(nps.points.at(-1)!.progress, 0.5, "HEAD's value, main's");
    assert.ok(nps.points.every((p) => p.commit !== null), 'nothing left as an edit on a clean tree');
    const days = nps.points.map((p) => p.date);
    assert.deepEqual(days, [...days].sort(), 'in order');
  });

  it('keeps objectives of the same title in two files apart', async () => {
    const repo = repository();
    const team = (n: number) => STRATEGY(n, 4).replace(' {#csat}', '');
    writeFile(repo.dir, 'team-a.md', team(30));
    writeFile(repo.dir, 'team-b.md', team(50));
    repo.commit('start', '2026-10-05');
    const report = await historyJson(repo.dir);
    assert.deepEqual(report.objectives.map((o) => [o.path, o.keyResults[0]!.points.map((p) => p.progress)]), [
      ['team-a.md', [0]],
      ['team-b.md', [1]],
    ]);
  });

  it('reads the repository of a folder named from a parent folder without a config', async () => {
    const repo = repository();
    writeFile(repo.dir, 'company.md', STRATEGY(30, 4));
    const first = repo.commit('start', '2026-10-05');
    const run = await okr(join(repo.dir, '..'), ['history', repo.dir, '--format', 'json', '--today', '2026-11-20'], { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() });
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as HistoryReport).objectives[0]!.points[0]!.commit, first);
  });
});
