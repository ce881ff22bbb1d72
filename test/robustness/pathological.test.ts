// Pathological input (issue 7), modelled on cmark's pathological tests: each document
// finishes in bounded time with a result or a clear diagnostic, never a crash or a hang.
// The budget is generous (these machines are noisy); without the complexity limits several
// of these take minutes (see the issue note for the times measured).
import assert from 'node:assert/strict';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { COMPLEXITY_LIMITS, complexityProblem } from '../../server/src/okr/parse/complexity.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import type { Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';

const BUDGET_MS = 10_000;
const HEAD = '---\nokr: strategic\ncycle: 2026-Q4\n---\n## Objective: Grow {#grow}\n\n';
const today = parseIsoDay('2026-11-25')!;

function analyse(texts: Record<string, string>): { ms: number; diagnostics: Map<string, Diagnostic[]> } {
  const start = performance.now();
  const index = new WorkspaceIndex();
  for (const [path, text] of Object.entries(texts)) index.set(parseDocument(path, text));
  const analysis = new Analysis(index, { config: defaultConfig(), today });
  const diagnostics = new Map(index.documents().map((d) => [d.path, analysis.diagnostics(d)]));
  for (const document of index.documents()) for (const objective of document.objectives) analysis.progress.objective({ document, objective });
  return { ms: performance.now() - start, diagnostics };
}

function primes(count: number): number[] {
  const found: number[] = [];
  for (let n = 2; found.length < count; n++) if (found.every((p) => n % p !== 0)) found.push(n);
  return found;
}

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

/** name → document; `tooComplex`: whether it must be refused with document-too-complex. */
const CASES: { name: string; text: () => string; tooComplex: boolean }[] = [
  { name: '50,000 nested brackets', text: () => HEAD + '['.repeat(50_000) + 'a' + ']'.repeat(50_000), tooComplex: true },
  { name: '50,000 unclosed brackets on separate lines', text: () => HEAD + lines(50_000, () => '['), tooComplex: true },
  { name: '10,000 nested block quotes', text: () => HEAD + '>'.repeat(10_000) + ' x\n', tooComplex: true },
  { name: '10,000 lines of ever deeper block quotes', text: () => HEAD + lines(10_000, (i) => '> '.repeat(Math.min(i, 60)) + 'x'), tooComplex: true },
  { name: '10,000 nested list items (one line)', text: () => HEAD + '- '.repeat(10_000) + 'x', tooComplex: true },
  { name: '10,000 nested list items (indented)', text: () => HEAD + lines(10_000, (i) => ' '.repeat(2 * i) + '- x'), tooComplex: true },
  { name: '5,000 lines of `- - x`', text: () => HEAD + lines(5_000, () => '- - x'), tooComplex: true },
  { name: '100,000 `*_`', text: () => HEAD + '*_'.repeat(50_000), tooComplex: true },
  { name: '100,000 emphasis openers between letters', text: () => HEAD + '- KR: ' + '*a_'.repeat(33_000), tooComplex: true },
  { name: '30,000 unclosed link destinations', text: () => HEAD + '[a]('.repeat(30_000), tooComplex: true },
  { name: '30,000 wikilinks in one aligns line', text: () => HEAD + 'aligns:: ' + '[[a]], '.repeat(30_000), tooComplex: true },
  { name: '100,000 `<`', text: () => HEAD + '<'.repeat(100_000), tooComplex: true },
  { name: '50,000 backticks', text: () => HEAD + '`'.repeat(50_000) + 'a', tooComplex: true },
  { name: 'a 5 MB document', text: () => HEAD + '- KR: ship it [current:: 5] [target:: 10]\n\nSome prose with `code` and [a link](x.md#y).\n\n'.repeat(50_000), tooComplex: true },
  { name: '6,250 headings each followed by a list', text: () => '---\nokr: strategic\ncycle: 2026-Q4\n---\n' + '## O: t\n- KR: x\n'.repeat(6_250), tooComplex: true },
  { name: '2,000 key results with distinct prime targets (exact sums of unrelated fractions)', text: () => HEAD + primes(2_000).map((p, i) => `- KR: k${i} [current:: 1] [target:: ${p}]`).join('\n'), tooComplex: false },
  { name: 'a 200,000-character line', text: () => HEAD + 'x'.repeat(200_000), tooComplex: false },
  { name: 'a 200,000-character key result', text: () => HEAD + `- KR: ${'word '.repeat(40_000)}[current:: 5] [target:: 10]`, tooComplex: false },
  { name: '900 key results with nested notes (large, but written by people)', text: () => HEAD + lines(900, (i) => `- KR: thing ${i} [current:: 5] [target:: 10] ^k${i}\n  - a note`), tooComplex: false },
  { name: '4,000 balanced brackets in one paragraph', text: () => HEAD + '[a] '.repeat(2_000), tooComplex: false },
];

