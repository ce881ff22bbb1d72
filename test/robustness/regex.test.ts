// Issue 7: every regular expression run on document or config text is linear on
// adversarial input. Each regex of server/src that reads such text is fed 100,000-character
// strings built against it (long runs of spaces, `[`, `::`, digits, `#`, `{#`, …) through
// the public function that applies it, and must take less than 64 times as long on it as
// on the same string of 6,250 characters (test/unit/growth.ts: a linear regex takes about 16
// times as long, a quadratic one 256 times, and tens of seconds here).
//
// The audit (every regex literal of server/src, found with the TypeScript scanner):
//
// | file | regexes on document/config text | reached through |
// |---|---|---|
// | okr/parse.ts | OBJECTIVE_PREFIX, KEY_RESULT_PREFIX, TRAILING_ID, CHECKBOX, FIELD_KEY, BRACKET_FIELD, BLOCK_ID, attribute tokens, title clean-up | parseDocument |
// | okr/frontmatter.ts | FENCE, line breaks, OKR_LINE, lone \r, YAML message clean-up | findFrontmatter, looksLikeOkrDocument, parseDocument |
// | okr/markdown.ts | line breaks | parseDocument (fields) |
// | okr/complexity.ts | CONTAINER_MARKER, NEW_PARAGRAPH | parseDocument |
// | okr/parse/mdx.ts | FENCE, ESM_START, line breaks | maskMdxSyntax (growth checked in test/unit/mdx.test.ts) |
// | okr/references.ts | LINK, whitespace, SEPARATORS | parseReferences |
// | okr/values.ts | QUANTITY, thousands commas, currency | parseQuantity, evaluateMeasure, parseWeight |
// | okr/cycles.ts | YEAR … BAD_YEAR, ISO day, label spaces | parseCycle, parseIsoDay, describeCycle |
// | okr/ids.ts | ID_PATTERN, slug runs, slug trim | isValidId, slugify |
// | okr/resolve.ts | title key, heading prefix, URL scheme | resolveReference |
// | okr/workspaceIndex.ts | `.okr.md` suffix, `./` prefix | documentNames, documentNameKey |
// | okr/format.ts | markdown escapes, backtick runs, line breaks | escapeMarkdown, codeSpan |
// | features/completion.ts | KEY_RESULT_LINE, okr:, cycle:, cycle::, `[`, aligns:: | completion |
// | features/rename.ts | `{#…}`, `^` | renameEdits |
//
// Not on document text: cli/main.ts (arguments, error messages), cli/formats/sarif.ts and
// server.ts and fs/files.ts (file paths, error messages), documentSymbols.ts (the client's
// query, one \s+ run). Of all of them only ids.ts's slug trim /^-+|-+$/g is quadratic on
// its own (a run of "-" not at the end), and slugify never gives it one: the step before
// turns every run of non-letters into a single "-" (tested below). micromark (remark) is
// not tested here: documents are built to keep it linear (and within the complexity limits,
// so that they are parsed and our regexes run).
import assert from 'node:assert/strict';
import type { FeatureContext } from '../../server/src/features/context.ts';
import { completion } from '../../server/src/features/completion.ts';
import { renameEdits } from '../../server/src/features/rename.ts';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { describeCycle, parseCycle } from '../../server/src/okr/model/cycles.ts';
import { codeSpan, escapeMarkdown } from '../../server/src/okr/report/format.ts';
import { findFrontmatter, looksLikeOkrDocument } from '../../server/src/okr/parse/frontmatter.ts';
import { idKey, isValidId, slugify } from '../../server/src/okr/model/ids.ts';
import type { OkrDocument, Reference } from '../../server/src/okr/model/model.ts';
import { parseMarkdown } from '../../server/src/okr/parse/markdown.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { parseReferences } from '../../server/src/okr/parse/references.ts';
import { resolveReference } from '../../server/src/okr/workspace/resolve.ts';
import { LineIndex } from '../../server/src/okr/model/text.ts';
import { evaluateMeasure, parseQuantity, parseWeight } from '../../server/src/okr/model/values.ts';
import { documentNameKey, documentNames, resolveLinkPath, WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';
import { assertEachGrowsLinearly, assertWithinFactorOf, type GrowthCase } from '../unit/growth.ts';

const N = 100_000;
const TODAY = parseIsoDay('2026-11-25')!;

/** `unit` repeated to exactly `length` characters. */
function run(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

interface Case {
  name: string;
  input: string;
  /** Applies our code to the input; may check the result. */
  apply: (input: string) => unknown;
}

/** Cases built for inputs of about n characters (N is checked, N / 16 compared with). */
type Cases = (n: number) => Case[];

/** Runs of one character or pair, of n characters: whatever a regex repeats, one of them feeds it. */
const GENERIC = (n: number): Record<string, string> => Object.fromEntries(
  [' ', '\t', '\n', '\r', '1', 'a', 'é', '-', '_', '.', ',', ':', '#', '^', '[', ']', '(', ')', '{', '}', '<', '`', '%', '$', '|', '\\', ' 1', 'a ', '1.', '1,', '[[', ']]', '::', '{#', '](']
    .map((unit) => [`generic ${JSON.stringify(unit)} run`, run(unit, n) + '!']),
);

/** Third-party work a case's call includes, when it does, given the input and the result. */
type Baseline = (input: string, result: unknown) => GrowthCase['reference'];

/**
 * Applies every case to its input of N characters (`apply` may check the result), then
 * checks that each grows linearly: on N characters it takes less than 64 times as long as on
 * N / 16 (test/unit/growth.ts; a call cheaper than one pass over its input is let through).
 * When it does not, but `baseline` names third-party work its call includes, the call may
 * take up to a few times as long as that work on the same input.
 */
function linear(all: Cases[], baseline?: Baseline): void {
  const at = (n: number) => all.flatMap((cases) => cases(n));
  const references = at(N).map(({ input, apply }) => baseline?.(input, apply(input)));
  assertEachGrowsLinearly('6,250 → 100,000 characters', (n) => at(n).map(({ name, input, apply }, i) => ({
    name: `${apply.name || 'apply'} on ${name}`,
    input,
    call: () => apply(input),
    reference: n === N ? references[i] : undefined,
  })), { size: N / 16, factor: 16 });
}

/** The cases of `inputs(n)`, and the generic runs, for one function. */
function cases(apply: (input: string) => unknown, inputs: (n: number) => Record<string, string>, generic = true): Cases {
  return (n) => Object.entries({ ...inputs(n), ...(generic ? GENERIC(n) : {}) }).map(([name, input]) => ({ name, input, apply }));
}

const STRATEGIC = '---\nokr: strategic\ncycle: 2026-Q4\nowner: Me\n---\n';

/**
 * micromark on a document that parseDocument gave to it (not refused, an OKR document): it
 * is superlinear on some shapes (7 times as long for 4 times the lines of one key result).
 */
const micromark: Baseline = (text, result) => {
  const document = result as OkrDocument;
  const refused = document.problems.some((p) => p.code === ('document-too-complex' as string));
  return document.isOkr && !refused ? { what: 'micromark on the same text', call: () => parseMarkdown(text), maxRatio: 3 } : undefined;
};

/** Parses a document and checks that it was analysed (not refused as too complex), so our regexes ran. */
function parsed(text: string): OkrDocument {
  const document = parseDocument('doc.md', text);
  const refused = document.problems.find((p) => p.code === ('document-too-complex' as string));
  assert.equal(refused, undefined, `the document was parsed: ${refused?.message}`);
  return document;
}

describe('regexes are linear on 100,000-character adversarial input', function () {
  this.timeout(300_000); // a guard against a hang: time is checked as growth

  it('references.ts: parseReferences (wikilinks, markdown links, separators)', () => {
    const apply = (value: string) => parseReferences(value, 0, new LineIndex(value));
    linear([
      cases(apply, (n) => ({
        '[ run': run('[', n),
        '[[ run': run('[[', n),
        '] run': run(']', n),
        ']] run': run(']]', n),
        '[a run': run('[a', n),
        '[[a run': run('[[a', n),
        'unclosed [': '[' + run('a', n - 1),
        'unclosed [[ with one ]': '[[' + run('a', n - 3) + ']',
        '[x]( run': run('[x](', n),
        '[x]( then spaces': '[x](' + run(' ', n - 5) + ')',
        '[x]( then spaces, unclosed': '[x](' + run(' ', n - 4),
        '[x](< then text': '[x](<' + run('a', n - 6) + ')',
        '[x]( then % run': '[x](' + run('%', n - 5) + ')',
        '[x]( then %E run': '[x](' + run('%E', n - 5) + ')',
        '[x](a# then ^ run': '[x](a#' + run('^', n - 7) + ')',
        '[x](a then spaces and a title': '[x](a' + run(' "t"', n - 6) + ')',
        '[[ # run ]]': '[[' + run('#', n - 4) + ']]',
        '[[ | run ]]': '[[' + run('|', n - 4) + ']]',
        '[[ spaces ]]': '[[' + run(' ', n - 4) + ']]',
        '[[a#^ run': run('[[a#^', n),
        'spaces': run(' ', n),
        'commas': run(',', n),
        'separators': run(', ;\t', n),
        'words': run('a ', n),
        'one word': run('a', n),
        ':: run': run('::', n),
        ']( run': run('](', n),
        '[]( run': run('[](', n),
        '[a]]( run': run('[a]](', n),
        'backslash-[ run': run('\\[', n),
        'mixed': run('[[a|b#^c]] [d](e#f) g, ', n),
      })),
    ]);
    assert.equal(apply(run('a ', N)).length, N / 2, 'every word is a reference');
  });

  it('values.ts: parseQuantity, parseWeight, evaluateMeasure', () => {
    const inputs = (n: number): Record<string, string> => ({
      'digits then junk': run('1', n - 2) + 'x!',
      '1, run': run('1,', n),
      'thousands then a short group': '1' + run(',111', n - 4) + ',11',
      'thousands then junk': '-$1' + run(',000', n - 6) + 'x!',
      'spaces before the unit': '1' + run(' ', n - 3) + 'x!',
      'spaces then %%': '1' + run(' ', n - 3) + '%%',
      'decimals then junk': '1.' + run('1', n - 3) + '!',
      '1. run': run('1.', n),
      'letters between digits': '1' + run('a', n - 2) + '1',
      'é unit then junk': '1' + run('é', n - 2) + '!',
      'minus run': run('-', n),
      'currency run': run('$', n) + '1',
      'padded': run(' ', n / 2) + '1' + run(' ', n / 2 - 1),
      'whitespace run': '1' + run('\t \n', n - 3) + '%%',
      '% run': run('%', n),
    });
    const evaluateMeasureOf = (text: string) => evaluateMeasure({ start: text, current: text, target: text, progress: text });
    linear([cases(parseQuantity, inputs), cases(parseWeight, inputs), cases(evaluateMeasureOf, inputs)]);
    // A number of 100,000 digits is read with V8's BigInt, itself superlinear (about 7.5
    // times as long for 4 times the digits): measured against it instead, on the same digits.
    const digits = run('1', N);
    for (const apply of [parseQuantity, parseWeight, evaluateMeasureOf]) {
      assertWithinFactorOf(`${apply.name} on 100,000 digits, against BigInt() of them`, () => apply(digits), () => BigInt(digits), 20);
    }
    const long = evaluateMeasure({ target: run('x', N) }).problem!.message;
    assert.ok(long.length < 200, `a message quotes a long value cut short: ${long.length} characters`);
  });

  it('cycles.ts: parseCycle, parseIsoDay, describeCycle', () => {
    const inputs = (n: number): Record<string, string> => ({
      'digits': run('1', n),
      'years': run('2026', n),
      'year then digits': '2026-' + run('1', n - 5),
      'quarter digits': '2026-Q' + run('1', n - 6),
      'week digits': '2026-W' + run('1', n - 6),
      'date digits': '2026-11-' + run('1', n - 8),
      'fiscal digits': 'FY' + run('1', n - 2),
      'fiscal quarter digits': 'FY2026-Q' + run('1', n - 8),
      '.. run': run('..', n),
      '- run': run('-', n),
      'W run': run('W', n),
      'spaces around ..': '2026-W47' + run(' ', n - 18) + '..2026-W48',
      'padded': run(' ', n / 2) + '2026' + run(' ', n / 2 - 4),
      '2026-1 run': run('2026-1', n),
      'FY run': run('FY', n),
    });
    linear([
      cases(function parseFiscalCycle(text) {
        return parseCycle(text, 4);
      }, inputs),
      cases(parseIsoDay, inputs),
    ]);
    const wide = (n: number) => {
      const cycle = parseCycle('2026-W47' + run(' ', n - 18) + '..2026-W48');
      assert.ok(cycle.ok);
      return cycle.cycle;
    };
    linear([(n) => [{ name: 'a label with a long space run', input: '', apply: function describeCycleOf() {
      return describeCycle(wide(n));
    } }]]);
  });

  it('ids.ts: slugify, isValidId, idKey (the slug trim never sees a run of "-")', () => {
    const inputs = (n: number): Record<string, string> => ({
      '- run then !': run('-', n - 1) + '!',
      '- run then a': run('-', n - 1) + 'a',
      'a- run': run('a-', n),
      '-a run then !': run('-a', n - 1) + '!',
      'spaces then a': run(' ', n - 1) + 'a',
      'marks': run('\u0301', n - 2) + '-!',
      'é run': run('é', n),
      '[ run': run('[', n),
      '_- run': run('_-', n),
    });
    linear([cases(slugify, inputs), cases(isValidId, inputs), cases(idKey, inputs)]);
    assert.equal(slugify(run('-', N - 1) + 'a'), 'a');
  });

  it('format.ts: escapeMarkdown, codeSpan', () => {
    const inputs = (n: number): Record<string, string> => ({
      'backticks': run('`', n),
      '`a run': run('`a', n),
      'line breaks': run('\n', n),
      'CRLF': run('\r\n', n),
      '< run': run('<', n),
      'every escaped character': run('\\`*_{}[]()<>#+!|~&', n),
      'link syntax': run('[x](command:a) ', n),
    });
    linear([cases(escapeMarkdown, inputs), cases(codeSpan, inputs)]);
  });

  it('frontmatter.ts: findFrontmatter, looksLikeOkrDocument', () => {
    const inputs = (n: number): Record<string, string> => ({
      'fence then spaces': '---' + run(' ', n - 4) + '\n',
      'okr then spaces': '---\nokr' + run(' ', n - 8) + 'x',
      'okr then blanks': '---\n' + run('okr \t', n),
      'lone CRs': run('\r', n),
      'CRLFs': '---' + run('\r\n', n - 3),
      '--- lines': run('---\n', n),
      'okr: lines': '---\n' + run('okr:\n', n),
      'unclosed': '---\nokr: strategic\n' + run('a: b\n', n - 20),
    });
    linear([cases(findFrontmatter, inputs), cases(function looksLikeOkr(text) {
      return looksLikeOkrDocument('doc.md', text);
    }, inputs)]);
  });

  it('parse.ts (with frontmatter.ts, markdown.ts and complexity.ts): parseDocument on headings', () => {
    const heading = (text: string) => STRATEGIC + text + '\n';
    linear([
      cases(parsed, (n) => ({
        'Objective then spaces, no colon': heading('## Objective' + run(' ', n) + 'x'),
        'O then spaces then colon': heading('## O' + run(' ', n) + ': t'),
        'O1 then .1 run': heading('## O1' + run('.1', n) + 'x'),
        'O 1 then .1 run then colon': heading('## O 1' + run('.1', n) + ' : t'),
        'O then digit-space run': heading('## O' + run(' 1', n) + 'x'),
        '{# run': heading('## Objective: t ' + run('{#', n)),
        '{#} then spaces': heading('## Objective: t {#}' + run(' ', n) + 'x'),
        '{#}{# run': heading('## Objective: t ' + run('{#}', n)),
        'class attributes': heading('## Objective: t {#a' + run(' .b', n) + '}'),
        'key=value attributes': heading('## Objective: t {#a' + run(' k=v', n) + '}'),
        'a long id': heading('## Objective: t {#' + run('a', n) + '}'),
        'an id of spaces': heading('## Objective: t {#' + run(' ', n) + '}'),
        'a title of blanks': heading('## Objective: ' + run('a \t', n)),
        '# run': heading('## Objective: t ' + run('#', n)),
        'setext heading of many lines': STRATEGIC + run('Objective: a\n', n) + '===\n',
        'closing #s': heading('## Objective: t' + run(' #', n)),
      }), false),
    ], micromark);
  });

  it('parse.ts: parseDocument on key results and fields', () => {
    const section = (text: string) => STRATEGIC + '## Objective: t {#t}\n\n' + text + '\n';
    /** `count` copies of `make()` for N characters, proportionally fewer for n. */
    const many = (n: number, count: number, make: (i: number) => string) => Array.from({ length: (count * n) / N }, (_, i) => make(i));
    linear([
      cases(parsed, (n) => ({
        'KR then spaces': section('- KR' + run(' ', n) + 'x'),
        'KR 1 then .1 run': section('- KR 1' + run('.1', n) + 'x'),
        'checkbox then spaces': section('- [ ]' + run(' ', n) + 'KR: x'),
        '^id run': section('- KR: t' + run(' ^a', n) + ' ^end'),
        '^ run': section('- KR: t ' + run('^', n)),
        'bracket then colons': section('- KR: t [' + run(':', n) + ']'),
        'bracket field unclosed, spaces': section('- KR: t [a::' + run(' ', n)),
        'bracket then letters, unclosed': section('- KR: t [' + run('a', n) + '::'),
        '2,400 bracket fields': section('- KR: t ' + many(n, 2400, () => `[a:: ${run('b', 34)}]`).join('')),
        ':: run in a key result': section('- KR: ' + run('::', n)),
        'a field of colons': section('note:: ' + run(':', n)),
        'a long key': section(run('a', n) + ':: x'),
        'a key of words': section(run('a ', n) + ':: x'),
        'a key of dashes': section(run('-', n) + ':: x'),
        ':: run': section(run('::', n)),
        'x:: run': section(run('x::', n)),
        'many field lines': section(run('owner:: x\n', n)),
        'aligns of commas': section('aligns:: ' + run(',', n)),
        'aligns of words': section('aligns:: ' + run('a ', n)),
        'aligns of 1,200 wikilinks': section('aligns:: ' + many(n, 1200, (i) => `[[a${i}#^k${i}|${run('t', 60)}]]`).join(' ')),
        'fields between code spans': section('note:: ' + many(n, 2400, () => `\`${run('c', 30)}\` `).join('')),
        'field lines ending in CR': STRATEGIC.replace(/\n/g, '\r') + '## O: t\r\r' + run('owner:: x\r', n),
        'a key result over lines ending in CR': STRATEGIC.replace(/\n/g, '\r') + '## O: t\r\r- KR: x' + many(n, 2400, () => ` [a:: ${run('b', 30)}]\r`).join(''),
      }), false),
    ], micromark);
  });

  it('parse.ts: parseDocument on runs of one character in a heading, a key result and a field', () => {
    const inputs = (n: number) => {
      const texts: Record<string, string> = {};
      for (const unit of [' ', '\t', '1', '.', ':', '#', '^', '{#', '::', '[', '-', ' 1']) {
        texts[`heading of ${JSON.stringify(unit)}`] = `${STRATEGIC}## Objective: t ${run(unit, n)}!\n`;
        texts[`key result of ${JSON.stringify(unit)}`] = `${STRATEGIC}## Objective: t\n\n- KR: t ${run(unit, n)}!\n`;
        texts[`field of ${JSON.stringify(unit)}`] = `${STRATEGIC}## Objective: t\n\n${run(unit, n / 2)}:: ${run(unit, n / 2)}!\n`;
      }
      return texts;
    };
    // Some of them are refused by the complexity limits (5,000 brackets a paragraph): that is quick too.
    linear([cases(function parse(text) {
      return parseDocument('doc.md', text);
    }, inputs, false)], micromark);
  });

  it('complexity.ts: the limits are checked in linear time, even when they refuse the document', () => {
    const documents = (n: number): Record<string, string> => ({
      '> run': STRATEGIC + run('> ', n),
      '- run': STRATEGIC + run('- ', n),
      '1. run': STRATEGIC + run('1. ', n),
      'indentation': STRATEGIC + run(' ', n) + 'x',
      // Every line is scanned, then the last one is refused: micromark never runs.
      'many short lines, then too deep an indentation': STRATEGIC + run('>\n', n) + run(' ', 600) + 'x',
      'many list lines, then too many nested lists': STRATEGIC + run('- a\n', n) + run('> ', 200),
      '[ run': STRATEGIC + run('[', n),
      '* run': STRATEGIC + run('*', n),
    });
    linear([cases(function parse(text) {
      return parseDocument('doc.md', text);
    }, documents)], micromark);
  });

  it('workspaceIndex.ts and resolve.ts: document names, link paths and resolution', () => {
    const document = parsed(STRATEGIC + '## Objective: Enhance customer satisfaction {#csat}\n\n- KR: Raise NPS  [progress:: 40] ^nps\n');
    const index = new WorkspaceIndex();
    index.set(document);
    const reference = (extra: Partial<Reference>): Reference => ({
      form: 'wikilink',
      text: '[[x]]',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      target: '',
      blockRef: false,
      ...extra,
    });
    const names = (n: number): Record<string, string> => ({
      '.okr run then .md': run('.okr', n) + '.md',
      '.md run': run('.md', n),
      './ run': run('./', n),
      '../ run': run('../', n),
      '/ run': run('/', n),
      'a/ run': run('a/', n),
    });
    linear([
      cases(documentNames, names),
      cases(documentNameKey, names),
      cases(function resolveLink(path) {
        return resolveLinkPath('ops/a.md', path);
      }, names),
      cases(function resolveFragment(fragment) {
        return resolveReference(index, document, reference({ target: '', fragment }));
      }, (n) => ({
        'o then digit-space run': 'o' + run(' 1', n),
        'objective then .1 run': 'objective 1' + run('.1', n) + 'x',
        ': run': run(':', n),
        'blank run': run(' \t:', n),
        'title words': run('Enhance ', n),
      })),
      cases(function resolveMarkdownLink(target) {
        return resolveReference(index, document, reference({ form: 'markdown', target, fragment: 'csat' }));
      }, (n) => ({
        'scheme-like letters then colon': run('a', n) + ':',
        'scheme-like + run': 'a' + run('+', n) + '!',
        '../ run': run('../', n),
      })),
      cases(function resolveWikilink(target) {
        return resolveReference(index, document, reference({ target, fragment: 'nps' }));
      }, (n) => ({
        'a long name': run('a', n),
        '.md run': run('.md', n),
      })),
    ]);
  });

  it('completion.ts: the patterns on the line before the cursor', () => {
    const complete = (text: string) => {
      const document = parseDocument('doc.md', text);
      const index = new WorkspaceIndex();
      index.set(document);
      const analysis = new Analysis(index, { config: defaultConfig(), today: TODAY });
      const context = { analysis, document } as FeatureContext;
      const lines = new LineIndex(text);
      const line = lines.lineCount - 1;
      return completion(context, lines, { line, character: lines.lineText(line).length });
    };
    const body = (line: string) => STRATEGIC + '## Objective: t {#t}\n\n' + line;
    linear([
      cases(complete, (n) => ({
        'aligns:: then spaces then [[': body('aligns::' + run(' ', n) + '[['),
        'spaces then aligns:: [[': body(run(' ', n) + 'aligns:: [['),
        'aligns:: then [[ run': body('aligns:: ' + run('[[', n)),
        'aligns:: [[ then a # run': body('aligns:: [[t' + run('#', n)),
        'a bullet then spaces then KR [': body('-' + run(' ', n) + 'KR: [a'),
        'digits then KR [': body(run('1', n) + '. KR: [a'),
        'KR then spaces then colon': body('- KR' + run(' ', n) + ': [a'),
        'KR 1 then .1 run': body('- KR 1' + run('.1', n) + ': [a'),
        '[ then letters': body('- KR: x [' + run('a', n)),
        '[a run': body('- KR: x ' + run('[a', n)),
        'cycle:: then spaces': body('cycle::' + run(' ', n)),
        'spaces then cycle ::': body(run(' ', n) + 'cycle :: x'),
        'frontmatter okr: then spaces': '---\nokr:' + run(' ', n),
        'frontmatter okr: then words': '---\nokr: ' + run('a', n) + ' b',
        'frontmatter cycle: then spaces and words': '---\ncycle:' + run(' ', n) + 'x y',
      })),
    ]);
  });

  // The config's `exclude` globs become picomatch regexes run on every path walked, and
  // `a*a*…a*b` backtracks polynomially in a name's length (12 stars on a 40-character name:
  // about a minute). The config accepts at most three `*` within names per glob. Three are
  // still cubic in a name's length, which is bounded (255 characters): no growth to check,
  // the test's timeout is the guard against a hang.
  it('config exclude globs: more than three * are refused, and three are matched in bounded time', async () => {
    const { readConfig } = await import('../../server/src/okr/analysis/config.ts');
    const { excludeMatcher } = await import('../../server/src/fs/files.ts');
    const refused = readConfig(JSON.stringify({ exclude: [run('a*', 12) + 'b'] }));
    assert.deepEqual(refused.config.exclude, []);
    assert.match(refused.problems.map((p) => p.message).join('\n'), /at most three/);
    const allowed = readConfig(JSON.stringify({ exclude: ['**/a*a*a*b/**', 'archive/**'] }));
    assert.deepEqual(allowed.problems, []);
    const isExcluded = excludeMatcher('/w', allowed.config.exclude);
    assert.equal(isExcluded(`/w/${run('a', 255)}`), false, 'a*a*a*b on a 255-character name');
  });

  it('rename.ts: the new name', () => {
    const text = STRATEGIC + '## Objective: t {#t}\n';
    const document = parseDocument('doc.md', text);
    const index = new WorkspaceIndex();
    index.set(document);
    const context = { analysis: new Analysis(index, { config: defaultConfig(), today: TODAY }), document } as FeatureContext;
    const position = { line: 5, character: 5 };
    const rename = (name: string) => {
      try {
        return renameEdits(context, position, name);
      } catch (error) {
        assert.match(String((error as Error).message), /not a valid id/);
        return undefined;
      }
    };
    linear([
      cases(rename, (n) => ({
        '{# then letters then }x': '{#' + run('a', n) + '}x',
        '{# then } run': '{#' + run('}', n),
        '{#} run': run('{#}', n),
        '^ run': run('^', n),
        'spaces': run(' ', n),
        'a valid long id': run('a', n),
        'letters then a space': run('a', n) + ' b',
      })),
    ]);
    assert.ok(rename(run('a', N))?.size === 1, 'a valid id is renamed');
  });
});
