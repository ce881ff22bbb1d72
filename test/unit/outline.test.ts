// Issue 14: OKR documents without an `Objective:` heading, read from their outline
// (okr/parse/outline.ts, tables.ts): objectives as headings, list items, bold paragraphs and
// table rows; key results as bullets, checkboxes, numbered items and table rows; what is
// not an objective; nesting as alignment; the strict form unchanged; and the cycle as written.
import assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import type { KeyResult, Objective, OkrDocument } from '../../server/src/okr/model/model.ts';
import { formatIsoDay } from '../../server/src/okr/model/calendar.ts';
import { parseCycle, type Cycle } from '../../server/src/okr/model/cycles.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { analyze, codes, md } from './helpers.ts';

const STRATEGIC = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---'];
const PATH = 'okrs.md';

/** A strategic document for 2026-Q4 with these lines after its front matter. */
function doc(...lines: string[]): string {
  return md(...STRATEGIC, ...lines);
}

function parse(text: string, path = PATH): OkrDocument {
  return parseDocument(path, text);
}

/** `{ "Objective title": ["KR title", …] }`, in document order. */
function outline(document: OkrDocument): Record<string, string[]> {
  return Object.fromEntries(document.objectives.map((o) => [o.title, o.keyResults.map((kr) => kr.title)]));
}

function objective(document: OkrDocument, title: string): Objective {
  const found = document.objectives.filter((o) => o.title === title);
  assert.equal(found.length, 1, `one objective "${title}" in ${JSON.stringify(document.objectives.map((o) => o.title))}`);
  return found[0]!;
}

function keyResult(o: Objective, title: string): KeyResult {
  const found = o.keyResults.filter((kr) => kr.title === title);
  assert.equal(found.length, 1, `one key result "${title}" in ${JSON.stringify(o.keyResults.map((kr) => kr.title))}`);
  return found[0]!;
}

/** Inferred and written fields of a key result or objective as `key=value`. */
function fields(item: { fields: { key: string; value: string }[] }): string[] {
  return item.fields.map((f) => `${f.key}=${f.value}`);
}

/** A cycle as its dates, `2026-10-01..2026-12-31`, whatever its spelling. */
function dates(cycle: Cycle | undefined): string | undefined {
  return cycle && `${formatIsoDay(cycle.start)}..${formatIsoDay(cycle.end)}`;
}

/** The dates of a cycle written in the strict form (`2026-Q4`). */
function quarter(label: string): string | undefined {
  const parsed = parseCycle(label);
  return parsed.ok ? dates(parsed.cycle) : undefined;
}

function diagnosticCodes(analysis: Analysis, path = PATH): string[] {
  return codes(analysis.diagnostics(analysis.index.get(path)!));
}

/** The objective of an analysis by title, with its settings. */
function settingsOf(analysis: Analysis, title: string, path = PATH) {
  const o = objective(analysis.index.get(path)!, title);
  return analysis.settings(analysis.nodeOf(o)!);
}

