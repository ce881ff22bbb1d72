// The fast path in front of remark (okr/parse/fastMarkdown.ts) must give the same model as
// remark-parse, byte for byte: fast path on vs off over the generated bench workspace, the
// robustness arbitraries, generators aimed at the edges of its subset and every markdown
// document in the repository, with LF, CRLF and CR. Where it reads a document, its mdast must
// also equal remark's in what extraction reads (types, offsets, depths, text, list kinds).
// Run again on every upgrade of remark-parse or micromark.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { parseMarkdownFast } from '../../server/src/okr/parse/fastMarkdown.ts';
import { parseMarkdown } from '../../server/src/okr/parse/markdown.ts';
import { planWorkspace } from '../../bench/generate.mjs';
import { encode, okrDocument, randomMarkdown, randomOkrishMarkdown, withLineEnding, withMixedLineEndings, type LineEnding } from '../robustness/arbitraries.ts';

const EOLS: LineEnding[] = ['\n', '\r\n', '\r'];

/** What extraction reads of a node, for comparing two trees (not `spread`, which it does not read). */
function projection(node: Nodes): unknown {
  return {
    type: node.type,
    start: node.position?.start.offset,
    end: node.position?.end.offset,
    ...('value' in node ? { value: node.value } : {}),
    ...('depth' in node ? { depth: node.depth } : {}),
    ...(node.type === 'list' ? { ordered: node.ordered, listStart: node.start } : {}),
    ...('children' in node ? { children: (node.children as Nodes[]).map(projection) } : {}),
  };
}

/**
 * True when the fast path read all of `text`; throws when its model, or its mdast (sections
 * read by remark included), differs from remark's reading of the whole document.
 */
function assertSameReading(text: string, file = 'doc.okr.md'): boolean {
  const fast = parseDocument(file, text, undefined, { parser: 'fast' });
  const remark = parseDocument(file, text, undefined, { parser: 'remark' });
  assert.equal(JSON.stringify(fast), JSON.stringify(remark), `model differs for ${JSON.stringify(text)}`);
  const body = text.replace(/^\uFEFF/, '');
  assert.deepEqual(projection(parseMarkdown(body)), projection(parseMarkdown(body, { parser: 'remark' })), `mdast differs for ${JSON.stringify(text)}`);
  return 'root' in parseMarkdownFast(body);
}

const INDENTS = ['', ' ', '  ', '   ', '    ', '     ', '      ', '        '];
const LINES = [
  '',
  '',
  '# Objective: Grow revenue {#grow}',
  '## Key results',
  '### Objective: Ship it',
  '###### six',
  '####### seven',
  '# a ##',
  '# b #  ',
  '## c#',
  '#no space',
  '#',
  '# ',
  '# ###',
  '# `code` heading',
  '## **Bold** heading',
  '- KR: Cut setup time [start:: 30] [target:: 5] [current:: 12] ^setup',
  '- KR 2: Ship [progress:: 40%]',
  '* star item',
  '+ plus item',
  '-  two spaces',
  '-    four spaces',
  '-     five spaces',
  '- ',
  '-',
  '1. first',
  '2. second',
  '1) paren',
  '3) paren three',
  '10. ten',
  '1234567890. too long',
  '- [ ] open box',
  '- [x] done box',
  '- [-] cancelled',
  '- - nested at once',
  '1. - mixed',
  '- 1. mixed',
  '- # heading in item',
  'plain text line',
  'aligns:: [[csat#nps]]',
  'owner:: Sam',
  'cycle:: 2026-Q4',
  'Owner: Sam',
  'with [a link](https://example.com/x) inside',
  'with [[wiki]] and [x] brackets',
  'aligns:: [latency](../strategy/infra-01.md#latency)',
  '[at start](x.md) and [two](y.md#b)',
  'at end [link](https://example.com/)',
  'spaced [ label ](z.md) after ',
  '[[wiki]] then [link](a.md)',
  '[outer [inner](a.md)](b.md)',
  '[a](b.md)](c.md)',
  '[a](<b c>)',
  '[a](b "title")',
  '[](empty-label.md)',
  '[empty dest]()',
  '[snake](a_b.md)',
  'ends with a link [x](y.md) ',
  '[only](link.md)',
  '[é 目标](é.md)',
  '![image](a.png)',
  '[x](y [a](b.md))',
  '[x](y [a](b.md)',
  '[x](y "t [a](b.md)")',
  '[[b](c.md)]',
  '[a [b](c.md) d]',
  '[a][b](c.md)',
  '[a][] [b](c.md)',
  '[[wiki#^x]], [link](a.md#x), [[w|alias]]',
  '[link](a.md), [[wiki]]',
  ']] [a](b.md) [[',
  '[a](b.md)[c](d.md)',
  '[a]  (b.md) [c](d.md)',
  '[a](b.md)] [[c]',
  'x [a] [b](c.md) [d]',
  '[a](b.md)(c)',
  '[a](',
  '(b.md) [c](d.md)',
  '[a]',
  '[a b',
  'c](d.md) [e](f.md)',
  'a **bold** word',
  'an *emphasis*',
  'snake_case_name',
  'an \\* escape',
  'x &amp; y',
  '<b>html</b>',
  '<!-- okr: ignore -->',
  'two trailing spaces  ',
  'one trailing space ',
  'three trailing   ',
  '---',
  '***',
  '- - -',
  '___',
  '===',
  '--',
  '> quote',
  '```',
  '~~~',
  '````',
  '```js',
  '``` `x`',
  '<!--',
  '-->',
  '<!-- one line -->',
  '<pre>',
  '</pre>',
  '<div>',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '| a | b |',
  '|---|---|',
  '[ref]: https://example.com',
  '\tTab indented',
  'a\ttab inside',
  '€ 目标 𝔘 e\u0301',
  '=> 63%',
  '@alice [WIP] P1',
  '**Objective 1:** Grow',
  'Key results:',
  '2026. a year',
  '\u00a0non-breaking start',
];

