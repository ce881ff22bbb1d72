// MDX read as markdown (issue 14): maskMdxSyntax blanks top-level import/export statements
// and {/* … */} comments, keeping every offset; parseDocument uses it for `.mdx` paths; the
// file walk finds `.mdx` files; wikilinks name an `.mdx` document without its extension.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMarkdownFile, walkMarkdownFiles } from '../../server/src/fs/files.ts';
import { maskMdxSyntax } from '../../server/src/okr/parse/mdx.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { WATCHED_GLOBS } from '../../server/src/lsp/fileWatching.ts';
import { writeFile } from './cliProcess.ts';
import { assertEachGrowsLinearly } from './growth.ts';
import { codes, diagnose, md } from './helpers.ts';

/** Asserts that masking kept the length and every line break where it was. */
function assertAligned(masked: string, text: string): void {
  assert.equal(masked.length, text.length);
  for (let i = 0; i < text.length; i++) {
    const isBreak = text[i] === '\n' || text[i] === '\r';
    if (isBreak || masked[i] !== ' ') assert.equal(masked[i], text[i], `offset ${i}`);
  }
}

describe('maskMdxSyntax', () => {
  it('blanks import and export statements up to the next blank line, keeping line breaks', () => {
    const text = md('import Chart from "./chart.js"', 'import {', '  a,', '} from "b"', '', '# Title', '', 'export const meta = {', '  title: "x",', '}', '', 'Text');
    const masked = maskMdxSyntax(text);
    assertAligned(masked, text);
    assert.deepEqual(masked.split('\n'), ['', '', '', '', '', '# Title', '', '', '', '', '', 'Text', ''].map((line, i) => (line === '' ? ' '.repeat(text.split('\n')[i]!.length) : line)));
  });

  it('keeps \\r\\n and lone \\r line breaks', () => {
    const text = 'import a from "a"\r\nexport const b = 1\r\r\n# Heading\r\n';
    const masked = maskMdxSyntax(text);
    assertAligned(masked, text);
    assert.equal(masked, `${' '.repeat(17)}\r\n${' '.repeat(18)}\r\r\n# Heading\r\n`);
  });

  it('blanks {/* … */} comments, on one line or across lines', () => {
    const text = md('## Objective: Ship it {/* draft */} {#ship}', '', 'Before {/* a', 'b */} after {/* c */} end');
    const masked = maskMdxSyntax(text);
    assertAligned(masked, text);
    assert.equal(masked, md(`## Objective: Ship it ${' '.repeat(13)} {#ship}`, '', `Before ${' '.repeat(5)}`, `${' '.repeat(5)} after ${' '.repeat(9)} end`));
  });

  it('leaves fenced code, the frontmatter, indented and mid-line words, and unclosed comments alone', () => {
    const text = md(
      '---',
      'okr: operational',
      'import: not ESM',
      '---',
      '```js',
      'import x from "y"',
      '{/* kept */}',
      '```',
      '~~~~',
      'export default 1',
      '~~~',
      '~~~~',
      '  import indented',
      'important: not a statement',
      'exporter',
      'We import goods.',
      'open {/* never closed',
      'nor {/* this',
    );
    assert.equal(maskMdxSyntax(text), text);
  });

  it('grows linearly on long runs of comment openers, statements, fences and line breaks', function () {
    this.timeout(300_000); // a guard against a hang: time is checked as growth (test/unit/growth.ts)
    const run = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    const inputs = (n: number): Record<string, string> => ({
      'unclosed {/* run': run('{/*', n),
      '{/* on every line, one close at the end': `${run('{/*\n', n)}*/}`,
      'closed comments': run('{/* */}', n),
      'one statement of many lines': `import a\n${run('x\n', n)}`,
      'statements': run('import a\n\n', n),
      'fence openers': run('```\n', n),
      'one long line': run('a', n),
      'line breaks': run('\r\n', n),
    });
    for (const text of Object.values(inputs(1000))) assertAligned(maskMdxSyntax(text), text);
    assertEachGrowsLinearly('6,250 → 100,000 characters', (n) => Object.entries(inputs(n)).map(([name, input]) => ({ name, input, call: () => maskMdxSyntax(input) })), { size: 6_250, factor: 16 });
  });
});

describe('.mdx documents', () => {
  const text = md(
    '---',
    'okr: operational',
    'cycle: 2026-11',
    '---',
    'import Chart from "./chart.js"',
    '',
    '## Objective: Faster support {/* draft */} {#support}',
    '',
    'aligns:: [[csat#nps]]',
    '',
    'export const krs = [',
    '- KR: read as a key result only if the statement were not masked',
    ']',
    '',
    '- KR: Train staff  [current:: 8]  [target:: 12]',
    '',
    '<Chart />',
  );

  it('parseDocument masks the ESM and comments of an .mdx path, positions unchanged', () => {
    const document = parseDocument('teams/support.mdx', text);
    assert.equal(document.isOkr, true);
    assert.equal(document.objectives.length, 1);
    const objective = document.objectives[0]!;
    assert.equal(objective.title, 'Faster support');
    assert.equal(objective.id, 'support');
    assert.deepEqual(
      objective.keyResults.map((kr) => [kr.title, kr.range.start.line]),
      [['Train staff', 14]],
    );
    assert.equal(objective.headingRange.start.line, 6);
  });

  it('the same text in a .md file is not masked', () => {
    const document = parseDocument('teams/support.md', text);
    assert.equal(document.objectives[0]!.keyResults.length, 2);
  });

  it('an .mdx document resolves [[name]] and is resolved by it, without its extension', () => {
    const strategic = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Customer satisfaction {#csat}', '', '- KR: NPS  [start:: 30]  [target:: 50]  [current:: 40] ^nps');
    const files = { 'company/csat.mdx': strategic, 'teams/support.mdx': text.replace('[[csat#nps]]', '[[company/csat#nps]]') };
    assert.deepEqual(codes(diagnose(files, 'teams/support.mdx')), []);
  });

  it('files.ts finds .mdx files (and .md), the watcher watches them, and .okr.md stays the naming rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okr-mdx-'));
    try {
      for (const path of ['a.md', 'b.MDX', 'c.mdx', 'd.markdown', 'e.md.txt', 'sub/f.mdx']) writeFile(dir, path, '# x\n');
      assert.deepEqual(
        walkMarkdownFiles(dir).map((file) => file.slice(dir.length + 1).replaceAll('\\', '/')),
        ['a.md', 'b.MDX', 'c.mdx', 'sub/f.mdx'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(isMarkdownFile('x.mdx') && isMarkdownFile('x.md') && !isMarkdownFile('x.mdxx'));
    assert.ok(WATCHED_GLOBS.includes('**/*.mdx'));
    assert.equal(parseDocument('team.okr.mdx', '## Objective: x\n').isOkr, false);
    assert.equal(parseDocument('team.okr.md', '## Objective: x\n').isOkr, true);
  });
});
