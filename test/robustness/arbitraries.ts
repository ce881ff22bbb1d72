// fast-check arbitraries for the robustness properties: (a) random markdown made of
// arbitrary unicode (astral, emoji, combining marks, lone surrogates), mixed line ends,
// tabs and markdown punctuation; (b) OKR-shaped documents built from a small grammar of
// SPEC §1–5 (frontmatter, objective headings, fields, references, key results, notes,
// code hiding syntax), and workspaces of 1–6 of them that reference each other.
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------
// Line endings and byte-order marks

export type LineEnding = '\n' | '\r\n' | '\r';
export const LINE_ENDINGS: LineEnding[] = ['\n', '\r\n', '\r'];

/** The same text with every line break (\r\n, lone \r, \n — as LineIndex splits) made `eol`. */
export function withLineEnding(text: string, eol: LineEnding): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/** Every line break replaced by one picked (deterministically) from `pattern`. */
export function withMixedLineEndings(text: string, pattern: LineEnding[]): string {
  let i = 0;
  let previous: { eol: LineEnding; end: number } | undefined;
  return text.replace(/\r\n|\r|\n/g, (match: string, offset: number) => {
    let eol = pattern[i++ % pattern.length]!;
    // A lone \r followed at once by \n would be one \r\n break, not two.
    if (eol === '\n' && previous?.eol === '\r' && previous.end === offset) eol = '\r\n';
    previous = { eol, end: offset + match.length };
    return eol;
  });
}

// ---------------------------------------------------------------------------------------
// (a) Random markdown

const ASTRAL_AND_ODD = [
  '🎯', '👨‍👩‍👧', '🏳️‍🌈', '𝔘𝔫𝔦', '𐐀𐐨', '𝟘𝟙', '😀', 'e\u0301', 'ﬁ', 'İ', 'ß', '\u00a0', '\u2028', '\u2029', '\u0085',
  '\u200b', '\u200d', '\uFEFF', '\u0000', '\u001b', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\uFFFD', '٣', 'क्', '目标', 'Ω',
];

const MARKDOWN_TOKENS = [
  '\n', '\r\n', '\r', '\n\n', '\t', ' ', '  ', '    ', '#', '## ', '### ', '- ', '* ', '+ ', '1. ', '[', ']', '(', ')', '`',
  '``', '```', '~~~', '>', '> ', '<', '</', '::', '{#', '}', '{', '^', '[[', ']]', '|', '---', '===', '***', '\\', '!',
  '<!--', '-->', '$', '€', '%', ',', '.', '1', '42', '1,200', '-', '_', '"', "'", ':', '&amp;', '&#x1F3AF;',
  'okr: strategic', 'okr: operational', 'okr:', 'cycle: 2026-Q4', 'Objective: ', 'objective 2: ', 'O1.2: ', 'O:', 'KR: ',
  'key result 3: ', '[x] ', '[ ] ', '[-] ', 'aligns:: ', 'cycle:: ', 'level:: ', 'status:: ', 'weight:: ', '[target:: ',
  '[start:: ', '[current:: ', '[progress:: ', '2026-Q4', '2026-W48..2026-W49', 'FY2027', 'csat', 'nps', '^nps', '{#csat}',
  '[[csat#^nps]]', '[x](a.md#csat)', 'title', 'Setext', '<div>', '</div>', '$$',
];

const markdownPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...MARKDOWN_TOKENS) },
  { weight: 2, arbitrary: fc.constantFrom(...ASTRAL_AND_ODD) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
);

/** Arbitrary markdown-ish text: unicode noise, punctuation, mixed \n / \r\n / \r, maybe a BOM. */
export const randomMarkdown: fc.Arbitrary<string> = fc
  .tuple(fc.boolean(), fc.array(markdownPiece, { maxLength: 120 }))
  .map(([bom, pieces]) => (bom ? '\uFEFF' : '') + pieces.join(''));