/** Documents made of lines near the edges of the fast path's subset, with any line endings. */
const edgeDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\nokr: strategic\ncycle: 2026-Q4\n---\n', '---\nokr: operational\n---\n', '---\n---\n', '--- \nokr: x\n---\n'),
    fc.array(fc.tuple(fc.constantFrom(...INDENTS.slice(0, 4), ...INDENTS), fc.constantFrom(...LINES)), { maxLength: 24 }),
    fc.constantFrom<LineEnding | 'mixed'>('\n', '\r\n', '\r', 'mixed'),
    fc.boolean(),
  )
  .map(([front, lines, eol, finalBreak]) => {
    const text = front + lines.map(([indent, line]) => indent + line).join('\n') + (finalBreak ? '\n' : '');
    return eol === 'mixed' ? withMixedLineEndings(text, ['\r\n', '\n', '\r']) : withLineEnding(text, eol);
  });

/** Inside a block that hides headings: what a section cut must never cut through. */
const HIDDEN_LINES = ['', '# Not a heading here', '## Objective: Hidden {#hidden}', '- KR: hidden [progress:: 10]', 'text', '  ```', '~~~', '-->', '</pre>'];
const hidingBlock: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom<[string, string]>(['```', '```'], ['````md', '````'], ['~~~', '~~~'], ['```', '````'], ['~~~', '```'], ['<!--', '-->'], ['<!-- a', 'b -->'], ['<pre>', '</pre>'], ['<?x', '?>'], ['<div>', ''], ['> ```', '> ```'], ['- ```', '  ```'], ['   ```', '```'], ['    ```', '```']),
    fc.array(fc.constantFrom(...HIDDEN_LINES), { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([[open, close], inside, closed]) => [open, ...inside, ...(closed ? [close] : [])].join('\n'));

/** Documents of sections: headings after blank lines, with blocks that hide headings between them. */
const sectionedDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\nokr: strategic\n---\n', '---\n# yaml comment\n\n# still yaml\n---\n'),
    fc.array(
      fc.oneof(
        fc.constantFrom('# Objective: Grow {#grow}', '## Objective: Ship', '### Key results', '# Plain heading', '#\tTabbed heading'),
        fc.constantFrom('- KR: One [progress:: 20]\n- KR: Two [target:: 5] [current:: 2]', 'owner:: Sam\naligns:: [[grow]]', 'Some **bold** text', '| a | b |\n|---|---|\n| 1 | 2 |', '> quoted\n# right after'),
        hidingBlock,
      ),
      { maxLength: 10 },
    ),
    fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n'), { minLength: 10, maxLength: 10 }),
    fc.constantFrom<LineEnding>('\n', '\r\n', '\r'),
  )
  .map(([front, blocks, gaps, eol]) => withLineEnding(front + blocks.map((block, i) => block + gaps[i]!).join(''), eol));

