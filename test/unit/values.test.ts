// SPEC §3 "Values": quantities (sign, currency, thousands commas, decimals, units) and what
// a key result's start / current / target / progress fields say about its progress.
import assert from 'node:assert/strict';
import type { Rational } from '../../server/src/okr/model/rational.ts';
import { evaluateMeasure, parseQuantity, type MeasureFields, type OwnMeasure, type Quantity } from '../../server/src/okr/model/values.ts';
import { assertEachGrowsLinearly, assertWithinFactorOf } from './growth.ts';

/** Parses and returns the quantity, failing the test when the text is rejected. */
function quantity(text: string): Quantity {
  const q = parseQuantity(text);
  if (!q) assert.fail(`expected ${JSON.stringify(text)} to be a value`);
  return q;
}

/** The exact value of a rational as "n/d" (lowest terms), e.g. "6/13". */
function fraction(r: Rational | undefined): string | undefined {
  return r === undefined ? undefined : `${r.n}/${r.d}`;
}

/** value, unit and exact fraction of a parsed quantity. */
function shape(text: string): { value: number; unit: string | null; exact: string | undefined } {
  const q = quantity(text);
  return { value: q.value, unit: q.unit, exact: fraction(q.exact) };
}

/** The measure's fraction (metric), progress, over-achievement and problem code, for compact assertions. */
function summary(measure: OwnMeasure): { metric?: string; progress?: string; overAchieved?: string; problem?: string } {
  const out: { metric?: string; progress?: string; overAchieved?: string; problem?: string } = {};
  if (measure.metric) out.metric = fraction(measure.metric.fraction);
  if (measure.progress) out.progress = fraction(measure.progress);
  if (measure.overAchieved) out.overAchieved = fraction(measure.overAchieved);
  if (measure.problem) out.problem = measure.problem.code;
  return out;
}

function measure(fields: MeasureFields) {
  return summary(evaluateMeasure(fields));
}

