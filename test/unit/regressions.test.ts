// Defects found in review, each pinned by the smallest input that showed it.
import assert from 'node:assert/strict';
import { readConfig } from '../../server/src/okr/analysis/config.ts';
import { looksLikeOkrDocument } from '../../server/src/okr/parse/frontmatter.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { parseReferences } from '../../server/src/okr/parse/references.ts';
import { LineIndex } from '../../server/src/okr/model/text.ts';
import { analyze, codes, diagnose, md } from './helpers.ts';

const STRATEGIC = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---'];

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

describe('regressions', () => {
  it('parses a markdown link with 100,000 spaces in linear time', () => {
    const value = `[](${' '.repeat(100_000)}x`;
    const { ms } = timed(() => parseReferences(value, 0, new LineIndex(value)));
    assert.ok(ms < 500, `took ${ms} ms`);
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
    assert.deepEqual(codes(diagnose({ 'cr.md': text }, 'cr.md')), ['strategic-unsupported@4']);
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

  it('stays fast with thousands of unresolved references and a loop of thousands', () => {
    const broken = md('---', 'okr: operational', 'cycle: 2026-11', '---', ...Array.from({ length: 2000 }, (_, i) => [`## Objective: O${i} {#o-${i}}`, '', `aligns:: [[missing-${i}]]`, '', '- KR: a [progress:: 5]', '']).flat());
    const loop = md(...STRATEGIC, ...Array.from({ length: 2000 }, (_, i) => [`## Objective: L${i} {#l-${i}}`, '', `aligns:: [[l-${(i + 1) % 2000}]]`, '', '- KR: a [progress:: 5]', '']).flat());
    const { ms, result } = timed(() => {
      const analysis = analyze({ 'broken.md': broken, 'loop.md': loop });
      return analysis.index.documents().flatMap((d) => analysis.diagnostics(d));
    });
    assert.equal(result.filter((d) => d.code === 'align-unresolved').length, 2000);
    assert.equal(result.filter((d) => d.code === 'align-cycle').length, 2000);
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});