/** Random markdown that the engine treats as an OKR document (frontmatter `okr:` or not; the path decides). */
export const randomOkrishMarkdown: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\nokr: strategic\ncycle: 2026-Q4\n---\n', '---\r\nokr: operational\r\n---\r\n', '---\rokr: strategic\r---\r', '---\nokr: [\n---\n'),
    fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.array(markdownPiece, { maxLength: 12 }).map((p) => p.join('')) },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom('# ', '## ', '#### ', ''), fc.constantFrom('Objective: ', 'O1: ', 'objective:'), fc.array(markdownPiece, { maxLength: 8 }))
            .map(([h, p, rest]) => h + p + rest.join('')),
        },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.constantFrom('- ', '* ', '  - ', '1. ', '- [ ] ', '- [x] ', '- [-] '), fc.constantFrom('KR: ', 'kr 1: ', 'Key result: '), fc.array(markdownPiece, { maxLength: 10 }))
            .map(([m, p, rest]) => m + p + rest.join('')),
        },
        { weight: 1, arbitrary: fc.array(markdownPiece, { maxLength: 6 }).map((p) => `aligns:: ${p.join('')}`) },
      ),
      { maxLength: 14 },
    ),
    fc.array(fc.constantFrom<LineEnding>('\n', '\r\n', '\r'), { minLength: 1, maxLength: 4 }),
  )
  .map(([front, lines, eols]) => front + withMixedLineEndings(lines.join('\n'), eols));

// ---------------------------------------------------------------------------------------
// (b) OKR-shaped documents

/** Objective ids: ASCII, other scripts, marks, astral letters and digits, case and NFD variants. */
export const OBJECTIVE_IDS = ['csat', 'CSAT', 'support', 'équipe', 'e\u0301quipe', 'Ünïcode_1', '目标', 'κρ-1', '𐐀𐐨', '𝟘𝟙', 'क्ष', 'ops-2026', 'x'];
export const KR_IDS = ['nps', 'NPS', 'churn', 'kr-1', 'ç', '𝔘', '١٢', 'cab', 'x'];
const BAD_IDS = ['has space', 'a.b', '🎯', '', ' ', '#x', 'a}b', 'x .cls', 'x .cls key=v', 'x key'];

export const CYCLES = [
  '2026-Q4', '2026-q4', '2026-11', '2026-12', '2026-W48', '2026-W48..2026-W49', '2026-W53', '2027-W53', '2026-W01', 'FY2027',
  'FY2027-H1', 'FY2027-Q3', '2026', '2026-H2', '2026-11-01', '2026-11-02..2026-11-15', '2026-02-30', '2026-13', '2026-Q5',
  '2026-W00', '2026-12..2026-11', '2026-Q4..', '..2026', ' 2026-Q4 ', 'soon', '', '2026-Q4 .. 2027-Q1', '２０２６', '9999-12-31',
  '0000-01', '2026-11-25', '2026-10..2026-12', '2025-Q4..2027-Q4', '2026-11-25..2026-11-24', 'FY0', 'fy2026-q1',
];

export const VALUES = [
  '1', '10', '5', '0', '-3', '5%', '2.5%', '60', '150', '100%', '-10%', '$1,200', '€5', '£0.5', '1k', '3.5h', '5 h', '2h', 'abc',
  '', '1,00', '1,000,000', '½', '١٢', '1e3', '𝟙', 'NaN', 'Infinity', '0x10', '9'.repeat(40), `0.${'0'.repeat(30)}1`, '1 users',
  '12 🎯', '3..4', ' 7 ', '.5', '5.', '--1', '$-1', '-$1',
];

