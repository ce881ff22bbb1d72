// Hovers fit in VS Code's hover without scrolling (issue 15): about 250–300 px, twelve or so
// lines at the default settings. A hover here is at most ten lines (paragraphs and list
// items, each a line: the lines of a paragraph end in hard breaks), none longer than two
// lines of the hover once wrapped; a reference's location comes right under its title;
// long titles are shortened and key results beyond three summed up as "… and N more".
import assert from 'node:assert/strict';
import type { FeatureContext } from '../../server/src/features/context.ts';
import { hover } from '../../server/src/features/hover.ts';
import { analyze, md } from './helpers.ts';

/** Lines of the hover at most, and characters a line may take before it wraps twice. */
const MAX_LINES = 10;
const MAX_LINE_CHARS = 130;

const LONG = 'an objective whose title goes on and on, as titles copied from a planning deck sometimes do, well past what fits on one line of any hover';
const BIG = md(
  '---', 'okr: strategic', 'cycle: 2026-Q4', `owner: The platform, infrastructure, reliability and developer experience group of the company`, '---',
  `## Objective: Make ${LONG} {#big}`, '',
  'aligns:: [[company#north]]',
  'note:: a long note field that someone wrote to explain the context of this objective in great detail',
  'risk:: the risk field that goes on as well, with its own long sentence about what may go wrong',
  'link:: another field', '',
  ...Array.from({ length: 8 }, (_, i) => `- KR: Key result number ${i + 1}, ${LONG} [target:: 10] [current:: ${i}] [owner:: someone with a long name ${i}] ^kr${i + 1}`),
);
const COMPANY = md('---', 'okr: strategic', 'cycle: 2026', '---', '## Objective: The company north star {#company}', '', `- KR: North star metric, ${LONG} [progress:: 40%] ^north`);
const OPS = md(
  '---', 'okr: operational', 'cycle: 2026-11', '---',
  ...Array.from({ length: 5 }, (_, i) => [`## Objective: Operational ${i} {#ops-${i}}`, '', i % 2 ? `aligns:: [[big#kr${i}]]` : 'aligns:: [[big]]', '', '- KR: Work [progress:: 50%]', '']).flat(),
);
/** Read from the outline: no Objective: heading, the cycle from the title. */
const OUTLINE = md('---', 'okr: strategic', '---', '# Platform OKRs Q4 2026', '', `## ${LONG}`, ...Array.from({ length: 7 }, (_, i) => `- Key result ${i}, ${LONG} => ${i * 10}%`));

const FILES = { 'big.md': BIG, 'company.md': COMPANY, 'ops/ops.md': OPS, 'outline.md': OUTLINE };

/** The hover's markdown at the first `needle` in `path`, `delta` characters into it. */
function hoverAt(path: keyof typeof FILES, needle: string, delta = 3): string {
  const analysis = analyze(FILES);
  const document = analysis.index.get(path)!;
  const lines = FILES[path].split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  const shown = hover({ analysis, document } as FeatureContext, { line, character: lines[line]!.indexOf(needle) + delta });
  assert.ok(shown && typeof shown.contents === 'object' && 'value' in shown.contents, `a hover at ${needle}`);
  return shown.contents.value;
}

/** The text a reader sees on a line: escapes, emphasis and list markers gone. */
function plain(line: string): string {
  return line.replace(/\\(.)/g, '$1').replace(/\*\*/g, '').replace(/^- /, '').trim();
}

function assertFits(markdown: string, what: string): string[] {
  const lines = markdown.split('\n').filter((l) => l.trim() !== '').map(plain);
  assert.ok(lines.length <= MAX_LINES, `${what}: ${lines.length} lines, more than ${MAX_LINES}:\n${markdown}`);
  for (const line of lines) assert.ok(Array.from(line).length <= MAX_LINE_CHARS, `${what}: a line of ${line.length} characters:\n${line}`);
  return lines;
}

describe('hover size (issue 15): fits in VS Code\'s hover without scrolling', () => {
  it('on the heading of a big objective: ten lines, the title shortened, three key results and "… and 5 more"', () => {
    const lines = assertFits(hoverAt('big.md', 'Objective: Make'), 'heading');
    assert.match(lines[0]!, /^Make an objective whose title goes on.*… `big`$/);
    assert.ok(lines.includes('… and 5 more'), lines.join('\n'));
    assert.equal(lines.filter((l) => l.startsWith('Key result number')).length, 3);
    assert.ok(lines.some((l) => /^strategic · 2026-Q4 \(2026-10-01\.\.2026-12-31\) · The platform.*…$/.test(l)), 'the owner shortened');
    assert.ok(lines.some((l) => l.startsWith('Aligns to The company north star › North star metric')), lines.join('\n'));
    assert.ok(lines.some((l) => /36 days left.*5 objectives align to it/.test(l)), lines.join('\n'));
  });

  it('on a reference to it: the location on the second line, then the same facts in ten lines', () => {
    const lines = assertFits(hoverAt('ops/ops.md', '[[big]]'), 'reference');
    assert.match(lines[0]!, /^Make an objective whose title.*… `big`$/);
    assert.equal(lines[1], '`big.md:6`');
    assert.ok(lines.includes('… and 5 more'), lines.join('\n'));
  });

  it('on a reference to one of its key results: the key result, its location, then its objective', () => {
    const lines = assertFits(hoverAt('ops/ops.md', '[[big#kr1]]', 6), 'key-result reference');
    assert.match(lines[0]!, /^Key result Key result number 1, .*… `\^kr1`$/);
    assert.equal(lines[1], `\`big.md:${BIG.split('\n').findIndex((l) => l.includes('^kr1')) + 1}\``);
    assert.ok(lines.length <= 6, lines.join('\n'));
  });

  it('on a key result with long fields, a cycle value, and an objective read from the outline', () => {
    assertFits(hoverAt('big.md', 'KR: Key result number 2'), 'key result');
    assertFits(hoverAt('big.md', 'cycle: 2026-Q4', 9), 'cycle');
    const outline = assertFits(hoverAt('outline.md', '## an objective'), 'outline heading');
    assert.ok(outline.some((l) => l.startsWith('read from the outline')), outline.join('\n'));
  });
});
