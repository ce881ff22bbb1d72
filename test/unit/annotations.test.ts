// Issue 14: what people write around a title instead of fields (okr/parse/annotations.ts):
// stated progress, owners, status words and priority tags at the end (or start) of a line,
// and objective / key-result labels; and, through the outline reader, progress as written
// (inferred fields, over-achievement, status words) and the truthful roll-up.
import assert from 'node:assert/strict';
import type { FeatureContext } from '../../server/src/features/context.ts';
import { hover } from '../../server/src/features/hover.ts';
import type { KeyResult, Objective } from '../../server/src/okr/model/model.ts';
import { labelLength, readAnnotations, sourceLabel } from '../../server/src/okr/parse/annotations.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { assertEachGrowsLinearly, assertLinearGrowth } from './growth.ts';
import { analyze, codes, md } from './helpers.ts';

/** `[rest, ['key=value', …]]` of a line, the annotations in the order they were found. */
function read(line: string): [string, string[]] {
  const { rest, annotations } = readAnnotations(line);
  return [rest, annotations.map((a) => `${a.key}=${a.value}`)];
}

const PATH = 'okrs.md';

function doc(...lines: string[]): string {
  return md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', ...lines);
}

function only<T>(items: T[], what: string): T {
  assert.equal(items.length, 1, what);
  return items[0]!;
}

function keyResultOf(objective: Objective, title: string): KeyResult {
  return only(objective.keyResults.filter((kr) => kr.title === title), `one key result "${title}" in ${JSON.stringify(objective.keyResults.map((kr) => kr.title))}`);
}

