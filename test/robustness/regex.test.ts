// Issue 7: every regular expression run on document or config text is linear on
// adversarial input. Each regex of server/src that reads such text is fed 100,000-character
// strings built against it (long runs of spaces, `[`, `::`, digits, `#`, `{#`, …) through
// the public function that applies it, and must finish within a budget (1 s: a linear
// regex takes milliseconds here, a quadratic one tens of seconds).
//
// The audit (every regex literal of server/src, found with the TypeScript scanner):
//
// | file | regexes on document/config text | reached through |
// |---|---|---|
// | okr/parse.ts | OBJECTIVE_PREFIX, KEY_RESULT_PREFIX, TRAILING_ID, CHECKBOX, FIELD_KEY, BRACKET_FIELD, BLOCK_ID, attribute tokens, title clean-up | parseDocument |
// | okr/frontmatter.ts | FENCE, line breaks, OKR_LINE, lone \r, YAML message clean-up | findFrontmatter, looksLikeOkrDocument, parseDocument |
// | okr/markdown.ts | line breaks | parseDocument (fields) |
// | okr/complexity.ts | CONTAINER_MARKER, NEW_PARAGRAPH | parseDocument |
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

const N = 100_000;
/**
 * For our code on one input. parseDocument also runs micromark, whose time (measured on the
 * same text, which is sometimes slow but linear) is allowed on top, with some slack.
 */
const BUDGET_MS = 1000;
const MICROMARK_SLACK = 1.5;
const TODAY = parseIsoDay('2026-11-25')!;

/** `unit` repeated to exactly `length` characters. */
function run(unit: string, length = N): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

interface Case {
  name: string;
  input: string;
  /** Applies our code to the input; may check the result. */
  apply: (input: string) => unknown;
}

/** What third-party work a case's result included, in ms, to allow on top of the budget. */
type Baseline = (input: string, result: unknown) => number;

/** Runs of one character or pair: whatever a regex repeats, one of them feeds it. */
const GENERIC: Record<string, string> = Object.fromEntries(
  [' ', '\t', '\n', '\r', '1', 'a', 'é', '-', '_', '.', ',', ':', '#', '^', '[', ']', '(', ')', '{', '}', '<', '`', '%', '$', '|', '\\', ' 1', 'a ', '1.', '1,', '[[', ']]', '::', '{#', '](']
    .map((unit) => [`generic ${JSON.stringify(unit)} run`, run(unit) + '!']),
);

function time(f: () => unknown): number {
  const started = performance.now();
  f();
  return performance.now() - started;
}

/**
 * Runs every case once (after a small warm-up), each within the budget, plus (when over it)
 * the time `baseline` says third-party work took on the same input.
 */
function withinBudget(cases: Case[], baseline?: Baseline): void {
  const times: [string, number][] = [];
  for (const { name, input, apply } of cases) {
    apply(input.slice(0, 100));
    let result: unknown;
    const elapsed = time(() => (result = apply(input)));
    times.push([name, elapsed]);
    if (elapsed < BUDGET_MS) continue;
    const allowed = BUDGET_MS + (baseline ? MICROMARK_SLACK * baseline(input, result) : 0);
    assert.ok(elapsed < allowed, `${name} (${input.length} characters) took ${elapsed.toFixed(0)} ms, more than ${allowed.toFixed(0)} ms`);
  }
  // OKR_REGEX_TIMES=1 prints every time.
  if (process.env.OKR_REGEX_TIMES) for (const [name, ms] of times) console.log(`      ${ms.toFixed(1).padStart(7)} ms  ${name}`);
}

/** The cases of `inputs`, and the generic runs, for one function. */
function cases(apply: (input: string) => unknown, inputs: Record<string, string>, generic = true): Case[] {
  return Object.entries({ ...inputs, ...(generic ? GENERIC : {}) }).map(([name, input]) => ({ name, input, apply }));
}

const STRATEGIC = '---\nokr: strategic\ncycle: 2026-Q4\nowner: Me\n---\n';

/** micromark's time on a document that parseDocument gave to it (not refused, an OKR document). */
const micromark: Baseline = (text, result) => {
  const document = result as OkrDocument;
  const refused = document.problems.some((p) => p.code === ('document-too-complex' as string));
  return document.isOkr && !refused ? time(() => parseMarkdown(text)) : 0;
};

