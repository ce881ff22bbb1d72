// SPEC §8 "Grammar": the TextMate grammars in syntaxes/ tokenized the way VS Code does it
// (vscode-textmate + vscode-oniguruma), over VS Code's own markdown grammar (shipped by the
// tm-grammars package), and language-configuration.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Textmate from 'vscode-textmate';
import type * as Oniguruma from 'vscode-oniguruma';
import { assertEachGrowsLinearly, assertLinearGrowth } from './growth.ts';

const require = createRequire(import.meta.url);
// Both are webpack bundles whose named exports an ES import cannot see.
const vsctm = require('vscode-textmate') as typeof Textmate;
const oniguruma = require('vscode-oniguruma') as typeof Oniguruma;
const root = new URL('../../', import.meta.url);
const INJECTION = 'okr.markdown.injection';
const OKR = 'text.html.markdown.okr';
const MARKDOWN = 'text.html.markdown';

let wasm: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  if (!wasm) {
    const bytes = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    wasm = oniguruma.loadWASM(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  return wasm;
}

function grammarFile(path: string): Textmate.IRawGrammar {
  return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
}

/** A registry as VS Code builds it: the injection goes into markdown and into the okr-markdown grammar. */
function registry(markdown: 'vscode' | 'stub'): Textmate.Registry {
  const files: Record<string, string> = {
    [INJECTION]: new URL('syntaxes/okr-markdown.injection.tmLanguage.json', root).pathname,
    [OKR]: new URL('syntaxes/okr-markdown.tmLanguage.json', root).pathname,
    [MARKDOWN]: require.resolve('tm-grammars/grammars/markdown.json'),
    // The front matter of VS Code's markdown grammar embeds YAML; without it the rule is dropped.
    'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
  };
  return new vsctm.Registry({
    onigLib: loadOniguruma().then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    })),
    loadGrammar: async (scopeName) => {
      if (scopeName === MARKDOWN && markdown === 'stub') return { scopeName, patterns: [] } as unknown as Textmate.IRawGrammar;
      const file = files[scopeName];
      return file ? grammarFile(file) : null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN || scopeName === OKR ? [INJECTION] : undefined),
  });
}

interface Token {
  text: string;
  /** Scopes without the root scope, outermost first. */
  scopes: string[];
}

const grammars = new Map<string, Promise<Textmate.IGrammar>>();
function grammar(scopeName: string, markdown: 'vscode' | 'stub' = 'vscode'): Promise<Textmate.IGrammar> {
  const key = `${scopeName}/${markdown}`;
  let loaded = grammars.get(key);
  if (!loaded) {
    const reg = markdown === 'vscode' ? vscodeRegistry() : registry('stub');
    loaded = reg.loadGrammar(scopeName).then((g) => {
      if (!g) throw new Error(`no grammar ${scopeName}`);
      return g;
    });
    grammars.set(key, loaded);
  }
  return loaded;
}
let shared: Textmate.Registry | undefined;
function vscodeRegistry(): Textmate.Registry {
  shared ??= registry('vscode');
  return shared;
}

/** The tokens of each line of `text`. */
async function tokenize(text: string, scopeName = OKR): Promise<Token[][]> {
  const g = await grammar(scopeName);
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) }));
  });
}

/** The scopes of the token `text` (the nth one with that text) in `line`. */
function scopesOf(line: Token[] | undefined, text: string, nth = 0): string[] {
  const found = (line ?? []).filter((t) => t.text === text)[nth];
  if (!found) assert.fail(`no token ${JSON.stringify(text)} in ${JSON.stringify((line ?? []).map((t) => t.text))}`);
  return found.scopes;
}

/** The innermost scope of each token: `text → scope`, for compact assertions. */
function innermost(line: Token[] | undefined): string[] {
  return (line ?? []).filter((t) => t.text.trim() !== '').map((t) => `${t.text} → ${t.scopes.at(-1) ?? ''}`);
}

const isOkrScope = (scope: string) => /\.okr(\.|$)/.test(scope);

/** Every OKR scope used on `line`. */
function okrScopes(line: Token[] | undefined): string[] {
  return [...new Set((line ?? []).flatMap((t) => t.scopes.filter(isOkrScope)))];
}

