// What the views say about documents read from the outline (issue 14): the dashboard page and
// the markdown report show "1 of 5 key results measured", over-achievement ("144 % —
// over-achieved", counted as 100 %) and "read from the outline"; a strict document with every
// key result measured renders exactly as before. `okr check` counts objectives and key
// results (text summary and JSON). The progress tree's items are in client/treeModel.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { analyzeFiles } from '../../server/src/okr/engine.ts';
import { buildDashboard } from '../../server/src/okr/report/dashboard.ts';
import { buildReport } from '../../server/src/okr/report/report.ts';
import { measuredText, overAchievedText } from '../../server/src/okr/report/format.ts';
import { renderDashboardBody } from '../../server/src/dashboard/html.ts';
import { formatMarkdownReport } from '../../server/src/cli/formats/markdownReport.ts';
import { formatCheckJson } from '../../server/src/cli/formats/json.ts';
import { formatTextSummary } from '../../server/src/cli/formats/text.ts';
import type { CheckResult } from '../../server/src/cli/formats/checkResult.ts';
import { makeDiagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { runCliProcess, writeFile } from './cliProcess.ts';
import { md, TODAY } from './helpers.ts';

/** The outline document: a heading, a checked bullet, an unmeasured one and one at 144 %. */
const OUTLINE = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Grow revenue', '- [x] Sign 3 partners', '- Reach $1M ARR', '- Hire 2 AEs => 144%');

/** Strict, five key results, one measured: 1 of 5. */
const PARTIAL = md(
  '---',
  'okr: strategic',
  'cycle: 2026-Q4',
  '---',
  '## Objective: Keep customers {#keep}',
  '',
  '- KR: Raise NPS [start:: 30] [target:: 50] [current:: 40]',
  '- KR: Cut churn',
  '- KR: Answer faster',
  '- KR: Publish a help centre',
  '- KR: Train the team',
);

/** Strict, every key result measured: nothing new to say. */
const STRICT = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Grow revenue {#grow}', '', '- KR: Sign partners [target:: 4] [current:: 1]', '- [x] KR: Launch the site');

function analysisOf(files: Record<string, string>) {
  return analyzeFiles(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { config: defaultConfig(), today: parseIsoDay(TODAY)! },
  );
}

/** The markdown report's lines down to the timeline. */
function reportLines(files: Record<string, string>): string[] {
  const text = formatMarkdownReport(buildReport(analysisOf(files)));
  return text.split('\n## Timeline')[0]!.trimEnd().split('\n');
}

function dashboardTree(files: Record<string, string>): string {
  const body = renderDashboardBody(buildDashboard(analysisOf(files)));
  return body.slice(body.indexOf('<section class="tree"'), body.indexOf('<section class="timelines"'));
}

describe('views of outline documents and partial measurement (issue 14)', () => {
  describe('wording (okr/report/format.ts)', () => {
    it('says how many key results are measured only when some but not all are', () => {
      assert.equal(measuredText(5, 1), '1 of 5 key results measured');
      assert.equal(measuredText(2, 1), '1 of 2 key results measured');
      assert.equal(measuredText(5, 5), undefined);
      assert.equal(measuredText(5, 0), undefined);
      assert.equal(measuredText(0, 0), undefined);
    });

    it('states over-achievement as the percentage written', () => {
      assert.equal(overAchievedText(1.44), '144 % — over-achieved');
    });
  });

  describe('markdown report', () => {
    it('an outline document: measured count, the note on the objective, and the over-achieved key result at 100 %', () => {
      assert.deepEqual(reportLines({ 'growth.md': OUTLINE }), [
        '# OKR progress, 2026-11-25',
        '',
        'Overall progress of 1 top-level strategic objective: 67 %',
        '',
        '- ▰▰▰▰▰▰▰▱▱▱ 67 % **Grow revenue** · strategic · 2026-Q4 · 2 of 3 key results measured · `growth.md:5` · _read from the outline_',
        '  - KR ✓ 100 % Sign 3 partners',
        '  - KR unmeasured Reach $1M ARR',
        '  - KR ✓ 100 % Hire 2 AEs · 144 % — over-achieved',
      ]);
    });

    it('a strict objective with 1 of 5 key results measured says so, without an outline note', () => {
      const [objective] = reportLines({ 'keep.md': PARTIAL }).filter((line) => line.startsWith('- '));
      assert.equal(objective, '- ▰▱▱▱▱▱▱▱▱▱ 10 % **Keep customers** · strategic · 2026-Q4 · 1 of 5 key results measured · `keep.md:5`');
    });

    it('a strict document with every key result measured reads exactly as before', () => {
      assert.deepEqual(reportLines({ 'strict.md': STRICT }), [
        '# OKR progress, 2026-11-25',
        '',
        'Overall progress of 1 top-level strategic objective: 63 %',
        '',
        '- ▰▰▰▰▰▰▱▱▱▱ 63 % **Grow revenue** · strategic · 2026-Q4 · `strict.md:5`',
        '  - KR 25 % Sign partners',
        '  - KR ✓ 100 % Launch the site',
      ]);
    });
  });

  describe('dashboard page', () => {
    it('an outline document: measured count and outline note in the meta line, over-achievement after the key result', () => {
      const tree = dashboardTree({ 'growth.md': OUTLINE });
      assert.ok(
        tree.includes(
          '<div class="meta">strategic · <span title="2026-10-01 &#8211; 2026-12-31">2026-Q4</span> · <span class="measured" title="Unmeasured key results count as 0 %">2 of 3 key results measured</span> · <span class="location">growth.md:5</span> · <span class="outline-note" title="No Objective: prefix: read from the outline of the document">read from the outline</span></div>',
        ),
        tree,
      );
      // Counted as 100 % (bar and percentage), stated as 144 %.
      assert.ok(
        tree.includes(
          'aria-label="100 % done"><rect class="track" width="100" height="8"/><rect class="fill" width="100" height="8"/></svg><span class="pct">100 %</span> <span class="kr-title">Hire 2 AEs</span> <span class="over-achieved" title="Counts as 100 % in roll-ups">144 % &#8212; over-achieved</span></li>',
        ),
        tree,
      );
      // The objective says it for its key results: no note on each of them.
      assert.equal(tree.match(/>read from the outline</g)?.length, 1);
    });

    it('a strict objective with 1 of 5 key results measured says so', () => {
      const tree = dashboardTree({ 'keep.md': PARTIAL });
      assert.match(tree, /<span class="measured" title="Unmeasured key results count as 0 %">1 of 5 key results measured<\/span> · <span class="location">keep\.md:5<\/span><\/div>/);
      assert.doesNotMatch(tree, /outline|over-achieved/);
    });

    it('a strict document with every key result measured shows none of it', () => {
      const tree = dashboardTree({ 'strict.md': STRICT });
      assert.doesNotMatch(tree, /measured<|outline|over-achieved/);
      assert.ok(tree.includes('<div class="meta">strategic · <span title="2026-10-01 &#8211; 2026-12-31">2026-Q4</span> · <span class="location">strict.md:5</span></div>'));
    });
  });

  describe('okr check counts objectives and key results', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const file = (path: string, warnings = 0) => ({ path, diagnostics: Array.from({ length: warnings }, () => ({ ...makeDiagnostic('no-objectives', range, 'read as nothing'), severity: 'warning' as const })) });

    it('in the text summary, clean or not, singular and plural', () => {
      const clean: CheckResult = { files: [file('a.md'), file('b.md'), file('c.md')], objectives: 12, keyResults: 40 };
      assert.equal(formatTextSummary(clean), 'okr: 3 OKR documents checked, 12 objectives, 40 key results, no problems\n');
      assert.equal(formatTextSummary({ files: [file('a.md')], objectives: 1, keyResults: 1 }), 'okr: 1 OKR document checked, 1 objective, 1 key result, no problems\n');
      const unread: CheckResult = { files: [file('a.md', 1), file('b.md', 1), file('c.md', 1)], objectives: 0, keyResults: 0 };
      assert.equal(formatTextSummary(unread), 'okr: 3 documents, 0 objectives, 0 key results: 0 errors, 3 warnings, 0 info\n');
    });

    it('in the JSON summary, keyResults next to objectives', () => {
      const json = JSON.parse(formatCheckJson({ files: [file('a.md')], objectives: 2, keyResults: 7 })) as { summary: Record<string, number> };
      assert.deepEqual(json.summary, { files: 1, objectives: 2, keyResults: 7, errors: 0, warnings: 0, infos: 0, hints: 0 });
    });

    describe('the built command (dist/cli.cjs; npm run build first)', function () {
      this.timeout(60_000);
      let folder: string;
      before(() => {
        folder = mkdtempSync(join(tmpdir(), 'okr-views-'));
        writeFile(folder, 'clean/strict.md', STRICT);
        writeFile(folder, 'clean/keep.md', PARTIAL.replace(/- KR: (Cut|Answer|Publish|Train)[^\n]*\n/g, ''));
        writeFile(folder, 'mixed/growth.md', OUTLINE);
        writeFile(folder, 'mixed/keep.md', PARTIAL);
        writeFile(folder, 'unread/notes.md', md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '# Notes', '', 'Nothing here yet.'));
      });
      after(() => rmSync(folder, { recursive: true, force: true }));
      const env = () => ({ ...process.env, OKR_TODAY: TODAY, NO_COLOR: '1' });

      it('clean documents: "2 OKR documents checked, 2 objectives, 3 key results, no problems"', async () => {
        const run = await runCliProcess(['check', '.'], join(folder, 'clean'), env());
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stderr, 'okr: 2 OKR documents checked, 2 objectives, 3 key results, no problems\n');
      });

      it('with problems: the counts come before the problems', async () => {
        const run = await runCliProcess(['check', '.'], join(folder, 'mixed'), env());
        assert.match(run.stderr, /^okr: 2 documents, 2 objectives, 8 key results: 0 errors, 0 warnings, \d+ info\n$/);
        const json = JSON.parse((await runCliProcess(['check', '.', '--format', 'json'], join(folder, 'mixed'), env())).stdout) as { summary: Record<string, number> };
        assert.deepEqual([json.summary.files, json.summary.objectives, json.summary.keyResults], [2, 2, 8]);
      });

      it('a document read as nothing: 0 objectives, 0 key results', async () => {
        const run = await runCliProcess(['check', '.'], join(folder, 'unread'), env());
        assert.match(run.stderr, /^okr: 1 (?:OKR )?document(?: checked)?, 0 objectives, 0 key results[,:]/);
      });
    });
  });
});