describe('values', () => {
  describe('parseQuantity', () => {
    it('reads plain integers and decimals exactly', () => {
      assert.deepEqual(shape('45'), { value: 45, unit: null, exact: '45/1' });
      assert.deepEqual(shape('0'), { value: 0, unit: null, exact: '0/1' });
      assert.deepEqual(shape('2.5'), { value: 2.5, unit: null, exact: '5/2' });
      assert.deepEqual(shape('0.1'), { value: 0.1, unit: null, exact: '1/10' });
      assert.deepEqual(shape('99.95'), { value: 99.95, unit: null, exact: '1999/20' });
      assert.deepEqual(shape('007'), { value: 7, unit: null, exact: '7/1' });
    });

    it('reads an optional leading minus sign', () => {
      assert.deepEqual(shape('-12'), { value: -12, unit: null, exact: '-12/1' });
      assert.deepEqual(shape('-0.5'), { value: -0.5, unit: null, exact: '-1/2' });
      assert.deepEqual(shape('-3.5h'), { value: -3.5, unit: 'h', exact: '-7/2' });
    });

    it('rejects other signs and doubled signs', () => {
      assert.equal(parseQuantity('+5'), undefined);
      assert.equal(parseQuantity('--5'), undefined);
      assert.equal(parseQuantity('5-'), undefined);
      assert.equal(parseQuantity('- -5'), undefined);
    });

    it('treats the currency symbols $ € £ as units', () => {
      assert.deepEqual(shape('$1,200'), { value: 1200, unit: '$', exact: '1200/1' });
      assert.deepEqual(shape('€30'), { value: 30, unit: '€', exact: '30/1' });
      assert.deepEqual(shape('£5.25'), { value: 5.25, unit: '£', exact: '21/4' });
      assert.deepEqual(shape('-$1,200.50'), { value: -1200.5, unit: '$', exact: '-2401/2' });
      assert.deepEqual(shape('$0'), { value: 0, unit: '$', exact: '0/1' });
    });

    it('accepts thousands commas only in groups of three', () => {
      assert.deepEqual(shape('1,200'), { value: 1200, unit: null, exact: '1200/1' });
      assert.deepEqual(shape('12,345,678'), { value: 12345678, unit: null, exact: '12345678/1' });
      assert.deepEqual(shape('999,999.5'), { value: 999999.5, unit: null, exact: '1999999/2' });
      assert.deepEqual(shape('2,400ms'), { value: 2400, unit: 'ms', exact: '2400/1' });
      assert.deepEqual(shape('$1,200,000'), { value: 1200000, unit: '$', exact: '1200000/1' });
      for (const bad of ['1,20', '1,2000', '1,2', ',123', '1,', '1,,200', '1,200,00', '1234,567', '1.200,5', '1,200.5,0']) {
        assert.equal(parseQuantity(bad), undefined, `${bad} must be rejected`);
      }
    });

    it('requires digits on both sides of a decimal point', () => {
      assert.equal(parseQuantity('.5'), undefined);
      assert.equal(parseQuantity('1.'), undefined);
      assert.equal(parseQuantity('1.2.3'), undefined);
      assert.equal(parseQuantity('1..2'), undefined);
    });

    it('reads units made of letters or %, with or without a space', () => {
      assert.deepEqual(shape('2.5%'), { value: 2.5, unit: '%', exact: '5/2' });
      assert.deepEqual(shape('5 %'), { value: 5, unit: '%', exact: '5/1' });
      assert.deepEqual(shape('3.5h'), { value: 3.5, unit: 'h', exact: '7/2' });
      assert.deepEqual(shape('3.5 h'), { value: 3.5, unit: 'h', exact: '7/2' });
      assert.deepEqual(shape('120ms'), { value: 120, unit: 'ms', exact: '120/1' });
      assert.deepEqual(shape('120 ms'), { value: 120, unit: 'ms', exact: '120/1' });
      assert.deepEqual(shape('1,000 users'), { value: 1000, unit: 'users', exact: '1000/1' });
    });

    it('does not scale: 1k is the number 1 with unit k', () => {
      assert.deepEqual(shape('1k'), { value: 1, unit: 'k', exact: '1/1' });
      assert.deepEqual(shape('2.5M'), { value: 2.5, unit: 'M', exact: '5/2' });
    });

    it('ignores surrounding whitespace', () => {
      assert.deepEqual(shape('  45  '), { value: 45, unit: null, exact: '45/1' });
      assert.deepEqual(shape('\t3.5h '), { value: 3.5, unit: 'h', exact: '7/2' });
    });

    it('rejects text that is not a single value', () => {
      for (const bad of ['', ' ', 'abc', 'forty', '%', 'h', '$', '1 000', '5h30', '12%%', '5 h h', '1/2', '1e3', '0x10', 'NaN', 'Infinity', '5!', '45 (est.)', '[45]', '3-4', '5h 30m']) {
        assert.equal(parseQuantity(bad), undefined, `${JSON.stringify(bad)} must be rejected`);
      }
    });

    it('keeps exact values beyond double precision', () => {
      const q = quantity('12345678901234567891');
      assert.deepEqual(q.exact, { n: 12345678901234567891n, d: 1n });
      assert.equal(q.unit, null);
      const tiny = quantity('0.000000000000000000001');
      assert.deepEqual(tiny.exact, { n: 1n, d: 10n ** 21n });
    });
  });

  describe('evaluateMeasure', () => {
    it('computes the metric fraction exactly: (current − start) / (target − start)', () => {
      assert.deepEqual(measure({ start: '32', target: '45', current: '38' }), { metric: '6/13' });
      assert.deepEqual(measure({ start: '4%', target: '2.5%', current: '3.1%' }), { metric: '3/5' });
      assert.deepEqual(measure({ start: '-10', target: '10', current: '0' }), { metric: '1/2' });
      assert.deepEqual(measure({ start: '$0', target: '$1,200,000', current: '$540,000' }), { metric: '9/20' });
    });

    it('works for decreasing metrics (start 5h, target 2h, current 3.5h → 1/2)', () => {
      assert.deepEqual(measure({ start: '5h', target: '2h', current: '3.5h' }), { metric: '1/2' });
      assert.deepEqual(measure({ start: '2,400ms', target: '800ms', current: '1,350ms' }), { metric: '21/32' });
    });

    it('keeps the quantities it used', () => {
      const m = evaluateMeasure({ start: '5h', target: '2h', current: '3.5 h' }).metric;
      assert.ok(m);
      assert.deepEqual([m.start.value, m.current.value, m.target.value], [5, 3.5, 2]);
      assert.deepEqual([m.start.unit, m.current.unit, m.target.unit], ['h', 'h', 'h']);
    });

    it('defaults start to 0 and current to start', () => {
      assert.deepEqual(measure({ target: '12', current: '8' }), { metric: '2/3' });
      assert.deepEqual(measure({ target: '10' }), { metric: '0/1' });
      assert.deepEqual(measure({ start: '10', target: '20' }), { metric: '0/1' });
      assert.deepEqual(measure({ start: '5h', target: '2h' }), { metric: '0/1' });
      const m = evaluateMeasure({ start: '7', target: '9' }).metric;
      assert.ok(m);
      assert.equal(m.current.value, 7);
    });

    it('clamps the fraction to 0–1', () => {
      assert.deepEqual(measure({ target: '10', current: '15' }), { metric: '1/1' });
      assert.deepEqual(measure({ start: '10', target: '20', current: '5' }), { metric: '0/1' });
      assert.deepEqual(measure({ start: '5h', target: '2h', current: '1h' }), { metric: '1/1' });
      assert.deepEqual(measure({ start: '5h', target: '2h', current: '6h' }), { metric: '0/1' });
      assert.deepEqual(measure({ target: '10', current: '-3' }), { metric: '0/1' });
    });

    it('does not scale units: 1k against 500 is 500 of 1, clamped to 1', () => {
      assert.deepEqual(measure({ start: '1k', target: '3k', current: '2k' }), { metric: '1/2' });
      assert.deepEqual(measure({ target: '1k', current: '500' }), { metric: '1/1' });
    });

    it('lets values without a unit mix with values that carry one', () => {
      assert.deepEqual(measure({ start: '0', target: '10h', current: '5h' }), { metric: '1/2' });
      assert.deepEqual(measure({ target: '100%', current: '25' }), { metric: '1/4' });
    });

    it('reports different units as kr-unit-mismatch, with no metric', () => {
      for (const fields of [
        { start: '5h', target: '120min', current: '3h' },
        { target: '$100', current: '€50' },
        { start: '4%', target: '2.5', current: '3.1h' },
        { target: '10k', current: '10000users' },
        { start: '£1', target: '$2' },
      ]) {
        const result = evaluateMeasure(fields);
        assert.equal(result.problem?.code, 'kr-unit-mismatch', JSON.stringify(fields));
        assert.equal(result.metric, undefined);
        assert.ok(result.problem.message.length > 0);
      }
    });

    it('reports a target equal to the start as kr-invalid-range', () => {
      assert.deepEqual(measure({ start: '10', target: '10', current: '12' }), { problem: 'kr-invalid-range' });
      assert.deepEqual(measure({ target: '0' }), { problem: 'kr-invalid-range' });
      assert.deepEqual(measure({ target: '0%', current: '5%' }), { problem: 'kr-invalid-range' });
      assert.deepEqual(measure({ start: '1,000', target: '1000.0' }), { problem: 'kr-invalid-range' });
      assert.deepEqual(measure({ start: '-0', target: '0' }), { problem: 'kr-invalid-range' });
    });

    it('reports current or start without a target as kr-value-invalid', () => {
      assert.deepEqual(measure({ current: '5' }), { problem: 'kr-value-invalid' });
      assert.deepEqual(measure({ start: '5' }), { problem: 'kr-value-invalid' });
      assert.deepEqual(measure({ start: '1', current: '2' }), { problem: 'kr-value-invalid' });
    });

    it('reports values that are not numbers as kr-value-invalid', () => {
      assert.deepEqual(measure({ target: 'lots' }), { problem: 'kr-value-invalid' });
      assert.deepEqual(measure({ target: '10', current: 'soon' }), { problem: 'kr-value-invalid' });
      assert.deepEqual(measure({ start: '1,20', target: '10' }), { problem: 'kr-value-invalid' });
      assert.deepEqual(measure({ target: '' }), { problem: 'kr-value-invalid' });
    });

    it('reports kr-value-invalid before kr-unit-mismatch and kr-unit-mismatch before kr-invalid-range', () => {
      assert.deepEqual(measure({ start: '5h', target: 'abc', current: '3m' }), { problem: 'kr-value-invalid' });
      assert.deepEqual(measure({ start: '5h', target: '5m' }), { problem: 'kr-unit-mismatch' });
      assert.deepEqual(measure({ start: '5h', current: '5m' }), { problem: 'kr-value-invalid' });
    });

    it('reads progress as a percentage with or without %', () => {
      assert.deepEqual(measure({ progress: '60' }), { progress: '3/5' });
      assert.deepEqual(measure({ progress: '60%' }), { progress: '3/5' });
      assert.deepEqual(measure({ progress: '60 %' }), { progress: '3/5' });
      assert.deepEqual(measure({ progress: '0' }), { progress: '0/1' });
      assert.deepEqual(measure({ progress: '100%' }), { progress: '1/1' });
      assert.deepEqual(measure({ progress: '37.5%' }), { progress: '3/8' });
      assert.deepEqual(measure({ progress: '0.5' }), { progress: '1/200' });
    });

    it('rejects progress below 0 % or with another unit', () => {
      for (const bad of ['-1%', '-0.1', '-150', '60h', '$60', '60 users', 'sixty', '6,0%', '']) {
        assert.deepEqual(measure({ progress: bad }), { problem: 'kr-value-invalid' }, `progress ${JSON.stringify(bad)}`);
      }
      const below = evaluateMeasure({ progress: '-1%' }).problem;
      assert.match(below?.message ?? '', /below 0 %/);
    });

    it('reads progress over 100 % as over-achieved: progress 1, overAchieved the stated fraction, no problem', () => {
      assert.deepEqual(measure({ progress: '150' }), { progress: '1/1', overAchieved: '3/2' });
      assert.deepEqual(measure({ progress: '150%' }), { progress: '1/1', overAchieved: '3/2' });
      assert.deepEqual(measure({ progress: '144 %' }), { progress: '1/1', overAchieved: '36/25' });
      assert.deepEqual(measure({ progress: '100.5%' }), { progress: '1/1', overAchieved: '201/200' });
      // Exactly 100 % is complete, not over-achieved.
      assert.deepEqual(measure({ progress: '100%' }), { progress: '1/1' });
      // Next to a metric, the metric is still read.
      assert.deepEqual(measure({ progress: '120%', target: '10', current: '5' }), { metric: '1/2', progress: '1/1', overAchieved: '6/5' });
    });

    it('keeps a valid progress next to a metric, and next to an invalid metric value', () => {
      assert.deepEqual(measure({ progress: '40', target: '10', current: '5' }), { metric: '1/2', progress: '2/5' });
      // The invalid target is still reported; progress (rule 2) still applies.
      assert.deepEqual(measure({ progress: '40%', target: 'lots' }), { progress: '2/5', problem: 'kr-value-invalid' });
    });

    it('says nothing about a key result without values', () => {
      assert.deepEqual(measure({}), {});
    });
  });

  describe('adversarial input', function () {
    this.timeout(300_000); // a guard against a hang: time is checked as growth
    const N = 100_000;
    /** Hostile texts of about n characters. */
    const adversarial = (n: number) => [
      '1'.repeat(n) + 'x!',
      '1,'.repeat(n / 2),
      '1' + ',111'.repeat(n / 4) + ',11',
      '-$' + '1,000'.repeat(n / 5) + ',00',
      '1' + ' '.repeat(n) + '!',
      '1' + ' '.repeat(n) + 'h1',
      ' '.repeat(n) + '1 a!',
      'a'.repeat(n) + '1',
      '1.' + '1'.repeat(n) + '.',
      '1' + 'a'.repeat(n) + '1',
      '%'.repeat(n),
      '$'.repeat(n) + '1',
      '-'.repeat(n) + '1',
      '1' + '\t \n'.repeat(n / 3) + '%%',
    ];
    const inputs = adversarial(N);
    /** One call per input, by input, for the growth checks (6,250 → 100,000 characters). */
    const calls = (apply: (text: string) => unknown) => (n: number) => adversarial(n).map((text, i) => ({ name: `input ${i + 1}`, input: text, call: () => apply(text) }));

    it('rejects 100,000-character non-values in linear time', () => {
      for (const text of inputs) assert.equal(parseQuantity(text), undefined);
      assertEachGrowsLinearly('parseQuantity', calls(parseQuantity), { size: N / 16, factor: 16 });
    });

    it('evaluates 100,000-character fields in linear time', () => {
      const evaluate = (text: string) => evaluateMeasure({ start: text, current: text, target: text, progress: text });
      for (const text of inputs) {
        assert.equal(evaluate(text).problem?.code, 'kr-value-invalid');
      }
      assertEachGrowsLinearly('evaluateMeasure', calls(evaluate), { size: N / 16, factor: 16 });
      const long = '9'.repeat(N);
      const result = evaluateMeasure({ start: '0', target: long, current: long });
      assert.equal(fraction(result.metric?.fraction), '1/1');
      // 1 / 99…9.5: exact up to 1,024 bits (the bound on sums and quotients), here 0 as a double.
      const tiny = evaluateMeasure({ target: long + '.5', current: '1' }).metric!.fraction;
      assert.ok(fraction(tiny)!.length < 700, 'the quotient is kept bounded');
      assert.equal(tiny.n >= 0n && tiny.d > 0n, true);
      // Reading 100,000 digits is V8's BigInt parsing, itself superlinear; what is ours (the
      // arithmetic, bounded) costs a few times that, not the minutes of exact 330,000-bit gcds.
      assertWithinFactorOf('a 100,000-digit target and current, against BigInt() of the digits', () => evaluateMeasure({ start: '0', target: long, current: long }), () => BigInt(long), 10);
      assertWithinFactorOf('1 / a 100,000-digit target, against BigInt() of the digits', () => evaluateMeasure({ target: long + '.5', current: '1' }), () => BigInt(long), 10);
    });
  });
});
