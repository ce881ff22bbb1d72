// Issue 15, value diagnostics that do not mislead: a value without a unit beside values with
// one is a warning with the value it probably means (SPEC §3 allows it, so progress is
// computed as written), and every diagnostic about one `[name:: value]` field is reported on
// that field (UTF-16 columns; CRLF and a BOM), not at column 1 of the key result.
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import type { Range } from '../../server/src/okr/model/text.ts';
import { evaluateMeasure } from '../../server/src/okr/model/values.ts';
import { analyze, diagnose, md } from './helpers.ts';

/** A strategic document (no alignment needed) whose one objective has these key result lines from line 6. */
function strategic(...keyResults: string[]): string {
  return md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Grow {#grow}', '', ...keyResults);
}

function diagnostics(text: string): Diagnostic[] {
  return diagnose({ 't.md': text }, 't.md');
}

/** The LSP range of the first `needle` in `text` (lines split at \r\n, \r or \n; a leading BOM dropped). */
function rangeOf(text: string, needle: string): Range {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} is not in the text`);
  const character = lines[line]!.indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

/** The one diagnostic with `code`, asserting there is exactly one. */
function one(found: Diagnostic[], code: string): Diagnostic {
  const matching = found.filter((d) => d.code === code);
  assert.equal(matching.length, 1, `one ${code} among ${JSON.stringify(found.map((d) => `${d.code}: ${d.message}`))}`);
  return matching[0]!;
}

describe('value diagnostics (issue 15)', () => {
  describe('a value without a unit beside values with one', () => {
    const cases: [string, string, string][] = [
      // [key result fields, the unitless field, the message]
      ['[start:: 0%] [target:: 0.4] [current:: 20%]', '[target:: 0.4]', '`[target:: 0.4]` has no unit while start and current are in %: did you mean 40%?'],
      ['[start:: 30%] [target:: 40]', '[target:: 40]', '`[target:: 40]` has no unit while start is in %: did you mean 40%?'],
      ['[start:: 0%] [target:: 0.125] [current:: 10%]', '[target:: 0.125]', '`[target:: 0.125]` has no unit while start and current are in %: did you mean 12.5%?'],
      ['[start:: 0%] [target:: 1] [current:: 20%]', '[target:: 1]', '`[target:: 1]` has no unit while start and current are in %: did you mean 100%?'],
      // Other values as small as the fraction: it is a percentage already (churn to 1 %).
      ['[start:: 4%] [target:: 1] [current:: 3.1%]', '[target:: 1]', '`[target:: 1]` has no unit while start and current are in %: did you mean 1%?'],
      ['[current:: $500] [target:: 1,200]', '[target:: 1,200]', '`[target:: 1,200]` has no unit while current is in $: did you mean $1,200?'],
      ['[current:: €5] [target:: 0.5]', '[target:: 0.5]', '`[target:: 0.5]` has no unit while current is in €: did you mean €0.5?'],
      ['[start:: 900ms] [target:: 300] [current:: 600ms]', '[target:: 300]', '`[target:: 300]` has no unit while start and current are in ms: did you mean 300ms?'],
      ['[current:: 2k] [target:: 5]', '[target:: 5]', '`[target:: 5]` has no unit while current is in k: did you mean 5k?'],
      ['[start:: 5 users] [target:: 10] [current:: 7 users]', '[target:: 10]', '`[target:: 10]` has no unit while start and current are in users: did you mean 10 users?'],
      ['[start:: 5h] [target:: 2h] [current:: 3.5]', '[current:: 3.5]', '`[current:: 3.5]` has no unit while start and target are in h: did you mean 3.5h?'],
    ];
    for (const [fields, field, message] of cases) {
      it(`${fields}: a warning on ${field}`, () => {
        const text = strategic(`- KR: Conversion  ${fields}`);
        const found = one(diagnostics(text), 'kr-unit-missing');
        assert.equal(found.severity, 'warning');
        assert.equal(found.message, message);
        assert.deepEqual(found.range, rangeOf(text, field));
      });
    }

    it('two values without a unit: one warning on each, each with its own suggestion', () => {
      const text = strategic('- KR: Conversion [start:: 10] [target:: 0.4] [current:: 20%]');
      const found = diagnostics(text).filter((d) => d.code === 'kr-unit-missing');
      assert.deepEqual(
        found.map((d) => [d.message, d.range]),
        [
          ['`[start:: 10]` has no unit while current is in %: did you mean 10%?', rangeOf(text, '[start:: 10]')],
          ['`[target:: 0.4]` has no unit while current is in %: did you mean 40%?', rangeOf(text, '[target:: 0.4]')],
        ],
      );
    });

    it('progress is computed as written meanwhile (0.4 read as 0.4: 100 %), and the warning makes it visible', () => {
      const analysis = analyze({ 't.md': strategic('- KR: Conversion [start:: 0%] [target:: 0.4] [current:: 20%] ^c') });
      const keyResult = analysis.index.get('t.md')!.objectives[0]!.keyResults[0]!;
      assert.deepEqual([analysis.progress.keyResult(keyResult).value, analysis.progress.keyResult(keyResult).rule], [1, 'metric']);
      assert.deepEqual(evaluateMeasure({ start: '0%', target: '0.4', current: '20%' }).missingUnits?.map((m) => [m.field, m.suggestion]), [['target', '40%']]);
    });

    it('turned off or raised with the kr-unit-missing severity', () => {
      const files = { 't.md': strategic('- KR: Conversion [start:: 0%] [target:: 0.4] [current:: 20%]') };
      assert.deepEqual(diagnose(files, 't.md', { config: { severity: { 'kr-unit-missing': 'off' } } }), []);
      assert.equal(one(diagnose(files, 't.md', { config: { severity: { 'kr-unit-missing': 'error' } } }), 'kr-unit-missing').severity, 'error');
    });

    const clean = [
      '- KR: All unitless [start:: 0] [target:: 0.4] [current:: 0.2]',
      '- KR: All percentages [start:: 0%] [target:: 40%] [current:: 20 %]',
      '- KR: Currency both sides [current:: $500] [target:: $1,200]',
      '- KR: A unitless zero is zero in any unit [start:: 0] [target:: 40%] [current:: 20%]',
      '- KR: Progress is a percentage with or without % [progress:: 40] [target:: 10h] [current:: 5h]',
      '- [x] KR: A checked box',
      '- [ ] KR: An open box',
      '- [x] KR: A checked box with values [current:: 5%] [target:: 10%]',
      '- [-] KR: Cancelled [current:: 5%] [target:: 10]',
      '- KR: Weight has no unit [weight:: 2] [current:: 5%] [target:: 10%]',
    ];
    it('no warning when every value has the same unit, or none has one, for a zero, for progress, weight and checkboxes', () => {
      for (const line of clean) assert.deepEqual(diagnostics(strategic(line, '- [x] KR: Another')), [], line);
    });

    it('different units stay an error on the field that differs, with no missing-unit warning besides', () => {
      const text = strategic('- KR: Revenue [start:: 3] [current:: $5] [target:: €10]');
      const found = one(diagnostics(text), 'kr-unit-mismatch');
      assert.equal(found.severity, 'error');
      assert.equal(found.message, '`[target:: €10]` is in € while current is in $: use one unit');
      assert.deepEqual(found.range, rangeOf(text, '[target:: €10]'));
    });

    it('a target equal to its start: only kr-invalid-range, no warning about the unit as well', () => {
      const text = strategic('- KR: Flat [start:: 10] [target:: 10%]');
      assert.deepEqual(
        diagnostics(text).map((d) => d.code),
        ['kr-invalid-range'],
      );
    });

    it('in a table row: on the cell', () => {
      const text = md(
        '---',
        'okr: strategic',
        'cycle: 2026-Q4',
        '---',
        '## Grow the funnel',
        '',
        '| Key result | Start | Target | Current |',
        '| --- | --- | --- | --- |',
        '| Conversion | 0% | 0.4 | 20% |',
      );
      const found = one(diagnostics(text), 'kr-unit-missing');
      assert.equal(found.message, '`[target:: 0.4]` has no unit while start and current are in %: did you mean 40%?');
      assert.deepEqual(found.range, rangeOf(text, '0.4'));
    });
  });

  describe('diagnostics about one field are reported on it', () => {
    const cases: [string, string, string, string][] = [
      // [key result fields, code, the field, the message]
      ['[start:: 10] [target:: 10] [current:: 12]', 'kr-invalid-range', '[target:: 10]', '`[target:: 10]` equals start: progress cannot be measured'],
      ['[target:: 0]', 'kr-invalid-range', '[target:: 0]', '`[target:: 0]` equals start, which is 0 when not written: progress cannot be measured'],
      ['[target:: 10] [current:: lots]', 'kr-value-invalid', '[current:: lots]', '`[current:: lots]` is not a number (write e.g. 45, 2.5%, $1,200 or 3.5h)'],
      ['[owner:: Ann] [current:: 5]', 'kr-value-invalid', '[current:: 5]', 'Current without a target: add [target:: …]'],
      ['[progress:: half]', 'kr-value-invalid', '[progress:: half]', '`[progress:: half]` is not a percentage (write e.g. 60%)'],
      ['[progress:: 60h]', 'kr-value-invalid', '[progress:: 60h]', '`[progress:: 60h]` is not a percentage: progress is 0–100 % (write e.g. 60%)'],
      ['[progress:: -5]', 'kr-value-invalid', '[progress:: -5]', '`[progress:: -5]` is below 0 %'],
      ['[start:: 5h] [target:: 2ms]', 'kr-unit-mismatch', '[target:: 2ms]', '`[target:: 2ms]` is in ms while start is in h: use one unit'],
      ['[progress:: 50] [weight:: 0]', 'field-invalid', '[weight:: 0]', '`[weight:: 0]` is not a number greater than 0; counting it as 1'],
    ];
    for (const [fields, code, field, message] of cases) {
      it(`${fields}: ${code} on ${field}`, () => {
        const text = strategic(`- KR: Something measurable  ${fields}`);
        const found = one(diagnostics(text), code);
        assert.equal(found.message, message);
        assert.deepEqual(found.range, rangeOf(text, field));
      });
    }

    it('several invalid values: one kr-value-invalid, on the first of them', () => {
      const text = strategic('- KR: Two bad [start:: x] [target:: y]');
      const found = one(diagnostics(text), 'kr-value-invalid');
      assert.match(found.message, /^`\[start:: x\]` is not a number .*; `\[target:: y\]` is not a number/);
      assert.deepEqual(found.range, rangeOf(text, '[start:: x]'));
    });

    it("the key result's other diagnostics stay on the key result", () => {
      const text = strategic('- KR: Nothing to measure [owner:: Ann]', '- KR: Twin [progress:: 5] ^a', '- KR: Twin again [progress:: 5] ^a');
      const unmeasured = one(diagnostics(text), 'kr-unmeasured');
      assert.deepEqual(unmeasured.range.start, { line: 6, character: 0 });
      const twins = diagnostics(text).filter((d) => d.code === 'duplicate-id');
      assert.deepEqual(twins.map((d) => d.range.start), [{ line: 7, character: 0 }, { line: 8, character: 0 }]);
    });

    it('a field on a later line of the key result: that line', () => {
      const text = strategic('- KR: A long key result', '  that goes on [start:: 5] [target:: 5]');
      assert.deepEqual(one(diagnostics(text), 'kr-invalid-range').range, rangeOf(text, '[target:: 5]'));
    });

    it('UTF-16 columns after non-ASCII text (é, 😀, 中文)', () => {
      const text = strategic('- KR: Réduire le délai 😀 中文  [start:: 0%] [target:: 0.4] [current:: 20%]');
      const found = one(diagnostics(text), 'kr-unit-missing');
      const line = text.split('\n')[6]!;
      assert.equal(found.range.start.character, line.indexOf('[target'));
      assert.equal(found.range.start.character, [...line.slice(0, line.indexOf('[target'))].length + 1); // the emoji is two code units
      assert.deepEqual(found.range, rangeOf(text, '[target:: 0.4]'));
    });

    it('CRLF line ends and a BOM: the same lines and columns', () => {
      const lf = strategic('- KR: Réduire 😀 [start:: 10] [target:: 10]', '- KR: Conversion', '  [start:: 0%] [target:: 0.4] [current:: 20%]');
      const expected = diagnostics(lf).map((d) => [d.code, d.range]);
      assert.deepEqual(expected, [
        ['kr-invalid-range', rangeOf(lf, '[target:: 10]')],
        ['kr-unit-missing', rangeOf(lf, '[target:: 0.4]')],
      ]);
      for (const variant of [lf.replace(/\n/g, '\r\n'), `\uFEFF${lf}`, `\uFEFF${lf.replace(/\n/g, '\r\n')}`]) {
        assert.deepEqual(
          diagnostics(variant).map((d) => [d.code, d.range]),
          expected,
          JSON.stringify(variant.slice(0, 8)),
        );
        assert.deepEqual(rangeOf(variant, '[target:: 0.4]'), rangeOf(lf, '[target:: 0.4]'));
      }
    });
  });
});