describe('annotations (issue 14)', () => {
  describe('readAnnotations', () => {
    const cases: [string, string, string[]][] = [
      ['Cut setup time => 63%', 'Cut setup time', ['progress=63%']],
      ['Cut setup time — 60%', 'Cut setup time', ['progress=60%']],
      ['Cut setup time (60 %)', 'Cut setup time', ['progress=60%']],
      ['Cut setup time: 144%', 'Cut setup time', ['progress=144%']],
      ['Ship the installer ==> Done', 'Ship the installer', ['status=done']],
      ['Ship the installer @alice @bob', 'Ship the installer', ['owner=@bob', 'owner=@alice']],
      ['Ship the installer (owner: Bob Smith)', 'Ship the installer', ['owner=Bob Smith']],
      ['Ship the installer [WIP]', 'Ship the installer', ['status=wip']],
      ['Ship the installer - at risk', 'Ship the installer', ['status=at risk']],
      ['Ship the installer (done)', 'Ship the installer', ['status=done']],
      ['Ship the installer ✅', 'Ship the installer', ['status=done']],
      ['[P1] Fix login', 'Fix login', ['priority=P1']],
      ['P0: Fix login', 'Fix login', ['priority=P0']],
      ['**P0** - Fix login', 'Fix login', ['priority=P0']],
      ['Fix login [P2]', 'Fix login', ['priority=P2']],
      ['Cut setup time @alice => 63%', 'Cut setup time', ['progress=63%', 'owner=@alice']],
      ['✅ Ship the installer', 'Ship the installer', ['status=done']],
    ];
    for (const [line, rest, annotations] of cases) {
      it(`"${line}"`, () => assert.deepEqual(read(line), [rest, annotations]));
    }

    for (const line of ['Grow to 80%', 'Get it done', 'Reach 99.9% uptime', 'Email support@example.com', 'Cut P0 bugs in half', 'Hire a P1 engineer', '']) {
      it(`"${line}" is title text`, () => assert.deepEqual(read(line), [line, []]));
    }

    it('ranges: each annotation covers what it was read from, leader and brackets included', () => {
      const line = 'Cut setup time (owner: Bob) => 63%';
      const { annotations } = readAnnotations(line);
      assert.deepEqual(annotations.map((a) => line.slice(a.start, a.end)), ['=> 63%', '(owner: Bob)']);
    });

    it('each kind (but owners) is read once: the first progress from the end', () => {
      assert.deepEqual(read('Raise NPS 40% => 63%'), ['Raise NPS 40%', ['progress=63%']]);
      assert.deepEqual(read('Raise NPS — 40% => 63%'), ['Raise NPS — 40%', ['progress=63%']]);
    });

    it('grows linearly on a line of 100,000 characters', () => {
      const shapes: Record<string, (n: number) => string> = {
        'words then progress': (n) => 'word '.repeat(n / 5) + '=> 63%',
        'an @owner run': (n) => '@a '.repeat(n / 3),
        'a status word run': (n) => ' - done'.repeat(n / 7),
        'a ( run': (n) => '('.repeat(n),
        'a [P1] run': (n) => '[P1] '.repeat(n / 5),
        'spaces then %': (n) => ' '.repeat(n) + '%',
        'digits': (n) => '9'.repeat(n),
        '=> run': (n) => '=> '.repeat(n / 3),
      };
      assertEachGrowsLinearly(
        'readAnnotations, 6,250 → 100,000 characters',
        (n) => Object.entries(shapes).map(([name, shape]) => {
          const input = shape(n);
          return { name, input, call: () => readAnnotations(input) };
        }),
        { size: 6_250, factor: 16 },
      );
    });
  });

  describe('labelLength and sourceLabel', () => {
    it('objective labels', () => {
      for (const label of ['Objective: ', 'Objective 1: ', 'O1: ', 'Obj 2 - ', '1. Objective: ', 'objective 1.2: ']) {
        assert.equal(labelLength(`${label}Improve onboarding`, 'objective'), label.length, label);
      }
      for (const text of ['Objectives', 'Objectives: the plan', 'Obama care', 'Improve onboarding', 'O: x']) {
        assert.equal(labelLength(text, 'objective'), 0, text);
      }
    });

    it('key-result labels', () => {
      for (const label of ['KR: ', 'KR1 - ', 'KR-1: ', 'KR 1.2: ', 'Key result: ', 'Key Result 2. ', 'Sales (Deals) KR: ', 'KR1 ', 'Owner KR: ']) {
        assert.equal(labelLength(`${label}Cut setup time`, 'keyResult'), label.length, label);
      }
      for (const text of ['Kraken: release', 'Key resulting change', 'Cut setup time', 'KRs are listed below']) {
        assert.equal(labelLength(text, 'keyResult'), 0, text);
      }
    });

    it('sourceLabel: emphasis goes with the label when it closes after it, and so does numbering', () => {
      const at = (source: string, kind: 'objective' | 'keyResult') => {
        const range = sourceLabel(source, kind);
        return range && source.slice(range[0], range[1]);
      };
      assert.equal(at('**Objective:** Improve onboarding', 'objective'), '**Objective:** ');
      assert.equal(at('**Objective: Improve onboarding**', 'objective'), 'Objective: ');
      assert.equal(at('1. Objective: Improve onboarding', 'objective'), '1. Objective: ');
      assert.equal(at('1. **Objective:** Improve onboarding', 'objective'), '1. **Objective:** ');
      assert.equal(at('**Key Result:** Cut setup time', 'keyResult'), '**Key Result:** ');
      assert.equal(at('KR-1: Cut setup time', 'keyResult'), 'KR-1: ');
      assert.equal(at('Improve onboarding', 'objective'), undefined);
    });
  });

  describe('in documents read from the outline', () => {
    it('annotations inside inline code are not read: the title keeps them', () => {
      const document = parseDocument(PATH, doc('## Improve onboarding', '', '- Cut setup time `=> 63%`', '- Ship `@alice`', '- `P0: Fix` login'));
      const objective = document.objectives[0]!;
      assert.deepEqual(objective.keyResults.map((kr) => [kr.title, kr.fields.length]), [
        ['Cut setup time => 63%', 0],
        ['Ship @alice', 0],
        ['P0: Fix login', 0],
      ]);
    });

    it('annotations on an objective heading become its fields; the title and id lose them', () => {
      const document = parseDocument(PATH, doc('## Improve onboarding @alice [P1]', '', '- Cut setup time'));
      const objective = document.objectives[0]!;
      assert.equal(objective.title, 'Improve onboarding');
      assert.equal(objective.id, 'improve-onboarding');
      assert.deepEqual(objective.fields.map((f) => [f.key, f.value, f.inferred]), [
        ['priority', 'P1', true],
        ['owner', '@alice', true],
      ]);
    });

    it('the strict form reads no annotations', () => {
      const document = parseDocument(PATH, doc('## Objective: Improve onboarding @alice', '', '- KR: Cut setup time => 63%'));
      assert.equal(document.objectives[0]!.title, 'Improve onboarding @alice');
      assert.deepEqual(document.objectives[0]!.fields, []);
      assert.deepEqual(document.objectives[0]!.keyResults[0]!.fields, []);
    });
  });

  describe('progress as written', () => {
    it('a trailing percentage is an inferred progress field, and counts', () => {
      const analysis = analyze({ [PATH]: doc('## Improve onboarding', '', '- Cut setup time => 60%', '- Publish a guide (20 %)') });
      const objective = analysis.index.get(PATH)!.objectives[0]!;
      const kr = keyResultOf(objective, 'Cut setup time');
      assert.deepEqual(kr.fields.map((f) => [f.key, f.value, f.inferred]), [['progress', '60%', true]]);
      assert.deepEqual([analysis.progress.keyResult(kr).value, analysis.progress.keyResult(kr).rule], [0.6, 'progress']);
      assert.equal(analysis.progress.objective(analysis.nodeOf(objective)!).value, 0.4);
    });

    it('144 % is over-achieved: overAchieved 1.44, counted as 1, never an error', () => {
      const analysis = analyze({ [PATH]: doc('## Grow revenue', '', '- Sign 25 customers — 144%', '- Raise deal size [progress:: 150%]') });
      const objective = analysis.index.get(PATH)!.objectives[0]!;
      const stated = analysis.progress.keyResult(keyResultOf(objective, 'Sign 25 customers'));
      assert.equal(stated.value, 1);
      assert.equal(stated.overAchieved, 1.44);
      const field = analysis.progress.keyResult(keyResultOf(objective, 'Raise deal size'));
      assert.equal(field.value, 1);
      assert.equal(field.overAchieved, 1.5);
      assert.equal(analysis.progress.objective(analysis.nodeOf(objective)!).value, 1);
      assert.deepEqual(codes(analysis.diagnostics(analysis.index.get(PATH)!)), []);
    });

    it('`✅` or `(done)` on a key result without a checkbox counts as done', () => {
      const analysis = analyze({ [PATH]: doc('## Improve onboarding', '', '- Cut setup time ✅', '- Publish a guide (done)', '- Hire a writer [dropped]') });
      const objective = analysis.index.get(PATH)!.objectives[0]!;
      for (const title of ['Cut setup time', 'Publish a guide']) {
        const progress = analysis.progress.keyResult(keyResultOf(objective, title));
        assert.deepEqual([progress.value, progress.rule], [1, 'checked'], title);
      }
      assert.equal(analysis.progress.keyResult(keyResultOf(objective, 'Hire a writer')).rule, 'cancelled');
      assert.equal(analysis.progress.objective(analysis.nodeOf(objective)!).value, 1);
    });

    it("an objective's `done` becomes its state, not an invalid status", () => {
      const analysis = analyze({ [PATH]: doc('## Improve onboarding ✅', '', '- [x] Cut setup time', '', '## Grow revenue (dropped)', '', '- Sign 10 customers') });
      const [done, dropped] = analysis.index.get(PATH)!.objectives;
      assert.deepEqual(done!.fields.map((f) => [f.key, f.value]), [['state', 'done']]);
      assert.equal(analysis.settings(analysis.nodeOf(done!)!).status, 'active');
      assert.equal(analysis.settings(analysis.nodeOf(dropped!)!).status, 'dropped');
      assert.ok(!codes(analysis.diagnostics(analysis.index.get(PATH)!)).some((c) => c.startsWith('field-invalid')));
    });

    it('the roll-up: 1 checked + 4 unmeasured → 20 %, and hover says "1 of 5 key results measured"', () => {
      const text = doc('## Improve onboarding', '', '- [x] Cut setup time', '- Publish a guide', '- Run interviews', '- Rewrite the FAQ', '- Hire a writer');
      const analysis = analyze({ [PATH]: text });
      const document = analysis.index.get(PATH)!;
      const objective = document.objectives[0]!;
      const progress = analysis.progress.objective(analysis.nodeOf(objective)!);
      assert.deepEqual([progress.value, progress.keyResults, progress.measured], [0.2, 5, 1]);
      const context = { analysis, document } as FeatureContext;
      const shown = hover(context, { line: 4, character: 5 });
      const value = shown && typeof shown.contents === 'object' && 'value' in shown.contents ? shown.contents.value : '';
      assert.match(value, /Progress \*\*20 %\*\*/);
      assert.match(value, /1 of 5 key results measured/);
      assert.match(value, /read from the outline/);
    });

    it('the roll-up of a strict objective whose key results are all measured is unchanged', () => {
      const analysis = analyze({ [PATH]: doc('## Objective: Improve onboarding', '', '- [x] KR: Cut setup time', '- KR: Publish a guide [progress:: 50%]') });
      const objective = analysis.index.get(PATH)!.objectives[0]!;
      assert.equal(analysis.progress.objective(analysis.nodeOf(objective)!).value, 0.75);
    });
  });
});

describe('annotations: bounded work (issue 14)', () => {
  it('a key result with thousands of @owners parses in linear time (at most five are read)', () => {
    const text = (n: number) => `---\nokr: strategic\ncycle: 2026-Q4\n---\n## Grow\n\n- Ship ${'@a '.repeat(n / 3)}\n`;
    assertLinearGrowth('parseDocument on @owner runs', (size) => { const t = text(size); return () => parseDocument('d.md', t); }, { size: 15_000 });
    const keyResult = parseDocument('d.md', text(300)).objectives[0]!.keyResults[0]!;
    assert.ok(keyResult.fields.filter((f) => f.key === 'owner').length <= 5);
  });
});
