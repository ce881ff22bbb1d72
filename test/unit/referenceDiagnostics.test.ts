// Issue 15, "one problem, one diagnostic" for references and field names: references to a
// duplicated id are the duplicate's problem (not align-unresolved each); "did you mean" offers
// only ids a reference resolves to without an error; a near miss of a field name
// (`aligns: [[kv]]`, `align:: [[kv]]`, `[targte:: 40]`) gets field-near-miss on its own line,
// and no align-missing besides.
import assert from 'node:assert/strict';
import { Suggester } from '../../server/src/okr/analysis/suggest.ts';
import type { Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { bracketNearMisses, lineNearMiss, meantField, nearMissRewrite, OBJECTIVE_FIELDS } from '../../server/src/okr/parse/fieldNames.ts';
import { parseDocument } from '../../server/src/okr/parse/parse.ts';
import { WorkspaceIndex } from '../../server/src/okr/workspace/workspaceIndex.ts';
import { assertEachGrowsLinearly } from './growth.ts';
import { analyze, codes, diagnose, md } from './helpers.ts';

type Files = Record<string, string>;

// Four frontmatter lines: bodies start on (0-based) line 4.
const op = (...body: string[]) => md('---', 'okr: operational', 'cycle: 2026-11', '---', ...body);
const st = (...body: string[]) => md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', ...body);

function check(files: Files, path: string): string[] {
  return codes(diagnose(files, path));
}

function only(files: Files, path: string, code: string): Diagnostic[] {
  return diagnose(files, path).filter((d) => d.code === code);
}

/** An operational objective `id` (heading on 4) whose line 6 is `line`, with one key result on 8. */
function opWith(line: string, id = 't'): string {
  return op(`## Objective: Team ${id} {#${id}}`, '', line, '', '- KR: Do it [progress:: 50]');
}

const STRATEGY: Files = {
  'kv-a.md': st('## Objective: Key value {#kv}', '', '- KR: Grow [progress:: 40] ^grow'),
  'kv-b.md': st('## Objective: Key value, again {#kv}', '', '- KR: Keep [progress:: 80]'),
  'q5.md': st('## Objective: Quarter five {#q5}', '', '- KR: Ship [progress:: 10]'),
};

describe('references to a duplicated id (issue 15)', () => {
  /** The new user's workspace: one duplicated id, five references to it. */
  const files: Files = {
    ...STRATEGY,
    'ops/one.md': opWith('aligns:: [[kv]]', 'one'),
    'ops/two.md': opWith('aligns:: [[KV]], [[kv#grow]]', 'two'),
    'ops/three.md': op(...['a', 'b'].flatMap((id) => [`## Objective: Team ${id} {#${id}}`, '', 'aligns:: [[kv|the key value]]', '', '- KR: x [progress:: 0]', ''])),
  };

  it('no align-unresolved on any reference: one duplicate-id on each definition, counting the ambiguous references', () => {
    for (const path of ['ops/one.md', 'ops/two.md', 'ops/three.md']) assert.deepEqual(check(files, path), [], path);
    for (const path of ['kv-a.md', 'kv-b.md']) {
      const [duplicate, ...more] = only(files, path, 'duplicate-id');
      assert.deepEqual(more, []);
      assert.equal(duplicate?.range.start.line, 4);
      assert.match(duplicate.message, /^The objective id "kv" is also used at kv-[ab]\.md:5, so the 5 references to it are ambiguous and resolve to nothing until one is renamed$/);
    }
    const all = ['kv-a.md', 'kv-b.md', 'q5.md', 'ops/one.md', 'ops/two.md', 'ops/three.md'].flatMap((path) => diagnose(files, path)).filter((d) => d.severity === 'error');
    assert.equal(all.length, 2, all.map((d) => d.message).join('\n'));
  });

  it('the reference still resolves to nothing, and says why where it is written (hover shows this)', () => {
    const analysis = analyze(files);
    const document = analysis.index.get('ops/one.md')!;
    const [resolved] = analysis.references({ document, objective: document.objectives[0]! });
    assert.ok(resolved && !resolved.resolution.ok);
    assert.equal(resolved.resolution.ambiguousId, 'kv');
    assert.equal(resolved.resolution.message, 'The id "kv" is defined 2 times (kv-a.md, kv-b.md), so [[kv]] resolves to nothing until one is renamed');
  });

  it('progress does not roll up into either duplicate, nor does the child count as support', () => {
    const analysis = analyze(files);
    for (const [path, own] of [['kv-a.md', 0.4], ['kv-b.md', 0.8]] as const) {
      const document = analysis.index.get(path)!;
      const node = { document, objective: document.objectives[0]! };
      assert.equal(analysis.progress.objective(node).value, own, path);
      assert.deepEqual(analysis.allChildren(node.objective), [], path);
    }
  });

  it('one reference: said in the singular; none: the message as before', () => {
    const one = { ...STRATEGY, 'ops/one.md': opWith('aligns:: [[kv]]') };
    assert.match(only(one, 'kv-a.md', 'duplicate-id')[0]!.message, /, so the reference to it is ambiguous and resolves to nothing until one is renamed$/);
    assert.equal(only(STRATEGY, 'kv-a.md', 'duplicate-id')[0]!.message, 'The objective id "kv" is also used at kv-b.md:5');
  });

  it('near miss: a markdown link to the file, and [[#kv]] inside one of the files, resolve (the first in that file) and are not counted', () => {
    const near = { ...STRATEGY, 'ops/one.md': opWith('aligns:: [KV](../kv-a.md#kv)') };
    assert.deepEqual(check(near, 'ops/one.md'), []);
    assert.equal(only(near, 'kv-a.md', 'duplicate-id')[0]!.message, 'The objective id "kv" is also used at kv-b.md:5');
  });

  it('a reference to a unique id that does not resolve is still align-unresolved', () => {
    assert.deepEqual(check({ ...STRATEGY, 'ops/one.md': opWith('aligns:: [[q6x]]') }, 'ops/one.md'), ['align-unresolved@6']);
  });

  it('an edit adding a reference to the duplicated id makes both definitions depend on it (their message changes)', () => {
    const index = new WorkspaceIndex();
    for (const [path, text] of Object.entries(STRATEGY)) index.set(parseDocument(path, text));
    const before = parseDocument('ops/one.md', opWith('aligns:: [[q5]]'));
    index.set(before);
    const after = parseDocument('ops/one.md', opWith('aligns:: [[kv]]'));
    index.set(after);
    const dependents = index.dependents(after, before);
    assert.ok(dependents.has('kv-a.md') && dependents.has('kv-b.md'), [...dependents].join());
    assert.equal(index.referencesToId('KV'), 1);
  });
});

describe('"did you mean" offers only ids that resolve (issue 15)', () => {
  it('never the duplicated id itself, nor an id close to it that is duplicated', () => {
    const files = { ...STRATEGY, 'ops/one.md': opWith('aligns:: [[kx]]') };
    const [unresolved] = only(files, 'ops/one.md', 'align-unresolved');
    assert.equal(unresolved?.message, 'No objective or document "kx". Did you mean [[q5]]?');
    assert.deepEqual(analyze(files).suggestIds('kv'), ['q5']);
  });

  it('a misspelt key result of a known objective: its close key results first, keeping #^ as written', () => {
    const files = { ...STRATEGY, 'ops/one.md': opWith('aligns:: [[q5#shp]] [[q5#^sip]]') };
    const shipFirst = { ...files, 'q5.md': st('## Objective: Quarter five {#q5}', '', '- KR: Ship [progress:: 10] ^ship', '- KR: Sell [progress:: 10] ^sell') };
    assert.deepEqual(
      only(shipFirst, 'ops/one.md', 'align-unresolved').map((d) => d.message.replace(/^.*\. Did you mean /, '')),
      ['[[q5#ship]], [[q5]]?', '[[q5#^ship]], [[q5]]?'], // sell is too far from shp
    );
  });

  it('a misspelt id with a key result: only close ids that have that key result, with it; a swap of two letters is one step', () => {
    const files = {
      'grow.md': st('## Objective: Grow {#grow}', '', '- KR: Promoters [progress:: 10] ^nps'),
      'go.md': st('## Objective: Go {#go}', '', '- KR: Other [progress:: 10] ^nps2'),
      'ops/one.md': opWith('aligns:: [[grwo#nps]] [[#npss]]'),
    };
    assert.deepEqual(
      only(files, 'ops/one.md', 'align-unresolved').map((d) => d.message.replace(/^.*?(\. Did you mean |$)/, '$1')),
      ['. Did you mean [[grow#nps]]?', ''],
    );
  });

  it('never an operational objective (aligning to it is align-level)', () => {
    const files = {
      ...STRATEGY,
      'ops/support.md': opWith('aligns:: [[q5]]', 'support'),
      'ops/one.md': opWith('aligns:: [[suport]]'),
    };
    assert.equal(only(files, 'ops/one.md', 'align-unresolved')[0]?.message, 'No objective or document "suport"');
    assert.deepEqual(analyze(files).suggestIds('suport'), []);
  });

  it('near miss: a strategic id, and a bare word naming one, are still suggested', () => {
    const files = { ...STRATEGY, 'ops/one.md': opWith('aligns:: [[q55]] q5') };
    assert.deepEqual(
      only(files, 'ops/one.md', 'align-unresolved').map((d) => d.message),
      ['No objective or document "q55". Did you mean [[q5]]?', 'The text "q5" is not a reference: write [[q5]] or [text](file.md#id). Did you mean [[q5]]?'],
    );
  });

  it('Suggester answers each count on its own (a cached shorter answer is not returned for a longer one)', () => {
    const suggester = new Suggester(['aa', 'ab', 'ac', 'ad']);
    assert.deepEqual(suggester.suggest('a', 1), ['aa']);
    assert.deepEqual(suggester.suggest('a', 3), ['aa', 'ab', 'ac']);
  });
});

describe('near misses of field names (issue 15)', () => {
  const company = { 'company.md': st('## Objective: Key value {#kv}', '', '- KR: Grow [progress:: 40] ^grow') };

  /** Each near miss on line 6 of an operational objective: the name's columns and the field meant. */
  const LINES: [string, number, number, string][] = [
    ['aligns: [[kv]]', 0, 6, 'aligns'],
    ['Aligns: [[kv]]', 0, 6, 'aligns'],
    ['aligns : [[kv]]', 0, 6, 'aligns'],
    ['align:: [[kv]]', 0, 5, 'aligns'],
    ['aligned:: [[kv]]', 0, 7, 'aligns'],
    ['alignment:: [[kv]]', 0, 9, 'aligns'],
    ['Aligned to:: [[kv]]', 0, 10, 'aligns'],
    ['Alignment: [KV](company.md#kv)', 0, 9, 'aligns'],
    ['**Aligns:** [[kv]]', 2, 8, 'aligns'],
    ['  aligns:[[kv]]', 2, 8, 'aligns'],
    ['Cycle: 2026-11', 0, 5, 'cycle'],
    ['cylce:: 2026-11', 0, 5, 'cycle'],
    ['Owner: Sam', 0, 5, 'owner'],
    ['owners:: Support team', 0, 6, 'owner'],
    ['Status: dropped', 0, 6, 'status'],
    ['state:: Active', 0, 5, 'status'],
    ['Level: operational', 0, 5, 'level'],
  ];

  for (const [line, start, end, key] of LINES) {
    it(`\`${line}\`: field-near-miss on its own line, on the name, proposing \`${key}::\``, () => {
      // Aligned when the near miss is of another field: then only the near miss is wrong.
      const aligned = key === 'aligns' ? '' : 'aligns:: [[kv]]';
      const files = { ...company, 't.md': op('## Objective: Team {#t}', '', line, aligned, '', '- KR: Do it [progress:: 50]') };
      const diagnostics = diagnose(files, 't.md');
      // One problem, one diagnostic: an objective whose aligns is a near miss gets no align-missing.
      assert.deepEqual(codes(diagnostics), ['field-near-miss@6']);
      const [miss] = diagnostics;
      // An aligns near miss leaves this operational objective unaligned: as grave as align-missing,
      // so that okr check still fails on it.
      assert.equal(miss?.severity, key === 'aligns' ? 'error' : 'warning');
      assert.deepEqual(miss.range, { start: { line: 6, character: start }, end: { line: 6, character: end } });
      const unaligned = key === 'aligns' ? ', so this operational objective aligns to nothing' : '';
      assert.equal(miss.message, `The line \`${line.trim()}\` is not read${unaligned}: did you mean \`${key}::\`?`);
    });
  }

  it('in a list item under the objective, too', () => {
    const files = { ...company, 't.md': opWith('- aligns: [[kv]]') };
    assert.deepEqual(check(files, 't.md'), ['field-near-miss@6']);
    assert.equal(only(files, 't.md', 'field-near-miss')[0]!.range.start.character, 2);
  });

  const BRACKETS: [string, string, string][] = [
    ['[targte:: 40]', 'targte', 'target'],
    ['[Target: 40]', 'Target', 'target'],
    ['[start: 0]', 'start', 'start'],
    ['[curent:: 5]', 'curent', 'current'],
    ['[progres:: 50%]', 'progres', 'progress'],
    ['[weigth:: 2]', 'weigth', 'weight'],
  ];
  for (const [bracket, name, key] of BRACKETS) {
    it(`a key result's \`${bracket}\`: field-near-miss on the name, proposing \`${key}::\``, () => {
      const text = `- KR: Grow ${bracket} [current:: 1] [target:: 10] ^g`;
      const files = { ...company, 't.md': op('## Objective: T {#t}', '', 'aligns:: [[kv]]', '', text) };
      const [miss, ...more] = only(files, 't.md', 'field-near-miss');
      assert.deepEqual(more, []);
      const at = text.indexOf(name);
      assert.deepEqual(miss?.range, { start: { line: 8, character: at }, end: { line: 8, character: at + name.length } });
      assert.equal(miss.message, `The field \`${bracket}\` is not read: did you mean \`${key}::\`?`);
    });
  }

  it('fields read as written are no near miss: `Aligns :: [[kv]]`, `ALIGNS::[[kv]]`, `[ Target :: 10 ]`', () => {
    for (const line of ['Aligns :: [[kv]]', 'ALIGNS::[[kv]]']) assert.deepEqual(check({ ...company, 't.md': opWith(line) }, 't.md'), [], line);
    const files = { ...company, 't.md': op('## Objective: T {#t}', '', 'aligns:: [[kv]]', '', '- KR: Grow [current:: 1] [ Target :: 10 ]') };
    assert.deepEqual(check(files, 't.md'), []);
  });

  it('prose stays prose: no near miss where the value does not look like the field', () => {
    const prose = [
      'Note: we aim high this quarter.',
      'Target: 40% by March',
      'Status: on track',
      'Owner: whoever has time this quarter, probably Sam.',
      'Cycle: the next one',
      'state:: at risk',
      'team:: Platform',
      'Aligned with the company strategy, see [[kv]]',
      'Level: high',
      'Other:: Sam',
    ];
    const files = { ...company, 't.md': op('## Objective: T {#t}', '', 'aligns:: [[kv]]', '', ...prose.flatMap((line) => [line, '']), '- KR: a [note: 3 teams] [stage: 2] [[kv]] [x](y.md) [P1] [progress:: 5]') };
    assert.deepEqual(check(files, 't.md'), []);
  });

  it('not a reference link\'s text: [Progress: 10%][ref]', () => {
    const files = { ...company, 't.md': op('## Objective: T {#t}', '', 'aligns:: [[kv]]', '', '- KR: Ship [Progress: 10%][ref] [progress:: 10%]', '', '[ref]: https://example.com') };
    assert.deepEqual(check(files, 't.md'), []);
  });

  it('not outside an objective, nor in a key result\'s notes', () => {
    const files = { ...company, 't.md': op('Owner: Sam', '', 'aligns: [[kv]]', '', '## Objective: T {#t}', '', 'aligns:: [[kv]]', '', '- KR: a [progress:: 5]', '', '  aligns: [[kv]]') };
    assert.deepEqual(check(files, 't.md'), []);
  });

  it('align-missing only for the objective without a near miss', () => {
    const files = { ...company, 't.md': op('## Objective: A {#a}', '', 'aligns: [[kv]]', '', '- KR: a [progress:: 5]', '', '## Objective: B {#b}', '', '- KR: b [progress:: 5]') };
    assert.deepEqual(check(files, 't.md'), ['field-near-miss@6', 'align-missing@10']);
  });

  it('a strategic objective gets it too (its alignment is optional, but not read)', () => {
    const files = { ...company, 'team.md': st('## Objective: Team {#team}', '', 'align:: [[kv]]', '', '- KR: a [progress:: 5]') };
    assert.deepEqual(check(files, 'team.md'), ['field-near-miss@6']);
  });

  it('read from the outline: `Owner: Sam` lines and a trailing `[progress: 60%]` are read, so no near miss', () => {
    const files = {
      ...company,
      'team.md': md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Grow the community', '', 'Owner: Sam', '', '- Publish 5 tutorials [progress: 60%]'),
    };
    const analysis = analyze(files);
    const objective = analysis.index.get('team.md')!.objectives[0]!;
    assert.deepEqual(objective.fields.map((f) => f.key), ['owner']);
    assert.deepEqual(objective.keyResults[0]!.fields.map((f) => f.key), ['progress']);
    assert.deepEqual(only(files, 'team.md', 'field-near-miss'), []);
  });

  it('CRLF line ends and a BOM: the same line and columns', () => {
    const text = opWith('aligns: [[kv]]');
    for (const variant of [text.replace(/\n/g, '\r\n'), `\uFEFF${text}`, `\uFEFF${text.replace(/\n/g, '\r\n')}`]) {
      const [miss] = only({ ...company, 't.md': variant }, 't.md', 'field-near-miss');
      assert.deepEqual(miss?.range, { start: { line: 6, character: 0 }, end: { line: 6, character: 6 } });
    }
  });

  it('can be turned off in the config like any code', () => {
    const files = { ...company, 't.md': opWith('aligns: [[kv]]') };
    assert.deepEqual(codes(diagnose(files, 't.md', { config: { severity: { 'field-near-miss': 'off' } } })), []);
  });

  describe('the pieces', () => {
    it('meantField: any case, one edit on five letters, two on six or more, a transposition as one, `align…`', () => {
      const cases: [string, string | undefined][] = [
        ['ALIGNS', 'aligns'], ['alignments', 'aligns'], ['cylce', 'cycle'], ['ownr', 'owner'], ['levle', 'level'], ['stauts', 'status'],
        ['other', undefined], ['own', undefined], ['note', undefined], ['al', undefined], ['cyclesss', undefined],
      ];
      for (const [name, key] of cases) assert.equal(meantField(name, OBJECTIVE_FIELDS), key, name);
    });

    it('nearMissRewrite: from the field to its value, `key:: ` (the value and what follows kept)', () => {
      const cases: [string, number, string][] = [
        ['aligns: [[kv]]', 0, 'aligns:: [[kv]]'],
        ['Aligns  :  [[kv]]', 0, 'aligns:: [[kv]]'],
        ['**Owner:** Sam', 2, 'owner:: Sam'],
        ['**Owner**: Sam', 2, 'owner:: Sam'],
        ['- align:: [[kv]]', 2, '- aligns:: [[kv]]'],
        ['  3. Cycle: 2026-11', 5, '  3. cycle:: 2026-11'],
        ['- KR: Grow [targte:: 40] [x]', 12, '- KR: Grow [target:: 40] [x]'],
        ['- KR: Grow [Target: 40]', 12, '- KR: Grow [target:: 40]'],
      ];
      for (const [line, nameStart, rewritten] of cases) {
        const rewrite = nearMissRewrite(line, nameStart);
        assert.ok(rewrite, line);
        assert.equal(line.slice(0, rewrite.start) + rewrite.newText + line.slice(rewrite.end), rewritten);
      }
      assert.equal(nearMissRewrite('aligns:: [[kv]]', 0), undefined, 'already the field');
      assert.equal(nearMissRewrite('aligns: [[kv]]', 1), undefined, 'not where the diagnostic was');
    });

    it('linear on hostile lines (runs of spaces, colons, brackets, stars)', () => {
      const run = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
      assertEachGrowsLinearly(
        'near misses',
        (size) =>
          ['aligns:', ' ', ':', '::', '[', '[a:', '[[', '**', 'aligns: [[', 'owner: a ', '[target:: 1'].flatMap((unit) => {
            const text = `aligns${run(unit, size)}`;
            return [
              { name: `line ${unit}`, input: text, call: () => lineNearMiss(text) },
              { name: `brackets ${unit}`, input: text, call: () => bracketNearMisses(text) },
            ];
          }),
        { size: 6_250, factor: 16 },
      );
    });
  });
});
