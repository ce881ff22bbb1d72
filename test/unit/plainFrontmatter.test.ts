// Issue 16, step 2: frontmatter of plain `key: value` lines is read without the YAML parser.
// The yaml library stays the reader of record: for any block, the plain reading (where it
// answers) must be the same as the YAML reading, byte for byte, ranges included. Differential:
// random blocks aimed at the edges of "plain", and every document in the repository.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/okr/model/text.ts';
import { findFrontmatter, readFrontmatter, type FrontmatterResult } from '../../server/src/okr/parse/frontmatter.ts';
import { readPlainFrontmatter } from '../../server/src/okr/parse/plainFrontmatter.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Both readings of a document's frontmatter, and whether the plain reader answered. */
function bothReadings(text: string): { plain: FrontmatterResult; yaml: FrontmatterResult; answered: boolean } {
  const block = findFrontmatter(text);
  const lines = new LineIndex(text);
  return {
    plain: readFrontmatter(block, lines),
    yaml: readFrontmatter(block, lines, { plain: false }),
    answered: block !== undefined && readPlainFrontmatter(block.content) !== undefined,
  };
}

const KEYS = ['okr', 'cycle', 'owner', 'title', 'Owner', 'tags', 'true', 'null', 'y', 'a-b', '_x', '2026', 'okr ', ' okr'];
const SEPARATORS = [':', ': ', ':  ', ' :', ':\t', '::', ': \t'];
const VALUES = [
  'strategic', 'Operational', 'operational', '2026-Q4', '2026-W47..2026-W48', 'Leadership team', 'null', 'Null', 'NULL', '~', '',
  'R&D', 'a # b', 'a#b', '"quoted"', "'x'", '[a, b]', '{a: 1}', '0x1F', '1e3', 'true', '2026', 'Équipe Nord', 'a: b', 'a:b',
  '&anchor x', '*alias', '- item', '>', '|', 'x  ', '.inf', 'é', 'Team (EU) / 2', 'v1.2+3', 'x\t', '中文', 'a  b', '-1', '+1',
  '[backup-squad plan]', '[]', '[ ]', '[a,b ]', '[a, , b]', '[a,]', '[x: y]', '[a, [b]]', '["q"]', '[a # c]', '[a] b', '[a, b', '[a]]', '[-a]', '[a #b]',
];
const EXTRA_LINES = ['# comment', '', ' ', '  indented: x', '...', 'key', '- item', 'okr: strategic', 'cycle: 2026-Q4'];
const LINE_ENDS = ['\n', '\r\n', '\r'];

/** Lines the plain reader should take (so that most blocks test it), and lines at its edges. */
const PLAIN_KEYS = ['okr', 'cycle', 'owner', 'title', 'true', 'True', 'Null', 'x-y', 'aliases'];
const PLAIN_VALUES = ['[team plan]', '[a, b c]', '[]', '[2026, null]', 'strategic', 'Operational', 'bogus', '2026-Q4', 'Q3 2018', 'Leadership team', 'null', 'Null', 'NULL', '', '2026', 'true', 'Équipe Nord', 'x  ', '0x1F', 'Team (EU) / 2'];
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PLAIN_KEYS), fc.constantFrom(':', ': ', ':  '), fc.constantFrom(...PLAIN_VALUES)).map(([k, s, v]) => `${k}${s}${v}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SEPARATORS), fc.constantFrom(...VALUES)).map(([k, s, v]) => `${k}${s}${v}`) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTRA_LINES) },
);
const block = fc.tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom(...LINE_ENDS), fc.boolean()).map(([lines, end, bom]) =>
  `${bom ? '\uFEFF' : ''}---${end}${lines.map((l) => `${l}${end}`).join('')}---${end}# Title${end}`,
);

describe('frontmatter: the plain reader reads as YAML does (issue 16)', () => {
  it('on random blocks at the edges of plain, with LF, CRLF and CR', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(
      fc.property(block, (text) => {
        // The engine reads documents without their BOM (stripBom), as editors show them.
        const { plain, yaml, answered: fast } = bothReadings(text.replace(/^\uFEFF/, ''));
        runs++;
        if (fast) answered++;
        assert.deepEqual(plain, yaml);
      }),
      { seed: 1516, numRuns: 3000 },
    );
    // The plain reader must actually answer often, or this test would prove nothing.
    assert.ok(answered > runs / 6, `the plain reader answered ${answered} of ${runs}`);
  });

  it('on every markdown document in the repository (examples, fixtures)', () => {
    const files = [...readdirSync(join(ROOT, 'examples'), { recursive: true }).map((f) => join(ROOT, 'examples', String(f))),
      ...readdirSync(join(ROOT, 'test/fixtures'), { recursive: true }).map((f) => join(ROOT, 'test/fixtures', String(f)))].filter((f) => /\.mdx?$/.test(f));
    let answered = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const readings = bothReadings(text);
      if (readings.answered) answered++;
      assert.deepEqual(readings.plain, readings.yaml, file);
    }
    assert.ok(files.length > 50 && answered > files.length / 2, `the plain reader answered ${answered} of ${files.length} documents`);
  });

  it('reads null-like values as YAML does, and leaves keys YAML reads as booleans or nulls to it', () => {
    for (const value of ['null', 'Null', 'NULL', '']) {
      const { plain, yaml, answered } = bothReadings(`---\nokr: strategic\nowner: ${value}\n---\n`);
      assert.ok(answered, value);
      assert.deepEqual(plain, yaml, value);
    }
    // `true` and `True` are one key (the boolean) to YAML: a duplicate, so the YAML is broken.
    assert.equal(readPlainFrontmatter('true: a\nTrue: b\n'), undefined);
  });

  it('leaves to YAML what it cannot prove plain, and reads plain blocks with their offsets', () => {
    for (const content of ['tags: [a, "b"]\n', 'tags: [a, [b]]\n', 'owner: "Sam"\n', 'okr: strategic # comment\n', 'a:\n  b: c\n', 'okr: strategic\nokr: operational\n', 'owner: R&D\n', '  okr: strategic\n']) {
      assert.equal(readPlainFrontmatter(content), undefined, content);
    }
    assert.deepEqual(readPlainFrontmatter('okr: strategic\r\nowner:\ncycle:  2026-Q4  \n'), [
      { key: 'okr', value: 'strategic', start: 0, end: 14 },
      { key: 'owner', value: null, start: 16, end: 22 },
      { key: 'cycle', value: '2026-Q4', start: 23, end: 38 },
    ]);
  });

  it('reads a one-line list of plain words as a list it does not read, and leaves one under a known key to YAML', () => {
    assert.deepEqual(readPlainFrontmatter('aliases: [backup-squad plan, x]\nokr: strategic\n'), [
      { key: 'aliases', value: null, list: true, start: 0, end: 31 },
      { key: 'okr', value: 'strategic', start: 32, end: 46 },
    ]);
    // The model of a known key written as a list comes from YAML: the key is invalid.
    const { plain, yaml } = bothReadings('---\nowner: [a, b]\n---\n# T\n');
    assert.deepEqual(plain, yaml);
    assert.deepEqual(plain.frontmatter.invalidKeys, ['owner']);
  });
});