const LIST = 'markup.list.unnumbered.markdown';
const KEY_RESULT = [LIST, 'meta.key-result.okr', 'meta.paragraph.markdown'];

describe('grammar: objective headings', () => {
  it('scopes the prefix inside the markdown heading, and a trailing {#id}', async () => {
    const [line] = await tokenize('## Objective: Enhance customer satisfaction {#csat}');
    const heading = ['markup.heading.markdown', 'heading.2.markdown', 'meta.objective.okr'];
    assert.deepEqual(scopesOf(line, '##'), [...heading, 'punctuation.definition.heading.markdown']);
    assert.deepEqual(scopesOf(line, 'Objective:'), [...heading, 'entity.name.section.markdown', 'keyword.other.okr.objective']);
    assert.deepEqual(scopesOf(line, ' Enhance customer satisfaction '), [...heading, 'entity.name.section.markdown']);
    const id = [...heading, 'entity.name.section.markdown', 'meta.id.okr'];
    assert.deepEqual(scopesOf(line, '{#'), [...id, 'punctuation.definition.id.begin.okr']);
    assert.deepEqual(scopesOf(line, 'csat'), [...id, 'entity.name.tag.okr.id']);
    assert.deepEqual(scopesOf(line, '}'), [...id, 'punctuation.definition.id.end.okr']);
  });

  it('accepts every prefix form, case-insensitively, at every heading level', async () => {
    const cases: [string, string, number][] = [
      ['# O: Title', 'O:', 1],
      ['### Objective 2: Title', 'Objective 2:', 3],
      ['#### O1.2: Title', 'O1.2:', 4],
      ['##### objective: lower case', 'objective:', 5],
      ['###### OBJECTIVE 3.1 : spaced', 'OBJECTIVE 3.1 :', 6],
      ['   ## o: indented up to three spaces', 'o:', 2],
      ['#\tO:\ttabs', 'O:', 1],
    ];
    for (const [text, prefix, level] of cases) {
      const [line] = await tokenize(text);
      assert.deepEqual(
        scopesOf(line, prefix),
        ['markup.heading.markdown', `heading.${level}.markdown`, 'meta.objective.okr', 'entity.name.section.markdown', 'keyword.other.okr.objective'],
        text,
      );
    }
  });

  it('keeps markdown inline highlighting in the title, and the closing sequence', async () => {
    const [line] = await tokenize('## O: Ship **fast** {#ship-fast} ##');
    assert.deepEqual(innermost(line), [
      '## → punctuation.definition.heading.markdown',
      'O: → keyword.other.okr.objective',
      ' Ship  → entity.name.section.markdown',
      '** → punctuation.definition.bold.markdown',
      'fast → markup.bold.markdown',
      '** → punctuation.definition.bold.markdown',
      '{# → punctuation.definition.id.begin.okr',
      'ship-fast → entity.name.tag.okr.id',
      '} → punctuation.definition.id.end.okr',
      '## → punctuation.definition.heading.markdown',
    ]);
  });

  it('scopes only a trailing {#id}; a malformed one still shows as the id', async () => {
    const [notTrailing, malformed] = await tokenize('## O: A {#x} B\n## O: C {#not valid}');
    assert.deepEqual(okrScopes(notTrailing), ['meta.objective.okr', 'keyword.other.okr.objective']);
    assert.equal(scopesOf(malformed, 'not valid').at(-1), 'entity.name.tag.okr.id');
  });

  it('leaves other headings and objective-like text alone', async () => {
    const lines = await tokenize(
      [
        '# Overview: x',
        '## Objectives: x',
        '## Obj: x',
        '## OKRs for Q4',
        '####### O: seven hashes is a paragraph',
        '#O: no space after the hashes',
        'Objective: a paragraph',
        '> ## O: in a block quote',
        '- ## O: in a list item',
        '    ## O: indented code',
      ].join('\n'),
    );
    for (const line of lines) assert.deepEqual(okrScopes(line), [], line.map((t) => t.text).join(''));
    // Still markdown: the first line is a heading.
    assert.deepEqual(scopesOf(lines[0], 'Overview: x'), ['markup.heading.markdown', 'heading.1.markdown', 'entity.name.section.markdown']);
  });
});