/** Parses a document and checks that it was analysed (not refused as too complex), so our regexes ran. */
function parsed(text: string): OkrDocument {
  const document = parseDocument('doc.md', text);
  const refused = document.problems.find((p) => p.code === ('document-too-complex' as string));
  assert.equal(refused, undefined, `the document was parsed: ${refused?.message}`);
  return document;
}

describe('regexes are linear on 100,000-character adversarial input', function () {
  this.timeout(30_000);

  it('references.ts: parseReferences (wikilinks, markdown links, separators)', () => {
    const apply = (value: string) => parseReferences(value, 0, new LineIndex(value));
    withinBudget(
      cases(apply, {
        '[ run': run('['),
        '[[ run': run('[['),
        '] run': run(']'),
        ']] run': run(']]'),
        '[a run': run('[a'),
        '[[a run': run('[[a'),
        'unclosed [': '[' + run('a', N - 1),
        'unclosed [[ with one ]': '[[' + run('a', N - 3) + ']',
        '[x]( run': run('[x]('),
        '[x]( then spaces': '[x](' + run(' ', N - 5) + ')',
        '[x]( then spaces, unclosed': '[x](' + run(' ', N - 4),
        '[x](< then text': '[x](<' + run('a', N - 6) + ')',
        '[x]( then % run': '[x](' + run('%', N - 5) + ')',
        '[x]( then %E run': '[x](' + run('%E', N - 5) + ')',
        '[x](a# then ^ run': '[x](a#' + run('^', N - 7) + ')',
        '[x](a then spaces and a title': '[x](a' + run(' "t"', N - 6) + ')',
        '[[ # run ]]': '[[' + run('#', N - 4) + ']]',
        '[[ | run ]]': '[[' + run('|', N - 4) + ']]',
        '[[ spaces ]]': '[[' + run(' ', N - 4) + ']]',
        '[[a#^ run': run('[[a#^'),
        'spaces': run(' '),
        'commas': run(','),
        'separators': run(', ;\t'),
        'words': run('a '),
        'one word': run('a'),
        ':: run': run('::'),
        ']( run': run(']('),
        '[]( run': run('[]('),
        '[a]]( run': run('[a]]('),
        'backslash-[ run': run('\\['),
        'mixed': run('[[a|b#^c]] [d](e#f) g, '),
      }),
    );
    assert.equal(apply(run('a ')).length, N / 2, 'every word is a reference');
  });

  it('values.ts: parseQuantity, parseWeight, evaluateMeasure', () => {
    const inputs = {
      'digits then junk': run('1', N - 2) + 'x!',
      'digits': run('1'),
      '1, run': run('1,'),
      'thousands then a short group': '1' + run(',111', N - 4) + ',11',
      'thousands then junk': '-$1' + run(',000', N - 6) + 'x!',
      'spaces before the unit': '1' + run(' ', N - 3) + 'x!',
      'spaces then %%': '1' + run(' ', N - 3) + '%%',
      'decimals then junk': '1.' + run('1', N - 3) + '!',
      '1. run': run('1.'),
      'letters between digits': '1' + run('a', N - 2) + '1',
      'é unit then junk': '1' + run('é', N - 2) + '!',
      'minus run': run('-'),
      'currency run': run('$') + '1',
      'padded': run(' ', N / 2) + '1' + run(' ', N / 2 - 1),
      'whitespace run': '1' + run('\t \n', N - 3) + '%%',
      '% run': run('%'),
    };
    withinBudget([
      ...cases(parseQuantity, inputs),
      ...cases(parseWeight, inputs),
      ...cases((text) => evaluateMeasure({ start: text, current: text, target: text, progress: text }), inputs),
    ]);
    const long = evaluateMeasure({ target: run('x') }).problem!.message;
    assert.ok(long.length < 200, `a message quotes a long value cut short: ${long.length} characters`);
  });

  it('cycles.ts: parseCycle, parseIsoDay, describeCycle', () => {
    const inputs = {
      'digits': run('1'),
      'years': run('2026'),
      'year then digits': '2026-' + run('1', N - 5),
      'quarter digits': '2026-Q' + run('1', N - 6),
      'week digits': '2026-W' + run('1', N - 6),
      'date digits': '2026-11-' + run('1', N - 8),
      'fiscal digits': 'FY' + run('1', N - 2),
      'fiscal quarter digits': 'FY2026-Q' + run('1', N - 8),
      '.. run': run('..'),
      '- run': run('-'),
      'W run': run('W'),
      'spaces around ..': '2026-W47' + run(' ', N - 18) + '..2026-W48',
      'padded': run(' ', N / 2) + '2026' + run(' ', N / 2 - 4),
      '2026-1 run': run('2026-1'),
      'FY run': run('FY'),
    };
    withinBudget([
      ...cases((text) => parseCycle(text, 4), inputs),
      ...cases(parseIsoDay, inputs),
    ]);
    const wide = parseCycle('2026-W47' + run(' ', N - 18) + '..2026-W48');
    assert.ok(wide.ok);
    withinBudget([{ name: 'describeCycle of a label with a long space run', input: '', apply: () => describeCycle(wide.cycle) }]);
  });

  it('ids.ts: slugify, isValidId, idKey (the slug trim never sees a run of "-")', () => {
    const inputs = {
      '- run then !': run('-', N - 1) + '!',
      '- run then a': run('-', N - 1) + 'a',
      'a- run': run('a-'),
      '-a run then !': run('-a', N - 1) + '!',
      'spaces then a': run(' ', N - 1) + 'a',
      'marks': run('\u0301', N - 2) + '-!',
      'é run': run('é'),
      '[ run': run('['),
      '_- run': run('_-'),
    };
    withinBudget([...cases(slugify, inputs), ...cases(isValidId, inputs), ...cases(idKey, inputs)]);
    assert.equal(slugify(run('-', N - 1) + 'a'), 'a');
  });

  it('format.ts: escapeMarkdown, codeSpan', () => {
    const inputs = {
      'backticks': run('`'),
      '`a run': run('`a'),
      'line breaks': run('\n'),
      'CRLF': run('\r\n'),
      '< run': run('<'),
      'every escaped character': run('\\`*_{}[]()<>#+!|~&'),
      'link syntax': run('[x](command:a) '),
    };
    withinBudget([...cases(escapeMarkdown, inputs), ...cases(codeSpan, inputs)]);
  });

  it('frontmatter.ts: findFrontmatter, looksLikeOkrDocument', () => {
    const inputs = {
      'fence then spaces': '---' + run(' ', N - 4) + '\n',
      'okr then spaces': '---\nokr' + run(' ', N - 8) + 'x',
      'okr then blanks': '---\n' + run('okr \t'),
      'lone CRs': run('\r'),
      'CRLFs': '---' + run('\r\n', N - 3),
      '--- lines': run('---\n'),
      'okr: lines': '---\n' + run('okr:\n'),
      'unclosed': '---\nokr: strategic\n' + run('a: b\n', N - 20),
    };
    withinBudget([...cases(findFrontmatter, inputs), ...cases((text) => looksLikeOkrDocument('doc.md', text), inputs)]);
  });

  it('parse.ts (with frontmatter.ts, markdown.ts and complexity.ts): parseDocument on headings', () => {
    const heading = (text: string) => STRATEGIC + text + '\n';
    withinBudget(
      cases(parsed, {
        'Objective then spaces, no colon': heading('## Objective' + run(' ', N) + 'x'),
        'O then spaces then colon': heading('## O' + run(' ', N) + ': t'),
        'O1 then .1 run': heading('## O1' + run('.1', N) + 'x'),
        'O 1 then .1 run then colon': heading('## O 1' + run('.1', N) + ' : t'),
        'O then digit-space run': heading('## O' + run(' 1', N) + 'x'),
        '{# run': heading('## Objective: t ' + run('{#', N)),
        '{#} then spaces': heading('## Objective: t {#}' + run(' ', N) + 'x'),
        '{#}{# run': heading('## Objective: t ' + run('{#}', N)),
        'class attributes': heading('## Objective: t {#a' + run(' .b', N) + '}'),
        'key=value attributes': heading('## Objective: t {#a' + run(' k=v', N) + '}'),
        'a long id': heading('## Objective: t {#' + run('a', N) + '}'),
        'an id of spaces': heading('## Objective: t {#' + run(' ', N) + '}'),
        'a title of blanks': heading('## Objective: ' + run('a \t', N)),
        '# run': heading('## Objective: t ' + run('#', N)),
        'setext heading of many lines': STRATEGIC + run('Objective: a\n', N) + '===\n',
        'closing #s': heading('## Objective: t' + run(' #', N)),
      }, false),
      micromark,
    );
  });

  it('parse.ts: parseDocument on key results and fields', () => {
    const section = (text: string) => STRATEGIC + '## Objective: t {#t}\n\n' + text + '\n';
    const fields = Array.from({ length: 2400 }, () => `[a:: ${run('b', 34)}]`).join('');
    withinBudget(
      cases(parsed, {
        'KR then spaces': section('- KR' + run(' ', N) + 'x'),
        'KR 1 then .1 run': section('- KR 1' + run('.1', N) + 'x'),
        'checkbox then spaces': section('- [ ]' + run(' ', N) + 'KR: x'),
        '^id run': section('- KR: t' + run(' ^a', N) + ' ^end'),
        '^ run': section('- KR: t ' + run('^', N)),
        'bracket then colons': section('- KR: t [' + run(':', N) + ']'),
        'bracket field unclosed, spaces': section('- KR: t [a::' + run(' ', N)),
        'bracket then letters, unclosed': section('- KR: t [' + run('a', N) + '::'),
        '2,400 bracket fields': section('- KR: t ' + fields),
        ':: run in a key result': section('- KR: ' + run('::', N)),
        'a field of colons': section('note:: ' + run(':', N)),
        'a long key': section(run('a', N) + ':: x'),
        'a key of words': section(run('a ', N) + ':: x'),
        'a key of dashes': section(run('-', N) + ':: x'),
        ':: run': section(run('::', N)),
        'x:: run': section(run('x::', N)),
        'many field lines': section(run('owner:: x\n', N)),
        'aligns of commas': section('aligns:: ' + run(',', N)),
        'aligns of words': section('aligns:: ' + run('a ', N)),
        'aligns of 1,200 wikilinks': section('aligns:: ' + Array.from({ length: 1200 }, (_, i) => `[[a${i}#^k${i}|${run('t', 60)}]]`).join(' ')),
        'fields between code spans': section('note:: ' + Array.from({ length: 2400 }, () => `\`${run('c', 30)}\` `).join('')),
        'field lines ending in CR': STRATEGIC.replace(/\n/g, '\r') + '## O: t\r\r' + run('owner:: x\r', N),
        'a key result over lines ending in CR': STRATEGIC.replace(/\n/g, '\r') + '## O: t\r\r- KR: x' + Array.from({ length: 2400 }, () => ` [a:: ${run('b', 30)}]\r`).join(''),
      }, false),
      micromark,
    );
  });

  it('parse.ts: parseDocument on runs of one character in a heading, a key result and a field', () => {
    const inputs: Record<string, string> = {};
    for (const unit of [' ', '\t', '1', '.', ':', '#', '^', '{#', '::', '[', '-', ' 1']) {
      inputs[`heading of ${JSON.stringify(unit)}`] = `${STRATEGIC}## Objective: t ${run(unit)}!\n`;
      inputs[`key result of ${JSON.stringify(unit)}`] = `${STRATEGIC}## Objective: t\n\n- KR: t ${run(unit)}!\n`;
      inputs[`field of ${JSON.stringify(unit)}`] = `${STRATEGIC}## Objective: t\n\n${run(unit, N / 2)}:: ${run(unit, N / 2)}!\n`;
    }
    // Some of them are refused by the complexity limits (5,000 brackets a paragraph): that is quick too.
    withinBudget(cases((text) => parseDocument('doc.md', text), inputs, false), micromark);
  });

  it('complexity.ts: the limits are checked in linear time, even when they refuse the document', () => {
    const documents = {
      '> run': STRATEGIC + run('> ', N),
      '- run': STRATEGIC + run('- ', N),
      '1. run': STRATEGIC + run('1. ', N),
      'indentation': STRATEGIC + run(' ', N) + 'x',
      // Every line is scanned, then the last one is refused: micromark never runs.
      'many short lines, then too deep an indentation': STRATEGIC + run('>\n', N) + run(' ', 600) + 'x',
      'many list lines, then too many nested lists': STRATEGIC + run('- a\n', N) + run('> ', 200),
      '[ run': STRATEGIC + run('[', N),
      '* run': STRATEGIC + run('*', N),
    };
    withinBudget(cases((text) => parseDocument('doc.md', text), documents), micromark);
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
    const names = {
      '.okr run then .md': run('.okr', N) + '.md',
      '.md run': run('.md', N),
      './ run': run('./', N),
      '../ run': run('../', N),
      '/ run': run('/', N),
      'a/ run': run('a/', N),
    };
    withinBudget([
      ...cases(documentNames, names),
      ...cases(documentNameKey, names),
      ...cases((path) => resolveLinkPath('ops/a.md', path), names),
      ...cases((fragment) => resolveReference(index, document, reference({ target: '', fragment })), {
        'o then digit-space run': 'o' + run(' 1', N),
        'objective then .1 run': 'objective 1' + run('.1', N) + 'x',
        ': run': run(':', N),
        'blank run': run(' \t:', N),
        'title words': run('Enhance ', N),
      }),
      ...cases((target) => resolveReference(index, document, reference({ form: 'markdown', target, fragment: 'csat' })), {
        'scheme-like letters then colon': run('a', N) + ':',
        'scheme-like + run': 'a' + run('+', N) + '!',
        '../ run': run('../', N),
      }),
      ...cases((target) => resolveReference(index, document, reference({ target, fragment: 'nps' })), {
        'a long name': run('a', N),
        '.md run': run('.md', N),
      }),
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
    withinBudget(
      cases(complete, {
        'aligns:: then spaces then [[': body('aligns::' + run(' ', N) + '[['),
        'spaces then aligns:: [[': body(run(' ', N) + 'aligns:: [['),
        'aligns:: then [[ run': body('aligns:: ' + run('[[', N)),
        'aligns:: [[ then a # run': body('aligns:: [[t' + run('#', N)),
        'a bullet then spaces then KR [': body('-' + run(' ', N) + 'KR: [a'),
        'digits then KR [': body(run('1', N) + '. KR: [a'),
        'KR then spaces then colon': body('- KR' + run(' ', N) + ': [a'),
        'KR 1 then .1 run': body('- KR 1' + run('.1', N) + ': [a'),
        '[ then letters': body('- KR: x [' + run('a', N)),
        '[a run': body('- KR: x ' + run('[a', N)),
        'cycle:: then spaces': body('cycle::' + run(' ', N)),
        'spaces then cycle ::': body(run(' ', N) + 'cycle :: x'),
        'frontmatter okr: then spaces': '---\nokr:' + run(' ', N),
        'frontmatter okr: then words': '---\nokr: ' + run('a', N) + ' b',
        'frontmatter cycle: then spaces and words': '---\ncycle:' + run(' ', N) + 'x y',
      }),
    );
  });

  // The config's `exclude` globs become picomatch regexes run on every path walked, and
  // `a*a*…a*b` backtracks polynomially in a name's length (12 stars on a 40-character name:
  // about a minute). The config accepts at most three `*` within names per glob.
  it('config exclude globs: more than three * are refused, and three are matched in bounded time', async () => {
    const { readConfig } = await import('../../server/src/okr/analysis/config.ts');
    const { excludeMatcher } = await import('../../server/src/fs/files.ts');
    const refused = readConfig(JSON.stringify({ exclude: [run('a*', 12) + 'b'] }));
    assert.deepEqual(refused.config.exclude, []);
    assert.match(refused.problems.map((p) => p.message).join('\n'), /at most three/);
    const allowed = readConfig(JSON.stringify({ exclude: ['**/a*a*a*b/**', 'archive/**'] }));
    assert.deepEqual(allowed.problems, []);
    const isExcluded = excludeMatcher('/w', allowed.config.exclude);
    withinBudget([{ name: 'a*a*a*b glob on a 255-character name', input: run('a', 255), apply: (name) => isExcluded(`/w/${name}`) }]);
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
    withinBudget(
      cases(rename, {
        '{# then letters then }x': '{#' + run('a', N) + '}x',
        '{# then } run': '{#' + run('}', N),
        '{#} run': run('{#}', N),
        '^ run': run('^', N),
        'spaces': run(' ', N),
        'a valid long id': run('a', N),
        'letters then a space': run('a', N) + ' b',
      }),
    );
    assert.ok(rename(run('a', N))?.size === 1, 'a valid id is renamed');
  });
});
