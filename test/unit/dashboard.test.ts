// The progress dashboard (issue 8, SPEC §9 `okr report --format html`): the dashboard data
// (buildDashboard), the timelines, the HTML page (bars, markers, escaping, CSP), the Mermaid
// gantt blocks of the markdown report, and the command line around them. examples/ at
// 2026-11-25 is the main fixture; small workspaces are written inline.
// What the webview may ask (client/src/dashboardMessages.ts) is in client/dashboardMessages.test.ts.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { buildDashboard, overallProgress, problemCounts, shownObjectives, type Dashboard, type DashboardOptions } from '../../server/src/okr/report/dashboard.ts';
import { placement, timelines } from '../../server/src/okr/report/timeline.ts';
import { barWidth, dashboardCsp, escapeHtml, renderDashboardBody, renderDashboardHtml } from '../../server/src/dashboard/html.ts';
import { formatMarkdownReport, mermaidText } from '../../server/src/cli/formats/markdownReport.ts';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace.ts';
import { runCli } from '../../server/src/cli/main.ts';
import { buildReport, reportRoots, type Report, type ReportObjective } from '../../server/src/okr/report/report.ts';
import { analyze, md, TODAY } from './helpers.ts';
import { assertInert } from './htmlInert.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `okr …` in this process, without OKR_TODAY. */
async function okr(args: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** examples/ as `okr report examples` sees it from the repository root. */
async function examplesDashboard(options: DashboardOptions = {}): Promise<Dashboard> {
  const workspace = await loadWorkspace(REPO, ['examples']);
  const analysis = new Analysis(workspace.index, { config: workspace.config, today: parseIsoDay(TODAY)! });
  return buildDashboard(analysis, { paths: workspace.reported, displayPath: (p) => `examples/${p}`, ...options });
}

/** The fill width of every progress bar of one kind, in page order (null: no fill). */
function fills(html: string, kind: string): (number | null)[] {
  return [...html.matchAll(/<svg class="progress[^"]*" data-kind="(\w+)"[^>]*>(.*?)<\/svg>/g)]
    .filter((m) => m[1] === kind)
    .map((m) => {
      const fill = /<rect class="fill" width="([^"]*)"/.exec(m[2]!);
      return fill ? Number(fill[1]) : null;
    });
}