describe('grammar: key results', () => {
  it('scopes the prefix, the [key:: value] fields and the trailing ^id', async () => {
    const [line] = await tokenize('- KR: Raise NPS  [start:: 32]  [target:: 45] ^nps');
    assert.deepEqual(scopesOf(line, '-'), [LIST, 'meta.key-result.okr', 'punctuation.definition.list.begin.markdown']);
    assert.deepEqual(scopesOf(line, 'KR:'), [...KEY_RESULT, 'keyword.other.okr.key-result']);
    assert.deepEqual(scopesOf(line, ' Raise NPS  '), KEY_RESULT);
    const field = [...KEY_RESULT, 'meta.field.inline.okr'];
    assert.deepEqual(scopesOf(line, '['), [...field, 'punctuation.definition.field.begin.okr']);
    assert.deepEqual(scopesOf(line, 'start'), [...field, 'variable.other.okr.field-key']);
    assert.deepEqual(scopesOf(line, '::'), [...field, 'punctuation.separator.key-value.okr']);
    assert.deepEqual(scopesOf(line, '32'), [...field, 'string.unquoted.okr.field-value']);
    assert.deepEqual(scopesOf(line, ']'), [...field, 'punctuation.definition.field.end.okr']);
    assert.deepEqual(scopesOf(line, 'target'), [...field, 'variable.other.okr.field-key']);
    assert.deepEqual(scopesOf(line, '45'), [...field, 'string.unquoted.okr.field-value']);
    assert.deepEqual(scopesOf(line, '^'), [...KEY_RESULT, 'meta.block-id.okr', 'punctuation.definition.block-id.okr']);
    assert.deepEqual(scopesOf(line, 'nps'), [...KEY_RESULT, 'meta.block-id.okr', 'entity.name.tag.okr.id']);
  });

  it('accepts checkboxes, every list marker and every prefix form', async () => {
    const cases: [string, string][] = [
      ['- [x] KR: Launch the board ^cab', 'KR:'],
      ['- [X] KR: done', 'KR:'],
      ['- [ ] KR 1.2: open', 'KR 1.2:'],
      ['- [-] Key result: cancelled', 'Key result:'],
      ['* kr2: star', 'kr2:'],
      ['+ KEY RESULT 3 : plus', 'KEY RESULT 3 :'],
      ['1. KR: numbered', 'KR:'],
      ['12) KR: numbered with a parenthesis', 'KR:'],
      ['   -   KR: indented marker, spaced text', 'KR:'],
    ];
    for (const [text, prefix] of cases) {
      const [line] = await tokenize(text);
      assert.equal(scopesOf(line, prefix).at(-1), 'keyword.other.okr.key-result', text);
      assert.ok(scopesOf(line, prefix).includes('meta.key-result.okr'), text);
    }
    const [checked] = await tokenize('- [x] KR: done');
    assert.deepEqual(innermost(checked), [
      '- → punctuation.definition.list.begin.markdown',
      '[ → punctuation.definition.checkbox.begin.okr',
      'x → constant.language.checkbox.okr',
      '] → punctuation.definition.checkbox.end.okr',
      'KR: → keyword.other.okr.key-result',
      ' done → meta.paragraph.markdown',
    ]);
    const [numbered] = await tokenize('1. KR: numbered');
    assert.deepEqual(scopesOf(numbered, '1.'), ['markup.list.numbered.markdown', 'meta.key-result.okr', 'punctuation.definition.list.begin.markdown']);
  });

  it('keeps markdown inline highlighting in the title', async () => {
    const [line] = await tokenize('- KR: Ship `v2` and [docs](https://example.com) [owner:: Ana]');
    assert.equal(scopesOf(line, 'v2').at(-1), 'markup.inline.raw.string.markdown');
    assert.equal(scopesOf(line, 'https://example.com').at(-1), 'markup.underline.link.markdown');
    assert.equal(scopesOf(line, 'Ana').at(-1), 'string.unquoted.okr.field-value');
  });

  it('scopes ^id only as the last token, and fields on continuation lines', async () => {
    const lines = await tokenize('- KR: ^not-an-id here\n- KR: title ^id  \n- KR: first line\n  [current:: 3] ^kr');
    assert.deepEqual(okrScopes(lines[0]), ['meta.key-result.okr', 'keyword.other.okr.key-result']);
    assert.equal(scopesOf(lines[1], 'id').at(-1), 'entity.name.tag.okr.id');
    assert.equal(scopesOf(lines[3], 'current').at(-1), 'variable.other.okr.field-key');
    assert.equal(scopesOf(lines[3], 'kr').at(-1), 'entity.name.tag.okr.id');
  });

  it('gives the notes under a key result no OKR scopes', async () => {
    const lines = await tokenize('- KR: Train staff\n  - owner:: not a field here\n  - KR: not a key result');
    for (const line of lines.slice(1)) {
      assert.deepEqual(okrScopes(line), ['meta.key-result.okr'], line.map((t) => t.text).join(''));
    }
  });

  it('leaves other list items and key-result-like text alone', async () => {
    const lines = await tokenize(
      [
        '- Knowledge: x',
        '- KRs: x',
        '- Key results: x',
        '- KR x',
        '- [x]KR: no space after the checkbox',
        'KR: a paragraph, not a list item',
        '> - KR: in a block quote',
        '- note',
        '  - KR: nested in another item',
      ].join('\n'),
    );
    for (const line of lines) assert.deepEqual(okrScopes(line), [], line.map((t) => t.text).join(''));
  });
});

