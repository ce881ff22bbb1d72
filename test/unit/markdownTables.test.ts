// Tables are parsed only in text that has a delimiter row (markdown.ts): the table extension
// costs micromark about a fifth of its time, so documents without tables do not pay for it.
import assert from 'node:assert/strict';
import { parseMarkdown } from '../../server/src/okr/parse/markdown.ts';
import { hasTableDelimiterRow } from '../../server/src/okr/parse/remarkProcessor.ts';
import { assertEachGrowsLinearly } from './growth.ts';

describe('markdown tables (issue 14)', () => {
  it('finds a delimiter row however it is written', () => {
    for (const text of ['| a | b |\n|---|---|\n', 'a | b\n--- | ---\n', '| a |\n| :-: |', '> | a |\n> | --- |', 'x\r\n|--|\r\n', '  |:--|--:|  ']) {
      assert.equal(hasTableDelimiterRow(text), true, JSON.stringify(text));
    }
    for (const text of ['no table | here\n- a - b', '|', '---\nokr: x\n---\n', '| a | b |\n| c | d |', '---|x']) {
      assert.equal(hasTableDelimiterRow(text), false, JSON.stringify(text));
    }
  });

  it('parses a table where there is one, and the same text without it otherwise', () => {
    const table = parseMarkdown('| Key result | Owner |\n| --- | --- |\n| Ship it | @a |\n');
    assert.equal(table.children[0]?.type, 'table');
    const plain = parseMarkdown('| Key result | Owner |\n| Ship it | @a |\n');
    assert.equal(plain.children[0]?.type, 'paragraph');
  });

  it('looks at each character a bounded number of times', () => {
    assertEachGrowsLinearly(
      'hasTableDelimiterRow',
      (size) =>
        [
          ['pipes on one line', '|'.repeat(size)],
          ['a pipe on every line', 'a | b\n'.repeat(size / 6)],
          ['dashes and pipes, no row', '|-|x\n'.repeat(size / 5)],
          ['long lines with one pipe', `${' '.repeat(200)}|\n`.repeat(size / 202)],
        ].map(([name, text]) => ({ name: name!, call: () => hasTableDelimiterRow(text!) })),
      { size: 25_000 },
    );
  });
});
