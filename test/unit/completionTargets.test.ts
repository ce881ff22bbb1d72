// Completion of alignment targets (issue 15, SPEC §5, §6, §8): after `[[` in aligns, only
// the objectives this one may align to, best first (strategic, whose cycle contains this
// one's, the shortest cycle first), the best preselected; never an operational objective,
// the objective itself, one aligned to it (a loop), an id defined twice, or (while another
// target fits and cycle-outside-parent is an error) one whose cycle does not contain this
// one's. After `#`, the key results of an objective (or a document) it may align to.
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver';
import { completion } from '../../server/src/features/completion.ts';
import type { FeatureContext } from '../../server/src/features/context.ts';
import type { OkrConfig } from '../../server/src/okr/analysis/config.ts';
import { LineIndex } from '../../server/src/okr/model/text.ts';
import { analyze, md } from './helpers.ts';

const YEAR = md('---', 'okr: strategic', 'cycle: 2026', '---', '## Objective: Grow the company {#grow}', '', '- KR: Revenue [target:: 10] [current:: 5] ^revenue');
const QUARTER = md(
  '---', 'okr: strategic', 'cycle: 2026-Q4', 'owner: Leadership', '---',
  '## Objective: Enhance customer satisfaction {#csat}', '',
  'aligns:: [[grow]]', '',
  '- KR: Raise NPS [start:: 32] [target:: 45] [current:: 38] ^nps',
  '- [-] KR: Survey everyone ^survey',
  '- KR: Cut churn [progress:: 60%] ^churn', '',
  '## Objective: An old idea {#old}', '',
  'status:: dropped', '',
  '- KR: Something [progress:: 10%] ^thing',
);
const TEAM = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Team satisfaction {#team-csat}', '', 'aligns:: [[csat]]', '', '- KR: Team NPS [progress:: 40%] ^team-nps');
const SUBTEAM = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Sub-team satisfaction {#sub}', '', 'aligns:: [[team-csat#team-nps]]', '', '- KR: Sub NPS [progress:: 40%]');
const ARCHIVE = md('---', 'okr: strategic', 'cycle: 2026-Q3', '---', '## Objective: Launch partners {#partners}', '', '- KR: Sign ten [progress:: 100%] ^ten');
const TWICE_A = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: First {#twice}', '', '- KR: One [progress:: 10%] ^one');
const TWICE_B = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Second {#twice}', '', '- KR: Two [progress:: 10%] ^two');
const NO_LEVEL = md('---', 'cycle: 2026-Q4', '---', '## Objective: Levelless {#levelless}', '', '- KR: Thing [progress:: 10%]');
const SUPPORT = md('---', 'okr: operational', 'cycle: 2026-11', '---', '## Objective: Support response {#support}', '', 'aligns:: [[csat#nps]]', '', '- KR: Answer [progress:: 50%] ^answer');

const WORKSPACE: Record<string, string> = {
  'company-2026.md': YEAR,
  'company-q4.md': QUARTER,
  'teams/team.md': TEAM,
  'teams/sub.md': SUBTEAM,
  'archive/q3.md': ARCHIVE,
  'a/twice.md': TWICE_A,
  'b/twice.md': TWICE_B,
  'misc/levelless.okr.md': NO_LEVEL,
  'ops/support.md': SUPPORT,
};

/** A draft of `cycle` whose last line is `line`. */
function draft(cycle: string, line: string, level = 'operational'): string {
  return md('---', `okr: ${level}`, `cycle: ${cycle}`, '---', '## Objective: Draft the plan {#draft}', '', line).trimEnd();
}

/** Completion at the end of the line holding `[[` (the last such line) of `path`, in the workspace with `text` there. */
function complete(path: string, text: string, config: Partial<OkrConfig> = {}): CompletionItem[] {
  const analysis = analyze({ ...WORKSPACE, [path]: text }, { config });
  const document = analysis.index.get(path)!;
  const lines = new LineIndex(text);
  const all = text.split('\n');
  const line = all.length - 1 - [...all].reverse().findIndex((l) => /\[\[[^\]]*$/.test(l));
  assert.ok(line < all.length, 'a line with an open [[');
  return completion({ analysis, document } as FeatureContext, lines, { line, character: lines.lineText(line).length });
}

/** Labels in the order the editor shows them (sortText). */
function ordered(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
}

/** QUARTER with `aligns:: [[…` written at the end of csat's section (before "old"). */
function quarterWriting(line: string): string {
  return QUARTER.replace('## Objective: An old idea', `${line}\n## Objective: An old idea`).replace('aligns:: [[grow]]\n', '');
}

describe('completion of alignment targets (issue 15)', () => {
  describe('after [[ in an operational objective', () => {
    const items = complete('ops/draft.md', draft('2026-11', 'aligns:: [['));

    it('offers only strategic (or level-less) objectives, never an operational one, itself or an id defined twice', () => {
      const labels = items.map((i) => i.label);
      for (const never of ['support', 'draft', 'twice']) assert.ok(!labels.includes(never), `${never} is not offered: ${labels.join(', ')}`);
      assert.deepEqual([...labels].sort(), ['csat', 'grow', 'levelless', 'old', 'sub', 'team-csat']);
    });

    it('leaves out a strategic objective whose cycle does not contain this one (cycle-outside-parent is an error)', () => {
      assert.ok(!items.some((i) => i.label === 'partners'), 'partners (2026-Q3) does not contain 2026-11');
    });

    it('ranks the shortest containing cycle first, dropped and level-less objectives last, and preselects the best', () => {
      const labels = ordered(items);
      assert.equal(labels.indexOf('csat') < labels.indexOf('grow'), true, `a quarter before the year: ${labels.join(', ')}`);
      assert.deepEqual(labels.slice(-2), ['old', 'levelless'], labels.join(', '));
      const preselected = items.filter((i) => i.preselect);
      assert.deepEqual(preselected.map((i) => i.label), [labels[0]], 'one item preselected, the first');
      assert.ok(['csat', 'team-csat', 'sub'].includes(labels[0]!), labels[0]);
    });

    it('says the cycle and the progress of each target, and keeps the title as detail', () => {
      const csat = items.find((i) => i.label === 'csat')!;
      assert.equal(csat.detail, 'Enhance customer satisfaction');
      assert.equal(csat.labelDetails?.description, '2026-Q4 · 53 %');
      assert.equal(typeof csat.documentation, 'string', 'plain text, never markdown');
      const documentation = csat.documentation as string;
      assert.match(documentation, /strategic · 2026-Q4 \(2026-10-01\.\.2026-12-31\) · Leadership/);
      assert.match(documentation, /53 % · 36 days left/);
      assert.match(documentation, /3 key results: type # after the id/);
      assert.equal(items.find((i) => i.label === 'grow')!.labelDetails?.description, '2026 · 50 %');
    });

    it('replaces what is typed after [[ with the id', () => {
      const typed = complete('ops/draft.md', draft('2026-11', 'aligns:: [[cs'));
      const csat = typed.find((i) => i.label === 'csat')!;
      assert.deepEqual(csat.textEdit, { range: { start: { line: 6, character: 11 }, end: { line: 6, character: 13 } }, newText: 'csat' });
    });
  });

  describe('cycles that do not fit', () => {
    it('with cycle-outside-parent below error, offers them last and says why', () => {
      const items = complete('ops/draft.md', draft('2026-11', 'aligns:: [['), { severity: { 'cycle-outside-parent': 'warning' } });
      const labels = ordered(items);
      assert.equal(labels.at(-1), 'partners', labels.join(', '));
      const partners = items.find((i) => i.label === 'partners')!;
      assert.equal(partners.preselect, undefined);
      assert.match(partners.labelDetails!.description!, /outside 2026-11/);
      assert.match(partners.documentation as string, /2026-Q3 does not contain this objective's 2026-11: aligning to it is cycle-outside-parent/);
    });

    it('when no target fits (the cycle being written may be the wrong one), offers them all, none preselected', () => {
      const items = complete('ops/draft.md', draft('2027-03', 'aligns:: [['));
      assert.ok(items.length >= 5, items.map((i) => i.label).join(', '));
      assert.ok(items.every((i) => !i.preselect));
      assert.ok(items.every((i) => /does not contain/.test(i.documentation as string)));
    });

    it('when this objective has no valid cycle, offers every strategic objective, those not ended first', () => {
      const labels = ordered(complete('ops/draft.md', draft('someday', 'aligns:: [[')));
      assert.ok(labels.includes('partners'), labels.join(', '));
      assert.ok(labels.indexOf('csat') < labels.indexOf('partners'), labels.join(', '));
    });
  });

  describe('in a strategic objective', () => {
    it('offers strategic objectives but not itself or any objective aligned to it, directly or through a key result', () => {
      const items = complete('company-q4.md', quarterWriting('aligns:: [['));
      assert.deepEqual(items.map((i) => i.label).sort(), ['grow', 'levelless', 'old']);
      assert.equal(ordered(items)[0], 'grow');
    });

    it('a new strategic team objective: a peer in its own document comes after the objectives of other documents', () => {
      const text = md('---', 'okr: strategic', 'cycle: 2026-Q4', '---', '## Objective: Peer {#peer}', '', '## Objective: Draft {#draft}', '', 'aligns:: [[').trimEnd();
      const labels = ordered(complete('teams/new.md', text));
      assert.deepEqual(labels.slice(-3), ['peer', 'old', 'levelless'], labels.join(', '));
      assert.ok(labels.indexOf('csat') < labels.indexOf('grow'), labels.join(', '));
    });
  });

  describe('after [[id#', () => {
    it('the key results of a strategic objective, a cancelled one last, with progress and arithmetic', () => {
      const items = complete('ops/draft.md', draft('2026-11', 'aligns:: [[csat#'));
      assert.deepEqual(ordered(items), ['nps', 'churn', 'survey']);
      const nps = items.find((i) => i.label === 'nps')!;
      assert.equal(nps.detail, 'Raise NPS');
      assert.equal(nps.labelDetails?.description, '46 %');
      assert.match(nps.documentation as string, /from 32 to 45, now 38: 6 of 13 → 46 %/);
    });

    it('nothing for an operational objective, an id defined twice, or an objective aligned to this one', () => {
      assert.deepEqual(complete('ops/draft.md', draft('2026-11', 'aligns:: [[support#')), []);
      assert.deepEqual(complete('ops/draft.md', draft('2026-11', 'aligns:: [[twice#')), []);
      assert.deepEqual(complete('company-q4.md', quarterWriting('aligns:: [[team-csat#')), []);
    });

    it('[[document#^: the key results of that document', () => {
      const items = complete('ops/draft.md', draft('2026-11', 'aligns:: [[company-q4#^'));
      assert.deepEqual(ordered(items), ['nps', 'churn', 'thing', 'survey']);
    });
  });
});