describe('grammar: fields and alignment references', () => {
  it('scopes key:: value lines, alone or after a list marker', async () => {
    const lines = await tokenize('owner:: Support team\n- cycle:: 2026-11\n1. Level :: strategic\ndue date:: Friday');
    assert.deepEqual(lines[0]?.map((t) => `${t.text} → ${t.scopes.join(' ')}`), [
      'owner → meta.field.line.okr variable.other.okr.field-key',
      ':: → meta.field.line.okr punctuation.separator.key-value.okr',
      '  → meta.field.line.okr',
      'Support team → meta.field.line.okr string.unquoted.okr.field-value',
    ]);
    assert.deepEqual(scopesOf(lines[1], 'cycle'), [LIST, 'meta.field.line.okr', 'variable.other.okr.field-key']);
    assert.deepEqual(scopesOf(lines[1], '2026-11'), [LIST, 'meta.field.line.okr', 'string.unquoted.okr.field-value']);
    assert.equal(scopesOf(lines[2], 'Level').at(-1), 'variable.other.okr.field-key');
    assert.equal(scopesOf(lines[2], 'strategic').at(-1), 'string.unquoted.okr.field-value');
    assert.equal(scopesOf(lines[3], 'due date').at(-1), 'variable.other.okr.field-key');
  });

  it('scopes [key:: value] fields in any paragraph', async () => {
    const [line] = await tokenize('Some text [status:: dropped] more');
    assert.deepEqual(innermost(line), [
      'Some text  → meta.paragraph.markdown',
      '[ → punctuation.definition.field.begin.okr',
      'status → variable.other.okr.field-key',
      ':: → punctuation.separator.key-value.okr',
      'dropped → string.unquoted.okr.field-value',
      '] → punctuation.definition.field.end.okr',
      ' more → meta.paragraph.markdown',
    ]);
  });

  it('scopes every reference form in an aligns:: value', async () => {
    const [line] = await tokenize('aligns:: [[csat]], [[csat#nps]] [[company-q4#^nps|the NPS]] [shown](../2026-Q4/company.md#csat) bare');
    const value = ['meta.field.line.okr', 'meta.field-value.okr.aligns'];
    const wikilink = [...value, 'meta.reference.wikilink.okr'];
    const target = [...wikilink, 'markup.underline.link.okr.reference'];
    assert.deepEqual(scopesOf(line, 'aligns'), ['meta.field.line.okr', 'variable.other.okr.field-key']);
    assert.deepEqual(scopesOf(line, '[['), [...wikilink, 'punctuation.definition.reference.begin.okr']);
    assert.deepEqual(scopesOf(line, 'csat'), target);
    assert.deepEqual(scopesOf(line, ']]'), [...wikilink, 'punctuation.definition.reference.end.okr']);
    assert.deepEqual(scopesOf(line, ', '), value);
    assert.deepEqual(scopesOf(line, 'csat', 1), target);
    assert.deepEqual(scopesOf(line, '#'), [...target, 'punctuation.separator.fragment.okr']);
    assert.deepEqual(scopesOf(line, 'nps'), target);
    assert.deepEqual(scopesOf(line, 'company-q4'), target);
    assert.deepEqual(scopesOf(line, '^'), [...target, 'punctuation.definition.block-id.okr']);
    assert.deepEqual(scopesOf(line, '|'), [...wikilink, 'punctuation.separator.alias.okr']);
    assert.deepEqual(scopesOf(line, 'the NPS'), [...wikilink, 'string.other.link.title.okr']);
    const link = [...value, 'meta.reference.link.okr'];
    assert.deepEqual(scopesOf(line, '['), [...link, 'punctuation.definition.link.title.begin.okr']);
    assert.deepEqual(scopesOf(line, 'shown'), [...link, 'string.other.link.title.okr']);
    assert.deepEqual(scopesOf(line, '('), [...link, 'punctuation.definition.metadata.okr']);
    assert.deepEqual(scopesOf(line, '../2026-Q4/company.md#csat'), [...link, 'markup.underline.link.okr.reference']);
    assert.deepEqual(scopesOf(line, ')'), [...link, 'punctuation.definition.metadata.okr']);
    assert.deepEqual(scopesOf(line, ' bare'), value);
  });

  it('scopes a markdown link with an <angle> destination and a title, and a listed aligns:: field', async () => {
    const [angle, listed] = await tokenize('aligns:: [x](<my file.md#kr> "title")\n- Aligns:: [[csat]]');
    assert.equal(scopesOf(angle, 'my file.md#kr').at(-1), 'markup.underline.link.okr.reference');
    assert.equal(scopesOf(angle, ')').at(-1), 'punctuation.definition.metadata.okr');
    assert.deepEqual(scopesOf(listed, 'csat'), [
      LIST,
      'meta.field.line.okr',
      'meta.field-value.okr.aligns',
      'meta.reference.wikilink.okr',
      'markup.underline.link.okr.reference',
    ]);
  });

  it('scopes references only in aligns:: values', async () => {
    const lines = await tokenize('owner:: [[csat]]\nSee [[csat]] and [x](a.md#csat).');
    assert.deepEqual(scopesOf(lines[0], '[[csat]]'), ['meta.field.line.okr', 'string.unquoted.okr.field-value']);
    assert.deepEqual(okrScopes(lines[1]), []);
  });
});

