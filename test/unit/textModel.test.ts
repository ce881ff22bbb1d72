// Fields and key results read from the text keep their ranges as offsets and make them when
// read (TextField, TextKeyResult: issue 16). What leaves the engine as JSON (LSP answers, the
// CLI's output, the model cache, parse threads) must be the plain shape, with the positions
// the getters give.
import assert from 'node:assert/strict';
import { TextField } from '../../server/src/okr/model/textField.ts';
import { TextKeyResult } from '../../server/src/okr/model/textKeyResult.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';

const TEXT = '---\r\nokr: operational\r\ncycle: 2026-11\r\n---\r\n# Objective: Ship 🚀 it {#ship}\r\n\r\nowner:: Ann\r\n\r\n- KR: Cut setup [start:: 30] [target:: 5] [current:: 12] ^setup\r\n\r\n  A note under it.\r\n- KR: Second [progress:: 40%]\r\n';

describe('TextField and TextKeyResult as JSON', () => {
  const document = parseDocument('okrs/ship.md', TEXT);
  const objective = document.objectives[0]!;
  const [first, second] = objective.keyResults;

  it('the parser makes them for written fields and list-item key results', () => {
    assert.ok(objective.fields[0] instanceof TextField);
    assert.ok(first instanceof TextKeyResult && second instanceof TextKeyResult);
  });

  it('gives a field as { key, value, range, valueRange }, positions as the getters say', () => {
    const field = first!.fields.find((f) => f.key === 'current')!;
    const json = JSON.parse(JSON.stringify(field));
    assert.deepEqual(Object.keys(json), ['key', 'value', 'range', 'valueRange']);
    assert.deepEqual(json, { key: 'current', value: '12', range: { start: field.range.start, end: field.range.end }, valueRange: { start: field.valueRange.start, end: field.valueRange.end } });
    // Line 8 (0-based), after "- KR: Cut setup [start:: 30] [target:: 5] ": UTF-16 columns.
    assert.deepEqual(json.valueRange, { start: { line: 8, character: 53 }, end: { line: 8, character: 55 } });
  });

  it('gives a key result with its ranges, its id range only when it has an id, in the plain key order', () => {
    const json = JSON.parse(JSON.stringify(first));
    assert.deepEqual(Object.keys(json), ['title', 'id', 'checkbox', 'fields', 'range', 'itemRange', 'idRange']);
    assert.deepEqual(json.range, { start: { line: 8, character: 0 }, end: { line: 8, character: 63 } });
    assert.deepEqual(json.itemRange, { start: { line: 8, character: 0 }, end: { line: 10, character: 18 } });
    assert.equal(json.id, 'setup');
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(second))), ['title', 'id', 'checkbox', 'fields', 'range', 'itemRange']);
  });
});