/** Each objective row of the tree, in page order: its classes, title and row markup. */
function rows(html: string): { classes: string; title: string; row: string }[] {
  return [...html.matchAll(/<li class="objective ([^"]*)">\n<div class="row">(.*?)<div class="meta">/g)].map((m) => ({
    classes: m[1]!,
    title: /class="title"[^>]*>(?:<s>)?(.*?)(?:<\/s>)?<\/(?:a|span)>/.exec(m[2]!)![1]!,
    row: m[2]!,
  }));
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('dashboard on examples/ (today 2026-11-25)', () => {
  let dashboard: Dashboard;
  let page: string;
  let report: Report;
  before(async () => {
    dashboard = await examplesDashboard();
    page = renderDashboardHtml(dashboard);
    report = JSON.parse((await okr(['report', 'examples', '--format', 'json', '--today', TODAY])).stdout) as Report;
  });

  it('is the json report plus pace and problem counts', () => {
    // A key result's owner is the dashboard's own (objectives have an owner in the report), and
    // its cancelled flag is always there (the report has it only when true).
    const plain = JSON.parse(
      JSON.stringify(dashboard, function (this: object, key, value: unknown) {
        return ['pace', 'problems'].includes(key) || (key === 'owner' && !('level' in this)) || (key === 'cancelled' && value === false) ? undefined : value;
      }),
    ) as unknown;
    assert.deepEqual(plain, report);
  });

  it('header: today, cycles shown and the filter', () => {
    assert.ok(page.includes('<title>OKR progress, 2026-11-25</title>'));
    assert.ok(page.includes('<dt>Today</dt><dd><time datetime="2026-11-25">2026-11-25</time></dd>'));
    // Each strategic cycle drawn with the operational cycles of its bars (2026-11 also holds the root with the broken link).
    assert.ok(page.includes('<dt>Cycles</dt><dd><strong>2026-Q4</strong> (2026-10, 2026-11, 2026-W47..2026-W48) <span class="muted">(all cycles)</span></dd>'));
    assert.ok(page.includes('<dt>Objectives</dt><dd>16</dd>'));
  });

  it('header: overall progress is the mean of the measured active strategic roots of the json report', () => {
    const roots = report.objectives.filter((o) => o.level === 'strategic' && o.status === 'active' && o.progress !== null);
    assert.deepEqual(roots.map((o) => o.id), ['csat', 'platform', 'revenue']);
    const mean = roots.reduce((sum, o) => sum + o.progress!, 0) / roots.length;
    assert.deepEqual(overallProgress(dashboard.objectives), { progress: mean, measured: 3 });
    assert.equal(barWidth(mean), 54.03);
    assert.deepEqual(fills(page, 'overall'), [54.03]);
    assert.ok(page.includes('<strong>54 %</strong> <span class="muted">mean of 3 top-level strategic objectives</span>'));
  });

  it('header: problem counts equal the problems list and `okr check --format json`', async () => {
    const check = JSON.parse((await okr(['check', 'examples', '--format', 'json', '--today', TODAY])).stdout) as {
      files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
      summary: { errors: number; warnings: number; infos: number; hints: number };
    };
    const counts = problemCounts(dashboard.problems);
    assert.deepEqual(counts, { error: 1, warning: 0, info: 0, hint: 0 });
    assert.deepEqual(counts, { error: check.summary.errors, warning: check.summary.warnings, info: check.summary.infos, hint: check.summary.hints });
    const fromCheck = check.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}`));
    assert.deepEqual(
      dashboard.problems.map((p) => `${p.path}:${p.line}:${p.character} ${p.severity} ${p.code}`),
      fromCheck,
    );
    assert.ok(
      page.includes(
        '<dd class="problem-counts"><span class="count error">1 error</span> <span class="count warning zero">0 warnings</span> <span class="count info zero">0 info</span> <span class="count hint zero">0 hints</span></dd>',
      ),
    );
    assert.equal(count(page, '<li class="problem '), dashboard.problems.length);
    assert.ok(page.includes('examples/operational/2026-11/engineering.md:26:10</span> No objective or document &#34;platfrom&#34;.'));
  });

  it('tree: one bar per objective occurrence and per key result, each as wide as its progress', () => {
    const shown = shownObjectives(dashboard.objectives);
    assert.equal(shown.length, 16);
    assert.deepEqual(fills(page, 'objective'), shown.map((o) => (o.progress === null ? null : barWidth(o.progress))));
    const keyResults = shown.flatMap((o) => o.keyResults);
    assert.equal(keyResults.length, 41);
    assert.deepEqual(fills(page, 'keyResult'), keyResults.map((k) => (k.progress === null ? null : barWidth(k.progress))));
    // Known values of the json report.
    const csat = report.objectives[0]!;
    assert.equal(csat.progress, 0.6871794871794872);
    assert.equal(fills(page, 'objective')[0], 68.72);
    assert.deepEqual(fills(page, 'keyResult').slice(0, 3), [46.15, 60, 100]); // nps, churn, [x] cab
    const statusPage = shown.flatMap((o) => o.keyResults).findIndex((k) => k.id === 'status-page');
    assert.equal(keyResults[statusPage]!.progress, 0);
    assert.equal(fills(page, 'keyResult')[statusPage], 0);
  });

  it('tree: behind-pace markers exactly on the active objectives whose pace is behind (not on dropped ones)', () => {
    const shown = shownObjectives(dashboard.objectives);
    const marked = rows(page).map((r) => r.row.includes('<span class="badge behind-badge"'));
    assert.deepEqual(marked, shown.map((o) => o.pace?.behind === true && o.status !== 'dropped'));
    assert.deepEqual(
      shown.filter((o) => o.pace?.behind).map((o) => o.title),
      ['Pilot weekend phone support', 'Reduce average support response time to under 2 hours', 'Halve the time to recover from incidents'],
    );
    assert.ok(!rows(page).find((r) => r.title === 'Pilot weekend phone support')!.row.includes('behind-badge'));
    assert.ok(page.includes('<span class="badge behind-badge" title="expected 83 % by today">behind pace</span>'));
  });

  it('tree: the dropped objective is struck through with its badge; the align-unresolved one has the problem marker', () => {
    const all = rows(page);
    const dropped = all.filter((r) => r.row.includes('dropped-badge'));
    assert.deepEqual(dropped.map((r) => [r.classes, r.title]), [['operational dropped', 'Pilot weekend phone support']]);
    assert.ok(dropped[0]!.row.includes('<s>Pilot weekend phone support</s>'));
    const marked = all.filter((r) => r.row.includes('class="badge problem'));
    assert.deepEqual(marked.map((r) => r.title), ['Collect the evidence for the SOC 2 audit']);
    assert.ok(marked[0]!.row.includes('<span class="badge problem error" title="1 error">1 &#10006;<span class="visually-hidden"> 1 error</span></span>'));
    const soc2 = shownObjectives(dashboard.objectives).find((o) => o.id === 'soc2-evidence')!;
    assert.deepEqual(soc2.problems, { error: 1, warning: 0, info: 0, hint: 0 });
  });

  it('timeline: one for 2026-Q4, its nine operational bars by start date, today at 60.87', () => {
    const [timeline, ...more] = timelines(dashboard.objectives, TODAY);
    assert.equal(more.length, 0);
    assert.deepEqual([timeline!.label, timeline!.from, timeline!.to, timeline!.band, timeline!.today], ['2026-Q4', '2026-10-01', '2026-12-31', { left: 0, width: 100 }, 60.87]);
    assert.equal(timeline!.strategic.length, 6);
    assert.deepEqual(timeline!.bars.map((b) => [b.objective.cycle!.label, b.left, b.width, b.outside]), [
      ...Array(4).fill(['2026-10', 0, 33.7, false]),
      ...Array(4).fill(['2026-11', 33.7, 32.61, false]),
      ['2026-W47..2026-W48', 50, 15.22, false],
    ]);
    assert.equal(count(page, '<line class="today" x1="60.87" x2="60.87"'), 10);
  });

  it('is well formed and inert: known tags and attributes only, no scheme in links', () => assertInert(page));
});

describe('dropped and unmeasured objectives', () => {
  const files = {
    'parent.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Parent {#parent}'),
    'kids.md': md(
      '---', 'okr: operational', 'cycle: 2026-11', '---',
      '## Objective: Active kid {#active}', '', 'aligns:: [[parent]]', '', '- KR: x  [progress:: 60]', '',
      '## Objective: Dropped kid {#gone}', '', 'aligns:: [[parent]]', 'status:: dropped', '', '- KR: y  [progress:: 20]', '',
      '## Objective: Unmeasured kid {#unmeasured}', '', 'aligns:: [[parent]]', '', '- KR: Something to do',
    ),
  };
  const dashboard = buildDashboard(analyze(files));
  const page = renderDashboardHtml(dashboard);

  it('a dropped child does not count in its parent (0.6, not 0.4), the json report agrees', () => {
    const [parent] = dashboard.objectives;
    assert.deepEqual(parent!.children.map((c) => [c.id, c.status, c.progress]), [['active', 'active', 0.6], ['gone', 'dropped', 0.2], ['unmeasured', 'active', null]]);
    assert.equal(parent!.progress, 0.6);
    assert.equal(buildReport(analyze(files)).objectives[0]!.progress, 0.6);
    assert.deepEqual(fills(page, 'objective'), [60, 60, 20, null]);
    assert.ok(rows(page)[2]!.row.includes('<s>Dropped kid</s>'));
  });

  it('an unmeasured bar has no fill, the unmeasured class and a dash', () => {
    assert.ok(page.includes('<svg class="progress unmeasured" data-kind="keyResult" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="unmeasured"><rect class="track" width="100" height="8"/></svg><span class="pct">&#8212;</span>'));
    assert.deepEqual(fills(page, 'keyResult'), [60, 20, null]);
    assert.deepEqual(dashboard.objectives[0]!.children[2]!.keyResults[0]!.problems, { error: 0, warning: 0, info: 1, hint: 0 });
  });
});

describe('barWidth', () => {
  it('is the percentage with two decimals, half up, clamped to 0–100', () => {
    const cases: [number, number][] = [[0.6871794871794872, 68.72], [2 / 3, 66.67], [0.12345, 12.35], [0.99994, 99.99], [0.00004, 0], [0.00005, 0.01], [0, 0], [1, 100], [-0.5, 0], [1.7, 100]];
    for (const [progress, width] of cases) assert.equal(barWidth(progress), width, String(progress));
  });
});

describe('timelines', () => {
  const objective = (title: string, id: string, cycle: string, aligns: string, keyResult: string) => [`## Objective: ${title} {#${id}}`, '', `cycle:: ${cycle}`, `aligns:: ${aligns}`, '', keyResult, ''];
  const files = {
    'quarter.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Quarter goal {#q}', '', '- KR: Ship it  [progress:: 50] ^ship'),
    // In tree order D, B2, C, B, A; by start date A, B2, B, C, D.
    'ops.md': md(
      '---', 'okr: operational', '---',
      ...objective('Sticks out', 'd', '2026-12-15..2027-01-10', '[[q]]', '- KR: a  [progress:: 10]'),
      ...objective('First week', 'b2', '2026-11-01..2026-11-07', '[[q#ship]]', '- KR: b  [progress:: 40]'),
      ...objective('Two weeks', 'c', '2026-W47..2026-W48', '[[q]]', '- KR: c  [progress:: 80]'),
      ...objective('November', 'b', '2026-11', '[[q]]', '- KR: d  [progress:: 70]'),
      ...objective('October', 'a', '2026-10', '[[q]]', '- [x] KR: e'),
    ),
  };
  const dashboard = buildDashboard(analyze(files));
  const page = renderDashboardHtml(dashboard);

  it('places each bar in a span grown to 2026-10-01..2027-01-10 (102 days), by start date then tree order', () => {
    const [timeline] = timelines(dashboard.objectives, TODAY);
    assert.deepEqual([timeline!.from, timeline!.to, timeline!.start, timeline!.end], ['2026-10-01', '2027-01-10', '2026-10-01', '2026-12-31']);
    assert.deepEqual(timeline!.band, { left: 0, width: 90.2 });
    assert.deepEqual(timeline!.bars.map((b) => [b.objective.id, b.left, b.width, b.outside]), [
      ['a', 0, 30.39, false],
      ['b2', 30.39, 6.86, false],
      ['b', 30.39, 29.41, false],
      ['c', 45.1, 13.73, false],
      ['d', 73.53, 26.47, true],
    ]);
    assert.equal(timeline!.today, 54.9); // (55 + 1) / 102
  });

  it('grows the span by at most half the strategic cycle, and cuts a bar beyond it at the edge', () => {
    const far = analyze({
      's.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Q {#q}', '', '- KR: a  [progress:: 1]'),
      'late.md': md('---', 'okr: operational', 'cycle: 2062-11', '---', '## Objective: Typo', '', 'aligns:: [[q]]', '', '- KR: b  [progress:: 2]'),
      'early.md': md('---', 'okr: operational', 'cycle: 2026-09-20..2026-10-10', '---', '## Objective: Early', '', 'aligns:: [[q]]', '', '- KR: c  [progress:: 3]'),
    });
    const [timeline] = timelines(buildReport(far).objectives, TODAY);
    // 2026-Q4 has 92 days: the span may reach 46 days beyond each end, 2026-08-16..2027-02-15; it needs 2026-09-20 on the left.
    assert.deepEqual([timeline!.from, timeline!.to], ['2026-09-20', '2027-02-15']);
    assert.deepEqual(timeline!.bars.map((b) => [b.objective.title, b.from, b.to, b.clipped, b.outside, b.left, b.width]), [
      ['Early', '2026-09-20', '2026-10-10', false, true, 0, 14.09], // 21 of 149 days
      ['Typo', '2027-02-15', '2027-02-15', true, true, 99.33, 0.67],
    ]);
    const gantt = formatMarkdownReport(buildReport(far));
    assert.ok(gantt.includes('    Typo (2062-11) :crit, 2027-02-15, 1d'), gantt);
    assert.ok(renderDashboardHtml(buildDashboard(far)).includes('beyond the timeline'));
  });

  it('puts today at (today − from + 1) / days, and nowhere outside the span', () => {
    const today = (day: string) => timelines(dashboard.objectives, day)[0]!.today;
    assert.deepEqual(['2026-10-01', '2027-01-10', '2026-09-30', '2027-01-11'].map(today), [0.98, 100, null, null]);
  });

  it('draws the band, the bars in order with their state, and today in every lane', () => {
    assert.ok(page.includes('<rect class="band" x="0" width="90.2" y="0" height="10"/>'));
    assert.deepEqual(
      [...page.matchAll(/<rect class="(timeline-bar[^"]*)" x="([^"]*)" width="([^"]*)"/g)].map((m) => [m[1], m[2], m[3]]),
      [['timeline-bar done', '0', '30.39'], ['timeline-bar behind', '30.39', '6.86'], ['timeline-bar', '30.39', '29.41'], ['timeline-bar', '45.1', '13.73'], ['timeline-bar outside', '73.53', '26.47']],
    );
    assert.equal(count(page, '<line class="today" x1="54.9" x2="54.9"'), 6);
    assert.equal(count(page, '<span class="badge outside-badge">outside</span>'), 1);
    assert.equal(count(page, 'class="today-label"'), 1);
    assert.ok(page.includes('today 2026-11-25'));
    const later = renderDashboardHtml(buildDashboard(analyze(files, { today: '2027-02-01' })));
    assert.equal(count(later, '<line class="today"'), 0);
    assert.equal(count(later, 'class="today-label"'), 0);
  });

  it('placement: left and width in percent of from..to, two decimals', () => {
    assert.deepEqual(placement(0, 9, 0, 9), { left: 0, width: 100 });
    assert.deepEqual(placement(3, 3, 0, 9), { left: 30, width: 10 });
    assert.deepEqual(placement(11, 11, 10, 12), { left: 33.33, width: 33.33 });
    assert.deepEqual(placement(20, 29, 10, 29), { left: 50, width: 50 });
  });
});

