// The dashboard on any workspace (issue 8): for random OKR-shaped workspaces, with document
// text full of markup, quotes, Mermaid separators and line breaks, the dashboard data, the
// HTML page and the Mermaid blocks are built without throwing; the page is inert; every
// timeline stays inside its span; and Mermaid (the gantt parser GitHub uses) reads every
// block with exactly the tasks it was given.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { buildDashboard } from '../../server/src/okr/report/dashboard.ts';
import { buildReport } from '../../server/src/okr/report/report.ts';
import { timelines } from '../../server/src/okr/report/timeline.ts';
import { indexFiles } from '../../server/src/okr/engine.ts';
import { renderDashboardHtml } from '../../server/src/dashboard/html.ts';
import { formatMarkdownReport } from '../../server/src/cli/formats/markdownReport.ts';
import { assertInert } from '../unit/htmlInert.ts';
import { CYCLES, TODAYS, workspace } from './arbitraries.ts';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261125;
const SCALE = process.env.FC_RUNS_SCALE ? Number(process.env.FC_RUNS_SCALE) : 1;
const params = (numRuns: number, salt: number): fc.Parameters<unknown> => ({ seed: SEED + salt, numRuns: Math.max(1, Math.round(numRuns * SCALE)) });

/** Text an author could write in a title, an owner or a key result, hostile characters included. */
const hostileText = fc
  .array(
    fc.constantFrom(
      '<', '>', '"', "'", '&', '`', ':', ';', '#', '%', '%%', '{', '}', '[', ']', '(', ')', '|', '\\', '*', '_',
      'a', 'b', ' ', '  ', 'é', '🎯', '\u2028', '\u00a0', '<script>', '</style>', '<img src=x onerror=alert(1)>', 'javascript:', '{{x}}',
      'section ', 'title ', 'click ', 'excludes ', 'dateFormat ', '2026-12-01 ', 'todayMarker ', 'accTitle: ', '```', '-->', '&#60;',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** A strategic document and operational documents aligned to it, every text hostile. */
const hostileWorkspace = fc
  .record({
    strategicCycle: fc.constantFrom('2026-Q4', '2026', '2026-10-01..2026-12-31', 'FY2027', '2026-H2'),
    title: hostileText,
    owner: hostileText,
    keyResult: hostileText,
    operational: fc.array(fc.record({ title: hostileText, owner: hostileText, cycle: fc.constantFrom(...CYCLES, '2026-11', '2026-12-15..2027-01-10') }), { maxLength: 4 }),
  })
  .map(({ strategicCycle, title, owner, keyResult, operational }) => {
    const oneLine = (text: string) => text.replace(/[\r\n\u2028]+/g, ' ');
    const files: Record<string, string> = {
      'company.md': ['---', 'okr: strategic', `cycle: ${strategicCycle}`, '---', `## Objective: ${oneLine(title)} {#root}`, '', `owner:: ${oneLine(owner)}`, '', `- KR: ${oneLine(keyResult)}  [progress:: 40] ^k`, ''].join('\n'),
    };
    operational.forEach((o, i) => {
      files[`ops/${i}.md`] = ['---', 'okr: operational', `cycle: ${o.cycle}`, '---', `## Objective: ${oneLine(o.title)}`, '', 'aligns:: [[root#k]]', `owner:: ${oneLine(o.owner)}`, '', `- [x] KR: ${oneLine(o.title)}`, ''].join('\n');
    });
    return files;
  });

function analysisOf(files: Record<string, string>, today: string): Analysis {
  return new Analysis(indexFiles(Object.entries(files).map(([path, text]) => ({ path, text }))), { config: defaultConfig(), today: parseIsoDay(today)! });
}

interface Mermaid {
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: unknown }> };
}

describe('robustness: the dashboard on any workspace (fast-check)', function () {
  this.timeout(120_000);
  let mermaid: Mermaid;

  before(async () => {
    const { default: purify } = await import('dompurify');
    // Without a window DOMPurify has no hooks; Mermaid only needs them to exist to parse.
    if (typeof purify.addHook !== 'function') Object.assign(purify, { addHook() {}, removeHook() {}, removeHooks() {}, sanitize: (text: unknown) => String(text) });
    mermaid = (await import('mermaid')).default as unknown as Mermaid;
    await mermaid.parse('gantt\n  dateFormat YYYY-MM-DD\n  x :2026-11-01, 1d\n'); // registers the diagram types
  });

  const check = async (files: Record<string, string>, today: string) => {
    const analysis = analysisOf(files, today);
    const dashboard = buildDashboard(analysis);
    const page = renderDashboardHtml(dashboard, { hrefOf: (path) => path.split('/').map(encodeURIComponent).join('/') });
    assertInert(page);
    assertInert(renderDashboardHtml(dashboard, { interactive: true, script: 'void 0', version: 1 }).replace(/<script nonce="[^"]*">[^<]*<\/script>/, ''));
    for (const timeline of timelines(dashboard.objectives, dashboard.today)) {
      for (const span of [timeline.band, ...timeline.bars]) {
        assert.ok(span.left >= 0 && span.width > 0 && span.left + span.width <= 100.02, JSON.stringify(span));
      }
      assert.ok(timeline.today === null || (timeline.today > 0 && timeline.today <= 100), String(timeline.today));
      assert.ok(timeline.ticks.every((t) => t.at >= 0 && t.at < 100));
    }
    const report = buildReport(analysis);
    const markdown = formatMarkdownReport(report);
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const expected = timelines(report.objectives, report.today);
    assert.equal(blocks.length, expected.length);
    for (const [i, block] of blocks.entries()) {
      const { db } = await mermaid.mermaidAPI.getDiagramFromText(block);
      const tasks = (db as { getTasks(): unknown[] }).getTasks();
      assert.equal(tasks.length, 1 + (expected[i]!.today === null ? 0 : 1) + expected[i]!.bars.length, block);
    }
  };

  it('random OKR-shaped workspaces', async () => {
    await fc.assert(fc.asyncProperty(workspace, fc.constantFrom(...TODAYS), check), params(150, 11));
  });

  it('hostile titles, owners and key results below every kind of strategic cycle', async () => {
    await fc.assert(fc.asyncProperty(hostileWorkspace, fc.constantFrom(...TODAYS), check), params(150, 12));
  });
});