describe('the outline reader (issue 14)', () => {
  describe('objectives as headings', () => {
    it('a heading without a prefix, with bullets, checkboxes and numbered items as key results', () => {
      const document = parse(
        doc(
          '# Team OKRs',
          '',
          '## Improve onboarding',
          '',
          '- Cut setup time to 5 minutes',
          '- [x] Publish a getting-started guide',
          '- [ ] Run five user interviews',
          '',
          '## Grow revenue',
          '',
          '1. Sign 10 new customers',
          '2. Raise the average deal size',
        ),
      );
      assert.deepEqual(outline(document), {
        'Improve onboarding': ['Cut setup time to 5 minutes', 'Publish a getting-started guide', 'Run five user interviews'],
        'Grow revenue': ['Sign 10 new customers', 'Raise the average deal size'],
      });
      const onboarding = objective(document, 'Improve onboarding');
      assert.equal(onboarding.outline?.form, 'heading');
      assert.equal(onboarding.id, 'improve-onboarding');
      assert.deepEqual(onboarding.keyResults.map((kr) => kr.checkbox), [null, 'done', 'open']);
      assert.ok(onboarding.keyResults.every((kr) => kr.outline?.form === 'listItem'));
      assert.equal(onboarding.headingRange.start.line, 6);
      assert.deepEqual(document.problems, []);
    });

    it('under a `### Key results` subheading; then the lists above it are not key results', () => {
      const document = parse(
        doc(
          '## Improve onboarding',
          '',
          'New users give up before they see any value.',
          '',
          '- New users wait a day for an account',
          '- The setup guide is out of date',
          '',
          '### Key results',
          '',
          '- Cut setup time to 5 minutes',
          '- Publish a getting-started guide',
        ),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time to 5 minutes', 'Publish a getting-started guide'] });
    });

    it('`#### 1. **Objective:** …` headings: the number, emphasis and label are not the title', () => {
      const document = parse(doc('### Q4 plan', '', '#### 1. **Objective:** Improve onboarding', '', '- Cut setup time', '', '#### 2. **Objective:** Grow revenue', '', '- Sign 10 customers'));
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'], 'Grow revenue': ['Sign 10 customers'] });
      assert.equal(objective(document, 'Improve onboarding').id, 'improve-onboarding');
      assert.ok(objective(document, 'Improve onboarding').outline?.labelRange, 'the label is kept to be rewritten');
    });
  });

  describe('objectives as list items', () => {
    it('`- Objective: …` with `  - Key result: …` nested under it', () => {
      const document = parse(
        doc(
          '# OKRs',
          '',
          '- Objective: Improve onboarding',
          '  - Key result: Cut setup time to 5 minutes',
          '  - Key result: Publish a getting-started guide',
          '- Objective: Grow revenue',
          '  - Key result: Sign 10 new customers',
        ),
      );
      assert.deepEqual(outline(document), {
        'Improve onboarding': ['Cut setup time to 5 minutes', 'Publish a getting-started guide'],
        'Grow revenue': ['Sign 10 new customers'],
      });
      assert.equal(objective(document, 'Grow revenue').outline?.form, 'listItem');
      assert.equal(objective(document, 'Grow revenue').headingRange.start.line, 9);
    });

    it('a numbered list with nested bullets', () => {
      const document = parse(
        doc(
          '# OKRs',
          '',
          '1. Improve onboarding',
          '   - Cut setup time to 5 minutes',
          '   - Publish a getting-started guide',
          '2. Grow revenue',
          '   - Sign 10 new customers',
        ),
      );
      assert.deepEqual(outline(document), {
        'Improve onboarding': ['Cut setup time to 5 minutes', 'Publish a getting-started guide'],
        'Grow revenue': ['Sign 10 new customers'],
      });
    });

    it('GitLab-style nested bold items with `Team KR:` items (the team label is not the title)', () => {
      const document = parse(
        doc(
          '# FY27-Q1 OKRs',
          '',
          '- **Grow incremental ACV**',
          '  - Sales KR: Close 20 enterprise deals',
          '  - Marketing KR: Generate 500 qualified leads',
          '- **Popular next-generation product**',
          '  - Product KR: Ship the new editor',
        ),
      );
      assert.deepEqual(outline(document), {
        'Grow incremental ACV': ['Close 20 enterprise deals', 'Generate 500 qualified leads'],
        'Popular next-generation product': ['Ship the new editor'],
      });
    });
  });

  describe('objectives as bold paragraphs', () => {
    it('a bold paragraph followed by a list', () => {
      const document = parse(doc('# OKRs', '', '**Improve onboarding**', '', '- Cut setup time', '- Publish a guide', '', '**Grow revenue**', '', '- Sign 10 customers'));
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time', 'Publish a guide'], 'Grow revenue': ['Sign 10 customers'] });
      assert.equal(objective(document, 'Grow revenue').outline?.form, 'paragraph');
    });

    it('with an intro line "We will measure this via the following key results:" in between', () => {
      const document = parse(
        doc('# OKRs', '', '**Improve onboarding**', '', 'We will measure this via the following key results:', '', '- Cut setup time', '- Publish a guide'),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time', 'Publish a guide'] });
    });
  });

  describe('key-result labels', () => {
    it('`KR1 -`, `KR-1:`, `**Key Result:**` and `Owner KR:` are labels, not title text', () => {
      const document = parse(
        doc(
          '## Improve onboarding',
          '',
          '- KR1 - Cut setup time to 5 minutes',
          '- KR-2: Publish a getting-started guide',
          '- **Key Result:** Run five user interviews',
          '- Docs KR: Rewrite the FAQ',
        ),
      );
      assert.deepEqual(outline(document), {
        'Improve onboarding': ['Cut setup time to 5 minutes', 'Publish a getting-started guide', 'Run five user interviews', 'Rewrite the FAQ'],
      });
      assert.ok(objective(document, 'Improve onboarding').keyResults.every((kr) => kr.outline?.labelRange), 'each label is kept to be rewritten');
    });

    it('where some items say `KR:`, the other items are notes', () => {
      const document = parse(doc('## Improve onboarding', '', '- KR: Cut setup time', '- a note about it', '- KR: Publish a guide'));
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time', 'Publish a guide'] });
    });
  });

  describe('key results as table rows', () => {
    it('Key result, Owner, Progress, Status and Score columns; a score of 0.7 is 70 %', () => {
      const document = parse(
        doc(
          '## Improve onboarding',
          '',
          '| Key result | Owner | Progress | Status | Score |',
          '| --- | --- | --- | --- | --- |',
          '| Cut setup time to 5 minutes | Alice | 63% | on track | |',
          '| Publish a guide | Bob | | done | |',
          '| Run interviews | | | | 0.7 |',
        ),
      );
      const o = objective(document, 'Improve onboarding');
      assert.deepEqual(o.keyResults.map((kr) => kr.title), ['Cut setup time to 5 minutes', 'Publish a guide', 'Run interviews']);
      assert.ok(o.keyResults.every((kr) => kr.outline?.form === 'tableRow'));
      assert.deepEqual(fields(keyResult(o, 'Cut setup time to 5 minutes')), ['progress=63%', 'owner=Alice', 'status=on track']);
      assert.deepEqual(fields(keyResult(o, 'Publish a guide')), ['owner=Bob', 'status=done']);
      assert.deepEqual(fields(keyResult(o, 'Run interviews')), ['progress=70%']);
      const analysis = analyze({ [PATH]: doc('## Improve onboarding', '', '| Key result | Score |', '| --- | --- |', '| Run interviews | 0.7 |') });
      const kr = analysis.index.get(PATH)!.objectives[0]!.keyResults[0]!;
      assert.equal(analysis.progress.keyResult(kr).value, 0.7);
    });

    it('a table with an Objective column: an empty cell continues the objective above', () => {
      const document = parse(
        doc(
          '# OKRs',
          '',
          '| Objective | Key result | Owner |',
          '| --- | --- | --- |',
          '| Improve onboarding | Cut setup time | Alice |',
          '| | Publish a guide | Bob |',
          '| Grow revenue | Sign 10 customers | Carol |',
        ),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time', 'Publish a guide'], 'Grow revenue': ['Sign 10 customers'] });
      assert.equal(objective(document, 'Grow revenue').outline?.form, 'tableRow');
      assert.equal(objective(document, 'Improve onboarding').sectionRange.end.line, 9);
    });

    it("a team's sheet pasted as a table: its bold rows are objectives", () => {
      const document = parse(
        doc(
          '# OKRs',
          '',
          '| Item | Owner | Priority |',
          '| --- | --- | --- |',
          '| **Improve onboarding** | | |',
          '| Cut setup time | Alice | P1 |',
          '| Publish a guide | Bob | P2 |',
          '| **Grow revenue** | | |',
          '| Sign 10 customers | Carol | P0 |',
        ),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time', 'Publish a guide'], 'Grow revenue': ['Sign 10 customers'] });
      assert.deepEqual(fields(keyResult(objective(document, 'Grow revenue'), 'Sign 10 customers')), ['owner=Carol', 'priority=P0']);
    });
  });

  describe('what is not an objective', () => {
    for (const heading of ['Table of contents', 'Notes', 'Background', 'External references']) {
      it(`a "${heading}" section with a list`, () => {
        const document = parse(doc(`## ${heading}`, '', '- [Improve onboarding](#improve-onboarding)', '- Grow revenue', '', '## Improve onboarding', '', '- Cut setup time'));
        assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'] });
      });
    }

    it('a section of prose without a list', () => {
      const document = parse(doc('## Why we do this', '', 'Prose about the quarter, with no list.', '', '## Improve onboarding', '', '- Cut setup time'));
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'] });
    });

    it('an "Initiatives:" list under an objective holds no key results', () => {
      const document = parse(doc('## Improve onboarding', '', '- Cut setup time', '', 'Initiatives:', '', '- Build an installer', '- Hire a writer'));
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'] });
    });

    it('a "**Not Included**" list is neither an objective nor key results', () => {
      const document = parse(
        doc('## Improve onboarding', '', '- Cut setup time', '', '**Not Included**', '', '- Rewrite the installer', '', '## Later', '', '**Not Included**', '', '- A mobile app'),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'] });
    });

    it('headings that only name a cycle or say "OKRs" / "Objectives" are not objectives', () => {
      const document = parse(
        md('---', 'okr: strategic', '---', '# OKRs Q3 2026', '', '## Objectives', '', '### Q3 2026 Objectives', '', '#### Improve onboarding', '', '- Cut setup time'),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'] });
    });

    it('`<!-- okr: ignore -->` in a section: the section is not read', () => {
      const document = parse(
        doc('## Improve onboarding', '', '- Cut setup time', '', '## Hiring plan', '', '<!-- okr: ignore -->', '', '- Hire two engineers'),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time'] });
    });
  });

  describe('nesting is alignment', () => {
    const NESTED = doc('## Grow revenue', '', '- Sign 10 customers', '', '### Improve the sales funnel', '', '- Double demo requests');

    it('a nested objective gets an inferred reference to its parent, resolved by the analysis', () => {
      const analysis = analyze({ [PATH]: NESTED });
      const document = analysis.index.get(PATH)!;
      const child = objective(document, 'Improve the sales funnel');
      assert.deepEqual(child.references.map((r) => [r.text, r.inferred]), [['[[#grow-revenue]]', true]]);
      assert.deepEqual(objective(document, 'Grow revenue').references, []);
      const [resolved] = analysis.references(analysis.nodeOf(child)!);
      assert.ok(resolved?.resolution.ok);
      assert.equal(resolved.resolution.target.node.objective, objective(document, 'Grow revenue'));
      assert.deepEqual(analysis.childrenOf(objective(document, 'Grow revenue')).map((c) => c.node.objective.title), ['Improve the sales funnel']);
      assert.deepEqual(outline(document), { 'Grow revenue': ['Sign 10 customers'], 'Improve the sales funnel': ['Double demo requests'] });
    });

    it('a nested list objective aligns to the heading objective above it', () => {
      const document = parse(doc('## Grow revenue', '', '- Sign 10 customers', '', '### Teams', '', '- Objective: Improve the sales funnel', '  - Double demo requests'));
      assert.deepEqual(objective(document, 'Improve the sales funnel').references.map((r) => r.text), ['[[#grow-revenue]]']);
    });

    it('not when the nested objective has its own `aligns::`', () => {
      const analysis = analyze({
        [PATH]: doc('## Grow revenue', '', '- Sign 10 customers', '', '### Improve the sales funnel', '', 'aligns:: [[#other]]', '', '- Double demo requests', '', '## Other', '', '- A key result'),
      });
      const child = objective(analysis.index.get(PATH)!, 'Improve the sales funnel');
      assert.deepEqual(child.references.map((r) => [r.text, r.inferred ?? false]), [['[[#other]]', false]]);
    });

    it('an operational child under an operational parent: no align-level for the inferred reference', () => {
      const analysis = analyze({
        'team.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Ship the editor', '', '- Beta out', '', '### Fix the parser', '', '- Close 10 bugs'),
      });
      assert.deepEqual(diagnosticCodes(analysis, 'team.md').filter((c) => c.startsWith('align-')), ['align-missing@4']);
    });
  });

  describe('the strict form', () => {
    it('`## Objective:` headings and `KR:` items read exactly as before: plain bullets are notes, trailing text is title', () => {
      const document = parse(
        doc('## Objective: Improve onboarding', '', '- KR: Cut setup time => 63%', '- a plain note', '- [x] KR: Publish a guide @alice', '', '## Grow revenue', '', '- Sign 10 customers'),
      );
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time => 63%', 'Publish a guide @alice'] });
      const o = objective(document, 'Improve onboarding');
      assert.equal(o.outline, undefined);
      assert.ok(o.keyResults.every((kr) => kr.outline === undefined && kr.fields.length === 0));
      assert.equal(o.writtenCycle, undefined);
    });

    it('`### Objective:` headings with only plain bullets: the bullets are key results', () => {
      const document = parse(doc('### Objective: Improve onboarding', '', '- Cut setup time', '- Publish a guide', '', '### Objective: Grow revenue', '', '- Sign 10 customers'));
      assert.deepEqual(outline(document), { 'Improve onboarding': ['Cut setup time', 'Publish a guide'], 'Grow revenue': ['Sign 10 customers'] });
      assert.ok(document.objectives.every((o) => o.outline?.labelRange));
    });
  });

  describe('never silent', () => {
    it('`no-objectives` on line 1 of an OKR document with nothing read, saying what to write', () => {
      const analysis = analyze({ [PATH]: doc('# Our plans', '', 'Some prose and nothing else.') });
      const problems = analysis.diagnostics(analysis.index.get(PATH)!).filter((d) => d.code === 'no-objectives');
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.range.start.line, 0);
      assert.equal(problems[0]!.severity, 'warning');
      assert.match(problems[0]!.message, /## Objective:/);
      assert.match(problems[0]!.message, /heading with its key results/);
    });

    it('not on a document that is not an OKR document', () => {
      const document = parse(md('# Notes', '', 'Prose.'), 'notes.md');
      assert.equal(document.isOkr, false);
      assert.deepEqual(document.problems, []);
    });

    it('`strategic-unsupported` only in a workspace with some operational document', () => {
      const company = doc('## Improve onboarding', '', '- Cut setup time');
      const alone = analyze({ [PATH]: company });
      assert.ok(!diagnosticCodes(alone).some((c) => c.startsWith('strategic-unsupported')), diagnosticCodes(alone).join());
      const withTeam = analyze({
        [PATH]: company,
        'team.md': md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Other work', '', 'aligns:: [[elsewhere]]', '', '- KR: x [progress:: 10%]'),
      });
      assert.ok(diagnosticCodes(withTeam).includes('strategic-unsupported@4'), diagnosticCodes(withTeam).join());
    });
  });

  describe('cycles as written', () => {
    const LEVEL = ['---', 'okr: strategic', '---'];

    it('the front matter first, with `settings.cycleSource`', () => {
      const analysis = analyze({ 'okrs/2025-Q1/team.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '# OKRs Q3 2018', '', '## Q2 2019 Objectives', '', '### Improve onboarding', '', '- Cut setup time') });
      const settings = settingsOf(analysis, 'Improve onboarding', 'okrs/2025-Q1/team.md');
      assert.equal(dates(settings.cycle), quarter('2026-Q4'));
      assert.deepEqual(settings.cycleSource, { kind: 'frontmatter' });
    });

    it('an objective`s `cycle::` field', () => {
      const analysis = analyze({ [PATH]: md(...LEVEL, '# OKRs Q3 2018', '', '## Improve onboarding', '', 'cycle:: 2026-Q2', '', '- Cut setup time') });
      const settings = settingsOf(analysis, 'Improve onboarding');
      assert.equal(dates(settings.cycle), quarter('2026-Q2'));
      assert.deepEqual(settings.cycleSource, { kind: 'field' });
    });

    it('the heading above (`### Q4 2025 Objectives`) before the title', () => {
      const analysis = analyze({ [PATH]: md(...LEVEL, '# OKRs Q3 2018', '', '### Q4 2025 Objectives', '', '#### Improve onboarding', '', '- Cut setup time') });
      const settings = settingsOf(analysis, 'Improve onboarding');
      assert.equal(dates(settings.cycle), quarter('2025-Q4'));
      assert.equal(settings.cycleSource?.kind, 'heading');
      assert.equal(settings.cycleSource?.kind === 'heading' && settings.cycleSource.range.start.line, 5);
    });

    it('a heading that only names a cycle applies to the sibling sections after it', () => {
      const analysis = analyze({ [PATH]: md(...LEVEL, '## Q1 2026', '', '## Improve onboarding', '', '- Cut setup time', '', '## Grow revenue', '', '- Sign 10 customers') });
      for (const title of ['Improve onboarding', 'Grow revenue']) {
        const settings = settingsOf(analysis, title);
        assert.equal(dates(settings.cycle), quarter('2026-Q1'), title);
        assert.equal(settings.cycleSource?.kind, 'heading', title);
      }
    });

    it('not to the sections before it', () => {
      const analysis = analyze({ [PATH]: md(...LEVEL, '## Improve onboarding', '', '- Cut setup time', '', '## Q1 2026', '', '## Grow revenue', '', '- Sign 10 customers') });
      assert.equal(settingsOf(analysis, 'Improve onboarding').cycle, undefined);
      assert.equal(dates(settingsOf(analysis, 'Grow revenue').cycle), quarter('2026-Q1'));
    });

    it('the document title (`# OKRs Q3 2018`) before the path', () => {
      const analysis = analyze({ 'okrs-2019-q1.md': md(...LEVEL, '# OKRs Q3 2018', '', '## Improve onboarding', '', '- Cut setup time') });
      const settings = settingsOf(analysis, 'Improve onboarding', 'okrs-2019-q1.md');
      assert.equal(dates(settings.cycle), quarter('2018-Q3'));
      assert.equal(settings.cycleSource?.kind, 'title');
    });

    for (const path of ['okrs/2026-Q4/team.md', 'okrs-2026-q4.md']) {
      it(`then the file or folder name (${path})`, () => {
        const analysis = analyze({ [path]: md(...LEVEL, '# Team OKRs', '', '## Improve onboarding', '', '- Cut setup time') });
        const settings = settingsOf(analysis, 'Improve onboarding', path);
        assert.equal(dates(settings.cycle), quarter('2026-Q4'));
        assert.equal(settings.cycleSource?.kind, 'path');
        assert.ok(!diagnosticCodes(analysis, path).some((c) => c.startsWith('cycle-missing')));
      });
    }

    it('no cycle anywhere: cycle-missing, as before', () => {
      const analysis = analyze({ [PATH]: md(...LEVEL, '# Team OKRs', '', '## Improve onboarding', '', '- Cut setup time') });
      assert.equal(settingsOf(analysis, 'Improve onboarding').cycle, undefined);
      assert.ok(diagnosticCodes(analysis).includes('cycle-missing@5'), diagnosticCodes(analysis).join());
    });

    it('a strict document does not take its cycle from a heading', () => {
      const analysis = analyze({ [PATH]: md(...LEVEL, '# OKRs Q3 2018', '', '## Objective: Improve onboarding', '', '- KR: Cut setup time') });
      assert.equal(settingsOf(analysis, 'Improve onboarding').cycle, undefined);
    });

    it('several quarters in one file: each objective its own', () => {
      const analysis = analyze({
        'okrs-2018.md': md(...LEVEL, '# OKRs', '', '## 2018 Q2', '', '### Improve onboarding', '', '- Cut setup time', '', '## 2018 Q1', '', '### Grow revenue', '', '- Sign 10 customers'),
      });
      assert.equal(dates(settingsOf(analysis, 'Improve onboarding', 'okrs-2018.md').cycle), quarter('2018-Q2'));
      assert.equal(dates(settingsOf(analysis, 'Grow revenue', 'okrs-2018.md').cycle), quarter('2018-Q1'));
    });
  });
});
