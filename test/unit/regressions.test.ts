// Defects found in review, each pinned by the smallest input that showed it.
import assert from 'node:assert/strict';
import { readConfig } from '../../server/src/okr/analysis/config.ts';
import { looksLikeOkrDocument } from '../../server/src/okr/parse/frontmatter.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { parseReferences } from '../../server/src/okr/parse/references.ts';
import { LineIndex } from '../../server/src/okr/model/text.ts';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';
import { assertLinearGrowth } from './growth.ts';
import { codes, diagnose, md, TODAY } from './helpers.ts';

const STRATEGIC = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---'];

describe('regressions', () => {
  it('parses a markdown link with 100,000 spaces in linear time', function () {
    this.timeout(300_000); // a guard against a hang: time is checked as growth
    const link = (spaces: number) => `[](${' '.repeat(spaces)}x`;
    assertLinearGrowth('a markdown link with 6,250 → 100,000 spaces', (spaces) => {
      const text = link(spaces);
      return () => parseReferences(text, 0, new LineIndex(text));
    }, { size: 6_250, factor: 16 });
  });

  it('reads the destination and title of markdown links by hand', () => {
    const value = '[a]( <x y.md#^k> "t") [b](f.md#csat \'t\')';
    const references = parseReferences(value, 0, new LineIndex(value));
    assert.deepEqual(references.map((r) => [r.target, r.fragment, r.blockRef]), [['x y.md', 'k', true], ['f.md', 'csat', false]]);
    assert.deepEqual(references.map((r) => value.slice(r.fragmentRange!.start.character, r.fragmentRange!.end.character)), ['k', 'csat']);
  });

  it('recognises flow-style and indented frontmatter with the key okr', () => {
    const flow = md('---', '{okr: operational, cycle: 2026-11}', '---', '## Objective: X', '', 'aligns:: [[nope]]', '', '- KR: a [progress:: 5]');
    assert.ok(looksLikeOkrDocument('flow.md', flow));
    assert.deepEqual(codes(diagnose({ 'flow.md': flow }, 'flow.md')), ['align-unresolved@5']);
    assert.equal(looksLikeOkrDocument('notes.md', md('---', 'title: Notes', '---', '# x')), false);
  });

  it('reads frontmatter with lone-CR line ends', () => {
    const text = '---\rokr: strategic\rcycle: 2026-Q4\r---\r## Objective: S\r\r- KR: a [progress:: 5]\r';
    const operational = '---\rokr: operational\rcycle: 2026-11\r---\r## Objective: O\r\r- KR: b [progress:: 5]\r';
    // The level and cycle are read: strategic-unsupported (which needs an operational document
    // in the workspace) on the objective, and no level-missing or cycle-missing.
    assert.deepEqual(codes(diagnose({ 'cr.md': text, 'op.md': operational }, 'cr.md')), ['strategic-unsupported@4']);
    assert.deepEqual(codes(diagnose({ 'cr.md': text, 'op.md': operational }, 'op.md')), ['align-missing@4']);
    // Alone, a strategic document gets no strategic-unsupported, and nothing else.
    assert.deepEqual(codes(diagnose({ 'cr.md': text }, 'cr.md')), []);
  });

  it('takes {#id} in inline code as title text, accepts pandoc attributes, and gives a malformed id no id', () => {
    const document = parseDocument(
      'a.md',
      md(...STRATEGIC, '## Objective: Ship `{#s}`', '', '## Objective: Pandoc {#pd .wide data-x=1}', '', '## Objective: Bad {#bad id}'),
    );
    assert.deepEqual(
      document.objectives.map((o) => [o.id, o.idExplicit]),
      [['ship-s', false], ['pd', true], [null, false]],
    );
    assert.deepEqual(document.problems.map((p) => `${p.code}@${p.range.start.line}`), ['field-invalid@8']);
  });

  it('does not resolve a markdown link that climbs above the workspace root', () => {
    const files = {
      'company.md': md(...STRATEGIC, '## Objective: C {#csat}', '', '- KR: a [progress:: 5]'),
      'okrs/a.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: A', '', 'aligns:: [x](../../../elsewhere/../company.md#csat)', '', '- KR: a [progress:: 5]'),
    };
    const diagnostics = diagnose(files, 'okrs/a.md');
    assert.deepEqual(codes(diagnostics), ['align-unresolved@6']);
    assert.match(diagnostics[0]!.message, /outside the workspace/);
  });

  it('falls back to a document name when the objective with that id has no such key result', () => {
    const files = {
      'teams/sup.md': md(...STRATEGIC, '## Objective: Support {#sup}', '', '- KR: a [progress:: 5]', '', '## Objective: Speed {#speed}', '', '- KR: b [progress:: 5]'),
      'ops.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: O', '', 'aligns:: [[sup#Speed]]', '', '- KR: a [progress:: 5]'),
    };
    assert.deepEqual(codes(diagnose(files, 'ops.md')), []);
  });

  it('sorts config problems and applies the config\'s own severity to them', () => {
    const { problems } = readConfig('{\n"maxKeyResults": "x",\n"bogus": 1,\n"severity": {"config-invalid": "warning", "nope": "off"}\n}');
    assert.deepEqual(problems.map((p) => [p.range.start.line, p.severity]), [[1, 'warning'], [2, 'warning'], [3, 'warning']]);
  });

  it('reports an empty frontmatter cycle as cycle-invalid on its line', () => {
    const text = md('---', 'okr: strategic', 'cycle: ""', '---', '## Objective: X', '', '- KR: a [progress:: 5]');
    assert.deepEqual(codes(diagnose({ 'e.md': text }, 'e.md')), ['cycle-invalid@2']);
  });

  it('stays linear with thousands of unresolved references and a loop of thousands', function () {
    this.timeout(300_000); // a guard against a hang: time is checked as growth
    // Parsed once for each size, outside the measure: micromark is superlinear in separate
    // lists (up to the complexity limit of 2,000); what must stay linear is the analysis.
    /** n objectives aligned to n missing ids, and n aligned in one loop. */
    const documents = (n: number) => [
      parseDocument('broken.md', md('---', 'okr: operational', 'cycle: 2026-11', '---', ...Array.from({ length: n }, (_, i) => [`## Objective: O${i} {#o-${i}}`, '', `aligns:: [[missing-${i}]]`, '', '- KR: a [progress:: 5]', '']).flat())),
      parseDocument('loop.md', md(...STRATEGIC, ...Array.from({ length: n }, (_, i) => [`## Objective: L${i} {#l-${i}}`, '', `aligns:: [[l-${(i + 1) % n}]]`, '', '- KR: a [progress:: 5]', '']).flat())),
    ];
    /** Indexes and analyses the parsed documents afresh: every diagnostic of both. */
    const analyse = (parsed: ReturnType<typeof documents>) => () => {
      const index = new WorkspaceIndex();
      for (const document of parsed) index.set(document);
      const analysis = new Analysis(index, { config: defaultConfig(), today: parseIsoDay(TODAY)! });
      return index.documents().flatMap((d) => analysis.diagnostics(d));
    };
    const parsed = new Map([500, 2000].map((n) => [n, documents(n)]));
    const result = analyse(parsed.get(2000)!)();
    assert.equal(result.filter((d) => d.code === 'align-unresolved').length, 2000);
    assert.equal(result.filter((d) => d.code === 'align-cycle').length, 2000);
    assertLinearGrowth('analysis of 500 → 2,000 unresolved references and a loop of as many', (n) => analyse(parsed.get(n)!), { size: 500 });
  });
});