describe('escaping hostile text', () => {
  const XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "{{constructor.constructor('alert(1)')()}}", "' onmouseover='x"] as const;
  let folder: string;
  let page: string;
  let markdown: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'okr-dashboard-'));
    const write = (name: string, text: string) => writeFileSync(join(folder, name), text);
    write('company.md', md(
      '---', 'okr: strategic', 'cycle: 2026-Q4', `owner: '${XSS[1].replace(/'/g, "''")}'`, '---',
      `## Objective: ${XSS[0]} [x](javascript:alert(1)) ${XSS[3]} {#evil}`, '',
      `- KR: ${XSS[1]} ${XSS[3]}  [progress:: 50] ^k1`, `- KR: ${XSS[2]}  [progress:: 100]`, '',
      `## Objective: ${XSS[3]} {#${XSS[1]}}`, '', `owner:: ${XSS[0]}`, `cycle:: ${XSS[1]}`, '', '- KR: [click](javascript:alert(1))  [progress:: 10]',
    ));
    write('javascript:alert(1).md', md('---', 'okr: operational', 'cycle: 2026-11', '---', `## Objective: ${XSS[2]}`, '', `aligns:: [[evil]] [[${XSS[0]}]] javascript:alert(1)`, '', '- KR: x  [progress:: 30]'));
    write(`${XSS[1]}.md`, md('---', 'okr: operational', 'cycle: 2026-12-15..2027-01-10', `owner: "${XSS[3]}"`, '---', `## Objective: Sticks out ${XSS[3]}`, '', 'aligns:: [[evil#k1]]', '', '- KR: y  [progress:: 100]'));
    write(`${XSS[3]}.okr.md`, md('---', 'okr: operational', 'cycle: 2026-11', '---', `## Objective: ${XSS[1]}`, '', 'aligns:: [[evil]]', '', `- KR: ${XSS[0]}  [progress:: 5]`));
    write(`${XSS[2]}.md`, md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Braces', '', 'aligns:: [[evil]]', '', '- KR: z  [progress:: 5]'));
    const html = await okr(['report', '.', '--format', 'html', '--today', TODAY], folder);
    assert.equal(html.code, 0, html.stderr);
    page = html.stdout;
    markdown = (await okr(['report', '.', '--today', TODAY], folder)).stdout;
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('shows the text, escaped', () => {
    assert.equal(count(page, '<li class="objective '), 6);
    for (const text of [`${XSS[0]} x ${XSS[3]}`, XSS[1], XSS[2], `${XSS[1]}.md:6`, `javascript:alert(1).md:5`]) assert.ok(page.includes(escapeHtml(text)), text);
  });

  it('writes characters beyond Latin-1 as character references (one page whatever the encoding)', () => {
    assert.equal(escapeHtml('é 🎯 目标 – \ud800'), 'é &#127919; &#30446;&#26631; &#8211; &#55296;');
    assert.doesNotMatch(page, /[\u{100}-\u{10ffff}]/u);
  });

  it('the inertness check itself rejects injected markup', () => {
    const bad = ['<img src=x>', '<span onmouseover="x">t</span>', '<span title="a" onerror=x>t</span>', '<a href="javascript:x">t</a>', '<a href="&#106;avascript:x">t</a>', '<p>a > b</p>', '<p>"</p>'];
    for (const page of bad) assert.throws(() => assertInert(page), page);
    assertInert('<p class="x">a &#60; b</p>');
  });

  it('has no script, no img, no unknown tag or attribute, no scheme in links', () => {
    assert.doesNotMatch(page, /<script|<img/i);
    assertInert(page);
    assert.ok(page.includes('href="javascript%3Aalert%281%29.md"'));
    // RFC 3986: encodeURIComponent, and ! ' ( ) * too.
    const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    assert.ok(page.includes(`href="${escapeHtml(rfc3986(`${XSS[3]}.okr.md`))}"`));
  });

  it('keeps the Mermaid blocks free of markup and quotes', () => {
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.equal(blocks.length, 1);
    assert.doesNotMatch(blocks[0]!, /[<>"{}[\]`;#]/);
    assert.ok(blocks[0]!.includes("    Sticks out ' onmouseover='x (2026-12-15..2027-01-10) :crit, done, 2026-12-15, 27d"));
  });
});

describe('the page: Content-Security-Policy and nonce', () => {
  let dashboard: Dashboard;
  before(async () => (dashboard = await examplesDashboard()));
  const csp = (page: string) => [...page.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);

  it('the static page allows only its nonce’d style', () => {
    const page = renderDashboardHtml(dashboard);
    const nonce = /<style nonce="([^"]*)">/.exec(page)![1]!;
    assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
    assert.deepEqual(csp(page), [`default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`]);
    assert.deepEqual(csp(page), [dashboardCsp(nonce, false)]);
    assert.equal(count(page, 'Content-Security-Policy'), 1);
    assert.doesNotMatch(page, /<script/);
  });

  it('with a script, the script carries the same nonce and the policy allows it', () => {
    const page = renderDashboardHtml(dashboard, { nonce: 'N0nce', script: 'console.log(1)' });
    assert.equal(dashboardCsp('N0nce', true), "default-src 'none'; style-src 'nonce-N0nce'; script-src 'nonce-N0nce'; base-uri 'none'; form-action 'none'");
    assert.deepEqual(csp(page), [dashboardCsp('N0nce', true)]);
    assert.equal(count(page, '<style nonce="N0nce">'), 1);
    assert.equal(count(page, '<script'), 1);
    assert.ok(page.includes('<script nonce="N0nce">console.log(1)</script>'));
  });

  it('the default nonce is reproducible and follows the content', async () => {
    const nonce = (page: string) => /<style nonce="([^"]*)">/.exec(page)![1];
    const first = renderDashboardHtml(dashboard);
    assert.equal(renderDashboardHtml(await examplesDashboard()), first);
    assert.notEqual(nonce(renderDashboardHtml({ ...dashboard, today: '2026-11-26' })), nonce(first));
    assert.notEqual(nonce(renderDashboardHtml(dashboard, { script: 'x' })), nonce(first));
  });

  it('is self-contained: no URL, import or external resource', () => {
    const page = renderDashboardHtml(dashboard);
    assert.doesNotMatch(page, /https?:|@import|url\(|\ssrc=|\/\//i);
  });
});