describe('grammar: markdown stays markdown', () => {
  const sample = [
    '---',
    'okr: operational',
    'aligns:: [[csat]]',
    '---',
    '## Objective: Reduce response time {#support-response}',
    '```markdown',
    '## Objective: in a fence {#x}',
    '- KR: in a fence [a:: 1] ^k',
    'aligns:: [[csat#nps]]',
    '```',
    '~~~',
    '- [x] KR: in a tilde fence [a:: 1]',
    '~~~',
    'Inline `[target:: 12]` and `aligns:: [[csat]]` code.',
    '',
    '    - KR: indented code [a:: 1]',
    '<!-- aligns:: [[csat]]',
    '- KR: in a comment [a:: 1]',
    '-->',
  ].join('\n');

  it('colours nothing inside front matter, code or comments', async () => {
    for (const scopeName of [OKR, MARKDOWN]) {
      const lines = await tokenize(sample, scopeName);
      assert.deepEqual(okrScopes(lines[4]), [
        'meta.objective.okr',
        'keyword.other.okr.objective',
        'meta.id.okr',
        'punctuation.definition.id.begin.okr',
        'entity.name.tag.okr.id',
        'punctuation.definition.id.end.okr',
      ]);
      lines.forEach((line, i) => {
        if (i !== 4) assert.deepEqual(okrScopes(line), [], `${scopeName} line ${i + 1}: ${line.map((t) => t.text).join('')}`);
      });
      // The markdown grammar did see front matter, fences, inline code, indented code and a comment.
      const inside = (from: number, to: number, scope: string) => {
        for (const line of lines.slice(from, to + 1)) {
          for (const t of line) if (t.text) assert.ok(t.scopes.some((s) => s.startsWith(scope)), `${scope}: ${t.text}`);
        }
      };
      inside(1, 2, 'meta.embedded.block.frontmatter');
      inside(5, 12, 'markup.fenced_code.block.markdown');
      assert.ok(scopesOf(lines[13], '[target:: 12]').includes('markup.inline.raw.string.markdown'));
      inside(15, 15, 'markup.raw.block.markdown');
      inside(16, 18, 'comment.block.html');
    }
  });

  it('highlights an okr-markdown document as markdown', async () => {
    const lines = await tokenize('# Company OKRs\n\nSome **bold** text.\n- a list item', OKR);
    assert.deepEqual(scopesOf(lines[0], 'Company OKRs'), ['markup.heading.markdown', 'heading.1.markdown', 'entity.name.section.markdown']);
    assert.equal(scopesOf(lines[2], 'bold').at(-1), 'markup.bold.markdown');
    assert.deepEqual(scopesOf(lines[3], 'a list item'), [LIST, 'meta.paragraph.markdown']);
  });

  it('injects into plain markdown the same way', async () => {
    const [okr, markdown] = await Promise.all([
      tokenize('## O: Title {#t}\n- KR: x [a:: 1] ^k\naligns:: [[t#^k]]', OKR),
      tokenize('## O: Title {#t}\n- KR: x [a:: 1] ^k\naligns:: [[t#^k]]', MARKDOWN),
    ]);
    assert.deepEqual(markdown, okr);
  });
});

