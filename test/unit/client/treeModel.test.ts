import assert from 'node:assert/strict';
import { objectiveNode, overallProgress, treeNodes } from '../../../client/src/treeModel.ts';
import type { ProgressTreeResult, TreeKeyResult, TreeObjective } from '../../../server/src/protocol.ts';
import { analyze, md } from '../helpers.ts';
import { buildReport } from '../../../server/src/okr/report/report.ts';

const none = { error: 0, warning: 0, info: 0, hint: 0 };
const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 20 } });

function kr(line: number, progress: number | null, extra: Partial<TreeKeyResult> = {}): TreeKeyResult {
  return { id: `kr${line}`, title: `Key result ${line}`, progress, line, uri: 'file:///w/company.md', range: range(line), diagnostics: none, ...extra };
}

function objective(extra: Partial<TreeObjective>): TreeObjective {
  return {
    id: 'csat',
    title: 'Enhance customer satisfaction',
    level: 'strategic',
    status: 'active',
    owner: 'Leadership team',
    cycle: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
    progress: 0.6871794871794872,
    path: 'company.md',
    line: 7,
    uri: 'file:///w/company.md',
    range: range(7),
    diagnostics: none,
    pace: { expected: 0.6086956521739131, behind: false },
    daysLeft: 36,
    keyResults: [],
    children: [],
    childCount: 0,
    ...extra,
  };
}