const TITLE_WORDS = ['Enhance', 'customer', 'satisfaction', '🎯', '👨‍👩‍👧', 'Ünïcode', '目标', '𝔘𝔫𝔦', 'e\u0301', '`code {#x}`', '**bold**', 'a_b', '&amp;', '<b>', '\\{#y}', 'Q4', '\t', '  ', '^nps', '[[csat]]', 'x::y'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const title = fc.array(pick(TITLE_WORDS), { minLength: 0, maxLength: 5 }).map((w) => w.join(' '));

/** The names wikilinks may use for documents of a workspace (file names without .md/.okr.md). */
export const PATHS = ['company.md', 'strategy/company-q4.md', 'teams/support.okr.md', 'teams/équipe 🎯.md', 'ops/platform.okr.md', 'Company.md', 'deep/a/b/c.md', 'notes.md'];
const DOC_NAMES = ['company', 'company-q4', 'strategy/company-q4', 'support', 'équipe 🎯', 'platform', 'c', 'deep/a/b/c', 'nowhere'];
const LINK_PATHS = ['company.md', '../company.md', '../../company.md', 'strategy/company-q4.md', '../teams/support.okr.md', 'support.okr.md', '', '/company.md', '%C3%A9quipe%20%F0%9F%8E%AF.md', 'équipe 🎯.md', '<équipe 🎯.md>', '../../../../x.md'];

const reference: fc.Arbitrary<string> = fc.oneof(
  pick(OBJECTIVE_IDS).map((id) => `[[${id}]]`),
  fc.tuple(pick(OBJECTIVE_IDS), pick(KR_IDS), fc.boolean()).map(([o, k, caret]) => `[[${o}#${caret ? '^' : ''}${k}]]`),
  fc.tuple(pick(DOC_NAMES), pick(KR_IDS)).map(([d, k]) => `[[${d}#^${k}]]`),
  fc.tuple(pick(DOC_NAMES), pick(['Enhance customer satisfaction', 'csat', 'Ünïcode', '🎯 x', ''])).map(([d, t]) => `[[${d}#${t}]]`),
  fc.tuple(pick(OBJECTIVE_IDS), title).map(([id, shown]) => `[[${id}|${shown}]]`),
  fc.tuple(title, pick(LINK_PATHS), pick([...OBJECTIVE_IDS, ...KR_IDS.map((k) => `^${k}`)])).map(([t, p, id]) => `[${t}](${p}#${id})`),
  fc.tuple(title, pick(LINK_PATHS)).map(([t, p]) => `[${t}](${p})`),
  pick(['csat', '[[]]', '[[#]]', '[[#^]]', '[[csat#]]', '[[ csat ]]', '[[csat#^nps|x#y]]', '[[a]b]]', '[x]()', '[[csat', 'csat]]', '`[[csat]]`', '🎯', '[[🎯]]']),
);

const aligns = fc
  .tuple(fc.array(reference, { minLength: 0, maxLength: 3 }), pick([' ', ', ', ' ; ', '\t', '  ,']))
  .map(([refs, sep]) => `aligns:: ${refs.join(sep)}`);

const objectiveField: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: aligns },
  { weight: 2, arbitrary: pick(CYCLES).map((c) => `cycle:: ${c}`) },
  { weight: 1, arbitrary: pick(['active', 'dropped', 'Dropped', 'DROPPED', 'done', '']).map((s) => `status:: ${s}`) },
  { weight: 1, arbitrary: pick(['strategic', 'operational', 'Operational', 'tactical', '']).map((s) => `level:: ${s}`) },
  { weight: 1, arbitrary: title.map((t) => `owner:: ${t}`) },
  { weight: 1, arbitrary: pick(VALUES).map((v) => `weight:: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(pick(['Notes', 'ünknown', '目标', 'a b', 'x-y_z', '🎯', '']), title).map(([k, v]) => `${k}:: ${v}`) },
);

const fieldLine = fc.tuple(pick(['', '- ', '* ', '  ', '\t', 'Aligns']), objectiveField).map(([lead, f]) => (lead === 'Aligns' ? f.replace(/^aligns/, 'Aligns') : lead + f));

const krField = fc.tuple(pick(['start', 'current', 'target', 'progress', 'weight', 'owner', 'Target', 'note']), pick(VALUES), pick(['', ' ', '  '])).map(([k, v, sp]) => `[${k}::${sp}${v}]`);

const keyResult: fc.Arbitrary<string[]> = fc
  .record({
    marker: pick(['- ', '* ', '+ ', '1. ', '2) ']),
    box: pick(['', '[ ] ', '[x] ', '[X] ', '[-] ', '[?] ']),
    prefix: pick(['KR: ', 'KR1: ', 'KR 1.2: ', 'Key result: ', 'kr:', 'KR : ', 'Kr 3 :']),
    title,
    fields: fc.array(krField, { maxLength: 4 }),
    id: fc.option(fc.oneof(pick(KR_IDS), pick(['🎯', 'a.b', ''])), { nil: undefined }),
    continuation: fc.option(fc.oneof(title, krField), { nil: undefined }),
    notes: fc.array(
      fc.oneof(
        title.map((t) => `  - ${t}`),
        krField.map((f) => `  - note ${f}`),
        fc.constant('  - KR: nested [target:: 3] ^nested'),
        fc.constant('  aligns:: [[csat]]'),
        fc.constant('\n  Later paragraph [target:: 9]'),
      ),
      { maxLength: 2 },
    ),
  })
  .map((k) => {
    const first = `${k.marker}${k.box}${k.prefix}${k.title} ${k.fields.join(' ')}${k.id !== undefined ? ` ^${k.id}` : ''}`;
    return [first, ...(k.continuation !== undefined ? [`  ${k.continuation}`] : []), ...k.notes];
  });

const hiddenSyntax: fc.Arbitrary<string[]> = pick([
  ['```', '## Objective: Hidden in a fence {#hidden}', 'aligns:: [[nowhere]]', '- KR: hidden [target:: x]', '```'],
  ['~~~markdown', '- KR: also hidden ^nps', '~~~'],
  ['`aligns:: [[nowhere]]`'],
  ['Text with `[target:: x]` and `{#id}` in code.'],
  ['> ## Objective: Quoted {#quoted}', '> aligns:: [[nowhere]]'],
  ['    ## Objective: Indented code {#indented}'],
  ['<!-- aligns:: [[nowhere]] -->'],
  ['<div>', 'aligns:: [[nowhere]]', '</div>'],
  ['> [!note] Callout', '> - KR: quoted [target:: 1]'],
  ['### Notes', 'Some notes 🎯 with a tab\tand 𝔘.'],
  ['---'],
  ['***'],
  ['| a | b |', '|---|---|', '| aligns:: [[x]] | 1 |'],
]);

