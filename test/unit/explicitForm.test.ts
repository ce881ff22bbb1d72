// Issue 14: a document read from its outline, rewritten in the explicit form
// (okr/report/explicitForm.ts, behind `okr fmt` and the code action): the rewrite parses in
// the strict form with the same meaning, leaves every line that held nothing inferred as it
// was, changes nothing the second time, and leaves a strict document alone. Also every
// real-world fixture (test/fixtures/real-world/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { formatIsoDay, parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import type { KeyResult, OkrDocument } from '../../server/src/okr/model/model.ts';
import { stripBom } from '../../server/src/okr/model/text.ts';
import { analyzeFiles } from '../../server/src/okr/engine.ts';
import { explicitForm, explicitFormOf } from '../../server/src/okr/report/explicitForm.ts';
import { md } from './helpers.ts';

const TODAY = parseIsoDay('2026-11-25')!;
const REAL_WORLD = resolve(import.meta.dirname, '../fixtures/real-world');

function analyse(path: string, text: string, others: Record<string, string> = {}): Analysis {
  return analyzeFiles([{ path, text }, ...Object.entries(others).map(([p, t]) => ({ path: p, text: t }))], { config: defaultConfig(), today: TODAY });
}

/** A key result's checkbox, with an inferred `done` / `dropped` status taken as the checkbox it becomes. */
function checkboxOf(keyResult: KeyResult): string | null {
  if (keyResult.checkbox) return keyResult.checkbox;
  const status = keyResult.fields.find((f) => f.key === 'status')?.value;
  return status === 'done' ? 'done' : status === 'dropped' ? 'cancelled' : null;
}

/** What a person reads in a document: objectives with their settings, references and key results. */
function meaning(analysis: Analysis, path: string): unknown[] {
  const document = analysis.index.get(path)!;
  return document.objectives.map((objective) => {
    const node = analysis.nodeOf(objective)!;
    const settings = analysis.settings(node);
    const progress = analysis.progress.objective(node);
    return {
      title: objective.title,
      id: objective.id,
      level: settings.level,
      status: settings.status,
      owner: settings.owner,
      cycle: settings.cycle && `${formatIsoDay(settings.cycle.start)}..${formatIsoDay(settings.cycle.end)}`,
      fields: objective.fields.filter((f) => f.key !== 'cycle' && f.key !== 'aligns').map((f) => `${f.key}=${f.value}`),
      references: analysis.references(node).map(({ resolution }) =>
        resolution.ok ? `${resolution.target.node.objective.id}${resolution.target.kind === 'keyResult' ? `^${resolution.target.keyResult.title}` : ''}` : 'unresolved',
      ),
      progress: [progress.value, progress.keyResults, progress.measured],
      keyResults: objective.keyResults.map((kr) => {
        const p = analysis.progress.keyResult(kr);
        const checkbox = checkboxOf(kr);
        return {
          title: kr.title,
          checkbox,
          fields: kr.fields.filter((f) => !(f.key === 'status' && !kr.checkbox && checkbox)).map((f) => `${f.key}=${f.value}`),
          progress: [p.value, p.overAchieved],
        };
      }),
    };
  });
}

/** Lines [first, last] of each place something was inferred: they may change, no other line may. */
function inferredLines(document: OkrDocument, lines: string[]): Set<number> {
  const touched = new Set<number>();
  const span = (first: number, last: number) => {
    for (let line = first; line <= last; line++) touched.add(line);
  };
  const table = (line: number) => {
    let first = line;
    let last = line;
    while (first > 0 && /^\s*\|/.test(lines[first - 1]!)) first--;
    while (last + 1 < lines.length && /^\s*\|/.test(lines[last + 1]!)) last++;
    span(first, last);
  };
  for (const objective of document.objectives) {
    if (!objective.outline) continue;
    span(objective.headingRange.start.line, objective.headingRange.end.line);
    // List items and bold paragraphs become headings, their nested lines move left.
    if (objective.outline.form !== 'heading') span(objective.sectionRange.start.line, objective.sectionRange.end.line);
    if (objective.outline.form === 'tableRow') table(objective.headingRange.start.line);
    for (const field of objective.fields) if (field.inferred) span(field.range.start.line, field.range.end.line);
    for (const keyResult of objective.keyResults) {
      if (!keyResult.outline) continue;
      span(keyResult.range.start.line, keyResult.range.end.line);
      if (keyResult.outline.form === 'tableRow') table(keyResult.range.start.line);
    }
  }
  return touched;
}