describe('client: progress tree items', () => {
  it('labels an objective with its title and describes it as "69 % · 2026-Q4 · owner"', () => {
    const node = objectiveNode(objective({}));
    assert.equal(node.label, 'Enhance customer satisfaction');
    assert.equal(node.description, '69 % · 2026-Q4 · Leadership team');
    assert.deepEqual(node.icon, { id: 'target' });
    assert.equal(node.state, 'on-track');
    assert.deepEqual([node.uri, node.line, node.character], ['file:///w/company.md', 7, 0]);
  });

  it('puts key results first, then the aligned objectives, each with its own description', () => {
    const child = objective({ id: 'ops', title: 'Answer faster', level: 'operational', owner: null, cycle: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' }, progress: 0.5, path: 'ops.md', line: 3, uri: 'file:///w/ops.md', range: range(3) });
    const node = objectiveNode(objective({ keyResults: [kr(9, 0.46153846153846156), kr(10, null)], children: [child] }));
    assert.deepEqual(node.children.map((c) => [c.kind, c.label, c.description]), [
      ['keyResult', 'Key result 9', '46 %'],
      ['keyResult', 'Key result 10', '—'],
      ['objective', 'Answer faster', '50 % · 2026-11'],
    ]);
    assert.deepEqual(node.children[2]!.icon, { id: 'milestone' }, 'operational icon');
    assert.notEqual(node.children[2]!.id, node.id, 'ids differ so an objective under two parents can show twice');
  });

  it('chooses the icon by state: problems, done, behind pace, dropped', () => {
    assert.deepEqual(objectiveNode(objective({ diagnostics: { ...none, error: 2 } })).icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
    assert.deepEqual(objectiveNode(objective({ progress: 1 })).icon, { id: 'pass-filled', color: 'testing.iconPassed' });
    assert.deepEqual(objectiveNode(objective({ progress: 0.2, pace: { expected: 0.6, behind: true } })).icon, { id: 'warning', color: 'problemsWarningIcon.foreground' });
    assert.deepEqual(objectiveNode(objective({ status: 'dropped' })).state, 'dropped');
    assert.deepEqual(objectiveNode(objective({ progress: null, pace: null })).state, 'unmeasured');
  });

  it('writes a tooltip with details, and escapes document text so it cannot become links or HTML', () => {
    const node = objectiveNode(
      objective({ title: 'Win <img src=x onerror=alert(1)> [x](command:workbench.action.terminal.sendSequence)', owner: '**Ops**', pace: { expected: 0.8, behind: true }, diagnostics: { ...none, warning: 1 } }),
    );
    const title = node.tooltip.split('\n\n')[0]!;
    assert.equal(title, '**Win \\<img src=x onerror=alert\\(1\\)\\> \\[x\\]\\(command:workbench.action.terminal.sendSequence\\)** · #csat');
    assert.ok(node.tooltip.includes('\\<img src=x onerror=alert\\(1\\)\\>'), node.tooltip);
    assert.ok(node.tooltip.includes('Owner: \\*\\*Ops\\*\\*'), node.tooltip);
    assert.ok(node.tooltip.includes('strategic · 2026\\-Q4 (2026-10-01 – 2026-12-31)') || node.tooltip.includes('strategic · 2026-Q4 (2026-10-01 – 2026-12-31)'), node.tooltip);
    assert.ok(node.tooltip.includes('Progress: 69 % · expected 80 % · **behind pace**'), node.tooltip);
    assert.ok(node.tooltip.includes('36 days left'), node.tooltip);
    assert.ok(node.tooltip.includes('Problems: 1 warning'), node.tooltip);
  });

  it('maps a whole result, and computes the status bar number from the active strategic roots', () => {
    const result: ProgressTreeResult = {
      version: 1,
      today: '2026-11-25',
      objectives: [objective({ progress: 0.5 }), objective({ id: 'b', progress: 1, line: 20, range: range(20) }), objective({ id: 'c', progress: null, line: 30, range: range(30) }), objective({ id: 'd', status: 'dropped', progress: 0, line: 40, range: range(40) })],
    };
    assert.equal(treeNodes(result).length, 4);
    assert.equal(overallProgress(result), 0.75);
    assert.equal(overallProgress({ ...result, objectives: [] }), null);
  });
});

describe('client: progress tree items of documents read from the outline (issue 14)', () => {
  /** The outline document, as the server's okr/progressTree sends it (located). */
  function outlineObjective(): TreeObjective {
    const text = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Grow revenue', '- [x] Sign 3 partners', '- Reach $1M ARR', '- Hire 2 AEs => 144%');
    const [reported] = buildReport(analyze({ 'growth.md': text })).objectives;
    const { keyResults, children, ...rest } = reported!;
    assert.deepEqual(children, []);
    return objective({ ...rest, keyResults: keyResults.map((k) => kr(k.line, k.progress, { ...k })) });
  }

  it('describes and explains an objective with some key results measured, and says it was read from the outline', () => {
    const node = objectiveNode(outlineObjective());
    assert.equal(node.description, '67 % · 2 of 3 key results measured · 2026-Q4');
    assert.ok(node.tooltip.includes('Progress: 67 % (2 of 3 key results measured; the others count as 0 %)'), node.tooltip);
    assert.ok(node.tooltip.includes('Read from the outline: a heading without the Objective: prefix'), node.tooltip);
  });

  it('shows an over-achieved key result as stated, counted as 100 %, and each key result as read from the outline', () => {
    const [signed, unmeasured, hired] = objectiveNode(outlineObjective()).children;
    assert.deepEqual([signed!.description, unmeasured!.description, hired!.description], ['100 %', '—', '144 % — over-achieved']);
    assert.equal(hired!.state, 'done');
    assert.ok(hired!.tooltip.includes('Progress: 144 % — over-achieved (counts as 100 %)'), hired!.tooltip);
    for (const keyResult of [signed, unmeasured, hired]) assert.ok(keyResult!.tooltip.includes('Read from the outline: a list item or table row without the KR: prefix'), keyResult!.tooltip);
  });

  it('says nothing new for a strict objective with every key result measured, or with none measured', () => {
    for (const [counted, measured] of [[2, 2], [2, 0], [0, 0]] as const) {
      const node = objectiveNode(objective({ keyResultsCounted: counted, keyResultsMeasured: measured, keyResults: [kr(9, 0.5)] }));
      assert.equal(node.description, '69 % · 2026-Q4 · Leadership team');
      assert.doesNotMatch(node.tooltip, /measured|outline/);
      assert.equal(node.children[0]!.description, '50 %');
      assert.doesNotMatch(node.children[0]!.tooltip, /outline|over-achieved/);
    }
  });
});
