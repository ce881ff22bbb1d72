// SPEC §3 progress (the six key-result rules, the weighted roll-up, alignment, dropped and
// cancelled items, loops, pace) and SPEC §9 `okr report --format json` (buildReport).
import assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { parseCycle, type Cycle } from '../../server/src/okr/model/cycles.ts';
import type { KeyResult } from '../../server/src/okr/model/model.ts';
import { buildReport, type ReportObjective } from '../../server/src/okr/report/report.ts';
import type { ObjectiveNode } from '../../server/src/okr/workspace/workspaceIndex.ts';
import { analyze, codes, md } from './helpers.ts';

function strategic(cycle: string, ...lines: string[]): string {
  return md('---', 'okr: strategic', `cycle: ${cycle}`, '---', ...lines);
}

function operational(cycle: string, ...lines: string[]): string {
  return md('---', 'okr: operational', `cycle: ${cycle}`, '---', ...lines);
}

function node(analysis: Analysis, id: string): ObjectiveNode {
  const nodes = analysis.index.objectivesWithId(id);
  assert.equal(nodes.length, 1, `one objective ${id}`);
  return nodes[0]!;
}

function keyResult(analysis: Analysis, objectiveId: string, id: string): KeyResult {
  const found = node(analysis, objectiveId).objective.keyResults.filter((kr) => kr.id === id);
  assert.equal(found.length, 1, `one key result ^${id} in ${objectiveId}`);
  return found[0]!;
}

/** Progress of an objective (0–1 or null). */
function objectiveValue(analysis: Analysis, id: string): number | null {
  return analysis.progress.objective(node(analysis, id)).value;
}

/** [value, rule] of a key result. */
function kr(analysis: Analysis, objectiveId: string, id: string): [number | null, string] {
  const p = analysis.progress.keyResult(keyResult(analysis, objectiveId, id));
  return [p.value, p.rule];
}

function cycle(text: string): Cycle {
  const parsed = parseCycle(text);
  if (!parsed.ok) assert.fail(parsed.message);
  return parsed.cycle;
}

function diagnosticsOf(analysis: Analysis, path: string): string[] {
  return codes(analysis.diagnostics(analysis.index.get(path)!));
}

/** id → children ids, recursively, for compact tree assertions. */
function tree(objectives: ReportObjective[]): unknown[] {
  return objectives.map((o) => (o.children.length > 0 ? { [o.id ?? '?']: tree(o.children) } : o.id));
}

// The two example documents of SPEC §2, exactly as written there.
const COMPANY = md(
  '---',
  'okr: strategic',
  'cycle: 2026-Q4',
  'owner: Leadership team',
  '---',
  '# Company OKRs, Q4 2026',
  '',
  '## Objective: Enhance customer satisfaction {#csat}',
  '',
  '- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps',
  '- KR: Cut monthly churn  [start:: 4%]  [target:: 2.5%]  [current:: 3.1%] ^churn',
  '- [x] KR: Launch the customer advisory board ^cab',
);
const SUPPORT = md(
  '---',
  'okr: operational',
  'cycle: 2026-11',
  'owner: Support team',
  '---',
  '## Objective: Reduce average support response time to under 2 hours {#support-response}',
  'aligns:: [[csat#nps]]',
  '',
  '- [x] KR: Roll out the new ticketing software',
  '- KR: Train support staff on it  [current:: 8]  [target:: 12]',
  '- KR: Average first response time  [start:: 5h]  [target:: 2h]  [current:: 3.5h]',
);
const SPEC_FILES = { 'okrs/company.md': COMPANY, 'okrs/support.md': SUPPORT };