describe('grammar: linear time', function () {
  this.timeout(300_000); // a guard against a hang: time is checked as growth
  const N = 100_000;
  /** Hostile lines of about n characters. */
  const adversarial = (n: number): Record<string, string> => ({
    brackets: '['.repeat(n),
    'double brackets in a key result': '- KR: ' + '[['.repeat(n / 2),
    'field separators in a key result': '- KR: ' + 'a:: '.repeat(n / 4),
    'unclosed fields in a key result': '- KR: ' + '[a:: '.repeat(n / 5),
    'spaces in a field value': '[a:: ' + ' '.repeat(n) + 'b',
    'block-id lookalikes': '- KR: ' + '^a '.repeat(n / 3),
    'spaces before a block id': '- KR: x' + ' '.repeat(n) + '^a b',
    'heading ids': '{#'.repeat(n / 2),
    'heading ids in an objective': '## O: ' + '{#'.repeat(n / 2),
    'closed heading ids in an objective': '## O: ' + '{#a} '.repeat(n / 5),
    'spaces in an objective title': '## O: x' + ' '.repeat(n) + 'y',
    'hashes in an objective title': '## O: ' + ' #'.repeat(n / 2) + 'x',
    'wikilink openings in aligns': 'aligns:: ' + '[['.repeat(n / 2),
    'unclosed wikilinks in aligns': 'aligns:: ' + '[[a#^'.repeat(n / 5),
    'unclosed links in aligns': 'aligns:: ' + '[a]('.repeat(n / 4),
    'spaces in a link in aligns': 'aligns:: [a]( ' + ' '.repeat(n),
    'spaces in a field key': 'a' + ' a'.repeat(n / 2) + ' x',
    'spaces before a field separator': 'owner' + ' '.repeat(n) + 'x',
    'word characters': 'a'.repeat(n),
    'list markers': '- '.repeat(n / 2),
    'checkbox lookalikes': '- ' + '[x] '.repeat(n / 4),
    'key-result prefix lookalikes': '- KR' + ' 1'.repeat(n / 2),
  });
  const small = adversarial(N / 16);
  const large = adversarial(N);

  // VS Code's markdown grammar is itself slow on some of these lines (about a minute on the
  // first), which is why VS Code does not tokenize lines over 20,000 characters by default
  // (editor.maxTokenizationLineLength); the stand-in keeps the measure to this grammar's regexes.
  for (const [name, line] of Object.entries(large)) {
    it(`tokenizes a ${line.length.toLocaleString('en')}-character line of ${name} in linear time`, async () => {
      const g = await grammar(OKR, 'stub');
      assert.ok(g.tokenizeLine(line, vsctm.INITIAL).tokens.length > 0);
      assertLinearGrowth(`${name}, ${small[name]!.length.toLocaleString('en')} → ${line.length.toLocaleString('en')} characters`, (n) => {
        const text = n === N ? line : small[name]!;
        return () => g.tokenizeLine(text, vsctm.INITIAL);
      }, { size: N / 16, factor: 16 });
    });
  }

  it('searches with every regex of the grammar in linear time', async () => {
    await loadOniguruma();
    const raw = JSON.parse(readFileSync(new URL('syntaxes/okr-markdown.injection.tmLanguage.json', root), 'utf8')) as unknown;
    const regexes: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') regexes.push(value);
          else walk(value);
        }
      }
    };
    walk(raw);
    assert.ok(regexes.length >= 10, `${regexes.length} regexes`);
    // One search from the start of each line tries the regex at every position: a regex that
    // backtracks over a run of characters takes quadratic time (or worse) in the line's length.
    const subjects = new Map([small, large].map((lines) => [lines, Object.entries(lines).map(([name, text]) => [name, new oniguruma.OnigString(text + '\n')] as const)]));
    try {
      for (const regex of regexes) {
        // A new scanner for every search: a scanner remembers its last search of a string.
        const search = (subject: Oniguruma.OnigString) => () => {
          const scanner = new oniguruma.OnigScanner([regex]);
          scanner.findNextMatchSync(subject, 0);
          scanner.dispose();
        };
        assertEachGrowsLinearly(regex, (n) => subjects.get(n === N ? large : small)!.map(([name, subject]) => ({ name, call: search(subject) })), { size: N / 16, factor: 16 });
      }
    } finally {
      for (const list of subjects.values()) for (const [, subject] of list) subject.dispose();
    }
  });
});