describe('Mermaid gantt blocks (okr report --format markdown)', () => {
  let markdown: string;
  before(async () => (markdown = (await okr(['report', 'examples', '--format', 'markdown', '--today', TODAY])).stdout));
  const blocks = (text: string) => [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!.split('\n').filter(Boolean));

  it('examples/: one block for 2026-Q4, durations in days, today, done tasks', () => {
    const [block, ...more] = blocks(markdown);
    assert.equal(more.length, 0);
    assert.deepEqual(block!.slice(0, 9), [
      'gantt', '    title 2026-Q4 (2026-10-01 to 2026-12-31)', '    dateFormat YYYY-MM-DD', '    axisFormat %b %d', '    todayMarker off', '    section 2026-Q4',
      '    Strategic cycle 2026-Q4, 6 objectives :active, 2026-10-01, 92d', '    Today 2026-11-25 :milestone, 2026-11-25, 0d', '    section Operational',
    ]);
    assert.equal(block!.length, 18);
    for (const line of [
      '    Pilot weekend phone support (dropped) (2026-10) :2026-10-01, 31d',
      '    Move every support queue to the new help desk (2026-10) :done, 2026-10-01, 31d',
      '    Reduce average support response time to under 2 hours (2026-11) :2026-11-01, 30d',
      '    Halve the time to recover from incidents (2026-W47..2026-W48) :2026-11-16, 14d',
    ]) assert.ok(block!.includes(line), line);
  });

  it('one block per strategic cycle, earliest first; crit when outside; no Today outside the span', () => {
    const files = {
      's.md': md('---', 'okr: strategic', '---', '## Objective: Year {#y}', '', 'cycle:: 2027-H1', '', '- KR: a  [progress:: 1]', '', '## Objective: Quarter {#q}', '', 'cycle:: 2026-Q4', '', '- KR: b  [progress:: 2]'),
      'o.md': md('---', 'okr: operational', 'cycle: 2026-12-15..2027-01-10', '---', '## Objective: Sticks out', '', 'aligns:: [[q]]', '', '- KR: c  [progress:: 3]'),
    };
    const analysis = analyze(files);
    const all = blocks(formatMarkdownReport(buildReport(analysis)));
    assert.deepEqual(all.map((b) => b[5]), ['    section 2026-Q4', '    section 2027-H1']);
    assert.ok(all[0]!.includes('    Sticks out (2026-12-15..2027-01-10) :crit, 2026-12-15, 27d'));
    assert.ok(all[1]!.includes('    Strategic cycle 2027-H1, 1 objective :active, 2027-01-01, 181d'));
    assert.ok(!all[1]!.some((line) => line.includes('Today')));
  });

  it('mermaidText: removes what ends or comments a task line, never empty', () => {
    assert.equal(mermaidText('a: b; c# d% e` f< g> h{ i} j" k\\ l[ m]'), 'a b c d e f g h i j k l m');
    assert.equal(mermaidText('one\ntwo\r\nthree'), 'one two three');
    assert.equal(mermaidText(''), 'untitled');
    assert.equal(mermaidText(' :;#%`<>{}"[]\n '), 'untitled');
    assert.equal(mermaidText('x'.repeat(100)), `${'x'.repeat(79)}…`);
    for (const statement of ['Section 508', 'title sponsor', 'Click here', 'Excludes weekends', 'dateFormat x', 'todayMarker on', 'weekday monday', 'accTitle x', '2026-12-01 launch', '(draft) plan']) {
      assert.equal(mermaidText(statement), `· ${statement}`, statement);
    }
    assert.equal(mermaidText('Sectional review'), 'Sectional review');
  });

  describe('as Mermaid reads it', function () {
    this.timeout(30_000);
    type Task = { section: string; task: string; startTime: Date; endTime: Date };
    let read: (block: string[]) => Promise<{ sections: string[]; tasks: string[] }>;
    before(async () => {
      const { default: purify } = await import('dompurify');
      // Without a window DOMPurify has no hooks; Mermaid only needs them to exist to parse.
      if (typeof purify.addHook !== 'function') Object.assign(purify, { addHook() {}, removeHook() {}, removeHooks() {}, sanitize: (text: unknown) => String(text) });
      const { default: mermaid } = await import('mermaid');
      await mermaid.parse('gantt\n  dateFormat YYYY-MM-DD\n  x :2026-11-01, 1d\n');
      const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      read = async (block) => {
        const { db } = await mermaid.mermaidAPI.getDiagramFromText(block.join('\n'));
        const gantt = db as unknown as { getSections(): string[]; getTasks(): Task[] };
        return { sections: gantt.getSections(), tasks: gantt.getTasks().map((t) => `${t.section} | ${t.task.trim()} | ${day(t.startTime)}..${day(t.endTime)}`) };
      };
    });

    it('examples/: every task with its dates (end exclusive)', async () => {
      const { sections, tasks } = await read(blocks(markdown)[0]!);
      assert.deepEqual(sections, ['2026-Q4', 'Operational']);
      assert.equal(tasks.length, 11);
      assert.deepEqual(tasks.slice(0, 2), ['2026-Q4 | Strategic cycle 2026-Q4, 6 objectives | 2026-10-01..2027-01-01', '2026-Q4 | Today 2026-11-25 | 2026-11-25..2026-11-25']);
      assert.equal(tasks[10], 'Operational | Halve the time to recover from incidents (2026-W47..2026-W48) | 2026-11-16..2026-11-30');
    });

    // A task name that starts with a gantt keyword (Mermaid's lexer is case-insensitive:
    // section, title, click, excludes, includes, dateFormat, …) would be read as that
    // statement: "Section 508 compliance" would become a section and the task be lost.
    it('an objective titled "Section 508 compliance" is a task', async () => {
      const files = {
        's.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Quarter {#q}', '', '- KR: a  [progress:: 1]'),
        'o.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Section 508 compliance', '', 'aligns:: [[q]]', '', '- KR: b  [progress:: 2]'),
      };
      const { sections, tasks } = await read(blocks(formatMarkdownReport(buildReport(analyze(files))))[0]!);
      assert.deepEqual(sections, ['2026-Q4', 'Operational']);
      assert.equal(tasks.at(-1), 'Operational | · Section 508 compliance (2026-11) | 2026-11-01..2026-12-01');
    });

    // A line starting with a date ("2026-10-01..2026-12-31 …") is lexed as a date and the
    // whole block fails to parse (GitHub would show an error instead of the chart).
    it('a strategic cycle of explicit dates renders', async () => {
      const files = { 's.md': md('---', 'okr: strategic', 'cycle: 2026-10-01..2026-12-31', '---', '## Objective: Quarter {#q}', '', '- KR: a  [progress:: 1]') };
      const { tasks } = await read(blocks(formatMarkdownReport(buildReport(analyze(files))))[0]!);
      assert.equal(tasks[0], '2026-10-01..2026-12-31 | Strategic cycle 2026-10-01..2026-12-31, 1 objective | 2026-10-01..2027-01-01');
    });
  });
});

