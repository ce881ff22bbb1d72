// House rule "messages users see start with a capital letter": the engine run over bad
// documents (one or more for every diagnostic code, in the spirit of diagnostics.test.ts's
// cases) and over every fixture, and every message must open with an uppercase letter or
// with the user's own text set off by a backtick, quote or bracket (`[target:: 0.4]`, "x", [[id]]).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Analysis } from '../../server/src/okr/analysis/analysis.ts';
import { defaultConfig, readConfig } from '../../server/src/okr/analysis/config.ts';
import { parseIsoDay } from '../../server/src/okr/model/calendar.ts';
import { DIAGNOSTIC_CODES, type Diagnostic } from '../../server/src/okr/model/diagnostics.ts';
import { indexFiles, type SourceFile } from '../../server/src/okr/engine.ts';
import { md, TODAY } from './helpers.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** An uppercase letter, or the user's text quoted: `…`, "…", '…', “…”, [[…]], […]. */
const WELL_STARTED = /^[\p{Lu}`"'“[]/u;

const op = (...body: string[]) => md('---', 'okr: operational', 'cycle: 2026-11', '---', ...body);
const st = (...body: string[]) => md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', ...body);

/** Bad workspaces: every diagnostic code, and the many wordings of value, cycle and reference problems. */
const BAD_WORKSPACES: Record<string, string>[] = [
  {
    'company.md': st(
      '## Objective: Customer satisfaction {#csat}',
      '',
      '- KR: Raise NPS [start:: 32] [target:: 45] [current:: 38] ^nps',
      '- KR: Not a number [current:: lots] [target:: 10]',
      '- KR: Orphan current [current:: 5]',
      '- KR: Orphan start [start:: 5]',
      '- KR: Bad progress [progress:: half]',
      '- KR: Progress in hours [progress:: 50h]',
      '- KR: Negative progress [progress:: -5]',
      '- KR: Units [start:: 5h] [target:: 2ms]',
      '- KR: Missing unit [start:: 0%] [target:: 0.4] [current:: 20%]',
      '- KR: Flat [start:: 10] [target:: 10]',
      '- KR: Flat at zero [target:: 0]',
      '- KR: Nothing [owner:: Ann]',
      '- KR: Weight [weight:: 0] [progress:: 10]',
      '- KR: Twice [progress:: 10] [progress:: 20]',
      '- KR: Twin [progress:: 1] ^twin',
      '- KR: Twin again [progress:: 1] ^twin',
      '',
      '## Objective: Dup {#dup}',
      '',
      'level:: tactical',
      'status:: paused',
      'owner:: Ann',
      'owner:: Bob',
      '',
      '## Objective: Dup {#dup}',
      '',
      '## Objective: Malformed {#bad id!}',
      '',
      '## Objective: !!!',
      '',
      '## Objective: Near misses {#near}',
      '',
      'aligns: [[csat]]',
      'Aligns ::[[csat]]',
      'align:: [[csat]]',
      '',
      '- KR: Near [progress:: 5] [tagret:: 5]',
      '',
      '## Objective: Short {#short}',
      '',
      'cycle:: 2026-11',
      '',
      '- KR: Short [progress:: 10]',
    ),
    'team.md': op(
      '## Objective: No alignment {#none}',
      '',
      '- KR: Something [progress:: 5]',
      '',
      '## Objective: Broken references {#broken}',
      '',
      'aligns:: [[nope]], [[csat#nope]], [[csat#^nope]], [[company]], [[company#^nope]], [x](../outside.md#csat), [y](missing.md), csat-typo',
      '',
      '- KR: Something [progress:: 5]',
      '',
      '## Objective: Level {#level}',
      '',
      'aligns:: [[none]], [[none#^k]]',
      '',
      '- KR: Something [progress:: 5] ^k',
      '',
      '## Objective: Loop a {#loop-a}',
      '',
      'aligns:: [[loop-b]]',
      '',
      '## Objective: Loop b {#loop-b}',
      '',
      'aligns:: [[loop-a]]',
      '',
      '## Objective: Self {#self}',
      '',
      'aligns:: [[self]]',
      '',
      '## Objective: Long {#long}',
      '',
      'cycle:: 2026',
      'aligns:: [[csat]]',
      '',
      '- KR: Something [progress:: 5]',
      '',
      '## Objective: Outside {#outside}',
      '',
      'cycle:: 2027-01',
      'aligns:: [[csat]]',
      '',
      '- KR: Something [progress:: 5]',
      '',
      '## Objective: Ended {#ended}',
      '',
      'cycle:: 2026-10',
      'aligns:: [[csat]]',
      '',
      '- KR: Something [progress:: 5]',
      '',
      '## Objective: Too many {#many}',
      '',
      'aligns:: [[csat]]',
      '',
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `- KR: ${k} [progress:: 5]`),
    ),
    'cycles.md': op(
      ...['2026-13', '2026-W60', '2026-W5', '2026-1', '2026-2-3', '2026-02-30', 'someday', 'Q4', 'Nov 26', '0999', '2026-Q4..', '..2026-Q4', '2026..2027..2028', '2026-Q4..2026-Q1'].flatMap(
        (cycle, i) => [`## Objective: Cycle ${i} {#cycle-${i}}`, '', `cycle:: ${cycle}`, 'aligns:: [[csat]]', '', '- KR: Something [progress:: 5]', ''],
      ),
    ),
    'no-level.okr.md': md('## Objective: Nowhere {#nowhere}', '', '- KR: Something [progress:: 5]'),
    'no-objectives.md': st('Just prose, no objectives.'),
    'yaml.md': md('---', 'okr: operational', 'cycle: [2026', '---', '## Objective: Y {#y}'),
    'keys.md': md('---', 'okr: tactical', 'cycle: [2026-Q4, 2027-Q1]', 'owner: {a: 1}', '---', '## Objective: K {#k}'),
    'frontmatter-cycle.md': md('---', 'okr: strategic', 'cycle: 2026-Q5', '---', '## Objective: F {#f}', '', '- KR: Something [progress:: 5]'),
    'too-complex.md': st('>'.repeat(100) + ' deep'),
    'strategic-alone.md': st('## Objective: Unsupported {#unsupported}', '', '- KR: Something [progress:: 5]'),
  },
];