describe('pathological documents finish in bounded time', function () {
  this.timeout(60_000);

  for (const { name, text, tooComplex } of CASES) {
    it(`${name}: ${tooComplex ? 'refused with document-too-complex' : 'analysed'} within ${BUDGET_MS / 1000} s`, () => {
      const source = text();
      const { ms, diagnostics } = analyse({ 'a.md': source });
      assert.ok(ms < BUDGET_MS, `${name} took ${ms.toFixed(0)} ms`);
      const codes = diagnostics.get('a.md')!.map((d) => d.code);
      if (tooComplex) {
        assert.deepEqual(codes, ['document-too-complex'], `${name}: ${codes.join(', ')}`);
        assert.deepEqual(diagnostics.get('a.md')![0]!.range.start, { line: 0, character: 0 });
      } else {
        assert.ok(!codes.includes('document-too-complex'), `${name} was refused: ${complexityProblem(source)}`);
      }
    });
  }

  it('10,000 objectives aligned in one circle: every reference is align-cycle, in bounded time', () => {
    const texts: Record<string, string> = {};
    const n = 10_000;
    const perFile = 100;
    for (let f = 0; f < n / perFile; f++) {
      const body = lines(perFile, (k) => {
        const i = f * perFile + k;
        return `## Objective: Step ${i} {#o${i}}\n\naligns:: [[o${(i + 1) % n}]]\n\n- KR: done [progress:: 50]\n`;
      });
      texts[`c${f}.md`] = `---\nokr: strategic\ncycle: 2026-Q4\n---\n${body}`;
    }
    const { ms, diagnostics } = analyse(texts);
    assert.ok(ms < 30_000, `took ${ms.toFixed(0)} ms`);
    const cycles = [...diagnostics.values()].flat().filter((d) => d.code === 'align-cycle');
    assert.equal(cycles.length, n);
    assert.match(cycles[0]!.message, /Circular alignment/);
  });

  it('the limits say why, and documents just under them are analysed', () => {
    assert.match(complexityProblem('x'.repeat(COMPLEXITY_LIMITS.maxLength + 1))!, /KB/);
    assert.equal(complexityProblem('x'.repeat(COMPLEXITY_LIMITS.maxLength)), undefined);
    assert.match(complexityProblem(`${'> '.repeat(COMPLEXITY_LIMITS.maxNesting + 1)}x`)!, /nested/);
    assert.equal(complexityProblem(`${'> '.repeat(COMPLEXITY_LIMITS.maxNesting)}x`), undefined);
    assert.equal(complexityProblem('['.repeat(COMPLEXITY_LIMITS.maxDelimitersPerParagraph)), undefined);
    assert.match(complexityProblem('['.repeat(COMPLEXITY_LIMITS.maxDelimitersPerParagraph + 1))!, /paragraph/);
    // A blank line, a heading or a bullet starts a new paragraph.
    const half = '['.repeat(COMPLEXITY_LIMITS.maxDelimitersPerParagraph / 2 + 1);
    assert.equal(complexityProblem(`${half}\n\n${half}`), undefined);
    assert.equal(complexityProblem(`- ${half}\n- ${half}`), undefined);
    assert.match(complexityProblem(`${half}\n${half}`)!, /paragraph/);
  });

  it('a refused document is still an OKR document: its frontmatter is read, and the CLI and server see the diagnostic', () => {
    const document = parseDocument('a.md', HEAD + '- '.repeat(10_000) + 'x');
    assert.equal(document.isOkr, true);
    assert.equal(document.frontmatter.okr?.value, 'strategic');
    assert.deepEqual(document.objectives, []);
    assert.match(document.problems[0]!.message, /not analysed/);
  });
});

describe('hostile YAML frontmatter', function () {
  this.timeout(30_000);
  const fm = (yaml: string) => `---\n${yaml}\n---\n## Objective: Grow {#grow}\n\n- KR: ship [progress:: 10]\n`;

  it('a billion-laughs alias bomb is frontmatter-invalid (or ignored), fast, and expands nothing', () => {
    const bomb = ['okr: strategic', 'cycle: 2026-Q4', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const start = performance.now();
    const document = parseDocument('a.md', fm(bomb.join('\n')));
    assert.ok(performance.now() - start < 2_000);
    assert.equal(document.frontmatter.okr?.value, 'strategic', 'the known keys are still read');
  });

  it('an alias standing for a known key resolves once, and an alias loop does not hang', () => {
    const document = parseDocument('a.md', fm('x: &level strategic\nokr: *level\ncycle: 2026-Q4'));
    assert.equal(document.frontmatter.okr?.value, 'strategic');
    const start = performance.now();
    parseDocument('a.md', fm('okr: &a [*a]\ncycle: 2026-Q4'));
    assert.ok(performance.now() - start < 2_000);
  });

  it('100,000-deep nesting is bounded and never throws', () => {
    for (const yaml of [`okr: strategic\nx: ${'['.repeat(100_000)}`, `okr: strategic\nx: ${'{a: '.repeat(20_000)}`, `okr: strategic\n${Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}`]) {
      const start = performance.now();
      const document = parseDocument('a.md', fm(yaml));
      assert.ok(performance.now() - start < BUDGET_MS);
      assert.ok(Array.isArray(document.problems));
    }
  });

  it('__proto__, constructor and prototype keys leave Object.prototype untouched', () => {
    const document = parseDocument('a.md', fm('okr: strategic\ncycle: 2026-Q4\n__proto__: {polluted: yes}\nconstructor: {prototype: {polluted: yes}}\nowner: Ana'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
    assert.equal(document.frontmatter.owner?.value, 'Ana');
    const keyed = parseDocument('a.md', fm('okr: strategic\n__proto__: strategic\ncycle: 2026-Q4'));
    assert.equal(keyed.frontmatter.okr?.value, 'strategic');
  });

  it('frontmatter opened with ---js is not frontmatter, and is never run', () => {
    (globalThis as Record<string, unknown>).okrPwned = false;
    const text = '---js\n{ okr: (globalThis.okrPwned = true, "strategic") }\n---\n## Objective: Grow {#grow}\n';
    const document = parseDocument('a.md', text);
    assert.equal((globalThis as Record<string, unknown>).okrPwned, false);
    assert.equal(document.isOkr, false, 'not an OKR document: no YAML frontmatter with okr');
    assert.equal(parseDocument('a.okr.md', text).frontmatter.okr, undefined);
  });
});