describe('language-configuration.json', () => {
  interface Pair {
    open: string;
    close: string;
    notIn?: string[];
  }
  const config = JSON.parse(readFileSync(new URL('language-configuration.json', root), 'utf8')) as {
    comments: { blockComment: [string, string] };
    autoClosingPairs: Pair[];
    surroundingPairs: [string, string][];
    folding: { markers: { start: string; end: string } };
    wordPattern: { pattern: string; flags: string };
  };

  it('comments with <!-- --> and auto-closes [[ as well as [ ( { and backticks', () => {
    assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
    const pairs = config.autoClosingPairs.map((p) => `${p.open}${p.close}`);
    for (const pair of ['[[]]', '[]', '()', '{}', '``']) assert.ok(pairs.includes(pair), pair);
    const surrounding = config.surroundingPairs.map(([open, close]) => `${open}${close}`);
    for (const pair of ['[]', '()', '``', '**', '__']) assert.ok(surrounding.includes(pair), pair);
  });

  it('folds <!-- #region --> blocks', () => {
    assert.match('<!-- #region Q4 -->', new RegExp(config.folding.markers.start));
    assert.match('  <!-- #endregion -->', new RegExp(config.folding.markers.end));
    assert.doesNotMatch('<!-- a comment -->', new RegExp(config.folding.markers.start));
  });

  it('keeps ids, block ids and cycles as words', () => {
    const words = (text: string) => text.match(new RegExp(config.wordPattern.pattern, config.wordPattern.flags)) ?? [];
    assert.deepEqual(words('## Objective: Faster support {#support-response}'), ['Objective', 'Faster', 'support', 'support-response']);
    assert.deepEqual(words('- KR: Raise NPS [start:: 32] ^nps'), ['KR', 'Raise', 'NPS', 'start', '32', '^nps']);
    assert.deepEqual(words('aligns:: [[csat#^nps]] cycle:: 2026-Q4 owner:: Zoë_K'), ['aligns', 'csat', '^nps', 'cycle', '2026-Q4', 'owner', 'Zoë_K']);
  });
});