describe('progress', () => {
  describe('key-result rules, first that applies (SPEC §3)', () => {
    const analysis = analyze({
      'rules.md': strategic(
        '2026-Q4',
        '## Objective: Rules {#rules}',
        '',
        '- [x] KR: Checked beats everything [progress:: 10] [start:: 0] [target:: 10] [current:: 0] ^checked',
        '- [X] KR: Upper-case X ^checked-upper',
        '- KR: Progress without % [progress:: 60] ^progress',
        '- KR: Progress with % beats the metric [progress:: 37.5%] [target:: 10] [current:: 10] ^progress-pct',
        '- [ ] KR: Progress on an open box [progress:: 40%] ^progress-open',
        '- KR: Zero progress [progress:: 0%] ^progress-zero',
        '- KR: Metric [start:: 32] [target:: 45] [current:: 38] ^metric',
        '- [ ] KR: Metric on an open box [target:: 10] [current:: 5] ^metric-open',
        '- [ ] KR: Open box ^open',
        '- KR: Nothing at all ^nothing',
        '- [-] KR: Cancelled [progress:: 100] ^cancelled',
      ),
    });

    it('1. a checked box is 100 %, whatever else is written', () => {
      assert.deepEqual(kr(analysis, 'rules', 'checked'), [1, 'checked']);
      assert.deepEqual(kr(analysis, 'rules', 'checked-upper'), [1, 'checked']);
    });

    it('2. progress, with or without %, before the metric and before an open box', () => {
      assert.deepEqual(kr(analysis, 'rules', 'progress'), [0.6, 'progress']);
      assert.deepEqual(kr(analysis, 'rules', 'progress-pct'), [0.375, 'progress']);
      assert.deepEqual(kr(analysis, 'rules', 'progress-open'), [0.4, 'progress']);
      assert.deepEqual(kr(analysis, 'rules', 'progress-zero'), [0, 'progress']);
    });

    it('3. target: the metric, before an open box', () => {
      assert.deepEqual(kr(analysis, 'rules', 'metric'), [0.46153846153846156, 'metric']);
      assert.deepEqual(kr(analysis, 'rules', 'metric-open'), [0.5, 'metric']);
    });

    it('5. an unchecked box is 0 %; 6. otherwise unmeasured', () => {
      assert.deepEqual(kr(analysis, 'rules', 'open'), [0, 'unchecked']);
      assert.deepEqual(kr(analysis, 'rules', 'nothing'), [null, 'unmeasured']);
      assert.deepEqual(kr(analysis, 'rules', 'cancelled'), [null, 'cancelled']);
    });

    it('the objective is the mean of its non-cancelled key results; once one is measured, an unmeasured one counts as 0 %', () => {
      // (1 + 1 + 0.6 + 0.375 + 0.4 + 0 + 6/13 + 0.5 + 0 + 0 [nothing]) / 10; the cancelled one is left out.
      assert.equal(objectiveValue(analysis, 'rules'), 451 / 1040);
      const p = analysis.progress.objective(node(analysis, 'rules'));
      assert.equal(p.from, 'keyResults');
      assert.deepEqual(p.exact, { n: 451n, d: 1040n });
      assert.deepEqual([p.keyResults, p.measured], [10, 9]);
    });

    it('only the unmeasured key result gets kr-unmeasured', () => {
      const found = diagnosticsOf(analysis, 'rules.md').filter((c) => c.startsWith('kr-unmeasured'));
      assert.deepEqual(found, ['kr-unmeasured@15']);
    });
  });

  describe('metrics (SPEC §3 rule 3)', () => {
    const analysis = analyze({
      'm.md': strategic(
        '2026-Q4',
        '## Objective: Metrics {#m}',
        '',
        '- KR: Churn [start:: 4%] [target:: 2.5%] [current:: 3.1%] ^churn',
        '- KR: Response time [start:: 5h] [target:: 2h] [current:: 3.5h] ^response',
        '- KR: Train staff [current:: 8] [target:: 12] ^train',
        '- KR: Start only [start:: 10] [target:: 20] ^start-only',
        '- KR: Target only [target:: 10] ^target-only',
        '- KR: Overshoot [start:: 10] [target:: 20] [current:: 25] ^over',
        '- KR: Below start [start:: 10] [target:: 20] [current:: 5] ^under',
        '- KR: Decreasing overshoot [start:: 5h] [target:: 2h] [current:: 1h] ^dec-over',
        '- KR: Decreasing worse [start:: 5h] [target:: 2h] [current:: 6h] ^dec-under',
        '- KR: Negative [start:: -10] [target:: 10] [current:: 0] ^negative',
        '- KR: Money [start:: $0] [target:: $1,200,000] [current:: $540,000] ^money',
        '- KR: Load [start:: 2,400ms] [target:: 800ms] [current:: 1,350ms] ^load',
        '- KR: Uptime [start:: 99.5%] [target:: 99.95%] [current:: 99.9%] ^uptime',
      ),
    });

    it('computes at full precision', () => {
      // In doubles (3.1 − 4) / (2.5 − 4) is 0.5999999999999999; exactly it is 0.6.
      assert.deepEqual(kr(analysis, 'm', 'churn'), [0.6, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'uptime'), [0.8888888888888888, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'money'), [0.45, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'load'), [0.65625, 'metric']);
    });

    it('works for decreasing metrics (start 5h, target 2h, current 3.5h → 0.5)', () => {
      assert.deepEqual(kr(analysis, 'm', 'response'), [0.5, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'negative'), [0.5, 'metric']);
    });

    it('defaults start to 0 and current to start', () => {
      assert.deepEqual(kr(analysis, 'm', 'train'), [0.6666666666666666, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'start-only'), [0, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'target-only'), [0, 'metric']);
    });

    it('clamps below 0 and above 1', () => {
      assert.deepEqual(kr(analysis, 'm', 'over'), [1, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'under'), [0, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'dec-over'), [1, 'metric']);
      assert.deepEqual(kr(analysis, 'm', 'dec-under'), [0, 'metric']);
    });
  });

  describe('invalid values (SPEC §3)', () => {
    const analysis = analyze({
      'company.md': strategic(
        '2026-Q4',
        '## Objective: Invalid {#inv}',
        '',
        '- KR: Not a number [target:: lots] ^nan',
        '- [ ] KR: Open box, not a number [target:: lots] ^nan-open',
        '- [x] KR: Checked, not a number [target:: lots] ^nan-checked',
        '- KR: Progress given, target not a number [progress:: 40%] [target:: lots] ^nan-progress',
        '- KR: Units differ [start:: 5h] [target:: 2min] ^units',
        '- KR: Target equals start [start:: 5] [target:: 5] [current:: 7] ^range',
        '- KR: Current without target [current:: 5] ^orphan',
        '- [ ] KR: Progress over 100 % [progress:: 150] ^too-high',
        '- KR: Progress over 100 % with a metric [progress:: 150%] [target:: 10] [current:: 5] ^too-high-metric',
        '- KR: Progress in hours [progress:: 50h] ^hours',
        '- KR: Aligned to, but invalid [target:: 1,20] ^aligned-invalid',
      ),
      'ops.md': operational('2026-11', '## Objective: Child {#child}', 'aligns:: [[inv#aligned-invalid]]', '', '- [x] KR: Done'),
    });

    it('a key result with an invalid value is unmeasured unless checked or given a progress (over 100 % is a valid progress)', () => {
      assert.deepEqual(kr(analysis, 'inv', 'nan'), [null, 'unmeasured']);
      assert.deepEqual(kr(analysis, 'inv', 'nan-open'), [null, 'unmeasured']);
      assert.deepEqual(kr(analysis, 'inv', 'nan-checked'), [1, 'checked']);
      assert.deepEqual(kr(analysis, 'inv', 'nan-progress'), [0.4, 'progress']);
      assert.deepEqual(kr(analysis, 'inv', 'units'), [null, 'unmeasured']);
      assert.deepEqual(kr(analysis, 'inv', 'range'), [null, 'unmeasured']);
      assert.deepEqual(kr(analysis, 'inv', 'orphan'), [null, 'unmeasured']);
      // Over 100 % is over-achieved, not invalid: it counts as 1.
      assert.deepEqual(kr(analysis, 'inv', 'too-high'), [1, 'progress']);
      assert.deepEqual(kr(analysis, 'inv', 'too-high-metric'), [1, 'progress']);
      assert.deepEqual(kr(analysis, 'inv', 'hours'), [null, 'unmeasured']);
    });

    it('an invalid value wins over rule 4 (objectives aligned to the key result)', () => {
      assert.equal(objectiveValue(analysis, 'child'), 1);
      assert.deepEqual(kr(analysis, 'inv', 'aligned-invalid'), [null, 'unmeasured']);
    });

    it('the objective counts the ones with an invalid value as 0 %, since others are measured', () => {
      // (1 [nan-checked] + 0.4 [nan-progress] + 1 + 1 [over 100 %]) / 11, the seven invalid ones at 0 %.
      assert.equal(objectiveValue(analysis, 'inv'), 17 / 55);
      const p = analysis.progress.objective(node(analysis, 'inv'));
      assert.deepEqual(p.exact, { n: 17n, d: 55n });
      assert.deepEqual([p.from, p.keyResults, p.measured], ['keyResults', 11, 4]);
    });

    it('reports each once, and never as kr-unmeasured', () => {
      assert.deepEqual(
        diagnosticsOf(analysis, 'company.md').filter((c) => c.startsWith('kr-')),
        [
          'kr-value-invalid@6',
          'kr-value-invalid@7',
          'kr-value-invalid@8',
          'kr-value-invalid@9',
          'kr-unit-mismatch@10',
          'kr-invalid-range@11',
          'kr-value-invalid@12',
          // 13 and 14 state over 100 %: over-achieved, not invalid.
          'kr-value-invalid@15',
          'kr-value-invalid@16',
          'kr-too-many@4',
        ].sort((a, b) => Number(a.split('@')[1]) - Number(b.split('@')[1])),
      );
    });
  });

  describe('weights (SPEC §3)', () => {
    const analysis = analyze({
      'w.md': strategic(
        '2026-Q4',
        '## Objective: Heavy {#heavy}',
        '- [x] KR: Heavy [weight:: 3]',
        '- [ ] KR: Light',
        '',
        '## Objective: Decimal {#decimal}',
        '- [x] KR: A [weight:: 0.1]',
        '- [ ] KR: B [weight:: 0.2]',
        '',
        '## Objective: Three decimals {#three}',
        '- KR: A [progress:: 10] [weight:: 0.7]',
        '- KR: B [progress:: 20] [weight:: 0.2]',
        '- KR: C [progress:: 30] [weight:: 0.1]',
        '',
        '## Objective: Invalid weights {#invalid}',
        '- [x] KR: Zero [weight:: 0]',
        '- [ ] KR: Negative [weight:: -2]',
        '- [x] KR: Word [weight:: heavy]',
        '- [ ] KR: Valid [weight:: 3]',
        '',
        '## Objective: Unmeasured weight {#unmeasured}',
        '- [x] KR: Done',
        '- KR: Nothing [weight:: 5]',
        '',
        '## Objective: Cancelled weight {#cancelled}',
        '- [x] KR: Done',
        '- [-] KR: Cancelled [weight:: 5] [progress:: 0]',
        '',
        '## Objective: Weighted metrics {#metrics}',
        '- KR: Two thirds [current:: 2] [target:: 3] [weight:: 2]',
        '- KR: A seventh [current:: 1] [target:: 7] [weight:: 1.5]',
      ),
    });

    it('weighs the mean by weight (default 1)', () => {
      assert.equal(objectiveValue(analysis, 'heavy'), 0.75);
    });

    it('uses decimal weights exactly', () => {
      assert.equal(objectiveValue(analysis, 'decimal'), 1 / 3);
      assert.equal(objectiveValue(analysis, 'three'), 0.14);
      // (2 × 2/3 + 1.5 × 1/7) / 3.5 = 65/147
      assert.equal(objectiveValue(analysis, 'metrics'), 65 / 147);
      assert.deepEqual(analysis.progress.objective(node(analysis, 'metrics')).exact, { n: 65n, d: 147n });
    });

    it('counts an invalid weight as 1 and reports field-invalid on it', () => {
      // (1 + 0 + 1 + 0 × 3) / 6
      assert.equal(objectiveValue(analysis, 'invalid'), 1 / 3);
      assert.deepEqual(
        diagnosticsOf(analysis, 'w.md').filter((c) => c.startsWith('field-invalid')),
        ['field-invalid@18', 'field-invalid@19', 'field-invalid@20'],
      );
    });

    it('counts an unmeasured key result as 0 % with its weight once another is measured', () => {
      // (1 × 1 + 0 × 5) / 6
      assert.equal(objectiveValue(analysis, 'unmeasured'), 1 / 6);
      const p = analysis.progress.objective(node(analysis, 'unmeasured'));
      assert.deepEqual(p.exact, { n: 1n, d: 6n });
      assert.deepEqual([p.keyResults, p.measured], [2, 1]);
    });

    it('leaves cancelled key results out, whatever their weight', () => {
      assert.equal(objectiveValue(analysis, 'cancelled'), 1);
      const p = analysis.progress.objective(node(analysis, 'cancelled'));
      assert.deepEqual([p.keyResults, p.measured], [1, 1]);
    });
  });

  describe('unmeasured key results once one is measured (SPEC §3 objective rule)', () => {
    /** [value, from, keyResults, measured] of an objective. */
    const summary = (a: Analysis, id: string) => {
      const p = a.progress.objective(node(a, id));
      return [p.value, p.from, p.keyResults, p.measured];
    };

    it('one checked key result and four without numbers is 20 %, 1 of 5 key results measured', () => {
      const a = analyze({
        'o.md': strategic(
          '2026-Q4',
          '## Objective: Onboarding {#onboarding}',
          '- [x] KR: Ship the new welcome tour',
          '- KR: Halve time to first value',
          '- KR: Raise activation',
          '- KR: Cut onboarding tickets',
          '- KR: Interview new customers',
        ),
      });
      assert.deepEqual(summary(a, 'onboarding'), [0.2, 'keyResults', 5, 1]);
      assert.deepEqual(a.progress.objective(node(a, 'onboarding')).exact, { n: 1n, d: 5n });
      const [reported] = buildReport(a).objectives;
      assert.deepEqual([reported?.progress, reported?.keyResultsCounted, reported?.keyResultsMeasured], [0.2, 5, 1]);
    });

    it('weighs an unmeasured key result, with no value or an invalid one, as 0 % with its weight', () => {
      const a = analyze({
        'w.md': strategic(
          '2026-Q4',
          '## Objective: Weighted {#weighted}',
          '- KR: Half done [progress:: 50] [weight:: 2]',
          '- KR: No value [weight:: 3]',
          '- KR: Invalid value [target:: lots] [weight:: 5]',
          '',
          '## Objective: Heavy measured {#heavy}',
          '- [x] KR: Done [weight:: 3]',
          '- KR: No value',
        ),
      });
      // (2 × 0.5 + 3 × 0 + 5 × 0) / 10
      assert.deepEqual(summary(a, 'weighted'), [0.1, 'keyResults', 3, 1]);
      assert.deepEqual(a.progress.objective(node(a, 'weighted')).exact, { n: 1n, d: 10n });
      // (3 × 1 + 1 × 0) / 4
      assert.deepEqual(summary(a, 'heavy'), [0.75, 'keyResults', 2, 1]);
    });

    it('an open checkbox is measured (0 %) and a key result measured through alignment is measured', () => {
      const a = analyze({
        'p.md': strategic(
          '2026-Q4',
          '## Objective: Open box {#open}',
          '- [ ] KR: Not started',
          '- KR: No value',
          '',
          '## Objective: Via children {#via}',
          '- KR: Measured by a child ^k',
          '- KR: No value',
        ),
        'c.md': operational('2026-11', '## Objective: Child {#child}', 'aligns:: [[via#k]]', '- KR: x [progress:: 40]'),
      });
      assert.deepEqual(summary(a, 'open'), [0, 'keyResults', 2, 1]);
      // (0.4 + 0) / 2
      assert.deepEqual(summary(a, 'via'), [0.2, 'keyResults', 2, 1]);
    });

    it('with no key result measured, falls back to the aligned objectives, or is unmeasured', () => {
      const a = analyze({
        'p.md': strategic(
          '2026-Q4',
          '## Objective: Parent {#parent}',
          '- KR: No value',
          '- KR: Invalid value [target:: lots]',
          '',
          '## Objective: Alone {#alone}',
          '- KR: No value',
          '- KR: Invalid value [current:: 5]',
          '- KR: Another without value',
        ),
        'c.md': operational('2026-11', '## Objective: Child {#child}', 'aligns:: [[parent]]', '- KR: x [progress:: 40]'),
      });
      assert.deepEqual(summary(a, 'parent'), [0.4, 'aligned', 2, 0]);
      assert.deepEqual(summary(a, 'alone'), [null, 'none', 3, 0]);
    });

    it('leaves cancelled key results out of the mean and out of the count', () => {
      const a = analyze({
        'p.md': strategic(
          '2026-Q4',
          '## Objective: Some cancelled {#some}',
          '- [x] KR: Done',
          '- [-] KR: Cancelled, heavy [weight:: 5]',
          '- [-] KR: Cancelled with progress [progress:: 0]',
          '- KR: No value',
          '',
          '## Objective: All cancelled {#all}',
          '- [-] KR: Gone',
          '- [-] KR: Gone too [progress:: 100]',
        ),
      });
      // (1 + 0) / 2: the cancelled ones neither count as 0 % nor as key results.
      assert.deepEqual(summary(a, 'some'), [0.5, 'keyResults', 2, 1]);
      assert.deepEqual(summary(a, 'all'), [null, 'none', 0, 0]);
    });
  });

  describe('over 100 % (SPEC §3 rule 2)', () => {
    const analysis = analyze({
      'o.md': strategic(
        '2026-Q4',
        '## Objective: Over-achieved {#over}',
        '- KR: Beat the goal [progress:: 150%] ^beat',
        '- KR: Half way [progress:: 50] ^half',
        '- KR: Exactly done [progress:: 100%] ^exact',
        '- KR: No value ^none',
      ),
    });

    it('a key result over 100 % is over-achieved: value 1, overAchieved the stated fraction', () => {
      const beat = analysis.progress.keyResult(keyResult(analysis, 'over', 'beat'));
      assert.deepEqual([beat.value, beat.rule, beat.overAchieved], [1, 'progress', 1.5]);
      assert.deepEqual(beat.exact, { n: 1n, d: 1n });
      const exact = analysis.progress.keyResult(keyResult(analysis, 'over', 'exact'));
      assert.deepEqual([exact.value, exact.rule, exact.overAchieved], [1, 'progress', undefined]);
      assert.equal(analysis.progress.keyResult(keyResult(analysis, 'over', 'half')).overAchieved, undefined);
    });

    it('counts as 100 % in the objective\'s mean', () => {
      // (1 + 0.5 + 1 + 0) / 4, not (1.5 + 0.5 + 1 + 0) / 4
      const p = analysis.progress.objective(node(analysis, 'over'));
      assert.deepEqual([p.value, p.from, p.keyResults, p.measured], [0.625, 'keyResults', 4, 3]);
    });

    it('is no error, and the report shows it as 1', () => {
      assert.deepEqual(diagnosticsOf(analysis, 'o.md').filter((c) => c.startsWith('kr-value-invalid')), []);
      const [over] = buildReport(analysis).objectives;
      assert.ok(over);
      assert.deepEqual(over.keyResults.map((k) => [k.progress, k.overAchieved]), [[1, 1.5], [0.5, undefined], [1, undefined], [null, undefined]]);
      assert.deepEqual([over.progress, over.keyResultsCounted, over.keyResultsMeasured], [0.625, 4, 3]);
    });

    it('an objective aligned to an over-achieved key result does not change it (rule 2 before rule 4)', () => {
      const a = analyze({
        'p.md': strategic('2026-Q4', '## Objective: Parent {#parent}', '- KR: Beat [progress:: 144%] ^beat'),
        'c.md': operational('2026-11', '## Objective: Child {#child}', 'aligns:: [[parent#beat]]', '- KR: x [progress:: 20]'),
      });
      const beat = a.progress.keyResult(keyResult(a, 'parent', 'beat'));
      assert.deepEqual([beat.value, beat.rule, beat.overAchieved], [1, 'progress', 1.44]);
      assert.equal(objectiveValue(a, 'parent'), 1);
    });
  });

  describe('alignment roll-up (SPEC §3 rule 4 and the objective rule)', () => {
    const files = {
      'company.md': strategic('2026', '## Objective: Company {#company}', '', 'Prose, no key results.'),
      'teams/platform.md': strategic(
        '2026-Q4',
        '## Objective: Platform team {#team}',
        'aligns:: [[company]]',
        '',
        '- KR: Platform shipped ^platform',
        '- [x] KR: Hiring done ^hiring',
        '- [ ] KR: Open, children unmeasured ^open-unmeasured',
        '- KR: Children all dropped ^dropped-only',
        '',
        '## Objective: Sales team {#sales}',
        'aligns:: [[company]]',
        '',
        '- KR: Sales [progress:: 30]',
        '',
        '## Objective: Dropped team {#dropped-team}',
        'status:: dropped',
        'aligns:: [[company]]',
        '',
        '- [x] KR: Done anyway',
        '',
        '## Objective: Unmeasured team {#unmeasured-team}',
        'aligns:: [[company]]',
        '',
        '- KR: Nothing measurable',
      ),
      'ops/2026-11.md': operational(
        '2026-11',
        '## Objective: Op one {#op1}',
        'aligns:: [[team#platform]]',
        '- KR: Half [progress:: 50%]',
        '',
        '## Objective: Op two {#op2}',
        'aligns:: [[team#^platform]]',
        '- [x] KR: Done',
        '',
        '## Objective: Op dropped {#op3}',
        'status:: dropped',
        'aligns:: [[team#platform]] [[team#dropped-only]]',
        '- [ ] KR: Not started',
        '',
        '## Objective: Op unmeasured {#op4}',
        'aligns:: [[team#platform]] [[team#open-unmeasured]]',
        '- KR: Nothing',
      ),
    };
    const analysis = analyze(files);

    it('4. a key result is the mean of the measured, non-dropped objectives aligned to it', () => {
      assert.deepEqual(kr(analysis, 'team', 'platform'), [0.75, 'aligned']);
    });

    it('rule 4 needs at least one measured child: otherwise an open box is 0 %, else unmeasured', () => {
      assert.deepEqual(kr(analysis, 'team', 'open-unmeasured'), [0, 'unchecked']);
      assert.deepEqual(kr(analysis, 'team', 'dropped-only'), [null, 'unmeasured']);
    });

    it('the chain operational → strategic key result → strategic objective → company objective', () => {
      // team: (0.75 + 1 + 0 + 0 [dropped-only, unmeasured]) / 4 = 7/16; company: mean of team and sales (0.3).
      const team = analysis.progress.objective(node(analysis, 'team'));
      assert.equal(team.value, 0.4375);
      assert.deepEqual([team.from, team.keyResults, team.measured], ['keyResults', 4, 3]);
      const company = analysis.progress.objective(node(analysis, 'company'));
      assert.equal(company.from, 'aligned');
      assert.equal(company.value, 0.36875);
      assert.deepEqual(company.exact, { n: 59n, d: 160n });
      assert.deepEqual([company.keyResults, company.measured], [0, 0]);
    });

    it('dropped objectives show their own progress but never count in a parent', () => {
      assert.equal(objectiveValue(analysis, 'dropped-team'), 1);
      assert.equal(objectiveValue(analysis, 'op3'), 0);
      assert.equal(analysis.settings(node(analysis, 'op3')).status, 'dropped');
    });

    it('an objective without measured key results and without measured children is unmeasured', () => {
      const p = analysis.progress.objective(node(analysis, 'unmeasured-team'));
      assert.deepEqual([p.value, p.from, p.keyResults, p.measured], [null, 'none', 1, 0]);
      assert.equal(objectiveValue(analysis, 'op4'), null);
    });

    it('an objective with measured key results ignores the objectives aligned to it', () => {
      const a = analyze({
        'p.md': strategic('2026-Q4', '## Objective: Parent {#parent}', '- [x] KR: Done'),
        'c.md': operational('2026-11', '## Objective: Child {#child}', 'aligns:: [[parent]]', '- [ ] KR: Not started'),
      });
      assert.equal(objectiveValue(a, 'child'), 0);
      const p = a.progress.objective(node(a, 'parent'));
      assert.deepEqual([p.value, p.from], [1, 'keyResults']);
    });

    it('an objective whose key results are all unmeasured or cancelled takes the mean of its aligned children', () => {
      const a = analyze({
        'p.md': strategic(
          '2026-Q4',
          '## Objective: Parent {#parent}',
          '- KR: Unmeasured',
          '- [-] KR: Cancelled [progress:: 100]',
          '',
          '## Objective: Other {#other}',
          '- [-] KR: Cancelled only',
        ),
        'c.md': operational(
          '2026-11',
          '## Objective: Child one {#c1}',
          'aligns:: [[parent]] [[other]]',
          '- KR: x [progress:: 20]',
          '',
          '## Objective: Child two {#c2}',
          'aligns:: [[parent]] [[other]]',
          '- KR: x [progress:: 70]',
        ),
      });
      const parent = a.progress.objective(node(a, 'parent'));
      assert.deepEqual([parent.value, parent.from, parent.keyResults, parent.measured], [0.45, 'aligned', 1, 0]);
      const other = a.progress.objective(node(a, 'other'));
      assert.deepEqual([other.value, other.from, other.keyResults, other.measured], [0.45, 'aligned', 0, 0]);
    });

    it('the same target twice counts once', () => {
      const a = analyze({
        'p.md': strategic('2026-Q4', '## Objective: Parent {#parent}', '- KR: k ^k'),
        'c.md': operational(
          '2026-11',
          '## Objective: Twice {#twice}',
          'aligns:: [[parent#k]] [[parent#^k]]',
          '- KR: x [progress:: 20]',
          '',
          '## Objective: Once {#once}',
          'aligns:: [[parent#k]]',
          '- KR: x [progress:: 80]',
        ),
      });
      assert.deepEqual(kr(a, 'parent', 'k'), [0.5, 'aligned']);
    });
  });

  describe('cancelled key results (SPEC §3)', () => {
    const analysis = analyze({
      'p.md': strategic(
        '2026-Q4',
        '## Objective: Parent {#parent}',
        '- [ ] KR: Open ^open',
        '- [-] KR: Cancelled, children done [progress:: 100] ^gone',
      ),
      'c.md': operational('2026-11', '## Objective: Child {#child}', 'aligns:: [[parent#gone]]', '- [x] KR: Done'),
    });

    it('are out of every roll-up, even with objectives aligned to them', () => {
      assert.deepEqual(kr(analysis, 'parent', 'gone'), [null, 'cancelled']);
      assert.equal(objectiveValue(analysis, 'parent'), 0);
    });

    it('get no kr-* diagnostics', () => {
      assert.deepEqual(diagnosticsOf(analysis, 'p.md').filter((c) => c.startsWith('kr-')), []);
    });
  });

  describe('references reported as align-cycle count for nothing (SPEC §3, §5)', () => {
    const analysis = analyze({
      'loop.md': strategic(
        '2026-Q4',
        '## Objective: A {#a}',
        'aligns:: [[b]]',
        '',
        '- KR: Measured only by B ^k',
        '',
        '## Objective: B {#b}',
        'aligns:: [[a#k]]',
        '',
        '- [x] KR: Done',
        '',
        '## Objective: Self {#self}',
        'aligns:: [[self]]',
        '',
        '## Objective: Ring one {#r1}',
        'aligns:: [[r2]]',
        '',
        '## Objective: Ring two {#r2}',
        'aligns:: [[r1]]',
        '- KR: x [progress:: 40]',
      ),
    });

    it('reports the loop', () => {
      assert.deepEqual(
        diagnosticsOf(analysis, 'loop.md').filter((c) => c.startsWith('align-')),
        ['align-cycle@5', 'align-cycle@10', 'align-cycle@15', 'align-cycle@18', 'align-cycle@21'],
      );
    });

    it('a key result measured only through a loop is unmeasured', () => {
      assert.equal(objectiveValue(analysis, 'b'), 1);
      assert.deepEqual(kr(analysis, 'a', 'k'), [null, 'unmeasured']);
      assert.equal(objectiveValue(analysis, 'a'), null);
    });

    it('an objective measured only through a loop is unmeasured', () => {
      assert.equal(objectiveValue(analysis, 'self'), null);
      assert.equal(objectiveValue(analysis, 'r2'), 0.4);
      assert.equal(objectiveValue(analysis, 'r1'), null);
    });

    it('objectives in a loop are roots of the report, with no children through the loop', () => {
      const report = buildReport(analysis);
      assert.deepEqual(tree(report.objectives), ['a', 'b', 'self', 'r1', 'r2']);
    });
  });

  describe('pace (SPEC §3)', () => {
    const analysis = analyze({
      'pace.md': strategic(
        '2026-Q4',
        '## Objective: Exactly twenty points below {#exact}',
        'cycle:: 2026-11-16..2026-11-25',
        '- KR: x [progress:: 80%]',
        '',
        '## Objective: Just more than twenty below {#just}',
        'cycle:: 2026-11-16..2026-11-25',
        '- KR: x [progress:: 79.99%]',
        '',
        '## Objective: Nine tenths expected, seventy done {#ninety}',
        'cycle:: 2026-11-17..2026-11-26',
        '- KR: x [progress:: 70%]',
        '',
        '## Objective: Nine tenths expected, sixty-nine done {#sixty-nine}',
        'cycle:: 2026-11-17..2026-11-26',
        '- KR: x [progress:: 69.9%]',
        '',
        '## Objective: Not started yet {#future}',
        'cycle:: 2026-12',
        '- [ ] KR: x',
        '',
        '## Objective: Ended {#ended}',
        'cycle:: 2026-10',
        '- KR: x [progress:: 50%]',
        '',
        '## Objective: Unmeasured {#unmeasured}',
        'cycle:: 2026-11',
        '- KR: nothing',
        '',
        '## Objective: Quarter {#quarter}',
        '- KR: x [progress:: 40%]',
      ),
    });
    const pace = (id: string) => analysis.progress.pace(node(analysis, id));

    it('is behind only when strictly more than 20 points below the expected progress', () => {
      assert.deepEqual(pace('exact'), { expected: 1, behind: false });
      assert.deepEqual(pace('just'), { expected: 1, behind: true });
      // 0.9 − 0.7 is 0.20000000000000007 in doubles; exactly it is 0.2: not behind.
      assert.deepEqual(pace('ninety'), { expected: 0.9, behind: false });
      assert.deepEqual(pace('sixty-nine'), { expected: 0.9, behind: true });
    });

    it('expects 0 before the start and 1 after the end', () => {
      assert.deepEqual(pace('future'), { expected: 0, behind: false });
      assert.deepEqual(pace('ended'), { expected: 1, behind: true });
    });

    it('an unmeasured objective has no pace', () => {
      assert.equal(pace('unmeasured'), undefined);
    });

    it('counts today as elapsed: clamp(today − start + 1, 0, length) / length', () => {
      // 2026-Q4: 92 days; 2026-11-25 is day 56.
      assert.deepEqual(pace('quarter'), { expected: 56 / 92, behind: true });
      const first = analyze({ 'p.md': strategic('2026-11-16..2026-11-25', '## Objective: P {#p}', '- [ ] KR: x') }, { today: '2026-11-16' });
      assert.deepEqual(first.progress.pace(node(first, 'p')), { expected: 0.1, behind: false });
      const before = analyze({ 'p.md': strategic('2026-11-16..2026-11-25', '## Objective: P {#p}', '- [ ] KR: x') }, { today: '2026-11-15' });
      assert.deepEqual(before.progress.pace(node(before, 'p')), { expected: 0, behind: false });
    });
  });

  describe('report JSON (SPEC §9)', () => {
    const expectedSupport: ReportObjective = {
      id: 'support-response',
      title: 'Reduce average support response time to under 2 hours',
      level: 'operational',
      status: 'active',
      owner: 'Support team',
      cycle: { label: '2026-11', start: '2026-11-01', end: '2026-11-30' },
      progress: 0.7222222222222222,
      keyResultsCounted: 3,
      keyResultsMeasured: 3,
      path: 'okrs/support.md',
      line: 5,
      keyResults: [
        { id: null, title: 'Roll out the new ticketing software', progress: 1, line: 8 },
        { id: null, title: 'Train support staff on it', progress: 0.6666666666666666, line: 9 },
        { id: null, title: 'Average first response time', progress: 0.5, line: 10 },
      ],
      children: [],
    };
    const expectedCsat: ReportObjective = {
      id: 'csat',
      title: 'Enhance customer satisfaction',
      level: 'strategic',
      status: 'active',
      owner: 'Leadership team',
      cycle: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
      progress: 0.6871794871794872,
      keyResultsCounted: 3,
      keyResultsMeasured: 3,
      path: 'okrs/company.md',
      line: 7,
      keyResults: [
        { id: 'nps', title: 'Raise NPS', progress: 0.46153846153846156, line: 9 },
        { id: 'churn', title: 'Cut monthly churn', progress: 0.6, line: 10 },
        { id: 'cab', title: 'Launch the customer advisory board', progress: 1, line: 11 },
      ],
      children: [expectedSupport],
    };

    it('matches the SPEC example exactly for the two SPEC documents', () => {
      const report = buildReport(analyze(SPEC_FILES));
      assert.deepEqual(report, { version: 1, today: '2026-11-25', objectives: [expectedCsat] });
    });

    it('serialises the exact numbers and the SPEC key order', () => {
      const json = JSON.stringify(buildReport(analyze(SPEC_FILES)));
      assert.ok(json.includes('"progress":0.6871794871794872'), json);
      assert.ok(json.includes('{"id":"nps","title":"Raise NPS","progress":0.46153846153846156,"line":9}'), json);
      assert.ok(json.includes('{"id":null,"title":"Roll out the new ticketing software","progress":1,"line":8}'), json);
      assert.ok(json.startsWith('{"version":1,"today":"2026-11-25","objectives":[{"id":"csat","title":"Enhance customer satisfaction","level":"strategic","status":"active","owner":"Leadership team","cycle":{"label":"2026-Q4","start":"2026-10-01","end":"2026-12-31"},"progress":0.6871794871794872,"keyResultsCounted":3,"keyResultsMeasured":3,"path":"okrs/company.md","line":7,"keyResults":['), json);
      // Strict documents: no inferred and no overAchieved keys.
      assert.ok(!json.includes('"inferred"') && !json.includes('"overAchieved"'), json);
    });

    it('the SPEC example documents are clean', () => {
      const analysis = analyze(SPEC_FILES);
      assert.deepEqual(diagnosticsOf(analysis, 'okrs/support.md'), []);
      assert.deepEqual(diagnosticsOf(analysis, 'okrs/company.md'), []);
    });

    it('uses null for a missing owner, cycle and progress', () => {
      const report = buildReport(analyze({ 'bare.okr.md': md('## Objective: Bare {#bare}', '- KR: nothing') }));
      assert.deepEqual(report.objectives, [
        {
          id: 'bare',
          title: 'Bare',
          level: null,
          status: 'active',
          owner: null,
          cycle: null,
          progress: null,
          keyResultsCounted: 1,
          keyResultsMeasured: 0,
          path: 'bare.okr.md',
          line: 0,
          keyResults: [{ id: null, title: 'nothing', progress: null, line: 1 }],
          children: [],
        },
      ]);
    });

    it('a --cycle filter keeps the roots whose cycle overlaps it', () => {
      const files = {
        ...SPEC_FILES,
        'okrs/next.md': strategic('2027-Q1', '## Objective: Next year {#next}', '- [ ] KR: x'),
        'okrs/nocycle.okr.md': md('---', 'okr: strategic', '---', '## Objective: No cycle {#nocycle}', '- [ ] KR: x'),
      };
      const analysis = analyze(files);
      const roots = (label?: string) =>
        buildReport(analysis, label === undefined ? {} : { cycle: cycle(label) }).objectives.map((o) => o.id);
      assert.deepEqual(roots(), ['csat', 'next', 'nocycle']);
      assert.deepEqual(roots('2026-Q3'), []);
      assert.deepEqual(roots('2026-12'), ['csat']);
      assert.deepEqual(roots('2026-12-31..2027-01-01'), ['csat', 'next']);
      assert.deepEqual(roots('2027'), ['next']);
      // The filter is on roots: the 2026-11 child stays under its 2026-Q4 parent.
      assert.deepEqual(tree(buildReport(analysis, { cycle: cycle('2026-12') }).objectives), [{ csat: ['support-response'] }]);
    });

    it('an objective aligned to two parents appears under both', () => {
      const analysis = analyze({
        'company.md': strategic(
          '2026-Q4',
          '## Objective: One {#one}',
          '- KR: k ^k',
          '',
          '## Objective: Two {#two}',
          '- [ ] KR: x',
        ),
        'ops.md': operational('2026-11', '## Objective: Both {#both}', 'aligns:: [[one#k]], [[two]]', '- KR: x [progress:: 40]'),
      });
      const report = buildReport(analysis);
      assert.deepEqual(tree(report.objectives), [{ one: ['both'] }, { two: ['both'] }]);
      assert.deepEqual(report.objectives[0]!.children[0], report.objectives[1]!.children[0]);
      assert.equal(report.objectives[0]!.keyResults[0]!.progress, 0.4);
      assert.equal(report.objectives[1]!.progress, 0);
    });

    it('lists dropped objectives with status dropped and their own progress', () => {
      const analysis = analyze({
        'company.md': strategic('2026-Q4', '## Objective: Parent {#parent}', '- KR: k ^k'),
        'ops.md': operational(
          '2026-11',
          '## Objective: Active {#active}',
          'aligns:: [[parent#k]]',
          '- KR: x [progress:: 20]',
          '',
          '## Objective: Dropped {#dropped}',
          'status:: dropped',
          'aligns:: [[parent#k]]',
          '- [x] KR: x',
        ),
      });
      const [parent] = buildReport(analysis).objectives;
      assert.ok(parent);
      assert.equal(parent.progress, 0.2);
      assert.equal(parent.keyResults[0]!.progress, 0.2);
      assert.deepEqual(
        parent.children.map((c) => [c.id, c.status, c.progress]),
        [
          ['active', 'active', 0.2],
          ['dropped', 'dropped', 1],
        ],
      );
    });

    it('a chain nests: company → team → operational', () => {
      const analysis = analyze({
        'company.md': strategic('2026', '## Objective: Company {#company}', '- [ ] KR: x ^x'),
        'team.md': strategic('2026-Q4', '## Objective: Team {#team}', 'aligns:: [[company#x]]', '- KR: t ^t'),
        'ops.md': operational('2026-11', '## Objective: Op {#op}', 'aligns:: [[team#t]]', '- KR: x [progress:: 60]'),
      });
      const report = buildReport(analysis);
      assert.deepEqual(tree(report.objectives), [{ company: [{ team: ['op'] }] }]);
      assert.equal(report.objectives[0]!.keyResults[0]!.progress, 0.6);
      assert.equal(report.objectives[0]!.progress, 0.6);
    });
  });
});
