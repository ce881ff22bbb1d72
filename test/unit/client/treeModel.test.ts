import assert from 'node:assert/strict';
import { ATTENTION_EXPANDED_MAX, expansionOf, objectiveNode, overallProgress, treeNodes, withLoadedChildren, type TreeNodeData } from '../../../client/src/treeModel.ts';
import type { AttentionObjective, ProgressTreeResult, TreeKeyResult, TreeObjective } from '../../../server/src/protocol.ts';
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
  it('labels an objective "69 % title", and describes it as "2026-Q4 · owner"', () => {
    const node = objectiveNode(objective({}));
    assert.equal(node.label, '69 % Enhance customer satisfaction');
    assert.equal(node.description, '2026-Q4 · Leadership team');
    assert.deepEqual(node.icon, { id: 'target' });
    assert.equal(node.state, 'on-track');
    assert.deepEqual([node.uri, node.line, node.character], ['file:///w/company.md', 7, 0]);
  });

  it('puts key results first, then the aligned objectives, each with its own description', () => {
    const child = objective({ id: 'ops', title: 'Answer faster', level: 'operational', owner: null, cycle: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' }, progress: 0.5, path: 'ops.md', line: 3, uri: 'file:///w/ops.md', range: range(3) });
    const node = objectiveNode(objective({ keyResults: [kr(9, 0.46153846153846156), kr(10, null)], children: [child] }));
    assert.deepEqual(node.children.map((c) => [c.kind, c.label, c.description]), [
      ['keyResult', '46 % Key result 9', ''],
      ['keyResult', 'Key result 10', 'unmeasured'],
      ['objective', '50 % Answer faster', '2026-11'],
    ]);
    assert.deepEqual(node.children[2]!.icon, { id: 'milestone' }, 'operational icon');
    assert.notEqual(node.children[2]!.id, node.id, 'ids differ so an objective under two parents can show twice');
  });

  it('chooses the icon by state: problems, done, behind pace, dropped', () => {
    assert.deepEqual(objectiveNode(objective({ diagnostics: { ...none, error: 2 } })).icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
    assert.deepEqual(objectiveNode(objective({ diagnostics: { ...none, warning: 1 } })).icon, { id: 'warning', color: 'problemsWarningIcon.foreground' }, 'a warning is not an error');
    assert.deepEqual(objectiveNode(objective({ keyResults: [kr(9, 0.5, { diagnostics: { ...none, error: 1 } })] })).children[0]!.icon, { id: 'error', color: 'problemsErrorIcon.foreground' });
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
    assert.equal(node.label, '67 % Grow revenue');
    assert.equal(node.description, '2 of 3 measured · 2026-Q4');
    assert.ok(node.tooltip.includes('Progress: 67 % (2 of 3 key results measured; the others count as 0 %)'), node.tooltip);
    assert.ok(node.tooltip.includes('Read from the outline: a heading without the Objective: prefix'), node.tooltip);
  });

  it('shows an over-achieved key result as stated, counted as 100 %, and each key result as read from the outline', () => {
    const [signed, unmeasured, hired] = objectiveNode(outlineObjective()).children;
    assert.deepEqual([signed!.label, unmeasured!.label, hired!.label], ['100 % Sign 3 partners', 'Reach $1M ARR', '144 % Hire 2 AEs']);
    assert.deepEqual([signed!.description, unmeasured!.description, hired!.description], ['', 'unmeasured', 'over-achieved']);
    assert.equal(hired!.state, 'done');
    assert.ok(hired!.tooltip.includes('Progress: 144 % — over-achieved (counts as 100 %)'), hired!.tooltip);
    for (const keyResult of [signed, unmeasured, hired]) assert.ok(keyResult!.tooltip.includes('Read from the outline: a list item or table row without the KR: prefix'), keyResult!.tooltip);
  });

  it('says nothing new for a strict objective with every key result measured, or with none measured', () => {
    for (const [counted, measured] of [[2, 2], [2, 0], [0, 0]] as const) {
      const node = objectiveNode(objective({ keyResultsCounted: counted, keyResultsMeasured: measured, keyResults: [kr(9, 0.5)] }));
      assert.equal(node.description, '2026-Q4 · Leadership team');
      assert.doesNotMatch(node.tooltip, /measured|outline/);
      assert.equal(node.children[0]!.label, '50 % Key result 9');
      assert.doesNotMatch(node.children[0]!.tooltip, /outline|over-achieved/);
    }
  });
});

describe('client: progress tree at the default sidebar width (issue 15)', () => {
  /** What a sidebar of about 300 px shows of a row's label: its first characters. */
  const SHOWN = 35;

  it('puts the percentage first, so that a long title is cut and the percentage is not', () => {
    const long = 'Reduce average support response time to under 2 hours in every region';
    const node = objectiveNode(objective({ title: long, progress: 0.5416666666666666, keyResults: [kr(9, 0.46153846153846156, { title: long })] }));
    assert.ok(node.label.length > SHOWN);
    assert.match(node.label.slice(0, SHOWN), /^54 % Reduce average support/);
    assert.match(node.children[0]!.label.slice(0, SHOWN), /^46 % Reduce average support/);
    // Nothing the sidebar cuts is needed: the description holds only secondary facts.
    assert.doesNotMatch(node.description, /%/);
  });

  it('labels an unmeasured or dropped objective and a cancelled key result without a misleading number', () => {
    const unmeasured = objectiveNode(objective({ progress: null, pace: null }));
    assert.equal(unmeasured.label, 'Enhance customer satisfaction');
    assert.equal(unmeasured.description, 'unmeasured · 2026-Q4 · Leadership team');
    const dropped = objectiveNode(objective({ status: 'dropped', progress: 0.2 }));
    assert.equal(dropped.label, '20 % Enhance customer satisfaction');
    assert.equal(dropped.description, 'dropped · 2026-Q4 · Leadership team');
    const [cancelled] = objectiveNode(objective({ keyResults: [kr(9, null, { cancelled: true })] })).children;
    assert.deepEqual([cancelled!.label, cancelled!.description, cancelled!.state], ['Key result 9', 'cancelled', 'dropped']);
  });
});

describe('client: progress tree ids and expansion (issue 15)', () => {
  const child = (extra: Partial<TreeObjective> = {}) =>
    objective({ id: 'ops', title: 'Answer faster', level: 'operational', path: 'ops.md', line: 3, uri: 'file:///w/ops.md', range: range(3), keyResults: [kr(5, 0.5, { uri: 'file:///w/ops.md' })], ...extra });

  it('keeps ids when lines move (an edit above), so VS Code keeps what is expanded', () => {
    const before = objectiveNode(objective({ keyResults: [kr(9, 0.5), kr(10, null, { id: null })], children: [child()] }));
    const after = objectiveNode(objective({ line: 12, range: range(12), keyResults: [kr(14, 0.5, { id: 'kr9' }), kr(15, null, { id: null })], children: [child({ line: 8, range: range(8) })] }));
    const ids = (node: TreeNodeData): string[] => [node.id, ...node.children.flatMap(ids)];
    assert.deepEqual(ids(after), ids(before));
  });

  it('gives every node of the tree its own id: an objective under two parents, and duplicated ids', () => {
    const shared = child();
    const twin = objective({ id: 'csat', line: 30, range: range(30), keyResults: [kr(31, 0.1, { id: 'same' }), kr(32, 0.2, { id: 'same' })] });
    const result: ProgressTreeResult = {
      version: 1,
      today: '2026-11-25',
      objectives: [objective({ children: [shared] }), objective({ id: 'platform', line: 20, range: range(20), children: [shared] }), twin],
      attention: [{ ...shared, reasons: ['error'] }],
    };
    const ids = (nodes: TreeNodeData[]): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children)]);
    const all = ids(treeNodes(result));
    assert.equal(new Set(all).size, all.length, all.join('\n'));
    assert.equal(all.length, 1 + 2 + 1 + 2 + 1 + 2 + 3, 'attention group + entry + its key result, two parents with the shared child and its key result, the twin and its two');
  });

  it('opens the top objectives on their key results and aligned objectives, which stay collapsed', () => {
    const [root] = treeNodes({ version: 1, today: '2026-11-25', objectives: [objective({ keyResults: [kr(9, 0.5)], children: [child()] })] });
    assert.equal(expansionOf(root!), 'expanded');
    const [keyResult, aligned] = root!.children;
    assert.equal(expansionOf(keyResult!), 'none');
    assert.equal(expansionOf(aligned!), 'collapsed');
    assert.equal(expansionOf(objectiveNode(objective({}))), 'none', 'nothing below');
  });

  it('leaves a top objective collapsed while its aligned objectives are still to load, and loads them a level deeper', () => {
    const [root] = treeNodes({ version: 1, today: '2026-11-25', objectives: [objective({ keyResults: [kr(9, 0.5)], childCount: 2 })] });
    assert.equal(root!.unloaded, 2);
    assert.equal(expansionOf(root!), 'collapsed');
    const loaded = treeNodes({ version: 1, today: '2026-11-25', objectives: [child(), child({ id: 'other', line: 20, range: range(20) })], attention: [] }, root);
    assert.deepEqual(loaded.map((n) => [n.depth, n.id.startsWith(`${root!.id}/`), expansionOf(n)]), [[1, true, 'collapsed'], [1, true, 'collapsed']]);
    const complete = withLoadedChildren(root!, loaded);
    assert.deepEqual(complete.children.map((n) => n.kind), ['keyResult', 'objective', 'objective']);
  });
});