const heading: fc.Arbitrary<string[]> = fc
  .record({
    depth: fc.integer({ min: 1, max: 4 }),
    setext: fc.boolean(),
    prefix: pick(['Objective: ', 'O: ', 'Objective 2: ', 'O1: ', 'O1.2: ', 'objective:', 'OBJECTIVE 3.1.4 : ', 'o:']),
    title,
    id: fc.option(fc.oneof({ weight: 4, arbitrary: pick(OBJECTIVE_IDS) }, { weight: 1, arbitrary: pick(BAD_IDS) }), { nil: undefined }),
    closing: pick(['', '', ' ##', ' #', '  ']),
    twoLines: fc.boolean(),
  })
  .map((h) => {
    const title = h.setext && h.twoLines ? `${h.title} Second\nline` : h.title;
    const text = `${h.prefix}${title}${h.id !== undefined ? ` {#${h.id}}` : ''}`;
    // A setext heading may span lines: its title then holds a line break.
    if (h.setext && h.depth <= 2) return [...text.split('\n'), h.depth === 1 ? '===' : '---'];
    return [`${'#'.repeat(h.depth)} ${text}${h.closing}`];
  });

const objective: fc.Arbitrary<string[]> = fc
  .tuple(
    heading,
    fc.boolean(),
    fc.array(fieldLine, { maxLength: 4 }),
    fc.array(keyResult, { maxLength: 4 }),
    fc.array(hiddenSyntax, { maxLength: 1 }),
    fc.boolean(),
  )
  .map(([h, blank, fields, krs, hidden, blankBeforeList]) => [
    ...h,
    ...(blank ? [''] : []),
    ...fields,
    ...(blankBeforeList || fields.length > 0 ? [''] : []),
    ...krs.flat(),
    ...(hidden.length > 0 ? ['', ...hidden.flat(), ''] : []),
  ]);

const frontmatter: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<string[]>([]) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        okr: fc.option(pick(['strategic', 'operational', 'Strategic', 'junk', '', '[strategic]', '"operational"', '{a: 1}']), { nil: undefined }),
        cycle: fc.option(pick([...CYCLES, '[2026]', '2026-11-01', '"2026-Q4"', '{}']), { nil: undefined }),
        owner: fc.option(pick(['Leadership team', '🎯 Team', '', '[a, b]', '42']), { nil: undefined }),
        extra: pick(['', 'tags: [okr, q4]', 'aliases:\n  - Company', '# a comment', 'okr2: x']),
        fence: pick(['---', '---  ']),
      })
      .map((f) => [
        '---',
        ...(f.okr !== undefined ? [`okr: ${f.okr}`] : []),
        ...(f.cycle !== undefined ? [`cycle: ${f.cycle}`] : []),
        ...(f.owner !== undefined ? [`owner: ${f.owner}`] : []),
        ...(f.extra ? f.extra.split('\n') : []),
        f.fence,
      ]),
  },
  {
    weight: 1,
    arbitrary: pick([
      ['---', 'okr: strategic', 'cycle: [2026', '---'],
      ['---', 'okr: operational', '  bad: : x', '---'],
      ['---', 'okr: strategic', 'okr: operational', '---'],
      ['---', 'okr: strategic', 'cycle: &a 2026-Q4', 'owner: *a', '---'],
      ['---', '\tokr: strategic', '---'],
      ['---', 'okr: strategic'],
      ['---', '- okr', '---'],
    ]),
  },
);