function repositoryMarkdown(): string[] {
  const root = path.resolve(import.meta.dirname, '../..');
  const skip = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!skip.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name));
      } else if (/\.mdx?$/i.test(entry.name)) found.push(path.join(dir, entry.name));
    }
  };
  walk(root);
  return found;
}

describe('fast markdown path: the same model as remark', function () {
  this.timeout(180_000);

  it('over the generated bench workspace, with LF, CRLF and CR, and reads nearly all of it itself', () => {
    const { files } = planWorkspace(900, 7);
    let read = 0;
    let index = 0;
    for (const [file, text] of files) {
      if (assertSameReading(withLineEnding(text, EOLS[index++ % 3]!), file)) read++;
    }
    // The bench documents are the subset's home ground: remark must be the exception.
    assert.ok(read >= files.size * 0.95, `the fast path read ${read} of ${files.size} documents`);
  });

  it('over documents at the edges of its subset', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(edgeDocument, (text) => {
        runs++;
        if (assertSameReading(text)) read++;
      }),
      { numRuns: Number(process.env.FAST_PATH_RUNS ?? 4000) },
    );
    // The generator reaches both sides of the edge.
    assert.ok(read > runs * 0.1 && read < runs * 0.9, `the fast path read ${read} of ${runs} edge documents`);
  });

  it('over documents of sections, with blocks that hide headings across them', () => {
    fc.assert(fc.property(sectionedDocument, (text) => void assertSameReading(text)), { numRuns: Number(process.env.FAST_PATH_RUNS ?? 4000) / 2 });
  });

  it('on shapes found by review: odd fences and HTML before a cut, tables without pipes, markers after markers, control characters in links', () => {
    const cases = [
      '# Objective: A\n\n``` `x`\n```\n\n## Objective: Hidden\n\n- KR: h\n',
      '# Objective: A\n\n<!-->\n```\n-->\n\n## Objective: Hidden\n\n- KR: h\n',
      '# Objective: A\n\n<!--->\n```\n-->\n\n## Objective: Hidden\n\n- KR: h\n',
      '# Objective: A\n\n<?>\n```\n?>\n\n## Objective: Hidden\n\n- KR: h\n',
      '# Objective: A\n\n<![CDATA[ ]]]>\n\n## Objective: Hidden\n\n- KR: h\n',
      '# Objective: A\n\n<pre\u00a0x\n```\n</pre>\n\n## Objective: Hidden\n\n- KR: h\n',
      '# Objective: A\n\n<!-- okr: ignore -->\n\n## Objective: B\n\n- KR: b\n',
      '## Objective: Grow\n\nKey result\n:-\nCut setup time\n\n## Objective: Ship\n\n| Key result |\n| - |\n| Launch |\n',
      'a\n:-\n\n# T\n\n|a|\n|-|\n',
      'a\n-:\n\n# T\n\n|a|\n|-|\n',
      '- a\n  - 2. c',
      'a\n- 2. c',
      'a\n1. 2. c',
      'a\n- - 2. c',
      '- a\n- 2. c',
      '# Objective: O\n\n- KR: k\n  aligns:: [x](a\u0001b)\n',
      '[a](b\u0001c)',
      '[a](b\u007fc)',
    ];
    for (const text of cases) for (const eol of EOLS) for (const file of ['doc.okr.md', 'doc.mdx']) assertSameReading(withLineEnding(text, eol), file);
  });

  it('over the robustness arbitraries', () => {
    fc.assert(fc.property(randomMarkdown, (text) => void assertSameReading(text)), { numRuns: 400 });
    fc.assert(fc.property(randomOkrishMarkdown, (text) => void assertSameReading(text)), { numRuns: 400 });
    fc.assert(
      fc.property(okrDocument, fc.constantFrom<LineEnding | 'mixed'>('\n', '\r\n', '\r', 'mixed'), fc.boolean(), (text, eol, bom) => {
        assertSameReading(encode(text, { eol, bom }));
        assertSameReading(encode(text, { eol, bom }), 'doc.mdx');
      }),
      { numRuns: 400 },
    );
  });

  it('over every markdown document in the repository, with LF, CRLF and CR', () => {
    const files = repositoryMarkdown();
    assert.ok(files.length > 20, `found ${files.length} markdown files`);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const eol of EOLS) assertSameReading(withLineEnding(text, eol), path.basename(file).replace(/\.mdx?$/i, '.okr.md'));
    }
  });
});
