// SPEC §1–3 and the syntax of §5: which files are OKR documents, objectives (headings,
// titles, ids, sections, fields), key results, alignment references, and positions.
import assert from 'node:assert/strict';
import type { KeyResult, Objective, OkrDocument } from '../../server/src/okr/model/model.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import type { Range } from '../../server/src/okr/model/text.ts';
import { analyze, codes, diagnose, md } from './helpers.ts';
import { plain } from './plain.ts';

/** Ranges compared as positions (model ranges are TextRange, made from offsets). */
function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  assert.deepEqual(plain(actual), plain(expected), message);
}

const STRATEGIC = ['---', 'okr: strategic', 'cycle: 2026-Q4', '---'];
const OPERATIONAL = ['---', 'okr: operational', 'cycle: 2026-11', '---'];

function parse(text: string, path = 'okrs/doc.md'): OkrDocument {
  return parseDocument(path, text);
}

function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** 0-based line of the only line containing `needle` (an oracle independent of the parser). */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const found = lines.flatMap((l, i) => (l.includes(needle) ? [i] : []));
  assert.equal(found.length, 1, `${JSON.stringify(needle)} must occur on exactly one line`);
  return found[0]!;
}

/** Range of `needle` on its (only) line; `from` skips that many characters first. */
function rangeOf(text: string, needle: string, lineNeedle = needle, from = 0): Range {
  const line = lineOf(text, lineNeedle);
  const character = text.split('\n')[line]!.indexOf(needle, from);
  assert.ok(character >= 0, `${JSON.stringify(needle)} not on line ${line}`);
  return range(line, character, line, character + needle.length);
}

/** The whole content of a line, as a range. */
function lineRange(text: string, needle: string): Range {
  const line = lineOf(text, needle);
  return range(line, 0, line, text.split('\n')[line]!.length);
}

function objective(doc: OkrDocument, id: string): Objective {
  const found = doc.objectives.filter((o) => o.id === id);
  assert.equal(found.length, 1, `one objective with id ${id}, found ${doc.objectives.map((o) => o.id).join(', ')}`);
  return found[0]!;
}

function titles(doc: OkrDocument): string[] {
  return doc.objectives.map((o) => o.title);
}

function krTitles(o: Objective): string[] {
  return o.keyResults.map((kr) => kr.title);
}

function fieldsOf(o: Objective | KeyResult): [string, string][] {
  return o.fields.map((f) => [f.key, f.value]);
}

/** The only objective of a one-objective strategic document whose heading is `heading`. */
function single(heading: string, ...rest: string[]): Objective {
  const doc = parse(md(...STRATEGIC, heading, ...rest));
  assert.equal(doc.objectives.length, 1, `one objective in ${heading}`);
  return doc.objectives[0]!;
}