describe('okr report --format html', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'okr-dashboard-cli-'));
    cpSync(join(REPO, 'examples'), folder, { recursive: true });
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  const hrefs = (page: string) => [...new Set([...page.matchAll(/ href="([^"]*)"/g)].map((m) => m[1]!))].sort();

  it('--output sub/dir/report.html writes the page, prints nothing, links relative to sub/dir', async () => {
    mkdirSync(join(folder, 'sub', 'dir'), { recursive: true });
    const run = await okr(['report', '.', '--format', 'html', '--output', 'sub/dir/report.html', '--today', TODAY], folder);
    assert.deepEqual(run, { code: 0, stdout: '', stderr: '' });
    const page = readFileSync(join(folder, 'sub', 'dir', 'report.html'), 'utf8');
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    const links = hrefs(page);
    assert.deepEqual(links, [
      '../../company/company-2026-q4.md', '../../operational/2026-10/engineering.md', '../../operational/2026-10/support.md',
      '../../operational/2026-11/engineering.md', '../../operational/2026-11/support.md', '../../teams/engineering-2026-q4.okr.md', '../../teams/support-2026-q4.md',
    ]);
    for (const link of links) assert.ok(existsSync(resolve(folder, 'sub', 'dir', decodeURIComponent(link))), link);
  });

  it('--output into a missing folder creates it; into a file that is a folder is an I/O error (exit 2)', async () => {
    const run = await okr(['report', '.', '--format', 'html', '--output', 'missing/report.html', '--today', TODAY], folder);
    assert.deepEqual(run, { code: 0, stdout: '', stderr: '' });
    assert.ok(readFileSync(join(folder, 'missing', 'report.html'), 'utf8').startsWith('<!DOCTYPE html>'));
    const failed = await okr(['report', '.', '--format', 'html', '--output', 'missing', '--today', TODAY], folder);
    assert.equal(failed.code, 2);
    assert.equal(failed.stdout, '');
    assert.match(failed.stderr, /^okr: --output missing: /);
  });

  it('percent-encodes each segment of a link, so that a file name cannot read as a scheme', async () => {
    mkdirSync(join(folder, 'odd dir'), { recursive: true });
    writeFileSync(join(folder, 'odd dir', 'javascript:alert(1)#x?.md'), md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Odd', '', 'aligns:: [[csat]]', '', '- KR: a  [progress:: 5]'));
    const run = await okr(['report', '.', '--format', 'html', '--output', 'sub/report.html', '--today', TODAY], folder);
    assert.equal(run.code, 0, run.stderr);
    const links = hrefs(readFileSync(join(folder, 'sub', 'report.html'), 'utf8'));
    assert.ok(links.includes('../odd%20dir/javascript%3Aalert%281%29%23x%3F.md'), links.join('\n'));
    rmSync(join(folder, 'odd dir'), { recursive: true });
  });

  it('without --output prints the page, links relative to the current folder', async () => {
    const run = await okr(['report', 'examples', '--format', 'html', '--today', TODAY]);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.ok(run.stdout.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    assert.ok(run.stdout.endsWith('</html>\n'));
    assert.equal(run.stdout, renderDashboardHtml(await examplesDashboard(), { hrefOf: (p) => p }));
  });

  it('--format bogus is a usage error that names html', async () => {
    assert.deepEqual(await okr(['report', 'examples', '--format', 'bogus']), { code: 2, stdout: '', stderr: 'okr: --format bogus: expected markdown, json or html\n' });
  });

  it('--cycle 2026-10 keeps the roots overlapping it and says so', async () => {
    const run = await okr(['report', 'examples', '--format', 'html', '--cycle', '2026-10', '--today', TODAY]);
    const json = JSON.parse((await okr(['report', 'examples', '--format', 'json', '--cycle', '2026-10', '--today', TODAY])).stdout) as Report;
    assert.deepEqual(json.objectives.map((o) => o.id), ['csat', 'platform', 'revenue']);
    const titles = (objectives: ReportObjective[]): string[] => objectives.flatMap((o) => [o.title, ...titles(o.children)]);
    assert.deepEqual(rows(run.stdout).map((r) => r.title), titles(json.objectives));
    assert.ok(run.stdout.includes('<dt>Cycles</dt><dd><strong>2026-Q4</strong> (2026-10, 2026-11, 2026-W47..2026-W48) <span class="muted">(overlapping 2026-10)</span></dd>'));
    assert.ok(run.stdout.includes('<dt>Objectives</dt><dd>15</dd>'));
    assert.ok(!run.stdout.includes('Collect the evidence for the SOC 2 audit'));
  });
});

describe('buildDashboard options', () => {
  const files = {
    'a.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: A {#a}', '', '- KR: one  [progress:: 50]', '', '## Objective: B {#b}', '', '- KR: two  [current:: x]  [target:: 3]'),
    'x.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: X {#x}', '', 'aligns:: [[a]] [[b]] [[nowhere]]', '', '- KR: three  [progress:: 30]'),
  };
  const analysis = analyze(files);

  it('uriOf sets the uri of objectives and problems (from the workspace path), none without it', () => {
    const withUri = buildDashboard(analysis, { uriOf: (p) => `file:///w/${p}`, displayPath: (p) => `shown/${p}` });
    const shown = shownObjectives(withUri.objectives);
    assert.deepEqual(shown.map((o) => [o.id, o.path, o.uri]), [['a', 'shown/a.md', 'file:///w/a.md'], ['x', 'shown/x.md', 'file:///w/x.md'], ['b', 'shown/a.md', 'file:///w/a.md'], ['x', 'shown/x.md', 'file:///w/x.md']]);
    assert.deepEqual(withUri.problems.map((p) => [p.path, p.uri, p.code]), [['shown/a.md', 'file:///w/a.md', 'kr-value-invalid'], ['shown/x.md', 'file:///w/x.md', 'align-unresolved']]);
    const without = buildDashboard(analysis);
    assert.ok(shownObjectives(without.objectives).every((o) => !('uri' in o)));
    assert.ok(without.problems.length === 2 && without.problems.every((p) => !('uri' in p)));
  });

  it('problem counts per objective and key result', () => {
    const [a, b] = buildDashboard(analysis).objectives;
    assert.deepEqual([a!.problems.error, b!.problems.error, b!.keyResults[0]!.problems.error, a!.children[0]!.problems.error], [0, 1, 1, 1]);
  });

  it('paths limits objectives and problems; otherProblems come first', () => {
    const config = { path: 'okr.config.json', line: 0, character: 0, severity: 'error' as const, code: 'config-invalid', message: 'bad' };
    const limited = buildDashboard(analysis, { paths: new Set(['x.md']), otherProblems: [config] });
    assert.deepEqual(limited.objectives.map((o) => [o.id, o.children.length]), [['x', 0]]);
    assert.deepEqual(limited.problems.map((p) => `${p.path} ${p.code}`), ['okr.config.json config-invalid', 'x.md align-unresolved']);
  });

  it('numbers objectives in tree order; one aligned to two parents keeps its first number', () => {
    const dashboard = buildDashboard(analysis);
    const body = renderDashboardBody(dashboard, { interactive: true });
    const numbers = [...body.matchAll(/<li class="objective[^"]*">\n<div class="row">.*?data-open="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(numbers, [0, 1, 2, 1]);
    assert.equal(shownObjectives(dashboard.objectives)[1]!.id, 'x');
    assert.deepEqual([...body.matchAll(/data-problem="(\d+)"/g)].map((m) => m[1]), ['0', '1']);
    assert.doesNotMatch(body, / href=/);
    assert.ok(body.includes('<dt>Objectives</dt><dd>3</dd>'));
    assert.equal(count(body, '<rect class="timeline-bar'), 1);
  });

  it("shows a key result's own owner, and versions the editor's page", () => {
    const owned = analyze({ 'o.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: O {#o}', '', '- KR: shipped  [progress:: 10]  [owner:: Ana <a@x>]', '- KR: other  [progress:: 20]') });
    const dashboard = buildDashboard(owned);
    assert.deepEqual(dashboard.objectives[0]!.keyResults.map((kr) => kr.owner), ['Ana <a@x>', null]);
    const page = renderDashboardHtml(dashboard, { version: 7, interactive: true });
    assert.ok(page.includes('<span class="kr-title">shipped</span> <span class="meta">· Ana &#60;a@x&#62;</span>'));
    assert.ok(page.includes('<main id="dashboard" data-version="7">'));
    assert.ok(renderDashboardHtml(dashboard).includes('<main id="dashboard">\n'));
  });

  it('strikes through a cancelled key result, which counts for nothing', () => {
    const withCancelled = analyze({ 'c.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: C {#c}', '', '- [-] KR: dropped idea  [progress:: 90]', '- KR: kept  [progress:: 20]') });
    const dashboard = buildDashboard(withCancelled);
    assert.deepEqual(dashboard.objectives[0]!.keyResults.map((kr) => kr.cancelled), [true, false]);
    assert.equal(dashboard.objectives[0]!.progress, 0.2);
    const page = renderDashboardHtml(dashboard);
    assert.ok(page.includes('<li class="key-result cancelled">'));
    assert.ok(page.includes('<span class="kr-title"><s>dropped idea</s></span> <span class="badge dropped-badge" title="Cancelled key results count for nothing">cancelled</span>'));
  });

  it('lists the problems of the documents in the tree (and of documents without objectives), not of other cycles', () => {
    const cycles = analyze({
      'now.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Now {#now}', '', '- KR: a  [current:: x]  [target:: 3]'),
      'old.md': md('---', 'okr: strategic', 'cycle: 2026-Q1', '---', '## Objective: Old {#old}', '', '- KR: b  [current:: y]  [target:: 3]'),
      'ops.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Ops', '', 'aligns:: [[now]] [[nowhere]]', '', '- KR: c  [progress:: 5]'),
      'empty.md': md('---', 'okr: operational', 'cycle: 2026-13', '---', 'No objective here.'),
    });
    const roots = reportRoots(cycles).filter((node) => node.document.path !== 'old.md');
    const dashboard = buildDashboard(cycles, { roots });
    assert.deepEqual([...new Set(dashboard.problems.map((p) => p.path))], ['empty.md', 'now.md', 'ops.md']);
    const all = buildDashboard(cycles);
    assert.deepEqual([...new Set(all.problems.map((p) => p.path))], ['empty.md', 'now.md', 'old.md', 'ops.md']);
  });
});