function count(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/**
 * Rewrites `text` (after its BOM) and checks the rewrite: strict, the same meaning, the other
 * lines kept, idempotent. Returns the rewritten text.
 */
function checkRewrite(path: string, raw: string, others: Record<string, string> = {}): string {
  const analysis = analyse(path, raw, others);
  const document = analysis.index.get(path)!;
  assert.ok(document.objectives.some((o) => o.outline), `${path}: read from the outline`);
  const text = stripBom(raw);
  const rewritten = explicitForm(analysis, document, text);
  assert.notEqual(rewritten, text, `${path}: something to rewrite`);

  const bom = raw.length > text.length ? '\uFEFF' : '';
  const after = analyse(path, bom + rewritten, others);
  const strict = after.index.get(path)!;
  assert.deepEqual(
    strict.objectives.filter((o) => o.outline).map((o) => o.title),
    [],
    `${path}: every objective strict after the rewrite:\n${rewritten}`,
  );
  assert.ok(strict.objectives.every((o) => o.keyResults.every((kr) => !kr.outline)), `${path}: every key result strict`);
  assert.deepEqual(meaning(after, path), meaning(analysis, path), `${path}: the same meaning after the rewrite:\n${rewritten}`);

  // Every line that held nothing inferred is in the rewrite, as many times, byte for byte.
  const eol = /\r\n/.test(text) ? /\r\n/ : /\n/;
  const lines = text.split(eol);
  const touched = inferredLines(document, lines);
  const kept = count(lines.filter((_, i) => !touched.has(i)));
  const out = count(rewritten.split(eol));
  for (const [line, times] of kept) assert.ok((out.get(line) ?? 0) >= times, `${path}: the line ${JSON.stringify(line)} is kept ${times}×:\n${rewritten}`);

  assert.equal(explicitForm(after, strict, rewritten), rewritten, `${path}: a second rewrite changes nothing`);
  return rewritten;
}

const FRONT = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---'];
const doc = (...lines: string[]) => md(...FRONT, ...lines);

const FORMS: Record<string, string> = {
  'headings with bullets, checkboxes, numbered items and annotations': doc(
    '# Team OKRs',
    '',
    'Some words before the objectives.',
    '',
    '## Improve onboarding @alice [P1]',
    '',
    '- Cut setup time to 5 minutes => 63%',
    '- [x] Publish a getting-started guide',
    '- Run five user interviews (owner: Bob Smith)',
    '- Rewrite the FAQ ✅',
    '- Hire a writer [dropped]',
    '',
    '## Grow revenue',
    '',
    '1. Sign 25 new customers — 144%',
    '2. Raise the average deal size [WIP]',
    '',
    'A closing paragraph.',
  ),
  'a `### Key results` subheading': doc(
    '## Improve onboarding',
    '',
    'Owner: Alice',
    '',
    '- New users wait a day for an account',
    '',
    '### Key results',
    '',
    '- Cut setup time to 5 minutes (40 %)',
    '- Publish a guide',
  ),
  'list items with nested key results': doc(
    '# OKRs',
    '',
    '- Objective: Improve onboarding',
    '  - Key result: Cut setup time to 5 minutes => 50%',
    '  - Key result: Publish a getting-started guide',
    '- Objective: Grow revenue',
    '  - Key result: Sign 10 new customers',
    '',
    'The end.',
  ),
  'a numbered list with nested bullets': doc('# OKRs', '', '1. Improve onboarding', '   - Cut setup time', '   - [x] Publish a guide', '2. Grow revenue', '   - Sign 10 customers'),
  'GitLab-style nested bold items with team KR items': doc(
    '# OKRs',
    '',
    '- **Grow incremental ACV**',
    '  - Sales KR: Close 20 enterprise deals => 30%',
    '  - Marketing KR: Generate 500 qualified leads',
    '- **Popular next-generation product**',
    '  - Product KR: Ship the new editor',
  ),
  'bold paragraphs with a list, and with an intro line': doc(
    '# OKRs',
    '',
    '**Improve onboarding**',
    '',
    '- Cut setup time',
    '- Publish a guide',
    '',
    '**Grow revenue**',
    '',
    'We will measure this via the following key results:',
    '',
    '- Sign 10 customers @carol',
  ),
  'labelled headings (`Obj 2 -`) and KR labels': doc(
    '### Q4 plan',
    '',
    '#### Improve onboarding',
    '',
    '- KR1 - Cut setup time to 5 minutes',
    '- KR-2: Publish a getting-started guide',
    '- **Key Result:** Run five user interviews',
    '- Docs KR: Rewrite the FAQ',
    '',
    '#### **Obj 2 -** Grow revenue',
    '',
    '- Sign 10 customers',
  ),
  'key results as table rows': doc(
    '## Improve onboarding',
    '',
    '| Key result | Owner | Progress | Status | Score |',
    '| --- | --- | --- | --- | --- |',
    '| Cut setup time to 5 minutes | Alice | 63% | on track | |',
    '| Publish a guide | Bob | | at risk | |',
    '| Run interviews | | | | 0.7 |',
    '',
    'After the table.',
  ),
  'a table with an Objective column': doc(
    '# OKRs',
    '',
    '| Objective | Key result | Owner |',
    '| --- | --- | --- |',
    '| Improve onboarding | Cut setup time | Alice |',
    '| | Publish a guide | Bob |',
    '| Grow revenue | Sign 10 customers | Carol |',
  ),
  "a team's sheet with bold objective rows": doc(
    '# OKRs',
    '',
    '| Item | Owner | Priority |',
    '| --- | --- | --- |',
    '| **Improve onboarding** | | |',
    '| Cut setup time | Alice | P1 |',
    '| **Grow revenue** | | |',
    '| Sign 10 customers | Carol | P0 |',
  ),
  'nesting as alignment, and an aligns:: of its own': doc(
    '## Grow revenue',
    '',
    '- Sign 10 customers',
    '',
    '### Improve the sales funnel',
    '',
    '- Double demo requests',
    '',
    '#### Faster demos',
    '',
    '- Book demos in a day',
    '',
    '### Partner channel',
    '',
    'aligns:: [[#grow-revenue^sign]]',
    '',
    '- Sign 3 partners',
  ),
  'cycles from headings and the title, several quarters': md(
    '---',
    'okr: strategic',
    '---',
    '# OKRs 2026',
    '',
    '## Q1 2026',
    '',
    '### Improve onboarding',
    '',
    '- Cut setup time',
    '',
    '## 2026 Q2 Objectives',
    '',
    '### Grow revenue',
    '',
    '- Sign 10 customers',
  ),
  '`### Objective:` headings over plain bullets': doc(
    '### Objective: Improve onboarding',
    '',
    '- Cut setup time => 25%',
    '- [x] Publish a guide',
    '',
    '### Objective: Grow revenue {#revenue}',
    '',
    '- Sign 10 customers',
  ),
  'an objective with its cycle:: and notes sections': doc(
    '## Table of contents',
    '',
    '- [Improve onboarding](#improve-onboarding)',
    '',
    '## Improve onboarding',
    '',
    'cycle:: 2026-11',
    '',
    '- Cut setup time',
    '',
    'Initiatives:',
    '',
    '- Build an installer',
    '',
    '## Notes',
    '',
    '- not a key result',
  ),
};

describe('the explicit form (issue 14)', () => {
  for (const [name, text] of Object.entries(FORMS)) {
    it(`${name}: strict, the same meaning, other lines kept, idempotent`, () => {
      checkRewrite('okrs.md', text);
    });
  }

  it('`#### 1. **Objective:** …` numbered headings become strict `Objective:` headings', () => {
    const rewritten = checkRewrite('okrs.md', doc('#### 1. **Objective:** Improve onboarding', '', '- Cut setup time', '', '#### 2. **Objective:** Grow revenue', '', '- Sign 10 customers'));
    assert.match(rewritten, /^#### Objective: Improve onboarding \{#improve-onboarding\}$/m);
  });

  it('a table row with Status `done` becomes a checked key result', () => {
    checkRewrite('okrs.md', doc('## Improve onboarding', '', '| Key result | Status |', '| --- | --- |', '| Publish a guide | done |', '| Cut setup time | |'));
    checkRewrite('okrs.md', doc('| Objective | Key result | Status |', '| --- | --- | --- |', '| Improve onboarding | Publish a guide | done |', '| | Cut setup time | |'));
  });

  it('a cycle taken from the path is written as cycle::', () => {
    const rewritten = checkRewrite('okrs/2026-Q3/team.md', md('---', 'okr: strategic', '---', '# Team', '', '## Improve onboarding', '', '- Cut setup time'));
    assert.match(rewritten, /^cycle:: 2026-Q3$/m);
  });

  it('a heading objective: prefix, {#id}, fields after the heading, KR: items with bracket fields', () => {
    const rewritten = checkRewrite('okrs.md', doc('## Improve onboarding @alice', '', '- Cut setup time => 63%', '- Publish a guide ✅', '- [ ] Run interviews'));
    assert.equal(
      rewritten,
      doc(
        '## Objective: Improve onboarding {#improve-onboarding}',
        '',
        'owner:: @alice',
        '',
        '- KR: Cut setup time [progress:: 63%]',
        '- [x] KR: Publish a guide',
        '- [ ] KR: Run interviews',
      ),
    );
  });

  it('an explicit {#id} is kept, not doubled', () => {
    const rewritten = checkRewrite('okrs.md', doc('## Improve onboarding {#onboarding}', '', '- Cut setup time'));
    assert.match(rewritten, /^## Objective: Improve onboarding \{#onboarding\}$/m);
  });

  it('the reference inferred from nesting is written as aligns::', () => {
    const rewritten = checkRewrite('okrs.md', doc('## Grow revenue', '', '- Sign 10 customers', '', '### Improve the sales funnel', '', '- Double demo requests'));
    assert.match(rewritten, /### Objective: Improve the sales funnel \{#improve-the-sales-funnel\}\n\naligns:: \[\[#grow-revenue\]\]\n/);
  });

  it('CRLF line ends are kept, and no lone LF is added', () => {
    const text = FORMS['headings with bullets, checkboxes, numbered items and annotations']!.replace(/\n/g, '\r\n');
    const rewritten = checkRewrite('okrs.md', text);
    assert.equal(rewritten.replace(/\r\n/g, '').includes('\n'), false);
    const listItems = FORMS['list items with nested key results']!.replace(/\n/g, '\r\n');
    assert.equal(checkRewrite('okrs.md', listItems).replace(/\r\n/g, '').includes('\n'), false);
  });

  it('a BOM: the text after it is rewritten, the positions are right', () => {
    const text = `\uFEFF${doc('## Improve onboarding', '', '- Cut setup time => 10%')}`;
    const rewritten = checkRewrite('okrs.md', text);
    assert.equal(rewritten, doc('## Objective: Improve onboarding {#improve-onboarding}', '', '- KR: Cut setup time [progress:: 10%]'));
  });

  it('an .mdx file with an import line and JSX: those lines are kept', () => {
    const text = md(
      '---',
      'okr: strategic',
      'cycle: 2026-Q4',
      '---',
      "import { TeamMember } from '../components/TeamMember'",
      '',
      '## Improve onboarding',
      '',
      '<TeamMember name="Alice" />',
      '',
      '- Cut setup time => 20%',
      '- Publish a guide',
    );
    const rewritten = checkRewrite('objectives.mdx', text);
    assert.match(rewritten, /^import \{ TeamMember \} from '\.\.\/components\/TeamMember'$/m);
    assert.match(rewritten, /^<TeamMember name="Alice" \/>$/m);
    assert.match(rewritten, /^## Objective: Improve onboarding \{#improve-onboarding\}$/m);
  });

  it('a strict document comes back identical', () => {
    const text = doc('## Objective: Improve onboarding {#onboarding}', '', 'owner:: @alice', '', '- KR: Cut setup time => 63%', '- a note', '- [x] KR: Publish a guide');
    const analysis = analyse('okrs.md', text);
    assert.equal(explicitForm(analysis, analysis.index.get('okrs.md')!, text), text);
  });

  describe('every real-world fixture: the same meaning after the rewrite', () => {
    const files = readdirSync(REAL_WORLD).filter((file) => /\.mdx?$/.test(file) && file !== 'SOURCES.md');
    it('there are fixtures', () => assert.ok(files.length >= 10, files.join()));
    for (const file of files) {
      it(file, () => {
        const text = readFileSync(join(REAL_WORLD, file), 'utf8');
        const analysis = analyse(file, text);
        const document = analysis.index.get(file)!;
        // A fixture already in the strict form comes back as it is.
        if (!document.objectives.some((o) => o.outline)) assert.equal(explicitForm(analysis, document, stripBom(text)), stripBom(text));
        else checkRewrite(file, text);
      });
    }
  });
});

describe('the explicit form keeps what the review found it lost (issue 14)', () => {
  it('a heading that opens with a priority tag or a status emoji keeps its heading and title', () => {
    for (const heading of ['## [P1] Grow', '## ✅ Grow', '## P0: Grow', '### (P2) Grow', '## **P1** - Grow', '## 1. [P1] Grow', '##  [P1]  Grow']) {
      const rewritten = checkRewrite('okrs.md', doc(heading, '', '- Ship A => 5%'));
      assert.match(rewritten, /^#{2,3} +Objective: Grow \{#grow\}$/m, heading);
    }
  });

  it('a key-result table becomes list items that keep every cell, links and rows without a key result', () => {
    const rewritten = checkRewrite(
      'okrs.md',
      doc('## Grow', '', '| Key result | Owner | Progress | Notes |', '|---|---|---|---|', '| Ship [the wizard](https://x.io/w) **now** | @x | 50% | blocked on legal, see #12 |', '| TBD | | | need to define |', '| Reduce churn | @y | 10% | |'),
    );
    assert.match(rewritten, /^- KR: Ship \[the wizard\]\(https:\/\/x\.io\/w\) \*\*now\*\* \[progress:: 50%\] \[owner:: @x\]$/m);
    assert.match(rewritten, /^ {2}- Notes: blocked on legal, see #12$/m);
    assert.match(rewritten, /^- TBD \| need to define$/m);
  });

  it('an objective written as a list item keeps its links, code and explicit id', () => {
    const rewritten = checkRewrite('okrs.md', doc('- **Objective:** Grow [docs](https://x.io/docs) with `npm i` {#rev}', '  - Publish 5 guides => 10%'));
    assert.match(rewritten, /^## Objective: Grow \[docs\]\(https:\/\/x\.io\/docs\) with `npm i` \{#rev\}$/m);
  });

  it('a stated percentage and "done" on one key result keep the percentage (no checked box)', () => {
    const rewritten = checkRewrite('okrs.md', doc('## Grow', '', '- Ship A => 50% - done', '- Ship B (done)'));
    assert.match(rewritten, /^- KR: Ship A (?=.*\[progress:: 50%\])(?=.*\[status:: done\])/m);
    assert.match(rewritten, /^- \[x\] KR: Ship B$/m);
  });

  it('a subsection marked <!-- okr: ignore --> stays unread in the strict form too', () => {
    checkRewrite('okrs.md', doc('## Grow', '', '- Ship A => 50%', '', '### Drafts', '', '<!-- okr: ignore -->', '', '- KR: maybe this'));
  });

  it('a rewrite that would move key results is not made, and says where', () => {
    const text = doc('## Grow', '', '- Objective: Docs', '  - Publish => 10%', '- Ship A => 50%');
    const analysis = analyse('okrs.md', text);
    const result = explicitFormOf(analysis, analysis.index.get('okrs.md')!, text);
    assert.equal(result.text, text);
    assert.match(result.problem ?? '', /would not read the same at "Grow" \(line 5\)/);
  });

  it('tab-indented lines under a list objective move left by columns, not characters', () => {
    const rewritten = checkRewrite('okrs.md', doc('- Objective: Grow', '\t- A => 10%', '\t- B', '', '\t  more about B'));
    // `\t  more` is 6 columns deep; 2 of them (the `- ` of the objective) go.
    assert.match(rewritten, /^ {4}more about B$/m);
  });
});

describe('bold paragraph objectives with an owner or an id after them (issue 14)', () => {
  it('are read, and written explicitly with both kept', () => {
    const text = doc('**Cut costs** @ops {#costs}', '', '- Reserved instances => 80%', '- Delete unused volumes');
    const document = analyse('okrs.md', text).index.get('okrs.md')!;
    assert.deepEqual(document.objectives.map((o) => [o.title, o.id, o.fields.map((f) => `${f.key}=${f.value}`)]), [['Cut costs', 'costs', ['owner=@ops']]]);
    const rewritten = checkRewrite('okrs.md', text);
    assert.match(rewritten, /^## Objective: \*\*Cut costs\*\* \{#costs\}$/m);
    assert.match(rewritten, /^owner:: @ops$/m);
  });
});