describe('client: the group of objectives that need attention (issue 15)', () => {
  function broken(extra: Partial<AttentionObjective> = {}): AttentionObjective {
    return {
      ...objective({ id: 'first-week', title: 'Make the first week a delight', level: 'operational', cycle: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' }, uri: 'file:///w/onboarding.md', line: 7, range: range(7), diagnostics: { ...none, error: 1 }, progress: 0.25, childCount: 3, keyResults: [kr(11, 0.5, { uri: 'file:///w/onboarding.md' })] }),
      reasons: ['error', 'unaligned'],
      ...extra,
    };
  }
  const result = (attention: AttentionObjective[] | undefined, more?: number): ProgressTreeResult => ({
    version: 1,
    today: '2026-11-25',
    objectives: [objective({ progress: 0.5 })],
    ...(attention ? { attention } : {}),
    ...(more ? { moreAttention: more } : {}),
  });

  it('comes first, with a count, and lists each objective clickable to its place, with why', () => {
    const [group, root] = treeNodes(result([broken(), broken({ id: 'loose', title: 'Loose ends', line: 20, range: range(20), cycle: null, reasons: ['noCycle'], diagnostics: none })]));
    assert.deepEqual([group!.kind, group!.label, group!.description, group!.depth], ['attention', 'Needs attention', '2 objectives', 0]);
    assert.equal(root!.label, '50 % Enhance customer satisfaction');
    assert.equal(expansionOf(group!), 'expanded');
    const [first, second] = group!.children;
    assert.deepEqual([first!.label, first!.description, first!.uri, first!.line, first!.depth], ['25 % Make the first week a delight', '1 error · aligns to nothing · 2026-11', 'file:///w/onboarding.md', 7, 1]);
    assert.ok(first!.tooltip.includes('Needs attention: 1 error (see the Problems panel); it aligns to no strategic objective or key result that exists'), first!.tooltip);
    assert.deepEqual([second!.label, second!.description], ['25 % Loose ends', 'no cycle']);
    // Its key results are there to click; its aligned objectives are in the tree, not loaded here.
    assert.deepEqual(first!.children.map((n) => n.kind), ['keyResult']);
    assert.equal(first!.unloaded, 0);
    assert.equal(expansionOf(first!), 'collapsed');
  });

  it('says when the cycles shown have no objectives, where the view\'s welcome would, and offers all cycles', () => {
    const nodes = treeNodes({ ...result([broken()]), objectives: [] });
    assert.deepEqual(nodes.map((n) => [n.kind, n.label]), [['attention', 'Needs attention'], ['showAll', 'Show All Cycles']]);
    assert.equal(expansionOf(nodes[1]!), 'none');
    assert.deepEqual(treeNodes({ ...result(undefined), objectives: [] }), [], 'with nothing at all, the view\'s welcome says it');
  });

  it('is absent when nothing needs attention, or from a server that does not send it', () => {
    for (const attention of [[], undefined]) {
      const nodes = treeNodes(result(attention));
      assert.deepEqual(nodes.map((n) => n.kind), ['objective']);
    }
  });

  it('counts the objectives the server left out, and opens collapsed when long', () => {
    const many = Array.from({ length: ATTENTION_EXPANDED_MAX + 1 }, (_, i) => broken({ id: `o${i}`, line: 10 * i, range: range(10 * i) }));
    const [group] = treeNodes(result(many, 5));
    assert.equal(group!.description, `${ATTENTION_EXPANDED_MAX + 6} objectives`);
    assert.equal(group!.children.length, ATTENTION_EXPANDED_MAX + 1);
    assert.match(group!.tooltip, /The first 11 are listed/);
    assert.equal(expansionOf(group!), 'collapsed');
    const [one] = treeNodes(result([broken()]));
    assert.equal(one!.description, '1 objective');
  });

  it('leaves the status bar number alone', () => {
    const strategic = broken({ level: 'strategic', progress: 0 });
    assert.equal(overallProgress(result([strategic])), 0.5);
  });
});