/** One OKR-shaped document, with \n line breaks (variants are made from it). */
export const okrDocument: fc.Arbitrary<string> = fc
  .tuple(
    frontmatter,
    fc.option(pick(['# Company OKRs, Q4 2026 🎯', 'Intro text with 𝔘𝔫𝔦 and a tab\there.', '## Not an objective']), { nil: undefined }),
    fc.array(objective, { minLength: 0, maxLength: 4 }),
    fc.option(hiddenSyntax, { nil: undefined }),
    fc.boolean(),
  )
  .map(([front, preamble, objectives, trailer, finalNewline]) => {
    const lines = [...front, ...(preamble !== undefined ? [preamble, ''] : []), ...objectives.flatMap((o) => [...o, '']), ...(trailer ?? [])];
    const text = lines.join('\n');
    return finalNewline ? `${text}\n` : text.replace(/\n+$/, '');
  });

/** How one file of a workspace is written on disk: its line breaks and whether it has a BOM. */
export interface Encoding {
  eol: LineEnding | 'mixed';
  bom: boolean;
}

const encoding: fc.Arbitrary<Encoding> = fc.record({
  eol: fc.constantFrom<Encoding['eol']>('\n', '\n', '\r\n', '\r', 'mixed'),
  bom: fc.boolean(),
});

export function encode(text: string, how: Encoding): string {
  const body = how.eol === 'mixed' ? withMixedLineEndings(text, ['\r\n', '\n', '\r']) : withLineEnding(text, how.eol);
  return (how.bom ? '\uFEFF' : '') + body;
}

/** A workspace of 1–6 documents at distinct paths from PATHS, with how each is encoded. */
export const workspace: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(fc.tuple(pick(PATHS), okrDocument, encoding), { minLength: 1, maxLength: 6, selector: ([path]) => path })
  .map((files) => Object.fromEntries(files.map(([path, text, how]) => [path, encode(text, how)])));

/** Before and after an edit session: the same pool of paths, files added, changed, removed or kept. */
export const workspaceEdit: fc.Arbitrary<{ before: Record<string, string>; after: Record<string, string> }> = fc
  .tuple(workspace, workspace, fc.array(fc.boolean(), { minLength: PATHS.length, maxLength: PATHS.length }))
  .map(([a, b, keep]) => {
    const after: Record<string, string> = {};
    for (const [i, path] of PATHS.entries()) {
      const text = keep[i] ? a[path] : b[path];
      if (text !== undefined) after[path] = text;
    }
    return { before: a, after };
  });

/** An okr.config.json: none, valid with changed limits and severities, or invalid. */
export const configText: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
        operational: fc.record({ maxCycleDays: fc.integer({ min: 1, max: 120 }) }),
        strategic: fc.record({ minCycleDays: fc.integer({ min: 1, max: 400 }) }),
        maxKeyResults: fc.integer({ min: 1, max: 4 }),
        severity: fc.dictionary(pick(['kr-unmeasured', 'kr-missing', 'strategic-unsupported', 'align-unresolved', 'duplicate-id']), pick(['error', 'warning', 'info', 'hint', 'off']), { maxKeys: 3 }),
      }, { requiredKeys: [] })
      .map((c) => `${JSON.stringify(c, null, 2)}\n`),
  },
  { weight: 1, arbitrary: pick(['{ "maxKeyResults": 0 }\n', '{ "severity": { "nope": "off" } }\n', '{ oops\n', '[]\n', '\uFEFF{ "fiscalYearStartMonth": 13 }\r\n']) },
);

/** A few days around the cycles above, so that cycles have ended, are running or are to come. */
export const TODAYS = ['2026-11-25', '2026-12-31', '2027-01-04', '2026-10-01', '2027-06-30'];
