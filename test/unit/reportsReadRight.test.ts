// Reports and the dashboard as a new user reads them (issue 15): every key-result state has
// a marker and a word (a cancelled one is not "KR —"); problems come errors first, as VS
// Code's Problems view lists them, with the infos quieter; and the dashboard's header lists
// exactly the cycles the page draws.
import assert from 'node:assert/strict';
import { buildDashboard, shownObjectives } from '../../server/src/okr/report/dashboard.ts';
import { buildReport } from '../../server/src/okr/report/report.ts';
import { timelines } from '../../server/src/okr/report/timeline.ts';
import { renderDashboardHtml } from '../../server/src/dashboard/html.ts';
import { formatMarkdownReport } from '../../server/src/cli/formats/markdownReport.ts';
import { dashboard as dashboardRequest } from '../../server/src/features/dashboard.ts';
import { analyze, md } from './helpers.ts';

/** The markdown report's lines down to the timeline. */
function reportLines(files: Record<string, string>): string[] {
  return formatMarkdownReport(buildReport(analyze(files))).split('\n## Timeline')[0]!.trimEnd().split('\n');
}

/** Each key-result list item of a page, without its progress bar. */
function keyResultItems(page: string): string[] {
  return [...page.matchAll(/<li class="key-result[^"]*">.*?<\/li>/g)].map((m) => m[0].replace(/<svg.*?<\/svg>/, ''));
}

describe('reports read right (issue 15)', () => {
  describe('every key-result state has a marker and a word', () => {
    const files = {
      'q4.md': md(
        '---', 'okr: strategic', 'cycle: 2026-Q4', '---',
        '## Objective: Win the quarter {#win}', '',
        '- [x] KR: Ship the beta',
        '- [-] KR: Old idea  [progress:: 90]',
        '- KR: Something to do',
        '- KR: Sign partners  [progress:: 40]',
        '- KR: Beat the target  [progress:: 144%]',
      ),
      'outline.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '# Team', '', '## Grow the team', '- Hire two engineers => 50%', '- Open an office (cancelled)'),
    };

    it('markdown: done ✓ 100 %, cancelled struck through and not counted, unmeasured in words, over-achieved, outline', () => {
      const lines = reportLines(files);
      const at = (title: string) => lines.find((line) => line.includes(title))!.trim();
      assert.equal(at('Ship the beta'), '- KR ✓ 100 % Ship the beta');
      assert.equal(at('Old idea'), '- KR cancelled ~~Old idea~~ · not counted');
      assert.equal(at('Something to do'), '- KR unmeasured Something to do');
      assert.equal(at('Sign partners'), '- KR 40 % Sign partners');
      assert.equal(at('Beat the target'), '- KR ✓ 100 % Beat the target · 144 % — over-achieved');
      // Read from the outline: the objective says so, and a status word cancels as [-] does.
      assert.match(at('Grow the team'), /_read from the outline_$/);
      assert.equal(at('Open an office'), '- KR cancelled ~~Open an office~~ · not counted');
      assert.ok(!lines.some((line) => /KR —/.test(line)), lines.join('\n'));
    });

    it('json: a cancelled key result says so, whether [-] or written as cancelled in an outline', () => {
      const report = buildReport(analyze(files));
      const keyResults = report.objectives.flatMap((o) => o.keyResults.map((kr) => [kr.title, kr.cancelled ?? false]));
      assert.deepEqual(keyResults, [
        ['Hire two engineers', false], ['Open an office', true],
        ['Ship the beta', false], ['Old idea', true], ['Something to do', false], ['Sign partners', false], ['Beat the target', false],
      ]);
    });

    it('dashboard: unmeasured in words, cancelled from an outline struck through like [-]', () => {
      const items = keyResultItems(renderDashboardHtml(buildDashboard(analyze(files))));
      const at = (title: string) => items.find((item) => item.includes(title))!;
      assert.match(at('Something to do'), /<span class="kr-title">Something to do<\/span> <span class="meta">· <span class="unmeasured-note" title="[^"]+">unmeasured<\/span><\/span>/);
      for (const title of ['Old idea', 'Open an office']) {
        assert.match(at(title), /^<li class="key-result cancelled">/);
        assert.ok(at(title).includes(`<s>${title}</s>`), at(title));
        assert.ok(at(title).includes('>cancelled</span>'), at(title));
        assert.ok(!at(title).includes('unmeasured'), at(title));
      }
      assert.match(at('Ship the beta'), /^<li class="key-result done">/);
    });
  });

  /** Infos in a-ops/ (first by path), errors in company.md and later/ (after it). */
  const workspace = {
    'a-ops/2026-10.md': md('---', 'okr: operational', 'cycle: 2026-10', '---', '## Objective: October work {#oct}', '', 'aligns:: [[company#nps]]', '', '- KR: Something unmeasured', '- KR: Measured  [progress:: 50]'),
    'a-ops/2026-11.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: November work {#nov}', '', 'aligns:: [[company]]', '', '- [x] KR: Shipped it'),
    'company.md': md(
      '---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Company goal {#company}', '',
      '- KR: Raise NPS  [start:: 30]  [target:: 50]  [current:: 40] ^nps', '- KR: Broken  [current:: x]  [target:: 3]',
    ),
    // A strategic objective of another quarter aligned below the company's: a timeline of its own.
    'later/2027-q1.md': md('---', 'okr: strategic', 'cycle: 2027-Q1', '---', '## Objective: Next quarter {#next}', '', 'aligns:: [[company]]', '', '- KR: Plan  [progress:: 10]'),
    'later/2027-01.md': md('---', 'okr: operational', 'cycle: 2027-01', '---', '## Objective: January {#jan}', '', 'aligns:: [[next]]', '', '- KR: Start  [progress:: 20]'),
  };

  describe('problems: errors first, then warnings, then infos', () => {
    const analysis = analyze(workspace);
    const dashboard = buildDashboard(analysis);

    it('the dashboard data lists the errors of later files before the infos of earlier ones', () => {
      const listed = dashboard.problems.map((p) => `${p.severity} ${p.path}:${p.line + 1} ${p.code}`);
      assert.deepEqual(listed, [
        'error company.md:8 kr-value-invalid',
        'error later/2027-q1.md:5 cycle-outside-parent',
        'info a-ops/2026-10.md:5 cycle-ended-incomplete',
        'info a-ops/2026-10.md:9 kr-unmeasured',
      ]);
    });

    it('the page: counts in the heading, errors listed first, the infos after them in a quieter list', () => {
      const page = renderDashboardHtml(dashboard);
      const section = page.slice(page.indexOf('<section class="problems"'));
      assert.ok(section.includes('<h2 id="problems-heading">Problems <span class="muted">2 errors, 2 info</span></h2>'), section);
      const order = [...section.matchAll(/<li class="problem (\w+)">.*?class="location"[^>]*>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
      assert.deepEqual(order, ['error company.md:8:15', 'error later/2027-q1.md:5:1', 'info a-ops/2026-10.md:5:1', 'info a-ops/2026-10.md:9:1']);
      const quiet = section.indexOf('<ol class="problem-list quiet">');
      assert.ok(quiet > section.lastIndexOf('<li class="problem error">'), 'the infos come after the errors, in their own list');
      assert.ok(section.includes('<p class="quiet-lead muted">And 2 info, less urgent:</p>\n<ol class="problem-list quiet">'), section);
    });

    it('the editor: errors of every root before the infos of any, so that a cut keeps them', () => {
      const infosOnly = analyze({ 'a.md': workspace['a-ops/2026-10.md'], 'c.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: C {#company}', '', '- KR: nps  [progress:: 5] ^nps') });
      const source = (analysis: typeof infosOnly, root: string) => ({ analysis, uriOf: (p: string) => `file:///${root}/${p}`, displayPath: (p: string) => `${root}/${p}`, configProblems: [] });
      const answer = dashboardRequest([source(infosOnly, 'first'), source(analysis, 'second')], { all: true, maxProblems: 2 }, '2026-11-25');
      assert.deepEqual(answer.problems.map((p) => `${p.severity} ${p.path}`), ['error second/company.md', 'error second/later/2027-q1.md']);
      assert.deepEqual(answer.moreProblems, { error: 0, warning: 0, info: 4, hint: 0 });
    });
  });

  describe('the header lists exactly the cycles the page draws', () => {
    const dashboard = buildDashboard(analyze(workspace));
    const page = renderDashboardHtml(dashboard);

    it('a strategic quarter, its operational months, and a quarter aligned below it', () => {
      const header = /<dt>Cycles<\/dt><dd>(.*?)<\/dd>/.exec(page)![1]!;
      const listed = header
        .replace(/<span class="muted">\(.*?\)<\/span>/, '')
        .replace(/<[^>]*>/g, '')
        .split(/[·(),]/)
        .map((label) => label.trim())
        .filter(Boolean);
      const drawn = timelines(dashboard.objectives, dashboard.today).flatMap((t) => [t.label, ...t.bars.map((b) => b.objective.cycle!.label)]);
      const inTree = shownObjectives(dashboard.objectives).map((o) => o.cycle!.label);
      assert.deepEqual(listed, ['2026-Q4', '2026-10', '2026-11', '2027-Q1', '2027-01']);
      assert.deepEqual(new Set(listed), new Set([...drawn, ...inTree]));
      // Each is drawn: a timeline's caption or a bar's label.
      const timelineSection = page.slice(page.indexOf('<section class="timelines"'), page.indexOf('<section class="problems"'));
      for (const label of listed) assert.ok(timelineSection.includes(`<strong>${label}</strong>`) || timelineSection.includes(`<span class="muted">${label}</span>`), label);
      assert.ok(header.includes('<strong>2026-Q4</strong> (2026-10, 2026-11) · <strong>2027-Q1</strong> (2027-01)'), header);
    });

    it('a cycle only the tree shows (an operational objective aligned to nothing) is listed after the timelines', () => {
      const alone = md('---', 'okr: operational', 'cycle: 2026-12', '---', '## Objective: On its own {#alone}', '', '- KR: x  [progress:: 5]');
      const page = renderDashboardHtml(buildDashboard(analyze({ ...workspace, 'zz.md': alone })));
      assert.ok(page.includes('<dt>Cycles</dt><dd><strong>2026-Q4</strong> (2026-10, 2026-11) · <strong>2027-Q1</strong> (2027-01) · 2026-12 <span class="muted">(all cycles)</span></dd>'), /<dt>Cycles.*?<\/dd>/.exec(page)![0]);
    });
  });
});
