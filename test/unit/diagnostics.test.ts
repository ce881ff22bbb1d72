// SPEC §6 diagnostics: every code on the line the SPEC names with its default severity,
// a near miss for each, "How the rules combine", reference resolution (§5) as far as
// diagnostics see it, ranges and config severities.
import assert from 'node:assert/strict';
import { readConfig, type OkrConfig } from '../../server/src/okr/analysis/config.ts';
import type { Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { analyze, codes, diagnose, md } from './helpers.ts';

type Files = Record<string, string>;
type Options = { today?: string; config?: Partial<OkrConfig> };

// ---------------------------------------------------------------------------------------
// Fixtures. Every file made with op()/st() has four frontmatter lines, so its body starts
// on (0-based) line 4.

const op = (...body: string[]) => md('---', 'okr: operational', 'cycle: 2026-11', '---', ...body);
const st = (...body: string[]) => md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', ...body);

/** A supported, measured, clean strategic objective `csat` (2026-Q4) with key results ^nps and ^churn. */
const COMPANY = st(
  '# Company OKRs', // 4
  '', // 5
  '## Objective: Customer satisfaction {#csat}', // 6
  '', // 7
  '- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps', // 8
  '- KR: Cut churn  [start:: 4%]  [target:: 2.5%]  [current:: 3.1%] ^churn', // 9
);

/** A clean operational objective `support` (2026-11) aligned to csat#nps; it keeps csat supported. */
const SUPPORT = op(
  '## Objective: Faster support {#support}', // 4
  '', // 5
  'aligns:: [[csat#nps]]', // 6
  '', // 7
  '- KR: First response  [start:: 5h]  [target:: 2h]  [current:: 3.5h] ^faster', // 8
);

const BASE: Files = { 'strategy/company.md': COMPANY, 'teams/support.md': SUPPORT };

/** The base workspace plus `extra` files. */
function ws(extra: Files = {}): Files {
  return { ...BASE, ...extra };
}

/** A clean operational objective body aligned to `aligns`, heading on line 4, aligns on 6, KR on 8. */
function opObjective(aligns = '[[csat]]', id = 'x'): string[] {
  return [`## Objective: Team goal ${id} {#${id}}`, '', `aligns:: ${aligns}`, '', '- KR: Do it [progress:: 50]'];
}

/** `code@line` of every diagnostic of `path`. */
function check(files: Files, path: string, options: Options = {}): string[] {
  return codes(diagnose(files, path, options));
}

/** The diagnostics of `path` with this code. */
function only(files: Files, path: string, code: string, options: Options = {}): Diagnostic[] {
  return diagnose(files, path, options).filter((d) => d.code === code);
}

/** `code@line` of the diagnostics of `path` with one of these codes. */
function checkOnly(files: Files, path: string, wanted: string[], options: Options = {}): string[] {
  return codes(diagnose(files, path, options).filter((d) => wanted.includes(d.code)));
}

/** Asserts exactly one diagnostic `code` in `path`, on `line`, with `severity`; returns it. */
function expectOne(files: Files, path: string, code: string, line: number, severity: string, options: Options = {}): Diagnostic {
  const found = only(files, path, code, options);
  assert.deepEqual(codes(found), [`${code}@${line}`], `all diagnostics: ${JSON.stringify(check(files, path, options))}`);
  assert.equal(found[0]!.severity, severity);
  return found[0]!;
}

/** The objective node of `path` with this id, in an analysis of `files`. */
function nodeOf(files: Files, path: string, id: string, options: Options = {}) {
  const analysis = analyze(files, options);
  const document = analysis.index.get(path);
  assert.ok(document, `${path} is not an OKR document`);
  const objective = document.objectives.find((o) => o.id === id);
  assert.ok(objective, `no objective ${id} in ${path}`);
  return { analysis, node: { document, objective } };
}

/** What each reference of objective `id` resolves to: `objective:csat`, `keyResult:csat^nps` or `unresolved`. */
function targets(files: Files, path: string, id: string): string[] {
  const { analysis, node } = nodeOf(files, path, id);
  return analysis.references(node).map(({ resolution }) => {
    if (!resolution.ok) return 'unresolved';
    const { target } = resolution;
    return target.kind === 'objective' ? `objective:${target.node.objective.id}` : `keyResult:${target.node.objective.id}^${target.keyResult.id}`;
  });
}

describe('diagnostics', () => {
  describe('fixtures', () => {
    it('the base workspace is clean', () => {
      assert.deepEqual(check(BASE, 'strategy/company.md'), []);
      assert.deepEqual(check(BASE, 'teams/support.md'), []);
      assert.deepEqual(check(ws({ 'teams/x.md': op(...opObjective()) }), 'teams/x.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('frontmatter-invalid', () => {
    it('okr that is neither strategic nor operational: on the okr line, an error, and no level-missing', () => {
      const files = ws({ 't.md': md('---', 'okr: tactical', 'cycle: 2026-11', '---', '## Objective: X', '', '- KR: a [progress:: 50]') });
      expectOne(files, 't.md', 'frontmatter-invalid', 1, 'error');
      assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@1']);
    });

    it('an empty okr value is invalid', () => {
      const files = ws({ 't.md': md('---', 'cycle: 2026-11', 'okr:', '---', '## Objective: X', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@2']);
    });

    it('a key of the wrong type is reported on its line, and valid keys keep their values', () => {
      const files = ws({
        't.md': md(
          '---',
          'okr: operational', // 1
          'cycle: 2026-Q4', // 2
          'owner: [a, b]', // 3
          '---',
          '## Objective: X', // 5
          '',
          'aligns:: [[csat]]',
          '',
          '- KR: a [progress:: 50]',
        ),
      });
      // okr and cycle still apply: a 92-day operational cycle is too long (reported on the heading).
      assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@3', 'cycle-too-long@5']);
    });

    it('a cycle of the wrong type is reported once on its line, and inheriting objectives get nothing more', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: {start: 2026}', '---', ...opObjective()) });
      assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@2']);
    });

    it('a YAML syntax error: one diagnostic at the first error; the file stays an OKR document', () => {
      const files = ws({
        't.md': md('---', 'okr: operational', 'cycle: 2026-11', 'owner: a: b', '---', '## Objective: X', '', '- KR: a [progress:: 50]'),
      });
      expectOne(files, 't.md', 'frontmatter-invalid', 3, 'error');
      assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@3']);
    });

    it('reports one frontmatter-invalid per file, at the first of several YAML errors', () => {
      const files = ws({
        't.md': md('---', 'okr: operational', 'owner: a: b', 'cycle: 2026-11', 'cycle: 2026-12', '---', '## Objective: X', '', '- KR: a [progress:: 50]'),
      });
      assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@2']);
    });

    it('near miss: unknown keys, a numeric cycle and a numeric owner are fine', () => {
      const files = ws({
        'year.md': md('---', 'okr: strategic', 'cycle: 2026', 'owner: 42', 'tags: [okr, company]', 'aliases:', '  - plan', '---', '## Objective: Year plan {#year}', '', '- KR: k [progress:: 10] ^k'),
        'child.md': op(...opObjective('[[year#k]]')),
      });
      assert.deepEqual(check(files, 'year.md'), []);
    });

    it('near miss: broken YAML without an okr line is not an OKR document at all', () => {
      const files = ws({ 'notes.md': md('---', 'title: a: b', '---', '## Objective: X') });
      assert.equal(analyze(files).index.get('notes.md'), undefined);
      assert.deepEqual(check(files, 'notes.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('level-missing', () => {
    it('an objective with no frontmatter okr and no level:: field: on the heading, an error', () => {
      const files = ws({ 'x.okr.md': md('## Objective: X', '', 'cycle:: 2026-11', '', '- KR: a [progress:: 50]') });
      expectOne(files, 'x.okr.md', 'level-missing', 0, 'error');
      assert.deepEqual(check(files, 'x.okr.md'), ['level-missing@0']);
    });

    it('with frontmatter that sets only the cycle', () => {
      const files = ws({ 'x.okr.md': md('---', 'cycle: 2026-11', '---', '## Objective: X', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 'x.okr.md'), ['level-missing@3']);
    });

    it('is per objective: only the objective without level:: gets it', () => {
      const files = ws({
        'x.okr.md': md(
          '---',
          'cycle: 2026-11',
          '---',
          '## Objective: A {#a}', // 3
          '',
          'level:: operational',
          'aligns:: [[csat]]',
          '',
          '- KR: a [progress:: 50]',
          '',
          '## Objective: B {#b}', // 10
          '',
          '- KR: b [progress:: 50]',
        ),
      });
      assert.deepEqual(check(files, 'x.okr.md'), ['level-missing@10']);
    });

    it('near miss: a level:: field (case-insensitive) sets the level', () => {
      const files = ws({ 'x.okr.md': md('## Objective: X', '', 'level:: Operational', 'cycle:: 2026-11', '', '- KR: a [progress:: 50]') });
      // operational without aligns: proves the level was read
      assert.deepEqual(check(files, 'x.okr.md'), ['align-missing@0']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('field-invalid', () => {
    const withFields = (...fields: string[]) => ws({ 't.md': op('## Objective: X {#x}', '', 'aligns:: [[csat]]', ...fields, '', '- KR: a [progress:: 50]') });

    it('a bad level value: on the field line, an error, and no level-missing', () => {
      const files = withFields('level:: tactical'); // line 7
      expectOne(files, 't.md', 'field-invalid', 7, 'error');
      assert.deepEqual(only(files, 't.md', 'level-missing'), []);
    });

    it('a bad status value: on the field line', () => {
      const files = withFields('owner:: Ann', 'status:: paused'); // status on line 8
      assert.deepEqual(check(files, 't.md'), ['field-invalid@8']);
    });

    it('a bad weight (0, negative, text, with a unit): on the key result', () => {
      for (const weight of ['0', '-1', 'heavy', '2kg']) {
        const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50]', `- KR: b [progress:: 10] [weight:: ${weight}]`) });
        assert.deepEqual(check(files, 't.md'), ['field-invalid@9'], weight);
      }
    });

    it('a repeated single-valued field: only the repetition, on its line', () => {
      for (const key of ['owner', 'cycle', 'level', 'status']) {
        const value = { owner: 'Ann', cycle: '2026-11', level: 'operational', status: 'active' }[key];
        const files = withFields(`${key}:: ${value}`, `${key}:: ${value}`); // lines 7 and 8
        assert.deepEqual(check(files, 't.md'), ['field-invalid@8'], key);
      }
    });

    it('a repeated key-result field: on the key result', () => {
      const files = ws({ 't.md': op(...opObjective().slice(0, 4), '- KR: a [progress:: 50] [progress:: 60]') });
      assert.deepEqual(check(files, 't.md'), ['field-invalid@8']);
    });

    it('an empty slug: on the heading', () => {
      const files = ws({ 't.md': op('## Objective: !!!', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50]') });
      expectOne(files, 't.md', 'field-invalid', 4, 'error');
    });

    it('a malformed {#…}: on the heading', () => {
      for (const id of ['bad id', 'a.b', '']) {
        const files = ws({ 't.md': op(`## Objective: Title {#${id}}`, '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(check(files, 't.md'), ['field-invalid@4'], id);
      }
    });

    it('a malformed id on a setext heading: on the heading text line', () => {
      const files = ws({ 't.md': op('Objective: Title {#bad id}', '==========', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['field-invalid@4']);
    });

    it('near miss: good ids, case-insensitive level and status, unknown fields, a fractional weight', () => {
      const files = ws({
        't.md': op(
          '## Objective: Café crème', // slug café-crème
          '',
          'aligns:: [[csat]]',
          'level:: OPERATIONAL',
          'status:: Active',
          'priority:: high',
          'priority:: low',
          '',
          '- KR: a [progress:: 50] [weight:: 0.5]',
          '',
          '## Objective: Other {#good_id-2}',
          '',
          'aligns:: [[csat]]',
          '',
          '- KR: b [progress:: 50]',
        ),
      });
      assert.deepEqual(check(files, 't.md'), []);
    });

    it('near miss: aligns:: may repeat, and every occurrence is read', () => {
      const files = withFields('aligns:: [[nope]]'); // line 7
      assert.deepEqual(check(files, 't.md'), ['align-unresolved@7']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('duplicate-id', () => {
    it('two objectives with one id in two files: on every heading involved, an error', () => {
      const files = ws({ 'a.md': op(...opObjective('[[csat]]', 'growth')), 'b.md': op(...opObjective('[[csat]]', 'growth')) });
      expectOne(files, 'a.md', 'duplicate-id', 4, 'error');
      expectOne(files, 'b.md', 'duplicate-id', 4, 'error');
    });

    it('compares ids case-insensitively, explicit or from the slug', () => {
      const files = ws({
        'a.md': op('## Objective: Growth', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50]'),
        'b.md': op(...opObjective('[[csat]]', 'GROWTH')),
      });
      assert.deepEqual(check(files, 'a.md'), ['duplicate-id@4']);
      assert.deepEqual(check(files, 'b.md'), ['duplicate-id@4']);
    });

    it('two objectives of one file', () => {
      const files = ws({ 'a.md': op(...opObjective('[[csat]]', 'twin'), '', ...opObjective('[[csat]]', 'twin')) });
      assert.deepEqual(check(files, 'a.md'), ['duplicate-id@4', 'duplicate-id@10']);
    });

    it('two key results of one objective (case-insensitive): on both items', () => {
      const files = ws({ 'a.md': op(...opObjective().slice(0, 4), '- KR: a [progress:: 50] ^k', '- KR: b [progress:: 50] ^K') });
      assert.deepEqual(check(files, 'a.md'), ['duplicate-id@8', 'duplicate-id@9']);
      assert.equal(only(files, 'a.md', 'duplicate-id')[0]!.severity, 'error');
    });

    it('near miss: one key-result id in two objectives, or equal to an objective id', () => {
      const files = ws({
        'a.md': op('## Objective: A {#a}', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50] ^a', '', '## Objective: B {#b}', '', 'aligns:: [[csat]]', '', '- KR: b [progress:: 50] ^a'),
      });
      assert.deepEqual(check(files, 'a.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cycle-missing', () => {
    it('an objective without a cycle: on the heading, an error, and no cycle checks', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', '---', ...opObjective()) });
      expectOne(files, 't.md', 'cycle-missing', 3, 'error');
      assert.deepEqual(check(files, 't.md'), ['cycle-missing@3']);
    });

    it('near miss: a cycle:: field supplies it, per objective', () => {
      const files = ws({
        't.md': md('---', 'okr: operational', '---', '## Objective: A {#a}', '', 'aligns:: [[csat]]', 'cycle:: 2026-11', '', '- KR: a [progress:: 50]', '', ...opObjective('[[csat]]', 'b')),
      });
      assert.deepEqual(check(files, 't.md'), ['cycle-missing@10']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cycle-invalid', () => {
    it('unparseable or impossible cycle:: values: on the field line, an error', () => {
      for (const cycle of ['2026-13', '2026-02-30', '2027-W53', '2026-12..2026-11', 'next quarter', '2026-Q5']) {
        const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', `cycle:: ${cycle}`, '', '- KR: a [progress:: 50]') });
        expectOne(files, 't.md', 'cycle-invalid', 7, 'error');
        assert.deepEqual(check(files, 't.md'), ['cycle-invalid@7'], cycle);
      }
    });

    it('an invalid frontmatter cycle: on the cycle: line', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-Q5', '---', ...opObjective()) });
      expectOne(files, 't.md', 'cycle-invalid', 2, 'error');
    });

    it('near miss: lower-case letters, week 53 of 2026, ranges, halves and fiscal periods are valid', () => {
      for (const cycle of ['2026-q4', '2026-W53', '2026-W47..2026-W48', '2026-11-02..2026-11-15', '2026-H2', 'FY2026-Q4']) {
        const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', `cycle:: ${cycle}`, '', '- KR: a [progress:: 50]') });
        assert.deepEqual(only(files, 't.md', 'cycle-invalid'), [], cycle);
      }
    });

    it('an objective with its own valid cycle:: under an invalid frontmatter cycle gets its own checks', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: soon', '---', '## Objective: X', '', 'aligns:: [[csat]]', 'cycle:: 2026-Q4', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['cycle-invalid@2', 'cycle-too-long@7']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cycle-too-long', () => {
    it('an inherited 92-day operational cycle: on the heading, a warning', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-Q4', '---', ...opObjective()) });
      expectOne(files, 't.md', 'cycle-too-long', 4, 'warning');
      assert.deepEqual(check(files, 't.md'), ['cycle-too-long@4']);
    });

    it('a cycle:: field: on the field line', () => {
      const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', 'cycle:: 2026-Q4', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['cycle-too-long@7']);
    });

    it('the limit is 42 days: 43 is too long, 42 is not', () => {
      const make = (cycle: string) => ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', `cycle:: ${cycle}`, '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(make('2026-11-01..2026-12-13'), 't.md'), ['cycle-too-long@7']);
      assert.deepEqual(check(make('2026-11-01..2026-12-12'), 't.md'), []);
    });

    it('follows operational.maxCycleDays', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-Q4', '---', ...opObjective()) });
      assert.deepEqual(check(files, 't.md', { config: { operational: { maxCycleDays: 92 } } }), []);
      const month = ws({ 't.md': op(...opObjective()) });
      assert.deepEqual(check(month, 't.md', { config: { operational: { maxCycleDays: 29 } } }), ['cycle-too-long@4']);
    });

    it('near miss: a long strategic cycle is not too long', () => {
      const files = ws({ 'y.md': md('---', 'okr: strategic', 'cycle: 2026..2027', '---', '## Objective: Y', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(only(files, 'y.md', 'cycle-too-long'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cycle-too-short', () => {
    const strategic = (cycleLine: string[]) =>
      ws({ 'y.md': md('---', 'okr: strategic', '---', '## Objective: Y {#y}', '', ...cycleLine, '', '- KR: a [progress:: 50]'), 'c.md': op(...opObjective('[[y]]')) });

    it('a strategic cycle:: field of one month: on the field line, a warning', () => {
      const files = strategic(['cycle:: 2026-11']); // line 5
      expectOne(files, 'y.md', 'cycle-too-short', 5, 'warning');
      assert.deepEqual(check(files, 'y.md'), ['cycle-too-short@5']);
    });

    it('an inherited short cycle: on the heading', () => {
      const files = ws({ 'y.md': md('---', 'okr: strategic', 'cycle: 2026-11', '---', '## Objective: Y {#y}', '', '- KR: a [progress:: 50]'), 'c.md': op(...opObjective('[[y]]')) });
      assert.deepEqual(check(files, 'y.md'), ['cycle-too-short@4']);
    });

    it('the limit is 60 days: 59 is too short, 60 is not', () => {
      assert.deepEqual(check(strategic(['cycle:: 2026-10-01..2026-11-28']), 'y.md'), ['cycle-too-short@5']);
      assert.deepEqual(check(strategic(['cycle:: 2026-10-01..2026-11-29']), 'y.md'), []);
    });

    it('follows strategic.minCycleDays', () => {
      assert.deepEqual(check(strategic(['cycle:: 2026-11']), 'y.md', { config: { strategic: { minCycleDays: 30 } } }), []);
      assert.deepEqual(check(strategic(['cycle:: 2026-Q4']), 'y.md', { config: { strategic: { minCycleDays: 93 } } }), ['cycle-too-short@5']);
    });

    it('near miss: a one-week operational cycle is not too short', () => {
      const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', 'cycle:: 2026-W48', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cycle-outside-parent', () => {
    it('an inherited cycle outside the parent: on the heading, an error', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2027-01', '---', ...opObjective()) });
      expectOne(files, 't.md', 'cycle-outside-parent', 4, 'error');
      assert.deepEqual(check(files, 't.md'), ['cycle-outside-parent@4']);
    });

    it('a cycle:: field that only overlaps the parent: on the field line', () => {
      const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', 'cycle:: 2026-12-20..2027-01-10', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['cycle-outside-parent@7']);
    });

    it('a reference to a key result uses its objective’s cycle', () => {
      const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-09', '---', ...opObjective('[[csat#nps]]')) });
      assert.deepEqual(checkOnly(files, 't.md', ['cycle-outside-parent']), ['cycle-outside-parent@4']);
    });

    it('a strategic child outside its strategic parent', () => {
      const files = ws({ 'y.md': md('---', 'okr: strategic', 'cycle: 2027-H1', '---', '## Objective: Y {#y}', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(checkOnly(files, 'y.md', ['cycle-outside-parent']), ['cycle-outside-parent@4']);
    });

    it('ISO weeks that cross the year are outside the calendar year', () => {
      const files = (week: string) =>
        ws({
          'year.md': md('---', 'okr: strategic', 'cycle: 2026', '---', '## Objective: Year {#year}', '', '- KR: a [progress:: 50]'),
          't.md': op('## Objective: X', '', 'aligns:: [[year]]', `cycle:: ${week}`, '', '- KR: a [progress:: 50]'),
        });
      assert.deepEqual(check(files('2026-W53'), 't.md'), ['cycle-outside-parent@7']);
      assert.deepEqual(checkOnly(files('2026-W01'), 't.md', ['cycle-outside-parent']), ['cycle-outside-parent@7']); // (it also ended incomplete)
      assert.deepEqual(check(files('2026-W52'), 't.md'), []);
    });

    it('near miss: a child cycle touching both ends of the parent is inside', () => {
      for (const cycle of ['2026-10-01..2026-10-31', '2026-12', '2026-12-31']) {
        const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', `cycle:: ${cycle}`, '', '- KR: a [progress:: 50]') });
        assert.deepEqual(checkOnly(files, 't.md', ['cycle-outside-parent']), [], cycle);
      }
    });

    it('is reported for the parent it does not fit, not for the one it fits', () => {
      const files = ws({
        'n.md': md('---', 'okr: strategic', 'cycle: 2027', '---', '## Objective: Next year {#next}', '', '- KR: a [progress:: 50]'),
        't.md': op(...opObjective('[[csat]], [[next]]')),
      });
      assert.deepEqual(check(files, 't.md'), ['cycle-outside-parent@4']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('align-missing', () => {
    it('an operational objective without aligns: on the heading, an error', () => {
      const files = ws({ 't.md': op('## Objective: X', '', '- KR: a [progress:: 50]') });
      expectOne(files, 't.md', 'align-missing', 4, 'error');
      assert.deepEqual(check(files, 't.md'), ['align-missing@4']);
    });

    it('with an empty aligns:: field: on the heading', () => {
      const files = ws({ 't.md': op('## Objective: X', '', 'aligns::', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['align-missing@4']);
    });

    it('an operational level:: in a strategic file', () => {
      const files = ws({ 't.md': st('## Objective: X', '', 'level:: operational', 'cycle:: 2026-11', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['align-missing@4']);
    });

    it('near miss: aligns:: as a list item counts', () => {
      const files = ws({ 't.md': op('## Objective: X', '', '- aligns:: [[csat]]', '- owner:: Ann', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), []);
    });

    it('aligns:: in a key result’s notes is not a field of the objective', () => {
      const files = ws({ 't.md': op('## Objective: X', '', '- KR: a [progress:: 50]', '  - aligns:: [[csat]]', '', '  aligns:: [[csat]]') });
      assert.deepEqual(check(files, 't.md'), ['align-missing@4']);
    });

    it('near miss: a strategic objective needs no aligns', () => {
      assert.deepEqual(only(ws(), 'strategy/company.md', 'align-missing'), []);
    });

    it('near miss: an unresolved reference is align-unresolved, not align-missing', () => {
      const files = ws({ 't.md': op(...opObjective('[[nope]]')) });
      assert.deepEqual(check(files, 't.md'), ['align-unresolved@6']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('align-unresolved', () => {
    it('an unknown id: on the reference, an error', () => {
      const files = ws({ 't.md': op(...opObjective('[[nope]]')) });
      const d = expectOne(files, 't.md', 'align-unresolved', 6, 'error');
      assert.deepEqual(d.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 17 } });
    });

    for (const reference of ['[[csat#nope]]', '[[csat#^nope]]', '[[company#^csat]]', '[[company#Nothing here]]', '[x](../strategy/missing.md#csat)', '[x](../strategy/company.md#nope)']) {
      it(`${reference} resolves to nothing`, () => {
        const files = ws({ 'teams/t.md': op(...opObjective(reference)) });
        assert.deepEqual(check(files, 'teams/t.md'), ['align-unresolved@6']);
      });
    }

    it('near miss: the same references, spelled right, resolve', () => {
      const files = ws({ 'teams/t.md': op(...opObjective('[[csat#nps]] [[csat#^churn]] [[company#^nps]] [[company#Customer satisfaction]] [x](../strategy/company.md#csat)')) });
      assert.deepEqual(check(files, 'teams/t.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('align-level', () => {
    it('operational → operational objective: on the reference, an error', () => {
      const files = ws({ 't.md': op(...opObjective('[[support]]')) });
      const d = expectOne(files, 't.md', 'align-level', 6, 'error');
      assert.deepEqual(d.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 20 } });
      assert.deepEqual(check(files, 't.md'), ['align-level@6']);
    });

    it('operational → key result of an operational objective', () => {
      const files = ws({ 't.md': op(...opObjective('[[support#^faster]]')) });
      assert.deepEqual(check(files, 't.md'), ['align-level@6']);
    });

    it('strategic → operational objective', () => {
      const files = ws({ 'y.md': st('## Objective: Y {#y}', '', 'aligns:: [[csat]], [[support]]', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(checkOnly(files, 'y.md', ['align-level']), ['align-level@6']);
      assert.equal(only(files, 'y.md', 'align-level')[0]!.range.start.character, 19);
    });

    it('near miss: strategic → strategic and operational → strategic key result', () => {
      const files = ws({
        'y.md': st('## Objective: Y {#y}', '', 'aligns:: [[csat]]', '', '- KR: a [progress:: 50] ^k'),
        't.md': op(...opObjective('[[y#k]]')),
      });
      assert.deepEqual(check(files, 'y.md'), []);
      assert.deepEqual(check(files, 't.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('align-cycle', () => {
    it('an objective aligning to itself: on the reference, an error', () => {
      const files = ws({ 'y.md': st('## Objective: Y {#y}', '', 'aligns:: [[y]]', '', '- KR: a [progress:: 50]') });
      const d = expectOne(files, 'y.md', 'align-cycle', 6, 'error');
      assert.deepEqual(d.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 14 } });
    });

    it('near miss: a chain and a diamond are not loops', () => {
      const files = ws({
        'a.md': st('## Objective: A {#a}', '', 'aligns:: [[b]] [[c]]', '', '- KR: a [progress:: 50]'),
        'b.md': st('## Objective: B {#b}', '', 'aligns:: [[d]]', '', '- KR: b [progress:: 50]'),
        'c.md': st('## Objective: C {#c}', '', 'aligns:: [[d]]', '', '- KR: c [progress:: 50]'),
        'd.md': st('## Objective: D {#d}', '', 'aligns:: [[csat]]', '', '- KR: d [progress:: 50]'),
      });
      for (const path of ['a.md', 'b.md', 'c.md', 'd.md']) assert.deepEqual(only(files, path, 'align-cycle'), [], path);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('kr-missing', () => {
    it('an objective without key results that nothing aligns to: on the heading, a warning', () => {
      const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]') });
      expectOne(files, 't.md', 'kr-missing', 4, 'warning');
      assert.deepEqual(check(files, 't.md'), ['kr-missing@4']);
    });

    it('key results nested in another list item do not count', () => {
      const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', '', '- Notes', '  - KR: nested [progress:: 50]') });
      assert.deepEqual(check(files, 't.md'), ['kr-missing@4']);
    });

    it('near miss: an active objective aligned to it', () => {
      const files = ws({ 'p.md': st('## Objective: Parent {#p}'), 't.md': op(...opObjective('[[p]]')) });
      assert.deepEqual(check(files, 'p.md'), []);
    });

    it('an objective aligned to it that is dropped does not count', () => {
      const files = ws({ 'p.md': st('## Objective: Parent {#p}'), 't.md': op('## Objective: X', '', 'aligns:: [[p]]', 'status:: dropped') });
      assert.deepEqual(checkOnly(files, 'p.md', ['kr-missing']), ['kr-missing@4']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('kr-too-many', () => {
    const withKeyResults = (n: number, extra: string[] = []) =>
      ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', '', ...Array.from({ length: n }, (_, i) => `- KR: k${i} [progress:: 50]`), ...extra) });

    it('six key results: on the heading, info', () => {
      expectOne(withKeyResults(6), 't.md', 'kr-too-many', 4, 'info');
      assert.deepEqual(check(withKeyResults(6), 't.md'), ['kr-too-many@4']);
    });

    it('near miss: five, or five and a cancelled one', () => {
      assert.deepEqual(check(withKeyResults(5), 't.md'), []);
      assert.deepEqual(check(withKeyResults(5, ['- [-] KR: cancelled']), 't.md'), []);
    });

    it('follows maxKeyResults', () => {
      assert.deepEqual(check(withKeyResults(3), 't.md', { config: { maxKeyResults: 2 } }), ['kr-too-many@4']);
      assert.deepEqual(check(withKeyResults(6), 't.md', { config: { maxKeyResults: 6 } }), []);
    });
  });

  // -------------------------------------------------------------------------------------
  const oneKeyResult = (kr: string) => ws({ 't.md': op(...opObjective().slice(0, 4), `- KR: measure ${kr}`) }); // KR on line 8

  describe('kr-value-invalid', () => {
    const invalid = [
      '[current:: lots] [target:: 10]',
      '[target:: ten]',
      '[start:: 1.2.3] [target:: 5]',
      '[current:: 1,20] [target:: 5]',
      '[progress:: -5]',
      '[progress:: -0.5%]',
      '[progress:: 50h]',
      '[progress:: half]',
      '[current:: 5]',
      '[start:: 1]',
      '[start:: 1] [current:: 2]',
    ];
    it('non-numeric values, progress below 0 % or not a percentage, start/current without target: on the field, an error', () => {
      for (const kr of invalid) {
        expectOne(oneKeyResult(kr), 't.md', 'kr-value-invalid', 8, 'error');
        assert.deepEqual(check(oneKeyResult(kr), 't.md'), ['kr-value-invalid@8'], kr);
      }
    });

    const valid = [
      '[progress:: 0]',
      '[progress:: 100%]',
      '[progress:: 60]',
      '[progress:: 120%]',
      '[progress:: 100.5]',
      '[current:: $1,200.50] [target:: $2,000]',
      '[start:: -10] [current:: -5] [target:: 0]',
      '[current:: 1k] [target:: 2k]',
      '[start:: 5h] [current:: 3.5 h] [target:: 2h]',
    ];
    it('near miss: 0 %, 100 %, a bare percentage, over 100 % (over-achieved), currency with thousands, negatives, 1k, a spaced unit', () => {
      for (const kr of valid) assert.deepEqual(check(oneKeyResult(kr), 't.md'), [], kr);
    });
  });

  describe('kr-unit-mismatch', () => {
    for (const kr of ['[start:: 5h] [target:: 2ms]', '[current:: $5] [target:: €10]', '[current:: 5%] [target:: 10h]', '[start:: 0 users] [current:: 5] [target:: 10 accounts]']) {
      it(`${kr}: on the field that differs, an error`, () => {
        expectOne(oneKeyResult(kr), 't.md', 'kr-unit-mismatch', 8, 'error');
        assert.deepEqual(check(oneKeyResult(kr), 't.md'), ['kr-unit-mismatch@8']);
      });
    }

    it('a value without a unit next to values with one: a warning on that field (valueDiagnostics.test.ts has more)', () => {
      const [found, ...more] = only(oneKeyResult('[current:: 5%] [target:: 10]'), 't.md', 'kr-unit-missing');
      assert.deepEqual(more, []);
      assert.equal(found?.severity, 'warning');
      assert.equal(found.message, '`[target:: 10]` has no unit while current is in %: did you mean 10%?');
    });

    it('near miss: a unitless zero next to values with a unit, and one unit spelled with or without a space', () => {
      for (const kr of ['[start:: 0] [current:: 3h] [target:: 5h]', '[current:: 5 users] [target:: 10users]']) {
        assert.deepEqual(check(oneKeyResult(kr), 't.md'), [], kr);
      }
    });
  });

  describe('kr-invalid-range', () => {
    for (const kr of ['[start:: 10] [target:: 10]', '[target:: 0]', '[start:: 2.5%] [target:: 2.50%]', '[start:: 5h] [current:: 3h] [target:: 5h]']) {
      it(`${kr}: on the target field, an error`, () => {
        expectOne(oneKeyResult(kr), 't.md', 'kr-invalid-range', 8, 'error');
        assert.deepEqual(check(oneKeyResult(kr), 't.md'), ['kr-invalid-range@8']);
      });
    }

    it('near miss: a decreasing metric, a zero current', () => {
      assert.deepEqual(check(oneKeyResult('[start:: 5] [target:: 2] [current:: 3]'), 't.md'), []);
      assert.deepEqual(check(oneKeyResult('[start:: 0] [target:: 1] [current:: 0]'), 't.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('kr-unmeasured', () => {
    it('a key result with nothing to measure: on the key result, info', () => {
      expectOne(oneKeyResult(''), 't.md', 'kr-unmeasured', 8, 'info');
      assert.deepEqual(check(oneKeyResult('[owner:: Ann] [weight:: 2]'), 't.md'), ['kr-unmeasured@8']);
    });

    it('near miss: a checkbox, open or done, measures it', () => {
      const files = ws({ 't.md': op(...opObjective().slice(0, 4), '- [ ] KR: open', '- [x] KR: done') });
      assert.deepEqual(check(files, 't.md'), []);
    });

    const parent = (child: string[]) =>
      ws({ 'p.md': st('## Objective: Parent {#p}', '', '- KR: aligned to ^k', '- KR: own [progress:: 10]'), 't.md': op(...child) });

    it('near miss: a measured objective aligned to it measures it', () => {
      assert.deepEqual(check(parent(opObjective('[[p#k]]')), 'p.md'), []);
    });

    it('an unmeasured or dropped objective aligned to it does not', () => {
      const unmeasured = parent(['## Objective: C', '', 'aligns:: [[p#k]]', '', '- KR: vague']);
      assert.deepEqual(checkOnly(unmeasured, 'p.md', ['kr-unmeasured']), ['kr-unmeasured@6']);
      const dropped = parent(['## Objective: C', '', 'aligns:: [[p#k]]', 'status:: dropped', '', '- KR: c [progress:: 50]']);
      assert.deepEqual(checkOnly(dropped, 'p.md', ['kr-unmeasured']), ['kr-unmeasured@6']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('strategic-unsupported', () => {
    const parent = st('## Objective: Parent {#p}', '', '- KR: k [progress:: 50] ^k'); // heading on line 4

    it('a strategic objective nothing operational aligns to: on the heading, info', () => {
      const files = ws({ 'p.md': parent });
      expectOne(files, 'p.md', 'strategic-unsupported', 4, 'info');
      assert.deepEqual(check(files, 'p.md'), ['strategic-unsupported@4']);
    });

    it('near miss: supported directly, or through a key result', () => {
      assert.deepEqual(check(ws({ 'p.md': parent, 't.md': op(...opObjective('[[p]]')) }), 'p.md'), []);
      assert.deepEqual(check(ws({ 'p.md': parent, 't.md': op(...opObjective('[[p#k]]')) }), 'p.md'), []);
    });

    it('near miss: supported through an active strategic child that is itself supported', () => {
      const files = ws({
        'p.md': parent,
        'c.md': st('## Objective: Child {#c}', '', 'aligns:: [[p#k]]', '', '- KR: c [progress:: 50]'),
        't.md': op(...opObjective('[[c]]')),
      });
      assert.deepEqual(check(files, 'p.md'), []);
      assert.deepEqual(check(files, 'c.md'), []);
    });

    it('an unsupported or dropped strategic child does not support it', () => {
      const unsupported = ws({ 'p.md': parent, 'c.md': st('## Objective: Child {#c}', '', 'aligns:: [[p]]', '', '- KR: c [progress:: 50]') });
      assert.deepEqual(check(unsupported, 'p.md'), ['strategic-unsupported@4']);
      assert.deepEqual(check(unsupported, 'c.md'), ['strategic-unsupported@4']);
      const dropped = ws({
        'p.md': parent,
        'c.md': st('## Objective: Child {#c}', '', 'aligns:: [[p]]', 'status:: dropped', '', '- KR: c [progress:: 50]'),
        't.md': op(...opObjective('[[c]]')),
      });
      assert.deepEqual(check(dropped, 'p.md'), ['strategic-unsupported@4']);
    });

    it('a dropped operational objective does not support it', () => {
      const files = ws({ 'p.md': parent, 't.md': op('## Objective: X', '', 'aligns:: [[p]]', 'status:: dropped', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(files, 'p.md'), ['strategic-unsupported@4']);
    });

    it('near miss: not for an ended cycle, but still on the cycle’s last day', () => {
      const files = ws({ 'p.md': parent });
      assert.deepEqual(check(files, 'p.md', { today: '2027-01-01' }), []);
      assert.deepEqual(check(files, 'p.md', { today: '2026-12-31' }), ['strategic-unsupported@4']);
    });

    it('near miss: not for a dropped objective, nor without a valid cycle', () => {
      assert.deepEqual(check(ws({ 'p.md': st('## Objective: P', '', 'status:: dropped', '', '- KR: k [progress:: 50]') }), 'p.md'), []);
      assert.deepEqual(check(ws({ 'p.md': st('## Objective: P', '', 'cycle:: someday', '', '- KR: k [progress:: 50]') }), 'p.md'), ['cycle-invalid@6']);
      assert.deepEqual(
        check(ws({ 'p.md': md('---', 'okr: strategic', '---', '## Objective: P', '', '- KR: k [progress:: 50]') }), 'p.md'),
        ['cycle-missing@3'],
      );
    });

    it('support through a loop counts for nothing', () => {
      const files = ws({
        'a.md': st('## Objective: A {#a}', '', 'aligns:: [[b]]', '', '- KR: a [progress:: 50]'),
        'b.md': st('## Objective: B {#b}', '', 'aligns:: [[a]]', '', '- KR: b [progress:: 50]'),
        't.md': op(...opObjective('[[a]]')),
      });
      assert.deepEqual(check(files, 'a.md'), ['align-cycle@6']);
      assert.deepEqual(check(files, 'b.md'), ['strategic-unsupported@4', 'align-cycle@6']);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cycle-ended-incomplete', () => {
    const october = (kr: string, extra: string[] = []) =>
      ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-10', '---', '## Objective: X', '', 'aligns:: [[csat]]', ...extra, '', `- ${kr}`) });

    it('an operational cycle that ended below 100 %: on the heading, info', () => {
      const files = october('KR: a [progress:: 50]');
      expectOne(files, 't.md', 'cycle-ended-incomplete', 4, 'info');
      assert.deepEqual(check(files, 't.md'), ['cycle-ended-incomplete@4']);
    });

    it('an unmeasured objective whose cycle ended', () => {
      assert.deepEqual(check(october('KR: vague'), 't.md'), ['cycle-ended-incomplete@4', 'kr-unmeasured@8']);
    });

    it('near miss: complete, or within 1e-9 of complete', () => {
      assert.deepEqual(check(october('[x] KR: done'), 't.md'), []);
      assert.deepEqual(check(october('KR: a [progress:: 99.9999999999]'), 't.md'), []);
      assert.deepEqual(check(october('KR: a [progress:: 99.9999]'), 't.md'), ['cycle-ended-incomplete@4']);
    });

    it('near miss: not on the cycle’s last day; from the day after', () => {
      const files = october('KR: a [progress:: 50]');
      assert.deepEqual(check(files, 't.md', { today: '2026-10-31' }), []);
      assert.deepEqual(check(files, 't.md', { today: '2026-11-01' }), ['cycle-ended-incomplete@4']);
    });

    it('near miss: not for strategic or dropped objectives', () => {
      const strategic = ws({ 'q3.md': md('---', 'okr: strategic', 'cycle: 2026-Q3', '---', '## Objective: Q3 {#q3}', '', '- KR: a [progress:: 50]') });
      assert.deepEqual(check(strategic, 'q3.md'), []);
      assert.deepEqual(check(october('KR: a [progress:: 50]', ['status:: dropped']), 't.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('severity overrides from the config', () => {
    const files = ws({ 't.md': op('## Objective: No key results', '', 'aligns:: [[csat]]'), 'u.md': op(...opObjective().slice(0, 4), '- KR: vague') });

    it('off removes the code and nothing else', () => {
      assert.deepEqual(check(files, 'u.md'), ['kr-unmeasured@8']);
      assert.deepEqual(check(files, 'u.md', { config: { severity: { 'kr-unmeasured': 'off' } } }), []);
      assert.deepEqual(check(files, 't.md', { config: { severity: { 'kr-unmeasured': 'off' } } }), ['kr-missing@4']);
    });

    it('a severity changes only that code', () => {
      const d = diagnose(files, 't.md', { config: { severity: { 'kr-missing': 'error' } } });
      assert.deepEqual(codes(d), ['kr-missing@4']);
      assert.equal(d[0]!.severity, 'error');
      assert.equal(diagnose(files, 'u.md', { config: { severity: { 'kr-missing': 'error' } } })[0]!.severity, 'info');
      assert.equal(diagnose(files, 't.md', { config: { severity: { 'kr-missing': 'hint' } } })[0]!.severity, 'hint');
    });

    it('works with a config read from okr.config.json text', () => {
      const { config, problems } = readConfig('{ "severity": { "kr-unmeasured": "off", "kr-missing": "info" } }');
      assert.deepEqual(problems, []);
      assert.deepEqual(check(files, 'u.md', { config }), []);
      const d = diagnose(files, 't.md', { config });
      assert.deepEqual(codes(d), ['kr-missing@4']);
      assert.equal(d[0]!.severity, 'info');
    });

    it('turning off cycle-invalid does not bring back cycle-missing for inheriting objectives', () => {
      const invalid = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-Q5', '---', ...opObjective()) });
      assert.deepEqual(check(invalid, 't.md', { config: { severity: { 'cycle-invalid': 'off' } } }), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('how the rules combine', () => {
    describe('key-result values', () => {
      it('an invalid value and a unit mismatch: only kr-value-invalid, and no kr-unmeasured', () => {
        assert.deepEqual(check(oneKeyResult('[current:: lots] [start:: 5h] [target:: 5ms]'), 't.md'), ['kr-value-invalid@8']);
      });

      it('a unit mismatch with equal numbers: only kr-unit-mismatch', () => {
        assert.deepEqual(check(oneKeyResult('[start:: 5h] [target:: 5ms]'), 't.md'), ['kr-unit-mismatch@8']);
      });

      it('an invalid value with a checked box: kr-value-invalid but never kr-unmeasured', () => {
        const files = ws({ 't.md': op(...opObjective().slice(0, 4), '- [x] KR: done [current:: lots] [target:: 3]') });
        assert.deepEqual(check(files, 't.md'), ['kr-value-invalid@8']);
      });
    });

    describe('dropped objectives', () => {
      it('get no kr-*, align-missing or cycle-too-* diagnostics', () => {
        const files = ws({
          't.md': md(
            '---',
            'okr: operational',
            'cycle: 2026-Q4',
            '---',
            '## Objective: X', // 4: no aligns, 92-day cycle
            '',
            'status:: dropped',
            '',
            ...Array.from({ length: 6 }, (_, i) => `- KR: k${i} [current:: lots] [target:: 5]`),
            '- KR: a [start:: 5h] [target:: 2ms]',
            '- KR: b [start:: 5] [target:: 5]',
            '- KR: c',
            '',
            '## Objective: Empty', // 20: no key results
            '',
            'status:: dropped',
          ),
          'y.md': st('## Objective: Y', '', 'status:: dropped', 'cycle:: 2026-11'),
        });
        assert.deepEqual(check(files, 't.md'), []);
        assert.deepEqual(check(files, 'y.md'), []);
      });

      it('still get align-unresolved and duplicate key-result ids', () => {
        const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[nope]]', 'status:: dropped', '', '- KR: a ^k', '- KR: b ^k') });
        assert.deepEqual(check(files, 't.md'), ['align-unresolved@6', 'duplicate-id@9', 'duplicate-id@10']);
      });
    });

    describe('cycle-outside-parent only for references that resolve and pass the level rule, between valid cycles', () => {
      it('not for an unresolved reference', () => {
        const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2027-01', '---', ...opObjective('[[nope]]')) });
        assert.deepEqual(check(files, 't.md'), ['align-unresolved@6']);
      });

      it('not for a reference that fails the level rule', () => {
        const files = ws({ 't.md': md('---', 'okr: operational', 'cycle: 2027-01', '---', ...opObjective('[[support]]')) });
        assert.deepEqual(check(files, 't.md'), ['align-level@6']);
      });

      it('not when the child cycle is invalid', () => {
        const files = ws({ 't.md': op('## Objective: X', '', 'aligns:: [[csat]]', 'cycle:: 2027-13', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(check(files, 't.md'), ['cycle-invalid@7']);
      });

      it('not when the parent cycle is invalid or missing', () => {
        const invalid = ws({ 'p.md': md('---', 'okr: strategic', 'cycle: 2026-Q9', '---', '## Objective: P {#p}', '', '- KR: k [progress:: 50]'), 't.md': op(...opObjective('[[p]]')) });
        assert.deepEqual(check(invalid, 't.md'), []);
        const missing = ws({ 'p.md': md('---', 'okr: strategic', '---', '## Objective: P {#p}', '', '- KR: k [progress:: 50]'), 't.md': op(...opObjective('[[p]]')) });
        assert.deepEqual(check(missing, 't.md'), []);
      });
    });

    describe('align-cycle on every reference of a loop', () => {
      it('a two-objective loop across files', () => {
        const files = ws({
          'a.md': st('## Objective: A {#a}', '', 'aligns:: [[b]]', '', '- KR: a [progress:: 50] ^k'),
          'b.md': st('## Objective: B {#b}', '', 'aligns:: [[a#^k]]', '', '- KR: b [progress:: 50]'),
        });
        assert.deepEqual(checkOnly(files, 'a.md', ['align-cycle']), ['align-cycle@6']);
        assert.deepEqual(checkOnly(files, 'b.md', ['align-cycle']), ['align-cycle@6']);
      });

      it('a three-objective loop across files; an objective pointing into it is not part of it', () => {
        const files = ws({
          'a.md': st('## Objective: A {#a}', '', 'aligns:: [[b]]', '', '- KR: a [progress:: 50]'),
          'b.md': st('## Objective: B {#b}', '', 'aligns:: [[c]]', '', '- KR: b [progress:: 50]'),
          'c.md': st('## Objective: C {#c}', '', 'aligns:: [[csat]] [[a]]', '', '- KR: c [progress:: 50]'),
          'd.md': st('## Objective: D {#d}', '', 'aligns:: [[a]]', '', '- KR: d [progress:: 50]'),
        });
        assert.deepEqual(checkOnly(files, 'a.md', ['align-cycle']), ['align-cycle@6']);
        assert.deepEqual(checkOnly(files, 'b.md', ['align-cycle']), ['align-cycle@6']);
        const c = only(files, 'c.md', 'align-cycle');
        assert.equal(c.length, 1);
        assert.equal(c[0]!.range.start.character, 18); // [[a]], not [[csat]]
        assert.deepEqual(only(files, 'd.md', 'align-cycle'), []);
      });

      it('an objective aligning to its own key result', () => {
        const files = ws({ 'y.md': st('## Objective: Y {#y}', '', 'aligns:: [[y#k]]', '', '- KR: a [progress:: 50] ^k') });
        // the loop does not support it either
        assert.deepEqual(check(files, 'y.md'), ['strategic-unsupported@4', 'align-cycle@6']);
      });

      it('an operational loop gets align-cycle, not align-level; cycles outside each other are not reported', () => {
        const files = ws({
          'a.md': op('## Objective: A {#a}', '', 'aligns:: [[b]]', '', '- KR: a [progress:: 50]'),
          'b.md': md('---', 'okr: operational', 'cycle: 2026-12', '---', '## Objective: B {#b}', '', 'aligns:: [[a]]', '', '- KR: b [progress:: 50]'),
        });
        assert.deepEqual(check(files, 'a.md'), ['align-cycle@6']);
        assert.deepEqual(check(files, 'b.md'), ['align-cycle@6']);
      });

      it('a loop member’s other references are checked as usual', () => {
        const files = ws({ 'y.md': st('## Objective: Y {#y}', '', 'aligns:: [[y]], [[support]], [[nope]]', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(
          only(files, 'y.md', 'align-cycle').concat(only(files, 'y.md', 'align-level'), only(files, 'y.md', 'align-unresolved')).map((d) => `${d.code}:${d.range.start.character}`),
          ['align-cycle:9', 'align-level:16', 'align-unresolved:29'],
        );
      });
    });

    describe('broken YAML with an okr: line', () => {
      const broken = (...body: string[]) => ws({ 't.md': md('---', 'okr: operational', 'cycle: 2026-11', 'owner: a: b', '---', ...body) });

      it('one frontmatter-invalid and nothing that needs the level or the cycle', () => {
        const files = broken('## Objective: X', '', '- KR: a [progress:: 50]', '', '## Objective: No aligns, no KRs {#y}');
        // no level-missing, cycle-missing, align-missing, strategic-unsupported, cycle-ended-incomplete
        assert.deepEqual(checkOnly(files, 't.md', ['frontmatter-invalid', 'level-missing', 'cycle-missing', 'align-missing', 'cycle-too-long', 'cycle-too-short', 'strategic-unsupported', 'cycle-ended-incomplete']), ['frontmatter-invalid@3']);
        assert.ok(analyze(files).index.get('t.md'), 'still an OKR document');
      });

      it('still checks objectives that set their level and cycle themselves', () => {
        const files = broken('## Objective: X', '', 'level:: operational', 'cycle:: 2026-Q4', '', '- KR: a [progress:: 50]');
        assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@3', 'align-missing@5', 'cycle-too-long@8']);
      });

      it('an objective that sets only one of them gets the checks that need only that one', () => {
        const levelOnly = broken('## Objective: X', '', 'level:: operational', '', '- KR: a [progress:: 50]');
        assert.deepEqual(check(levelOnly, 't.md'), ['frontmatter-invalid@3', 'align-missing@5']);
        const cycleOnly = broken('## Objective: X', '', 'cycle:: 2026-Q4', '', '- KR: a [progress:: 50]');
        assert.deepEqual(check(cycleOnly, 't.md'), ['frontmatter-invalid@3']);
      });
    });

    describe('an invalid frontmatter cycle', () => {
      it('is cycle-invalid once, on the cycle: line, and inheriting objectives get nothing more', () => {
        const files = ws({
          't.md': md('---', 'okr: operational', 'cycle: 2026-02-30', '---', ...opObjective('[[csat]]', 'a'), '', ...opObjective('[[csat]]', 'b'), '', '## Objective: C', '', 'aligns:: [[csat]]', '', '- KR: vague'),
          'y.md': md('---', 'okr: strategic', 'cycle: Q4', '---', '## Objective: Y', '', '- KR: a [progress:: 50]'),
        });
        assert.deepEqual(check(files, 't.md'), ['cycle-invalid@2', 'kr-unmeasured@20']);
        assert.deepEqual(check(files, 'y.md'), ['cycle-invalid@2']);
      });
    });

    describe('level-missing only when nothing tried to set the level', () => {
      it('an invalid frontmatter okr: frontmatter-invalid only', () => {
        const files = ws({ 't.md': md('---', 'okr: team', 'cycle: 2026-11', '---', '## Objective: X', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@1']);
      });

      it('an okr of the wrong type: frontmatter-invalid only', () => {
        const files = ws({ 't.md': md('---', 'okr: [strategic]', 'cycle: 2026-11', '---', '## Objective: X', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(check(files, 't.md'), ['frontmatter-invalid@1']);
      });

      it('an invalid level:: field: field-invalid where it is written only', () => {
        const files = ws({ 'x.okr.md': md('## Objective: X', '', 'level:: team', 'cycle:: 2026-11', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(check(files, 'x.okr.md'), ['field-invalid@2']);
      });

      it('nothing at all: level-missing', () => {
        const files = ws({ 'x.okr.md': md('## Objective: X', '', 'cycle:: 2026-11', '', '- KR: a [progress:: 50]') });
        assert.deepEqual(check(files, 'x.okr.md'), ['level-missing@0']);
      });
    });
  });

  // -------------------------------------------------------------------------------------
  describe('references', () => {
    it('get at most one diagnostic each, in the order unresolved, cycle, level, outside-parent', () => {
      const files = ws({
        // an operational loop whose cycles do not nest, plus a level violation outside the parent cycle
        'a.md': md('---', 'okr: operational', 'cycle: 2027-01', '---', '## Objective: A {#a}', '', 'aligns:: [[b]] [[support]] [[nope]]', '', '- KR: a [progress:: 50]'),
        'b.md': op('## Objective: B {#b}', '', 'aligns:: [[a]]', '', '- KR: b [progress:: 50]'),
      });
      const d = diagnose(files, 'a.md').map((x) => `${x.code}:${x.range.start.line}:${x.range.start.character}`);
      assert.deepEqual(d, ['align-cycle:6:9', 'align-level:6:15', 'align-unresolved:6:27']);
    });

    describe('every form of SPEC §5 resolves', () => {
      const files = (aligns: string) =>
        ({
          'okrs/strategy/company-q4.md': st('## Objective: Enhance customer satisfaction {#csat}', '', '- KR: Raise NPS [start:: 32] [target:: 45] [current:: 38] ^nps'),
          'okrs/strategy/plan.okr.md': st('## Objective: Plan {#plan}', '', '- KR: p [progress:: 50] ^pk'),
          'okrs/teams/support.md': op(...opObjective(aligns)),
        }) as Files;
      const cases: [string, string][] = [
        ['[[csat]]', 'objective:csat'],
        ['[[csat|shown text]]', 'objective:csat'],
        ['[[csat#nps]]', 'keyResult:csat^nps'],
        ['[[csat#^nps]]', 'keyResult:csat^nps'],
        ['[[csat#nps|NPS]]', 'keyResult:csat^nps'],
        ['[[csat|see #nps | or not]]', 'objective:csat'],
        ['[[csat#^nps|shown # text|more]]', 'keyResult:csat^nps'],
        ['[[company-q4#^nps]]', 'keyResult:csat^nps'],
        ['[[company-q4#Enhance customer satisfaction]]', 'objective:csat'],
        ['[[company-q4#csat]]', 'objective:csat'],
        ['[[plan#^pk]]', 'keyResult:plan^pk'],
        ['[[okrs/strategy/company-q4#nps]]', 'keyResult:csat^nps'],
        ['[[okrs/strategy/company-q4#^nps]]', 'keyResult:csat^nps'],
        ['[shown text](../strategy/company-q4.md#csat)', 'objective:csat'],
        ['[shown text](../strategy/company-q4.md#nps)', 'keyResult:csat^nps'],
        ['[[CSAT#NPS]]', 'keyResult:csat^nps'],
      ];
      for (const [aligns, target] of cases) {
        it(`${aligns} → ${target}`, () => {
          assert.deepEqual(targets(files(aligns), 'okrs/teams/support.md', 'x'), [target]);
          assert.deepEqual(only(files(aligns), 'okrs/teams/support.md', 'align-unresolved'), []);
        });
      }
    });

    it('a document name that two files share resolves to nothing; a path from the root still resolves', () => {
      const files = ws({
        'a/plan.md': st('## Objective: A plan {#aplan}', '', '- KR: k [progress:: 50] ^k'),
        'b/plan.md': st('## Objective: B plan {#bplan}', '', '- KR: k [progress:: 50] ^k'),
        't.md': op(...opObjective('[[plan#^k]] [[a/plan#^k]]')),
      });
      assert.deepEqual(targets(files, 't.md', 'x'), ['unresolved', 'keyResult:aplan^k']);
      assert.deepEqual(check(files, 't.md'), ['align-unresolved@6']);
      assert.equal(only(files, 't.md', 'align-unresolved')[0]!.range.start.character, 9);
    });

    it('an id defined twice resolves to nothing: one problem, the duplicate-id, which counts the reference', () => {
      const files = ws({
        'a.md': st('## Objective: Twin {#twin}', '', '- KR: k [progress:: 50]'),
        'b.md': st('## Objective: Twin {#Twin}', '', '- KR: k [progress:: 50]'),
        't.md': op(...opObjective('[[twin]]')),
      });
      assert.deepEqual(targets(files, 't.md', 'x'), ['unresolved']);
      assert.deepEqual(check(files, 't.md'), []);
      assert.deepEqual(checkOnly(files, 'a.md', ['duplicate-id']), ['duplicate-id@4']);
      assert.match(only(files, 'a.md', 'duplicate-id')[0]!.message, /the reference to it is ambiguous/);
    });

    it('the same target twice counts once', () => {
      const files = ws({
        'p.md': st('## Objective: Parent {#p}'),
        'a.md': op('## Objective: A {#a}', '', 'aligns:: [[p]], [[P|again]]', 'aligns:: [[p]]', '', '- KR: a [progress:: 0]'),
        'b.md': op('## Objective: B {#b}', '', 'aligns:: [[p]]', '', '- KR: b [progress:: 100]'),
      });
      assert.deepEqual(check(files, 'a.md'), []);
      const { analysis, node } = nodeOf(files, 'p.md', 'p');
      assert.equal(analysis.childrenOf(node.objective).length, 2);
      assert.equal(analysis.progress.objective(node).value, 0.5);
    });

    it('separators are ignored; bare text gets align-unresolved on exactly that text', () => {
      assert.deepEqual(check(ws({ 't.md': op(...opObjective('[[csat#nps]], [[csat#churn]],[[csat]]  , [[csat#nps]]')) }), 't.md'), []);
      const files = ws({ 't.md': op(...opObjective('[[csat#nps]], csat')) });
      const d = expectOne(files, 't.md', 'align-unresolved', 6, 'error');
      assert.deepEqual(d.range, { start: { line: 6, character: 23 }, end: { line: 6, character: 27 } });
      assert.deepEqual(check(files, 't.md'), ['align-unresolved@6']);
    });

    it('align-unresolved suggests the closest id', () => {
      const files = ws({
        'g.md': st('## Objective: Grow revenue {#revenue-growth}', '', '- KR: k [progress:: 50]'),
        't.md': op(...opObjective('[[cstat]]', 'a'), '', ...opObjective('[[revenue-grwth]]', 'b')),
      });
      const [first, second] = only(files, 't.md', 'align-unresolved');
      assert.match(first!.message, /\[\[csat\]\]/);
      assert.match(second!.message, /\[\[revenue-growth\]\]/);
      assert.doesNotMatch(first!.message, /revenue-growth/);
    });

    it('a reference’s range covers [[ to ]] exactly, in UTF-16 code units', () => {
      const line = 'aligns:: [[csat|🎯 goal]], [[nope|shown]]';
      const files = ws({ 't.md': op('## Objective: X', '', line, '', '- KR: a [progress:: 50]') });
      const d = expectOne(files, 't.md', 'align-unresolved', 6, 'error');
      const start = line.indexOf('[[nope');
      assert.equal(start, 27); // the emoji is two UTF-16 code units
      assert.deepEqual(d.range, { start: { line: 6, character: start }, end: { line: 6, character: line.length } });
      assert.equal(line.slice(d.range.start.character, d.range.end.character), '[[nope|shown]]');
    });

    it('a markdown link’s range covers the whole link', () => {
      const line = 'aligns:: [text](../nowhere.md#csat) ';
      const files = ws({ 'teams/t.md': op('## Objective: X', '', line, '', '- KR: a [progress:: 50]') });
      const d = expectOne(files, 'teams/t.md', 'align-unresolved', 6, 'error');
      assert.equal(line.slice(d.range.start.character, d.range.end.character), '[text](../nowhere.md#csat)');
    });

    it('a heading’s diagnostic is on the heading line, however deep the objective is in the file', () => {
      const files = ws({ 't.md': op('# Team', '', 'Intro text.', '', '### O2: Nested deep {#deep}', '', 'aligns:: [[csat]]') });
      const d = expectOne(files, 't.md', 'kr-missing', 8, 'warning');
      assert.equal(d.range.start.character, 0);
      assert.equal(d.range.end.line, 8);
    });

    it('ids are compared case-insensitively across files', () => {
      const files = ws({ 'a.md': st('## Objective: A {#Big-Goal}', '', '- KR: k [progress:: 50] ^Main'), 't.md': op(...opObjective('[[big-GOAL#^main]]')) });
      assert.deepEqual(targets(files, 't.md', 'x'), ['keyResult:Big-Goal^Main']);
      assert.deepEqual(check(files, 't.md'), []);
      assert.deepEqual(check(files, 'a.md'), []);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('cancelled key results', () => {
    it('get no diagnostic for bad values, units, ranges or being unmeasured', () => {
      const files = ws({
        't.md': op(
          ...opObjective().slice(0, 4),
          '- KR: live [progress:: 50]',
          '- [-] KR: a [current:: lots] [target:: 5]',
          '- [-] KR: b [start:: 5h] [target:: 2ms]',
          '- [-] KR: c [start:: 5] [target:: 5]',
          '- [-] KR: d',
          '- [-] KR: e [progress:: 300%]',
        ),
      });
      assert.deepEqual(check(files, 't.md'), []);
    });

    it('do get duplicate-id', () => {
      const files = ws({ 't.md': op(...opObjective().slice(0, 4), '- KR: live [progress:: 50] ^k', '- [-] KR: old ^k') });
      assert.deepEqual(check(files, 't.md'), ['duplicate-id@8', 'duplicate-id@9']);
    });
  });
});