describe('parse', () => {
  describe('which files are OKR documents (SPEC §1)', () => {
    const body = ['', '## Objective: Grow {#grow}', '', '- [x] KR: Done'];

    it('a markdown file whose frontmatter has the key okr', () => {
      const doc = parse(md(...STRATEGIC, ...body), 'okrs/company.md');
      assert.equal(doc.isOkr, true);
      const quoted = parse(md('---', '"okr": operational', '---', ...body), 'okrs/quoted.md');
      assert.equal(quoted.isOkr, true);
      assert.equal(quoted.frontmatter.okr?.value, 'operational');
      deepEqual(titles(doc), ['Grow']);
      assert.equal(doc.frontmatter.okr?.value, 'strategic');
      assert.equal(doc.frontmatter.cycle?.value, '2026-Q4');
      deepEqual(doc.problems, []);
    });

    it('a file named *.okr.md, with or without frontmatter', () => {
      const doc = parse(md(...body), 'okrs/company.okr.md');
      assert.equal(doc.isOkr, true);
      deepEqual(titles(doc), ['Grow']);
      const withOther = parse(md('---', 'tags: [okr]', '---', ...body), 'team.okr.md');
      assert.equal(withOther.isOkr, true);
      deepEqual(titles(withOther), ['Grow']);
    });

    it('a file with an okr key of a bad value is still an OKR document (with frontmatter-invalid)', () => {
      const doc = parse(md('---', 'okr: tactical', 'cycle: 2026-Q4', '---', ...body));
      assert.equal(doc.isOkr, true);
      deepEqual(titles(doc), ['Grow']);
      deepEqual(codes(doc.problems), ['frontmatter-invalid@1']);
    });

    it('frontmatter-invalid says what was expected and what was written', () => {
      const messages = (lines: string[]) => parse(md('---', ...lines, '---', ...body)).problems.map((p) => p.message);
      deepEqual(messages(['okr: tactical']), ['The frontmatter key okr must be "strategic" or "operational", not "tactical"']);
      deepEqual(messages(['okr: [a, b]', 'cycle: 2026-Q4']), ['Invalid input: expected string, received object, not a list or mapping']);
      deepEqual(messages(['okr: operational', 'owner: {name: x}']), ['The frontmatter key owner must be text, not a list or mapping']);
    });

    it('neither: isOkr false, no objectives, no problems, no diagnostics', () => {
      const cases: Record<string, string> = {
        'plain.md': md(...body),
        'tags.md': md('---', 'tags: [okr, okrs]', 'title: okr', 'aliases: [okr]', '---', ...body),
        'body-key.md': md('# Notes', '', 'okr: strategic', ...body),
        'late.md': md('', '---', 'okr: strategic', '---', ...body),
        'broken.md': md('---', 'tags: [unclosed', '---', ...body),
        'fenced.md': md('```yaml', 'okr: strategic', '```', ...body),
        'okr.md': md(...body),
      };
      for (const [path, text] of Object.entries(cases)) {
        const doc = parse(text, path);
        assert.equal(doc.isOkr, false, path);
        deepEqual(doc.objectives, [], path);
        deepEqual(doc.problems, [], path);
      }
      const analysis = analyze(cases);
      assert.equal(analysis.index.documents().length, 0);
      deepEqual(diagnose(cases, 'broken.md'), []);
    });

    it('---js frontmatter is never read as YAML', () => {
      const text = md('---js', 'okr: strategic', 'cycle: 2026-Q4', '---', ...body);
      const plain = parse(text, 'okrs/company.md');
      assert.equal(plain.isOkr, false);
      deepEqual(plain.objectives, []);

      const named = parse(text, 'okrs/company.okr.md');
      assert.equal(named.isOkr, true);
      assert.equal(named.frontmatter.okr, undefined);
      assert.equal(named.frontmatter.cycle, undefined);
      deepEqual(named.problems, []);
      deepEqual(titles(named), ['Grow']);
      // Nothing set the level or the cycle: the objective reports both missing.
      const heading = lineOf(text, 'Objective: Grow');
      const found = codes(diagnose({ 'okrs/company.okr.md': text }, 'okrs/company.okr.md'));
      assert.ok(found.includes(`level-missing@${heading}`), found.join(' '));
      assert.ok(found.includes(`cycle-missing@${heading}`), found.join(' '));
      assert.ok(!found.some((c) => c.startsWith('frontmatter-invalid')), found.join(' '));
    });
  });

  describe('objective headings (SPEC §2)', () => {
    const text = md(
      ...STRATEGIC,
      '# Objective: One',
      '## O: Two',
      '### Objective 2: Three',
      '#### O1: Four',
      '##### O1.2: Five',
      '###### objective: Six',
      '## OBJECTIVE 3 : Seven',
      '## o 4: Eight',
      'Objective: Nine',
      '===',
      '',
      'O2.1.3: Ten',
      '---',
      '',
      '## Overview: not an objective',
      '## Objectives: not an objective',
      '## Objective without a colon',
      '## O.1: not an objective',
      '## Obj: not an objective',
      '## KR: not an objective',
      '## My Objective: not an objective',
      '',
      '> ## Objective: In a block quote',
      '',
      '- ## Objective: In a list item',
      '',
      '> [!note]',
      '> ## Objective: In a callout',
      '',
      '1. Objective: In an ordered list',
      '',
      '## **Objective:** Emphasised prefix',
    );
    const doc = parse(text);

    it('recognises every prefix form, case-insensitively, at any level, ATX and setext', () => {
      deepEqual(titles(doc), ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Emphasised prefix']);
      deepEqual(
        doc.objectives.map((o) => o.headingDepth),
        [1, 2, 3, 4, 5, 6, 2, 2, 1, 2, 2],
      );
    });

    it('gives each heading its range; a setext heading covers its underline', () => {
      deepEqual(objective(doc, 'one').headingRange, lineRange(text, '# Objective: One'));
      deepEqual(objective(doc, 'six').headingRange, lineRange(text, 'objective: Six'));
      const nine = lineOf(text, 'Objective: Nine');
      deepEqual(objective(doc, 'nine').headingRange, range(nine, 0, nine + 1, 3));
      const ten = lineOf(text, 'O2.1.3: Ten');
      deepEqual(objective(doc, 'ten').headingRange, range(ten, 0, ten + 1, 3));
    });

    it('ignores headings inside block quotes, callouts and lists, and look-alike prefixes', () => {
      for (const title of doc.objectives.map((o) => o.title)) {
        assert.ok(!/not an objective|In a /.test(title), title);
      }
      assert.equal(doc.objectives.length, 11);
    });
  });

  describe('titles and ids (SPEC §2)', () => {
    it('the title is the plain heading text without the prefix and the trailing {#id}', () => {
      const o = single('## Objective: Enhance customer satisfaction {#csat}');
      assert.equal(o.title, 'Enhance customer satisfaction');
      assert.equal(o.id, 'csat');
      assert.equal(o.idExplicit, true);
      deepEqual(o.idRange, range(4, 44, 4, 51));
    });

    it('reads the explicit id as written: letters, digits, - and _ (unicode letters too)', () => {
      assert.equal(single('# O: Ship it   {#Ship_it-2}').id, 'Ship_it-2');
      assert.equal(single('# O: Ship it {#Ship_it-2}').title, 'Ship it');
      assert.equal(single('# Objective: Réduire {#réduire}').id, 'réduire');
      assert.equal(single('# Objective: Closed ATX {#closed} ##').id, 'closed');
      assert.equal(single('# Objective: Closed ATX {#closed} ##').title, 'Closed ATX');
      const rocket = single('# Objective: 🚀 {#rocket}');
      assert.equal(rocket.id, 'rocket');
      assert.equal(rocket.title, '🚀');
    });

    it('an id that is not trailing is title text', () => {
      const o = single('## Objective: Title {#id} extra');
      assert.equal(o.title, 'Title {#id} extra');
      assert.equal(o.id, 'title-id-extra');
      assert.equal(o.idExplicit, false);
    });

    it('uses the plain text of inline markup in the title and the slug', () => {
      const o = single('## Objective: Ship *fast* and `safe`');
      assert.equal(o.title, 'Ship fast and safe');
      assert.equal(o.id, 'ship-fast-and-safe');
    });

    it('without {#id}, the id is the slug: NFC, lower case, runs of other characters → one -', () => {
      const cases: [string, string][] = [
        ['Enhance customer satisfaction', 'enhance-customer-satisfaction'],
        ['Réduire le délai — 2×', 'réduire-le-délai-2'],
        ['Re\u0301duire le de\u0301lai', 'r\u00e9duire-le-d\u00e9lai'],
        ['🚀 Ship v2.0 🎉', 'ship-v2-0'],
        ['👩‍💻 Developer experience', 'developer-experience'],
        ['  Grow   ARR -- fast!!  ', 'grow-arr-fast'],
        ['snake_case title', 'snake-case-title'],
        ['Ελληνικά Κείμενα', 'ελληνικά-κείμενα'],
        ['增长 收入', '增长-收入'],
        ['हिन्दी पाठ', 'हिन्दी-पाठ'],
        ['Arabic-Indic ٣ digits', 'arabic-indic-٣-digits'],
        ['Chapter Ⅻ ½ done', 'chapter-done'],
        ['100% of tickets < 2h', '100-of-tickets-2h'],
      ];
      for (const [title, slug] of cases) {
        const o = single(`## Objective: ${title}`);
        assert.equal(o.id, slug, title);
        assert.equal(o.idExplicit, false, title);
        assert.equal(o.idRange, undefined, title);
      }
    });

    it('an empty slug is field-invalid on the heading, and the objective has no id', () => {
      for (const title of ['🚀🎉 ✨', '—', '!!!', '']) {
        const heading = `## Objective: ${title}`;
        const text = md(...STRATEGIC, heading, '', '- [x] KR: Done');
        const doc = parse(text);
        assert.equal(doc.objectives.length, 1, heading);
        assert.equal(doc.objectives[0]!.id, null, heading);
        deepEqual(codes(doc.problems), ['field-invalid@4'], heading);
        deepEqual(doc.problems[0]!.range, doc.objectives[0]!.headingRange);
        const found = codes(diagnose({ 'okrs/doc.md': text }, 'okrs/doc.md')).filter((c) => c.startsWith('field-invalid'));
        deepEqual(found, ['field-invalid@4'], heading);
      }
    });

    it('a malformed {#…} is field-invalid on the heading', () => {
      for (const id of ['bad id', '', 'a.b', 'ça/va', 'x#y', 'a b c']) {
        const heading = `## Objective: Bad {#${id}}`;
        const text = md(...STRATEGIC, '', heading, '', '- [x] KR: Done');
        const doc = parse(text);
        assert.equal(doc.objectives.length, 1, heading);
        const o = doc.objectives[0]!;
        assert.equal(o.idExplicit, false, heading);
        assert.notEqual(o.id, id, heading);
        const found = doc.problems.filter((p) => p.code === 'field-invalid');
        assert.equal(found.length, 1, heading);
        deepEqual(found[0]!.range, lineRange(text, heading));
        deepEqual(
          codes(diagnose({ 'okrs/doc.md': text }, 'okrs/doc.md')).filter((c) => c.startsWith('field-invalid')),
          ['field-invalid@5'],
          heading,
        );
      }
    });

    it('a valid explicit id gives no problem', () => {
      const text = md(...STRATEGIC, '## Objective: 🚀🎉 {#launch}', '', '- [x] KR: Done');
      deepEqual(parse(text).problems, []);
    });

    it('compares ids case-insensitively', () => {
      const analysis = analyze({ 'a.okr.md': md(...STRATEGIC, '## Objective: Mixed {#Mixed_Case-1}', '- [x] KR: x') });
      assert.equal(analysis.index.objectivesWithId('mixed_case-1').length, 1);
      assert.equal(analysis.index.objectivesWithId('MIXED_CASE-1')[0]!.objective.id, 'Mixed_Case-1');
    });
  });

  describe('sections (SPEC §2)', () => {
    const text = md(
      ...STRATEGIC,
      '# Company OKRs',
      '',
      '## Objective: Alpha {#alpha}',
      '',
      'owner:: Ann',
      '',
      '### Notes',
      '',
      'Some notes.',
      '',
      'status:: dropped',
      '',
      '- KR: After notes [progress:: 10]',
      '',
      '#### Deeper detail',
      '',
      '- KR: Deeper still [progress:: 20]',
      '',
      '## Objective: Beta {#beta}',
      '',
      '- KR: Beta one',
      '',
      '##### O: Gamma {#gamma}',
      '',
      'owner:: Gus',
      '',
      '## Appendix',
      '',
      'owner:: Nobody',
      '',
      '- KR: In the appendix',
      '',
      '### Objective: Delta {#delta}',
      '',
      '- KR: Delta one',
      '',
      '### Summary',
      '',
      'owner:: Summary owner',
      '',
      '- KR: In the summary',
      '',
      '## Objective: Epsilon {#epsilon}',
      '',
      '- KR: Epsilon one',
      '',
      '# Part two',
      '',
      'owner:: Part two owner',
      '- KR: In part two',
    );
    const doc = parse(text);

    it('a subheading that is not an objective does not end the section', () => {
      const alpha = objective(doc, 'alpha');
      deepEqual(fieldsOf(alpha), [
        ['owner', 'Ann'],
        ['status', 'dropped'],
      ]);
      deepEqual(krTitles(alpha), ['After notes', 'Deeper still']);
      deepEqual(alpha.sectionRange, range(lineOf(text, 'Alpha'), 0, lineOf(text, 'Deeper still'), '- KR: Deeper still [progress:: 20]'.length));
    });

    it('the next objective heading ends a section at any depth', () => {
      const beta = objective(doc, 'beta');
      deepEqual(krTitles(beta), ['Beta one']);
      deepEqual(fieldsOf(beta), []);
      deepEqual(beta.sectionRange, range(lineOf(text, 'Beta {#beta}'), 0, lineOf(text, 'Beta one'), '- KR: Beta one'.length));
    });

    it('a heading of the same or smaller depth ends the section', () => {
      const gamma = objective(doc, 'gamma');
      deepEqual(fieldsOf(gamma), [['owner', 'Gus']]);
      deepEqual(gamma.keyResults, []);
      deepEqual(gamma.sectionRange.end, { line: lineOf(text, 'owner:: Gus'), character: 11 });
      const delta = objective(doc, 'delta');
      deepEqual(krTitles(delta), ['Delta one']);
      deepEqual(fieldsOf(delta), []);
      const epsilon = objective(doc, 'epsilon');
      deepEqual(krTitles(epsilon), ['Epsilon one']);
      deepEqual(fieldsOf(epsilon), []);
      deepEqual(epsilon.sectionRange.end, { line: lineOf(text, 'Epsilon one'), character: 17 });
    });

    it('nothing outside sections belongs to an objective', () => {
      deepEqual(titles(doc), ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon']);
      const all = doc.objectives.flatMap((o) => [...krTitles(o), ...o.fields.map((f) => f.value)]);
      for (const stray of ['In the appendix', 'Nobody', 'Summary owner', 'In the summary', 'Part two owner', 'In part two']) {
        assert.ok(!all.includes(stray), stray);
      }
    });

    it('nesting never implies alignment', () => {
      for (const o of doc.objectives) deepEqual(o.references, []);
    });
  });

  describe('fields (SPEC §2)', () => {
    const text = md(
      ...OPERATIONAL,
      '## Objective: Fields {#fields}',
      '',
      'aligns:: [[csat]]',
      'Owner::   Ann Lee   ',
      'custom key:: some value',
      'Not a field line',
      '',
      '- STATUS:: Dropped',
      '- level:: Operational',
      '- Just a note',
      '',
      '- KR: Item [owner:: Kay] ^k',
      '  - cycle:: 2026-12',
      '',
      '  later:: paragraph',
    );
    const doc = parse(text);
    const o = objective(doc, 'fields');

    it('reads key:: value lines and - key:: value items, keys lower-cased, values trimmed', () => {
      deepEqual(fieldsOf(o), [
        ['aligns', '[[csat]]'],
        ['owner', 'Ann Lee'],
        ['custom key', 'some value'],
        ['status', 'Dropped'],
        ['level', 'Operational'],
      ]);
    });

    it('gives each field and its value a range', () => {
      const owner = o.fields[1]!;
      const line = lineOf(text, 'Owner::');
      deepEqual(owner.range, range(line, 0, line, 'Owner::   Ann Lee'.length));
      deepEqual(owner.valueRange, rangeOf(text, 'Ann Lee'));
      const status = o.fields[3]!;
      deepEqual(status.range, rangeOf(text, 'STATUS:: Dropped'));
      deepEqual(status.valueRange, rangeOf(text, 'Dropped'));
    });

    it('fields inside key results are not objective fields', () => {
      deepEqual(fieldsOf(o.keyResults[0]!), [['owner', 'Kay']]);
      assert.ok(!o.fields.some((f) => f.key === 'cycle' || f.key === 'later'));
    });

    it('keys and the values of level and status are case-insensitive', () => {
      const analysis = analyze({ 'okrs/doc.md': text });
      const settings = analysis.settings({ document: analysis.index.get('okrs/doc.md')!, objective: analysis.index.get('okrs/doc.md')!.objectives[0]! });
      assert.equal(settings.status, 'dropped');
      assert.equal(settings.level, 'operational');
      assert.equal(settings.owner, 'Ann Lee');
      assert.equal(settings.cycle?.label, '2026-11');
      deepEqual(codes(analysis.diagnostics(analysis.index.get('okrs/doc.md')!)).filter((c) => c.startsWith('field-invalid')), []);
    });

    it('a key:: value line in a code block or inline code is not a field', () => {
      const doc = parse(md(...STRATEGIC, '## Objective: A {#a}', '', '```', 'owner:: Code block', '```', '', '    owner:: Indented code', '', '`owner:: inline`', '', 'owner:: Real'));
      deepEqual(fieldsOf(doc.objectives[0]!), [['owner', 'Real']]);
    });

    it('a blank line between heading and fields is fine, and so is none', () => {
      const spaced = parse(md(...OPERATIONAL, '## Objective: A {#a}', '', '', 'owner:: Ann', 'aligns:: [[csat]]'));
      const tight = parse(md(...OPERATIONAL, '## Objective: A {#a}', 'owner:: Ann', 'aligns:: [[csat]]'));
      deepEqual(fieldsOf(spaced.objectives[0]!), [
        ['owner', 'Ann'],
        ['aligns', '[[csat]]'],
      ]);
      deepEqual(fieldsOf(tight.objectives[0]!), fieldsOf(spaced.objectives[0]!));
      deepEqual(tight.objectives[0]!.references.map((r) => r.target), ['csat']);
    });

    it('a single-valued field written twice keeps its first value; the repetition is field-invalid', () => {
      const twice = md(...STRATEGIC, '## Objective: A {#a}', '', 'owner:: First', 'owner:: Second', '- [x] KR: x');
      const analysis = analyze({ 'a.md': twice });
      const document = analysis.index.get('a.md')!;
      assert.equal(analysis.settings({ document, objective: document.objectives[0]! }).owner, 'First');
      deepEqual(
        codes(analysis.diagnostics(document)).filter((c) => c.startsWith('field-invalid')),
        ['field-invalid@7'],
      );
    });
  });

  describe('inline code and HTML', () => {
    it('reads no field, block id or reference inside backticks or raw HTML', () => {
      const text = md(
        ...OPERATIONAL,
        '## Objective: Code {#code}',
        '',
        'aligns:: [[csat]] `[[ignored]]` <!-- [[also-ignored]] -->',
        '',
        '- KR: Write `[target:: 5]` docs [progress:: 40] `^not-an-id`',
        '- KR: Other `[current:: 1]` ^real',
      );
      const o = objective(parse(text), 'code');
      deepEqual(
        o.references.map((r) => r.text),
        ['[[csat]]'],
      );
      deepEqual(fieldsOf(o.keyResults[0]!), [['progress', '40']]);
      assert.equal(o.keyResults[0]!.id, null);
      deepEqual(fieldsOf(o.keyResults[1]!), []);
      assert.equal(o.keyResults[1]!.id, 'real');
    });
  });

  describe('key results (SPEC §3)', () => {
    const text = md(
      ...STRATEGIC,
      '## Objective: KRs {#krs}',
      '',
      '- KR: Plain',
      '- [ ] KR: Open box',
      '- [x] KR: Done lower',
      '- [X] KR: Done upper',
      '- [-] KR: Cancelled',
      '- KR1: Numbered',
      '- KR 1.2: Dotted',
      '- Key result: Long form',
      '- key RESULT 3: Mixed case',
      '- kr: lower',
      '- **KR:** Emphasised',
      '- Not a key result',
      '  - KR: Nested under a plain item',
      '- KR: Parent',
      '  - KR: Nested under a key result',
      '- Key results: plural is not a prefix',
      '- KRA: not one',
      '- Status: KR: not at the start',
      '',
      '* KR: Star list',
      '',
      '1. KR: Ordered list',
      '2. [x] KR: Ordered and checked',
      '',
      '> - KR: In a block quote',
    );
    const o = objective(parse(text), 'krs');

    it('only top-level list items with a KR prefix are key results', () => {
      deepEqual(krTitles(o), [
        'Plain',
        'Open box',
        'Done lower',
        'Done upper',
        'Cancelled',
        'Numbered',
        'Dotted',
        'Long form',
        'Mixed case',
        'lower',
        'Emphasised',
        'Parent',
        'Star list',
        'Ordered list',
        'Ordered and checked',
      ]);
    });

    it('reads the checkbox: [ ] open, [x] and [X] done, [-] cancelled, none null', () => {
      deepEqual(
        o.keyResults.slice(0, 6).map((kr) => kr.checkbox),
        [null, 'open', 'done', 'done', 'cancelled', null],
      );
      assert.equal(o.keyResults[14]!.checkbox, 'done');
    });

    it('nested items are notes: they set no fields', () => {
      const doc = parse(
        md(
          ...STRATEGIC,
          '## Objective: Notes {#notes}',
          '',
          '- KR: Revenue [target:: 10] ^rev',
          '  - [current:: 5] said the note',
          '  - KR: Sub [target:: 3]',
          '',
          '  A later paragraph [current:: 7] ^later',
        ),
      );
      const kr = objective(doc, 'notes').keyResults;
      assert.equal(kr.length, 1);
      deepEqual(fieldsOf(kr[0]!), [['target', '10']]);
      assert.equal(kr[0]!.id, 'rev');
      deepEqual(kr[0]!.range, range(6, 0, 6, '- KR: Revenue [target:: 10] ^rev'.length));
    });
  });

  describe('key-result ids and titles (SPEC §3)', () => {
    const lines = [
      '- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps',
      '- KR: Trailing spaces ^trail   ',
      '- KR: Caret ^inside the title',
      '- KR: Power x^2 growth',
      '- KR: Glued^glued',
      '- KR: Dotted ^a.b',
      '- KR: Id on the next line [target:: 3]',
      '  ^next-line',
      '- KR: Underscore and digits ^kr_1-B',
      '- [x] KR: Launch the customer advisory board ^cab',
      '- KR: Two ids ^one ^two',
      '- KR: ^first-token only',
      '- KR: No fields, no id',
    ];
    const text = md(...STRATEGIC, '## Objective: Ids {#ids}', '', ...lines);
    const krs = objective(parse(text), 'ids').keyResults;

    it('^id is the last token after whitespace; anywhere else ^x is title text', () => {
      deepEqual(
        krs.map((kr) => kr.id),
        ['nps', 'trail', null, null, null, null, 'next-line', 'kr_1-B', 'cab', 'two', null, null],
      );
      deepEqual(krs.map((kr) => kr.title), [
        'Raise NPS',
        'Trailing spaces',
        'Caret ^inside the title',
        'Power x^2 growth',
        'Glued^glued',
        'Dotted ^a.b',
        'Id on the next line',
        'Underscore and digits',
        'Launch the customer advisory board',
        'Two ids ^one',
        '^first-token only',
        'No fields, no id',
      ]);
    });

    it('gives the id its range, including on a continuation line', () => {
      deepEqual(krs[0]!.idRange, rangeOf(text, '^nps'));
      deepEqual(krs[1]!.idRange, rangeOf(text, '^trail'));
      deepEqual(krs[6]!.idRange, rangeOf(text, '^next-line'));
      deepEqual(krs[6]!.range, range(lineOf(text, 'Id on the next line'), 0, lineOf(text, '^next-line'), 12));
      assert.equal(krs[2]!.idRange, undefined);
    });

    it('reads bracket fields with their ranges; the title keeps neither fields nor id', () => {
      const nps = krs[0]!;
      deepEqual(fieldsOf(nps), [
        ['start', '32'],
        ['target', '45'],
        ['current', '38'],
      ]);
      const line = lines[0]!;
      for (const [i, written, value] of [
        [0, '[start:: 32]', '32'],
        [1, '[target:: 45]', '45'],
        [2, '[current:: 38]', '38'],
      ] as const) {
        const at = line.indexOf(written);
        deepEqual(nps.fields[i]!.range, range(6, at, 6, at + written.length));
        const valueAt = at + written.indexOf(value);
        deepEqual(nps.fields[i]!.valueRange, range(6, valueAt, 6, valueAt + value.length));
      }
      deepEqual(nps.range, range(6, 0, 6, line.length));
    });

    it('reads every field key, case-insensitively, wherever it sits in the first paragraph', () => {
      const doc = parse(
        md(
          ...STRATEGIC,
          '## Objective: F {#f}',
          '- [ ] KR: Cut [Start:: 5h] time [TARGET:: 2h]  [current::3.5h] by [weight:: 2] [progress:: 50%] [owner:: Ops team] ^cut',
        ),
      );
      const kr = objective(doc, 'f').keyResults[0]!;
      deepEqual(fieldsOf(kr), [
        ['start', '5h'],
        ['target', '2h'],
        ['current', '3.5h'],
        ['weight', '2'],
        ['progress', '50%'],
        ['owner', 'Ops team'],
      ]);
      assert.equal(kr.title, 'Cut time by');
      assert.equal(kr.id, 'cut');
      assert.equal(kr.checkbox, 'open');
    });
  });

  describe('alignment references (SPEC §5 syntax)', () => {
    const first = 'aligns:: [[csat#nps]], [[csat|Customer sat]]  [[company-q4#^nps]], [[csat#nps|NPS#1|x]]';
    const second =
      '- aligns:: [[company-q4#Enhance customer satisfaction]] [[csat|a#b]] [sat](../2026-Q4/company%20q4.md#csat) [Team](team.md) bare-text, csat';
    const text = md(...OPERATIONAL, '## Objective: Refs {#refs}', first, second);
    const refs = objective(parse(text, 'okrs/2026-11/refs.md'), 'refs').references;

    it('finds every reference in every aligns field, in order, with its form, target and fragment', () => {
      deepEqual(
        refs.map((r) => [r.form, r.text, r.target, r.fragment, r.blockRef]),
        [
          ['wikilink', '[[csat#nps]]', 'csat', 'nps', false],
          ['wikilink', '[[csat|Customer sat]]', 'csat', undefined, false],
          ['wikilink', '[[company-q4#^nps]]', 'company-q4', 'nps', true],
          ['wikilink', '[[csat#nps|NPS#1|x]]', 'csat', 'nps', false],
          ['wikilink', '[[company-q4#Enhance customer satisfaction]]', 'company-q4', 'Enhance customer satisfaction', false],
          ['wikilink', '[[csat|a#b]]', 'csat', undefined, false],
          ['markdown', '[sat](../2026-Q4/company%20q4.md#csat)', '../2026-Q4/company q4.md', 'csat', false],
          ['markdown', '[Team](team.md)', 'team.md', undefined, false],
          ['text', 'bare-text', 'bare-text', undefined, false],
          ['text', 'csat', 'csat', undefined, false],
        ],
      );
    });

    it('gives each reference its exact range', () => {
      deepEqual(refs[0]!.range, range(5, 9, 5, 21));
      deepEqual(refs[1]!.range, range(5, 23, 5, 44));
      for (const [i, line] of [
        [0, first],
        [1, first],
        [2, first],
        [3, first],
        [4, second],
        [5, second],
        [6, second],
        [7, second],
        [8, second],
      ] as const) {
        const written = refs[i]!.text;
        deepEqual(refs[i]!.range, rangeOf(text, written, line));
      }
      // The bare `csat` at the end, not the `csat` inside an earlier link.
      deepEqual(refs[9]!.range, range(6, second.length - 4, 6, second.length));
    });

    it('resolves a markdown link relative to the document, percent-decoded', () => {
      const files = {
        'okrs/2026-Q4/company q4.md': md(...STRATEGIC, '## Objective: Customers {#csat}', '- KR: NPS [target:: 45] ^nps'),
        'okrs/2026-11/ops.md': md(
          ...OPERATIONAL,
          '## Objective: Ops {#ops}',
          'aligns:: [sat](../2026-Q4/company%20q4.md#csat) [nps](../2026-Q4/company%20q4.md#nps) [[company q4#^nps]]',
          '- [x] KR: Done',
        ),
      };
      const analysis = analyze(files);
      const document = analysis.index.get('okrs/2026-11/ops.md')!;
      const resolved = analysis.references({ document, objective: document.objectives[0]! });
      deepEqual(
        resolved.map((r) => (r.resolution.ok ? `${r.resolution.target.kind}:${r.resolution.target.node.objective.id}` : 'unresolved')),
        ['objective:csat', 'keyResult:csat', 'keyResult:csat'],
      );
      deepEqual(diagnose(files, 'okrs/2026-11/ops.md'), []);
    });
  });

  describe('positions (SPEC §8: UTF-16 code units, CRLF, BOM)', () => {
    it('counts astral characters (emoji) as two code units before a reference', () => {
      const text = md(...OPERATIONAL, '## Objective: 🚀 Launch 🎉 {#launch}', '- aligns:: [[csat|🚀 rocket]] [[csat#nps]]', '- KR: 🚀🚀 go ^go');
      const o = objective(parse(text), 'launch');
      assert.equal(o.title, '🚀 Launch 🎉');
      deepEqual(o.idRange, range(4, 27, 4, 36));
      deepEqual(
        o.references.map((r) => r.range),
        [range(5, 11, 5, 29), range(5, 30, 5, 42)],
      );
      deepEqual(o.keyResults[0]!.idRange, range(6, 14, 6, 17));
      assert.equal(o.keyResults[0]!.title, '🚀🚀 go');
    });

    it('reports diagnostics after emoji at UTF-16 columns', () => {
      const files = {
        'okrs/company.md': md(...STRATEGIC, '## Objective: Customers {#csat}', '- KR: NPS [target:: 45] ^nps'),
        'okrs/ops.md': md(...OPERATIONAL, '## Objective: Ops {#ops}', 'aligns:: [[csat|🎯]] [[nöpe]]', '- [x] KR: Done'),
      };
      const diagnostics = diagnose(files, 'okrs/ops.md');
      deepEqual(codes(diagnostics), ['align-unresolved@5']);
      deepEqual(diagnostics[0]!.range, range(5, 21, 5, 29));
    });

    const rich = md(
      ...STRATEGIC,
      '# Company',
      '',
      '## Objective: Enhance customer satisfaction {#csat}',
      '',
      'owner:: Ann',
      '- status:: active',
      '',
      '- KR: Raise NPS  [start:: 32]  [target:: 45]  [current:: 38] ^nps',
      '- [x] KR: Launch ^cab',
      '  - a note',
      '- KR: Continued [target:: 3]',
      '  ^cont',
      '',
      'Objective: Setext {#setext}',
      '---',
      'aligns:: [[csat#nps]], [Link](other.md#x) bare',
      '',
      '- [-] KR: Dropped [progress:: 150]',
      '- KR: Bad [weight:: 0] [target:: x]',
      '',
      '### Objective: 🚀 {#rocket}',
      '## Objective: 🎉',
    );

    it('a CRLF file gives the same lines and characters as its LF twin', () => {
      const crlf = rich.replace(/\n/g, '\r\n');
      assert.ok(crlf.includes('\r\n'));
      const a = parse(rich);
      const b = parse(crlf);
      assert.equal(b.objectives.length, 4);
      deepEqual(b.objectives, a.objectives);
      deepEqual(b.frontmatter, a.frontmatter);
      deepEqual(b.problems, a.problems);
      assert.equal(b.lineCount, a.lineCount);
      deepEqual(diagnose({ 'okrs/doc.md': crlf }, 'okrs/doc.md'), diagnose({ 'okrs/doc.md': rich }, 'okrs/doc.md'));
      for (const o of b.objectives) {
        for (const f of [...o.fields, ...o.keyResults.flatMap((kr) => kr.fields)]) assert.ok(!f.value.includes('\r'), f.value);
      }
    });

    it('a leading BOM does not shift columns', () => {
      const a = parse(rich);
      const b = parse(`\uFEFF${rich}`);
      assert.equal(b.isOkr, true);
      assert.equal(b.frontmatter.okr?.value, 'strategic');
      deepEqual(b.objectives, a.objectives);
      deepEqual(b.frontmatter, a.frontmatter);
      deepEqual(b.problems, a.problems);
      const first = parse('\uFEFF# Objective: First {#first}\n', 'first.okr.md');
      deepEqual(first.objectives[0]!.headingRange, range(0, 0, 0, 27));
      deepEqual(first.objectives[0]!.idRange, range(0, 19, 0, 27));
      deepEqual(parse(`\uFEFF${rich.replace(/\n/g, '\r\n')}`).objectives, a.objectives);
      deepEqual(
        diagnose({ 'okrs/doc.md': `\uFEFF${rich}` }, 'okrs/doc.md'),
        diagnose({ 'okrs/doc.md': rich }, 'okrs/doc.md'),
      );
    });
  });

  describe('garbage', () => {
    /** Deterministic pseudo-random text over characters that markdown and the parser care about. */
    function noise(seed: number, length: number): string {
      const alphabet = [
        ...'#[]{}()^:-*>|`~!_=+.,;/\\<>"\'$€%0123456789 \t',
        '\n', '\n', '\r\n', '\r', '::', '[[', ']]', '{#', '- ', '> ', '## ', 'Objective: ', 'KR: ', '[x] ', '[-] ',
        'okr: ', '---', 'aligns:: ', '[target:: ', '^', '🚀', '\uD800', '\uDC00', '\u0000', '\uFEFF', 'é', 'e\u0301',
      ];
      let state = seed >>> 0 || 1;
      const parts: string[] = [];
      let size = 0;
      while (size < length) {
        state ^= state << 13;
        state >>>= 0;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        const piece = alphabet[state % alphabet.length]!;
        parts.push(piece);
        size += piece.length;
      }
      return parts.join('');
    }

    const samples: string[] = [
      '',
      '\n',
      '\u0000\u0001\u0002\uFFFF',
      '\uFEFF',
      '---',
      '---\n',
      '---\nokr: [\n',
      '---\nokr: strategic\ncycle: [2026\n---\n## Objective:',
      '## Objective:',
      '## Objective: {#}',
      '## O: x\naligns::',
      '## O: x\naligns:: [[',
      '## O: x\naligns:: ]]]][[[[#^|',
      '## O: x\n- KR: ^',
      '- KR: [::] [[::]] [a::b',
      '>'.repeat(500) + ' ## Objective: deep',
      '- '.repeat(300) + 'KR: deep',
      '## O: x\n' + '['.repeat(5000),
      '## O: x\naligns:: ' + '[['.repeat(1000) + ']]'.repeat(1000),
      '## O: x\naligns:: ' + '[a]('.repeat(2000),
      '## O: x\n- KR: y ' + '[target:: 1] '.repeat(2000) + '^z',
      '## O: x\n' + 'owner:: x\n'.repeat(1000),
      '`'.repeat(5000),
      '\r'.repeat(1000) + '## Objective: after CRs',
      '\uD83D## Objective: lone surrogate {#a\uDE80}',
    ];
    for (let seed = 1; seed <= 40; seed++) samples.push(noise(seed * 7919, 1000));

    function checkDocument(text: string): void {
      const lineCount = text.split(/\r\n|\r|\n/).length;
      let doc: OkrDocument | undefined;
      assert.doesNotThrow(() => {
        doc = parseDocument('garbage.okr.md', text);
      }, JSON.stringify(text.slice(0, 80)));
      assert.ok(doc);
      assert.equal(doc.isOkr, true);
      const within = (r: Range) =>
        r.start.line >= 0 && r.end.line < lineCount && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
      for (const o of doc.objectives) {
        assert.ok(within(o.headingRange));
        assert.ok(within(o.sectionRange));
        for (const kr of o.keyResults) assert.ok(within(kr.range));
        for (const ref of o.references) assert.ok(within(ref.range));
      }
      let diagnostics: ReturnType<typeof diagnose> = [];
      assert.doesNotThrow(() => {
        diagnostics = diagnose({ 'garbage.okr.md': text }, 'garbage.okr.md');
      });
      for (const d of diagnostics) assert.ok(within(d.range), `${d.code} ${JSON.stringify(d.range)}`);
    }

    it('a document with nothing but garbage never throws, and every range stays inside it', () => {
      for (const text of samples) checkDocument(text);
    });

    it('noise without headings has no objectives', () => {
      const doc = parse('\u0000{{#}}[[[]]] ::: ^^^ **__ ``` \n> > > - - [x]\n\t|a|b|\n|-|-|\n', 'noise.okr.md');
      deepEqual(doc.objectives, []);
    });
  });
});