const BAD_CONFIGS = [
  '{',
  '[]',
  '{"unknown": 1}',
  '{"maxKeyResults": "five"}',
  '{"maxKeyResults": -1}',
  '{"severity": {"no-such-code": "off"}}',
  '{"severity": {"kr-missing": "loud"}}',
  '{"documents": [{"include": 1}]}',
  '{"documents": [{"include": "**/*.md", "okr": "tactical", "extra": true}]}',
  '{"operational": {"maxCycleDays": "long"}}',
  '{"fiscalYearStartMonth": 13}',
];

/** Every `.md`/`.mdx` file under a fixture folder, workspace-relative, as an OKR document of `level` when it declares none. */
function fixtureWorkspaces(): { name: string; files: SourceFile[]; configs: string[] }[] {
  const out: { name: string; files: SourceFile[]; configs: string[] }[] = [];
  const walk = (dir: string, into: { files: SourceFile[]; configs: string[] }, root: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path, into, root);
      else if (/\.mdx?$/.test(entry)) into.files.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8'), level: 'strategic' });
      else if (entry === 'okr.config.json') into.configs.push(readFileSync(path, 'utf8'));
    }
  };
  for (const group of ['cli', 'protocol']) {
    for (const name of readdirSync(join(FIXTURES, group))) {
      const root = join(FIXTURES, group, name);
      if (!statSync(root).isDirectory()) continue;
      const workspace = { name: `${group}/${name}`, files: [] as SourceFile[], configs: [] as string[] };
      walk(root, workspace, root);
      out.push(workspace);
    }
  }
  const realWorld = { name: 'real-world', files: [] as SourceFile[], configs: [] as string[] };
  walk(join(FIXTURES, 'real-world'), realWorld, join(FIXTURES, 'real-world'));
  out.push(realWorld);
  return out;
}

function diagnosticsOf(files: SourceFile[]): Diagnostic[] {
  const index = indexFiles(files);
  // Every key result last checked in long ago: checkin-overdue speaks too.
  const lastCheckIn = () => ({ day: parseIsoDay('2026-09-01')!, author: 'Alice' });
  const analysis = new Analysis(index, { config: defaultConfig(), today: parseIsoDay(TODAY)!, lastCheckIn });
  return index.documents().flatMap((document) => analysis.diagnostics(document));
}

/** Every message of the bad workspaces and configs, and of the fixtures. */
function allDiagnostics(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const workspace of BAD_WORKSPACES) out.push(...diagnosticsOf(Object.entries(workspace).map(([path, text]) => ({ path, text }))));
  for (const config of BAD_CONFIGS) out.push(...readConfig(config).problems);
  for (const workspace of fixtureWorkspaces()) {
    out.push(...diagnosticsOf(workspace.files));
    for (const config of workspace.configs) out.push(...readConfig(config).problems);
  }
  return out;
}

/**
 * Lower-case messages written in files this change did not own (listed in its report): each
 * entry is the code and the message's start. Remove an entry once its message is fixed; the
 * last test fails while an entry matches nothing, so that the list cannot go stale.
 */
const KNOWN_LOWER_CASE: [string, RegExp][] = [
  // server/src/okr/analysis/config.ts: the file's or the setting's own name first (`okr.config.json is not valid JSON …`, `documents[0]: …`).
  ['config-invalid', /^okr\.config\.json /],
  ['config-invalid', /^[a-z][\w-]*(?:\.[\w-]+|\[\d+\])*: /],
];

function isKnown(d: Diagnostic): boolean {
  return KNOWN_LOWER_CASE.some(([code, start]) => d.code === code && start.test(d.message));
}

describe('message style: every diagnostic message starts with a capital letter', () => {
  let diagnostics: Diagnostic[] = [];
  before(() => {
    diagnostics = allDiagnostics();
    assert.ok(diagnostics.length > 100, `only ${diagnostics.length} diagnostics`);
  });

  it('the bad documents reach every diagnostic code', () => {
    const reached = new Set(diagnostics.map((d) => d.code));
    assert.deepEqual(
      DIAGNOSTIC_CODES.filter((code) => !reached.has(code)),
      [],
    );
  });

  it("starts with an uppercase letter, or with the user's text in backticks, quotes or brackets", () => {
    const bad = diagnostics.filter((d) => !WELL_STARTED.test(d.message) && !isKnown(d)).map((d) => `${d.code}: ${d.message}`);
    assert.deepEqual([...new Set(bad)], []);
  });

  it('the list of known lower-case messages holds only messages that still occur', () => {
    const stale = KNOWN_LOWER_CASE.filter(([code, start]) => !diagnostics.some((d) => d.code === code && start.test(d.message) && !WELL_STARTED.test(d.message)));
    assert.deepEqual(
      stale.map(([code, start]) => `${code} ${start}`),
      [],
    );
  });
});
