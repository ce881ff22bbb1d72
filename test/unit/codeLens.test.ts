// Code lenses (issue 15, SPEC §8): "67 % · 3 aligned · 5 days left" above each objective,
// without the "0 aligned" that every operational objective used to show; and, above an
// objective that aligns to something, what it aligns to with its progress, which opens the
// target (SHOW_LOCATION_COMMAND → window/showDocument) when the client can show documents.
import assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver';
import { codeLenses, SHOW_LOCATION_COMMAND, showLocationRequest } from '../../server/src/features/codeLens.ts';
import type { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { analyze, md } from './helpers.ts';

const COMPANY = md(
  '---', 'okr: strategic', 'cycle: 2026-Q4', '---',
  '## Objective: Enhance customer satisfaction {#csat}', '',
  '- KR: Raise NPS [start:: 32] [target:: 45] [current:: 38] ^nps',
  '- KR: Cut churn [progress:: 60%] ^churn', '',
  '## Objective: Nobody supports this yet {#lonely}', '',
  '- KR: Something [progress:: 10%]', '',
  '## Objective: Grow $(alert) revenue {#grow}', '',
  '- KR: Sell [progress:: 30%] ^sell',
);
const SUPPORT = md(
  '---', 'okr: operational', 'cycle: 2026-11', '---',
  '## Objective: Reduce response time {#support}', '',
  'aligns:: [[csat#nps]], [[csat#nps]]', '',
  '- KR: Answer faster [progress:: 70%]', '',
  '## Objective: Everything at once {#wide}', '',
  'aligns:: [[csat]], [[csat#churn]], [[grow]], [[nowhere]]', '',
  '- KR: Do it all [progress:: 10%]', '',
  '## Objective: Broken {#broken}', '',
  'aligns:: [[nowhere]]', '',
  '- KR: Fix [progress:: 10%]',
);

function lensesOf(analysis: Analysis, path: string, navigation?: Parameters<typeof codeLenses>[2]): CodeLens[] {
  return codeLenses(analysis, analysis.index.get(path)!, navigation);
}

function titlesByLine(lenses: CodeLens[]): [number, string][] {
  return lenses.map((l) => [l.range.start.line, l.command!.title]);
}

describe('code lenses (issue 15)', () => {
  const analysis = analyze({ 'company.md': COMPANY, 'ops/support.md': SUPPORT });

  it('a strategic objective says how many objectives align to it only when some do', () => {
    assert.deepEqual(titlesByLine(lensesOf(analysis, 'company.md')), [
      [4, '53 % · 2 aligned · 36 days left'],
      [9, '10 % · 36 days left · behind pace'],
      [13, '30 % · 1 aligned · 36 days left · behind pace'],
    ]);
  });

  it('an operational objective: its own facts without "0 aligned", then what it aligns to (each target once)', () => {
    const titles = titlesByLine(lensesOf(analysis, 'ops/support.md'));
    assert.ok(titles.every(([, title]) => !/\b0 aligned\b/.test(title)), JSON.stringify(titles));
    assert.deepEqual(titles.filter(([line]) => line === 4), [
      [4, '70 % · 5 days left'],
      [4, 'aligns to Enhance customer satisfaction › Raise NPS · 46 %'],
    ]);
  });

  it('two targets at most, then "+ N more"; unresolved references are not targets', () => {
    const titles = titlesByLine(lensesOf(analysis, 'ops/support.md')).filter(([line]) => line === 10).map(([, t]) => t);
    assert.deepEqual(titles.slice(1), ['aligns to Enhance customer satisfaction · 53 %', 'aligns to Enhance customer satisfaction › Cut churn · 60 %', '+ 1 more']);
    const broken = titlesByLine(lensesOf(analysis, 'ops/support.md')).filter(([line]) => line === 16);
    assert.equal(broken.length, 1, 'only the facts: the diagnostic says the reference is broken');
  });

  it('a target title written with $(…) is not drawn as an icon', () => {
    const text = md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Sell more {#sell-more}', '', 'aligns:: [[grow]]', '', '- KR: Call [progress:: 10%]');
    const titles = lensesOf(analyze({ 'company.md': COMPANY, 'ops/sales.md': text }), 'ops/sales.md').map((l) => l.command!.title);
    assert.deepEqual(titles.slice(1), ['aligns to Grow $\u200b(alert) revenue · 30 %']);
  });

  it('without navigation every lens is text: an empty command, no arguments', () => {
    for (const lens of lensesOf(analysis, 'ops/support.md')) {
      assert.equal(lens.command!.command, '');
      assert.equal(lens.command!.arguments, undefined);
    }
  });

  it('with navigation an "aligns to" lens opens its target: the key result, or the objective heading', () => {
    const uriOf = (path: string) => `file:///ws/${path}`;
    const lenses = lensesOf(analysis, 'ops/support.md', { uriOf });
    const nps = lenses.find((l) => l.command!.title.includes('Raise NPS'))!;
    assert.equal(nps.command!.command, SHOW_LOCATION_COMMAND);
    const npsLine = COMPANY.split('\n').findIndex((l) => l.includes('Raise NPS'));
    assert.deepEqual(nps.command!.arguments?.[0], 'file:///ws/company.md');
    assert.equal((nps.command!.arguments?.[1] as { start: { line: number } }).start.line, npsLine);
    const csat = lenses.find((l) => l.command!.title.startsWith('aligns to Enhance customer satisfaction ·'))!;
    assert.equal((csat.command!.arguments?.[1] as { start: { line: number } }).start.line, 4);
    const facts = lenses.filter((l) => !l.command!.title.startsWith('aligns to'));
    assert.ok(facts.every((l) => l.command!.command === ''), 'the facts lens and "+ N more" stay text');
  });

  it('showLocationRequest: [file URI, range] → a showDocument with the cursor at the start; anything else → undefined', () => {
    const range = { start: { line: 10, character: 2 }, end: { line: 10, character: 30 } };
    assert.deepEqual(showLocationRequest(['file:///ws/company.md', range]), {
      uri: 'file:///ws/company.md',
      selection: { start: range.start, end: range.start },
      takeFocus: true,
    });
    for (const bad of [undefined, [], ['file:///ws/a.md'], [42, range], ['file:///ws/a.md', { start: 1 }], ['command:workbench.action.quit', range], ['https://example.com/a.md', range], ['not a uri', range]]) {
      assert.equal(showLocationRequest(bad), undefined, JSON.stringify(bad));
    }
  });
});
